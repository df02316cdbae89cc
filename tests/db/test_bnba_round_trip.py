"""Export -> import round trip (xlsx and CSV) yields identical data; hostile rows are refused
with row and column named and the database unchanged."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select

from bnba_files import household_rows, write_xlsx
from siksdesk.app import AppContext, open_app
from siksdesk.db.session import read_session
from siksdesk.demo import build_demo_village
from siksdesk.domain.variables import Entity, variables
from siksdesk.io.csv_export import write_csv
from siksdesk.io.xlsx_export import write_xlsx as export_xlsx
from siksdesk.models import Art, Keluarga, Ruta
from siksdesk.paths import default_paths
from siksdesk.services.bnba_export import bnba_table
from siksdesk.services.bnba_import import apply_bnba, preview_bnba

RUTA_FIELDS = ("idbdt", "no_urut", "alamat", "rt", "rw", "dusun", "tanggal_verivali",
               "pencacah", "pemeriksa", "latitude", "longitude",
               *(v.key for v in variables(Entity.RUTA)))
ART_FIELDS = ("idartbdt", "no_urut", "nama", "nik", "nik_from_number", "temp_id",
              *(v.key for v in variables(Entity.ART)))


def _open(folder: Path) -> AppContext:
    return open_app(default_paths({"SIKSDESK_HOME": str(folder)}))


@pytest.fixture(scope="module")
def village(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppContext]:
    ctx = _open(tmp_path_factory.mktemp("village"))
    build_demo_village(ctx, people=260, seed=11)
    yield ctx
    ctx.close()


def registry(ctx: AppContext) -> list[tuple[Any, ...]]:
    """Every registry value that matters, without local ids, uuids or timestamps."""
    with read_session(ctx.sessions) as session:
        query = (select(*(getattr(Ruta, f) for f in RUTA_FIELDS), Keluarga.no_urut,
                        Keluarga.no_kk, Keluarga.no_kk_from_number,
                        *(getattr(Art, f) for f in ART_FIELDS))
                 .join(Keluarga, Keluarga.ruta_id == Ruta.id)
                 .join(Art, Art.keluarga_id == Keluarga.id)
                 .order_by(Ruta.no_urut, Keluarga.no_urut, Art.no_urut))
        return [tuple(row) for row in session.execute(query)]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_import_round_trip_is_identical(village: AppContext, tmp_path: Path,
                                               fmt: str) -> None:
    path = tmp_path / f"bnba.{fmt}"
    with read_session(village.sessions) as session:
        table = bnba_table(session)
        if fmt == "xlsx":
            export_xlsx(table, path)
        else:
            write_csv(table, path)
    fresh = _open(tmp_path / "fresh")
    try:
        plan = preview_bnba(fresh.sessions, path)
        assert plan.clean, [r.problems[0].message("en") for r in plan.rows if r.problems][:3]
        apply_bnba(fresh.sessions, plan, author="round trip")
        assert registry(fresh) == registry(village)
    finally:
        fresh.close()
    same = preview_bnba(village.sessions, path)  # into the village it came from: no change
    assert same.counts["unchanged"] == len(same.rows)


def content(ctx: AppContext) -> list[str]:
    with sqlite3.connect(ctx.database) as conn:
        return list(conn.iterdump())


def test_hostile_rows_are_refused_with_row_and_column(tmp_path: Path) -> None:
    rows = household_rows()
    rows[0][15] = "=1+1"
    rows[1][15] = "#N/A"
    path = write_xlsx(tmp_path / "rows.xlsx", rows)
    book = openpyxl.load_workbook(path)
    book.active.merge_cells("O3:O4")  # the name of rows 3-4 merged
    book.save(path)
    ctx = _open(tmp_path / "home")
    try:
        before = content(ctx)
        plan = preview_bnba(ctx.sessions, path)
        assert [r.status.value for r in plan.rows] == ["rejected", "rejected", "rejected"]
        messages = [r.problems[0].message("id") for r in plan.rows]
        assert "baris 2, kolom P (NIK)" in messages[0] and "rumus" in messages[0]
        assert "baris 3, kolom P (NIK)" in messages[1] and "#N/A" in messages[1]
        assert "baris 4, kolom O (Nama)" in messages[2] and "gabungan" in messages[2]
        apply_bnba(ctx.sessions, plan, author="x")  # nothing to write
        assert [line for line in content(ctx) if "import_batch" not in line] == [
            line for line in before if "import_batch" not in line]
    finally:
        ctx.close()

