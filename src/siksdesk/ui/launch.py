"""GUI start-up: paths → logging → excepthook → open_app (migrations) → QApplication →
translator → main window (→ demo village on first start) → in the background: integrity check
and SQLAlchemy → the desk (editor, worklist, settings).

Only what the first screen needs is imported before the window shows: the list reads through
plain sqlite3, so SQLAlchemy loads after the first frame (on a worker thread, with the integrity
check that a current database skips at open); alembic only when the database must be migrated,
Faker and the demo builder only when a demo village is built, openpyxl never here.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from siksdesk import __version__
from siksdesk.app import AppContext, open_app
from siksdesk.db.migrate import DatabaseCorrupt, DatabaseError, quick_check
from siksdesk.logging_setup import setup_logging
from siksdesk.paths import APP_NAME, AppPaths
from siksdesk.services.household_list import VillageSummary, village_summary
from siksdesk.ui.crash_dialog import CrashReporter
from siksdesk.ui.demo_build import Builder
from siksdesk.ui.i18n import install_translator, normalise_lang, remove_translator
from siksdesk.ui.main_window import MainWindow
from siksdesk.ui.restart import EXIT_RESTART
from siksdesk.ui.settings import (
    Settings,
    StartupLocation,
    startup_language,
    startup_location,
)
from siksdesk.ui.sign_in import EXIT_AFTER_SHOW_ENV, sign_in, training_operator
from siksdesk.ui.tasks import Runner, TaskRunner
from siksdesk.ui.training import install_training_marks, installed_marks

if TYPE_CHECKING:
    from siksdesk.services.accounts import AccountRow
    from siksdesk.ui.desk import Desk

log = logging.getLogger(__name__)
ICON_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"

EXIT_OK, EXIT_FAILED = 0, 1


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
        status = _start(paths, database, lang, log_path, location)
        while status == EXIT_RESTART:
            log.info("reopening the village")
            status = _start(paths, database, lang, log_path, location)
        return status
    except Exception:
        reporter.excepthook(*sys.exc_info())
        return EXIT_FAILED
    finally:
        sys.excepthook = previous_hook
        log.info("siksdesk stopped")


def _start(paths: AppPaths, database: Path | None, lang: str | None, log_path: Path,
           location: StartupLocation | None = None) -> int:
    try:
        # Migrations (with backup) run here, before any window. A current database is checked
        # for integrity in the background once the window shows (see _after_first_frame).
        ctx = open_app(paths, database, check_current=False)
        summary = _summary(ctx)
        if summary is None:  # a village is about to be written: check first, nothing to show
            quick_check(ctx.database)
    except DatabaseError as exc:
        log.error("database refused at start-up: %s", exc)
        app = ensure_qapplication()
        translator = install_translator(app, lang)
        try:
            explain_database_error(exc, database or paths.database, paths, lang)
        finally:
            remove_translator(translator)
        return EXIT_FAILED
    app = ensure_qapplication()
    translator = install_translator(app, lang)
    try:
        return _event_loop(app, ctx, lang, log_path, location, summary)
    finally:
        ctx.close()
        remove_translator(translator)


def _summary(ctx: AppContext) -> VillageSummary | None:
    with ctx.reader.snapshot() as conn:
        return village_summary(conn)


def _event_loop(app: QApplication, ctx: AppContext, lang: str | None, log_path: Path,
                location: StartupLocation | None, summary: VillageSummary | None) -> int:
    app.setQuitOnLastWindowClosed(True)  # request_restart turned it off for the previous round
    runner = TaskRunner(parent=app)
    wake = QTimer(app)
    previous_sigint = signal.getsignal(signal.SIGINT)
    try:
        account = None
        if summary is not None:  # nothing personal shows before the login
            account = sign_in(ctx, runner, summary, lang)
            if account is None:
                return EXIT_OK
        window = open_main_window(ctx, runner, lang=lang, log_path=log_path, summary=summary)
        training = summary is None or summary.is_demo  # no village yet: the training village
        install_training_marks(app, window, training=training)
        _close_on_interrupt(window, wake)
        if os.environ.get(EXIT_AFTER_SHOW_ENV) == "1":
            QTimer.singleShot(0, lambda: _exit_after_show(window))
        QTimer.singleShot(0, lambda: _after_first_frame(window, ctx, runner, lang=lang,
                                                        log_path=log_path, location=location,
                                                        account=account))
        status = app.exec()
        window.close()  # already closed, unless a restart ends the loop: the next round opens anew
        window.deleteLater()
        return status
    finally:
        marks = installed_marks(app)
        if marks is not None:  # the next round (a restart) marks its own window
            marks.remove()
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
    app.setDesktopFileName("siksdesk")  # Linux: packaging/linux/siksdesk.desktop
    icon = QIcon()
    for size in (48, 128, 256):  # PNGs: no dependency on Qt's SVG plugin
        icon.addFile(str(ICON_DIR / f"siksdesk-{size}.png"))
    app.setWindowIcon(icon)
    return app


def _after_first_frame(window: MainWindow, ctx: AppContext, runner: Runner, *,
                       lang: str | None, log_path: Path | None,
                       location: StartupLocation | None,
                       account: AccountRow | None = None) -> None:
    """The integrity check and the storage layer load on a worker thread while the list is
    already usable; the desk (editor, worklist — everything that writes) opens after both."""

    def prepare(_progress: object, _cancelled: object) -> None:
        quick_check(ctx.database)
        ctx.sessions  # noqa: B018  (imports SQLAlchemy and the models: ≈0.5 s)
        from sqlalchemy.orm import configure_mappers

        configure_mappers()
        # Module imports and the NIK checker's region/date tables, no widget (widgets belong to
        # the GUI thread): the desk then opens with ≈300 ms less of a freeze.
        import siksdesk.ui.desk  # noqa: F401
        from siksdesk.domain.nik import check_nik

        check_nik("3522011204780001")

    def failed(error: BaseException) -> None:
        if not isinstance(error, DatabaseError):
            raise error  # a bug: the crash dialog reports it
        log.error("database refused after start-up: %s", error)
        ctx.close()
        explain_database_error(error, ctx.database, ctx.paths, lang)
        window.close()

    def prepared(_none: object) -> None:
        desk = open_desk(window, ctx, runner, lang=lang, log_path=log_path, location=location,
                         account=account)
        if account is None:  # the training village being built: its operator works here
            _sign_in_when_built(window, desk, ctx)
        from siksdesk.ui.backup_dialog import start_daily_backup

        start_daily_backup(window, ctx, runner, lang)  # once a day, after the check passed

    runner.run(prepare, on_error=failed, on_result=prepared)


def open_main_window(ctx: AppContext, runner: Runner, *, lang: str | None,
                     log_path: Path | None, demo_people: int | None = None,
                     demo_builder: Builder | None = None,
                     summary: VillageSummary | None = None) -> MainWindow:
    """Show the main window for ``ctx``; a database without a village gets the demo village
    (built in the background, with a progress dialog the user can cancel). ``summary`` saves
    reading it again when the caller has just read it."""
    if summary is None:
        summary = _summary(ctx)
    window = MainWindow(ctx, runner, lang=lang, log_path=log_path, demo_builder=demo_builder)
    window.set_village(summary)
    window.show()
    if summary is None:
        log.info("no village in the database: building the demo village")
        window.start_demo_build(demo_people)
    return window


def open_desk(window: MainWindow, ctx: AppContext, runner: Runner, *, lang: str | None,
              log_path: Path | None, location: StartupLocation | None,
              account: AccountRow | None = None) -> Desk:
    """Editor, worklist, settings and About around the main window (kept as ``window.desk``)."""
    from siksdesk.ui.desk import Desk

    settings_file = location.settings_file if location else ctx.paths.settings
    summary = window.summary
    desk = Desk(window, ctx, runner, settings=Settings(settings_file), location=location,
                lang=lang, log_path=log_path, account=account,
                training=summary is None or summary.is_demo,
                village_name=summary.nama_desa if summary else "")
    window.desk = desk  # type: ignore[attr-defined]
    return desk


def _sign_in_when_built(window: MainWindow, desk: Desk, ctx: AppContext) -> None:
    """The training village built at first start (now or before the desk opened): the person
    who started it works as its training operator."""

    def signed_in() -> None:
        if desk.accounts.account is None and window.summary is not None:
            desk.accounts.village_name = window.summary.nama_desa
            desk.accounts.set_account(training_operator(ctx))

    if window.summary is not None:
        signed_in()
    elif window.demo_build is not None:
        window.demo_build.built.connect(lambda _summary: signed_in())


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


def explain_database_error(error: DatabaseError, database: Path, paths: AppPaths,
                           lang: str | None) -> None:
    """The database error box; for a damaged file it offers the way forward: restoring a
    backup (the damaged file is set aside, never deleted)."""
    box = database_error_box(error, database)
    restore = None
    if isinstance(error, DatabaseCorrupt):
        restore = box.addButton(QCoreApplication.translate("Launch", "&Restore from a backup…"),
                                QMessageBox.ButtonRole.ActionRole)
    box.exec()
    if restore is not None and box.clickedButton() is restore:
        from siksdesk.ui.backup_dialog import BackupDialog

        runner = TaskRunner()
        try:
            BackupDialog(AppContext(paths, database), runner, lang).exec()
        finally:
            runner.wait_for_done()


def database_error_box(error: DatabaseError, database: Path) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Critical,
                      QCoreApplication.translate("Launch", "siksdesk — database cannot be opened"),
                      str(error))
    box.setInformativeText(
        QCoreApplication.translate("Launch", "Database file: {path}").format(path=database))
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    return box
