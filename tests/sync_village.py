"""A village with a finalised MusDes and an enrolled device, plus a test district that answers
bundles with receipts and makes updates (with the real container format)."""

from __future__ import annotations

import atexit
import dataclasses
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from accounts_support import APPROVER, add_approver, cheap_hashes
from musdes_village import PASSWORD, load, ruta_ids, village, with_member, with_members
from siksdesk.db.engine import make_engine
from siksdesk.db.session import make_session_factory
from siksdesk.district.context import District as DistrictReceiver
from siksdesk.district.devices import make_village_profile, register_device
from siksdesk.domain.musdes import AttendeeRole, Decision
from siksdesk.services import musdes
from siksdesk.services.household_edit import MemberDraft, save_household
from siksdesk.services.proposals import list_proposals, mark_ready
from siksdesk.sync.container import (
    Kind,
    SenderStatus,
    container_sha256,
    open_verified,
    seal,
    verify,
)
from siksdesk.sync.device import device_keys, import_profile, registration_bytes
from siksdesk.sync.enrolment import make_profile
from siksdesk.sync.keys import KeyPair, PublicIdentity, load_private
from siksdesk.sync.village_types import SyncEnv, unix_now

VILLAGE_CODE = "3522010001"
NEW_NIK = "3522011010100007"
FIXED_NIK = "3522015708800012"
NOW = 1_790_000_000  # 2026-09-21, a fixed clock for the tests


@dataclass
class District:
    keys: KeyPair
    last_update: bytes = b""

    def profile(self, server_url: str = "", village_code: str = VILLAGE_CODE) -> bytes:
        return make_profile(self.keys, district_code="3522", district_name="Kab. Bojonegoro",
                            village_code=village_code, village_name="Desa Sukamaju",
                            issued_at="2026-09-01T08:00:00+00:00", server_url=server_url)

    def open_bundle(self, data: bytes, device: PublicIdentity) -> dict[str, Any]:
        verified = verify(data, expected_kind=Kind.BUNDLE, recipient_key_id=self.keys.key_id,
                          sender_lookup=lambda k: SenderStatus(
                              device if k == device.key_id else None))
        return open_verified(verified, self.keys)

    def receipt(self, bundle: bytes, device: PublicIdentity, *, status: str = "applied",
                results: Sequence[Mapping[str, str]] | None = None,
                last_applied: int | None = None, reason_code: str = "",
                sender: KeyPair | None = None) -> bytes:
        opened = self.open_bundle(bundle, device)
        container = opened["container"]
        sequence = int(container["sequence"])
        sha = container_sha256(bundle)
        if results is None:
            results = [{"usulan": r["usulan"], "status": "accepted", "code": "", "note": ""}
                       for r in opened["records"]]
        payload = {"format": "siksdesk-receipt", "version": 1,
                   "bundle_sha256": sha.hex(), "status": status, "reason_code": reason_code,
                   "results": list(results),
                   "last_applied_sequence": sequence if last_applied is None else last_applied,
                   "last_applied_sha256": sha.hex(),
                   # as the district does: an applied bundle's receipt echoes its audit head
                   "village_audit_head": opened["audit_head"] if status == "applied" else "",
                   "district_audit_head": "00" * 32, "issued_at": "2026-09-21T08:00:00+00:00"}
        return seal(Kind.RECEIPT, payload, sender=sender or self.keys, recipient=device,
                    sequence=sequence, previous=sha, created_at=NOW)

    def update(self, device: PublicIdentity, version: int, items: list[dict[str, Any]], *,
               expires_at: int = NOW + 86_400 * 30, village_code: str = VILLAGE_CODE) -> bytes:
        payload = {"format": "siksdesk-update", "version": 1, "village_code": village_code,
                   "issued_at": "2026-09-21T08:00:00+00:00", "items": items}
        previous = container_sha256(self.last_update) if self.last_update else bytes(32)
        data = seal(Kind.UPDATE, payload, sender=self.keys, recipient=device, sequence=version,
                    previous=previous, created_at=NOW, expires_at=expires_at)
        self.last_update = data
        return data


@dataclass
class SyncVillage:
    env: SyncEnv
    district: District
    approved: list[int]  # usulan ids approved in the finalised MusDes
    held: list[int]  # rejected / deferred ones

    @property
    def factory(self) -> sessionmaker[Session]:
        return self.env.sessions

    @property
    def device(self) -> PublicIdentity:
        return device_keys(self.env).identity


def _new_member(nama: str, nik: str) -> MemberDraft:
    return MemberDraft(art_id=None, nama=nama, nik=nik,
                       values={"jenis_kelamin": 1, "hubungan_krt": 3,
                               "tanggal_lahir": date(2010, 10, 10), "keberadaan": 1,
                               "status_kawin": 1, "nama_ibu_kandung": "Sumini"})


def make_proposals(factory: sessionmaker[Session]) -> list[int]:
    """Five ready proposals: new member (hh 1), NIK fix (hh 2), deceased (hh 3), name fixes."""
    first, second, third = ruta_ids(factory)[:3]
    draft = load(factory, first)
    members = [*draft.families[0].members, _new_member("Anak Baru", NEW_NIK)]
    save_household(factory, with_members(draft, members), author="op")
    save_household(factory, with_member(load(factory, second), 1, nik=FIXED_NIK), author="op")
    save_household(factory, with_member(load(factory, third), 1, values={"keberadaan": 2}),
                   author="op")
    save_household(factory, with_member(load(factory, third), 0, nama="Kepala Tiga"),
                   author="op")
    save_household(factory, with_member(load(factory, second), 0, nama="Kepala Dua"),
                   author="op")
    with factory() as session:
        ids = [row.id for row in list_proposals(session, statuses=("draft",))]
    mark_ready(factory, ids, author="op")
    return ids


def finalised_meeting(factory: sessionmaker[Session], decisions: Mapping[int, Decision]) -> int:
    meeting = musdes.create_meeting(factory, author="op", held_on=date(2026, 9, 20),
                                    place="Balai Desa", agenda="Usulan DTKS",
                                    chair="Bapak Kades", note_taker="Sekdes")
    musdes.add_attendee(factory, meeting.id, author="op", name="Bu Ketua",
                        role=AttendeeRole.BPD, title="Ketua BPD")
    for usulan_id, decision in decisions.items():
        musdes.decide(factory, meeting.id, usulan_id, decision, author="op", note="dibahas")
    musdes.finalise(factory, meeting.id, APPROVER, PASSWORD, author="op")
    return meeting.id


_TEMPLATE: dict[str, object] = {}


def _template() -> tuple[Path, list[int]]:
    """The village with its finalised MusDes, built once per test run and copied per test
    (building it costs ~1 s; copying a few ms)."""
    if "db" not in _TEMPLATE:
        folder = Path(tempfile.mkdtemp(prefix="siksdesk-sync-village-"))
        atexit.register(shutil.rmtree, folder, True)
        with village(folder) as factory, cheap_hashes():
            add_approver(factory, PASSWORD)
            ids = make_proposals(factory)
            decisions = dict(zip(ids, [Decision.SETUJU] * 3 + [Decision.TOLAK,
                                                               Decision.TUNDA], strict=True))
            finalised_meeting(factory, decisions)
        _TEMPLATE["db"], _TEMPLATE["ids"] = folder / "v.sqlite3", ids
    return _TEMPLATE["db"], _TEMPLATE["ids"]  # type: ignore[return-value]


@contextmanager
def sync_village(tmp_path: Path, *, enrol: bool = True) -> Iterator[SyncVillage]:
    template, ids = _template()
    db = tmp_path / "v.sqlite3"
    with sqlite3.connect(template) as source, sqlite3.connect(db) as target:
        source.backup(target)
    engine = make_engine(db)
    try:
        factory = make_session_factory(engine)
        env = SyncEnv(factory, tmp_path / "home", clock=lambda: NOW)
        district = District(KeyPair.generate())
        if enrol:
            import_profile(env, district.profile(), author="op")
        yield SyncVillage(env, district, ids[:3], ids[3:])
    finally:
        engine.dispose()


def enrolled(made: SyncVillage, district: DistrictReceiver) -> SyncEnv:
    """The village enrols with the real district (profile in, registration out)."""
    env = dataclasses.replace(made.env, clock=unix_now)
    import_profile(env, make_village_profile(district, VILLAGE_CODE, "Desa Sukamaju"),
                   author="op")
    device = load_private(env.key_file)
    register_device(district, registration_bytes(env, device_name="Laptop desa"),
                    device.fingerprint)
    return env
