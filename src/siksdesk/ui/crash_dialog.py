"""The last line of error handling: an unexpected exception is logged and shown in a dialog with
the report (long digit runs such as NIKs masked), a "copy report" button and the log path."""

from __future__ import annotations

import logging
import platform
import sys
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from siksdesk import __version__
from siksdesk.logging_setup import mask_digits

log = logging.getLogger(__name__)

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def format_report(exc_type: type[BaseException], exc: BaseException,
                  tb: TracebackType | None) -> str:
    """Version information plus the traceback, with every 15+ digit run masked."""
    header = (
        f"siksdesk {__version__} · Python {platform.python_version()} · Qt {qVersion()} "
        f"(PySide6 {pyside_version}) · {platform.platform()}\n"
        f"{datetime.now().isoformat(timespec='seconds')}\n\n"
    )
    body = "".join(traceback.format_exception(exc_type, exc, tb))
    return mask_digits(header + body)


class CrashDialog(QDialog):
    def __init__(self, report: str, log_path: Path | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = mask_digits(report)
        self.setWindowTitle(
            QCoreApplication.translate("CrashDialog", "siksdesk — unexpected error"))
        self.resize(720, 460)

        intro = QLabel(QCoreApplication.translate(
            "CrashDialog",
            "Something went wrong inside siksdesk. Changes that were already saved are safe. "
            "Please copy the report below and send it to the person who supports you, "
            "together with what you were doing."))
        intro.setWordWrap(True)
        self.text = QPlainTextEdit(self.report)
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        log_text = str(log_path) if log_path is not None else QCoreApplication.translate(
            "CrashDialog", "(no log file)")
        self.log_label = QLabel(QCoreApplication.translate("CrashDialog", "Log file: {path}")
                                .format(path=log_text))
        self.log_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.log_label.setWordWrap(True)

        self.copy_button = QPushButton(QCoreApplication.translate("CrashDialog", "Copy report"))
        self.copy_button.clicked.connect(self.copy_report)
        self.close_button = QPushButton(QCoreApplication.translate("CrashDialog", "Close"))
        self.close_button.clicked.connect(self.accept)
        self.close_button.setDefault(True)
        self.copied_label = QLabel()

        buttons = QHBoxLayout()
        buttons.addWidget(self.copied_label, 1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.log_label)
        layout.addLayout(buttons)

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report)
        self.copied_label.setText(QCoreApplication.translate(
            "CrashDialog", "The report is on the clipboard."))


class CrashReporter:
    """``sys.excepthook`` for the GUI: log (masked by the log filter), then show the dialog if a
    QApplication is running. A crash while the dialog is open is only logged (no dialog storm)."""

    def __init__(self, log_path: Path | None) -> None:
        self.log_path = log_path
        self._showing = False
        self.last_report: str | None = None

    def excepthook(self, exc_type: type[BaseException], exc: BaseException,
                   tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.critical("unexpected error", exc_info=(exc_type, exc, tb))
        report = format_report(exc_type, exc, tb)
        self.last_report = report
        print(report, file=sys.stderr)
        if self._showing or not isinstance(QApplication.instance(), QApplication):
            return
        self._showing = True
        try:
            self.make_dialog(report).exec()
        finally:
            self._showing = False

    def make_dialog(self, report: str, parent: QWidget | None = None) -> CrashDialog:
        return CrashDialog(report, self.log_path, parent or QApplication.activeWindow())
