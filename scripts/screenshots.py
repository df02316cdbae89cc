"""Render PNG screenshots of the main window (offscreen) for a demo village.

    .venv/bin/python scripts/screenshots.py [FOLDER] [--people N] [--lang id en]

FOLDER defaults to ./screenshots. A throw-away data folder is used; nothing of yours is touched.
Offscreen rendering has no window frame, so the window title is painted as a strip on top of
each window picture. Timings (demo build, first show, one page) are printed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtCore import QCoreApplication, QRect, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QWidget

from siksdesk.app import AppContext, open_app
from siksdesk.paths import AppPaths
from siksdesk.ui.crash_dialog import CrashDialog
from siksdesk.ui.i18n import install_translator, remove_translator
from siksdesk.ui.launch import ensure_qapplication, open_main_window
from siksdesk.ui.main_window import MainWindow
from siksdesk.ui.progress_dialog import TaskProgressDialog
from siksdesk.ui.tasks import CancelToken, SyncTaskRunner

SIZE = (1280, 800)
TITLE_STRIP = 30


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


def save(widget: QWidget, folder: Path, name: str) -> None:
    QCoreApplication.processEvents()
    path = folder / f"{name}.png"
    with_title(widget).save(str(path))
    print(f"  {path}")


def show_window(ctx: AppContext, lang: str) -> tuple[MainWindow, float]:
    started = time.perf_counter()
    window = open_main_window(ctx, SyncTaskRunner(), lang=lang, log_path=None)
    window.resize(*SIZE)
    QCoreApplication.processEvents()
    return window, (time.perf_counter() - started) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=Path("screenshots"))
    parser.add_argument("--people", type=int, default=None,
                        help="demo village size (default: the demo's default)")
    parser.add_argument("--lang", nargs="+", default=["id", "en"], choices=["id", "en"])
    args = parser.parse_args(argv)
    from siksdesk.demo import build_demo_village

    folder: Path = args.folder.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    app = ensure_qapplication()
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
                window, show_ms = show_window(village, lang)
                print(f"[{lang}] first show {show_ms:.0f} ms, first page "
                      f"{window.model.last_page_ms:.1f} ms")
                save(window, folder, f"main_window_{lang}")
                window.table.scrollToBottom()
                QCoreApplication.processEvents()
                save(window, folder, f"main_window_scrolled_{lang}")

                blank = MainWindow(empty, SyncTaskRunner(), lang=lang)
                blank.resize(*SIZE)
                blank.show()
                save(blank, folder, f"no_village_{lang}")
                blank._demo_cancelled()  # the page shown after "Cancel" on first start
                save(blank, folder, f"demo_cancelled_{lang}")

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
                save(progress, folder, f"demo_progress_{lang}")

                crash = CrashDialog(_sample_report(), village.paths.logs / "siksdesk.log")
                crash.show()
                save(crash, folder, f"crash_dialog_{lang}")
                for widget in (progress, crash, blank, window):
                    widget.close()
                    widget.deleteLater()
                QCoreApplication.processEvents()
                remove_translator(translator)
        finally:
            village.close()
            empty.close()
    return 0


def _sample_report() -> str:
    try:
        raise ValueError("NIK 3522014101900001 tidak dapat disimpan")
    except ValueError as exc:
        from siksdesk.ui.crash_dialog import format_report

        return format_report(type(exc), exc, exc.__traceback__)


if __name__ == "__main__":
    sys.exit(main())
