"""Reading the district's invalid-NIK list through the workbook layer (``io.workbook``: safety
checks, python-calamine, CSV) and the cell parsers (``domain.cells``).

The first visible sheet whose header row (within the first rows) looks like such a list is read.
A NIK that Excel damaged (numeric cell, scientific notation, an error or merged cell) is kept as
reported but left out of the matching keys, with a note naming the row and column.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, Final

from siksdesk.domain.cells import CellError, clean_text, date_value, identifier_value
from siksdesk.domain.import_problems import (
    ImportProblem,
    ImportRejected,
    Location,
    column_letter,
    problem,
    reject,
)
from siksdesk.domain.nik_issues import ListKeys
from siksdesk.io.digest import file_sha256
from siksdesk.io.invalid_nik_layout import (
    IDARTBDT,
    IDBDT,
    NAMA,
    NIK,
    NOTE,
    TGL_LAHIR,
    HeaderMap,
    map_headers,
)
from siksdesk.io.invalid_nik_rows import CellNote, ImportCancelled, ListRow, NikList
from siksdesk.io.workbook import Table, inspect_file, read_table

__all__ = ["HEADER_SEARCH_ROWS", "read_invalid_nik_list"]

HEADER_SEARCH_ROWS: Final = 30  # title lines above the table ("DAFTAR NIK TIDAK VALID ...")
Cancelled = Callable[[], bool]


def read_invalid_nik_list(path: Path, *, cancelled: Cancelled | None = None) -> NikList:
    """Read and check the list. Raises ``ImportRejected`` (file unsafe, unreadable, no such
    header row, no data row) or ImportCancelled once ``cancelled()`` turns true."""
    try:
        return _read(path, cancelled)
    except ImportRejected as rejected:
        where = rejected.problem.where
        if where.file:
            raise
        # The message must name the file, even where the workbook layer did not.
        raise ImportRejected(rejected.problem.at(replace(where, file=path.name))) from None


def _read(path: Path, cancelled: Cancelled | None) -> NikList:
    info = inspect_file(path)
    digest = file_sha256(path)
    for sheet in info.visible:
        table = read_table(info, sheet)
        try:
            found = _header(table)
            if found is None:
                continue
            header_row, headers = found
            rows = _rows(table, map_headers(headers), cancelled)
        finally:
            table.close()
        if not rows:
            raise reject("FILE_NO_ROWS", Location(path.name, sheet.name), sheet=sheet.name)
        mapped = map_headers(headers)
        columns = {key: mapped.label(idx[0]) for key, idx in mapped.columns.items()}
        return NikList(path.name, sheet.name, header_row, digest, tuple(rows), columns)
    first = info.visible[0].name if info.visible else "?"
    raise reject("FILE_NO_HEADER", Location(path.name, first), rows=HEADER_SEARCH_ROWS,
                 sheet=first)


def _header(table: Table) -> tuple[int, list[Any]] | None:
    """The first row (within HEADER_SEARCH_ROWS) that reads as the list's header row."""
    for number, values in table.rows:
        if map_headers(values).usable:
            return number, list(values)
        if number >= HEADER_SEARCH_ROWS:
            return None
    return None


def _rows(table: Table, mapped: HeaderMap, cancelled: Cancelled | None) -> list[ListRow]:
    reader = _RowReader(table, mapped)
    rows = []
    for number, values in table.rows:  # continues after the header row
        if cancelled is not None and cancelled():
            raise ImportCancelled()
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        rows.append(reader.read(number, values))
    return rows


class _RowReader:
    def __init__(self, table: Table, mapped: HeaderMap) -> None:
        self.table, self.mapped = table, mapped

    def _column(self, index: int) -> str:
        """How a note names a column: its header and letter, "NIK (D)"."""
        letter = column_letter(self.table.first_column + index)
        return f"{self.mapped.label(index)} ({letter})"

    @staticmethod
    def _cell(values: Sequence[Any], index: int | None) -> Any:
        return values[index] if index is not None and index < len(values) else None

    def read(self, number: int, values: Sequence[Any]) -> ListRow:
        notes: list[CellNote] = []
        nik_index = self.mapped.first(NIK)
        reported_nik, usable_nik = self._nik(self._cell(values, nik_index), nik_index, notes)
        name = self._text(values, self.mapped.first(NAMA), notes)
        idartbdt = self._text(values, self.mapped.first(IDARTBDT), notes)
        idbdt = self._text(values, self.mapped.first(IDBDT), notes)
        birth = self._date(values, self.mapped.first(TGL_LAHIR), notes)
        note_parts = [self._text(values, i, notes) for i in self.mapped.columns.get(NOTE, ())]
        keys = ListKeys(nik=usable_nik, idartbdt=idartbdt or None, idbdt=idbdt or None,
                        nama=name, birth_date=birth)
        return ListRow(source_row=number, keys=keys, reported_nik=reported_nik,
                       reported_name=name, reported_birth_date=birth, reported_idbdt=idbdt,
                       note=" / ".join(p for p in note_parts if p), notes=tuple(notes))

    def _nik(self, raw: Any, index: int | None, notes: list[CellNote]) -> tuple[str, str | None]:
        """(as reported, usable for matching or None)."""
        try:
            digits, from_number = identifier_value(raw, "nik")
        except CellError as error:
            notes.append(self._unusable(index, error.problem))
            return _as_text(raw), None
        if digits is None:
            return "", None
        if from_number:
            notes.append(self._unusable(index, problem("CELL_NUMBER_DAMAGED")))
            return digits, None
        if len(digits) != 16:
            return digits, None  # reported as is; cannot be anyone's NIK in the village
        return digits, digits

    def _unusable(self, index: int | None, found: ImportProblem) -> CellNote:
        column = self._column(index) if index is not None else ""
        return CellNote.of("ROW_NIK_UNUSABLE", column,
                           reason=(found.detail("id"), found.detail("en")))

    def _text(self, values: Sequence[Any], index: int | None, notes: list[CellNote]) -> str:
        try:
            return clean_text(self._cell(values, index)) or ""
        except CellError as error:
            if index is not None:
                notes.append(_cell_note(error.problem, self._column(index)))
            return ""

    def _date(self, values: Sequence[Any], index: int | None,
              notes: list[CellNote]) -> date | None:
        warnings: list[ImportProblem] = []
        try:
            found = date_value(self._cell(values, index), warnings)
        except CellError as error:
            assert index is not None  # an absent column reads as None, never an error
            notes.append(CellNote.of("ROW_DATE_UNREADABLE", self._column(index), reason=(
                error.problem.detail("id"), error.problem.detail("en"))))
            return None
        notes.extend(_cell_note(w, self._column(index or 0)) for w in warnings)
        return found


def _cell_note(found: ImportProblem, column: str) -> CellNote:
    return CellNote(found.code, column, f"{column}: {found.detail('id')}",
                    f"{column}: {found.detail('en')}")


def _as_text(raw: Any) -> str:
    if isinstance(raw, str):
        return " ".join(raw.split())[:40]
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return str(raw)[:40]
    return ""
