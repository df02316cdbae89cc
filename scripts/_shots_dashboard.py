"""The Rekap dashboard and the reports for ``scripts/screenshots.py``: programmes with quotas
and beneficiaries and an import batch are added to the demo village (the proposals come from
the MusDes screens run before), the dashboard is shown as the main window's first page (a tab
beside the household list, as the desk places it) at 1366×768, then the list it opens from a
data-quality bar, the report dialog and a printed page.

    dashboard_screens(village, empty, lang, folder, save)   # save(widget, name)
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QColor, QImage, QPageLayout, QPainter, QTextDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QTabWidget, QWidget
from sqlalchemy import select

from siksdesk.app import AppContext
from siksdesk.db.session import unit_of_work
from siksdesk.models import ImportBatch, Ruta
from siksdesk.services.programmes import set_beneficiaries, set_programme
from siksdesk.services.reports import build_report
from siksdesk.ui.dashboard import DashboardView
from siksdesk.ui.launch import open_main_window
from siksdesk.ui.main_window import MainWindow
from siksdesk.ui.report_dialog import ReportDialog
from siksdesk.ui.tasks import SyncTaskRunner

Save = Callable[[QWidget, str], object]
SIZE = (1366, 768)  # the village office laptop's screen
PROGRAMMES = (("PKH", "Program Keluarga Harapan", 9, 10), ("KKS/BPNT", "Sembako", 14, 12),
              ("PBI-JK", "Penerima Bantuan Iuran JKN", 30, 32), ("BLT-DD", "BLT Dana Desa", 6, 6))


def prepare_village(ctx: AppContext) -> Path:
    """Programmes, an import a day ago, and the data-quality figures as they were right after
    it (a few more problems than now: the operator has fixed some since). Returns the
    dashboard's baseline file."""
    factory = ctx.sessions
    with factory() as session:
        uuids = list(session.scalars(select(Ruta.uuid).order_by(Ruta.id)))
        imported = session.scalars(select(ImportBatch).limit(1)).first() is not None
    for code, name, share, quota_share in PROGRAMMES:
        set_programme(factory, code, quota=len(uuids) * quota_share // 100, name=name,
                      author="demo")
        set_beneficiaries(factory, code, uuids[::100 // share], author="demo")
    if not imported:
        with unit_of_work(factory, "demo", origin="import") as session:
            session.add(ImportBatch(kind="bnba", file_name="bnba-kedaton.xlsx",
                                    file_sha256="0" * 64, author="demo",
                                    at=datetime.now() - timedelta(days=1), counts={}))
    return ctx.paths.home / "rekap-baseline.json"


def _stage_baseline(view: DashboardView, path: Path) -> None:
    """Rewrite the remembered figures a little higher, so the change since the import shows."""
    rekap = view.rekap
    assert rekap is not None and rekap.last_import is not None
    counts = {q.key: q.households + (n * 3 if q.key != "warnings" else 9)
              for n, q in enumerate(rekap.quality)}
    path.write_text(json.dumps({"import_batch": rekap.last_import.batch_id,
                                "households": counts}), encoding="utf-8")


def dashboard_window(ctx: AppContext, lang: str, baseline: Path | None) -> tuple[
        MainWindow, DashboardView, QTabWidget]:
    """The main window as the app opens it: the Rekap tab first (its baseline file staged)."""
    window = open_main_window(ctx, SyncTaskRunner(), lang=lang, log_path=None)
    view = window.dashboard
    if baseline is not None:
        view.baseline_file = baseline
    window.resize(*SIZE)
    window.show()
    view.refresh()
    return window, view, window.tabs


def printed_page(ctx: AppContext) -> QImage:
    """The first printed page of the rekap report, as the print path lays it out."""
    from siksdesk.io.report_data import report_html
    from siksdesk.ui.report_dialog import PRINT_POINT_SIZE

    with ctx.reader.snapshot() as conn:
        html = report_html(build_report(conn, "rekap"))
    document = QTextDocument()
    font = document.defaultFont()
    font.setPointSizeF(PRINT_POINT_SIZE)
    document.setDefaultFont(font)
    document.setHtml(html)
    size = QPrinter().pageLayout().paintRect(QPageLayout.Unit.Point).size()
    document.setPageSize(size)
    scale = 1.4
    image = QImage(int(size.width() * scale), int(size.height() * scale),
                   QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.scale(scale, scale)
    document.drawContents(painter, QRectF(0, 0, size.width(), size.height()))
    painter.end()
    return image


def settle() -> None:
    """Let the layout settle (a scroll bar appearing resizes the page on a later event)."""
    for _ in range(3):
        QCoreApplication.processEvents()


def dashboard_screens(village: AppContext, empty: AppContext, lang: str, folder: Path,
                      save: Save) -> None:
    baseline = prepare_village(village)
    window, view, _tabs = dashboard_window(village, lang, baseline)
    _stage_baseline(view, baseline)
    view.refresh()
    settle()
    save(window, "30_rekap")
    view.rt_chart.setFocus()  # the focus frame around the current bar
    settle()
    save(window, "30b_rekap_focus")
    view.quality_chart.activate(0)  # "Invalid NIK": the list opens filtered, with its chip
    save(window, "31_rekap_opens_list")

    dialog = ReportDialog(village.reader, SyncTaskRunner(), lang, folder=Path.home(),
                          parent=window)
    dialog.show()
    save(dialog, "32_report_dialog")
    image = printed_page(village)
    path = folder / f"33_report_printed_{lang}.png"
    image.save(str(path))
    print(f"  {path}")

    blank = MainWindow(empty, SyncTaskRunner(), lang=lang)  # no demo build, unlike
    blank_view = DashboardView(empty.reader, SyncTaskRunner(), lang)  # open_main_window
    blank.setCentralWidget(blank_view)
    blank.resize(*SIZE)
    blank.show()
    blank_view.refresh()
    settle()
    save(blank, "34_rekap_empty")
    for widget in (dialog, blank, window):
        widget.close()
        widget.deleteLater()
    QCoreApplication.processEvents()
