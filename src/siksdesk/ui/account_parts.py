"""Pieces shared by the login, lock and account dialogs: running an account-service call on the
runner (argon2 takes ≈70 ms, never on the GUI thread), the growing-delay countdown, a message
line, the approver box and the recovery code shown once."""

from __future__ import annotations

import math
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from siksdesk.domain.accounts import AccountError, AccountRole
from siksdesk.ui.i18n import normalise_lang
from siksdesk.ui.pseudo import mark_data_text
from siksdesk.ui.tasks import Cancelled, Progress, Runner

ERROR_STYLE = "color: #b00020;"
OK_STYLE = "color: #1b5e20;"
Clock = Callable[[], float]


def role_text(role: str, lang: str | None) -> str:
    return AccountRole(role).label(normalise_lang(lang))


def account_text(display_name: str, role: str, lang: str | None) -> str:
    """"Siti Aminah (Operator)": how an account is named in pickers."""
    return f"{display_name} ({role_text(role, lang)})"


def password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(256)
    return edit


def report(error: BaseException) -> None:
    """A bug, not a refusal: the crash dialog reports it."""
    sys.excepthook(type(error), error, error.__traceback__)


def run_account_call(runner: Runner, call: Callable[[], Any], done: Callable[[Any], None],
                     refused: Callable[[AccountError | None], None],
                     owner: QWidget | None = None) -> None:
    """Run ``call`` on the runner. An ``AccountError`` goes to ``refused``; anything else goes to
    ``refused(None)`` (so the dialog can re-enable itself) and then to the crash dialog. When
    ``owner`` was closed meanwhile (Escape during the check) the answer is dropped."""

    def gone() -> bool:
        return owner is not None and (not shiboken6.isValid(owner) or not owner.isVisible())

    def work(_progress: Progress, _cancelled: Cancelled) -> Any:
        return call()

    def result(value: Any) -> None:
        if not gone():
            done(value)

    def error(exc: BaseException) -> None:
        if not isinstance(exc, AccountError):
            report(exc)
        if not gone():
            refused(exc if isinstance(exc, AccountError) else None)

    runner.run(work, on_result=result, on_error=error)


class Countdown(QObject):
    """Seconds left of a growing delay (``LOGIN_WAIT``), ticking on a QTimer. The clock is
    injectable so tests advance time instead of sleeping."""

    changed = Signal(int)
    finished = Signal()

    def __init__(self, clock: Clock = time.monotonic, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self._deadline = 0.0
        self._shown = 0
        self.timer = QTimer(self)
        self.timer.setInterval(250)
        self.timer.timeout.connect(self.tick)

    @property
    def active(self) -> bool:
        return self.timer.isActive()

    def remaining(self) -> int:
        return max(0, math.ceil(self._deadline - self.clock()))

    def start(self, seconds: int) -> None:
        self._deadline = self.clock() + max(0, seconds)
        self._shown = -1
        self.timer.start()
        self.tick()

    def stop(self) -> None:
        was_active = self.timer.isActive()
        self.timer.stop()
        if was_active:
            self.finished.emit()

    def tick(self) -> None:
        left = self.remaining()
        if left <= 0:
            self.stop()
            return
        if left != self._shown:
            self._shown = left
            self.changed.emit(left)


class MessageLine(QLabel):
    """One wrapped line for refusals (red) and confirmations (green). Its texts come from the
    bilingual account messages, so it is marked as data text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        mark_data_text(self)

    def say(self, text: str, *, error: bool = True) -> None:
        self.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
        self.setText(text)

    def clear_message(self) -> None:
        self.setText("")


class WaitGate(QObject):
    """Ties a button to a task in flight and to the growing delay: the button is disabled while
    a check runs and while ``LOGIN_WAIT`` counts down, and the message line shows the seconds
    left, live."""

    def __init__(self, button: QPushButton, message: MessageLine, lang: str | None,
                 clock: Clock = time.monotonic, parent: QObject | None = None) -> None:
        super().__init__(parent or button)
        self.button, self.message = button, message
        self.lang = normalise_lang(lang)
        self.busy = False
        self.countdown = Countdown(clock, self)
        self.countdown.changed.connect(self._show_wait)
        self.countdown.finished.connect(self._wait_over)

    @property
    def waiting(self) -> bool:
        return self.countdown.active

    def begin(self) -> bool:
        """Mark a task as started; False when the button may not be used now."""
        if self.busy or self.waiting:
            return False
        self.busy = True
        self.message.clear_message()
        self._update()
        return True

    def end(self) -> None:
        self.busy = False
        self._update()

    def refused(self, error: AccountError | None) -> None:
        """Show why a check was refused; ``LOGIN_WAIT`` starts the countdown."""
        self.busy = False
        if error is None:
            self.message.clear_message()
        elif error.code == "LOGIN_WAIT":
            seconds = error.params.get("seconds", 0)
            self.countdown.start(int(seconds) if isinstance(seconds, int | float) else 0)
        else:
            self.message.say(error.message(self.lang))
        self._update()

    def reset(self) -> None:
        """Another account was chosen: its delay (if any) is not this one's."""
        if self.waiting:
            self.countdown.timer.stop()
            self.message.clear_message()
        self._update()

    def _show_wait(self, seconds: int) -> None:
        self.message.say(AccountError("LOGIN_WAIT", seconds=seconds).message(self.lang))
        self._update()

    def _wait_over(self) -> None:
        self.message.clear_message()
        self._update()

    def _update(self) -> None:
        self.button.setEnabled(not self.busy and not self.waiting)


class ApproverBox(QGroupBox):
    """Who approves an action: the current account itself when it is a Kepala Desa (it types
    its own password again), else a Kepala Desa picked from the active ones + their password."""

    def __init__(self, current_username: str, current_is_approver: bool,
                 approvers: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        """``approvers``: (username, display name) of the active Kepala Desa accounts."""
        super().__init__(parent)
        self.self_approves = current_is_approver
        self.current_username = current_username
        self.password = password_edit()
        form = QFormLayout(self)
        self.picker = QComboBox()
        mark_data_text(self.picker)
        self.typed = QLineEdit()
        self.typed.setMaxLength(32)
        if current_is_approver:
            self.setTitle(QCoreApplication.translate("Accounts", "Confirm with your password"))
            label = QLabel(QCoreApplication.translate("Accounts", "Your pass&word:"))
            self.picker.hide()
        else:
            self.setTitle(QCoreApplication.translate(
                "Accounts", "Approval by the Kepala Desa"))
            for username, name in approvers:
                self.picker.addItem(name, username)
            if approvers:
                picker_label = QLabel(QCoreApplication.translate("Accounts", "&Kepala Desa:"))
                field: QWidget = self.picker
            else:  # the accounts are not listed: the Kepala Desa types the username
                picker_label = QLabel(QCoreApplication.translate(
                    "Accounts", "Kepala Desa's &username:"))
                field = self.typed
                self.picker.hide()
            picker_label.setBuddy(field)
            form.addRow(picker_label, field)
            label = QLabel(QCoreApplication.translate("Accounts", "Kepala Desa's pass&word:"))
        label.setBuddy(self.password)
        form.addRow(label, self.password)

    def approver(self) -> str:
        if self.self_approves:
            return self.current_username
        if self.picker.count() == 0:
            return self.typed.text().strip().lower()
        return str(self.picker.currentData() or "")

    def approver_password(self) -> str:
        return self.password.text()


class RecoveryCodeDialog(QDialog):
    """The Kepala Desa's new recovery code, shown once. It closes only after "I have written
    this code down" is ticked."""

    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("Accounts", "Recovery code"))
        explain = QLabel(QCoreApplication.translate(
            "Accounts", "Write this code down and keep it somewhere safe, away from the "
            "laptop. With it the Kepala Desa can set a new password when the old one is "
            "forgotten. It is shown only now; the old code no longer works."))
        explain.setWordWrap(True)
        self.code = QLabel(code)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setWeight(QFont.Weight.Bold)
        self.code.setFont(font)
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code.setStyleSheet("padding: 12px; border: 1px solid palette(mid);")
        mark_data_text(self.code)
        self.noted = QCheckBox(QCoreApplication.translate(
            "Accounts", "I have &written this code down"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        self.noted.toggled.connect(self.ok.setEnabled)
        self.buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.code)
        layout.addWidget(self.noted)
        layout.addWidget(self.buttons)
        explain.setMinimumWidth(max(self.code.sizeHint().width() + 40,
                                    self.fontMetrics().averageCharWidth() * 56))
        self.noted.setFocus()

    def done(self, result: int) -> None:
        if self.noted.isChecked():
            super().done(result)


def show_recovery_code(parent: QWidget | None, code: str) -> None:
    RecoveryCodeDialog(code, parent).exec()
