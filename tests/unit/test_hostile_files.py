"""Every hostile or broken file of security.md ends in a clear message (file-level checks run
before any parser). Row-level cases (merged cells, #N/A, formulas) are in
tests/db/test_bnba_hostile_rows.py, where the database must also stay unchanged."""

from __future__ import annotations

import re
import time
import zipfile
from pathlib import Path

import pytest

from bnba_files import SHEET, add_part, household_rows, rewrite_part, write_xlsx
from siksdesk.domain.cells import CellFlag
from siksdesk.domain.import_problems import ImportRejected, column_letter
from siksdesk.io.workbook import inspect_file, read_table


def _refused(path: Path) -> ImportRejected:
    with pytest.raises(ImportRejected) as caught:
        info = inspect_file(path)
        for sheet in info.visible:
            table = read_table(info, sheet)
            list(table.rows)
    message = caught.value.message("id")
    assert message and caught.value.message("en") != message
    assert not re.search(r"[0-9]{16}", message)
    return caught.value


@pytest.fixture
def good(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "good.xlsx", household_rows())


def test_good_file_reads(good: Path) -> None:
    info = inspect_file(good)
    rows = list(read_table(info, info.visible[0]).rows)
    assert len(rows) == 4 and rows[0][0] == 1


@pytest.mark.parametrize(("name", "content", "code"), [
    ("old.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "FILE_XLS"),
    ("locked.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 200
     + "EncryptedPackage".encode("utf-16-le") + b"\0" * 200, "FILE_ENCRYPTED"),
    ("page.xlsx", b"<html><body><table><tr><td>NIK</td></tr></table></body></html>",
     "FILE_HTML"),
    ("list.xlsx", b"NIK;Nama\n3522141708800001;Budi\n", "FILE_CSV_RENAMED"),
    ("empty.xlsx", b"", "FILE_EMPTY"),
    ("noise.xlsx", bytes(range(256)) * 4, "FILE_UNKNOWN_FORMAT"),
])
def test_files_that_are_not_xlsx(tmp_path: Path, name: str, content: bytes, code: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert _refused(path).code == code


def test_xlsb_and_other_zip_files(tmp_path: Path) -> None:
    xlsb = tmp_path / "binary.xlsx"
    with zipfile.ZipFile(xlsb, "w") as archive:
        archive.writestr("xl/workbook.bin", b"\0" * 10)
    docx = tmp_path / "letter.xlsx"
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    assert _refused(xlsb).code == "FILE_XLSB"
    assert _refused(docx).code == "FILE_UNKNOWN_FORMAT"


def test_truncated_copy_is_damaged(tmp_path: Path, good: Path) -> None:
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    assert _refused(cut).code == "FILE_DAMAGED"


def test_zip_bomb_is_refused_quickly(tmp_path: Path, good: Path) -> None:
    bomb = tmp_path / "bomb.xlsx"
    padding = " " * (50 * 1024 * 1024)  # 50 MB of spaces compress to about 50 KB
    rewrite_part(good, bomb, SHEET, lambda xml: xml.replace("<sheetData>",
                                                            padding + "<sheetData>", 1))
    assert bomb.stat().st_size < 1024 * 1024
    started = time.perf_counter()
    assert _refused(bomb).code == "FILE_ZIP_BOMB"
    assert time.perf_counter() - started < 2


def test_xml_entity_bomb_is_refused(tmp_path: Path, good: Path) -> None:
    lol = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
           + "".join(f'<!ENTITY lol{i} "{"&lol;" * 10}">' for i in range(1, 9)) + "]>")
    bomb = tmp_path / "lol.xlsx"
    rewrite_part(good, bomb, "xl/workbook.xml",
                 lambda xml: lol + xml.split("?>", 1)[1] if xml.startswith("<?xml") else
                 lol + xml)
    assert _refused(bomb).code == "FILE_XML_ENTITY"


@pytest.mark.parametrize("ref", ["XFD1048576", "A999999", "EA2", "C130000"])
def test_far_reaching_cells_are_refused_before_reading(tmp_path: Path, good: Path,
                                                       ref: str) -> None:
    far = tmp_path / "far.xlsx"
    cell = f'<row r="5"><c r="{ref}" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    rewrite_part(good, far, SHEET, lambda xml: xml.replace("</sheetData>", cell))
    assert _refused(far).code == "FILE_SHEET_TOO_BIG"


def test_lying_dimension_is_harmless(tmp_path: Path, good: Path) -> None:
    liar = tmp_path / "liar.xlsx"
    rewrite_part(good, liar, SHEET, lambda xml: re.sub(r'<dimension ref="[^"]*" ?/>',
                                                       '<dimension ref="A1:XFD1048576"/>', xml))
    info = inspect_file(liar)
    assert len(list(read_table(info, info.visible[0]).rows)) == 4


def test_hidden_sheet_and_external_link_are_reported(tmp_path: Path, good: Path) -> None:
    import openpyxl

    book = openpyxl.load_workbook(good)
    book.create_sheet("Rahasia").sheet_state = "hidden"
    book.save(good)
    linked = add_part(good, tmp_path / "linked.xlsx", "xl/externalLinks/externalLink1.xml",
                      b"<externalLink/>")
    info = inspect_file(linked)
    assert [s.name for s in info.visible] == ["BNBA"]
    codes = [w.code for w in info.warnings]
    assert codes == ["FILE_HIDDEN_SHEETS", "FILE_EXTERNAL_LINKS"]
    assert "Rahasia" in info.warnings[0].message("id")


def test_error_formula_and_merged_cells_are_flagged(tmp_path: Path) -> None:
    rows = household_rows()
    rows[0][15] = "=1+1"  # NIK: a formula never calculated (openpyxl stores no value)
    rows[1][15] = "#N/A"
    path = write_xlsx(tmp_path / "flags.xlsx", rows)
    import openpyxl

    book = openpyxl.load_workbook(path)
    book.active.merge_cells("E3:E4")  # IDBDT of rows 3 and 4 merged
    book.save(path)
    info = inspect_file(path)
    cells = {number: values for number, values in read_table(info, info.visible[0]).rows}
    assert cells[2][15] is CellFlag.FORMULA_NO_VALUE
    assert cells[3][15] is CellFlag.EXCEL_ERROR
    assert cells[4][4] is CellFlag.MERGED and cells[3][4] != CellFlag.MERGED


def test_column_letters() -> None:
    assert [column_letter(n) for n in (1, 26, 27, 130)] == ["A", "Z", "AA", "DZ"]


# --- the streaming pass and the reader's pieces (file_guard.sheet_pieces) ----------------------


def _many_rows(tmp_path: Path, count: int = 60) -> Path:
    rows = []
    for number in range(count):
        idbdt = f"35221420100{number // 3:05d}"
        rows.append([*household_rows()[number % 3][:4], idbdt, *household_rows()[0][5:]])
    return write_xlsx(tmp_path / "many.xlsx", rows)


def _read(path: Path) -> list[tuple[int, list[object]]]:
    info = inspect_file(path)
    return list(read_table(info, info.visible[0]).rows)


def test_small_pieces_read_like_one_piece(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                          ) -> None:
    import openpyxl

    path = _many_rows(tmp_path)
    book = openpyxl.load_workbook(path)
    book.active.merge_cells("E30:E33")  # across several pieces
    book.active["P40"] = "#N/A"
    book.save(path)
    whole = _read(path)
    monkeypatch.setattr("siksdesk.io.file_guard.BLOCK_BYTES", 1500)  # a few rows per piece
    pieces = _read(path)
    assert pieces == whole and len(whole) == 61
    assert pieces[30][1][4] is CellFlag.MERGED and pieces[29][1][4] is not CellFlag.MERGED
    assert pieces[39][1][15] is CellFlag.EXCEL_ERROR


def test_rows_below_a_blank_top_keep_their_numbers(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "title.xlsx", household_rows(), above=[[], [], ["DAFTAR"]])
    rows = dict(_read(path))
    assert rows[3][0] == "DAFTAR" and rows[4][0] == "KDPROP" and rows[5][14] == "Budi Santoso"


def test_cell_naming_an_earlier_row_is_refused(tmp_path: Path, good: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    path = _many_rows(tmp_path)
    liar = tmp_path / "liar.xlsx"
    cell = '<row r="70"><c r="A2" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    rewrite_part(path, liar, SHEET, lambda xml: xml.replace("</sheetData>", cell))
    monkeypatch.setattr("siksdesk.io.file_guard.BLOCK_BYTES", 1500)
    assert _refused(liar).code == "FILE_DAMAGED"


def test_doctype_inside_the_sheet_is_refused(tmp_path: Path, good: Path) -> None:
    bomb = tmp_path / "inside.xlsx"
    rewrite_part(good, bomb, SHEET, lambda xml: xml.replace(
        "</sheetData>", '</sheetData><!DOCTYPE x [<!ENTITY a "b">]>'))
    assert _refused(bomb).code == "FILE_XML_ENTITY"


def _prefixed(xml: str) -> str:
    xml = re.sub(r"<(/?)(?!\?)([A-Za-z]+)", r"<\1x:\2", xml)
    return xml.replace('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
                       'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"')


def test_sheet_with_namespace_prefixes_is_checked_whole(tmp_path: Path, good: Path) -> None:
    plain = tmp_path / "prefixed.xlsx"
    rewrite_part(good, plain, SHEET, _prefixed)
    assert len(_read(plain)) == 4
    far = tmp_path / "prefixed-far.xlsx"
    cell = '<row r="5"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    rewrite_part(good, far, SHEET, lambda xml: _prefixed(xml.replace("</sheetData>", cell)))
    assert _refused(far).code == "FILE_SHEET_TOO_BIG"
