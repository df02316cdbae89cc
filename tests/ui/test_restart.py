"""The in-process restart: the event loop ending with EXIT_RESTART opens the window again."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from siksdesk.app import AppContext
from siksdesk.ui import launch
from siksdesk.ui.main_window import MainWindow
from siksdesk.ui.restart import EXIT_RESTART, request_restart


def test_a_restart_request_opens_the_window_again_then_the_app_ends(
        qtbot: QtBot, village_ctx: AppContext, monkeypatch: pytest.MonkeyPatch,
        restore_logging: None, signed_in: None) -> None:
    shown: list[MainWindow] = []

    def fake_exec(app: QApplication) -> int:
        windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        assert len(windows) == 1
        assert windows[0] not in shown  # a new window each round
        shown.append(windows[0])
        return EXIT_RESTART if len(shown) == 1 else 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    assert launch.run_gui(database=village_ctx.database, lang=None) == 0
    assert len(shown) == 2


def test_request_restart_closes_the_windows_without_quitting_on_the_last(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    codes: list[int] = []
    # The real exit() with no loop running would end the next test's waits at once.
    monkeypatch.setattr(QApplication, "exit", staticmethod(codes.append))
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    try:
        request_restart()
        assert not widget.isVisible()
        assert not app.quitOnLastWindowClosed()
        assert codes == [EXIT_RESTART]
    finally:
        app.setQuitOnLastWindowClosed(True)
