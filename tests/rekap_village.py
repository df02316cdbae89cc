"""Rekap test data on top of a village: two programmes (one beneficiary not in the registry),
proposals in several statuses, an import batch, and one operator edit after it."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from siksdesk.db.session import unit_of_work
from siksdesk.models import ImportBatch, Ruta, Usulan
from siksdesk.services.programmes import set_beneficiaries, set_programme

STATUSES = {"draft": 5, "ready": 3, "approved": 2, "withdrawn": 1}
OUTSIDER = "00000000-0000-4000-8000-000000000000"  # a beneficiary the registry does not hold


def add_rekap_data(factory: sessionmaker[Session]) -> None:
    with factory() as session:
        uuids = list(session.scalars(select(Ruta.uuid).order_by(Ruta.id)))
    set_programme(factory, "PKH", quota=40, name="Program Keluarga Harapan", author="t")
    set_beneficiaries(factory, "PKH", [*uuids[:30], OUTSIDER], author="t")
    set_programme(factory, "KKS", quota=25, name="Kartu Keluarga Sejahtera", author="t")
    set_beneficiaries(factory, "KKS", uuids[20:48], author="t")
    set_programme(factory, "BLT-DD", quota=10, name="BLT Dana Desa", author="t")
    with unit_of_work(factory, "t", origin="import") as session:
        n = 0
        for status, count in STATUSES.items():
            for _ in range(count):
                uuid = uuids[50 + n // 2]  # two proposals per household
                session.add(Usulan(kind="correction", entity="ruta", entity_uuid=uuid,
                                   ruta_uuid=uuid, reason="", source="operator",
                                   created_by="t", status=status, changes={}))
                n += 1
        session.add(ImportBatch(kind="bnba", file_name="bnba.xlsx", file_sha256="0" * 64,
                                author="t", at=datetime.now() - timedelta(days=1), counts={}))
    with unit_of_work(factory, "operator") as session:
        ruta = session.scalars(select(Ruta).order_by(Ruta.id).limit(1)).one()
        ruta.alamat = (ruta.alamat or "") + " (diperbaiki)"


def add_sync_rows(database: Path) -> None:
    """A bundle written to the USB stick and its receipt (the sync tables must exist)."""
    with sqlite3.connect(database) as conn:
        conn.execute(
            "INSERT INTO sync_bundle (sequence, sha256, previous_sha256, recipient_key_id, "
            "container, created_at, sealed_at, sealed_by, records, counts, meetings, niks, "
            "state, written_at, uploaded_at, attempts, last_error, receipt_status, "
            "receipt_reason, receipted_at) VALUES (1, ?, ?, 'k', x'00', 0, "
            "'2026-11-20 08:00:00', 'op', 3, '{}', 1, 0, 'receipted', '2026-11-20 08:05:00', "
            "NULL, 1, '', 'applied', '', '2026-11-21 09:00:00')", ("a" * 64, "0" * 64))
        conn.execute(
            "INSERT INTO sync_bundle (sequence, sha256, previous_sha256, recipient_key_id, "
            "container, created_at, sealed_at, sealed_by, records, counts, meetings, niks, "
            "state, written_at, uploaded_at, attempts, last_error, receipt_status, "
            "receipt_reason, receipted_at) VALUES (2, ?, ?, 'k', x'00', 0, "
            "'2026-11-22 08:00:00', 'op', 1, '{}', 1, 0, 'pending', NULL, "
            "'2026-11-22 08:10:00', 1, '', '', '', NULL)", ("b" * 64, "a" * 64))
        conn.execute(
            "INSERT INTO sync_receipt (sha256, bundle_sequence, bundle_sha256, status, "
            "reason_code, last_applied_sequence, last_applied_sha256, district_audit_head, "
            "issued_at, accepted, rejected, imported_at, imported_by) VALUES "
            "(?, 1, ?, 'applied', '', 1, ?, '', '', 3, 0, '2026-11-21 09:00:00', 'op')",
            ("c" * 64, "a" * 64, "a" * 64))
    conn.close()


_SYNC_TABLES = (
    "CREATE TABLE IF NOT EXISTS sync_bundle (id INTEGER PRIMARY KEY, sequence INTEGER UNIQUE, "
    "sha256 TEXT, previous_sha256 TEXT, recipient_key_id TEXT, container BLOB, created_at INT, "
    "sealed_at DATETIME, sealed_by TEXT, records INT, counts JSON, meetings INT, niks INT, "
    "state TEXT, written_at DATETIME, uploaded_at DATETIME, attempts INT, last_error TEXT, "
    "receipt_status TEXT, receipt_reason TEXT, receipted_at DATETIME)",
    "CREATE TABLE IF NOT EXISTS sync_receipt (id INTEGER PRIMARY KEY, sha256 TEXT, "
    "bundle_sequence INT, bundle_sha256 TEXT, status TEXT, reason_code TEXT, "
    "last_applied_sequence INT, last_applied_sha256 TEXT, district_audit_head TEXT, "
    "issued_at TEXT, accepted INT, rejected INT, imported_at DATETIME, imported_by TEXT)",
)


def ensure_sync_tables(database: Path) -> None:
    """The tables of migration 0005 (models/sync.py) for a schema that does not have them yet;
    a schema that has them is left as it is."""
    with sqlite3.connect(database) as conn:
        for statement in _SYNC_TABLES:
            conn.execute(statement)
    conn.close()
