"""Who is signed in at the desk: the author of every write, the idle lock, the account menu
items, the signed-in label in the status bar, and the Kepala Desa's look-only desk (the operator
edits, the approver approves: ../shared/security.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from siksdesk.domain.accounts import AccountRole
from siksdesk.services.accounts import AccountRow
from siksdesk.ui.accounts_dialog import run_accounts_dialog, run_change_password
from siksdesk.ui.i18n import normalise_lang
from siksdesk.ui.lock import IdleLock
from siksdesk.ui.restart import request_restart
from siksdesk.ui.setup_wizard import run_setup_wizard

if TYPE_CHECKING:
    from siksdesk.ui.desk import Desk


class DeskAccounts(QObject):
    def __init__(self, desk: Desk, account: AccountRow | None, *, training: bool,
                 village_name: str) -> None:
        super().__init__(desk)
        self.desk = desk
        self.account = account
        self.training, self.village_name = training, village_name
        self.lock: IdleLock | None = None
        self._editor_author_waits = False
        self.label = QLabel()
        self.label.setObjectName("signed_in_label")

    @property
    def author(self) -> str:
        """The change-log author: the signed-in account; before any account exists (the
        training village still being built) the name from the settings."""
        if self.account is not None:
            return self.account.author
        return self.desk.settings.operator_name()

    @property
    def is_approver(self) -> bool:
        return self.account is not None and self.account.role == AccountRole.KEPALA_DESA

    # -- menu ----------------------------------------------------------------------------------
    def add_actions(self, before: QAction | None) -> None:
        window, menu = self.desk.window, self.desk.window.file_menu
        self.accounts_action = QAction(
            QCoreApplication.translate("DeskAccounts", "User &accounts…"), window)
        self.accounts_action.triggered.connect(self.show_accounts)
        self.password_action = QAction(
            QCoreApplication.translate("DeskAccounts", "Change pass&word…"), window)
        self.password_action.triggered.connect(self.change_password)
        self.lock_action = QAction(
            QCoreApplication.translate("DeskAccounts", "&Lock screen"), window)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        # Also from the editor's own window.
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.triggered.connect(self.lock_now)
        for action in (self.accounts_action, self.password_action, self.lock_action):
            menu.insertAction(before, action)
        self.setup_action = QAction(
            QCoreApplication.translate("DeskAccounts", "Set &up your village…"), window)
        self.setup_action.triggered.connect(self.set_up_village)
        self.setup_action.setVisible(self.training)
        menu.insertAction(before, self.setup_action)
        window.statusBar().addPermanentWidget(self.label)
        self.set_account(self.account)

    # -- signing in ----------------------------------------------------------------------------
    def set_account(self, account: AccountRow | None) -> None:
        """A (new) account at the desk: after the start-up login, a user switch at the lock
        screen, or the training operator once the training village exists."""
        self.account = account
        self._apply_author()
        signed_in = account is not None
        for action in (self.accounts_action, self.password_action, self.lock_action):
            action.setEnabled(signed_in)
        self._apply_role()
        self._show_label()
        if account is not None:
            self._ensure_lock(account)

    def _apply_author(self) -> None:
        desk, author = self.desk, self.author
        for view in (desk.nik_issues, desk.duplicates, desk.usulan, desk.sync, desk.sync.auto):
            view.author = author
        # Unsaved edits in the editor stay the previous user's until saved or dropped.
        self._editor_author_waits = desk.editor.is_dirty()
        if not self._editor_author_waits:
            desk.editor.author = author

    def editor_clean(self) -> None:
        """The editor saved or loaded a household: it now writes as the signed-in account."""
        if self._editor_author_waits and not self.desk.editor.is_dirty():
            self._editor_author_waits = False
            self.desk.editor.author = self.author

    def _apply_role(self) -> None:
        look_only = self.is_approver
        self.desk.editor.read_only = look_only
        for action in (self.desk.new_action, self.desk.import_action,
                       self.desk.import_nik_action):
            action.setEnabled(not look_only)

    def _show_label(self) -> None:
        account = self.account
        if account is None:
            self.label.clear()
            return
        role = (QCoreApplication.translate("DeskAccounts", "Kepala Desa")
                if account.role == AccountRole.KEPALA_DESA
                else QCoreApplication.translate("DeskAccounts", "Operator"))
        self.label.setText(QCoreApplication.translate(
            "DeskAccounts", "Signed in: {name} ({role})").format(name=account.display_name,
                                                                 role=role))

    def _ensure_lock(self, account: AccountRow) -> None:
        if self.lock is not None:
            self.lock.account = account
            return
        desk = self.desk
        self.lock = IdleLock(desk.window, desk.ctx.sessions, desk.runner, account,
                             minutes=desk.settings.idle_lock_minutes(),
                             lang=normalise_lang(desk.lang), training=self.training,
                             village_name=self.village_name)
        self.lock.unlocked.connect(self._unlocked)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.lock.stop)

    def _unlocked(self, account: AccountRow) -> None:
        if account != self.account:  # a switch of user (or the same user, changed)
            self.set_account(account)

    # -- actions -------------------------------------------------------------------------------
    def lock_now(self) -> None:
        if self.lock is not None:
            self.lock.lock_now()

    def settings_changed(self) -> None:
        if self.lock is not None:
            self.lock.set_minutes(self.desk.settings.idle_lock_minutes())

    def set_up_village(self) -> None:
        """The real village replaces the training village (kept in the data folder's
        ``latihan``); the app then reopens on whichever is in place."""
        desk = self.desk
        if desk.runner.busy:
            QMessageBox.information(desk.window, QCoreApplication.translate(
                "DeskAccounts", "Set up your village"), QCoreApplication.translate(
                "DeskAccounts", "Please wait until the work in progress has finished."))
            return
        closed: list[bool] = []

        def close_storage() -> None:
            if self.lock is not None:
                self.lock.stop()
            desk.close_storage()
            closed.append(True)

        run_setup_wizard(desk.window, desk.ctx.paths, desk.runner, desk.lang,
                         close_storage=close_storage)
        if closed:  # also after a failure: the training village is back in place
            request_restart()

    def show_accounts(self) -> None:
        if self.account is not None:
            run_accounts_dialog(self.desk.window, self.desk.ctx.sessions, self.desk.runner,
                                self.account, normalise_lang(self.desk.lang))

    def change_password(self) -> None:
        if self.account is None:
            return
        changed = run_change_password(self.desk.window, self.desk.ctx.sessions, self.desk.runner,
                                      self.account, normalise_lang(self.desk.lang))
        if changed is not None:
            self.account = changed
            if self.lock is not None:
                self.lock.account = changed
