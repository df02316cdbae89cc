"""Write an ``ExportTable`` to a CSV file.

* UTF-8 with a byte-order mark: Excel reads the BOM and shows "Ngasem", "Siti Nur'aini" and
  any non-ASCII letter right instead of guessing a Windows code page.
* Delimiter ``;`` by default: Excel takes the list separator from the Windows regional settings,
  and the Indonesian one is ``;`` (with the decimal comma), so a double-clicked file opens in
  columns on the operator's laptop. ``,`` is available for other software; with ``;`` decimals
  are written with a comma, with ``,`` with a point. No ``sep=`` line: Excel ignores the BOM
  when it sees one, and the letters break.
* Dates ISO ``yyyy-mm-dd`` (``yyyy-mm-dd hh:mm``): read the same way in every locale.
* Identifiers (NIK, No. KK) are written as their digits. CSV has no cell types: Excel, when it
  opens the file directly, turns 16 digits into ``3.52201E+15`` — use the .xlsx export for Excel.
* Formula-like text gets a leading apostrophe; masking as for xlsx (``io.export_common``).
* Atomic like the xlsx writer: temporary name, fsync, rename; nothing left after Cancel.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Final

from siksdesk.io.export_common import (
    ConvertedRows,
    as_text,
    atomic_output,
    csv_safe,
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

__all__ = ["DEFAULT_DELIMITER", "DELIMITERS", "write_csv"]

DEFAULT_DELIMITER: Final = ";"
DELIMITERS: Final = (";", ",")

Converter = Callable[[object], str]


def write_csv(table: ExportTable, path: Path, *, mask_identifiers: bool = False,
              delimiter: str = DEFAULT_DELIMITER, progress: Progress | None = None,
              cancelled: Cancelled | None = None) -> ExportResult:
    """Write ``table`` to ``path`` (replaced atomically if it exists). Raises ``ExportCancelled``
    when ``cancelled()`` turns true, ``ExportError`` when the file cannot be written."""
    if delimiter not in DELIMITERS:
        raise ValueError(f"delimiter must be one of {DELIMITERS}")
    path = Path(path)
    decimal_comma = delimiter == ";"
    converters = [_converter(column, mask_identifiers, decimal_comma)
                  for column in table.columns]
    converted = ConvertedRows(table.rows, converters, table.row_count, progress, cancelled)
    with atomic_output(path) as temp, temp.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
        writer.writerow([csv_safe(column.header) for column in table.columns])
        writer.writerows(converted)
        out.flush()
    written = converted.finish()
    return ExportResult(path=path, format="csv", rows=written, columns=len(table.columns),
                        masked=mask_identifiers, size_bytes=path.stat().st_size)


def _converter(column: ExportColumn, mask: bool, decimal_comma: bool) -> Converter:
    if column.kind is ColumnKind.IDENTIFIER:
        masked = mask and column.personal_identifier

        def identifier(value: object) -> str:
            if value is None:
                return ""
            text = as_text(value).strip()
            return csv_safe(mask_value(text) if masked else text)
        return identifier
    if column.kind in (ColumnKind.INTEGER, ColumnKind.DECIMAL):
        return lambda value: _number(value, decimal_comma)
    if column.kind in (ColumnKind.DATE, ColumnKind.DATETIME):
        with_time = column.kind is ColumnKind.DATETIME
        return lambda value: _date(value, with_time)
    return _text


def _text(value: object) -> str:
    return "" if value is None else csv_safe(as_text(value))


def _number(value: object, decimal_comma: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | Decimal):
        text = as_text(value)
        return text.replace(".", ",") if decimal_comma else text
    return _text(value)


def _date(value: object, with_time: bool) -> str:
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone().replace(tzinfo=None)
        return value.strftime("%Y-%m-%d %H:%M") if with_time else value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return _text(value)
