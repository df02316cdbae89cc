"""Reading one table from an .xlsx (python-calamine, after ``file_guard``) or a CSV file.

Rows come out one at a time with their Excel row number; a cell that holds an Excel error, a
formula without a stored value or the inside of a merged range is replaced by a ``CellFlag`` so
that the row can be refused with a clear reason instead of reading as empty.
"""

from __future__ import annotations

import csv
import io
import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from defusedxml import ElementTree  # type: ignore[import-untyped]

from siksdesk.domain.cells import CellFlag
from siksdesk.domain.import_problems import ImportProblem, Location, problem, reject
from siksdesk.io.file_guard import FileKind, check_zip, scan_sheet, sniff

_MAIN_NS: Final = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS: Final = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL_NS: Final = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CSV_SHEET: Final = "CSV"

Row = list[Any]


@dataclass(frozen=True, slots=True)
class SheetRef:
    name: str
    part: str  # zip member, e.g. xl/worksheets/sheet1.xml
    visible: bool


@dataclass(frozen=True, slots=True)
class WorkbookInfo:
    path: Path
    kind: str  # FileKind
    sheets: tuple[SheetRef, ...]
    warnings: tuple[ImportProblem, ...]

    @property
    def visible(self) -> tuple[SheetRef, ...]:
        return tuple(s for s in self.sheets if s.visible)


@dataclass(slots=True)
class Table:
    """The cells of one sheet. ``rows`` yields (Excel row number, values) once."""

    file_name: str
    sheet: str
    first_column: int  # 1-based column of values[0]
    height: int
    rows: Iterator[tuple[int, Row]]
    warnings: tuple[ImportProblem, ...] = ()
    _close: list[Any] = field(default_factory=list)

    def where(self, row: int | None = None, column: int | None = None,
              header: str = "") -> Location:
        return Location(self.file_name, self.sheet, row, column, header)

    def close(self) -> None:
        self._close.clear()  # drops the reader's cells


def inspect_file(path: Path) -> WorkbookInfo:
    """What the file is and which sheets it has; refuses anything unsafe or unreadable."""
    kind = sniff(path)
    if kind == FileKind.CSV:
        return WorkbookInfo(path, kind, (SheetRef(CSV_SHEET, "", True),), ())
    facts = check_zip(path)
    sheets = _sheets(path)
    warnings: list[ImportProblem] = []
    hidden = [s.name for s in sheets if not s.visible]
    if hidden:
        warnings.append(problem("FILE_HIDDEN_SHEETS", sheets=", ".join(hidden)))
    if facts.external_links:
        warnings.append(problem("FILE_EXTERNAL_LINKS"))
    if not any(s.visible for s in sheets):
        raise reject("FILE_NO_SHEET")
    return WorkbookInfo(path, kind, sheets, tuple(warnings))


def _sheets(path: Path) -> tuple[SheetRef, ...]:
    try:
        with zipfile.ZipFile(path) as archive:
            book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
            rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
            names = set(archive.namelist())
    except (KeyError, zipfile.BadZipFile, OSError, ElementTree.ParseError):
        raise reject("FILE_DAMAGED") from None
    except Exception:  # defusedxml's refusals (entities, DTD): treated as an entity bomb
        raise reject("FILE_XML_ENTITY") from None
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_PKG_REL_NS}"
                                                                           "Relationship")}
    found = []
    for node in book.iter(f"{_MAIN_NS}sheet"):
        target = targets.get(node.get(f"{_REL_NS}id"), "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join("xl", target))
        if part not in names or "worksheets/" not in part:
            continue  # chart sheets and dangling references hold no table
        visible = node.get("state", "visible") == "visible"
        found.append(SheetRef(node.get("name", "?"), part, visible))
    return tuple(found)


def read_table(info: WorkbookInfo, sheet: SheetRef) -> Table:
    if info.kind == FileKind.CSV:
        return _read_csv(info.path)
    scan = scan_sheet(info.path, sheet.part, sheet.name)
    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_path(str(info.path))
        data = book.get_sheet_by_name(sheet.name)
    except Exception:  # calamine's errors (zip, XML, password) all mean "unreadable"
        raise reject("FILE_DAMAGED", Location(info.path.name, sheet.name)) from None
    start_row, start_col = data.start or (0, 0)
    flags = dict(scan.flags)
    merged = sorted(data.merged_cell_ranges or [])
    rows = _calamine_rows(data, start_row, start_col, flags, merged)
    return Table(info.path.name, sheet.name, start_col + 1, data.height, rows,
                 info.warnings, [book, data])


def _calamine_rows(data: Any, start_row: int, start_col: int,
                   flags: dict[tuple[int, int], CellFlag],
                   merged: list[tuple[tuple[int, int], tuple[int, int]]]
                   ) -> Iterator[tuple[int, Row]]:
    by_row: dict[int, list[tuple[int, CellFlag]]] = {}
    for (row, column), flag in flags.items():
        by_row.setdefault(row, []).append((column, flag))
    pending = list(reversed(merged))  # sorted by first row; popped in order
    active: list[tuple[tuple[int, int], tuple[int, int]]] = []
    for index, values in enumerate(data.iter_rows()):
        row0 = start_row + index
        while pending and pending[-1][0][0] <= row0:
            active.append(pending.pop())
        if active:
            active = [span for span in active if span[1][0] >= row0]
            values = _mark_merged(values, row0, start_col, active)
        marks = by_row.get(row0 + 1)
        if marks:
            for column, flag in marks:
                at = column - 1 - start_col
                if 0 <= at < len(values):
                    values[at] = flag
        yield row0 + 1, values


def _mark_merged(values: Row, row0: int, start_col: int,
                 spans: list[tuple[tuple[int, int], tuple[int, int]]]) -> Row:
    for (top, left), (_bottom, right) in spans:
        for column0 in range(max(left, start_col), right + 1):
            at = column0 - start_col
            if (row0, column0) != (top, left) and at < len(values):
                values[at] = CellFlag.MERGED
    return values


def _read_csv(path: Path) -> Table:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    sample = text[:65536]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    records = list(csv.reader(io.StringIO(text, newline=""), dialect))
    rows = ((number, [value or None for value in record])
            for number, record in enumerate(records, start=1))
    return Table(path.name, CSV_SHEET, 1, len(records), rows)
