"""``siksdesk sync ...``: the village side of sync with the district, for district IT staff and
scripted end-to-end tests (the "Kirim ke Dinas" page calls the same services).

    sync keys                 create (once) and show this laptop's device key id + fingerprint
    sync enrol PROFILE_FILE   import the district profile; prints the district's fingerprint
    sync register -o FILE     write the device registration file; prints the fingerprint
    sync status [--json]      profile, device, outbox, receipts, updates, refusal reason
    sync seal                 seal the next bundle from the MusDes-approved proposals
    sync write DIR            write every unreceipted bundle to DIR (verified after writing)
    sync upload [--url URL]   upload pending bundles and store the receipts
    sync import FILE...       import receipts / updates from the district
    sync fetch [--url URL]    fetch the latest receipt and new updates from the server

Exit status 0 done, 1 refused / failed / offline (the message says why; nothing was lost:
bundles stay queued), 2 usage. Nothing personal is printed: counts, sequence numbers, key ids.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from siksdesk.commands import DatabaseRefused, opened_database

if TYPE_CHECKING:
    from siksdesk.sync.village_types import ImportOutcome, SyncEnv

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
AUTHOR = "cli"

_TEXT = {
    "id": {
        "keys": "Kunci perangkat {state}: ID {key_id}\nSidik jari: {fingerprint}",
        "made": "dibuat", "exists": "sudah ada",
        "enrolled": "Profil Dinas diimpor: {district} ({code}), desa {village}.\n"
                    "Sidik jari Dinas: {fingerprint}\nServer: {server}",
        "registered": "Berkas registrasi ditulis: {path}\nSidik jari perangkat: {fingerprint}",
        "sealed": "Paket no. {sequence} disegel: {records} usulan ({counts}), {niks} NIK.",
        "written": "Ditulis dan diperiksa: {path} (paket no. {sequence}, {size} byte)",
        "uploaded": "Terkirim {sent} paket; {queued} masih dalam antrean.",
        "offline": "Server Dinas tidak terjangkau: paket tetap dalam antrean.",
        "failed": "Gagal: {code}",
        "receipt": "Tanda terima paket no. {sequence}: {status}{reason}; diterima {accepted}, "
                   "ditolak {rejected}, {issues} NIK ke daftar Perbaikan NIK{dup}{caught}.",
        "update": "Pembaruan versi {sequence}: diterima {accepted}, ditolak {rejected}, "
                  "{issues} NIK ke daftar Perbaikan NIK{dup}{revoked}{rotated}.",
        "dup": " (sudah pernah diimpor)", "caught": "; sudah menyusul Dinas",
        "revoked": "; PERANGKAT DICABUT", "rotated": "; kunci Dinas baru",
        "fetched": "Diambil: {receipts} tanda terima, {updates} pembaruan.",
        "status_profile": "Profil: {value}", "status_device": "Perangkat: {value}",
        "status_line": "Usulan siap kirim: {exportable}; tertahan: {held}; paket menunggu "
                       "tanda terima: {unreceipted}; paket terakhir: {last}; diterapkan Dinas "
                       "s.d.: {ack}; versi pembaruan: {version}",
        "status_block": "Tidak dapat menyegel: {message}", "none": "belum ada",
    },
    "en": {
        "keys": "Device key {state}: id {key_id}\nFingerprint: {fingerprint}",
        "made": "created", "exists": "exists",
        "enrolled": "District profile imported: {district} ({code}), village {village}.\n"
                    "District fingerprint: {fingerprint}\nServer: {server}",
        "registered": "Registration file written: {path}\nDevice fingerprint: {fingerprint}",
        "sealed": "Bundle no. {sequence} sealed: {records} proposals ({counts}), {niks} NIKs.",
        "written": "Written and verified: {path} (bundle no. {sequence}, {size} bytes)",
        "uploaded": "Sent {sent} bundle(s); {queued} still queued.",
        "offline": "The district server is out of reach: bundles stay queued.",
        "failed": "Failed: {code}",
        "receipt": "Receipt for bundle no. {sequence}: {status}{reason}; accepted {accepted}, "
                   "rejected {rejected}, {issues} NIK(s) to the NIK worklist{dup}{caught}.",
        "update": "Update version {sequence}: accepted {accepted}, rejected {rejected}, "
                  "{issues} NIK(s) to the NIK worklist{dup}{revoked}{rotated}.",
        "dup": " (already imported)", "caught": "; caught up with the district",
        "revoked": "; DEVICE REVOKED", "rotated": "; new district key",
        "fetched": "Fetched: {receipts} receipt(s), {updates} update(s).",
        "status_profile": "Profile: {value}", "status_device": "Device: {value}",
        "status_line": "Proposals ready to send: {exportable}; held back: {held}; bundles "
                       "awaiting a receipt: {unreceipted}; last bundle: {last}; applied by the "
                       "district through: {ack}; update version: {version}",
        "status_block": "Cannot seal: {message}", "none": "none yet",
    },
}


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser],
               common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("sync", parents=[common], help="sync with the district office",
                            description="Enrolment, bundles, receipts and updates "
                                        "(Kirim ke Dinas).")
    actions = parser.add_subparsers(dest="sync_action", metavar="ACTION", required=True)
    actions.add_parser("keys", parents=[common], help="create/show the device key")
    enrol = actions.add_parser("enrol", parents=[common], help="import the district profile")
    enrol.add_argument("profile", type=Path, metavar="PROFILE_FILE")
    enrol.add_argument("--replace", action="store_true",
                       help="replace a profile with other district keys")
    register = actions.add_parser("register", parents=[common],
                                  help="write the device registration file")
    register.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    register.add_argument("--device-name", default="Laptop desa", metavar="NAME")
    status = actions.add_parser("status", parents=[common], help="show the sync state")
    status.add_argument("--json", action="store_true", help="print JSON")
    actions.add_parser("seal", parents=[common], help="seal the next bundle")
    write = actions.add_parser("write", parents=[common], help="write bundles to a folder")
    write.add_argument("folder", type=Path, metavar="DIR")
    for name, text in (("upload", "upload pending bundles"),
                       ("fetch", "fetch receipts and updates")):
        action = actions.add_parser(name, parents=[common], help=text)
        action.add_argument("--url", default=None, help="server address (default: profile)")
        action.add_argument("--attempts", type=int, default=4, choices=range(1, 11),
                            metavar="N", help="tries per request (default 4)")
    imports = actions.add_parser("import", parents=[common], help="import receipts/updates")
    imports.add_argument("files", type=Path, nargs="+", metavar="FILE")


def run(args: argparse.Namespace, out: TextIO) -> int:
    from siksdesk.sync.errors import SyncError
    from siksdesk.sync.village_types import SyncEnv

    lang = "en" if getattr(args, "lang", None) == "en" else "id"
    try:
        with opened_database(args, out) as ctx:
            env = SyncEnv(ctx.sessions, ctx.paths.home)
            return _ACTIONS[args.sync_action](env, args, out, _TEXT[lang])
    except DatabaseRefused:
        return EXIT_FAILED
    except SyncError as exc:
        out.write(exc.message(lang) + "\n")
        return EXIT_FAILED


def _keys(env: SyncEnv, _args: argparse.Namespace, out: TextIO, t: dict[str, str]) -> int:
    from siksdesk.sync.device import ensure_device

    info = ensure_device(env)
    out.write(t["keys"].format(state=t["made"] if info.created else t["exists"],
                               key_id=info.key_id, fingerprint=info.fingerprint) + "\n")
    return EXIT_OK


def _enrol(env: SyncEnv, args: argparse.Namespace, out: TextIO, t: dict[str, str]) -> int:
    from siksdesk.sync.device import import_profile_file

    info = import_profile_file(env, args.profile, author=AUTHOR, replace=args.replace)
    out.write(t["enrolled"].format(district=info.district_name, code=info.district_code,
                                   village=info.village_code, fingerprint=info.fingerprint,
                                   server=info.server_url or "-") + "\n")
    return EXIT_OK


def _register(env: SyncEnv, args: argparse.Namespace, out: TextIO, t: dict[str, str]) -> int:
    from siksdesk.sync.device import write_registration

    info = write_registration(env, args.output, device_name=args.device_name)
    out.write(t["registered"].format(path=info.path, fingerprint=info.fingerprint) + "\n")
    return EXIT_OK


def _status(env: SyncEnv, args: argparse.Namespace, out: TextIO, t: dict[str, str]) -> int:
    import dataclasses

    from siksdesk.sync.status import sync_status
    from siksdesk.sync.village_types import VillageSyncError

    status = sync_status(env)
    if args.json:
        json.dump(dataclasses.asdict(status), out, default=str, indent=2)
        out.write("\n")
        return EXIT_OK
    profile = status.profile
    out.write(t["status_profile"].format(value=f"{profile.district_name} "
                                         f"({profile.fingerprint})" if profile else t["none"])
              + "\n")
    device = status.device
    out.write(t["status_device"].format(value=f"{device.key_id} ({device.fingerprint})"
                                        if device else t["none"]) + "\n")
    out.write(t["status_line"].format(exportable=status.exportable, held=status.held_back,
                                      unreceipted=status.unreceipted,
                                      last=status.last_sequence,
                                      ack=status.acknowledged_through,
                                      version=status.update_version) + "\n")
    if status.blocked_code:
        error = VillageSyncError(status.blocked_code, marker_sequence=status.marker_sequence,
                                 database_sequence=status.last_sequence, key_id="-")
        lang = "en" if t is _TEXT["en"] else "id"
        out.write(t["status_block"].format(message=error.message(lang)) + "\n")
    return EXIT_OK


def _seal(env: SyncEnv, _args: argparse.Namespace, out: TextIO, t: dict[str, str]) -> int:
    from siksdesk.sync.outbox import seal_next

    sealed = seal_next(env, author=AUTHOR)
    counts = ", ".join(f"{kind} {n}" for kind, n in sorted(sealed.counts.items()))
    out.write(t["sealed"].format(sequence=sealed.sequence, records=sealed.records,
                                 counts=counts, niks=sealed.niks) + "\n")
    return EXIT_OK


def _write(env: SyncEnv, args: argparse.Namespace, out: TextIO, t: dict[str, str]) -> int:
    from siksdesk.sync.transport import write_bundles

    for item in write_bundles(env, args.folder):
        out.write(t["written"].format(path=item.path, sequence=item.sequence,
                                      size=item.bytes) + "\n")
    return EXIT_OK


def _upload(env: SyncEnv, args: argparse.Namespace, out: TextIO, t: dict[str, str]) -> int:
    from siksdesk.sync.transport import RetryPolicy, upload_pending

    result = upload_pending(env, url=args.url, author=AUTHOR,
                            policy=RetryPolicy(attempts=args.attempts))
    for outcome in result.receipts:
        _print_outcome(outcome, out, t)
    if result.offline:
        out.write(t["offline"] + "\n")
        return EXIT_FAILED
    out.write(t["uploaded"].format(sent=result.sent, queued=result.queued) + "\n")
    if result.error_code:
        out.write(t["failed"].format(code=result.error_code) + "\n")
        return EXIT_FAILED
    return EXIT_OK


def _import(env: SyncEnv, args: argparse.Namespace, out: TextIO, t: dict[str, str]) -> int:
    from siksdesk.sync.inbox import import_files

    for outcome in import_files(env, args.files, author=AUTHOR):
        _print_outcome(outcome, out, t)
    return EXIT_OK


def _fetch(env: SyncEnv, args: argparse.Namespace, out: TextIO, t: dict[str, str]) -> int:
    from siksdesk.sync.transport import RetryPolicy, fetch

    result = fetch(env, url=args.url, author=AUTHOR, policy=RetryPolicy(attempts=args.attempts))
    for outcome in (*result.receipts, *result.updates):
        _print_outcome(outcome, out, t)
    if result.offline:
        out.write(t["offline"] + "\n")
        return EXIT_FAILED
    out.write(t["fetched"].format(receipts=len(result.receipts),
                                  updates=len(result.updates)) + "\n")
    if result.error_code:
        out.write(t["failed"].format(code=result.error_code) + "\n")
        return EXIT_FAILED
    return EXIT_OK


def _print_outcome(outcome: ImportOutcome, out: TextIO, t: dict[str, str]) -> None:
    values: dict[str, Any] = {
        "sequence": outcome.sequence, "status": outcome.status,
        "reason": f" ({outcome.reason_code})" if outcome.reason_code else "",
        "accepted": outcome.accepted, "rejected": outcome.rejected,
        "issues": outcome.nik_issues, "dup": t["dup"] if outcome.duplicate else "",
        "caught": t["caught"] if outcome.caught_up else "",
        "revoked": t["revoked"] if outcome.revoked else "",
        "rotated": t["rotated"] if outcome.keys_rotated else ""}
    out.write(t[outcome.kind].format(**values) + "\n")


_ACTIONS = {"keys": _keys, "enrol": _enrol, "register": _register, "status": _status,
            "seal": _seal, "write": _write, "upload": _upload, "import": _import,
            "fetch": _fetch}
