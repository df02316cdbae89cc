"""``siksdesk import FILE [--kind] [--profile] [--dry-run] [--json]``: exit 0 / 1 / 2."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

from bnba_files import household_rows, write_xlsx
from siksdesk.cli import main


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def test_dry_run_then_apply(tmp_home: Path) -> None:
    path = write_xlsx(tmp_home / "bnba.xlsx", household_rows())
    db = str(tmp_home / "v.sqlite3")
    code, text = run("import", str(path), "--db", db, "--dry-run")
    assert code == 0 and "baru 3" in text and "belum ada yang disimpan" in text
    code, text = run("import", str(path), "--db", db, "--json", "--author", "Operator")
    payload = json.loads(text)
    assert code == 0 and payload["counts"]["new"] == 3 and payload["batch_id"] == 1
    code, text = run("import", str(path), "--db", db, "--json", "--dry-run", "--lang", "en")
    assert code == 0 and json.loads(text)["counts"]["unchanged"] == 3


def test_rejected_rows_and_files_exit_1_without_full_niks(tmp_home: Path) -> None:
    rows = household_rows()
    rows[1][15] = "3.52214E+15"
    path = write_xlsx(tmp_home / "bad.xlsx", rows)
    code, text = run("import", str(path), "--db", str(tmp_home / "v.sqlite3"), "--json")
    payload = json.loads(text)
    assert code == 1 and payload["counts"]["rejected"] == 1
    rejected = [r for r in payload["rows"] if r["status"] == "rejected"]
    assert rejected[0]["row"] == 3
    assert rejected[0]["problems"][0]["message"].startswith("Berkas bad.xlsx")
    assert not re.search(r"[0-9]{16}", text)
    page = tmp_home / "page.xlsx"
    page.write_text("<html><table></table></html>")
    code, text = run("import", str(page), "--db", str(tmp_home / "v.sqlite3"))
    assert code == 1 and "HTML" in text


def test_unknown_header_and_usage(tmp_home: Path) -> None:
    path = write_xlsx(tmp_home / "own.xlsx", [["H1", "Budi", "x"]], ["Rumah", "Orang", "Lain"])
    code, text = run("import", str(path), "--db", str(tmp_home / "v.sqlite3"))
    assert code == 1 and "Rumah" in text
    assert run("import")[0] == 2
    assert run("import", str(path), "--kind", "nope")[0] == 2


def test_profile_by_name_ignores_unknown_columns(tmp_home: Path) -> None:
    from bnba_files import HEADERS

    rows = [[*row, "catatan"] for row in household_rows()]
    path = write_xlsx(tmp_home / "extra.xlsx", rows, [*HEADERS, "Keterangan"])
    db = str(tmp_home / "v.sqlite3")
    assert run("import", str(path), "--db", db, "--dry-run")[0] == 1  # needs a mapping
    code, text = run("import", str(path), "--db", db, "--dry-run", "--profile", "bdt2015")
    assert code == 0 and "baru 3" in text
