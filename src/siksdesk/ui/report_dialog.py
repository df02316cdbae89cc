"""The report dialog: which rekap (per dusun/RT, per programme), PDF or Excel, where to save;
"Save" writes the file in the background (progress dialog with Cancel) and offers to open it;
"Print…" builds the same tables in the background and prints them through the system's print
dialog (QtPrintSupport is in PySide6-Essentials; rendering a PDF is not — QtPdf is an Addon —
so the printout is the report laid out by Qt's text document, not the PDF file itself).

``siksdesk.services.reports`` (fpdf2, openpyxl behind it) is imported when the dialog opens.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFont, QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from siksdesk.db.reader import Reader
from siksdesk.ui.export_dialog import ask_to_replace, documents_folder
from siksdesk.ui.i18n import normalise_lang
from siksdesk.ui.progress_dialog import TaskProgressDialog
from siksdesk.ui.tasks import Cancelled, CancelToken, Progress, Runner

log = logging.getLogger(__name__)

KINDS = ("rekap", "programme")
# Reports are documents for the Kecamatan and the Dinas (like the Berita Acara): Indonesian
# whatever the interface's language.
DOCUMENT_LANG = "id"
PRINT_POINT_SIZE = 9.0
Confirm = Callable[[QWidget, Path], bool]
PrintChooser = Callable[[QWidget, QPrinter], bool]  # may print on this printer?


def ask_printer(parent: QWidget, printer: QPrinter) -> bool:
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("ReportDialog", "Print the report"))
    return dialog.exec() == QDialog.DialogCode.Accepted


class ReportDialog(QDialog):
    """``result`` holds the ``ReportResult`` after a save, ``printed`` the pages sent to the
    printer after a print (both for the caller and for tests)."""

    def __init__(
        self,
        reader: Reader,
        runner: Runner,
        lang: str | None = None,
        *,
        folder: Path | None = None,
        confirm_replace: Confirm = ask_to_replace,
        choose_printer: PrintChooser = ask_printer,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        from siksdesk.services import reports

        self._reports: Any = reports
        self.reader, self.runner, self.lang = reader, runner, normalise_lang(lang)
        self._confirm_replace, self._choose_printer = confirm_replace, choose_printer
        self._folder = folder or documents_folder()
        self._automatic_name = True
        self._training = False  # the training village's reports are named "...-LATIHAN"
        self.result: Any = None
        self.printed = 0
        self.progress: TaskProgressDialog | None = None
        self.setWindowTitle(QCoreApplication.translate("ReportDialog", "Reports"))
        self._build()
        self._update_name()
        runner.run(self._read_training, on_result=self._training_read, on_error=_report_bug)

    def _read_training(self, _progress: Progress, _cancelled: Cancelled) -> bool:
        from siksdesk.services.training import is_training_connection

        with self.reader.snapshot() as conn:  # worker thread
            return is_training_connection(conn)

    def _training_read(self, training: object) -> None:
        if not isValid(self):  # the dialog was closed before the answer came
            return
        self._training = bool(training)
        self._update_name()

    def _build(self) -> None:
        self.kind = QComboBox()
        self.kind.addItem(
            QCoreApplication.translate("ReportDialog", "Rekap per dusun and RT"), "rekap"
        )
        self.kind.addItem(
            QCoreApplication.translate("ReportDialog", "Programme coverage against quota"),
            "programme",
        )
        self.kind.currentIndexChanged.connect(self._update_name)
        self.pdf = QRadioButton(QCoreApplication.translate("ReportDialog", "PDF (A4)"))
        self.xlsx = QRadioButton(QCoreApplication.translate("ReportDialog", "Excel (.xlsx)"))
        self.pdf.setChecked(True)
        self.pdf.toggled.connect(self._update_name)
        formats = QHBoxLayout()
        formats.addWidget(self.pdf)
        formats.addWidget(self.xlsx)
        formats.addStretch(1)
        self.path = QLineEdit()
        self.path.setMinimumWidth(self.fontMetrics().averageCharWidth() * 48)
        self.path.textEdited.connect(self._name_edited)
        self.choose_button = QPushButton(QCoreApplication.translate("ReportDialog", "Choose…"))
        self.choose_button.clicked.connect(self._pick_file)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(self.choose_button)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()

        form = QFormLayout()
        form.addRow(QCoreApplication.translate("ReportDialog", "Report:"), self.kind)
        form.addRow(QCoreApplication.translate("ReportDialog", "Format:"), formats)
        form.addRow(QCoreApplication.translate("ReportDialog", "File:"), path_row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = self.buttons.addButton(
            QCoreApplication.translate("ReportDialog", "&Save"),
            QDialogButtonBox.ButtonRole.ActionRole,
        )
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.start_save)
        self.open_button = self.buttons.addButton(
            QCoreApplication.translate("ReportDialog", "&Open file"),
            QDialogButtonBox.ButtonRole.ActionRole,
        )
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_file)
        self.print_button = self.buttons.addButton(
            QCoreApplication.translate("ReportDialog", "&Print…"),
            QDialogButtonBox.ButtonRole.ActionRole,
        )
        self.print_button.clicked.connect(self.start_print)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    # --- choices ---------------------------------------------------------------------------------
    def chosen_kind(self) -> str:
        return str(self.kind.currentData())

    def chosen_format(self) -> str:
        return "pdf" if self.pdf.isChecked() else "xlsx"

    def chosen_path(self) -> Path:
        return Path(self.path.text().strip()).expanduser()

    def _update_name(self) -> None:
        fmt = self.chosen_format()
        if self._automatic_name:
            name = self._reports.default_report_name(self.chosen_kind(), fmt,
                                                     training=self._training)
            self.path.setText(str(self._folder / name))
        elif self.path.text().strip():
            self.path.setText(str(self.chosen_path().with_suffix(f".{fmt}")))

    def _name_edited(self) -> None:
        self._automatic_name = False

    def _pick_file(self) -> None:
        file_filter = (
            QCoreApplication.translate("ReportDialog", "PDF document (*.pdf)")
            if self.pdf.isChecked()
            else QCoreApplication.translate("ReportDialog", "Excel workbook (*.xlsx)")
        )
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            QCoreApplication.translate("ReportDialog", "Save the report as"),
            str(self.chosen_path()),
            file_filter,
        )
        if not chosen:
            return
        path = Path(chosen)
        self._automatic_name = False
        if path.suffix.lower() in (".pdf", ".xlsx"):
            (self.pdf if path.suffix.lower() == ".pdf" else self.xlsx).setChecked(True)
        else:
            path = path.with_suffix(f".{self.chosen_format()}")
        self.path.setText(str(path))

    # --- saving ----------------------------------------------------------------------------------
    def start_save(self) -> None:
        path = self.chosen_path()
        if not self.path.text().strip() or not path.parent.is_dir():
            self._say(
                QCoreApplication.translate(
                    "ReportDialog", "The folder {folder} does not exist."
                ).format(folder=path.parent),
                error=True,
            )
            return
        if path.exists() and not self._confirm_replace(self, path):
            return
        kind, fmt, reader = self.chosen_kind(), self.chosen_format(), self.reader
        run_report = self._reports.run_report

        def work(progress: Progress, cancelled: Cancelled) -> object:  # worker thread
            with reader.snapshot() as conn:
                return run_report(
                    conn,
                    kind,
                    path,
                    fmt=fmt,
                    lang=DOCUMENT_LANG,
                    progress=progress,
                    cancelled=cancelled,
                )

        self._run(
            work,
            QCoreApplication.translate("ReportDialog", "Writing {file}…").format(file=path.name),
            self._saved,
        )

    def _saved(self, result: Any) -> None:
        self.result = result
        log.info("report written: %s as %s", result.kind, result.format)
        self._say(
            QCoreApplication.translate("ReportDialog", "Saved to:\n{file}").format(file=result.path)
        )
        self.open_button.setEnabled(True)

    def open_file(self) -> None:
        if self.result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result.path)))

    # --- printing --------------------------------------------------------------------------------
    def start_print(self) -> None:
        kind, reader = self.chosen_kind(), self.reader
        build_report = self._reports.build_report

        def work(_progress: Progress, _cancelled: Cancelled) -> str:  # worker thread
            from siksdesk.io.report_data import report_html

            with reader.snapshot() as conn:
                return report_html(build_report(conn, kind, lang=DOCUMENT_LANG))

        self._run(
            work,
            QCoreApplication.translate("ReportDialog", "Preparing the report…"),
            self._print_html,
        )

    def _print_html(self, html: object) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        if not self._choose_printer(self, printer):
            return
        self.printed = print_document(str(html), printer)
        self._say(
            QCoreApplication.translate(
                "ReportDialog", "Sent to the printer ({pages} pages)."
            ).format(pages=self.printed)
        )

    # --- shared ----------------------------------------------------------------------------------
    def _run(
        self,
        work: Callable[[Progress, Cancelled], object],
        message: str,
        done: Callable[[Any], None],
    ) -> None:
        self.message.hide()
        token = CancelToken()
        self.progress = TaskProgressDialog(
            QCoreApplication.translate("ReportDialog", "Report"), message, token, self
        )
        self.progress.show()

        def finished(result: Any) -> None:
            self._end_progress()
            done(result)

        self.runner.run(
            work,
            on_result=finished,
            on_error=self._failed,
            on_progress=self.progress.set_progress,
            token=token,
        )

    def _failed(self, error: BaseException) -> None:
        self._end_progress()
        from siksdesk.io.table import ExportError

        if isinstance(error, ExportError | self._reports.ReportError):
            log.warning("report not written: %s", error.code)
            self._say(error.message(self.lang), error=True)
        else:
            _report_bug(error)

    def _end_progress(self) -> None:
        if self.progress is not None:
            self.progress.finish()
            self.progress = None

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020;" if error else "")
        self.message.show()


def print_document(html: str, printer: QPrinter) -> int:
    """Lay ``html`` out on ``printer``'s pages and print it; returns the page count."""
    document = QTextDocument()
    font = QFont(document.defaultFont())
    font.setPointSizeF(PRINT_POINT_SIZE)
    document.setDefaultFont(font)
    document.setHtml(html)
    # Laid out in points, as print_() does with a document without a page size: the text keeps
    # its size in print whatever the printer's resolution.
    document.setPageSize(printer.pageLayout().paintRect(QPageLayout.Unit.Point).size())
    document.print_(printer)
    return document.pageCount()


def run_report_dialog(
    parent: QWidget | None, reader: Reader, runner: Runner, lang: str | None
) -> ReportDialog:
    """Open the report dialog (window-modal, not blocking) and return it."""
    dialog = ReportDialog(reader, runner, lang, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def _report_bug(error: BaseException) -> None:
    sys.excepthook(type(error), error, error.__traceback__)
