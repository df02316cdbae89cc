"""Write an ``ExportTable`` to an .xlsx file that survives Excel (openpyxl write-only mode).

* NIK, No. KK and every IDENTIFIER column: text cells with the Text number format ("@"), so
  neither opening and saving nor editing a cell turns 16 digits into ``3.52201E+15``.
* Header row bold on a fill, frozen; an autofilter over the data; column widths fitted to the
  header and the first ``WIDTH_SAMPLE`` rows (measuring 50,000 rows would cost a second pass).
* Dates are real date cells shown ``dd-mm-yyyy`` (``dd-mm-yyyy hh:mm`` with a time).
* Formula-like text and text that looks like an Excel error (``#N/A``) stay text cells; see
  ``io.export_common`` for the formula and masking policies.
* Written to a temporary name in the target folder, fsynced, then renamed; cancelled or failed
  exports leave neither the file nor a temporary file (openpyxl's scratch file included).
* ``training``: the training village's marks (``io.training_mark``): a first sheet "LATIHAN",
  a red tab and print header on the data sheet, "LATIHAN" in the workbook's properties.

Speed: styled cells reuse one ``WriteOnlyCell`` per column (openpyxl would otherwise look the
style up for every cell); plain values go to openpyxl as they are. bench/bench_export.py compares
with openpyxl writing the same values without any style.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]
from openpyxl.cell.cell import ERROR_CODES  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from siksdesk.io.export_common import (
    FORMULA_CHARACTERS,
    XML_ILLEGAL,
    ConvertedRows,
    as_text,
    atomic_output,
    is_formula_like,
    mask_value,
)
from siksdesk.io.table import (
    Cancelled,
    ColumnKind,
    ExportColumn,
    ExportResult,
    ExportTable,
    Progress,
)
from siksdesk.io.training_mark import add_marker_sheet, mark_sheet, mark_workbook

__all__ = ["DATETIME_FORMAT", "DATE_FORMAT", "WIDTH_SAMPLE", "sheet_title", "write_xlsx"]

DATE_FORMAT: Final = "dd-mm-yyyy"
DATETIME_FORMAT: Final = "dd-mm-yyyy hh:mm"
TEXT_FORMAT: Final = "@"
WIDTH_SAMPLE: Final = 1000  # rows measured for the column widths
MIN_WIDTH, MAX_WIDTH = 6, 50
_FIXED_WIDTH: Final = {ColumnKind.DATE: 12, ColumnKind.DATETIME: 17}
_ATTENTION_FIRST: Final = frozenset(FORMULA_CHARACTERS | {"#"})
_SHEET_TITLE_BAD: Final = str.maketrans({c: " " for c in "[]:*?/\\"})

Converter = Callable[[object], object]


def write_xlsx(table: ExportTable, path: Path, *, mask_identifiers: bool = False,
               progress: Progress | None = None, cancelled: Cancelled | None = None,
               training: bool = False) -> ExportResult:
    """Write ``table`` to ``path`` (replaced atomically if it exists). Raises ``ExportCancelled``
    when ``cancelled()`` turns true, ``ExportError`` when the file cannot be written."""
    path = Path(path)
    with atomic_output(path) as temp:
        rows = _write_workbook(table, temp, mask_identifiers, progress, cancelled, training)
    return ExportResult(path=path, format="xlsx", rows=rows, columns=len(table.columns),
                        masked=mask_identifiers, size_bytes=path.stat().st_size)


def sheet_title(title: str) -> str:
    """A name Excel accepts for a sheet: no ``[]:*?/\\``, at most 31 characters, not empty."""
    cleaned = title.translate(_SHEET_TITLE_BAD).strip().strip("'")[:31].strip()
    return cleaned or "Data"


def _write_workbook(table: ExportTable, temp: Path, mask: bool, progress: Progress | None,
                    cancelled: Cancelled | None, training: bool = False) -> int:
    workbook = Workbook(write_only=True)
    marker = add_marker_sheet(workbook) if training else None
    if training:
        mark_workbook(workbook, title=table.title)
    sheet: Any = workbook.create_sheet(sheet_title(table.title))
    if training:
        mark_sheet(sheet)
    try:
        converters = [_converter(sheet, column, mask) for column in table.columns]
        rows = iter(table.rows)
        # Raw rows: converted rows hold the per-column styled cells, reused from row to row.
        head = list(itertools.islice(rows, WIDTH_SAMPLE))
        _set_widths(sheet, table.columns, head)
        sheet.freeze_panes = "A2"
        sheet.append(_header_cells(sheet, table.columns))
        converted = ConvertedRows(itertools.chain(head, rows), converters, table.row_count,
                                  progress, cancelled)
        for cells in converted:
            sheet.append(cells)
        written = converted.finish()
        last = get_column_letter(max(len(table.columns), 1))
        sheet.auto_filter.ref = f"A1:{last}{written + 1}"
        workbook.save(temp)
    finally:
        _discard_scratch(sheet)
        if marker is not None:
            _discard_scratch(marker)
    return written


def _discard_scratch(sheet: Any) -> None:
    """openpyxl streams the sheet XML through a scratch file in the system temp folder and
    removes it only after a successful save; after a failure or Cancel remove it here (it holds
    the exported personal data in clear)."""
    writer = getattr(sheet, "_writer", None)
    if writer is None or sheet.closed:  # saved: openpyxl has removed it
        return
    try:
        rows = getattr(sheet, "_rows", None)
        if rows is not None:  # close the row stream now, not when it is garbage-collected
            rows.close()
        writer.xf.close()
    finally:
        Path(writer.out).unlink(missing_ok=True)


# --- cells ----------------------------------------------------------------------------------


def _converter(sheet: Any, column: ExportColumn, mask: bool) -> Converter:
    quoted = WriteOnlyCell(sheet)
    quoted.quotePrefix = True
    if column.kind is ColumnKind.IDENTIFIER:
        return _identifier_converter(sheet, quoted, mask and column.personal_identifier)
    text = _text_converter(quoted)
    if column.kind in (ColumnKind.DATE, ColumnKind.DATETIME):
        return _date_converter(sheet, column.kind, text)
    if column.kind in (ColumnKind.INTEGER, ColumnKind.DECIMAL):
        return _number_converter(text)
    return text


def _text_converter(quoted: WriteOnlyCell) -> Converter:
    def convert(value: object) -> object:
        if value is None:
            return None
        text = value if type(value) is str else as_text(value)
        if not text:
            return None
        if XML_ILLEGAL.search(text):
            text = XML_ILLEGAL.sub(" ", text)
        first = text[0]
        if (first in _ATTENTION_FIRST or first.isspace() or first > "\u2000") and (
                is_formula_like(text) or text in ERROR_CODES):
            return _as_text_cell(quoted, text)
        return text
    return convert


def _identifier_converter(sheet: Any, quoted: WriteOnlyCell, mask: bool) -> Converter:
    cell = WriteOnlyCell(sheet)
    cell.number_format = TEXT_FORMAT
    quoted.number_format = TEXT_FORMAT

    def convert(value: object) -> object:
        if value is None:
            return None
        text = as_text(value).strip()
        if not text:
            return None
        if mask:
            text = mask_value(text)
        if XML_ILLEGAL.search(text):
            text = XML_ILLEGAL.sub(" ", text)
        target = quoted if is_formula_like(text) or text in ERROR_CODES else cell
        return _as_text_cell(target, text)
    return convert


def _date_converter(sheet: Any, kind: ColumnKind, text: Converter) -> Converter:
    cell = WriteOnlyCell(sheet)
    cell.number_format = DATE_FORMAT if kind is ColumnKind.DATE else DATETIME_FORMAT
    with_time = kind is ColumnKind.DATETIME

    def convert(value: object) -> object:
        if isinstance(value, datetime):
            if value.tzinfo is not None:  # Excel has no time zones: the laptop's local time
                value = value.astimezone().replace(tzinfo=None)
            cell.value = value if with_time else value.date()
            return cell
        if isinstance(value, date):
            cell.value = value
            return cell
        return text(value)
    return convert


def _number_converter(text: Converter) -> Converter:
    def convert(value: object) -> object:
        if value is None or type(value) is int:
            return value
        if type(value) is float:  # NaN and infinities would open as an Excel error
            return value if math.isfinite(value) else None
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, int | float | Decimal):
            return value
        return text(value)  # str, ...: shown as written
    return convert


def _as_text_cell(cell: WriteOnlyCell, text: str) -> WriteOnlyCell:
    cell.value = text
    cell.data_type = "s"  # openpyxl makes "=…" a formula and "#N/A" an error: keep text
    return cell


def _header_cells(sheet: Any, columns: Sequence[ExportColumn]) -> list[WriteOnlyCell]:
    font = Font(bold=True)
    fill = PatternFill(fill_type="solid", fgColor="FFD9E1F2")
    border = Border(bottom=Side(style="thin", color="FF8EA9DB"))
    alignment = Alignment(vertical="center")
    cells = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=None)
        _as_text_cell(cell, column.header)
        cell.quotePrefix = is_formula_like(column.header)
        cell.font, cell.fill, cell.border, cell.alignment = font, fill, border, alignment
        cells.append(cell)
    return cells


def _set_widths(sheet: Any, columns: Sequence[ExportColumn],
                sample: Iterable[Sequence[object]]) -> None:
    widths = [len(column.header) + 3 for column in columns]  # room for the filter button
    for row in sample:
        for index, value in enumerate(row):
            if value is None or index >= len(widths):
                continue
            if isinstance(value, date):
                continue
            text = value if type(value) is str else as_text(value)
            length = len(text) if "\n" not in text else max(map(len, text.split("\n")))
            if length + 2 > widths[index]:
                widths[index] = length + 2
    for index, (column, width) in enumerate(zip(columns, widths, strict=True), 1):
        width = max(width, _FIXED_WIDTH.get(column.kind, 0))
        sheet.column_dimensions[get_column_letter(index)].width = min(
            max(width, MIN_WIDTH), MAX_WIDTH)
