"""Reading one table from an .xlsx (python-calamine, after ``file_guard``) or a CSV file.

Rows come out one at a time with their Excel row number; a cell that holds an Excel error, a
formula without a stored value or the inside of a merged range is replaced by a ``CellFlag`` so
that the row can be refused with a clear reason instead of reading as empty.
"""

from __future__ import annotations

import csv
import io
import os
import posixpath
import re
import zipfile
import zlib
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from defusedxml import ElementTree  # type: ignore[import-untyped]

from siksdesk.domain.cells import CellFlag
from siksdesk.domain.import_problems import ImportProblem, Location, problem, reject
from siksdesk.io.file_guard import (
    FileKind,
    SheetGuard,
    block_size,
    check_zip,
    scan_sheet,
    sheet_pieces,
    sniff,
)
from siksdesk.io.gil_handoff import QuickHandoff

_MAIN_NS: Final = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS: Final = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL_NS: Final = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CSV_SHEET: Final = "CSV"
_PACKAGE_PARTS: Final = frozenset({"[Content_Types].xml", "_rels/.rels",
                                   "xl/_rels/workbook.xml.rels"})
_DIMENSION: Final = re.compile(rb"<dimension\b[^>]*/>")  # may lie; calamine needs none
_FIRST_ROW: Final = re.compile(rb'\s*<row r="([0-9]+)"')

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
    # One-pass reading (``read_table(streaming=True)``): bytes of sheet XML read so far / in all
    position: Callable[[], tuple[int, int]] | None = None
    _verify: Callable[[], bool] | None = None

    def verify(self) -> bool:
        """After a one-pass read, check the rest of the sheet as ``read_table`` would have
        before giving any row (raises its refusal), and tell whether the rows given are
        final: False when the sheet has merged ranges, only known at its end (read it again
        without ``streaming``). Ends the reading. Always True for a two-pass read."""
        return True if self._verify is None else self._verify()

    def where(self, row: int | None = None, column: int | None = None,
              header: str = "") -> Location:
        return Location(self.file_name, self.sheet, row, column, header)

    def close(self) -> None:
        for reader in self._close:  # stops the worker thread, drops the reader's cells
            reader.close()
        self._close.clear()


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
    except (KeyError, zipfile.BadZipFile, OSError, EOFError, ElementTree.ParseError,
            zlib.error):
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


def read_table(info: WorkbookInfo, sheet: SheetRef, *,
               progress: Callable[[int, int], None] | None = None,
               streaming: bool = False) -> Table:
    """The sheet's rows, after the streaming safety pass (``progress`` follows that pass).

    ``streaming``: one inflation instead of two — each piece is checked (``SheetGuard``) just
    before python-calamine reads it; the caller must call ``Table.verify()`` before it acts on
    what it read (see there), and ``Table.position`` replaces ``height`` for progress.

    python-calamine would hold the whole sheet at once (hundreds of MB for 50,000 people, in
    one C call of seconds), so the sheet is handed to it in pieces of about 1,000 rows, each as
    a small workbook of its own; a worker thread reads the next pieces while the caller uses
    the rows of this one (calamine releases the GIL)."""
    if info.kind == FileKind.CSV:
        return _read_csv(info.path)
    if streaming:
        return _streamed_table(info, sheet, progress)
    scan = scan_sheet(info.path, sheet.part, sheet.name, progress=progress)
    reader = _PieceReader(info.path, sheet, scan.block_bytes)
    first = _first(reader)
    if first is None:
        return Table(info.path.name, sheet.name, 1, 0, iter(()), info.warnings)
    rows = _marked_rows(reader.rows(first), _by_row(scan.flags), sorted(scan.merged),
                        reader.start_col)
    return Table(info.path.name, sheet.name, reader.start_col + 1, scan.rows, rows,
                 info.warnings, [reader])


def _streamed_table(info: WorkbookInfo, sheet: SheetRef,
                    progress: Callable[[int, int], None] | None) -> Table:
    try:
        with zipfile.ZipFile(info.path) as archive:
            guard = SheetGuard(sheet.name, archive.getinfo(sheet.part).file_size,
                               block_size(archive))
    except (zipfile.BadZipFile, OSError, EOFError, KeyError):
        raise reject("FILE_DAMAGED") from None
    reader = _PieceReader(info.path, sheet, guard.scan.block_bytes, guard, progress)
    first = _first(reader)
    if first is None:
        reader.verify()
        return Table(info.path.name, sheet.name, 1, 0, iter(()), info.warnings)
    rows = _marked_rows(reader.rows(first), reader.by_row, [], reader.start_col)
    return Table(info.path.name, sheet.name, reader.start_col + 1, 0, rows, info.warnings,
                 [reader], lambda: (guard.done, guard.total), reader.verify)


def _first(reader: _PieceReader) -> _Loaded | None:
    try:
        first = reader.first()
    except BaseException:
        reader.close()
        raise
    if first is None:
        reader.close()
    return first


def _by_row(flags: dict[tuple[int, int], CellFlag]) -> dict[int, list[tuple[int, CellFlag]]]:
    by_row: dict[int, list[tuple[int, CellFlag]]] = {}
    for (row, column), flag in flags.items():
        by_row.setdefault(row, []).append((column, flag))
    return by_row


_Loaded = tuple[int, int, list[Row]]  # first row, first column (0-based), rows


def _load_piece(book_bytes: bytes, name: str, first_row: int) -> _Loaded | None:
    """Runs on the worker thread. None: unreadable, or a cell naming a row before the piece's
    first row (it would repeat an earlier row)."""
    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(book_bytes))
        data = book.get_sheet_by_name(name)
        start = data.start
        rows = data.to_python() if start is not None else []
    except Exception:  # calamine's errors (zip, XML) all mean "unreadable"
        return None
    if start is None:
        return -1, -1, []
    return (start[0], start[1], rows) if start[0] >= first_row else None


# Two workers on two cores: the row parser leaves part of a core free and calamine needs the
# GIL only now and then (the 50,000-person read: 5.3 s -> 4.8 s). Pieces still come in order.
_WORKERS: Final = min(2, os.cpu_count() or 1)


class _PieceReader:
    """Feeds the pieces ``file_guard.sheet_pieces`` checked to python-calamine, LOOKAHEAD pieces
    ahead on _WORKERS worker threads. With a ``guard``, each piece is checked right before."""

    LOOKAHEAD: Final = _WORKERS + 1

    def __init__(self, path: Path, sheet: SheetRef, block_bytes: int,
                 guard: SheetGuard | None = None,
                 progress: Callable[[int, int], None] | None = None) -> None:
        self.path = path
        self.sheet = sheet
        self.guard = guard
        self.progress = progress
        self.by_row: dict[int, list[tuple[int, CellFlag]]] = {}
        self.final: bool | None = None  # set by verify()
        self.archive = zipfile.ZipFile(path)
        self.parts = _book_parts(self.archive, sheet.part)
        self.pieces = sheet_pieces(self.archive, sheet.part, block_bytes)
        self.head = b""
        self.pool = ThreadPoolExecutor(_WORKERS, thread_name_prefix="calamine")
        self.queue: deque[Future[_Loaded | None]] = deque()
        self.start_col = 0
        self.handoff = QuickHandoff()
        self.handoff.start()

    def _book(self, kind: str, data: bytes) -> bytes:
        xml = data if kind == "whole" else (self.head + data + b"</sheetData></worksheet>")
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as book:
            for name, part in self.parts.items():
                book.writestr(name, part)
            book.writestr(self.sheet.part, xml)
        return buffer.getvalue()

    def _fill(self) -> None:
        while len(self.queue) < self.LOOKAHEAD:
            for kind, data in self.pieces:
                if self.guard is not None:
                    self._check(kind, data)
                if kind == "head":
                    self.head = _DIMENSION.sub(b"", data)
                elif kind in ("rows", "whole"):
                    book = self._book(kind, data)
                    first = _FIRST_ROW.match(data) if kind == "rows" else None
                    self.queue.append(self.pool.submit(_load_piece, book, self.sheet.name,
                                                       int(first[1]) - 1 if first else 0))
                    break
            else:
                return

    def _check(self, kind: str, data: bytes) -> None:
        assert self.guard is not None
        for (row, column), flag in self.guard.check(kind, data).items():
            self.by_row.setdefault(row, []).append((column, flag))
        if self.progress is not None:  # bytes of sheet XML, as Table.position gives them
            self.progress(min(self.guard.done, self.guard.total), self.guard.total)
        if not self.guard.bounded():  # refused with the figures of the whole sheet
            self.verify()
            raise reject("FILE_SHEET_TOO_BIG", sheet=self.sheet.name, rows="?", columns="?")

    def verify(self) -> bool:
        """Check the pieces not read yet (no reader sees them) and finish the guard's checks;
        False when merged ranges were found. Ends the reading."""
        if self.final is None and self.guard is not None:
            for kind, data in self.pieces:
                self.guard.check(kind, data)
            self.final = not self.guard.finish().merged
        return bool(self.final)

    def _next(self) -> _Loaded | None:
        """The next piece with cells; None at the end."""
        while True:
            self._fill()
            if not self.queue:
                return None
            loaded = self.queue.popleft().result()
            if loaded is None:
                self.verify()  # a refusal of the rest comes first, as with a two-pass read
                raise reject("FILE_DAMAGED", Location(self.path.name, self.sheet.name))
            if loaded[2]:
                return loaded

    def first(self) -> _Loaded | None:
        loaded = self._next()
        if loaded is not None:
            self.start_col = loaded[1]
        return loaded

    def rows(self, first: _Loaded) -> Iterator[tuple[int, Row]]:
        loaded: _Loaded | None = first
        base = self.start_col
        try:
            while loaded is not None:
                row0, col0, rows = loaded
                if col0 > base:  # this piece starts further right: align its columns
                    rows = [[""] * (col0 - base) + values for values in rows]
                elif col0 < base:  # cells left of the header's first column hold no field
                    rows = [values[base - col0:] for values in rows]
                yield from enumerate(rows, start=row0 + 1)
                loaded = self._next()
        finally:
            self.close()

    def close(self) -> None:
        for future in self.queue:
            future.cancel()
        self.queue.clear()
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.archive.close()
        self.handoff.stop()


def _book_parts(archive: zipfile.ZipFile, sheet_part: str) -> dict[str, bytes]:
    """The workbook-level parts calamine needs to open a piece (sheet list, styles for dates,
    shared strings); other sheets, drawings and links stay out."""
    wanted = {}
    for info in archive.infolist():
        name = info.filename
        top_level = name.startswith("xl/") and name.count("/") == 1 and name.endswith(".xml")
        if name in _PACKAGE_PARTS or top_level or name.startswith("xl/theme/"):
            wanted[name] = archive.read(info)
    wanted.pop(sheet_part, None)
    return wanted


def _marked_rows(rows: Iterator[tuple[int, Row]], by_row: dict[int, list[tuple[int, CellFlag]]],
                 merged: list[tuple[tuple[int, int], tuple[int, int]]], start_col: int
                 ) -> Iterator[tuple[int, Row]]:
    """Replace untrustworthy cells (scan flags by row, the inside of merged ranges) by a
    CellFlag. ``by_row`` may still grow while rows are read (one-pass reading)."""
    pending = list(reversed(merged))  # sorted by first row; popped in order
    active: list[tuple[tuple[int, int], tuple[int, int]]] = []
    for number, values in rows:
        row0 = number - 1
        while pending and pending[-1][0][0] <= row0:
            active.append(pending.pop())
        if active:
            active = [span for span in active if span[1][0] >= row0]
            values = _mark_merged(values, row0, start_col, active)
        marks = by_row.get(number)
        if marks:
            for column, flag in marks:
                at = column - 1 - start_col
                if 0 <= at < len(values):
                    values[at] = flag
        yield number, values


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
