"""``siksdesk account list|add|reset``: the first account of each role needs no approver, later
ones do; passwords typed twice or read from standard input; refusals exit 1 and change
nothing."""

from __future__ import annotations

import getpass
import io
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from accounts_support import fast_hashes  # noqa: F401  (a fixture)
from siksdesk.cli import main

pytestmark = pytest.mark.usefixtures("fast_hashes", "tmp_home")


@pytest.fixture
def typed(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """What the user types at getpass prompts, in order."""
    answers: list[str] = []
    monkeypatch.setattr(getpass, "getpass", lambda _prompt="": answers.pop(0))
    yield answers
    assert answers == [], "every typed answer was asked for"


def _run(monkeypatch: pytest.MonkeyPatch, *argv: str, stdin: str = "") -> tuple[int, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


def _accounts(home: Path) -> list[tuple[str, str, int]]:
    with sqlite3.connect(home / "siksdesk.sqlite3") as conn:
        return conn.execute("SELECT username, role, must_change_password FROM account "
                            "ORDER BY username").fetchall()


def _database(tmp_home: Path) -> Path:
    found = list(tmp_home.rglob("siksdesk.sqlite3"))
    assert len(found) == 1
    return found[0].parent


def test_first_accounts_then_an_approver_is_needed(monkeypatch: pytest.MonkeyPatch,
                                                   typed: list[str], tmp_home: Path) -> None:
    typed += ["sandi-kades-1", "sandi-kades-1"]
    code, out = _run(monkeypatch, "account", "add", "--username", "Kades", "--name",
                     "Bapak Kades", "--role", "kepala_desa")
    assert code == 0, out
    assert "Akun kades (Kepala Desa) dibuat." in out
    assert "KODE PEMULIHAN" in out and "sandi-kades-1" not in out
    code, out = _run(monkeypatch, "account", "add", "--username", "siti", "--name", "Siti",
                     "--role", "operator", "--password-stdin", stdin="sandi-siti-1\n")
    assert code == 0 and "KODE" not in out, out
    # the second operator: the approver's username and password are asked
    code, out = _run(monkeypatch, "account", "add", "--username", "budi", "--name", "Budi",
                     "--role", "operator", "--password-stdin",
                     stdin="sandi-budi-1\nkades\nsalah-sandi\n")
    assert (code, out.strip().splitlines()[-1]) == (1, "Nama pengguna atau kata sandi salah.")
    code, out = _run(monkeypatch, "account", "add", "--username", "budi", "--name", "Budi",
                     "--role", "operator", "--approver", "kades", "--password-stdin",
                     stdin="sandi-budi-1\nsandi-kades-1\n")
    assert code == 0, out
    home = _database(tmp_home)
    assert _accounts(home) == [("budi", "operator", 0), ("kades", "kepala_desa", 0),
                               ("siti", "operator", 0)]
    code, out = _run(monkeypatch, "account", "list", "--json", "--lang", "en")
    listed = json.loads(out)
    assert [(a["username"], a["role"]) for a in listed] == [
        ("kades", "kepala_desa"), ("budi", "operator"), ("siti", "operator")]
    assert "hash" not in out
    code, out = _run(monkeypatch, "account", "list")
    assert code == 0 and "siti" in out and "aktif" in out and "belum pernah" in out


def test_passwords_typed_twice_must_agree(monkeypatch: pytest.MonkeyPatch, typed: list[str],
                                          tmp_home: Path) -> None:
    typed += ["sandi-satu-1", "sandi-dua-22"]
    code, out = _run(monkeypatch, "account", "add", "--username", "siti", "--name", "Siti",
                     "--role", "operator", "--lang", "en")
    assert code == 1 and "The two passwords differ" in out
    typed += ["pendek", "pendek"]
    code, out = _run(monkeypatch, "account", "add", "--username", "siti", "--name", "Siti",
                     "--role", "operator")
    assert code == 1 and "minimal 8 karakter" in out
    assert _accounts(_database(tmp_home)) == []


def test_reset_by_the_kepala_desa(monkeypatch: pytest.MonkeyPatch, typed: list[str],
                                  tmp_home: Path) -> None:
    for argv, stdin in ((("--username", "kades", "--name", "Kades", "--role", "kepala_desa"),
                         "sandi-kades-1\n"),
                        (("--username", "siti", "--name", "Siti", "--role", "operator"),
                         "sandi-siti-1\n")):
        assert _run(monkeypatch, "account", "add", *argv, "--password-stdin",
                    stdin=stdin)[0] == 0
    typed += ["sementara-1", "sementara-1", "sandi-kades-1"]
    code, out = _run(monkeypatch, "account", "reset", "siti", stdin="kades\n")
    assert code == 0 and "wajib diganti" in out, out
    assert ("siti", "operator", 1) in _accounts(_database(tmp_home))
    code, out = _run(monkeypatch, "account", "reset", "siti", "--approver", "siti",
                     "--password-stdin", stdin="lagi-lagi-1\nsementara-1\n")
    assert code == 1 and "Hanya Kepala Desa" in out
    code, out = _run(monkeypatch, "account", "reset", "siti", "--password-stdin")
    assert code == 1 and "tidak terbaca" in out
