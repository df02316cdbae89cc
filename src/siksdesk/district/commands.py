"""The runners behind ``siksdesk-district`` (parsing is in ``cli``)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Final, TextIO

from sqlalchemy.exc import SQLAlchemyError

from siksdesk.district.context import District, init_district, open_district
from siksdesk.district.db import default_home
from siksdesk.district.errors import DistrictError
from siksdesk.sync.container import MAX_CONTAINER
from siksdesk.sync.errors import SyncError
from siksdesk.sync.keys import atomic_write

EXIT_OK, EXIT_FAILED = 0, 1

_OUTCOMES: Final = {
    "applied": ("diterapkan", "applied"),
    "held": ("ditahan (menunggu paket sebelumnya)", "held (waiting for an earlier bundle)"),
    "duplicate": ("sudah diterima sebelumnya", "already received"),
    "refused": ("ditolak", "refused"),
}


class _Out:
    def __init__(self, out: TextIO, lang: str) -> None:
        self.out = out
        self.lang = lang

    def say(self, id_text: str, en_text: str, **params: object) -> None:
        text = en_text if self.lang == "en" else id_text
        print(text.format(**params), file=self.out)

    def error(self, error: SyncError) -> int:
        print(("error: " if self.lang == "en" else "galat: ") + error.message(self.lang),
              file=self.out)
        return EXIT_FAILED


def run(args: argparse.Namespace, out: TextIO) -> int:
    lang = getattr(args, "lang", "id")
    o = _Out(out, lang)
    home = getattr(args, "home", None) or default_home()
    db_url = getattr(args, "db_url", None)
    try:
        if args.command == "init":
            return _init(args, o, home, db_url)
        district = open_district(home, db_url)
        try:
            return _RUNNERS[args.command](args, o, district)
        finally:
            district.close()
    except SyncError as error:
        return o.error(error)
    except OSError as error:
        name = Path(error.filename).name if error.filename else ""
        return o.error(DistrictError("FILE_UNREADABLE", file=name))
    except SQLAlchemyError as error:  # hide_parameters: no personal data in the text
        return o.error(DistrictError("DATABASE_ERROR", detail=type(error).__name__))


def _init(args: argparse.Namespace, o: _Out, home: Path, db_url: str | None) -> int:
    district = init_district(home, db_url, district_code=args.district_code,
                             district_name=args.district_name, server_url=args.server_url,
                             training=args.training)
    try:
        o.say("Penerima kabupaten {code} disiapkan di {home}.",
              "District receiver {code} set up in {home}.", code=args.district_code, home=home)
        o.say("Sidik jari kunci kabupaten: {fp}", "District key fingerprint: {fp}",
              fp=district.keys.fingerprint)
    finally:
        district.close()
    return EXIT_OK


def _profile(args: argparse.Namespace, o: _Out, district: District) -> int:
    from siksdesk.district.devices import make_village_profile

    data = make_village_profile(district, args.village_code, args.village_name)
    atomic_write(args.output, data, mode=0o644)
    o.say("Profil untuk desa {code} ditulis ke {file}. Sidik jari kabupaten: {fp}",
          "Profile for village {code} written to {file}. District fingerprint: {fp}",
          code=args.village_code, file=args.output, fp=district.keys.fingerprint)
    return EXIT_OK


def _register(args: argparse.Namespace, o: _Out, district: District) -> int:
    from siksdesk.district.devices import register_device

    data = _read_small(args.file)
    info = register_device(district, data, args.fingerprint)
    o.say("Perangkat {key} ({device}) untuk desa {code} {name} didaftarkan. Sidik jari: {fp}",
          "Device {key} ({device}) for village {code} {name} registered. Fingerprint: {fp}",
          key=info.key_id, device=info.device_name, code=info.village_code,
          name=info.village_name, fp=info.fingerprint)
    return EXIT_OK


def _revoke(args: argparse.Namespace, o: _Out, district: District) -> int:
    from siksdesk.district.devices import revoke_device
    from siksdesk.district.updates import revocation_updates

    info = revoke_device(district, args.key_id, args.reason)
    told = revocation_updates(district, info.key_id, args.reason)
    o.say("Perangkat {key} (desa {code}) dicabut; {n} perangkat lain di desa itu diberi tahu "
          "lewat pembaruan.",
          "Device {key} (village {code}) revoked; {n} other device(s) of that village will "
          "be told by an update.", key=info.key_id, code=info.village_code, n=len(told))
    return EXIT_OK


def _read_small(path: Path, limit: int = 64 * 1024) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(limit + 1)


def _ingest(args: argparse.Namespace, o: _Out, district: District) -> int:
    from siksdesk.district.ingest import IngestResult, ingest

    failed = False
    for path in args.files:
        with open(path, "rb") as handle:
            data = handle.read(MAX_CONTAINER + 1)
        result: IngestResult = ingest(district, data)
        words = _OUTCOMES[result.outcome]
        line = f"{path.name}: {words[1] if o.lang == 'en' else words[0]}"
        if result.sequence:
            line += f" (seq {result.sequence})" if o.lang == "en" else \
                f" (urutan {result.sequence})"
        if result.outcome == "applied":
            line += (f" — {result.accepted} accepted, {result.rejected} rejected"
                     if o.lang == "en" else
                     f" — {result.accepted} diterima, {result.rejected} ditolak")
        if result.released:
            line += "; + " + ", ".join(str(n) for n in result.released)
        if result.outcome == "refused":
            failed = True
            line += ": " + (result.message(o.lang) if result.error else result.reason_code)
        print(line, file=o.out)
        if result.receipt is not None:
            target = (args.receipts / f"{path.name}.receipt" if args.receipts
                      else path.with_name(f"{path.name}.receipt"))
            atomic_write(target, result.receipt, mode=0o644)
    return EXIT_FAILED if failed else EXIT_OK


def _receipt(args: argparse.Namespace, o: _Out, district: District) -> int:
    from siksdesk.district.receipts import find_receipt

    data = find_receipt(district, args.device, None if args.latest else args.sequence)
    atomic_write(args.output, data, mode=0o644)
    o.say("Tanda terima ditulis ke {file}.", "Receipt written to {file}.", file=args.output)
    return EXIT_OK


def _serve(args: argparse.Namespace, o: _Out, district: District) -> int:
    import uvicorn

    from siksdesk.district.server import Limits, create_app, uvicorn_options

    limits = Limits() if args.max_body is None else Limits(max_body=args.max_body)
    o.say("Melayani di http://{host}:{port}/v1 (Ctrl+C untuk berhenti).",
          "Serving on http://{host}:{port}/v1 (Ctrl+C to stop).", host=args.host,
          port=args.port)
    uvicorn.run(create_app(district, limits), host=args.host, port=args.port,
                log_level="warning", **uvicorn_options(limits))  # type: ignore[arg-type]
    return EXIT_OK


def _updates(args: argparse.Namespace, o: _Out, district: District) -> int:
    from siksdesk.district import updates
    from siksdesk.domain.import_problems import ImportRejected

    if args.update_kind == "invalid-nik":
        try:
            item: updates.UpdateItem = updates.invalid_nik_item(args.file)
        except ImportRejected as rejected:
            print(rejected.message(o.lang), file=o.out)
            return EXIT_FAILED
    else:
        item = updates.decision_item(args.usulan, args.status, args.code, args.note)
    issued = updates.issue_update(district, args.device, [item],
                                  expires_days=args.expires_days)
    atomic_write(args.output, issued.data, mode=0o644)
    o.say("Pembaruan versi {v} untuk perangkat {key} (desa {code}) ditulis ke {file}.",
          "Update version {v} for device {key} (village {code}) written to {file}.",
          v=issued.version, key=issued.key_id, code=issued.village_code, file=args.output)
    return EXIT_OK


def _rotate(args: argparse.Namespace, o: _Out, district: District) -> int:
    from siksdesk.district.rotation import rotate_keys

    done = rotate_keys(district, overlap_days=args.overlap_days)
    o.say("Kunci kabupaten baru {key}, sidik jari {fp}. Paket yang disegel untuk kunci lama "
          "{old} masih diterima sampai {until}.",
          "New district key {key}, fingerprint {fp}. Bundles sealed to the old key {old} are "
          "accepted until {until}.", key=done.new_key_id, fp=done.new_fingerprint,
          old=done.old_key_id, until=done.old_valid_until)
    for update in done.updates if args.updates_dir is not None else ():
        name = f"{update.village_code}-{update.key_id[:8]}-v{update.version:06d}"
        atomic_write(args.updates_dir / f"{name}.siksdesk-update", update.data, mode=0o644)
    o.say("{n} perangkat aktif diberi pembaruan versi baru berisi kunci baru (ditandatangani "
          "kunci lama){where}.",
          "{n} active device(s) got an update carrying the new key (signed by the old "
          "key){where}.", n=len(done.updates),
          where=f" → {args.updates_dir}" if args.updates_dir is not None else "")
    return EXIT_OK


def _status(args: argparse.Namespace, o: _Out, district: District) -> int:
    from siksdesk.district.status import district_status

    status = district_status(district)
    if args.json:
        print(json.dumps(status.to_json(), ensure_ascii=False, indent=2), file=o.out)
        return EXIT_OK
    o.say("Kabupaten {code} {name}{mode}: {bundles} paket diterapkan, {records} usulan; "
          "kepala audit {head}",
          "District {code} {name}{mode}: {bundles} bundles applied, {records} usulan; "
          "audit head {head}", code=status.district_code, name=status.district_name,
          mode=" [latihan]" if status.training else "", bundles=status.bundles_applied,
          records=status.records_applied, head=status.audit_head[:16])
    for d in status.devices:
        flags = []
        if d.status == "revoked":
            flags.append(("DICABUT " if o.lang != "en" else "REVOKED ") + d.revoked_reason)
        if d.missing:
            flags.append(("menunggu " if o.lang != "en" else "waiting for ")
                         + ",".join(str(n) for n in d.missing[:10]))
        if d.held:
            flags.append(("ditahan " if o.lang != "en" else "held ")
                         + ",".join(str(n) for n in d.held[:10]))
        flags += [f"ALARM {a.kind}@{a.sequence}" for a in d.alarms]
        print(f"  {d.village_code} {d.village_name} [{d.key_id}] {d.device_name}: "
              f"seq {d.last_applied_sequence}" + ("; " + "; ".join(flags) if flags else ""),
              file=o.out)
    return EXIT_OK


_RUNNERS: Final[dict[str, Callable[[argparse.Namespace, _Out, District], int]]] = {
    "profile": _profile, "register": _register, "revoke": _revoke, "ingest": _ingest,
    "receipt": _receipt, "serve": _serve, "updates": _updates, "status": _status,
    "rotate-keys": _rotate,
}
