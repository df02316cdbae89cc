"""First start on an empty database: the demo village is built in the background, or the user
cancels and gets an empty list with directions."""

from __future__ import annotations

import threading
from typing import Any

from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from siksdesk.app import AppContext
from siksdesk.db.session import read_session
from siksdesk.demo import build_demo_village
from siksdesk.models import Ruta
from siksdesk.services.households import village_summary
from siksdesk.ui import launch
from siksdesk.ui.main_window import PAGE_EMPTY, PAGE_TABLE, MainWindow
from siksdesk.ui.tasks import SyncTaskRunner, TaskRunner


def test_first_start_builds_the_demo_village(qtbot: QtBot, empty_ctx: AppContext,
                                             indonesian: None) -> None:
    window = launch.open_main_window(empty_ctx, SyncTaskRunner(), lang="id", log_path=None,
                                     demo_people=150)
    qtbot.addWidget(window)
    assert window.summary is not None and window.summary.people == 150
    assert window.windowTitle().endswith("— DEMO")
    assert window.pages.currentIndex() == PAGE_TABLE
    assert window.model.rowCount() == window.summary.households
    assert not window.demo_action.isEnabled()  # data exist now: no second demo over them
    assert window.statusBar().currentMessage() == "Desa demo sudah siap."


def test_threaded_build_reports_progress_and_cancel_leaves_nothing(
        qtbot: QtBot, empty_ctx: AppContext, indonesian: None) -> None:
    storing = threading.Event()
    resume = threading.Event()

    def paused_after_first_chunk(ctx: AppContext, *, progress: Any, **kwargs: Any) -> Any:
        def report(done: int, total: int) -> None:
            progress(done, total)
            if not storing.is_set():
                storing.set()
                assert resume.wait(10)

        return build_demo_village(ctx, progress=report, **kwargs)

    window = launch.open_main_window(empty_ctx, TaskRunner(), lang="id", log_path=None,
                                     demo_builder=paused_after_first_chunk)
    qtbot.addWidget(window)
    build = window.demo_build
    assert build is not None and build.running and build.dialog.isVisible()
    qtbot.waitUntil(lambda: build.dialog.bar.maximum() > 0)  # progress reached the dialog
    assert storing.is_set()
    build.dialog.cancel_button.click()  # the user cancels while rows are being written
    assert build.dialog.message.text() == "Membatalkan… mohon tunggu."
    resume.set()
    qtbot.waitUntil(lambda: not build.running, timeout=10_000)

    assert not build.dialog.isVisible()
    assert window.pages.currentIndex() == PAGE_EMPTY
    assert "dibatalkan" in window.empty.text() and "siksdesk demo" in window.empty.text()
    assert window.demo_action.isEnabled()
    with read_session(empty_ctx.sessions) as session:
        assert village_summary(session) is None
        assert session.scalar(select(func.count()).select_from(Ruta)) == 0


def test_demo_from_the_menu_after_cancelling(qtbot: QtBot, empty_ctx: AppContext) -> None:
    window = MainWindow(empty_ctx, SyncTaskRunner(), lang="en")
    qtbot.addWidget(window)
    window._demo_cancelled()
    window.demo_action.trigger()  # File → Create demo village… (default size)
    assert window.summary is not None and window.summary.is_demo
    assert window.model.total == window.summary.households > 0
