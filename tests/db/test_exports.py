"""Exports read from the database: the problem list, the usulan list and the "Perbaikan NIK"
list, written through run_export to real .xlsx and CSV files and read back."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import func, select

from siksdesk.app import AppContext, open_app
from siksdesk.db.session import read_session, unit_of_work
from siksdesk.domain.deactivation import DeactivationReason
from siksdesk.io.table import ColumnKind, ExportError
from siksdesk.models import Art, ImportBatch, Keluarga, NikIssue, RecordProblem, Ruta
from siksdesk.paths import AppPaths
from siksdesk.services import exports
from siksdesk.services.export_tables import address, problems_table
from siksdesk.services.exports import default_file_name, export_table, format_for, run_export
from siksdesk.services.usulan import propose_art_deactivation

demo = pytest.importorskip("siksdesk.demo")


@pytest.fixture(scope="module")
def village(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppContext]:
    """A small demo village with two usulan and two rows of a district invalid-NIK list."""
    ctx = open_app(AppPaths(tmp_path_factory.mktemp("exports")))
    demo.build_demo_village(ctx, people=150)
    with unit_of_work(ctx.sessions, "tester") as session:
        people = session.scalars(select(Art).where(Art.nik.is_not(None)).order_by(Art.id)
                                 .limit(2)).all()
        propose_art_deactivation(session, people[0].id, DeactivationReason.MENINGGAL,
                                 source="operator", author="tester", note="=bukan rumus")
        propose_art_deactivation(session, people[1].id, DeactivationReason.PINDAH,
                                 source="nik_issue", author="tester")
        batch = ImportBatch(kind="invalid_nik", file_name="daftar.xlsx", file_sha256="0" * 64,
                            author="tester")
        session.add(batch)
        session.flush()
        session.add_all([
            NikIssue(batch_id=batch.id, source_row=5, art_id=people[0].id, matched_by="nik",
                     reported_nik=people[0].nik, reported_name=people[0].nama,
                     reported_birth_date=date(1980, 1, 2), reported_idbdt="3522142010000001",
                     district_note="tidak padan"),
            NikIssue(batch_id=batch.id, source_row=6, art_id=None, matched_by="none",
                     reported_nik="3522010101010001", reported_name="Orang Lain",
                     status="dismissed", resolution_reason="bukan_warga",
                     resolved_at=datetime(2026, 1, 2, 3, 4), resolved_by="tester"),
        ])
    yield ctx
    ctx.close()


def data_sheet(path: Path) -> Any:
    """The list's sheet: the demo village is the training village, whose workbooks open on a
    "LATIHAN" sheet first."""
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[0] == "LATIHAN"
    return book.worksheets[1]


def rows_of(path: Path) -> list[list[object]]:
    return [[cell.value for cell in row] for row in data_sheet(path).iter_rows()]


def test_problem_list_has_every_stored_problem(village: AppContext, tmp_path: Path) -> None:
    result = run_export(village.sessions, "masalah", tmp_path / "m.xlsx")
    with read_session(village.sessions) as session:
        stored = session.scalar(select(func.count()).select_from(RecordProblem))
        niks = {nik for (nik,) in session.execute(select(Art.nik)) if nik}
    rows = rows_of(result.path)
    assert stored and result.rows == stored == len(rows) - 1
    assert rows[0][:8] == ["No. urut ruta", "Dusun", "RT", "RW", "Alamat", "Nama", "NIK",
                           "No. KK"]
    exported_niks = {row[6] for row in rows[1:] if row[6]}
    assert exported_niks and exported_niks <= niks  # full numbers, as stored
    assert all(row[10] in ("Kesalahan", "Peringatan") for row in rows[1:])
    assert all(isinstance(row[11], str) and row[11] for row in rows[1:])
    sheet = data_sheet(result.path)
    assert all(sheet.cell(r, 7).data_type == "s" for r in range(2, sheet.max_row + 1)
               if sheet.cell(r, 7).value)


def test_problem_list_of_one_kind_in_english(village: AppContext) -> None:
    with read_session(village.sessions) as session:
        code, count = session.execute(
            select(RecordProblem.code, func.count()).group_by(RecordProblem.code)
            .order_by(func.count().desc())).first()
        table = problems_table(session, "en", code)
        rows = list(table.rows)
    assert table.title == "Data problems" and table.columns[5].header == "Name"
    assert table.row_count == count == len(rows)
    assert {row[10] for row in rows} <= {"Error", "Warning"}


def test_usulan_list(village: AppContext, tmp_path: Path) -> None:
    result = run_export(village.sessions, "usulan", tmp_path / "u.xlsx")
    rows = rows_of(result.path)
    assert rows[0][:8] == ["Jenis usulan", "Alasan", "Nama", "NIK", "No. KK", "Alamat ruta",
                           "Status", "Dibuat"]
    with read_session(village.sessions) as session:
        people = session.execute(
            select(Art.nama, Art.nik, Keluarga.no_kk, Ruta.alamat)
            .join(Keluarga, Art.keluarga_id == Keluarga.id).join(Ruta)
            .where(Art.nik.is_not(None)).order_by(Art.id).limit(2)).all()
    assert len(rows) == 3
    for row, (nama, nik, no_kk, alamat), reason in zip(rows[1:], people,
                                                        ("Meninggal", "Pindah"), strict=True):
        assert row[:5] == ["Penonaktifan", reason, nama, nik, no_kk]
        assert row[5].startswith(alamat)
        assert row[6].startswith("Draf")
        assert isinstance(row[7], datetime)
    assert rows[1][8:] == ["tester", "Operator", "=bukan rumus"]
    sheet = data_sheet(result.path)
    assert sheet["K2"].data_type == "s" and sheet["K2"].quotePrefix


def test_usulan_list_masked_as_csv(village: AppContext, tmp_path: Path) -> None:
    result = run_export(village.sessions, "usulan", tmp_path / "u.csv", mask_identifiers=True)
    with result.path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream, delimiter=";"))
    assert result.masked and len(rows) == 3
    for row in rows[1:]:
        assert row[3].count("*") == 8 and row[4].count("*") == 8
    assert rows[1][10] == "'=bukan rumus"


def test_perbaikan_nik_list(village: AppContext, tmp_path: Path) -> None:
    result = run_export(village.sessions, "perbaikan-nik", tmp_path / "p.xlsx", lang="en")
    rows = rows_of(result.path)
    assert rows[0][:3] == ["Row in the district list", "NIK reported", "Name reported"]
    matched, unmatched = rows[1], rows[2]
    with read_session(village.sessions) as session:
        first = session.scalars(select(Art).where(Art.nik.is_not(None)).order_by(Art.id)).first()
        assert first is not None
        assert matched[:3] == [5, first.nik, first.nama]
        assert matched[7:9] == [first.nama, first.nik]
    assert matched[3] == datetime(1980, 1, 2)
    assert matched[6] == "NIK" and matched[11] == "Open"
    assert unmatched[6] == "not found in the village data"
    assert unmatched[7:11] == [None, None, None, None]
    assert unmatched[11:13] == ["Closed", "Not a resident of this village"]
    assert isinstance(unmatched[13], datetime)


def test_bnba_not_yet_available_is_a_clear_error(village: AppContext, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exports, "BNBA_MODULE", "siksdesk.services.no_such_module")
    with pytest.raises(ExportError) as caught:
        run_export(village.sessions, "bnba", tmp_path / "b.xlsx")
    assert caught.value.code == "EXPORT_NOT_AVAILABLE"
    assert list(tmp_path.iterdir()) == []


def test_bnba_export_writes_every_member(village: AppContext, tmp_path: Path) -> None:
    pytest.importorskip(exports.BNBA_MODULE)
    result = run_export(village.sessions, "bnba", tmp_path / "b.xlsx")
    with read_session(village.sessions) as session:
        members = session.scalar(select(func.count()).select_from(Art))
        table = export_table(session, "bnba")
    assert result.rows == members
    sheet = data_sheet(result.path)
    for index, column in enumerate(table.columns, 1):
        if column.kind is ColumnKind.IDENTIFIER:
            assert all(sheet.cell(r, index).data_type == "s" for r in range(2, 12)
                       if sheet.cell(r, index).value is not None)


def test_formats_and_file_names() -> None:
    assert format_for(Path("a.XLSX")) == "xlsx"
    assert format_for(Path("a.txt"), "csv") == "csv"
    with pytest.raises(ExportError):
        format_for(Path("a.xls"))
    assert default_file_name("bnba", "Kedaton", today=date(2026, 11, 24)) == \
        "BNBA_Kedaton_2026-11-24.xlsx"
    assert default_file_name("perbaikan-nik", "Sumber Rejo / Wetan", "csv",
                             date(2026, 1, 2)) == "Perbaikan_NIK_Sumber_Rejo_Wetan_2026-01-02.csv"
    assert default_file_name("usulan", "Kedaton", today=date(2026, 1, 2), masked=True) == \
        "Usulan_Kedaton_2026-01-02_publik.xlsx"
    assert default_file_name("masalah", "", today=date(2026, 1, 2)) == \
        "Masalah_data_2026-01-02.xlsx"


@pytest.mark.parametrize(("parts", "expected"), [
    (("Jl. Mawar 3", "001", "002", "Krajan"), "Jl. Mawar 3, RT 001/RW 002, Dsn. Krajan"),
    (("Dsn. Krajan RT 001 RW 001", "001", "001", "Krajan"), "Dsn. Krajan RT 001 RW 001"),
    (("", "", "", ""), ""),
])
def test_address_line(parts: tuple[str, str, str, str], expected: str) -> None:
    assert address(*parts) == expected
