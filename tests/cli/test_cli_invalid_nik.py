"""`siksdesk import FILE --kind invalid-nik [--dry-run] [--json]` (``commands.invalid_nik``)."""

from __future__ import annotations

import argparse
import io
import json
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from nik_issue_data import LIST_ROWS, ROW_STATUS, add_village, write_list
from siksdesk.app import open_app
from siksdesk.commands.invalid_nik import run_import
from siksdesk.db.session import read_session
from siksdesk.models import ImportBatch, NikIssue
from siksdesk.paths import default_paths


@pytest.fixture
def village_db(tmp_home: Path) -> Path:
    ctx = open_app(default_paths(), tmp_home / "village.sqlite3")
    try:
        add_village(ctx.sessions)
    finally:
        ctx.close()
    return ctx.database


def _counts(database: Path) -> tuple[int, int]:
    ctx = open_app(default_paths(), database)
    try:
        with read_session(ctx.sessions) as session:
            return (session.scalar(select(func.count()).select_from(ImportBatch)) or 0,
                    session.scalar(select(func.count()).select_from(NikIssue)) or 0)
    finally:
        ctx.close()


def _run(database: Path, file: Path, *, dry_run: bool = False, as_json: bool = False,
         lang: str | None = None) -> tuple[int, str]:
    out = io.StringIO()
    args = argparse.Namespace(file=file, dry_run=dry_run, json=as_json, db=database, lang=lang)
    return run_import(args, out), out.getvalue()


def test_dry_run_json_reports_every_row_and_writes_nothing(village_db: Path,
                                                           tmp_path: Path) -> None:
    status, output = _run(village_db, write_list(tmp_path / "list.xlsx"), dry_run=True,
                          as_json=True, lang="en")
    assert status == 1  # one row was rejected (nothing to match by): not a clean preview
    payload = json.loads(output)
    assert (payload["dry_run"], payload["batch_id"], payload["ok"]) == (True, None, False)
    assert {r["row"]: r["status"] for r in payload["rows"]} == ROW_STATUS
    numeric = payload["rows"][1]
    assert numeric["matched_by"] == "idartbdt"
    assert numeric["problems"][0]["column"] == "NIK (D)"
    assert "Damaged by Excel" in numeric["problems"][0]["message"]
    assert _counts(village_db) == (0, 0)


def test_apply_prints_counts_without_full_niks_or_names(village_db: Path,
                                                        tmp_path: Path) -> None:
    status, output = _run(village_db, write_list(tmp_path / "list.xlsx", LIST_ROWS[:-1]))
    assert status == 0
    assert "cocok: 3" in output and "tidak ditemukan di data desa: 1" in output
    assert "5 baris masuk daftar Perbaikan NIK" in output and "ditolak: 0" in output
    assert not re.search(r"[0-9]{15,}", output)
    assert "Orang Lain" not in output and "Sutrisno" not in output.title()
    assert _counts(village_db) == (1, 5)
    status, output = _run(village_db, tmp_path / "list.xlsx", as_json=True)
    assert status == 0 and json.loads(output)["counts"]["existing"] == 5
    assert json.loads(output)["ok"]
    assert _counts(village_db) == (2, 5)


def test_a_rejected_file_exits_1_and_changes_nothing(village_db: Path, tmp_path: Path) -> None:
    fake = tmp_path / "list.xlsx"
    fake.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)  # an .xls renamed
    status, output = _run(village_db, fake)
    assert status == 1 and "list.xlsx" in output
    status, output = _run(village_db, write_list(tmp_path / "other.xlsx", LIST_ROWS,
                                                 headers=("A", "B", "C")), as_json=True)
    assert status == 1
    assert json.loads(output)["code"] == "FILE_NO_HEADER"
    assert _counts(village_db) == (0, 0)


def test_the_import_command_delegates_for_kind_invalid_nik(village_db: Path,
                                                           tmp_path: Path) -> None:
    from siksdesk.cli import main

    listed = write_list(tmp_path / "list.xlsx", LIST_ROWS[:-1])
    out = io.StringIO()
    status = main(["import", str(listed), "--kind", "invalid-nik", "--dry-run", "--json",
                   "--db", str(village_db)], out=out)
    assert status == 0
    assert json.loads(out.getvalue())["counts"]["matched"] == 3
    assert _counts(village_db) == (0, 0)
    out = io.StringIO()
    status = main(["import", str(listed), "--kind", "invalid-nik", "--author", "Bu Sri",
                   "--db", str(village_db)], out=out)
    assert status == 0 and _counts(village_db) == (1, 5)
