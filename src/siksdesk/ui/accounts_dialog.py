"""Berkas → User accounts: the accounts of this village with role, last login, whether the
password must be changed and whether the account is disabled; add an account, reset an
operator's password, disable/enable, a new recovery code for the Kepala Desa, change my own
password. Actions that need an approver ask for a Kepala Desa's password (the current account's
own when it is the Kepala Desa). ``run_change_password`` is also the forced change after login.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from siksdesk.domain.accounts import AccountRole
from siksdesk.ui.account_forms import (
    AddAccountDialog,
    ChangePasswordDialog,
    DisableDialog,
    RecoveryCodeRequest,
    ResetPasswordDialog,
)
from siksdesk.ui.account_parts import Clock, MessageLine, report, role_text
from siksdesk.ui.i18n import normalise_lang
from siksdesk.ui.pseudo import mark_data_text
from siksdesk.ui.tasks import Cancelled, Progress, Runner

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from siksdesk.services.accounts import AccountRow

AnyIndex = QModelIndex | QPersistentModelIndex
NAME, USERNAME, ROLE, LAST_LOGIN, MUST_CHANGE, STATUS = range(6)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


def local_time(moment: datetime | None) -> str:
    """A stored UTC moment as local "dd-mm-yyyy HH:MM" ("—" for never)."""
    if moment is None:
        return "—"
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone().strftime("%d-%m-%Y %H:%M")


class AccountsModel(QAbstractTableModel):
    """One row per account (a handful: a full reset on reload is fine)."""

    def __init__(self, lang: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = normalise_lang(lang)
        self.rows: tuple[AccountRow, ...] = ()

    def set_rows(self, rows: tuple[AccountRow, ...]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def row_at(self, row: int) -> AccountRow:
        return self.rows[row]

    def row_of(self, username: str) -> int | None:
        return next((n for n, a in enumerate(self.rows) if a.username == username), None)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else STATUS + 1

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section <= STATUS:
            return None
        return (QCoreApplication.translate("Accounts", "Name"),
                QCoreApplication.translate("Accounts", "Username"),
                QCoreApplication.translate("Accounts", "Role"),
                QCoreApplication.translate("Accounts", "Last login"),
                QCoreApplication.translate("Accounts", "Must change password"),
                QCoreApplication.translate("Accounts", "Status"))[section]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        account, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(account, column)
        if role == SORT_ROLE:
            return self._value(account, column)
        if role == Qt.ItemDataRole.ForegroundRole and account.disabled:
            return self._muted()
        return None

    def _text(self, account: AccountRow, column: int) -> str | None:
        if column == NAME:
            return account.display_name
        if column == USERNAME:
            return account.username
        if column == ROLE:
            return role_text(account.role, self.lang)
        if column == LAST_LOGIN:
            return local_time(account.last_login_at)
        if column == MUST_CHANGE:
            return (QCoreApplication.translate("Accounts", "Yes")
                    if account.must_change_password else "")
        if column == STATUS:
            return (QCoreApplication.translate("Accounts", "Disabled") if account.disabled
                    else QCoreApplication.translate("Accounts", "Active"))
        return None

    @staticmethod
    def _value(account: AccountRow, column: int) -> object:
        return (account.display_name, account.username, account.role.value,
                account.last_login_at.isoformat() if account.last_login_at else "",
                account.must_change_password, account.disabled)[column]

    @staticmethod
    def _muted() -> Any:
        from PySide6.QtGui import QGuiApplication, QPalette

        return QGuiApplication.palette().brush(QPalette.ColorGroup.Disabled,
                                               QPalette.ColorRole.Text)


class AccountsDialog(QDialog):
    def __init__(self, sessions: sessionmaker[Session], runner: Runner, current: AccountRow,
                 lang: str | None = "id", parent: QWidget | None = None,
                 clock: Clock = time.monotonic) -> None:
        super().__init__(parent)
        self.sessions, self.runner, self.current = sessions, runner, current
        self.lang, self.clock = normalise_lang(lang), clock
        self.setWindowTitle(QCoreApplication.translate("Accounts", "User accounts"))
        self.model = AccountsModel(self.lang, self)
        self._build()
        self.reload()

    def _build(self) -> None:
        self.me = QLabel()
        self.me.setWordWrap(True)
        mark_data_text(self.me)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.recovery_note = MessageLine()
        self.message = MessageLine()
        self.add_button = QPushButton(QCoreApplication.translate("Accounts", "&Add account…"))
        self.reset_button = QPushButton(
            QCoreApplication.translate("Accounts", "&Reset password…"))
        self.disable_button = QPushButton(QCoreApplication.translate("Accounts", "&Disable…"))
        self.code_button = QPushButton(
            QCoreApplication.translate("Accounts", "New re&covery code…"))
        self.change_button = QPushButton(
            QCoreApplication.translate("Accounts", "&Change my password…"))
        self.add_button.clicked.connect(self.add_account)
        self.reset_button.clicked.connect(self.reset_password)
        self.disable_button.clicked.connect(self.toggle_disabled)
        self.code_button.clicked.connect(self.new_recovery_code)
        self.change_button.clicked.connect(self.change_my_password)
        actions = QVBoxLayout()
        for button in (self.add_button, self.reset_button, self.disable_button,
                       self.code_button, self.change_button):
            button.setAutoDefault(False)
            actions.addWidget(button)
        actions.addStretch(1)
        if not self.current.is_approver:  # (show() on a widget without parent opens a window)
            self.code_button.hide()
        middle = QHBoxLayout()
        middle.addWidget(self.table, 1)
        middle.addLayout(actions)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.me)
        layout.addWidget(self.recovery_note)
        layout.addLayout(middle, 1)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.resize(self.fontMetrics().averageCharWidth() * 100,
                    self.fontMetrics().height() * 22)

    # -- data -----------------------------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        sessions = self.sessions

        def read(_progress: Progress, _cancelled: Cancelled) -> tuple[AccountRow, ...]:
            from siksdesk.db.session import read_session
            from siksdesk.services.accounts import list_accounts

            with read_session(sessions) as session:
                return list_accounts(session)

        self.runner.run(read, on_result=lambda rows: self._show(rows, select), on_error=report)

    def _show(self, rows: tuple[AccountRow, ...], select: str | None) -> None:
        chosen = self.selected()
        keep = select or (chosen.username if chosen is not None else None)
        self.model.set_rows(rows)
        self.current = next((a for a in rows if a.username == self.current.username),
                            self.current)
        self.me.setText(QCoreApplication.translate(
            "Accounts", "Logged in as {name} ({role}).").format(
                name=self.current.display_name, role=role_text(self.current.role, self.lang)))
        self.recovery_note.setVisible(self.current.needs_recovery_code)
        if self.current.needs_recovery_code:
            self.recovery_note.say(QCoreApplication.translate(
                "Accounts", "Your account has no recovery code yet: make one with \"New "
                "recovery code…\" and write it down."))
        row = self.model.row_of(keep) if keep else None
        self.table.selectRow(row if row is not None else 0)
        self._update_buttons()
        self._fit_table()

    def _fit_table(self) -> None:
        """Wide enough for every column (there are few rows and six short columns)."""
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)  # its length is the columns' own then
        header.resizeSections(QHeaderView.ResizeMode.ResizeToContents)
        width = header.length() + 2 * self.table.frameWidth() \
            + self.table.verticalScrollBar().sizeHint().width()
        header.setStretchLastSection(True)
        self.table.setMinimumWidth(min(width, 1200))

    def selected(self) -> AccountRow | None:
        rows = self.table.selectionModel().selectedRows() if self.table.model() else []
        return self.model.row_at(rows[0].row()) if rows else None

    def approvers(self) -> list[tuple[str, str]]:
        return [(a.username, a.display_name) for a in self.model.rows
                if a.is_approver and not a.disabled]

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.reset_button.setEnabled(chosen is not None and chosen.role is AccountRole.OPERATOR
                                     and not chosen.disabled)
        self.disable_button.setEnabled(chosen is not None
                                       and chosen.username != self.current.username)
        if chosen is not None and chosen.disabled:
            self.disable_button.setText(QCoreApplication.translate("Accounts", "&Enable…"))
        else:
            self.disable_button.setText(QCoreApplication.translate("Accounts", "&Disable…"))

    # -- actions --------------------------------------------------------------------------------
    def _form_args(self) -> dict[str, Any]:
        return {"sessions": self.sessions, "runner": self.runner, "current": self.current,
                "approvers": self.approvers(), "lang": self.lang, "clock": self.clock,
                "parent": self}

    def add_account(self) -> None:
        dialog = AddAccountDialog(**self._form_args())
        if dialog.exec() and dialog.result_value is not None:
            created = dialog.result_value.account
            self._done(QCoreApplication.translate("Accounts", "Account {username} added.")
                       .format(username=created.username), created.username)

    def reset_password(self) -> None:
        target = self.selected()
        if target is None:
            return
        dialog = ResetPasswordDialog(target=target, **self._form_args())
        if dialog.exec():
            self._done(QCoreApplication.translate(
                "Accounts", "A temporary password is set for {username}; it must be changed "
                "at the next login.").format(username=target.username), target.username)

    def toggle_disabled(self) -> None:
        target = self.selected()
        if target is None:
            return
        dialog = DisableDialog(target=target, **self._form_args())
        if dialog.exec():
            text = (QCoreApplication.translate("Accounts", "Account {username} enabled.")
                    if target.disabled else
                    QCoreApplication.translate("Accounts", "Account {username} disabled."))
            self._done(text.format(username=target.username), target.username)

    def new_recovery_code(self) -> None:
        dialog = RecoveryCodeRequest(**self._form_args())
        if dialog.exec():
            self._done(QCoreApplication.translate(
                "Accounts", "A new recovery code is made; the old one no longer works."),
                self.current.username)

    def change_my_password(self) -> None:
        if run_change_password(self, self.sessions, self.runner, self.current, self.lang,
                               clock=self.clock) is not None:
            self._done(QCoreApplication.translate("Accounts", "Your password is changed."),
                       self.current.username)

    def _done(self, text: str, select: str) -> None:
        self.message.say(text, error=False)
        self.reload(select)


def run_accounts_dialog(parent: QWidget | None, sessions: sessionmaker[Session], runner: Runner,
                        current: AccountRow, lang: str | None) -> None:
    """Berkas → User accounts… (modal)."""
    dialog = AccountsDialog(sessions, runner, current, lang, parent)
    dialog.exec()
    dialog.deleteLater()


def run_change_password(parent: QWidget | None, sessions: sessionmaker[Session], runner: Runner,
                        account: AccountRow, lang: str | None, *, forced: bool = False,
                        current_password: str | None = None,
                        clock: Clock = time.monotonic) -> AccountRow | None:
    """Change ``account``'s password; the updated account, or None when cancelled.
    ``forced``: the password was reset and must be changed before working (after login the
    login dialog passes the password just typed as ``current_password``)."""
    dialog = ChangePasswordDialog(sessions, runner, account, lang, forced=forced,
                                  current_password=current_password, clock=clock,
                                  parent=parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    result = dialog.result_value if accepted else None
    dialog.deleteLater()
    return result

