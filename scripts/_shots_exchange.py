"""Exchange with the district for ``scripts/screenshots.py``: the BNBA import preview, the
export dialog, the Perbaikan NIK list (after importing an invalid-NIK list made from the demo
village's own people) and the possible duplicates, all on a ``SyncTaskRunner``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget
from sqlalchemy import text

from siksdesk.app import AppContext
from siksdesk.db.session import read_session
from siksdesk.io.xlsx_export import write_xlsx
from siksdesk.services.bnba_export import bnba_table
from siksdesk.services.bnba_import import preview_bnba
from siksdesk.services.nik_issues import apply_invalid_nik_import
from siksdesk.ui.bnba_import import ImportPreviewDialog
from siksdesk.ui.duplicates_view import DuplicatesView
from siksdesk.ui.export_dialog import ExportDialog
from siksdesk.ui.nik_issues_view import NikIssuesView
from siksdesk.ui.tasks import SyncTaskRunner

Save = Callable[[QWidget, str], object]
VIEW_SIZE = (1280, 560)
NOTES = ("NIK tidak ditemukan di database Dukcapil", "NIK ganda", "Nama tidak sesuai NIK")


def exchange_screens(village: AppContext, empty: AppContext, lang: str, folder: Path,
                     save: Save) -> None:
    runner = SyncTaskRunner()
    bnba = folder / f"bnba-demo-{lang}.xlsx"
    with read_session(village.sessions) as session:
        write_xlsx(bnba_table(session), bnba)
    try:
        preview = ImportPreviewDialog(preview_bnba(empty.sessions, bnba), lang)
        preview.resize(1280, 700)
        preview.show()
        save(preview, "14_import_preview")
    finally:
        bnba.unlink(missing_ok=True)

    export = ExportDialog(village, runner, lang, folder=folder)
    export.show()
    save(export, "15_export_dialog")

    listed = folder / f"nik-list-{lang}.xlsx"
    try:
        _invalid_nik_list(village, listed)
        apply_invalid_nik_import(village.sessions, listed, author="operator")
    finally:
        listed.unlink(missing_ok=True)
    issues = NikIssuesView(village.sessions, runner, "operator", lang)
    issues.resize(*VIEW_SIZE)
    issues.refresh()
    issues.show()
    save(issues, "16_perbaikan_nik")

    duplicates = DuplicatesView(village.sessions, runner, "operator", lang)
    duplicates.resize(*VIEW_SIZE)
    duplicates.show()
    duplicates.start()
    save(duplicates, "17_possible_duplicates")
    for widget in (preview, export, issues, duplicates):
        widget.close()
        widget.deleteLater()
    QCoreApplication.processEvents()


def _invalid_nik_list(village: AppContext, path: Path) -> None:
    """The district's list: 24 people of the village, their NIK as the district holds it."""
    sql = text("SELECT a.nik, a.nama, a.tanggal_lahir, r.idbdt FROM art a "
               "JOIN keluarga k ON k.id = a.keluarga_id JOIN ruta r ON r.id = k.ruta_id "
               "WHERE a.nik IS NOT NULL ORDER BY a.id LIMIT 24 OFFSET 40")
    with read_session(village.sessions) as session:
        people = session.execute(sql).all()
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["NO", "ID_BDT", "NIK", "NAMA_ART", "TGL_LAHIR", "KETERANGAN"])
    for number, (nik, nama, born, idbdt) in enumerate(people, start=1):
        sheet.append([number, idbdt, nik, nama, born, NOTES[number % len(NOTES)]])
    book.save(path)
