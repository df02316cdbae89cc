"""The login dialog: pick an account (or type a username), type the password, Enter logs in.

Every password check runs on the runner (argon2 ≈70 ms). A refusal during the growing delay
(``LOGIN_WAIT``) shows a live countdown and keeps "Log in" disabled until it ends. An account
whose password was reset must choose a new one before the dialog accepts. In a training village
a coloured hint names the published training accounts and the dialog is pre-filled, so Enter
logs in at once. "Forgot your password?" opens the recovery flow (``recovery_dialog``).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from siksdesk.domain.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, AccountError, AccountRole
from siksdesk.ui.account_parts import (
    Clock,
    MessageLine,
    WaitGate,
    account_text,
    password_edit,
    report,
    run_account_call,
    show_recovery_code,
)
from siksdesk.ui.i18n import normalise_lang
from siksdesk.ui.pseudo import mark_data_text
from siksdesk.ui.tasks import Cancelled, Progress, Runner

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from siksdesk.services.accounts import AccountRow

TRAINING_STYLE = ("background: #fff3cd; color: #533f03; border: 1px solid #e0a800;"
                  " border-radius: 4px; padding: 8px;")
TRAINING_OPERATOR = DEMO_ACCOUNTS[0].username
TRAINING_HEAD = DEMO_ACCOUNTS[1].username


class LoginDialog(QDialog):
    """``account`` holds the logged-in account after ``accept``. ``pick_account=False`` asks
    for a typed username instead of offering the accounts in a list."""

    def __init__(self, sessions: sessionmaker[Session], runner: Runner, *, training: bool,
                 village_name: str, parent: QWidget | None = None, lang: str | None = "id",
                 pick_account: bool = True, clock: Clock = time.monotonic) -> None:
        super().__init__(parent)
        self.sessions, self.runner = sessions, runner
        self.training, self.lang = training, normalise_lang(lang)
        self.account: AccountRow | None = None
        self.accounts: tuple[AccountRow, ...] = ()
        self.setWindowTitle(QCoreApplication.translate("Login", "Log in — siksdesk"))
        self._build(village_name, clock)
        self._use_picker(pick_account)
        if pick_account:
            self._load_accounts()
        else:
            self._prefill()

    # -- layout ---------------------------------------------------------------------------------
    def _build(self, village_name: str, clock: Clock) -> None:
        self.village = QLabel(village_name)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.village.setFont(font)
        self.village.setWordWrap(True)
        mark_data_text(self.village)
        self.training_hint = QLabel(QCoreApplication.translate(
            "Login", "Training village. Log in as <b>{operator}</b> (operator) or <b>{head}</b> "
            "(Kepala Desa) with the password <b>{password}</b>.").format(
                operator=TRAINING_OPERATOR, head=TRAINING_HEAD, password=DEMO_PASSWORD))
        self.training_hint.setWordWrap(True)
        self.training_hint.setStyleSheet(TRAINING_STYLE)
        if not self.training:  # (show() on a widget without parent would open a window)
            self.training_hint.hide()
        self.picker = QComboBox()
        self.picker.setMinimumContentsLength(28)
        mark_data_text(self.picker)
        self.username = QLineEdit()
        self.username.setMaxLength(32)
        self.password = password_edit()
        self.picker_label = QLabel(QCoreApplication.translate("Login", "&Account:"))
        self.picker_label.setBuddy(self.picker)
        self.username_label = QLabel(QCoreApplication.translate("Login", "&Username:"))
        self.username_label.setBuddy(self.username)
        password_label = QLabel(QCoreApplication.translate("Login", "&Password:"))
        password_label.setBuddy(self.password)
        self.form = QFormLayout()
        self.form.addRow(self.picker_label, self.picker)
        self.form.addRow(self.username_label, self.username)
        self.form.addRow(password_label, self.password)
        self.message = MessageLine()
        self.login_button = QPushButton(QCoreApplication.translate("Login", "Log &in"))
        self.login_button.setDefault(True)
        self.cancel_button = QPushButton(QCoreApplication.translate("Login", "Cancel"))
        self.forgot_button = QPushButton(QCoreApplication.translate(
            "Login", "&Forgot your password?"))
        self.forgot_button.setFlat(True)
        self.forgot_button.setAutoDefault(False)
        self.cancel_button.setAutoDefault(False)
        self.login_button.clicked.connect(self.log_in)
        self.cancel_button.clicked.connect(self.reject)
        self.forgot_button.clicked.connect(self.forgot)
        self.picker.currentIndexChanged.connect(self._account_changed)
        self.username.textEdited.connect(self._account_changed)
        self.gate = WaitGate(self.login_button, self.message, self.lang, clock, self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.forgot_button)
        buttons.addStretch(1)
        buttons.addWidget(self.login_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.village)
        layout.addWidget(self.training_hint)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        for first, second in ((self.picker, self.username), (self.username, self.password),
                              (self.password, self.login_button),
                              (self.login_button, self.cancel_button),
                              (self.cancel_button, self.forgot_button)):
            QWidget.setTabOrder(first, second)

    def _use_picker(self, on: bool) -> None:
        self.form.setRowVisible(self.picker, on)
        self.form.setRowVisible(self.username, not on)

    @property
    def picking(self) -> bool:
        return not self.picker.isHidden()

    # -- accounts -------------------------------------------------------------------------------
    def _load_accounts(self) -> None:
        self.picker.setEnabled(False)
        sessions = self.sessions

        def read(_progress: Progress, _cancelled: Cancelled) -> tuple[AccountRow, ...]:
            from siksdesk.db.session import read_session
            from siksdesk.services.accounts import list_accounts

            with read_session(sessions) as session:
                return tuple(a for a in list_accounts(session) if not a.disabled)

        self.runner.run(read, on_result=self._accounts_read, on_error=report)

    def _accounts_read(self, accounts: tuple[AccountRow, ...]) -> None:
        self.accounts = accounts
        self.picker.blockSignals(True)
        self.picker.clear()
        for account in accounts:
            self.picker.addItem(account_text(account.display_name, account.role, self.lang),
                                account.username)
        self.picker.blockSignals(False)
        self.picker.setEnabled(True)
        if not accounts:  # nothing to pick from (should not happen after set-up): type it
            self._use_picker(False)
        self._prefill()

    def _prefill(self) -> None:
        if self.training:
            self.select_username(TRAINING_OPERATOR)
            self.password.setText(DEMO_PASSWORD)
        if self.picking or self.username.text():
            self.password.setFocus()
        else:
            self.username.setFocus()

    def select_username(self, username: str) -> None:
        if self.picking:
            index = self.picker.findData(username)
            if index >= 0:
                self.picker.setCurrentIndex(index)
        else:
            self.username.setText(username)

    def selected_username(self) -> str:
        if self.picking:
            return str(self.picker.currentData() or "")
        return self.username.text().strip().lower()

    def selected_account(self) -> AccountRow | None:
        """The picked account (None when the username is typed: its role is not told)."""
        if not self.picking:
            return None
        username = self.selected_username()
        return next((a for a in self.accounts if a.username == username), None)

    def _account_changed(self) -> None:
        self.gate.reset()  # a delay belongs to one account

    # -- logging in -----------------------------------------------------------------------------
    def log_in(self) -> None:
        username, password = self.selected_username(), self.password.text()
        if not username or not password:
            self.message.say(QCoreApplication.translate(
                "Login", "Choose your account and type your password."))
            self.password.setFocus()
            return
        if not self.gate.begin():
            return
        sessions = self.sessions

        def call() -> AccountRow:
            from siksdesk.services.accounts import log_in

            return log_in(sessions, username, password)

        run_account_call(self.runner, call, lambda account: self._logged_in(account, password),
                         self._refused, owner=self)

    def _refused(self, error: AccountError | None) -> None:
        self.gate.refused(error)
        self.password.selectAll()
        self.password.setFocus()

    def _logged_in(self, account: AccountRow, password: str) -> None:
        self.gate.end()
        if account.must_change_password:
            from siksdesk.ui.accounts_dialog import run_change_password

            changed = run_change_password(self, self.sessions, self.runner, account, self.lang,
                                          forced=True, current_password=password)
            if changed is None:
                self.password.clear()
                self.password.setFocus()
                self.message.say(QCoreApplication.translate(
                    "Login", "Your password was reset: choose a new one to log in."))
                return
            account = changed
        self.account = account
        self.password.clear()
        if account.is_approver and account.needs_recovery_code and not self.training:
            self._offer_recovery_code(account, password)
        else:
            self.accept()

    def _offer_recovery_code(self, account: AccountRow, password: str) -> None:
        answer = QMessageBox.question(
            self, QCoreApplication.translate("Login", "Recovery code"),
            QCoreApplication.translate(
                "Login", "Your account has no recovery code yet. Without one, a forgotten "
                "Kepala Desa password cannot be reset. Make one now?"))
        if answer != QMessageBox.StandardButton.Yes:
            self.accept()
            return
        sessions, username = self.sessions, account.username

        def call() -> str:
            from siksdesk.services.accounts import new_recovery_code_for

            return new_recovery_code_for(sessions, username=username, password=password)

        def made(code: str) -> None:
            show_recovery_code(self, code)
            self.accept()

        def refused(error: AccountError | None) -> None:
            if error is not None:
                QMessageBox.warning(self, QCoreApplication.translate("Login", "Recovery code"),
                                    error.message(self.lang))
            self.accept()

        run_account_call(self.runner, call, made, refused, owner=self)

    # -- forgotten password ------------------------------------------------------------------------
    def forgot(self) -> None:
        from siksdesk.ui.recovery_dialog import RecoveryDialog

        picked = self.selected_account()
        approvers = [(a.username, a.display_name) for a in self.accounts
                     if a.role is AccountRole.KEPALA_DESA]
        dialog = RecoveryDialog(self.sessions, self.runner, account=picked,
                                username=self.selected_username(), approvers=approvers,
                                lang=self.lang, clock=self.gate.countdown.clock, parent=self)
        if dialog.exec():
            self.gate.reset()
            self.password.clear()
            self.password.setFocus()
            self.message.say(dialog.outcome, error=False)


def ask_login(sessions: sessionmaker[Session], runner: Runner, *, training: bool,
              village_name: str, parent: QWidget | None = None, lang: str | None = "id",
              pick_account: bool = True) -> AccountRow | None:
    """Ask who is working; None when the dialog was cancelled (the caller quits)."""
    dialog = LoginDialog(sessions, runner, training=training, village_name=village_name,
                         parent=parent, lang=lang, pick_account=pick_account)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    account = dialog.account if accepted else None
    dialog.deleteLater()
    return account
