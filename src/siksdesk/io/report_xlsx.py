"""A rekap report as an .xlsx workbook, one sheet per table, with the export's Excel rules:
the header row bold on a fill and frozen, an autofilter over the data, text cells for codes
(RT "001" stays "001"), formula look-alikes kept as text; above the header the report's title,
the village's identity and the date; below the data a bold totals row (outside the filter, so
sorting never moves it). Written to a temporary name, fsynced, then renamed. A training
village's report carries the LATIHAN marks (``io.training_mark``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from siksdesk.io.export_common import XML_ILLEGAL, atomic_output, is_formula_like
from siksdesk.io.report_data import Report, ReportTable
from siksdesk.io.training_mark import add_marker_sheet, mark_sheet, mark_workbook
from siksdesk.io.xlsx_export import TEXT_FORMAT, sheet_title

NUMBER_FORMAT: Final = "#,##0"
MIN_WIDTH, MAX_WIDTH = 8, 45


def write_report_xlsx(report: Report, path: Path) -> Path:
    """Write ``report`` to ``path`` atomically (``ExportError`` naming the file on failure)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for table in report.tables:
        name = sheet_title(table.title)
        while name in used:  # Excel refuses two sheets of the same name
            name = sheet_title(f"{name[:28]} {len(used) + 1}")
        used.add(name)
        _write_sheet(workbook.create_sheet(name), report, table)
    workbook.properties.title = report.title
    workbook.properties.creator = "siksdesk"
    if report.training:
        for sheet in workbook.worksheets:
            mark_sheet(sheet)
        add_marker_sheet(workbook)
        workbook.active = 0
        mark_workbook(workbook, title=report.title)
    with atomic_output(path) as temp:
        workbook.save(temp)
    return path


def _write_sheet(sheet: Any, report: Report, table: ReportTable) -> None:
    lines = [report.title, *report.identity, report.date_line, table.title]
    for row, text in enumerate(lines, 1):
        cell = sheet.cell(row=row, column=1)
        _text(cell, text)
        cell.font = Font(bold=row in (1, len(lines)), size=13 if row == 1 else 11)
    header_row = len(lines) + 2
    _header(sheet, header_row, table.headers)
    for offset, values in enumerate(table.rows, 1):
        _row(sheet, header_row + offset, values, table.numeric)
    last_data = header_row + len(table.rows)
    totals_row = last_data + 1
    _row(sheet, totals_row, table.totals, table.numeric)
    top = Side(style="thin", color="FF808080")
    for column in range(1, len(table.headers) + 1):
        cell = sheet.cell(row=totals_row, column=column)
        cell.font = Font(bold=True)
        cell.border = Border(top=top)
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    last = get_column_letter(len(table.headers))
    sheet.auto_filter.ref = f"A{header_row}:{last}{max(last_data, header_row)}"
    _widths(sheet, table)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _header(sheet: Any, row: int, headers: tuple[str, ...]) -> None:
    font = Font(bold=True)
    fill = PatternFill(fill_type="solid", fgColor="FFD9E1F2")
    border = Border(bottom=Side(style="thin", color="FF8EA9DB"))
    for column, text in enumerate(headers, 1):
        cell = sheet.cell(row=row, column=column)
        _text(cell, text)
        cell.font, cell.fill, cell.border = font, fill, border
        cell.alignment = Alignment(vertical="center", wrap_text=True)


def _row(sheet: Any, row: int, values: tuple[str | int, ...],
         numeric: tuple[bool, ...]) -> None:
    for column, (value, is_number) in enumerate(zip(values, numeric, strict=True), 1):
        cell = sheet.cell(row=row, column=column)
        if is_number and isinstance(value, int):
            cell.value = value
            cell.number_format = NUMBER_FORMAT
        else:
            _text(cell, str(value))
            cell.number_format = TEXT_FORMAT


def _text(cell: Any, text: str) -> None:
    text = XML_ILLEGAL.sub(" ", text)
    cell.value = text
    cell.data_type = "s"  # openpyxl would make "=…" a formula
    if is_formula_like(text):
        cell.quotePrefix = True


def _widths(sheet: Any, table: ReportTable) -> None:
    for column, header in enumerate(table.headers, 1):
        values = [header, *(str(row[column - 1]) for row in (*table.rows, table.totals))]
        width = max(len(v) for v in values) + 3
        sheet.column_dimensions[get_column_letter(column)].width = min(
            max(width, MIN_WIDTH), MAX_WIDTH)
