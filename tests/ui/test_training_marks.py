"""Training mode on screen: every window and dialog of a training village says LATIHAN; the
marks are installed once, follow title changes, and go away completely when removed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMainWindow, QMessageBox
from pytestqt.qtbot import QtBot

from siksdesk.app import AppContext
from siksdesk.ui import launch
from siksdesk.ui.main_window import MainWindow
from siksdesk.ui.tasks import SyncTaskRunner
from siksdesk.ui.training import install_training_marks, installed_marks, title_prefix


@pytest.fixture
def window(qtbot: QtBot, village_ctx: AppContext, qapp: QApplication) -> Iterator[MainWindow]:
    made = launch.open_main_window(village_ctx, SyncTaskRunner(), lang="id", log_path=None)
    qtbot.addWidget(made)
    yield made
    install_training_marks(qapp, made, training=False)  # never leak into the next test


def _banners(window: QMainWindow) -> list[QLabel]:
    return [label for label in window.findChildren(QLabel, "training-banner")
            if label.isVisibleTo(window)]


def test_every_window_and_dialog_is_marked(qtbot: QtBot, qapp: QApplication,
                                           window: MainWindow, indonesian: None) -> None:
    assert window.summary is not None and window.summary.is_demo  # the demo = training village
    title = window.windowTitle()
    marks = install_training_marks(qapp, window, training=True)
    assert marks is not None
    prefix = title_prefix()
    assert window.windowTitle() == prefix + title
    [banner] = _banners(window)
    assert "LATIHAN" in banner.text().upper() or "TRAINING" in banner.text()
    status = window.statusBar().findChild(QLabel, "training-status")
    assert status is not None and status.isVisibleTo(window)

    dialog = QDialog(window)
    dialog.setWindowTitle("Ekspor")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == prefix + "Ekspor"
    dialog.setWindowTitle("Ekspor lagi")  # a title set while shown is marked again
    assert dialog.windowTitle() == prefix + "Ekspor lagi"
    box = QMessageBox(QMessageBox.Icon.Information, "Dari Dinas", "teks", parent=window)
    box.open()
    assert box.windowTitle() == prefix + "Dari Dinas"
    box.close()
    window.set_village(window.summary)  # the window sets its own title again
    assert window.windowTitle().startswith(prefix) and window.windowTitle().count(prefix) == 1


def test_installing_twice_changes_nothing_and_removal_removes_everything(
        qtbot: QtBot, qapp: QApplication, window: MainWindow) -> None:
    title = window.windowTitle()
    first = install_training_marks(qapp, window, training=True)
    again = install_training_marks(qapp, window, training=True)
    assert again is first and installed_marks(qapp) is first
    assert len(_banners(window)) == 1 and window.windowTitle().count(title_prefix()) == 1

    assert install_training_marks(qapp, window, training=False) is None
    assert installed_marks(qapp) is None
    assert window.windowTitle() == title
    qtbot.waitUntil(lambda: not window.findChildren(QLabel, "training-banner"))
    assert window.statusBar().findChild(QLabel, "training-status") is None
    later = QDialog(window)
    later.setWindowTitle("Cadangan")
    qtbot.addWidget(later)
    later.show()
    assert later.windowTitle() == "Cadangan"


def test_a_real_village_gets_no_marks(qapp: QApplication, window: MainWindow) -> None:
    title = window.windowTitle()
    assert install_training_marks(qapp, window, training=False) is None
    assert window.windowTitle() == title and not _banners(window)


def test_the_marks_follow_a_new_main_window(qtbot: QtBot, qapp: QApplication,
                                            window: MainWindow) -> None:
    install_training_marks(qapp, window, training=True)
    other = QMainWindow()
    other.setWindowTitle("siksdesk")
    qtbot.addWidget(other)
    marks = install_training_marks(qapp, other, training=True)
    other.show()
    assert marks is installed_marks(qapp) and marks is not None and marks.window is other
    assert len(_banners(other)) == 1  # a window without a box layout: a fixed tool bar
    assert other.windowTitle() == title_prefix() + "siksdesk"
    assert window.windowTitle().count(title_prefix()) == 1  # still a training window
    qtbot.waitUntil(lambda: not _banners(window))  # but the banner moved


def test_a_dialog_open_at_install_is_marked_and_unmarked(
        qtbot: QtBot, qapp: QApplication, window: MainWindow) -> None:
    window.show()
    dialog = QDialog(window)
    dialog.setWindowTitle("Masuk")
    qtbot.addWidget(dialog)
    dialog.open()  # window-modal, as the app's dialogs are
    qtbot.waitUntil(lambda: qapp.activeModalWidget() is dialog)
    install_training_marks(qapp, window, training=True)
    assert dialog.windowTitle() == title_prefix() + "Masuk"
    install_training_marks(qapp, window, training=False)
    assert dialog.windowTitle() == "Masuk"
