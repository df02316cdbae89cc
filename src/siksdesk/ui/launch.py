"""GUI start-up: paths → logging → excepthook → open_app (migrations) → QApplication →
translator → main window (→ demo village on first start).

Only what the first screen needs is imported before the window shows: alembic only when the
database must be migrated (``db.migrate``), Faker and the demo builder only when a demo village
is built, openpyxl never here.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from siksdesk import __version__
from siksdesk.app import AppContext, open_app
from siksdesk.db.migrate import DatabaseError
from siksdesk.db.session import read_session
from siksdesk.logging_setup import setup_logging
from siksdesk.paths import APP_NAME, AppPaths
from siksdesk.services.households import village_summary
from siksdesk.ui.crash_dialog import CrashReporter
from siksdesk.ui.demo_build import Builder
from siksdesk.ui.i18n import install_translator, normalise_lang, remove_translator
from siksdesk.ui.main_window import MainWindow
from siksdesk.ui.settings import (
    Settings,
    StartupLocation,
    startup_language,
    startup_location,
)
from siksdesk.ui.tasks import Runner, TaskRunner

if TYPE_CHECKING:
    from siksdesk.ui.desk import Desk

log = logging.getLogger(__name__)

EXIT_OK, EXIT_FAILED = 0, 1
# Benchmarks only (bench/bench_desk.py): quit as soon as the main window is shown and populated.
EXIT_AFTER_SHOW_ENV = "SIKSDESK_EXIT_AFTER_SHOW"


def run_gui(database: Path | None = None, lang: str | None = None) -> int:
    """Run the application until its window closes; returns the process exit status."""
    location = startup_location()  # SIKSDESK_HOME, else the chosen data folder, else default
    paths = location.paths
    lang = startup_language(lang, Settings(location.settings_file))
    log_path = setup_logging(paths.logs)
    log.info("siksdesk %s starting (GUI, lang=%s)", __version__, normalise_lang(lang))
    reporter = CrashReporter(log_path)
    previous_hook, sys.excepthook = sys.excepthook, reporter.excepthook
    try:
        return _start(paths, database, lang, log_path, location)
    except Exception:
        reporter.excepthook(*sys.exc_info())
        return EXIT_FAILED
    finally:
        sys.excepthook = previous_hook
        log.info("siksdesk stopped")


def _start(paths: AppPaths, database: Path | None, lang: str | None, log_path: Path,
           location: StartupLocation | None = None) -> int:
    try:
        ctx = open_app(paths, database)  # migrations (with backup) run here, before any window
    except DatabaseError as exc:
        log.error("database refused at start-up: %s", exc)
        app = ensure_qapplication()
        translator = install_translator(app, lang)
        try:
            database_error_box(exc, database or paths.database).exec()
        finally:
            remove_translator(translator)
        return EXIT_FAILED
    app = ensure_qapplication()
    translator = install_translator(app, lang)
    try:
        return _event_loop(app, ctx, lang, log_path, location)
    finally:
        ctx.close()
        remove_translator(translator)


def _event_loop(app: QApplication, ctx: AppContext, lang: str | None, log_path: Path,
                location: StartupLocation | None) -> int:
    runner = TaskRunner(parent=app)
    wake = QTimer(app)
    previous_sigint = signal.getsignal(signal.SIGINT)
    try:
        window = open_main_window(ctx, runner, lang=lang, log_path=log_path)
        _close_on_interrupt(window, wake)
        if os.environ.get(EXIT_AFTER_SHOW_ENV) == "1":
            QTimer.singleShot(0, lambda: _exit_after_show(window))
        # The editor and worklist are built after the first frame (a few hundred ms of imports
        # and widgets that the list does not need to appear).
        QTimer.singleShot(0, lambda: open_desk(window, ctx, runner, lang=lang,
                                               log_path=log_path, location=location))
        return app.exec()
    finally:
        signal.signal(signal.SIGINT, previous_sigint)
        wake.stop()
        wake.deleteLater()
        runner.wait_for_done()  # a cancelled demo build rolls back before the engine goes
        runner.deleteLater()


def ensure_qapplication() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(sys.argv[:1])  # siksdesk's own arguments are not Qt's
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    return app


def open_main_window(ctx: AppContext, runner: Runner, *, lang: str | None,
                     log_path: Path | None, demo_people: int | None = None,
                     demo_builder: Builder | None = None) -> MainWindow:
    """Show the main window for ``ctx``; a database without a village gets the demo village
    (built in the background, with a progress dialog the user can cancel)."""
    with read_session(ctx.sessions) as session:
        summary = village_summary(session)
    window = MainWindow(ctx, runner, lang=lang, log_path=log_path, demo_builder=demo_builder)
    window.set_village(summary)
    window.show()
    if summary is None:
        log.info("no village in the database: building the demo village")
        window.start_demo_build(demo_people)
    return window


def open_desk(window: MainWindow, ctx: AppContext, runner: Runner, *, lang: str | None,
              log_path: Path | None, location: StartupLocation | None) -> Desk:
    """Editor, worklist, settings and About around the main window (kept as ``window.desk``)."""
    from siksdesk.ui.desk import Desk

    settings_file = location.settings_file if location else ctx.paths.settings
    desk = Desk(window, ctx, runner, settings=Settings(settings_file), location=location,
                lang=lang, log_path=log_path)
    window.desk = desk  # type: ignore[attr-defined]
    return desk


def _exit_after_show(window: MainWindow) -> None:
    """Benchmark hook: the window is shown and holds its first page; report and close."""
    print(f"{EXIT_AFTER_SHOW_ENV}: rows={window.model.rowCount()} total={window.model.total}",
          flush=True)
    window.close()


def _close_on_interrupt(window: MainWindow, wake: QTimer) -> None:
    """Ctrl+C in the terminal closes the window like Berkas → Keluar. Python only sees the
    signal when it runs, so ``wake`` wakes it up regularly while Qt's loop waits."""
    signal.signal(signal.SIGINT, lambda _signum, _frame: window.close())
    wake.timeout.connect(lambda: None)
    wake.start(250)


def database_error_box(error: DatabaseError, database: Path) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Critical,
                      QCoreApplication.translate("Launch", "siksdesk — database cannot be opened"),
                      str(error))
    box.setInformativeText(
        QCoreApplication.translate("Launch", "Database file: {path}").format(path=database))
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    return box
