"""Migration 0007 on a 0006 database holding an approver credential and a finalised MusDes:
the credential becomes the ``kades`` account (its scrypt password still works and is rehashed
to argon2id), approver_credential is gone, the 0004 lock triggers still hold, and downgrade
brings the credential back."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from alembic import command

from accounts_support import fast_hashes  # noqa: F401  (a fixture)
from siksdesk.db.engine import make_engine
from siksdesk.db.migrate import alembic_config, current_revision, ensure_schema
from siksdesk.db.schema_version import HEAD_REVISION
from siksdesk.db.session import make_session_factory
from siksdesk.services.accounts import account_by_username, check_password

pytestmark = pytest.mark.usefixtures("fast_hashes")
OLD_PASSWORD = "kades-lama-2025"
SALT = bytes(range(100, 116))
LOCK_TRIGGERS = 12


def _alembic(db: Path, action: str, revision: str) -> None:
    engine = make_engine(db)
    try:
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            getattr(command, action)(config, revision)
    finally:
        engine.dispose()


def _old_village(db: Path) -> None:
    _alembic(db, "upgrade", "0006")
    digest = hashlib.scrypt(OLD_PASSWORD.encode(), salt=SALT, n=2**14, r=8, p=1, dklen=32)
    with sqlite3.connect(db) as conn:
        conn.execute(
            "INSERT INTO approver_credential (role, name, algorithm, salt, n, r, p, "
            "password_hash, created_at, updated_at) VALUES ('kepala_desa', 'Bapak Sutrisno', "
            "'scrypt', ?, 16384, 8, 1, ?, '2026-01-05 08:00:00.000000', "
            "'2026-01-05 08:00:00.000000')", (SALT.hex(), digest.hex()))
        conn.execute(
            "INSERT INTO musdes_meeting (id, uuid, kind, status, held_on, place, agenda, chair, "
            "note_taker, statement, created_at, created_by) VALUES (1, 'm-1', 'musdes', 'open', "
            "'2026-01-05', 'Balai Desa', '', 'Bapak Sutrisno', 'Sekdes', '', "
            "'2026-01-05 08:00:00.000000', 'op')")
        conn.execute("INSERT INTO musdes_attendee (meeting_id, no_urut, name, role, title) "
                     "VALUES (1, 1, 'Bu BPD', 'bpd', '')")
        conn.execute("UPDATE musdes_meeting SET status = 'finalised', "
                     "finalised_by = 'Bapak Sutrisno', decided_set_sha256 = 'ab' WHERE id = 1")


def _tables_and_triggers(db: Path) -> tuple[set[str], set[str]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT type, name FROM sqlite_master").fetchall()
    return ({n for t, n in rows if t == "table"}, {n for t, n in rows if t == "trigger"})


def _assert_locked(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        for sql in ("UPDATE musdes_meeting SET place = 'X' WHERE id = 1",
                    "DELETE FROM musdes_attendee WHERE meeting_id = 1",
                    "INSERT INTO musdes_attendee (meeting_id, no_urut, name, role, title) "
                    "VALUES (1, 2, 'Orang Baru', 'bpd', '')"):
            with pytest.raises(sqlite3.IntegrityError, match="finalised and locked"):
                conn.execute(sql)


def test_upgrade_moves_the_approver_and_keeps_the_locks(tmp_path: Path) -> None:
    db = tmp_path / "v.sqlite3"
    _old_village(db)
    _, triggers_before = _tables_and_triggers(db)
    assert ensure_schema(db, tmp_path / "backups") == "upgraded"
    assert current_revision(db) == HEAD_REVISION
    tables, triggers = _tables_and_triggers(db)
    assert "approver_credential" not in tables and "account" in tables
    assert triggers == triggers_before
    assert len([t for t in triggers if t.endswith(("_insert", "_update", "_delete"))
                and "locked" in t]) == LOCK_TRIGGERS
    _assert_locked(db)
    with sqlite3.connect(db) as conn:
        stored = conn.execute("SELECT username, display_name, role, password_hash, "
                              "recovery_hash, created_by FROM account").fetchall()
    assert len(stored) == 1
    username, name, role, password_hash, recovery_hash, created_by = stored[0]
    assert (username, name, role, recovery_hash, created_by) == (
        "kades", "Bapak Sutrisno", "kepala_desa", None, "siksdesk")
    assert password_hash.startswith(f"scrypt$16384$8$1${SALT.hex()}$")

    engine = make_engine(db)
    try:
        factory = make_session_factory(engine)
        with factory() as session:
            row = account_by_username(session, "kades")
            assert row is not None and row.needs_recovery_code and row.is_approver
        assert check_password(factory, "kades", OLD_PASSWORD).display_name == "Bapak Sutrisno"
    finally:
        engine.dispose()
    with sqlite3.connect(db) as conn:
        rehashed = conn.execute("SELECT password_hash FROM account").fetchone()[0]
    assert rehashed.startswith("$argon2id$")


def test_downgrade_restores_the_approver_credential(tmp_path: Path) -> None:
    db = tmp_path / "v.sqlite3"
    _old_village(db)
    with sqlite3.connect(db) as conn:
        before = conn.execute("SELECT role, name, algorithm, salt, n, r, p, password_hash "
                              "FROM approver_credential").fetchall()
    ensure_schema(db, tmp_path / "backups")
    _alembic(db, "downgrade", "0006")
    assert current_revision(db) == "0006"
    tables, _triggers = _tables_and_triggers(db)
    assert "account" not in tables
    with sqlite3.connect(db) as conn:
        after = conn.execute("SELECT role, name, algorithm, salt, n, r, p, password_hash "
                             "FROM approver_credential").fetchall()
    assert after == before
    _assert_locked(db)
    ensure_schema(db, tmp_path / "backups")  # and up again
    assert current_revision(db) == HEAD_REVISION


def test_an_empty_village_upgrades_without_accounts(tmp_path: Path) -> None:
    db = tmp_path / "v.sqlite3"
    _alembic(db, "upgrade", "0006")
    ensure_schema(db, tmp_path / "backups")
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM account").fetchone()[0] == 0
    _alembic(db, "downgrade", "0006")
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM approver_credential").fetchone()[0] == 0
