"""Backups: verified copies with a manifest, rotation per kind, the daily rule, the copy before
an import, the encrypted USB file (tamper/truncation/wrong passphrase) and restore."""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from siksdesk.db.backup import KEEP, load_manifest, prune, write_backup
from siksdesk.db.migrate import ensure_schema
from siksdesk.db.schema_version import HEAD_REVISION
from siksdesk.services import backup_crypto
from siksdesk.services.backup_errors import BackupError
from siksdesk.services.backup_restore import restore_backup, restored_flag_path
from siksdesk.services.backups import (
    backup_if_due,
    create_backup,
    list_backups,
    staging_file,
    verify_backup,
    write_encrypted_backup,
)

PASS = "kata sandi desa"


@pytest.fixture(autouse=True)
def quick_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2id at its cheapest (the parameters travel in the file's header)."""
    monkeypatch.setattr(backup_crypto, "TIME_COST", 1)
    monkeypatch.setattr(backup_crypto, "MEMORY_KIB", 1024)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("backup-template")
    ensure_schema(folder / "siksdesk.sqlite3", folder / "backups")
    _set_note(folder / "siksdesk.sqlite3", "asli")
    return folder / "siksdesk.sqlite3"


@pytest.fixture
def home(tmp_path: Path, template: Path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    shutil.copyfile(template, folder / "siksdesk.sqlite3")  # closed: no -wal beside it
    return folder


def _set_note(db: Path, text: str) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS note_test (v TEXT)")
        conn.execute("DELETE FROM note_test")
        conn.execute("INSERT INTO note_test VALUES (?)", (text,))
    conn.close()


def _note(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        value = str(conn.execute("SELECT v FROM note_test").fetchone()[0])
    conn.close()
    return value


def test_backup_is_verified_and_listed_in_the_manifest(home: Path) -> None:
    entry = create_backup(home / "siksdesk.sqlite3", home / "backups", reason="manual")

    copy = home / "backups" / entry.file
    assert _note(copy) == "asli"
    manifest = json.loads((home / "backups" / "manifest.json").read_text())
    assert manifest["backups"][0]["sha256"] == entry.sha256
    assert entry.schema_revision == HEAD_REVISION and entry.size == copy.stat().st_size
    assert not list((home / "backups").glob("*.part"))
    assert not copy.with_name(copy.name + "-wal").exists()
    assert verify_backup(copy, home=home).ok


def test_verify_notices_a_changed_copy(home: Path) -> None:
    entry = create_backup(home / "siksdesk.sqlite3", home / "backups")
    copy = home / "backups" / entry.file
    data = bytearray(copy.read_bytes())
    data[-100] ^= 0xFF
    copy.write_bytes(bytes(data))
    result = verify_backup(copy, home=home)
    assert not result.ok and result.sha256_matches is False


def test_rotation_keeps_so_many_of_each_kind(tmp_path: Path) -> None:
    db = tmp_path / "d.sqlite3"
    sqlite3.connect(db).close()
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for week in range(12):  # one a week: the newest 7, then one per week for 4 more weeks
        write_backup(db, tmp_path / "b", reason="daily", now=start + timedelta(weeks=week))
    for n in range(12):
        write_backup(db, tmp_path / "b", reason="before-import-bnba",
                     now=start + timedelta(minutes=n))
    entries = load_manifest(tmp_path / "b")
    kinds = [e.kind for e in entries]
    assert kinds.count("pre-import") == KEEP["pre-import"]
    assert kinds.count("daily") == KEEP["daily"] + KEEP["weekly"]
    assert len(list((tmp_path / "b").glob("*.sqlite3"))) == len(entries)
    assert prune(tmp_path / "b", entries) == entries  # stable


def test_daily_backup_only_when_the_last_is_a_day_old(home: Path) -> None:
    db, backups = home / "siksdesk.sqlite3", home / "backups"
    now = datetime.now(UTC)
    assert backup_if_due(db, backups, now=now) is not None
    assert backup_if_due(db, backups, now=now + timedelta(hours=23)) is None
    assert backup_if_due(db, backups, now=now + timedelta(hours=25)) is not None
    assert [e.kind for e in list_backups(backups)] == ["daily", "daily"]


def test_encrypted_round_trip_and_every_kind_of_damage() -> None:
    plain = bytes(range(256)) * 9000  # a little over two chunks
    sealed = io.BytesIO()
    backup_crypto.encrypt_stream(io.BytesIO(plain), sealed, PASS)
    data = sealed.getvalue()

    def decrypt(blob: bytes, passphrase: str = PASS) -> bytes:
        return b"".join(backup_crypto.decrypt_stream(io.BytesIO(blob), passphrase,
                                                     file_name="x.siksbak"))

    assert decrypt(data) == plain
    assert plain[:1000] not in data
    header, sealed_chunk = backup_crypto.HEADER.size, backup_crypto.CHUNK_SIZE + 16
    damaged = {
        "wrong passphrase": (data, "kata sandi lain"),
        "cut at a chunk boundary": (data[:header + sealed_chunk], PASS),
        "cut inside a chunk": (data[:-7], PASS),
        "a byte flipped": (data[:header + 5] + bytes([data[header + 5] ^ 1])
                           + data[header + 6:], PASS),
        "chunks swapped": (data[:header] + data[header + sealed_chunk:header + 2 * sealed_chunk]
                           + data[header:header + sealed_chunk]
                           + data[header + 2 * sealed_chunk:], PASS),
        "bytes appended": (data + b"x" * 40, PASS),
        "not a backup": (b"SQLite format 3\x00" + data[16:], PASS),
    }
    for label, (blob, passphrase) in damaged.items():
        with pytest.raises(BackupError) as error:
            decrypt(blob, passphrase)
        assert error.value.code in {"BACKUP_DAMAGED", "BACKUP_WRONG_PASSPHRASE",
                                    "BACKUP_NOT_ENCRYPTED"}, label
        assert error.value.message("en") and error.value.message("id")


def test_a_short_passphrase_is_refused(home: Path, tmp_path: Path) -> None:
    with pytest.raises(BackupError) as error:
        write_encrypted_backup(home / "siksdesk.sqlite3", home, tmp_path, "pendek")
    assert error.value.code == "PASSPHRASE_TOO_SHORT"


def test_usb_backup_then_restore_replaces_the_database(home: Path, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    db = home / "siksdesk.sqlite3"
    written = write_encrypted_backup(db, home, usb, PASS)
    assert written.path.suffix == ".siksbak" and list(usb.iterdir()) == [written.path]
    assert b"asli" not in written.path.read_bytes()
    _set_note(db, "diubah sesudahnya")

    with pytest.raises(BackupError) as error:
        restore_backup(home, db, written.path, passphrase="bukan sandinya")
    assert error.value.code == "BACKUP_WRONG_PASSPHRASE"
    assert _note(db) == "diubah sesudahnya"

    result = restore_backup(home, db, written.path, passphrase=PASS)

    assert _note(db) == "asli"
    assert result.schema_revision == HEAD_REVISION
    flag = json.loads(restored_flag_path(home).read_text())
    assert flag["source"] == written.path.name
    safety = home / "backups" / str(result.safety_backup)
    assert _note(safety) == "diubah sesudahnya"
    assert not [p for p in home.iterdir() if p.name.startswith(".")]  # no temp file left


def test_restore_refuses_while_the_database_is_open(home: Path) -> None:
    db = home / "siksdesk.sqlite3"
    entry = create_backup(db, home / "backups")
    holder = sqlite3.connect(db)
    holder.execute("SELECT 1 FROM note_test").fetchone()
    try:
        with pytest.raises(BackupError) as error:
            restore_backup(home, db, home / "backups" / entry.file)
        assert error.value.code == "DATABASE_IN_USE"
        assert not restored_flag_path(home).exists()
    finally:
        holder.close()


def test_restore_refuses_a_backup_from_a_newer_app(home: Path) -> None:
    db = home / "siksdesk.sqlite3"
    entry = create_backup(db, home / "backups")
    copy = home / "backups" / entry.file
    with sqlite3.connect(copy) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'f00dcafe'")
    conn.close()
    with pytest.raises(BackupError) as error:
        restore_backup(home, db, copy)
    assert error.value.code == "BACKUP_TOO_NEW"


def test_restore_moves_an_unreadable_database_aside(home: Path) -> None:
    db = home / "siksdesk.sqlite3"
    entry = create_backup(db, home / "backups")
    db.write_bytes(b"this is no database" * 100)
    result = restore_backup(home, db, home / "backups" / entry.file)
    assert _note(db) == "asli"
    assert result.set_aside is not None and (result.set_aside / db.name).exists()


def test_staging_files_left_by_a_crash_are_removed(home: Path) -> None:
    stale, fresh = home / ".usb-0123456789ab.part", home / ".restore-ba9876543210.part"
    stale.write_bytes(b"plaintext left by a crash")
    fresh.write_bytes(b"another process is using this one")
    os.utime(stale, (0, 0))
    staging_file(home, "verify")
    assert not stale.exists() and fresh.exists()
