"""The xlsx writer: identifiers as text cells that survive a save, header, filter, widths,
dates, formula neutralisation, masking, and an atomic file that Cancel leaves no trace of."""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from siksdesk.io import xlsx_export
from siksdesk.io.table import (
    ColumnKind,
    ExportCancelled,
    ExportColumn,
    ExportError,
    ExportTable,
)
from siksdesk.io.xlsx_export import sheet_title, write_xlsx

NIK = "3522015708450001"
KK = "3522012403160082"
COLUMNS = (
    ExportColumn("NIK", ColumnKind.IDENTIFIER, personal_identifier=True),
    ExportColumn("No. KK", ColumnKind.IDENTIFIER, personal_identifier=True),
    ExportColumn("IDBDT", ColumnKind.IDENTIFIER),
    ExportColumn("Nama"),
    ExportColumn("Tanggal lahir", ColumnKind.DATE),
    ExportColumn("Umur", ColumnKind.INTEGER),
    ExportColumn("Luas lantai", ColumnKind.DECIMAL),
    ExportColumn("Dibuat", ColumnKind.DATETIME),
)
DANGEROUS = ["=1+2", "+62812", "-2+3", "@SUM(A1)", " =cmd|' /C calc'!A0", "\t=1+1", "\r=1",
             "\u00a0=HYPERLINK(\"http://x\")", "\u200b=1", "\n@x", "==", "-(1)"]


def person(i: int = 1) -> tuple[object, ...]:
    return (f"352201570845{i:04d}", KK, f"35221420100{i:05d}", "Siti Aminah",
            date(1945, 8, 17), 80, 36.5, datetime(2026, 1, 2, 3, 4))


def table(rows: Sequence[Sequence[object]], columns: tuple[ExportColumn, ...] = COLUMNS,
          title: str = "BNBA") -> ExportTable:
    return ExportTable(title, columns, rows, len(rows))


def load(path: Path) -> openpyxl.worksheet.worksheet.Worksheet:
    return openpyxl.load_workbook(path).active


def test_identifiers_are_text_cells_with_every_digit(tmp_path: Path) -> None:
    rows = [person(), (int(NIK), float(KK[:15]), None, "x", None, None, None, None)]
    result = write_xlsx(table(rows), tmp_path / "a.xlsx")
    sheet = load(result.path)
    for column in ("A", "B", "C"):
        cell = sheet[f"{column}2"]
        assert cell.data_type == "s"
        assert cell.number_format == "@"  # Excel keeps an edited cell as text too
    assert sheet["A2"].value == NIK
    assert sheet["B2"].value == KK
    assert sheet["C2"].value == "3522142010000001"
    assert sheet["A3"].value == NIK and sheet["A3"].data_type == "s"  # an int became text
    assert sheet["B3"].value == KK[:15]  # a float without ".0"
    assert result.rows == 2 and result.columns == len(COLUMNS) and not result.masked


def test_identifiers_survive_opening_and_saving(tmp_path: Path) -> None:
    first = write_xlsx(table([person(i) for i in range(1, 4)]), tmp_path / "a.xlsx").path
    # What Excel does on open + save, as near as a test can get: load fully, save again.
    workbook = openpyxl.load_workbook(first)
    workbook.save(tmp_path / "b.xlsx")
    sheet = load(tmp_path / "b.xlsx")
    assert [sheet.cell(row, 1).value for row in range(2, 5)] == [
        f"352201570845{i:04d}" for i in range(1, 4)]
    assert all(sheet.cell(row, 1).data_type == "s" for row in range(2, 5))


def test_header_frozen_filtered_and_styled(tmp_path: Path) -> None:
    sheet = load(write_xlsx(table([person(i) for i in range(1, 6)]), tmp_path / "a.xlsx").path)
    assert [cell.value for cell in sheet[1]] == [column.header for column in COLUMNS]
    header = sheet["A1"]
    assert header.font.b is True
    assert header.fill.fill_type == "solid" and header.fill.fgColor.rgb == "FFD9E1F2"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:H6"
    assert sheet.title == "BNBA"


def test_dates_are_date_cells_shown_day_month_year(tmp_path: Path) -> None:
    aware = datetime(2026, 1, 2, 3, 4, tzinfo=timezone(timedelta(hours=7)))
    rows = [person(), (None, None, None, None, datetime(2001, 2, 3, 4, 5), None, None, aware)]
    sheet = load(write_xlsx(table(rows), tmp_path / "a.xlsx").path)
    assert sheet["E2"].is_date and sheet["E2"].number_format == "dd-mm-yyyy"
    assert sheet["E2"].value == datetime(1945, 8, 17)
    assert sheet["E3"].value == datetime(2001, 2, 3)  # a DATE column drops the time
    assert sheet["H2"].is_date and sheet["H2"].number_format == "dd-mm-yyyy hh:mm"
    assert sheet["H2"].value == datetime(2026, 1, 2, 3, 4)
    local = aware.astimezone().replace(tzinfo=None)
    assert sheet["H3"].value == local
    assert sheet["F2"].value == 80 and sheet["F2"].data_type == "n"
    assert sheet["G2"].value == 36.5


def test_widths_fit_the_sampled_content(tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx_export, "WIDTH_SAMPLE", 3)
    columns = (ExportColumn("Nama"), ExportColumn("Alamat"), ExportColumn("X"))
    rows = [("Siti", "Jl. " + "a" * 200, "y")] * 3 + [("N" * 40, "b", "z")]
    sheet = load(write_xlsx(table(rows, columns), tmp_path / "a.xlsx").path)
    widths = {key: dim.width for key, dim in sheet.column_dimensions.items()}
    assert widths["A"] == len("Nama") + 3  # the 4th row lies beyond the sample
    assert widths["B"] == xlsx_export.MAX_WIDTH
    assert widths["C"] == xlsx_export.MIN_WIDTH


@pytest.mark.parametrize("text", DANGEROUS)
def test_formula_like_text_stays_text(tmp_path: Path, text: str) -> None:
    columns = (ExportColumn("Nama"), ExportColumn("NIK", ColumnKind.IDENTIFIER),
               ExportColumn("Umur", ColumnKind.INTEGER))
    path = write_xlsx(table([(text, text, text)], columns), tmp_path / "a.xlsx").path
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml
    sheet = load(path)
    for cell in sheet[2]:
        assert cell.data_type == "s"
        assert cell.quotePrefix is True  # Excel shows the text and keeps it text when edited
    assert sheet["A2"].value.strip() == text.strip()


def test_plain_text_error_lookalikes_and_control_characters(tmp_path: Path) -> None:
    columns = (ExportColumn("A"), ExportColumn("B"), ExportColumn("C"), ExportColumn("D"))
    path = write_xlsx(table([("-", "#N/A", "a\x00b\x1fc", "Sri - Wati")], columns),
                      tmp_path / "a.xlsx").path
    sheet = load(path)
    assert sheet["A2"].value == "-" and sheet["A2"].quotePrefix is False
    assert sheet["B2"].value == "#N/A" and sheet["B2"].data_type == "s"
    assert sheet["C2"].value == "a b c"
    assert sheet["D2"].value == "Sri - Wati" and sheet["D2"].quotePrefix is False


def test_masking_hides_personal_identifiers_only(tmp_path: Path) -> None:
    result = write_xlsx(table([person(), ("SMT-1", None, None, "x", None, None, None, None)]),
                        tmp_path / "a.xlsx", mask_identifiers=True)
    sheet = load(result.path)
    assert result.masked
    assert sheet["A2"].value == "352201********01"
    assert sheet["B2"].value == "352201********82"
    assert sheet["C2"].value == "3522142010000001"  # IDBDT is not a personal number
    assert sheet["A3"].value == "*****"
    assert sheet["D2"].value == "Siti Aminah"


def test_progress_reaches_the_total(tmp_path: Path) -> None:
    reports: list[tuple[int, int]] = []
    rows = [person(i) for i in range(1, 1202)]
    write_xlsx(table(rows), tmp_path / "a.xlsx", progress=lambda d, t: reports.append((d, t)))
    assert reports[-1] == (1201, 1201)
    assert [done for done, _ in reports] == sorted(done for done, _ in reports)
    assert all(total == 1201 for _, total in reports)


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system temp folder, redirected, so that openpyxl's scratch file can be looked for."""
    folder = tmp_path / "system-temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_cancel_leaves_no_file_and_keeps_the_old_one(tmp_path: Path, scratch: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "a.xlsx"
    target.write_bytes(b"old export")
    calls = 0

    def cancelled() -> bool:
        nonlocal calls
        calls += 1
        return calls > 1

    with pytest.raises(ExportCancelled):
        write_xlsx(table([person(i) for i in range(1, 2000)]), target, cancelled=cancelled)
    assert target.read_bytes() == b"old export"
    assert sorted(p.name for p in out.iterdir()) == ["a.xlsx"]
    assert list(scratch.iterdir()) == []


def test_a_failing_row_source_leaves_nothing(tmp_path: Path, scratch: Path) -> None:
    def rows() -> Iterator[tuple[object, ...]]:
        for i in range(1, 1500):
            yield person(i)
        raise RuntimeError("database gone")

    with pytest.raises(RuntimeError):
        write_xlsx(ExportTable("x", COLUMNS, rows()), tmp_path / "a.xlsx")
    assert list(tmp_path.glob("*a*")) == []
    assert [p.name for p in tmp_path.iterdir()] == ["system-temp"]
    assert list(scratch.iterdir()) == []


def test_success_leaves_only_the_file(tmp_path: Path, scratch: Path) -> None:
    write_xlsx(table([person()]), tmp_path / "a.xlsx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx", "system-temp"]
    assert list(scratch.iterdir()) == []


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError) as caught:
        write_xlsx(table([person()]), tmp_path / "nope" / "a.xlsx")
    assert caught.value.code == "EXPORT_FOLDER_MISSING"
    assert str(tmp_path / "nope") in caught.value.message("id")
    assert "tidak ada" in caught.value.message("id")
    assert NIK not in str(caught.value)


def test_an_empty_table_still_has_its_header(tmp_path: Path) -> None:
    result = write_xlsx(table([]), tmp_path / "a.xlsx")
    sheet = load(result.path)
    assert result.rows == 0
    assert sheet.max_row == 1 and sheet.auto_filter.ref == "A1:H1"


@pytest.mark.parametrize(("title", "expected"), [
    ("BNBA", "BNBA"), ("a/b:c", "a b c"), ("x" * 40, "x" * 31), ("[]", "Data"), ("'q'", "q"),
])
def test_sheet_titles_excel_accepts(title: str, expected: str) -> None:
    assert sheet_title(title) == expected


def test_utc_datetime_aware_and_naive_alike(tmp_path: Path) -> None:
    columns = (ExportColumn("t", ColumnKind.DATETIME),)
    moment = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
    sheet = load(write_xlsx(table([(moment,)], columns), tmp_path / "a.xlsx").path)
    assert sheet["A2"].value == moment.astimezone().replace(tzinfo=None)


def test_unknown_length_reports_a_busy_total(tmp_path: Path) -> None:
    reports: list[tuple[int, int]] = []
    rows = iter([person(i) for i in range(1, 1102)])
    write_xlsx(ExportTable("x", COLUMNS, rows), tmp_path / "a.xlsx",
               progress=lambda d, t: reports.append((d, t)))
    assert reports == [(done, 0) for done in range(100, 1101, 100)] + [(1101, 1101)]


def test_decimals_and_impossible_numbers(tmp_path: Path) -> None:
    columns = (ExportColumn("a", ColumnKind.DECIMAL), ExportColumn("b", ColumnKind.DECIMAL),
               ExportColumn("c", ColumnKind.INTEGER))
    sheet = load(write_xlsx(table([(Decimal("2.25"), float("nan"), True)], columns),
                            tmp_path / "a.xlsx").path)
    assert sheet["A2"].value == 2.25 and sheet["A2"].data_type == "n"
    assert sheet["B2"].value is None
    assert sheet["C2"].value == 1
