"""The idle lock: input keeps it away, idle time (an injected clock) locks, every visible window
is hidden and exactly those come back, a modal dialog is covered instead of ended, switching
user, the growing delay, background tasks keep running."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from account_village import (
    HEAD,
    HEAD_PASSWORD,
    OPERATOR_NAME,
    OPERATOR_PASSWORD,
    AccountVillage,
    accounts_template_fixture,  # noqa: F401  (fixtures)
    answer_modal,
    village_fixture,  # noqa: F401
)
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QDialog, QMainWindow, QWidget
from pytestqt.qtbot import QtBot

from siksdesk.ui.lock import IdleLock, _Curtain
from siksdesk.ui.login_dialog import LoginDialog
from siksdesk.ui.tasks import SyncTaskRunner, TaskRunner

pytestmark = pytest.mark.usefixtures("qapp")


class FakeClock:
    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def desk(qtbot: QtBot, village: AccountVillage) -> Iterator[tuple[QMainWindow, IdleLock,
                                                                   FakeClock]]:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    clock = FakeClock()
    lock = IdleLock(window, village.sessions, SyncTaskRunner(), village.operator, minutes=10,
                    lang="id", village_name="Desa Sukamaju", clock=clock)
    yield window, lock, clock
    lock.stop()
    if lock.dialog is not None:
        lock.dialog.deleteLater()


def _extra_window(qtbot: QtBot) -> QWidget:
    other = QWidget()
    other.setWindowTitle("editor")
    qtbot.addWidget(other)
    other.show()
    return other


def test_idle_time_locks_and_the_right_password_unlocks(
        qtbot: QtBot, desk: tuple[QMainWindow, IdleLock, FakeClock]) -> None:
    window, lock, clock = desk
    editor = _extra_window(qtbot)
    never_shown = QWidget()
    qtbot.addWidget(never_shown)
    clock.now += 9 * 60
    lock.timer.timeout.emit()
    assert not lock.is_locked and lock.timer.isActive()  # rescheduled for the rest

    clock.now += 60
    with qtbot.waitSignal(lock.locked, timeout=1000):
        lock.timer.timeout.emit()
    assert lock.is_locked and lock.dialog is not None
    assert not window.isVisible() and not editor.isVisible()
    assert lock.dialog.who.text() == OPERATOR_NAME
    assert not lock.timer.isActive()

    lock.dialog.password.setText("salah-sekali")
    lock.dialog.unlock_button.click()
    assert lock.is_locked and lock.dialog.message.text() == "Nama pengguna atau kata sandi salah."
    qtbot.keyClick(lock.dialog, Qt.Key.Key_Escape)  # Escape does not end the lock
    lock.dialog.close()
    assert lock.is_locked and not window.isVisible()

    lock.dialog.password.setText(OPERATOR_PASSWORD)
    with qtbot.waitSignal(lock.unlocked, timeout=1000) as unlocked:
        qtbot.keyClick(lock.dialog.password, Qt.Key.Key_Return)
    assert unlocked.args[0].username == lock.account.username == "siti"
    QCoreApplication.processEvents()  # nothing queued hides them again
    assert window.isVisible() and editor.isVisible() and not never_shown.isVisible()
    assert not lock.dialog.isVisible() and lock.dialog.password.text() == ""
    assert lock.timer.isActive()


def test_keyboard_and_mouse_input_keep_it_unlocked(
        qtbot: QtBot, desk: tuple[QMainWindow, IdleLock, FakeClock]) -> None:
    window, lock, clock = desk
    clock.now += 9 * 60
    qtbot.keyClick(window, Qt.Key.Key_A)
    clock.now += 5 * 60
    lock.check_idle()
    assert not lock.is_locked
    qtbot.mouseMove(window, window.rect().center())
    qtbot.mouseClick(window, Qt.MouseButton.LeftButton)
    clock.now += 9 * 60
    lock.check_idle()
    assert not lock.is_locked
    clock.now += 61
    lock.check_idle()
    assert lock.is_locked


def test_minutes_setting(desk: tuple[QMainWindow, IdleLock, FakeClock]) -> None:
    _window, lock, clock = desk
    lock.set_minutes(0)
    assert lock.seconds == 60
    lock.set_minutes(2)
    clock.now += 119
    lock.check_idle()
    assert not lock.is_locked
    clock.now += 1
    lock.check_idle()
    assert lock.is_locked


def test_switch_user_is_a_full_login(qtbot: QtBot,
                                     desk: tuple[QMainWindow, IdleLock, FakeClock]) -> None:
    window, lock, _clock = desk
    lock.lock_now()
    assert lock.dialog is not None

    def log_in_as_head(login: LoginDialog) -> None:
        login.picker.setCurrentIndex(login.picker.findData(HEAD))
        qtbot.keyClicks(login.password, HEAD_PASSWORD)
        qtbot.keyClick(login.password, Qt.Key.Key_Return)

    seen = answer_modal(LoginDialog, log_in_as_head)
    with qtbot.waitSignal(lock.unlocked, timeout=1000) as unlocked:
        lock.dialog.switch_button.click()
    assert seen and unlocked.args[0].username == HEAD == lock.account.username
    assert window.isVisible() and not lock.is_locked
    lock.lock_now()
    assert lock.dialog.who.text() == "Bapak Sutrisno"


def test_a_modal_dialog_is_covered_not_ended(qtbot: QtBot,
                                             desk: tuple[QMainWindow, IdleLock,
                                                         FakeClock]) -> None:
    window, lock, _clock = desk
    question = QDialog(window)
    question.resize(300, 200)
    checks: list[str] = []

    def while_open() -> None:
        lock.lock_now()
        curtains = question.findChildren(_Curtain)
        assert question.isVisible() and len(curtains) == 1
        assert curtains[0].isVisible() and curtains[0].geometry() == question.rect()
        assert not window.isVisible()
        assert lock.dialog is not None
        lock.dialog.password.setText(OPERATOR_PASSWORD)
        lock.dialog.unlock_button.click()
        assert not curtains[0].isVisible() and window.isVisible()
        checks.append("unlocked")
        question.accept()

    QTimer.singleShot(0, while_open)
    assert question.exec() == QDialog.DialogCode.Accepted  # its loop survived the lock
    assert checks == ["unlocked"]


def test_the_growing_delay_on_the_lock_screen(
        desk: tuple[QMainWindow, IdleLock, FakeClock]) -> None:
    _window, lock, clock = desk
    lock.lock_now()
    assert lock.dialog is not None
    for _ in range(4):
        lock.dialog.password.setText("salah-sekali")
        lock.dialog.unlock()
    assert not lock.dialog.unlock_button.isEnabled()
    assert "Tunggu 5 detik" in lock.dialog.message.text()
    assert lock.dialog.switch_button.isEnabled()  # another user is not delayed
    clock.now += 5
    lock.dialog.gate.countdown.timer.timeout.emit()
    assert lock.dialog.unlock_button.isEnabled()


def test_background_work_goes_on_while_locked(
        qtbot: QtBot, desk: tuple[QMainWindow, IdleLock, FakeClock]) -> None:
    window, lock, _clock = desk
    runner = TaskRunner(parent=window)
    results: list[int] = []
    lock.lock_now()
    runner.run(lambda _p, _c: sum(range(1000)), on_result=results.append,
               on_error=lambda exc: results.append(-1))
    qtbot.waitUntil(lambda: results == [499500], timeout=5000)
    assert lock.is_locked
    runner.wait_for_done()


def test_a_window_opened_while_locked_waits_for_the_unlock(
        qtbot: QtBot, desk: tuple[QMainWindow, IdleLock, FakeClock]) -> None:
    window, lock, _clock = desk
    lock.lock_now()
    late = _extra_window(qtbot)  # e.g. a report a finished task opens
    qtbot.waitUntil(lambda: not late.isVisible(), timeout=1000)
    assert lock.dialog is not None
    lock.dialog.password.setText(OPERATOR_PASSWORD)
    lock.dialog.unlock()
    QCoreApplication.processEvents()
    assert late.isVisible() and window.isVisible()
