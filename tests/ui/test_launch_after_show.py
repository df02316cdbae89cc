"""After the first frame: the integrity check and the storage layer load in the background; the
desk (everything that writes) opens only when the check has passed."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from siksdesk.app import AppContext
from siksdesk.db.migrate import DatabaseCorrupt, DatabaseError
from siksdesk.ui import launch
from siksdesk.ui.tasks import SyncTaskRunner


def test_desk_opens_once_the_database_checked_out(qtbot: QtBot, village_ctx: AppContext) -> None:
    runner = SyncTaskRunner()
    window = launch.open_main_window(village_ctx, runner, lang="en", log_path=None)
    qtbot.addWidget(window)
    assert not hasattr(window, "desk")
    launch._after_first_frame(window, village_ctx, runner, lang="en", log_path=None,
                              location=None)
    assert window.desk.editor is not None  # type: ignore[attr-defined]
    qtbot.addWidget(window.desk.editor)  # type: ignore[attr-defined]


def test_a_corrupt_database_is_reported_and_nothing_can_write(
        qtbot: QtBot, village_ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    offered: list[str] = []

    class Box:
        def __init__(self, error: DatabaseError, database: Path) -> None:
            shown.append(str(error))

        def addButton(self, text: str, _role: object) -> str:
            offered.append(text)
            return text

        def exec(self) -> int:
            return 0

        def clickedButton(self) -> None:
            return None  # closed without restoring

    def corrupt(_database: Path) -> None:
        raise DatabaseCorrupt("*** in database main ***")

    monkeypatch.setattr(launch, "quick_check", corrupt)
    monkeypatch.setattr(launch, "database_error_box", Box)
    runner = SyncTaskRunner()
    window = launch.open_main_window(village_ctx, runner, lang="en", log_path=None)
    qtbot.addWidget(window)
    launch._after_first_frame(window, village_ctx, runner, lang="en", log_path=None,
                              location=None)
    assert shown and "cadangan" in shown[0]
    assert offered == ["&Restore from a backup…"]  # the way forward for a damaged file
    assert not window.isVisible()
    assert not hasattr(window, "desk")
