"""The real parts the sync state machine drives: one village laptop (its SQLite database, home
folder and device key) enrolled with one district receiver (SQLite in its own home folder).

Building and enrolling the pair costs ~2 s, so it is built once per test run (``_template``) and
every hypothesis example works on a file copy of it (a few ms)."""

from __future__ import annotations

import atexit
import shutil
import sqlite3
import tempfile
from contextlib import closing
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from accounts_support import APPROVER, cheap_hashes
from musdes_village import PASSWORD
from siksdesk.db.engine import make_engine
from siksdesk.db.session import make_session_factory, unit_of_work
from siksdesk.district.context import District, init_district, open_district
from siksdesk.district.db import read_session
from siksdesk.district.devices import find_device
from siksdesk.district.ingest import IngestResult, ingest
from siksdesk.district.models import Alarm, AppliedRecord, Bundle
from siksdesk.domain.deactivation import DeactivationReason
from siksdesk.domain.musdes import Decision
from siksdesk.models import Art, SyncBundle, SyncBundleItem, Usulan
from siksdesk.services import musdes
from siksdesk.services.backup_restore import restore_backup
from siksdesk.services.proposals import exportable_proposals, mark_ready
from siksdesk.services.usulan import propose_art_deactivation
from siksdesk.sync.catch_up import read_marker
from siksdesk.sync.container import Kind, SenderStatus, open_verified, verify
from siksdesk.sync.inbox import import_bytes
from siksdesk.sync.keys import KeyPair, load_private
from siksdesk.sync.outbox import UNRECEIPTED, pending_containers, seal_next
from siksdesk.sync.payload_types import Receipt
from siksdesk.sync.payloads import parse_receipt
from siksdesk.sync.village_types import ImportOutcome, SealedBundle, SyncEnv
from sync_village import enrolled, sync_village

_TEMPLATE: dict[str, Path] = {}


def _template() -> Path:
    """<folder>/v.sqlite3 (village with 3 approved proposals in a finalised MusDes),
    <folder>/home (its device key, profile imported), <folder>/dinas (district, device
    registered). Every engine is closed, so plain file copies are consistent."""
    if "pair" not in _TEMPLATE:
        folder = Path(tempfile.mkdtemp(prefix="siksdesk-sync-machine-"))
        atexit.register(shutil.rmtree, folder, True)
        district = init_district(folder / "dinas", None, district_code="3522",
                                 district_name="Kab. Bojonegoro")
        try:
            with sync_village(folder, enrol=False) as made:
                enrolled(made, district)
        finally:
            district.close()
        assert not list(folder.rglob("*-wal")), "template copied while a database was open"
        _TEMPLATE["pair"] = folder
    return _TEMPLATE["pair"]


@dataclass(frozen=True, slots=True)
class ReceiptFacts:
    sequence: int  # the answered bundle's
    bundle_sha256: str
    status: str
    last_applied: int
    sha256: str  # of the receipt container itself


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Both databases at one moment (read after every step)."""

    applied: dict[str, int]  # district: usulan uuid → applied-record rows
    head: int  # district: last applied sequence of the device
    district_bundles: dict[str, tuple[int, str]]  # sha256 → (sequence, state)
    alarms: list[tuple[str, int, str]]
    statuses: dict[str, str]  # village: usulan uuid → status
    village_bundles: dict[int, tuple[str, str, str]]  # sequence → (sha256, state, receipt)
    sent_waiting: set[str]  # usulan uuids in a bundle without a valid receipt
    exportable: set[str]
    marker: int  # the marker file's last sealed sequence


class SyncPair:
    """A fresh copy of the enrolled village + district. ``close()`` removes it."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="siksdesk-sync-run-"))
        shutil.copytree(_template(), self.root, dirs_exist_ok=True)
        self.database = self.root / "v.sqlite3"
        self.home = self.root / "home"
        self.district: District = open_district(self.root / "dinas")
        self.engine: Engine = make_engine(self.database)
        self.env = self._env()
        self.device: KeyPair = load_private(self.env.key_file)
        self.key_id = self.device.key_id.hex()
        self._backups = 0

    def _env(self) -> SyncEnv:
        return SyncEnv(make_session_factory(self.engine), self.home)

    @property
    def sessions(self) -> sessionmaker[Session]:
        return self.env.sessions

    def close(self) -> None:
        self.engine.dispose()
        self.district.close()
        shutil.rmtree(self.root, ignore_errors=True)

    # --- the village ----------------------------------------------------------------------

    def approve(self, choices: list[tuple[int, Decision]]) -> dict[str, Decision]:
        """A new SPTJM deciding one deactivation proposal per (member index, decision),
        finalised with the Kepala Desa's password. Returns {usulan uuid: decision}."""
        with self.sessions() as session:
            arts = list(session.scalars(select(Art.id).order_by(Art.id)))
        with unit_of_work(self.sessions, "op") as session:
            rows = [propose_art_deactivation(session, arts[index % len(arts)],
                                             DeactivationReason.PINDAH, source="edit",
                                             author="op")
                    for index, _ in choices]
        mark_ready(self.sessions, [r.id for r in rows], author="op")
        meeting = musdes.create_sptjm(self.sessions, author="op", held_on=date(2026, 9, 21),
                                      chair="Bapak Kades", statement="Saya bertanggung jawab")
        for row, (_, decision) in zip(rows, choices, strict=True):
            musdes.decide(self.sessions, meeting.id, row.id, decision, author="op")
        with cheap_hashes():
            musdes.finalise(self.sessions, meeting.id, APPROVER, PASSWORD, author="op")
        return {row.uuid: decision for row, (_, decision) in zip(rows, choices, strict=True)}

    def seal(self) -> SealedBundle:
        return seal_next(self.env, author="op")

    def import_receipt(self, data: bytes) -> ImportOutcome:
        return import_bytes(self.env, data, author="op", name="tanda-terima")

    def pending(self) -> list[tuple[int, str, bytes]]:
        return pending_containers(self.env)

    def statuses(self) -> dict[str, str]:
        with self.sessions() as session:
            return {uuid: status for uuid, status in session.execute(
                select(Usulan.uuid, Usulan.status))}

    def exportable(self) -> set[str]:
        with self.sessions() as session:
            return {row.uuid for row in exportable_proposals(session)}

    def bundle_states(self) -> dict[int, tuple[str, str, str]]:
        """sequence → (sha256, state, receipt status) of every bundle this database holds."""
        with self.sessions() as session:
            return {seq: (sha, state, receipt) for seq, sha, state, receipt in session.execute(
                select(SyncBundle.sequence, SyncBundle.sha256, SyncBundle.state,
                       SyncBundle.receipt_status))}

    def sent_in_unreceipted(self) -> set[str]:
        """Usulan uuids that travel in a bundle this database has no valid receipt for."""
        with self.sessions() as session:
            return set(session.scalars(
                select(Usulan.uuid).join(SyncBundleItem, SyncBundleItem.usulan_id == Usulan.id)
                .join(SyncBundle, SyncBundle.id == SyncBundleItem.bundle_id)
                .where(SyncBundle.state.in_(UNRECEIPTED))))

    def marker_sequence(self) -> int:
        marker = read_marker(self.env)
        return marker.sequence if marker is not None else 0

    def backup(self) -> Path:
        """VACUUM INTO a stand-alone copy (what the automatic backups do)."""
        self._backups += 1
        target = self.root / "kept" / f"backup-{self._backups}.sqlite3"
        target.parent.mkdir(exist_ok=True)
        with closing(sqlite3.connect(self.database)) as conn:
            conn.execute("VACUUM INTO ?", (str(target),))
        return target

    def restore(self, source: Path) -> None:
        """Through the real restore service: every connection closed first, then reopened."""
        self.engine.dispose()
        restore_backup(self.home, self.database, source, backups=self.root / "backups")
        self.engine = make_engine(self.database)
        self.env = self._env()

    # --- the district ---------------------------------------------------------------------

    def ingest(self, data: bytes) -> IngestResult:
        return ingest(self.district, data)

    def district_head(self) -> int:
        with read_session(self.district.factory) as session:
            device = find_device(session, self.key_id)
            assert device is not None
            return device.last_applied_sequence

    def district_bundles(self) -> dict[str, tuple[int, str]]:
        """sha256 → (sequence, state) of every bundle the district stored."""
        with read_session(self.district.factory) as session:
            return {sha: (seq, state) for sha, seq, state in session.execute(
                select(Bundle.sha256, Bundle.sequence, Bundle.state))}

    def district_applied(self) -> dict[str, int]:
        """usulan uuid → number of applied-record rows for it."""
        with read_session(self.district.factory) as session:
            return {uuid: count for uuid, count in session.execute(
                select(AppliedRecord.usulan_uuid, func.count())
                .group_by(AppliedRecord.usulan_uuid))}

    def district_alarms(self) -> list[tuple[str, int, str]]:
        with read_session(self.district.factory) as session:
            return [(a.kind, a.sequence, a.detail) for a in session.scalars(select(Alarm))]

    def snapshot(self) -> Snapshot:
        return Snapshot(self.district_applied(), self.district_head(), self.district_bundles(),
                        self.district_alarms(), self.statuses(), self.bundle_states(),
                        self.sent_in_unreceipted(), self.exportable(), self.marker_sequence())

    # --- reading containers (test-side, with the real keys) -------------------------------

    def bundle_uuids(self, data: bytes) -> list[str]:
        """The usulan uuids inside a sealed bundle (decrypted with the district's key)."""
        device = self.device.identity
        verified = verify(data, expected_kind=Kind.BUNDLE,
                          recipient_key_id=self.district.keys.key_id,
                          sender_lookup=lambda k: SenderStatus(
                              device if k == device.key_id else None))
        records = open_verified(verified, self.district.keys)["records"]
        assert isinstance(records, list)
        return [str(r["usulan"]) for r in records]

    def receipt_facts(self, data: bytes) -> ReceiptFacts:
        district = self.district.keys.identity
        verified = verify(data, expected_kind=Kind.RECEIPT, recipient_key_id=self.device.key_id,
                          sender_lookup=lambda k: SenderStatus(
                              district if k == district.key_id else None))
        receipt: Receipt = parse_receipt(open_verified(verified, self.device))
        return ReceiptFacts(verified.header.sequence, receipt.bundle_sha256, receipt.status,
                            receipt.last_applied_sequence, verified.sha256.hex())
