"""A restore from backup appends one "restore" audit entry to the restored database (who, which
backup, when; no personal data), and the chain still verifies afterwards."""

from __future__ import annotations

import hashlib
import io
import json
import re
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from siksdesk.app import open_app
from siksdesk.cli import main
from siksdesk.db.session import unit_of_work
from siksdesk.models import Art, Keluarga, Ruta
from siksdesk.paths import default_paths
from siksdesk.services import backup_crypto
from siksdesk.services.backup_errors import BackupError
from siksdesk.services.backup_restore import restore_backup
from siksdesk.services.backups import create_backup, write_encrypted_backup

NIK = "3522011705800001"
NAME = "Sutrisno Wibowo"
PASS = "kata sandi desa"


@pytest.fixture(autouse=True)
def quick_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backup_crypto, "TIME_COST", 1)
    monkeypatch.setattr(backup_crypto, "MEMORY_KIB", 1024)


def _edit(name: str) -> None:
    ctx = open_app(default_paths())
    try:
        with unit_of_work(ctx.sessions, "operator") as session:
            art = session.scalars(select(Art)).first()
            if art is None:
                ruta = Ruta(no_urut=1, alamat="Dsn. Krajan", dusun="Krajan", rt="001")
                family = Keluarga(no_urut=1, no_kk="3522012304150001")
                family.anggota.append(Art(no_urut=1, nama=name, nik=NIK, jenis_kelamin=1,
                                          hubungan_krt=1))
                ruta.keluarga.append(family)
                session.add(ruta)
            else:
                art.nama = name
    finally:
        ctx.close()


@pytest.fixture
def village(tmp_home: Path) -> Path:
    _edit(NAME)
    return default_paths().database


def _entries(db: Path) -> list[tuple[int, str, str, str, str]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT id, author, origin, action, summary FROM audit_log "
                            "ORDER BY id").fetchall()
    conn.close()
    return [(int(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4])) for r in rows]


def _digest(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        text = "\n".join(conn.iterdump())
    conn.close()
    return hashlib.sha256(text.encode()).hexdigest()


def _verify() -> tuple[int, str]:
    out = io.StringIO()
    return main(["audit", "verify", "--lang", "en"], out=out), out.getvalue()


def test_restore_appends_one_entry_and_the_chain_verifies(village: Path, tmp_home: Path) -> None:
    entry = create_backup(village, tmp_home / "backups", reason="manual")
    backup = tmp_home / "backups" / entry.file
    in_backup = _entries(backup)
    _edit("Nama Sesudah Cadangan")

    result = restore_backup(tmp_home, village, backup, author="Operator Desa")

    entries = _entries(village)
    assert entries[:-1] == in_backup  # the backup's own chain, then the restore
    last_id, author, origin, action, summary = entries[-1]
    assert (last_id, author, origin, action) == (len(in_backup) + 1, "Operator Desa", "restore",
                                                 "restore")
    assert result.audit_entry == last_id
    note = json.loads(summary)["note"]
    assert note == {"backup_sha256": result.sha256, "backup_file": entry.file,
                    "encrypted": False, "schema_revision": result.schema_revision}
    assert not re.search(r"[0-9]{16}", summary) and NAME not in summary
    status, text = _verify()
    assert status == 0, text
    assert f"{last_id} entries" in text


def test_a_renamed_usb_backup_is_named_only_by_its_hash(village: Path, tmp_home: Path,
                                                        tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    written = write_encrypted_backup(village, tmp_home, usb, PASS)
    renamed = written.path.rename(usb / f"cadangan {NAME}.siksbak")

    result = restore_backup(tmp_home, village, renamed, passphrase=PASS)

    _, author, _, action, summary = _entries(village)[-1]
    assert (author, action) == ("system", "restore")
    note = json.loads(summary)["note"]
    assert note["backup_file"] == "" and note["encrypted"] is True
    assert note["backup_sha256"] == result.sha256
    assert "Sutrisno" not in summary
    assert _verify()[0] == 0


def test_a_refused_restore_writes_no_entry(village: Path, tmp_home: Path, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    written = write_encrypted_backup(village, tmp_home, usb, PASS)
    before = _digest(village)
    with pytest.raises(BackupError):
        restore_backup(tmp_home, village, written.path, passphrase="bukan sandinya")
    with pytest.raises(BackupError):
        restore_backup(tmp_home, village, written.path, passphrase=PASS, cancelled=lambda: True)
    assert _digest(village) == before
    assert not [p for p in tmp_home.iterdir() if p.name.startswith(".restore-")]


def test_a_backup_older_than_the_audit_trail_restores_without_an_entry(
        village: Path, tmp_home: Path) -> None:
    entry = create_backup(village, tmp_home / "backups", reason="manual")
    backup = tmp_home / "backups" / entry.file
    with sqlite3.connect(backup) as conn:
        conn.execute("DROP TABLE audit_log")  # as before migration 0006
    conn.close()
    result = restore_backup(tmp_home, village, backup)
    assert result.audit_entry is None
    with sqlite3.connect(village) as conn:
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'audit_log'"
                            ).fetchone() == (0,)
    conn.close()
