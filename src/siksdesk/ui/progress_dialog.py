"""A reusable progress dialog for a background task, with a Cancel button wired to its token."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from siksdesk.ui.tasks import CancelToken


class TaskProgressDialog(QDialog):
    """Window-modal dialog showing ``done / total``. Cancel (button, Esc or closing the window)
    asks the task to stop through ``token``; the caller closes the dialog when the task has
    really ended (result or error), so the user never sees a half-finished state as done."""

    def __init__(self, title: str, message: str, token: CancelToken,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.token = token
        self._finished = False
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(420)

        self.message = QLabel(message)
        self.message.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy indicator until the first report
        self.cancel_button = QPushButton(
            QCoreApplication.translate("TaskProgressDialog", "Cancel"))
        self.cancel_button.clicked.connect(self.request_cancel)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.bar)
        layout.addLayout(buttons)

    def set_progress(self, done: int, total: int) -> None:
        if total <= 0:
            self.bar.setRange(0, 0)
            return
        self.bar.setRange(0, total)
        self.bar.setValue(min(done, total))

    def request_cancel(self) -> None:
        if self.token.is_cancelled():
            return
        self.token.cancel()
        self.cancel_button.setEnabled(False)
        self.message.setText(
            QCoreApplication.translate("TaskProgressDialog", "Cancelling… please wait."))

    def finish(self) -> None:
        """Close for good: the task has delivered its result or error."""
        self._finished = True
        self.done(QDialog.DialogCode.Accepted)

    # Esc and the window's close button mean "cancel", never "hide while still running".
    def reject(self) -> None:
        if self._finished:
            super().reject()
        else:
            self.request_cancel()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._finished:
            super().closeEvent(event)
        else:
            event.ignore()
            self.request_cancel()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.request_cancel()
            return
        super().keyPressEvent(event)
