"""The small forms of the accounts dialog. Each checks a password through the accounts service
on the runner; a refusal stays in the form with its message (``LOGIN_WAIT`` as a countdown)."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from siksdesk.domain.accounts import MIN_PASSWORD, AccountError, AccountRole
from siksdesk.ui.account_parts import (
    ApproverBox,
    Clock,
    MessageLine,
    WaitGate,
    account_text,
    password_edit,
    run_account_call,
    show_recovery_code,
)
from siksdesk.ui.i18n import normalise_lang
from siksdesk.ui.pseudo import mark_data_text
from siksdesk.ui.tasks import Runner

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from siksdesk.services.accounts import AccountRow

Call = Callable[[], Any]


class AccountForm(QDialog):
    """Intro text, a form, optionally the approver box, a message line and OK/Cancel. A
    subclass sets its texts (``set_texts``), returns the service call from ``make_call``
    (None: refused locally) and may override ``succeeded``; ``result_value`` holds the call's
    result after ``accept``."""

    def __init__(self, sessions: sessionmaker[Session], runner: Runner, current: AccountRow, *,
                 approvers: Sequence[tuple[str, str]], lang: str | None, clock: Clock,
                 parent: QWidget | None, needs_approver: bool) -> None:
        super().__init__(parent)
        self.sessions, self.runner, self.current = sessions, runner, current
        self.lang = normalise_lang(lang)
        self.result_value: Any = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.form = QFormLayout()
        self.approver_box = ApproverBox(current.username, current.is_approver, approvers) \
            if needs_approver else None
        self.message = MessageLine()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert isinstance(ok, QPushButton)
        self.ok_button = ok
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.gate = WaitGate(ok, self.message, self.lang, clock, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        if self.approver_box is not None:
            layout.addWidget(self.approver_box)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)

    def set_texts(self, title: str, intro: str, ok_text: str) -> None:
        self.setWindowTitle(title)
        self.intro.setText(intro)
        self.ok_button.setText(ok_text)

    def add_row(self, text: str, field: QWidget) -> None:
        label = QLabel(text)
        label.setBuddy(field)
        self.form.addRow(label, field)

    def approval(self) -> tuple[str, str]:
        assert self.approver_box is not None
        return self.approver_box.approver(), self.approver_box.approver_password()

    def refuse(self, code: str, focus: QLineEdit | None = None) -> None:
        self.message.say(AccountError(code).message(self.lang))
        if focus is not None:
            focus.selectAll()
            focus.setFocus()

    def make_call(self) -> Call | None:
        raise NotImplementedError

    def submit(self) -> None:
        call = self.make_call()
        if call is None or not self.gate.begin():
            return
        run_account_call(self.runner, call, self._succeeded, self._refused, owner=self)

    def _succeeded(self, value: Any) -> None:
        self.gate.end()
        self.result_value = value
        self.succeeded(value)
        self.accept()

    def succeeded(self, value: Any) -> None:
        """After a successful call, before the dialog closes."""

    def _refused(self, error: AccountError | None) -> None:
        self.gate.refused(error)
        if self.approver_box is not None and error is not None and error.code in (
                "LOGIN_FAILED", "APPROVER_NEEDED", "ACCOUNT_DISABLED"):
            self.approver_box.password.selectAll()
            self.approver_box.password.setFocus()


class AddAccountDialog(AccountForm):
    def __init__(self, *, sessions: sessionmaker[Session], runner: Runner, current: AccountRow,
                 approvers: Sequence[tuple[str, str]], lang: str | None,
                 clock: Clock = time.monotonic, parent: QWidget | None = None) -> None:
        super().__init__(sessions, runner, current, approvers=approvers, lang=lang,
                         clock=clock, parent=parent, needs_approver=True)
        self.set_texts(
            QCoreApplication.translate("Accounts", "Add account"),
            QCoreApplication.translate(
                "Accounts", "A new account for an operator or a Kepala Desa. The password needs "
                "at least {minimum} characters. A Kepala Desa account gets a recovery code, "
                "shown once.").format(minimum=MIN_PASSWORD),
            QCoreApplication.translate("Accounts", "Add"))
        self.display_name, self.username = QLineEdit(), QLineEdit()
        self.display_name.setMaxLength(80)
        self.username.setMaxLength(32)
        self.username.setPlaceholderText(QCoreApplication.translate("Accounts", "e.g. siti"))
        self.role = QComboBox()
        for role in AccountRole:
            self.role.addItem(role.label(self.lang), role.value)
        mark_data_text(self.role)
        self.password, self.repeat = password_edit(), password_edit()
        self.add_row(QCoreApplication.translate("Accounts", "&Full name:"), self.display_name)
        self.add_row(QCoreApplication.translate("Accounts", "&Username:"), self.username)
        self.add_row(QCoreApplication.translate("Accounts", "R&ole:"), self.role)
        self.add_row(QCoreApplication.translate("Accounts", "&Password:"), self.password)
        self.add_row(QCoreApplication.translate("Accounts", "Re&peat the password:"),
                     self.repeat)
        self.display_name.setFocus()

    def make_call(self) -> Call | None:
        from siksdesk.services.accounts import NewAccount, create_account

        if self.password.text() != self.repeat.text():
            self.refuse("PASSWORDS_DIFFER", self.repeat)
            return None
        new = NewAccount(username=self.username.text(), display_name=self.display_name.text(),
                         role=AccountRole(self.role.currentData()),
                         password=self.password.text())
        approver, password = self.approval()
        sessions = self.sessions
        return lambda: create_account(sessions, new, approver=approver,
                                      approver_password=password)

    def succeeded(self, value: Any) -> None:
        if value.recovery_code:
            show_recovery_code(self, value.recovery_code)


class ResetPasswordDialog(AccountForm):
    def __init__(self, *, target: AccountRow, sessions: sessionmaker[Session], runner: Runner,
                 current: AccountRow, approvers: Sequence[tuple[str, str]], lang: str | None,
                 clock: Clock = time.monotonic, parent: QWidget | None = None) -> None:
        super().__init__(sessions, runner, current, approvers=approvers, lang=lang,
                         clock=clock, parent=parent, needs_approver=True)
        self.set_texts(
            QCoreApplication.translate("Accounts", "Reset password"),
            QCoreApplication.translate(
                "Accounts", "Set a temporary password for {account}. Tell it to the operator; "
                "they must choose their own at the next login.").format(
                    account=account_text(target.display_name, target.role, lang)),
            QCoreApplication.translate("Accounts", "Reset"))
        self.target = target
        self.password, self.repeat = password_edit(), password_edit()
        self.add_row(QCoreApplication.translate("Accounts", "&Temporary password:"),
                     self.password)
        self.add_row(QCoreApplication.translate("Accounts", "Re&peat it:"), self.repeat)
        self.password.setFocus()

    def make_call(self) -> Call | None:
        from siksdesk.services.accounts import reset_password

        if self.password.text() != self.repeat.text():
            self.refuse("PASSWORDS_DIFFER", self.repeat)
            return None
        approver, approver_password = self.approval()
        sessions, username, new = self.sessions, self.target.username, self.password.text()
        return lambda: reset_password(sessions, approver=approver,
                                      approver_password=approver_password, username=username,
                                      new_password=new)


class DisableDialog(AccountForm):
    def __init__(self, *, target: AccountRow, sessions: sessionmaker[Session], runner: Runner,
                 current: AccountRow, approvers: Sequence[tuple[str, str]], lang: str | None,
                 clock: Clock = time.monotonic, parent: QWidget | None = None) -> None:
        super().__init__(sessions, runner, current, approvers=approvers, lang=lang,
                         clock=clock, parent=parent, needs_approver=True)
        name = account_text(target.display_name, target.role, lang)
        if target.disabled:
            self.set_texts(
                QCoreApplication.translate("Accounts", "Enable account"),
                QCoreApplication.translate(
                    "Accounts", "{account} can log in again after this.").format(account=name),
                QCoreApplication.translate("Accounts", "Enable"))
        else:
            self.set_texts(
                QCoreApplication.translate("Accounts", "Disable account"),
                QCoreApplication.translate(
                    "Accounts", "{account} can no longer log in until the account is enabled "
                    "again. Nothing they saved is removed.").format(account=name),
                QCoreApplication.translate("Accounts", "Disable"))
        self.target = target
        assert self.approver_box is not None
        self.approver_box.password.setFocus()

    def make_call(self) -> Call | None:
        from siksdesk.services.accounts import set_disabled

        approver, approver_password = self.approval()
        sessions, username, disabled = self.sessions, self.target.username, \
            not self.target.disabled
        return lambda: set_disabled(sessions, approver=approver,
                                    approver_password=approver_password, username=username,
                                    disabled=disabled)


class RecoveryCodeRequest(AccountForm):
    """A new recovery code for the current Kepala Desa (their password first)."""

    def __init__(self, *, sessions: sessionmaker[Session], runner: Runner, current: AccountRow,
                 approvers: Sequence[tuple[str, str]], lang: str | None,
                 clock: Clock = time.monotonic, parent: QWidget | None = None) -> None:
        super().__init__(sessions, runner, current, approvers=approvers, lang=lang,
                         clock=clock, parent=parent, needs_approver=True)
        self.set_texts(
            QCoreApplication.translate("Accounts", "New recovery code"),
            QCoreApplication.translate(
                "Accounts", "A new recovery code replaces the old one, which then no longer "
                "works. Have paper and pen ready."),
            QCoreApplication.translate("Accounts", "Make the code"))
        assert self.approver_box is not None
        self.approver_box.password.setFocus()

    def make_call(self) -> Call | None:
        from siksdesk.services.accounts import new_recovery_code_for

        _approver, password = self.approval()
        sessions, username = self.sessions, self.current.username
        return lambda: new_recovery_code_for(sessions, username=username, password=password)

    def succeeded(self, value: Any) -> None:
        show_recovery_code(self, str(value))


class ChangePasswordDialog(AccountForm):
    def __init__(self, sessions: sessionmaker[Session], runner: Runner, account: AccountRow,
                 lang: str | None, *, forced: bool, current_password: str | None,
                 clock: Clock = time.monotonic, parent: QWidget | None = None) -> None:
        super().__init__(sessions, runner, account, approvers=(), lang=lang, clock=clock,
                         parent=parent, needs_approver=False)
        if forced:
            intro = QCoreApplication.translate(
                "Accounts", "{name}, your password was set by the Kepala Desa. Choose your own "
                "password now (at least {minimum} characters); only you should know it.")
        else:
            intro = QCoreApplication.translate(
                "Accounts", "A new password for {name} (at least {minimum} characters).")
        self.set_texts(QCoreApplication.translate("Accounts", "Change password"),
                       intro.format(name=account.display_name, minimum=MIN_PASSWORD),
                       QCoreApplication.translate("Accounts", "Change"))
        self.forced = forced
        self.current_password = password_edit()
        self.password, self.repeat = password_edit(), password_edit()
        if current_password is None:
            self.add_row(QCoreApplication.translate("Accounts", "C&urrent password:"),
                         self.current_password)
        else:  # just typed at login: not asked again
            self.current_password.setParent(self)
            self.current_password.hide()
            self.current_password.setText(current_password)
        self.add_row(QCoreApplication.translate("Accounts", "&New password:"), self.password)
        self.add_row(QCoreApplication.translate("Accounts", "Re&peat the new password:"),
                     self.repeat)
        (self.password if current_password else self.current_password).setFocus()

    def make_call(self) -> Call | None:
        from siksdesk.services.accounts import change_password

        if self.password.text() != self.repeat.text():
            self.refuse("PASSWORDS_DIFFER", self.repeat)
            return None
        if self.forced and self.password.text() == self.current_password.text():
            self.message.say(QCoreApplication.translate(
                "Accounts", "Choose a password different from the temporary one."))
            self.password.selectAll()
            self.password.setFocus()
            return None
        sessions, username = self.sessions, self.current.username
        current, new = self.current_password.text(), self.password.text()
        return lambda: change_password(sessions, username, current, new)

    def _refused(self, error: AccountError | None) -> None:
        super()._refused(error)
        if error is not None and error.code == "LOGIN_FAILED" and not self.forced:
            self.current_password.selectAll()
            self.current_password.setFocus()
