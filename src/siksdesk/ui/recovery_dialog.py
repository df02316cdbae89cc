"""A forgotten password: an operator's is reset by a Kepala Desa (their username and password +
a temporary password the operator must change at the next login); a Kepala Desa's is recovered
with the recovery code, after which the new code is shown once."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from siksdesk.domain.accounts import (
    RECOVERY_GROUP_SIZE,
    RECOVERY_GROUPS,
    AccountError,
    AccountRole,
)
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

    from siksdesk.services.accounts import AccountRow, Created


class RecoveryDialog(QDialog):
    """``account``: the account picked in the login dialog (its role decides the way); None
    when the username was typed — then the person says which way applies. ``outcome`` is the
    confirmation for the login dialog after ``accept``."""

    def __init__(self, sessions: sessionmaker[Session], runner: Runner, *,
                 account: AccountRow | None, username: str,
                 approvers: Sequence[tuple[str, str]], lang: str | None = "id",
                 clock: Clock = time.monotonic, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sessions, self.runner = sessions, runner
        self.lang = normalise_lang(lang)
        self.account = account
        self.outcome = ""
        self.setWindowTitle(QCoreApplication.translate("Recovery", "Forgotten password"))
        self._build(username, approvers)
        self.gate = WaitGate(self.save_button, self.message, self.lang, clock, self)
        head = account.role is AccountRole.KEPALA_DESA if account else False
        (self.by_code if head else self.by_head).setChecked(True)
        self._mode_changed()

    def _build(self, username: str, approvers: Sequence[tuple[str, str]]) -> None:
        self.by_head = QRadioButton(QCoreApplication.translate("Recovery", "I am an &operator"))
        self.by_code = QRadioButton(QCoreApplication.translate("Recovery",
                                                               "I am the Kepala &Desa"))
        group = QButtonGroup(self)
        group.addButton(self.by_head)
        group.addButton(self.by_code)
        self.by_head.toggled.connect(self._mode_changed)
        self.who = QLabel()
        mark_data_text(self.who)
        self.username = QLineEdit(username)
        self.username.setMaxLength(32)
        form = QFormLayout()
        if self.account is None:
            form.addRow(self.by_head)
            form.addRow(self.by_code)
            form.addRow(QCoreApplication.translate("Recovery", "Your &username:"), self.username)
        else:
            self.who.setText(account_text(self.account.display_name, self.account.role,
                                          self.lang))
            form.addRow(QCoreApplication.translate("Recovery", "Account:"), self.who)
        self.head_box = ApproverBox("", False, approvers)
        self.code_box = QGroupBox(QCoreApplication.translate("Recovery", "Recovery code"))
        self.code = QLineEdit()
        self.code.setPlaceholderText("-".join("X" * RECOVERY_GROUP_SIZE
                                              for _ in range(RECOVERY_GROUPS)))
        self.code.setMaxLength(64)
        code_form = QFormLayout(self.code_box)
        code_label = QLabel(QCoreApplication.translate("Recovery", "Re&covery code:"))
        code_label.setBuddy(self.code)
        code_form.addRow(code_label, self.code)
        self.new_password, self.repeat = password_edit(), password_edit()
        self.new_label = QLabel()
        self.new_label.setBuddy(self.new_password)
        repeat_label = QLabel(QCoreApplication.translate("Recovery", "&Repeat it:"))
        repeat_label.setBuddy(self.repeat)
        password_form = QFormLayout()
        password_form.addRow(self.new_label, self.new_password)
        password_form.addRow(repeat_label, self.repeat)
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.message = MessageLine()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        assert isinstance(save, QPushButton)
        self.save_button = save
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.explain)
        layout.addWidget(self.head_box)
        layout.addWidget(self.code_box)
        layout.addLayout(password_form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 72)

    @property
    def with_code(self) -> bool:
        return self.by_code.isChecked()

    def _mode_changed(self) -> None:
        code = self.with_code
        self.head_box.setVisible(not code)
        self.code_box.setVisible(code)
        if code:
            self.explain.setText(QCoreApplication.translate(
                "Recovery", "Type the recovery code you wrote down when the account was made "
                "(or at the last recovery), and choose a new password. A new recovery code "
                "replaces the old one."))
            self.new_label.setText(QCoreApplication.translate("Recovery", "&New password:"))
        else:
            self.explain.setText(QCoreApplication.translate(
                "Recovery", "The Kepala Desa confirms with their own password and gives you a "
                "temporary password. You choose your own at the next login."))
            self.new_label.setText(QCoreApplication.translate(
                "Recovery", "&Temporary password:"))
        self.gate.reset()
        self._focus_first()

    def _focus_first(self) -> None:
        if self.account is None and not self.username.text():
            self.username.setFocus()
        elif self.with_code:
            self.code.setFocus()
        elif self.head_box.picker.count() == 0 and not self.head_box.self_approves:
            self.head_box.typed.setFocus()
        else:
            self.head_box.password.setFocus()

    def target_username(self) -> str:
        if self.account is not None:
            return self.account.username
        return self.username.text().strip().lower()

    # -- saving ---------------------------------------------------------------------------------
    def save(self) -> None:
        if self.new_password.text() != self.repeat.text():
            self.message.say(AccountError("PASSWORDS_DIFFER").message(self.lang))
            self.repeat.selectAll()
            self.repeat.setFocus()
            return
        if not self.gate.begin():
            return
        if self.with_code:
            self._recover()
        else:
            self._reset()

    def _reset(self) -> None:
        sessions, username, new = self.sessions, self.target_username(), \
            self.new_password.text()
        approver, approver_password = self.head_box.approver(), \
            self.head_box.approver_password()

        def call() -> AccountRow:
            from siksdesk.services.accounts import reset_password

            return reset_password(sessions, approver=approver,
                                  approver_password=approver_password, username=username,
                                  new_password=new)

        run_account_call(self.runner, call, self._was_reset, self._refused, owner=self)

    def _was_reset(self, _account: AccountRow) -> None:
        self.gate.end()
        self.outcome = QCoreApplication.translate(
            "Recovery", "The temporary password is set. Log in with it; you will then choose "
            "your own password.")
        self.accept()

    def _recover(self) -> None:
        sessions, username, new, code = self.sessions, self.target_username(), \
            self.new_password.text(), self.code.text()

        def call() -> Created:
            from siksdesk.services.accounts import recover_approver

            return recover_approver(sessions, username=username, recovery_code=code,
                                    new_password=new)

        run_account_call(self.runner, call, self._recovered, self._refused, owner=self)

    def _recovered(self, created: Created) -> None:
        self.gate.end()
        if created.recovery_code:
            show_recovery_code(self, created.recovery_code)
        self.outcome = QCoreApplication.translate(
            "Recovery", "Your new password is set. Log in with it.")
        self.accept()

    def _refused(self, error: AccountError | None) -> None:
        self.gate.refused(error)
        if error is not None and error.code in ("PASSWORD_SHORT", "PASSWORD_IS_USERNAME"):
            self.new_password.selectAll()
            self.new_password.setFocus()
