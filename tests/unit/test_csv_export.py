"""The CSV writer and the shared formula policy: BOM, delimiter, decimals, dates, identifiers
as text, masking, neutralised formulas (property tests, CSV and xlsx), atomic file."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from siksdesk.io.csv_export import write_csv
from siksdesk.io.export_common import FORMULA_CHARACTERS, csv_safe, is_formula_like
from siksdesk.io.table import ColumnKind, ExportCancelled, ExportColumn, ExportTable
from siksdesk.io.xlsx_export import write_xlsx

NIK = "3522015708450001"
COLUMNS = (
    ExportColumn("NIK", ColumnKind.IDENTIFIER, personal_identifier=True),
    ExportColumn("Nama"),
    ExportColumn("Tanggal lahir", ColumnKind.DATE),
    ExportColumn("Luas", ColumnKind.DECIMAL),
    ExportColumn("Jumlah", ColumnKind.INTEGER),
    ExportColumn("Dibuat", ColumnKind.DATETIME),
)
ROW = (NIK, "Siti Nur'aini; \"Ibu\"", date(1945, 8, 17), 36.5, 4, datetime(2026, 1, 2, 3, 4))
WHITESPACE = st.sampled_from([" ", "\t", "\r", "\n", "\u00a0", "\u200b", "\ufeff", "\u3000"])
FORMULA_TEXT = st.builds(lambda lead, char, rest: "".join(lead) + char + rest,
                         st.lists(WHITESPACE, max_size=3), st.sampled_from(sorted("=+-@")),
                         st.text(min_size=1, max_size=20))


def table(rows: Sequence[Sequence[object]],
          columns: tuple[ExportColumn, ...] = COLUMNS) -> ExportTable:
    return ExportTable("t", columns, rows, len(rows))


def read(path: Path, delimiter: str = ";") -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream, delimiter=delimiter))


def test_bom_semicolons_crlf_and_values(tmp_path: Path) -> None:
    result = write_csv(table([ROW]), tmp_path / "a.csv")
    raw = result.path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw
    header, row = read(result.path)
    assert header == [column.header for column in COLUMNS]
    assert row == [NIK, "Siti Nur'aini; \"Ibu\"", "1945-08-17", "36,5", "4", "2026-01-02 03:04"]
    assert result.rows == 1 and result.format == "csv"


def test_comma_delimiter_uses_a_decimal_point(tmp_path: Path) -> None:
    path = write_csv(table([ROW]), tmp_path / "a.csv", delimiter=",").path
    assert read(path, ",")[1][3] == "36.5"
    with pytest.raises(ValueError):
        write_csv(table([ROW]), tmp_path / "b.csv", delimiter="\t")


def test_numbers_of_every_kind(tmp_path: Path) -> None:
    rows = [(None, None, None, Decimal("2.25"), True, None), (int(NIK), 7, "kemarin", 3.0,
                                                               "dua", None)]
    path = write_csv(table(rows), tmp_path / "a.csv").path
    first, second = read(path)[1:]
    assert first == ["", "", "", "2,25", "1", ""]
    assert second == [NIK, "7", "kemarin", "3", "dua", ""]


def test_masking(tmp_path: Path) -> None:
    path = write_csv(table([ROW]), tmp_path / "a.csv", mask_identifiers=True).path
    assert read(path)[1][0] == "352201********01"


def test_cancel_leaves_nothing_and_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "a.csv"
    target.write_text("old")
    with pytest.raises(ExportCancelled):
        write_csv(table([ROW] * 1200), target, cancelled=lambda: True)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.csv"]


def test_progress_reaches_the_total(tmp_path: Path) -> None:
    reports: list[tuple[int, int]] = []
    write_csv(table([ROW] * 1001), tmp_path / "a.csv", progress=lambda d, t: reports.append((d, t)))
    assert reports == [(done, 1001) for done in range(100, 1001, 100)] + [(1001, 1001)]


@pytest.mark.parametrize("text", ["=1+2", " =1", "\t=1", "\r+1", "-2-3", "@A1", "\u200b=1"])
def test_formula_like_text_gets_an_apostrophe(tmp_path: Path, text: str) -> None:
    columns = (ExportColumn("Nama"), ExportColumn("NIK", ColumnKind.IDENTIFIER))
    path = write_csv(table([(text, text)], columns), tmp_path / "a.csv").path
    assert read(path)[1] == ["'" + text, "'" + text.strip()]  # identifiers are trimmed


@pytest.mark.parametrize("text", ["-", "+", "Siti - Wati", "a=b", "", "#N/A", "62+1"])
def test_harmless_text_is_unchanged(text: str) -> None:
    assert csv_safe(text) == text


# --- properties ------------------------------------------------------------------------------

def _lead_stripped(text: str) -> str:
    while text and (text[0].isspace() or text[0] in "\u200b\u200c\u200d\u2060\ufeff"):
        text = text[1:]
    return text


@given(st.one_of(st.text(max_size=30), FORMULA_TEXT))
def test_csv_field_never_reads_as_a_formula(text: str) -> None:
    safe = csv_safe(text)
    rest = _lead_stripped(safe)
    assert not (len(rest) > 1 and rest[0] in FORMULA_CHARACTERS)
    assert safe in (text, "'" + text)  # nothing else changes


@given(FORMULA_TEXT)
def test_every_formula_lookalike_is_caught(text: str) -> None:
    assert is_formula_like(text)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.one_of(FORMULA_TEXT, st.text(max_size=20)), min_size=1, max_size=8),
       numbers=st.lists(st.from_regex(r"[0-9]{16}", fullmatch=True), min_size=1, max_size=8))
def test_written_files_keep_text_and_identifiers(tmp_path: Path, texts: list[str],
                                                 numbers: list[str]) -> None:
    """Both writers: identifiers come back digit for digit as text; text comes back as text
    (xlsx: unchanged apart from characters XML cannot hold; CSV: at most an apostrophe)."""
    columns = (ExportColumn("NIK", ColumnKind.IDENTIFIER), ExportColumn("Teks"))
    rows = [(numbers[i % len(numbers)], texts[i % len(texts)])
            for i in range(max(len(texts), len(numbers)))]
    csv_rows = read(write_csv(table(rows, columns), tmp_path / "p.csv").path)[1:]
    sheet = openpyxl.load_workbook(write_xlsx(table(rows, columns), tmp_path / "p.xlsx").path,
                                   ).active
    for index, (number, text) in enumerate(rows):
        assert csv_rows[index][0] == number
        assert csv_rows[index][1] in (text, "'" + text)
        nik_cell, text_cell = sheet.cell(index + 2, 1), sheet.cell(index + 2, 2)
        assert nik_cell.value == number and nik_cell.data_type == "s"
        if text_cell.value is not None:
            assert text_cell.data_type == "s"
            assert text_cell.quotePrefix == is_formula_like(text_cell.value)


def test_csv_parsing_of_embedded_newlines(tmp_path: Path) -> None:
    columns = (ExportColumn("Catatan"),)
    path = write_csv(table([("baris 1\nbaris 2",)], columns), tmp_path / "a.csv").path
    assert read(path)[1] == ["baris 1\nbaris 2"]
    assert io.BytesIO(path.read_bytes()).read(3) == b"\xef\xbb\xbf"
