"""A rekap report as an A4 PDF: the village's identity and the date on top, one bordered table
per section with its header repeated on every page and a bold totals row, notes below, and the
data's fingerprint and "Halaman X dari Y" in the footer (``io.pdf_layout``)."""

from __future__ import annotations

from pathlib import Path

from siksdesk.io.pdf_layout import VillagePdf, save_pdf
from siksdesk.io.report_data import Report, ReportTable, format_value


def write_report_pdf(report: Report, path: Path) -> Path:
    """Write ``report`` to ``path`` atomically (``ExportError`` naming the file on failure)."""
    pdf = VillagePdf(title=report.title, fingerprint=report.fingerprint(),
                     training=report.training)
    pdf.add_page()
    pdf.title_block([report.title, *report.identity, report.date_line])
    for table in report.tables:
        pdf.heading(table.title)
        _table(pdf, table, report.lang)
    for note in report.notes:
        pdf.paragraph(note)
    return save_pdf(pdf, path)


def _table(pdf: VillagePdf, table: ReportTable, lang: str) -> None:
    rows = [[format_value(value, lang) for value in row] for row in (*table.rows, table.totals)]
    widths = [1.0 if numeric else 1.6 for numeric in table.numeric]
    aligns = ["RIGHT" if numeric else "LEFT" for numeric in table.numeric]
    pdf.grid(list(table.headers), rows, widths, bold_last=True, aligns=aligns)
