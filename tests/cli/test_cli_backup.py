"""`siksdesk backup create|list|verify|restore`: exit statuses, the encrypted variant with the
passphrase on stdin, and a restore that brings the old data back."""

from __future__ import annotations

import io
import json
import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from siksdesk.cli import main
from siksdesk.db.migrate import ensure_schema
from siksdesk.services import backup_crypto

PASS = "sandi cadangan desa"


@pytest.fixture(autouse=True)
def quick_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2id at its cheapest (the parameters travel in the file's header)."""
    monkeypatch.setattr(backup_crypto, "TIME_COST", 1)
    monkeypatch.setattr(backup_crypto, "MEMORY_KIB", 1024)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "home"
    monkeypatch.setenv("SIKSDESK_HOME", str(folder))
    ensure_schema(folder / "siksdesk.sqlite3", folder / "backups")
    _write(folder / "siksdesk.sqlite3", "Krajan")
    yield folder
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_siksdesk", False)]:
        root.removeHandler(handler)
        handler.close()


def _write(db: Path, dusun: str) -> None:
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("DELETE FROM ruta")
        conn.execute("INSERT INTO ruta (uuid, alamat, rt, rw, dusun, aktif, created_at, "
                     "updated_at) VALUES ('u-1', 'Jl. Mawar', '001', '002', ?, 1, "
                     "'2026-01-01', '2026-01-01')", (dusun,))
    conn.close()


def _dusun(db: Path) -> str:
    conn = sqlite3.connect(db)
    value = str(conn.execute("SELECT dusun FROM ruta").fetchone()[0])
    conn.close()
    return value


def cli(*args: str, stdin: str = "", monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    out = io.StringIO()
    return main(list(args), out=out), out.getvalue()


def test_create_list_verify_restore(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    status, output = cli("backup", "create", monkeypatch=monkeypatch)
    assert status == 0, output
    status, output = cli("backup", "list", "--json", monkeypatch=monkeypatch)
    listed = json.loads(output)
    assert status == 0 and [e["reason"] for e in listed] == ["manual"]
    status, output = cli("backup", "verify", monkeypatch=monkeypatch)
    assert status == 0 and output.startswith("OK"), output

    _write(home / "siksdesk.sqlite3", "Sumberejo")
    copy = home / "backups" / listed[0]["file"]
    status, output = cli("backup", "restore", str(copy), stdin="tidak\n",
                         monkeypatch=monkeypatch)
    assert status == 1 and _dusun(home / "siksdesk.sqlite3") == "Sumberejo"
    status, output = cli("backup", "restore", str(copy), stdin="YA\n", monkeypatch=monkeypatch)
    assert status == 0, output
    assert _dusun(home / "siksdesk.sqlite3") == "Krajan"
    assert (home / "sync" / "restored.json").exists()


def test_encrypted_backup_with_passphrase_on_stdin(home: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    status, output = cli("backup", "create", "--encrypt-to", str(usb), "--passphrase-stdin",
                         stdin=PASS + "\n", monkeypatch=monkeypatch)
    assert status == 0, output
    (sealed,) = usb.iterdir()
    status, output = cli("backup", "verify", str(sealed), "--passphrase-stdin",
                         stdin="salah sekali\n", monkeypatch=monkeypatch)
    assert status == 1 and "BACKUP_WRONG_PASSPHRASE" in output
    _write(home / "siksdesk.sqlite3", "Sumberejo")
    status, output = cli("backup", "restore", str(sealed), "--yes", "--passphrase-stdin",
                         stdin=PASS + "\n", monkeypatch=monkeypatch)
    assert status == 0, output
    assert _dusun(home / "siksdesk.sqlite3") == "Krajan"


def test_damaged_file_is_refused(home: Path, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "cadangan.sqlite3"
    fake.write_bytes(b"bukan basis data" * 200)
    status, output = cli("backup", "restore", str(fake), "--yes", monkeypatch=monkeypatch)
    assert status == 1 and "bukan basis data siksdesk" in output
    assert _dusun(home / "siksdesk.sqlite3") == "Krajan"
