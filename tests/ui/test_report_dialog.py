"""The report dialog: saves the chosen report in the chosen format (in the background, with the
progress dialog), says where, and prints the same tables through QPrinter."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from siksdesk.app import AppContext
from siksdesk.models import VillageProfile
from siksdesk.ui.report_dialog import ReportDialog
from siksdesk.ui.tasks import SyncTaskRunner


def _dialog(qtbot: QtBot, ctx: AppContext, folder: Path, **kwargs: object) -> ReportDialog:
    dialog = ReportDialog(ctx.reader, SyncTaskRunner(), "en", folder=folder,
                          **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    return dialog


def test_a_real_village_s_report_name_is_unmarked(qtbot: QtBot, village_ctx: AppContext,
                                                 tmp_path: Path) -> None:
    with village_ctx.sessions.begin() as session:
        session.execute(update(VillageProfile).values(is_demo=False))
    dialog = _dialog(qtbot, village_ctx, tmp_path)
    assert dialog.chosen_path().name == f"rekap-dusun-rt-{date.today().isoformat()}.pdf"


def test_save_a_pdf_then_an_excel_file(qtbot: QtBot, village_ctx: AppContext,
                                       tmp_path: Path) -> None:
    dialog = _dialog(qtbot, village_ctx, tmp_path)
    assert dialog.chosen_path().parent == tmp_path
    assert dialog.chosen_path().name.startswith("rekap-dusun-rt-")
    assert dialog.chosen_path().name.endswith("-LATIHAN.pdf")  # the demo: training village
    dialog.save_button.click()
    assert dialog.result is not None and dialog.result.path.exists()
    assert "REKAPITULASI" in PdfReader(dialog.result.path).pages[0].extract_text()
    assert str(dialog.result.path) in dialog.message.text()
    assert dialog.open_button.isEnabled()
    dialog.kind.setCurrentIndex(dialog.kind.findData("programme"))
    dialog.xlsx.setChecked(True)
    assert dialog.chosen_path().name.startswith("cakupan-program-")
    assert dialog.chosen_path().name.endswith("-LATIHAN.xlsx")
    dialog.save_button.click()
    assert dialog.result.format == "xlsx"
    # the demo is the training village: its workbooks open on a "LATIHAN" sheet
    assert load_workbook(dialog.result.path).sheetnames[1].startswith("Cakupan")


def test_a_missing_folder_is_explained(qtbot: QtBot, village_ctx: AppContext,
                                       tmp_path: Path) -> None:
    dialog = _dialog(qtbot, village_ctx, tmp_path)
    dialog.path.setText(str(tmp_path / "nowhere" / "r.pdf"))
    dialog.path.textEdited.emit(dialog.path.text())
    dialog.save_button.click()
    assert dialog.result is None
    assert "does not exist" in dialog.message.text()


def test_an_existing_file_is_kept_unless_confirmed(qtbot: QtBot, village_ctx: AppContext,
                                                   tmp_path: Path) -> None:
    asked: list[Path] = []

    def refuse(_parent: QWidget, path: Path) -> bool:
        asked.append(path)
        return False

    dialog = _dialog(qtbot, village_ctx, tmp_path, confirm_replace=refuse)
    dialog.chosen_path().write_bytes(b"old")
    dialog.save_button.click()
    assert asked == [dialog.chosen_path()] and dialog.chosen_path().read_bytes() == b"old"


@pytest.mark.parametrize("accept", [True, False])
def test_print_through_the_print_dialog(qtbot: QtBot, village_ctx: AppContext, tmp_path: Path,
                                        accept: bool) -> None:
    target = tmp_path / "printed.pdf"

    def to_pdf(_parent: QWidget, printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return accept

    dialog = _dialog(qtbot, village_ctx, tmp_path, choose_printer=to_pdf)
    dialog.print_button.click()
    if not accept:
        assert dialog.printed == 0 and not target.exists()
        return
    pages = PdfReader(target).pages
    assert dialog.printed == len(pages) >= 1
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert "REKAPITULASI DATA RUTA PER DUSUN/RT" in text and "Jumlah" in text
