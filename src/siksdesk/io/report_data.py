"""What the rekap report writers lay out: format-free tables with a totals row, every word
already in the report's language (built by ``services.reports.build_report``), and the same
tables as simple HTML for printing through Qt's text document."""

from __future__ import annotations

import hashlib
import html
import json
from dataclasses import dataclass

from siksdesk.io.training_mark import PDF_HEADER


@dataclass(frozen=True, slots=True)
class ReportTable:
    title: str
    headers: tuple[str, ...]
    numeric: tuple[bool, ...]  # right-aligned number columns
    rows: tuple[tuple[str | int, ...], ...]
    totals: tuple[str | int, ...]  # the last, bold row ("Jumlah")


@dataclass(frozen=True, slots=True)
class Report:
    kind: str  # rekap | programme
    lang: str
    title: str
    identity: tuple[str, ...]  # the village's name and codes, one line each
    date_line: str  # "Keadaan data per 24-11-2026 10:15"
    tables: tuple[ReportTable, ...]
    notes: tuple[str, ...] = ()
    training: bool = False  # the training village's report: marked LATIHAN in every format

    def fingerprint(self) -> str:
        """SHA-256 of the figures (printed in the PDF's footer): two prints of the same data
        carry the same fingerprint, whenever they were made."""
        data = [[t.title, list(t.headers), [list(r) for r in t.rows], list(t.totals)]
                for t in self.tables]
        return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode()).hexdigest()


def format_value(value: str | int, lang: str = "id") -> str:
    """Numbers with thousands separators (Indonesian 12.393, English 12,393), text as it is."""
    if not isinstance(value, int):
        return value
    return f"{value:,}" if lang.lower().startswith("en") else f"{value:,}".replace(",", ".")


def report_html(report: Report) -> str:
    """The report as simple HTML (the app prints it through Qt's text document)."""
    parts = [f"<p align='center' style='color:#c00000'><b>{html.escape(PDF_HEADER)}</b></p>"
             ] if report.training else []
    parts.append(f"<h2 align='center'>{html.escape(report.title)}</h2>")
    parts += [f"<p align='center'>{html.escape(line)}</p>"
              for line in (*report.identity, report.date_line)]
    for table in report.tables:
        parts.append(f"<h3>{html.escape(table.title)}</h3>"
                     "<table border='1' cellspacing='0' cellpadding='3' width='100%'><tr>")
        parts += [f"<th bgcolor='#e1e1e1'>{html.escape(h)}</th>" for h in table.headers]
        parts.append("</tr>")
        for n, row in enumerate((*table.rows, table.totals)):
            bold = n == len(table.rows)
            parts.append("<tr>" + "".join(
                _cell(format_value(value, report.lang), numeric, bold)
                for value, numeric in zip(row, table.numeric, strict=True)) + "</tr>")
        parts.append("</table>")
    parts += [f"<p><small>{html.escape(note)}</small></p>" for note in report.notes]
    return "".join(parts)


def _cell(value: str, numeric: bool, bold: bool) -> str:
    text = html.escape(value)
    text = f"<b>{text}</b>" if bold else text
    return f"<td align='right'>{text}</td>" if numeric else f"<td>{text}</td>"
