"""Berkas → Cadangan: the list of backups (time, reason, size), "Cadangkan sekarang",
"Cadangkan ke USB…" (passphrase typed twice; an encrypted file) and "Pulihkan…" (a clear
warning, the database closed first, then replaced; the app closes afterwards).

Every step that touches a file runs through the Runner with a TaskProgressDialog. The desk
passes ``close_storage`` (close every window that reads or writes, then ``ctx.close()``) and
``after_restore`` (tell the user, then reopen): a restore never happens under an open connection.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from siksdesk.app import AppContext
from siksdesk.ui.i18n import normalise_lang
from siksdesk.ui.progress_dialog import TaskProgressDialog
from siksdesk.ui.tasks import Cancelled, CancelToken, Progress, Runner

log = logging.getLogger(__name__)
MIN_PASSPHRASE = 8  # as services.backup_crypto (not imported here: it loads the cipher)
FolderChooser = Callable[[QWidget], Path | None]
FileChooser = Callable[[QWidget], Path | None]
PassphraseAsker = Callable[[QWidget, bool], str | None]  # parent, twice?
Confirm = Callable[[QWidget, str], bool]  # parent, backup name


def _reason_label(reason: str) -> str:
    if reason == "daily":
        return QCoreApplication.translate("BackupDialog", "Daily (automatic)")
    if reason == "manual":
        return QCoreApplication.translate("BackupDialog", "Made by hand")
    if reason.startswith("before-import"):
        return QCoreApplication.translate("BackupDialog", "Before an import")
    if reason.startswith("before-upgrade"):
        return QCoreApplication.translate("BackupDialog", "Before an update of the app")
    if reason == "before-restore":
        return QCoreApplication.translate("BackupDialog", "Before a restore")
    return QCoreApplication.translate("BackupDialog", "Other ({reason})").format(reason=reason)


class PassphraseDialog(QDialog):
    """The passphrase, typed twice for a new backup (and checked as it is typed)."""

    def __init__(self, twice: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("BackupDialog", "Backup passphrase"))
        self.first = QLineEdit()
        self.second = QLineEdit()
        for field in (self.first, self.second):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.textChanged.connect(self._check)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("BackupDialog", "Passphrase:"), self.first)
        if twice:
            form.addRow(QCoreApplication.translate("BackupDialog", "Again:"), self.second)
        else:
            self.second.hide()
        self.twice = twice
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if twice:
            layout.addWidget(QLabel(QCoreApplication.translate(
                "BackupDialog", "Without this passphrase nobody — not even you — can open the "
                "backup. Write it down and keep it apart from the USB stick.")))
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self._check()

    def _check(self) -> None:
        text = self.first.text()
        problem = ""
        if self.twice and len(text) < MIN_PASSPHRASE:
            problem = QCoreApplication.translate(
                "BackupDialog", "At least {count} characters.").format(count=MIN_PASSPHRASE)
        elif self.twice and text != self.second.text():
            problem = QCoreApplication.translate("BackupDialog", "The two entries differ.")
        self.hint.setText(problem)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(text) and not problem)


def ask_passphrase(parent: QWidget, twice: bool) -> str | None:
    dialog = PassphraseDialog(twice, parent)
    return dialog.first.text() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_folder(parent: QWidget) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(
        parent, QCoreApplication.translate("BackupDialog", "Choose the USB stick or folder"))
    return Path(chosen) if chosen else None


def ask_backup_file(parent: QWidget) -> Path | None:
    chosen, _ = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("BackupDialog", "Choose a backup"), "",
        QCoreApplication.translate("BackupDialog",
                                   "siksdesk backups (*.siksbak *.sqlite3)"))
    return Path(chosen) if chosen else None


def confirm_restore(parent: QWidget, name: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Warning,
                      QCoreApplication.translate("BackupDialog", "Restore a backup?"),
                      QCoreApplication.translate(
                          "BackupDialog", "All data now in siksdesk will be REPLACED by the "
                          "backup {name}. Changes made after that backup are lost from the "
                          "registry (the current data is backed up first). siksdesk closes "
                          "when the restore is done; nothing is sent to the district until it "
                          "has caught up again.").format(name=name),
                      QMessageBox.StandardButton.Cancel, parent)
    restore = box.addButton(QCoreApplication.translate("BackupDialog", "Replace the data"),
                            QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is restore


class BackupDialog(QDialog):
    def __init__(self, ctx: AppContext, runner: Runner, lang: str | None = None, *,
                 close_storage: Callable[[], None] | None = None,
                 after_restore: Callable[[Any], None] | None = None,
                 choose_folder: FolderChooser = ask_folder,
                 choose_file: FileChooser = ask_backup_file,
                 passphrase: PassphraseAsker = ask_passphrase,
                 confirm: Confirm = confirm_restore, parent: QWidget | None = None,
                 author: str = "system") -> None:
        super().__init__(parent)
        self.ctx, self.runner, self.lang = ctx, runner, normalise_lang(lang)
        self.author = author  # recorded in the audit entry a restore appends
        self._close_storage = close_storage or ctx.close
        self._after_restore = after_restore or (lambda _result: None)
        self._choose_folder, self._choose_file = choose_folder, choose_file
        self._passphrase, self._confirm = passphrase, confirm
        self.entries: list[Any] = []
        self.progress: TaskProgressDialog | None = None
        self.message_box: QMessageBox | None = None
        self.restored: Any = None
        self.restore_started = False
        self.setWindowTitle(QCoreApplication.translate("BackupDialog", "Backups"))
        self._build()
        self.reload()

    def _build(self) -> None:
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([
            QCoreApplication.translate("BackupDialog", "Time"),
            QCoreApplication.translate("BackupDialog", "Reason"),
            QCoreApplication.translate("BackupDialog", "Size")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.folder_note = QLabel(QCoreApplication.translate(
            "BackupDialog", "Automatic backups are kept in {folder}.").format(
            folder=self.ctx.paths.backups))
        self.folder_note.setWordWrap(True)
        self.now_button = QPushButton(QCoreApplication.translate("BackupDialog", "Back up now"))
        self.usb_button = QPushButton(QCoreApplication.translate("BackupDialog",
                                                                 "Back up to USB…"))
        self.restore_button = QPushButton(QCoreApplication.translate("BackupDialog",
                                                                     "Restore selected…"))
        self.restore_file_button = QPushButton(QCoreApplication.translate(
            "BackupDialog", "Restore from a file or USB…"))
        self.now_button.clicked.connect(self.back_up_now)
        self.usb_button.clicked.connect(self.back_up_to_usb)
        self.restore_button.clicked.connect(lambda: self.restore(self.selected_backup()))
        self.restore_file_button.clicked.connect(lambda: self.restore(self._choose_file(self)))
        actions = QHBoxLayout()
        for button in (self.now_button, self.usb_button, self.restore_button,
                       self.restore_file_button):
            actions.addWidget(button)
        actions.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.folder_note)
        layout.addLayout(actions)
        layout.addWidget(close)
        self.resize(640, 420)

    def reload(self) -> None:
        from siksdesk.services.backups import list_backups

        self.entries = list_backups(self.ctx.paths.backups)
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            when = entry.created_at().astimezone().strftime("%Y-%m-%d %H:%M")
            size = QTableWidgetItem(QCoreApplication.translate(
                "BackupDialog", "{size} MB").format(size=f"{entry.size / 1_000_000:.1f}"))
            size.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 0, QTableWidgetItem(when))
            self.table.setItem(row, 1, QTableWidgetItem(_reason_label(entry.reason)))
            self.table.setItem(row, 2, size)
        if self.entries:
            self.table.selectRow(0)
        self.restore_button.setEnabled(bool(self.entries))

    # --- actions -------------------------------------------------------------------------

    def back_up_now(self) -> None:
        database, backups = self.ctx.database, self.ctx.paths.backups

        def work(_progress: Progress, _cancelled: Cancelled) -> object:
            from siksdesk.services.backups import create_backup

            return create_backup(database, backups, reason="manual")

        self._run(work, QCoreApplication.translate("BackupDialog", "Backing up…"),
                  self._backed_up)

    def _backed_up(self, _entry: Any) -> None:
        self.reload()
        self._inform(QCoreApplication.translate(
            "BackupDialog", "The backup was written and checked."))

    def back_up_to_usb(self) -> None:
        folder = self._choose_folder(self)
        if folder is None:
            return
        passphrase = self._passphrase(self, True)
        if passphrase is None:
            return
        database, home = self.ctx.database, self.ctx.paths.home

        def work(progress: Progress, cancelled: Cancelled) -> object:
            from siksdesk.services.backups import write_encrypted_backup

            return write_encrypted_backup(database, home, folder, passphrase,
                                          progress=progress, cancelled=cancelled)

        self._run(work, QCoreApplication.translate(
            "BackupDialog", "Writing the encrypted backup to {folder}…").format(folder=folder),
            self._usb_written)

    def _usb_written(self, result: Any) -> None:
        self._inform(QCoreApplication.translate(
            "BackupDialog", "The encrypted backup was written and read back:\n{file}").format(
            file=result.path))

    def selected_backup(self) -> Path | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.ctx.paths.backups / self.entries[rows[0].row()].file

    def restore(self, source: Path | None) -> None:
        """Restore ``source`` (an automatic backup or an encrypted USB file) after the warning;
        the storage is closed first, the app is told to close afterwards."""
        if source is None:
            return
        passphrase = None
        if source.suffix == ".siksbak":
            passphrase = self._passphrase(self, False)
            if passphrase is None:
                return
        if not self._confirm(self, source.name):
            return
        log.info("restore requested by the operator")
        self._close_storage()  # every connection closed before the file is replaced
        self.restore_started = True
        home, database, backups = self.ctx.paths.home, self.ctx.database, self.ctx.paths.backups
        author = self.author

        def work(progress: Progress, cancelled: Cancelled) -> object:
            from siksdesk.services.backup_restore import restore_backup

            return restore_backup(home, database, source, backups=backups,
                                  passphrase=passphrase, progress=progress,
                                  cancelled=cancelled, author=author)

        self._run(work, QCoreApplication.translate("BackupDialog", "Restoring…"),
                  self._restored)

    def _restored(self, result: Any) -> None:
        self.restored = result
        box = self._inform(QCoreApplication.translate(
            "BackupDialog", "The data were restored from {name}. siksdesk now reopens with "
            "them; sign in again.").format(name=result.source))
        box.finished.connect(lambda _code: self._after_restore(result))  # after it is read

    # --- plumbing ------------------------------------------------------------------------

    def _run(self, work: Callable[[Progress, Cancelled], object], message: str,
             done: Callable[[Any], None]) -> None:
        token = CancelToken()
        self.progress = TaskProgressDialog(
            QCoreApplication.translate("BackupDialog", "Backups"), message, token, self)
        self.progress.show()

        def finished(result: object) -> None:
            self._end_progress()
            done(result)

        self.runner.run(work, on_result=finished, on_error=self._failed,
                        on_progress=self.progress.set_progress, token=token)

    def _failed(self, error: BaseException) -> None:
        self._end_progress()
        from siksdesk.services.backup_errors import BackupError

        if isinstance(error, BackupError):
            log.warning("backup step refused: %s", error.code)
            self._inform(error.message(self.lang), QMessageBox.Icon.Warning)
            if self.restore_started:  # refused after the storage was closed: the desk
                self.restore_started = False  # decides (reopen or quit); data unchanged
                self._after_restore(None)
        else:
            sys.excepthook(type(error), error, error.__traceback__)

    def _end_progress(self) -> None:
        if self.progress is not None:
            self.progress.finish()
            self.progress = None

    def _inform(self, text: str,
                icon: QMessageBox.Icon = QMessageBox.Icon.Information) -> QMessageBox:
        box = QMessageBox(icon, QCoreApplication.translate("BackupDialog", "Backups"), text,
                          QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_box = box
        box.open()
        return box


def run_backup_dialog(parent: QWidget | None, ctx: AppContext, runner: Runner,
                      lang: str | None, *, close_storage: Callable[[], None],
                      after_restore: Callable[[Any], None],
                      author: str = "system") -> BackupDialog:
    """Open the backups dialog (window-modal, not blocking) and return it."""
    dialog = BackupDialog(ctx, runner, lang, close_storage=close_storage,
                          after_restore=after_restore, parent=parent, author=author)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def start_daily_backup(parent: QWidget, ctx: AppContext, runner: Runner,
                       lang: str | None = None) -> None:
    """The automatic daily backup, in the background (call once the integrity check at start-up
    has passed). Only a failure is shown: a copy that fails its check means trouble."""

    def work(_progress: Progress, _cancelled: Cancelled) -> object:
        from siksdesk.services.backups import backup_if_due

        return backup_if_due(ctx.database, ctx.paths.backups)

    def failed(error: BaseException) -> None:
        from siksdesk.services.backup_errors import BackupError

        if not isinstance(error, BackupError | OSError):
            sys.excepthook(type(error), error, error.__traceback__)
            return
        log.error("daily backup failed: %s", getattr(error, "code", type(error).__name__))
        text = (error.message(normalise_lang(lang)) if isinstance(error, BackupError) else
                QCoreApplication.translate("BackupDialog", "The daily backup could not be "
                                           "written: {reason}").format(reason=error.strerror))
        box = QMessageBox(QMessageBox.Icon.Warning,
                          QCoreApplication.translate("BackupDialog", "Backups"), text,
                          QMessageBox.StandardButton.Ok, parent)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    runner.run(work, on_result=lambda _entry: None, on_error=failed)

