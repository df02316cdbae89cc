"""The one-pass read (``read_table(streaming=True)`` + ``Table.verify()``) gives what the
two-pass read gives: the same rows, or the same refusal (code and figures) — also when the bad
part of the sheet comes after the rows a caller has read, and never by showing python-calamine
a piece that was not checked first."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest

from bnba_files import SHEET, household_rows, rewrite_part, write_xlsx
from siksdesk.domain.cells import CellFlag
from siksdesk.domain.import_problems import ImportRejected
from siksdesk.io import workbook
from siksdesk.io.workbook import inspect_file, read_table


def _outcome(path: Path, *, streaming: bool, take: int | None = None) -> tuple[Any, ...]:
    """("rows", rows, final) or ("refused", code, params); ``take``: stop after that many rows
    (a caller that gives up on the sheet) and verify."""
    try:
        info = inspect_file(path)
        table = read_table(info, info.visible[0], streaming=streaming)
        rows = []
        for item in table.rows:
            rows.append(item)
            if take is not None and len(rows) >= take:
                break
        final = table.verify()
        table.close()
    except ImportRejected as refused:
        return ("refused", refused.code, refused.problem.params)
    return ("rows", rows, final)


def _many_rows(tmp_path: Path, count: int = 60) -> Path:
    rows = []
    for number in range(count):
        idbdt = f"35221420100{number // 3:05d}"
        rows.append([*household_rows()[number % 3][:4], idbdt, *household_rows()[0][5:]])
    return write_xlsx(tmp_path / "many.xlsx", rows)


def _at_end(source: Path, target: Path, xml: str) -> Path:
    return rewrite_part(source, target, SHEET, lambda text: text.replace("</sheetData>", xml))


@pytest.fixture(autouse=True)
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("siksdesk.io.file_guard.BLOCK_BYTES", 1500)  # a few rows per piece


@pytest.mark.parametrize("take", [None, 3])
@pytest.mark.parametrize("tail", [
    '<row r="70"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
    '<row r="70"><c r="A999999" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
    '<row r="70"><c r="EA70" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
    '</sheetData><!DOCTYPE x [<!ENTITY a "b">]>',
    '<row r="70"><c r="A2" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
    '<row r="70"><c r="P70"><f>1+1</f></c><c r="Q70" t="e"><v>#N/A</v></c></row></sheetData>',
    '<row r="119000"><c r="CA119000" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
])
def test_one_pass_agrees_with_two_passes(tmp_path: Path, tail: str, take: int | None) -> None:
    path = _at_end(_many_rows(tmp_path), tmp_path / "bad.xlsx", tail)
    two = _outcome(path, streaming=False, take=take)
    assert _outcome(path, streaming=True, take=take) == two
    assert two[0] == "refused" or take is not None or two[1][-1][0] == 70


def test_merged_ranges_ask_for_a_second_read(tmp_path: Path) -> None:
    import openpyxl

    path = _many_rows(tmp_path)
    book = openpyxl.load_workbook(path)
    book.active.merge_cells("E30:E33")
    book.save(path)
    one = _outcome(path, streaming=True)
    two = _outcome(path, streaming=False)
    assert one[0] == "rows" and one[2] is False
    assert two[1][30][1][4] is CellFlag.MERGED and one[1][30][1][4] is not CellFlag.MERGED


def test_calamine_only_sees_checked_pieces(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    path = _at_end(_many_rows(tmp_path), tmp_path / "far.xlsx",
                   '<row r="70"><c r="XFD1048576"><v>1</v></c></row></sheetData>')
    seen: list[bytes] = []
    load = workbook._load_piece

    def spy(book: bytes, name: str, first_row: int) -> Any:
        with zipfile.ZipFile(__import__("io").BytesIO(book)) as archive:
            seen.append(archive.read(SHEET))
        return load(book, name, first_row)

    monkeypatch.setattr(workbook, "_load_piece", spy)
    assert _outcome(path, streaming=True)[:2] == ("refused", "FILE_SHEET_TOO_BIG")
    assert seen and not any(b"XFD" in xml for xml in seen)
