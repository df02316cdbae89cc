"""The rekap reports: PDF and Excel files that open and carry the expected totals; the CLI."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from rekap_village import add_rekap_data
from siksdesk.app import AppContext, open_app
from siksdesk.cli import main
from siksdesk.demo import build_demo_village
from siksdesk.io.report_data import Report, format_value, report_html
from siksdesk.io.table import ExportError
from siksdesk.paths import default_paths
from siksdesk.services.rekap import read_rekap
from siksdesk.services.reports import ReportError, build_report, format_for, run_report


@pytest.fixture(scope="module")
def village(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppContext]:
    home = tmp_path_factory.mktemp("report-home")
    ctx = open_app(default_paths({"SIKSDESK_HOME": str(home)}))
    build_demo_village(ctx, people=1_100)
    add_rekap_data(ctx.sessions)
    yield ctx
    ctx.close()


def _report(village: AppContext, kind: str, lang: str = "id") -> Report:
    with village.reader.snapshot() as conn:
        return build_report(conn, kind, lang=lang, now=datetime(2026, 11, 24, 10, 15))


def test_rekap_totals_equal_the_dashboard(village: AppContext) -> None:
    report = _report(village, "rekap")
    with village.reader.snapshot() as conn:
        rekap = read_rekap(conn)
    dusun, rt = report.tables
    assert dusun.totals[:3] == ("Jumlah", rekap.households, rekap.people)
    assert rt.totals[2:4] == (rekap.households, rekap.people)
    assert dusun.totals[3] == rekap.verified
    assert dusun.totals[5] == rekap.problem_households
    assert len(rt.rows) == len(rekap.rt)
    assert sum(int(row[2]) for row in rt.rows) == rekap.households
    assert report.identity[0].startswith("Desa ") and "DEMO" in report.identity[-1]
    assert report.date_line == "Keadaan data per 24-11-2026 10:15"


def test_programme_report(village: AppContext) -> None:
    coverage, per_dusun = _report(village, "programme").tables
    assert [row[0] for row in coverage.rows] == ["BLT-DD", "KKS", "PKH"]
    assert coverage.totals == ("Jumlah", "", 75, 58, -17, 1)
    assert per_dusun.totals[-1] == sum(int(row[2]) for row in per_dusun.rows) == 58
    english = _report(village, "programme", "en")
    assert english.tables[0].totals[0] == "Total"


def test_pdf_opens_with_title_identity_and_totals(village: AppContext, tmp_path: Path) -> None:
    target = tmp_path / "rekap.pdf"
    with village.reader.snapshot() as conn:
        result = run_report(conn, "rekap", target)
    assert (result.format, result.tables) == ("pdf", 2)
    reader = PdfReader(target)
    text = "\n".join(page.extract_text() for page in reader.pages)
    report = _report(village, "rekap")
    households = format_value(report.tables[0].totals[1])
    assert "REKAPITULASI DATA RUTA PER DUSUN/RT" in text
    assert report.identity[1] in text
    assert f"Jumlah {households} " in text
    assert f"Halaman {len(reader.pages)} dari {len(reader.pages)}" in text
    assert report.fingerprint() in text.replace("\n", "")


def test_xlsx_follows_the_excel_rules(village: AppContext, tmp_path: Path) -> None:
    target = tmp_path / "rekap.xlsx"
    with village.reader.snapshot() as conn:
        run_report(conn, "rekap", target)
    report = _report(village, "rekap")
    book = load_workbook(target)
    assert book.sheetnames == ["LATIHAN", "Per dusun", "Per RT"]  # the training village
    sheet = book["Per RT"]
    table = report.tables[1]
    header = next(r for r in range(1, 12) if sheet.cell(r, 1).value == "Dusun")
    assert sheet.cell(header, 2).value == "RT" and sheet.cell(header, 1).font.b
    assert sheet.cell(header, 1).fill.fgColor.rgb == "FFD9E1F2"
    assert sheet.freeze_panes == f"A{header + 1}"
    last_data = header + len(table.rows)
    assert sheet.auto_filter.ref == f"A{header}:G{last_data}"
    rt_cell = sheet.cell(header + 1, 2)
    assert rt_cell.data_type == "s" and rt_cell.number_format == "@"
    assert rt_cell.value == table.rows[0][1]  # "001" stays text
    totals = [sheet.cell(last_data + 1, c).value for c in range(1, 8)]
    assert totals[0] == "Jumlah" and totals[2:] == list(table.totals[2:])
    assert sheet.cell(last_data + 1, 3).font.b
    assert sheet.cell(1, 1).value == report.title


def test_formula_like_names_stay_text(tmp_path: Path) -> None:
    from siksdesk.io.report_data import ReportTable
    from siksdesk.io.report_xlsx import write_report_xlsx

    table = ReportTable("Per dusun", ("Dusun", "Ruta"), (False, True),
                        (("=HYPERLINK(\"x\")", 3),), ("Jumlah", 3))
    report = Report("rekap", "id", "T", (), "d", (table,))
    write_report_xlsx(report, tmp_path / "f.xlsx")
    cell = load_workbook(tmp_path / "f.xlsx")["Per dusun"].cell(6, 1)
    assert cell.data_type == "s" and cell.value == "=HYPERLINK(\"x\")"
    assert "&lt;" not in report_html(report) and "HYPERLINK" in report_html(report)


def test_errors_are_typed_and_bilingual(village: AppContext, tmp_path: Path) -> None:
    with pytest.raises(ReportError) as unknown:
        format_for(tmp_path / "x.docx", None)
    assert "x.docx" in unknown.value.message("id") and ".pdf" in unknown.value.message("en")
    with village.reader.snapshot() as conn, pytest.raises(ExportError) as missing:
        run_report(conn, "rekap", tmp_path / "no-such-folder" / "r.pdf")
    assert missing.value.code == "EXPORT_FOLDER_MISSING"
    with village.reader.snapshot() as conn, pytest.raises(ReportError):
        run_report(conn, "rekap", tmp_path / "c.pdf", cancelled=lambda: True)
    assert list(tmp_path.iterdir()) == []


def test_cli_report(village: AppContext, tmp_path: Path, tmp_home: Path) -> None:
    out = io.StringIO()
    target = tmp_path / "program.xlsx"
    code = main(["report", "programme", "-o", str(target), "--db", str(village.database),
                 "--json"], out=out)
    assert code == 0, out.getvalue()
    assert '"tables": 2' in out.getvalue()
    assert load_workbook(target).sheetnames[1].startswith("Cakupan program")
    bad = io.StringIO()
    assert main(["report", "rekap", "-o", str(tmp_path / "r.txt"),
                 "--db", str(village.database)], out=bad) == 2
    assert "r.txt" in bad.getvalue()
