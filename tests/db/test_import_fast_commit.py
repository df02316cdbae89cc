"""The import's fast commit (change-log digest fed as written, derived rows of new households
from the plan in memory) stores exactly what the read-back path stores: the same plan applied
to two copies of one database, once each way, gives identical registry, change log, audit
entry (digest and hash) and derived rows."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from siksdesk.app import AppContext, open_app
from siksdesk.db import audit
from siksdesk.db.session import read_session
from siksdesk.demo import build_demo_village
from siksdesk.io.xlsx_export import write_xlsx as export_xlsx
from siksdesk.paths import default_paths
from siksdesk.services import bnba_apply
from siksdesk.services.audit_verify import verify_chain
from siksdesk.services.bnba_derived import KnownHouseholds
from siksdesk.services.bnba_export import bnba_table
from siksdesk.services.bnba_import import apply_bnba, preview_bnba
from siksdesk.services.bnba_types import ImportPlan

TABLES = ("ruta", "keluarga", "art", "change_log", "audit_log", "household_index",
          "record_problem")
FROZEN = datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)


def _open(home: Path, database: Path | None = None) -> AppContext:
    return open_app(default_paths({"SIKSDESK_HOME": str(home)}), database)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """A demo village (its database) and its BNBA export."""
    folder = tmp_path_factory.mktemp("village")
    ctx = _open(folder / "home", folder / "village.sqlite3")
    build_demo_village(ctx, people=240, seed=7)
    path = folder / "bnba.xlsx"
    with read_session(ctx.sessions) as session:
        export_xlsx(bnba_table(session), path)
    database = ctx.database
    ctx.close()
    yield database, path


def _dump(database: Path) -> dict[str, list[tuple[Any, ...]]]:
    with sqlite3.connect(database) as conn:
        found = {t: conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in TABLES}
        found["ruta_fts"] = conn.execute("SELECT rowid, doc FROM ruta_fts ORDER BY rowid"
                                         ).fetchall()
    return found


def _both_ways(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, start: Path | None,
               file: Path) -> tuple[dict[str, Any], dict[str, Any], dict[str, int]]:
    """Preview once, then apply the same plan to two copies: fast, then the read-back path."""
    monkeypatch.setattr(bnba_apply, "utc_now", lambda: FROZEN)
    monkeypatch.setattr(audit, "utc_now", lambda: FROZEN)
    first = tmp_path / "fast.sqlite3"
    if start is not None:
        shutil.copyfile(start, first)
    ctx = _open(tmp_path / "home", first)
    plan = preview_bnba(ctx.sessions, file)
    ctx.close()
    second = tmp_path / "slow.sqlite3"
    shutil.copyfile(first, second)
    assert not Path(f"{first}-wal").exists()  # closed: everything is in the main file
    used = _apply(tmp_path, first, plan)
    monkeypatch.setattr(bnba_apply, "FED_KEY", "not-fed")  # the hook reads the rows back
    monkeypatch.setattr(bnba_apply.PlanFacts, "build",  # no household known: all read back
                        lambda facts, *_args: KnownHouseholds(facts, {}, {}, {}, {}))
    slow_used = _apply(tmp_path, second, plan)
    assert slow_used == {"known": 0, "fed": 0}
    return _dump(first), _dump(second), used


def _apply(tmp_path: Path, database: Path, plan: ImportPlan) -> dict[str, int]:
    used = {"known": 0, "fed": 0}
    build, covered = bnba_apply.PlanFacts.build, audit._covered

    def counted_build(*args: Any) -> Any:
        found = build(*args)
        used["known"] += len(found)
        return found

    def counted_cover(conn: Any, after: int, fed: Any) -> Any:
        used["fed"] += 0 if fed is None else fed.stats.digest.count
        return covered(conn, after, fed)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(bnba_apply.PlanFacts, "build", counted_build)
        patch.setattr(audit, "_covered", counted_cover)
        ctx = _open(tmp_path / "home", database)
        try:
            apply_bnba(ctx.sessions, plan, author="Operator Desa")
        finally:
            ctx.close()
    with sqlite3.connect(database) as conn:
        assert verify_chain(conn).ok
    return used


def _assert_same(fast: dict[str, Any], slow: dict[str, Any]) -> None:
    for table, rows in slow.items():
        assert fast[table] == rows, table


def test_first_import_fast_path_equals_read_back(monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path,
                                                 exported: tuple[Path, Path]) -> None:
    fast, slow, used = _both_ways(monkeypatch, tmp_path, None, exported[1])
    _assert_same(fast, slow)
    households = len(fast["ruta"])
    assert households > 40 and used["known"] == households  # all from memory
    assert used["fed"] == len(fast["change_log"]) > households
    assert len(fast["record_problem"]) > 0 and len(fast["audit_log"]) >= 1


def _edited(source: Path, target: Path) -> Path:
    """Changed values, a member added to an existing household, a new household whose two
    members share a number (its member order is the database's: read back) and another new
    household (from memory)."""
    book = openpyxl.load_workbook(source)
    sheet = book.active
    assert sheet is not None
    header = [cell.value for cell in sheet[1]]
    col = {name: header.index(name) + 1 for name in ("IDBDT", "IDARTBDT", "Nama", "NIK",
                                                      "Nourut_art", "Luas_lantai", "Id_sementara")}
    last = sheet.max_row
    sheet.cell(2, col["Nama"], "Nama Diganti")
    sheet.cell(3, col["Luas_lantai"], 12)  # an int into a REAL column
    values = [cell.value for cell in sheet[2]]
    for offset, (idbdt, idart, nourut) in enumerate((
            (values[col["IDBDT"] - 1], "352214201000000199", 9),  # joins household 1
            ("3522142010009999", "352214201000999901", 1),  # a new household ...
            ("3522142010009999", "352214201000999902", 1),  # ... with a tie
            ("3522142010009998", "352214201000999801", 1))):  # a new one without
        row = last + 1 + offset
        for at, value in enumerate(values, start=1):
            sheet.cell(row, at, value)
        sheet.cell(row, col["IDBDT"], idbdt)
        sheet.cell(row, col["IDARTBDT"], idart)
        sheet.cell(row, col["NIK"], f"35221422038600{70 + offset}")
        sheet.cell(row, col["Nourut_art"], nourut)
        sheet.cell(row, col["Id_sementara"], None)
    book.save(target)
    return target


def test_update_import_fast_path_equals_read_back(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path,
                                                  exported: tuple[Path, Path]) -> None:
    village, file = exported
    fast, slow, used = _both_ways(monkeypatch, tmp_path, village,
                                  _edited(file, tmp_path / "edited.xlsx"))
    _assert_same(fast, slow)
    assert used["known"] == 1  # the household with a tie is read back
    assert used["fed"] >= 4
    actions = {(row[3], row[4]) for row in fast["change_log"][-10:]}
    assert ("update", "art") in actions and ("insert", "art") in actions


def test_fed_rows_that_do_not_match_the_log_are_read_instead(tmp_path: Path) -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE change_log (id INTEGER PRIMARY KEY, at, author, origin, action, "
                 "entity, entity_uuid, ruta_uuid, before, after)")
    conn.execute("CREATE TABLE audit_log (id, at, author, origin, action, entity, entity_uuid, "
                 "change_through, change_count, change_sha256, summary, prev_hash, hash)")
    rows = [(n, "2026-01-01 00:00:00.000000", "x", "import", "insert", "art", f"u{n}", "r",
             None, '{"a": 1}') for n in range(1, 6)]
    conn.executemany("INSERT INTO change_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    whole = audit._read_changes(conn, 0).digest.hexdigest()
    partial = audit.FedChanges(1)
    partial.add(rows[:3])  # two more rows were logged after these: read and added
    assert audit._covered(conn, 0, partial).digest.hexdigest() == whole
    wrong = audit.FedChanges(2)
    wrong.add(rows[1:4])  # does not start right after the head: everything is read
    assert audit._covered(conn, 0, wrong).digest.hexdigest() == whole
    with pytest.raises(ValueError):
        audit.FedChanges(1).add(rows[1:2])
