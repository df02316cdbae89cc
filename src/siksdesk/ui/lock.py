"""The screen lock: after ``minutes`` without keyboard or mouse input (or at once with
``lock_now``, Ctrl+L) every visible window is hidden and a lock dialog asks for the password of
the account that is working — or "Switch user", a full login as another account.
``unlocked(account)`` says who works from then on; the hidden windows come back as they were.

A dialog that runs its own modal loop (``exec``) cannot be hidden without ending that loop (Qt
ends it on hide), so it is covered by an opaque curtain instead. Nothing is blocked: background
tasks keep running and deliver their results to the hidden windows.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from siksdesk.domain.accounts import AccountError
from siksdesk.ui.account_parts import (
    Clock,
    MessageLine,
    WaitGate,
    password_edit,
    run_account_call,
)
from siksdesk.ui.i18n import normalise_lang
from siksdesk.ui.pseudo import mark_data_text
from siksdesk.ui.tasks import Runner

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from siksdesk.services.accounts import AccountRow

MIN_MINUTES = 1
_INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
})
_WINDOW_TYPES = (Qt.WindowType.Window, Qt.WindowType.Dialog)


class LockDialog(QDialog):
    """"Locked — name", the password, Unlock or Switch user. It cannot be closed otherwise;
    ``unlocked_as(account)`` when one of the two succeeds."""

    unlocked_as = Signal(object)

    def __init__(self, lock: IdleLock) -> None:
        super().__init__(None)
        self.lock = lock
        self.lang = lock.lang
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowTitle(QCoreApplication.translate("Lock", "siksdesk — locked"))
        title = QLabel(QCoreApplication.translate("Lock", "Locked"))
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        self.who = QLabel()
        who_font = QFont(self.font())
        who_font.setPointSizeF(who_font.pointSizeF() * 1.2)
        self.who.setFont(who_font)
        mark_data_text(self.who)
        explain = QLabel(QCoreApplication.translate(
            "Lock", "The screen was locked to protect the households' data. Type your "
            "password to go on where you were."))
        explain.setWordWrap(True)
        self.password = password_edit()
        password_label = QLabel(QCoreApplication.translate("Lock", "&Password:"))
        password_label.setBuddy(self.password)
        form = QFormLayout()
        form.addRow(password_label, self.password)
        self.message = MessageLine()
        self.unlock_button = QPushButton(QCoreApplication.translate("Lock", "&Unlock"))
        self.unlock_button.setDefault(True)
        self.switch_button = QPushButton(QCoreApplication.translate("Lock", "&Switch user…"))
        self.switch_button.setAutoDefault(False)
        self.unlock_button.clicked.connect(self.unlock)
        self.switch_button.clicked.connect(self.switch_user)
        self.gate = WaitGate(self.unlock_button, self.message, self.lang, lock.clock, self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.switch_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.who)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 56)
        QWidget.setTabOrder(self.password, self.unlock_button)
        QWidget.setTabOrder(self.unlock_button, self.switch_button)

    def prepare(self, account: AccountRow) -> None:
        self.who.setText(account.display_name)
        self.password.clear()
        self.message.clear_message()
        self.gate.reset()
        self.password.setFocus()

    def unlock(self) -> None:
        password = self.password.text()
        if not password or not self.gate.begin():
            return
        sessions, username = self.lock.sessions, self.lock.account.username

        def call() -> AccountRow:
            from siksdesk.services.accounts import check_password

            return check_password(sessions, username, password)

        run_account_call(self.lock.runner, call, self._checked, self._refused, owner=self)

    def _checked(self, account: AccountRow) -> None:
        self.gate.end()
        self.password.clear()
        self.unlocked_as.emit(account)

    def _refused(self, error: AccountError | None) -> None:
        self.gate.refused(error)
        self.password.selectAll()
        self.password.setFocus()

    def switch_user(self) -> None:
        from siksdesk.ui.login_dialog import LoginDialog

        lock = self.lock
        dialog = LoginDialog(lock.sessions, lock.runner, training=lock.training,
                             village_name=lock.village_name, parent=self, lang=self.lang,
                             clock=lock.clock)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        account = dialog.account
        dialog.deleteLater()
        if accepted and account is not None:
            self.password.clear()
            self.unlocked_as.emit(account)

    # Only unlocking ends the lock: Escape and the window's close button do nothing.
    def reject(self) -> None:
        pass

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()


class _Curtain(QWidget):
    """An opaque cover over a window that cannot be hidden (it runs a modal loop)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setAutoFillBackground(True)
        self.setGeometry(window.rect())
        self.raise_()
        self.show()


class IdleLock(QObject):
    """Counts keyboard and mouse input application-wide and locks after ``minutes`` without
    any. ``locked`` when the lock shows; ``unlocked(account)`` when it ends (``account`` may
    differ from the one before: a user switch)."""

    locked = Signal()
    unlocked = Signal(object)

    def __init__(self, window: QMainWindow, sessions: sessionmaker[Session], runner: Runner,
                 account: AccountRow, *, minutes: int, lang: str | None = "id",
                 training: bool = False, village_name: str = "",
                 clock: Clock = time.monotonic) -> None:
        super().__init__(window)
        self.window, self.sessions, self.runner = window, sessions, runner
        self.account, self.lang = account, normalise_lang(lang)
        self.training, self.village_name = training, village_name
        self.clock = clock
        self.seconds = MIN_MINUTES * 60
        self._last_input = clock()
        self._hidden: list[QWidget] = []
        self._curtains: list[_Curtain] = []
        self._active: QWidget | None = None
        self.dialog: LockDialog | None = None
        self._locked = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.check_idle)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self.set_minutes(minutes)

    @property
    def is_locked(self) -> bool:
        return self._locked

    def set_minutes(self, minutes: int) -> None:
        self.seconds = max(MIN_MINUTES, int(minutes)) * 60
        if not self.is_locked:
            self._schedule(self.seconds - (self.clock() - self._last_input))

    def stop(self) -> None:
        """No more locking (the app is closing, or a test is over)."""
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def _schedule(self, seconds: float) -> None:
        self.timer.start(max(50, int(seconds * 1000)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _INPUT_EVENTS:
            self._last_input = self.clock()
        elif kind == QEvent.Type.Show and self.is_locked:
            self._hide_newcomer(watched)
        return False

    def check_idle(self) -> None:
        if self.is_locked:
            return
        idle = self.clock() - self._last_input
        if idle >= self.seconds:
            self.lock_now()
        else:
            self._schedule(self.seconds - idle)

    # -- locking --------------------------------------------------------------------------------
    def lock_now(self) -> None:
        if self.is_locked:
            return
        self._locked = True
        self.timer.stop()
        while (popup := QApplication.activePopupWidget()) is not None:
            popup.close()
        self._active = QApplication.activeWindow()
        if self.dialog is None:
            self.dialog = LockDialog(self)
            self.dialog.unlocked_as.connect(self._unlock)
        for widget in QApplication.topLevelWidgets():
            if widget is self.dialog or not widget.isVisible() \
                    or widget.windowType() not in _WINDOW_TYPES:
                continue
            if widget.isModal():
                self._curtains.append(_Curtain(widget))
            else:
                widget.hide()
                self._hidden.append(widget)
        self.dialog.prepare(self.account)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        self.locked.emit()

    def _hide_newcomer(self, watched: QObject) -> None:
        """A window that opens while locked (a task finished and shows its result) is hidden
        too and comes back with the others; a modal one is left alone (hiding would end it)."""
        if not isinstance(watched, QWidget) or not watched.isWindow() \
                or watched.windowType() not in _WINDOW_TYPES or watched.isModal():
            return
        dialog = self.dialog
        parent: QWidget | None = watched
        while parent is not None:
            if parent is dialog:
                return  # the lock dialog's own login/recovery dialogs
            parent = parent.parentWidget()
        if watched not in self._hidden:
            self._hidden.append(watched)
        QTimer.singleShot(0, lambda: self._locked and shiboken6.isValid(watched)
                          and watched.hide())

    def _unlock(self, account: AccountRow) -> None:
        # The windows come back before the lock dialog goes: the application must never be
        # left without a visible window (it would quit).
        self._locked = False
        for widget in self._hidden:
            if shiboken6.isValid(widget):  # a window may have been deleted meanwhile
                widget.show()
        for cover in self._curtains:
            if shiboken6.isValid(cover):
                cover.hide()
                cover.deleteLater()
        self._hidden, self._curtains = [], []
        if self.dialog is not None:
            self.dialog.hide()
        active, self._active = self._active, None
        if active is not None and shiboken6.isValid(active) and active.isVisible():
            active.raise_()
            active.activateWindow()
        self.account = account
        self._last_input = self.clock()
        self._schedule(self.seconds)
        self.unlocked.emit(account)
