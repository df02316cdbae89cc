"""Render PNG screenshots of the main screens (offscreen) for a throw-away demo village.

    .venv/bin/python scripts/screenshots.py [FOLDER] [--lang id|en|pseudo ...] [--people N]

FOLDER defaults to ./screenshots; the language to Indonesian (several may be given). A throw-away
data folder is used; nothing of yours is touched. Offscreen rendering has no window frame, so the
window title is painted as a strip on top of each window picture. Files are named
``NN_screen_LANG.png``:

    01 household list            02 list searched for part of a name + "Data problems only"
    03 "Data problems" worklist  04 editor: a member whose NIK has a problem (NIK panel shown)
    05 editor: housing section   06 editor: an invalid NIK typed (06b: after pressing Save)
    07 settings                  08 About
    09 list scrolled down        10 no village yet          11 demo village cancelled
    12 demo build progress       13 crash dialog
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, str(Path(__file__).resolve().parent))  # the _shots_* helpers

from PySide6.QtCore import QCoreApplication, QRect, Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QWidget

from siksdesk.app import AppContext, open_app
from siksdesk.paths import AppPaths
from siksdesk.ui.crash_dialog import CrashDialog
from siksdesk.ui.i18n import install_translator, remove_translator
from siksdesk.ui.launch import ensure_qapplication, open_desk, open_main_window
from siksdesk.ui.main_window import MainWindow
from siksdesk.ui.progress_dialog import TaskProgressDialog
from siksdesk.ui.tasks import CancelToken, SyncTaskRunner

SIZE = (1280, 800)
TITLE_STRIP = 30
LANGUAGES = ("id", "en", "pseudo")


def _quiet_offscreen(kind: QtMsgType, _context: object, message: str) -> None:
    """Qt's messages, less the offscreen plugin's "This plugin does not support raise()"."""
    if not message.startswith("This plugin does not support"):
        print(f"Qt {kind.name}: {message}", file=sys.stderr)


def with_title(widget: QWidget) -> QImage:
    """The widget's picture with its window title painted above it (offscreen has no frame)."""
    picture: QPixmap = widget.grab()
    image = QImage(picture.width(), picture.height() + TITLE_STRIP, QImage.Format.Format_RGB32)
    image.fill(QColor("#2b2b2b"))
    painter = QPainter(image)
    painter.drawPixmap(0, TITLE_STRIP, picture)
    painter.setPen(QColor("#f0f0f0"))
    font = QFont(widget.font())
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(QRect(0, 0, picture.width(), TITLE_STRIP), Qt.AlignmentFlag.AlignCenter,
                     widget.windowTitle())
    painter.end()
    return image


def save(widget: QWidget, folder: Path, name: str) -> Path:
    QCoreApplication.processEvents()  # the layout and paint events of the last change
    path = folder / f"{name}.png"
    with_title(widget).save(str(path))
    print(f"  {path}")
    return path


def save_as(folder: Path, lang: str, widget: QWidget, name: str) -> Path:
    return save(widget, folder, f"{name}_{lang}")


def show_window(ctx: AppContext, lang: str) -> tuple[MainWindow, float]:
    """The main window with its desk (menus as in the application), and the time it took."""
    started = time.perf_counter()
    window = open_main_window(ctx, SyncTaskRunner(), lang=lang, log_path=None)
    window.resize(*SIZE)
    open_desk(window, ctx, SyncTaskRunner(), lang=lang, log_path=None, location=None)
    QCoreApplication.processEvents()
    return window, (time.perf_counter() - started) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=Path("screenshots"))
    parser.add_argument("--people", type=int, default=None,
                        help="demo village size (default: the demo's default)")
    parser.add_argument("--lang", nargs="+", default=["id"], choices=LANGUAGES)
    args = parser.parse_args(argv)
    from _shots_dashboard import dashboard_screens
    from _shots_desk import desk_screens
    from _shots_exchange import exchange_screens
    from _shots_help import help_screens
    from _shots_musdes import musdes_screens
    from _shots_sync import sync_screens

    from siksdesk.demo import build_demo_village

    folder: Path = args.folder.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    app = ensure_qapplication()
    previous_handler = qInstallMessageHandler(_quiet_offscreen)
    with tempfile.TemporaryDirectory(prefix="siksdesk-shots-") as tmp:
        village = open_app(AppPaths(Path(tmp) / "village"))
        empty = open_app(AppPaths(Path(tmp) / "empty"))
        started = time.perf_counter()
        summary = build_demo_village(village, people=args.people)
        print(f"demo village: {summary.households} households, {summary.people} people, "
              f"built in {time.perf_counter() - started:.1f} s")
        try:
            for lang in args.lang:
                translator = install_translator(app, lang)
                try:
                    desk_screens(village, lang, partial(save_as, folder, lang))
                    other_screens(village, empty, lang, folder)
                    exchange_screens(village, empty, lang, folder,
                                     partial(save_as, folder, lang))
                    musdes_screens(village, lang, folder, partial(save_as, folder, lang))
                    sync_screens(village, lang, folder, partial(save_as, folder, lang))
                    dashboard_screens(village, empty, lang, folder,
                                      partial(save_as, folder, lang))
                    help_screens(village, lang, folder, partial(save_as, folder, lang))
                finally:
                    remove_translator(translator)
        finally:
            village.close()
            empty.close()
            qInstallMessageHandler(previous_handler)
    return 0


def other_screens(village: AppContext, empty: AppContext, lang: str, folder: Path) -> None:
    """The list scrolled, the first-start pages, the demo build's progress, the crash dialog."""
    window, show_ms = show_window(village, lang)
    print(f"[{lang}] first show {show_ms:.0f} ms, first page {window.model.last_page_ms:.1f} ms")
    window.table.scrollToBottom()
    save(window, folder, f"09_list_scrolled_{lang}")

    blank = MainWindow(empty, SyncTaskRunner(), lang=lang)
    blank.resize(*SIZE)
    open_desk(blank, empty, SyncTaskRunner(), lang=lang, log_path=None, location=None)
    blank.show()
    save(blank, folder, f"10_no_village_{lang}")
    blank._demo_cancelled()  # the page shown after "Cancel" on first start
    save(blank, folder, f"11_demo_cancelled_{lang}")

    progress = TaskProgressDialog(
        QCoreApplication.translate("DemoBuild", "Creating the demo village"),
        QCoreApplication.translate(
            "DemoBuild",
            "siksdesk is filling a practice village with invented households and "
            "people, so that you can try everything without real data. This takes "
            "a moment."),
        CancelToken(), blank)
    progress.set_progress(420, 1100)
    progress.show()
    save(progress, folder, f"12_demo_progress_{lang}")

    crash = CrashDialog(_sample_report(), village.paths.logs / "siksdesk.log")
    crash.show()
    save(crash, folder, f"13_crash_dialog_{lang}")
    for widget in (progress, crash, blank, window):
        widget.close()
        widget.deleteLater()
    QCoreApplication.processEvents()


def _sample_report() -> str:
    try:
        raise ValueError("NIK 3522014101900001 tidak dapat disimpan")
    except ValueError as exc:
        from siksdesk.ui.crash_dialog import format_report

        return format_report(type(exc), exc, exc.__traceback__)


if __name__ == "__main__":
    sys.exit(main())
