"""The export dialog: which list, for which purpose ("Keperluan": only the columns it needs),
.xlsx or CSV, "Samarkan NIK", where to save; the export runs
in the background with a progress dialog and Cancel, and ends with a message naming the file.

``siksdesk.services.exports`` (and openpyxl behind it) is imported only when the dialog opens:
the desk's start-up stays light.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from siksdesk.app import AppContext
from siksdesk.ui.i18n import normalise_lang
from siksdesk.ui.progress_dialog import TaskProgressDialog
from siksdesk.ui.tasks import Cancelled, CancelToken, Progress, Runner

log = logging.getLogger(__name__)

WHATS = ("bnba", "masalah", "usulan", "perbaikan-nik")
FileChooser = Callable[[QWidget, Path, str], Path | None]  # parent, suggestion, format
Confirm = Callable[[QWidget, Path], bool]  # may this existing file be replaced?


def _what_label(what: str) -> str:
    labels = {
        "bnba": QCoreApplication.translate("ExportDialog",
                                           "BNBA list (all households and members)"),
        "masalah": QCoreApplication.translate("ExportDialog", "Data problems"),
        "usulan": QCoreApplication.translate("ExportDialog", "Proposals (usulan)"),
        "perbaikan-nik": QCoreApplication.translate("ExportDialog", "NIK corrections"),
    }
    return labels[what]


def _purpose_label(purpose: str) -> str:
    labels = {
        "lengkap": QCoreApplication.translate("ExportDialog",
                                              "Complete — for the Dinas Sosial"),
        "pengumuman": QCoreApplication.translate("ExportDialog",
                                                 "Public notice (village board)"),
        "pendataan": QCoreApplication.translate("ExportDialog", "Field survey (enumerator)"),
    }
    return labels[purpose]


def _purpose_note(purpose: str) -> str:
    """One line on what the purpose leaves out."""
    notes = {
        "lengkap": QCoreApplication.translate(
            "ExportDialog", "Every column; share it only with the Dinas Sosial."),
        "pengumuman": QCoreApplication.translate(
            "ExportDialog", "Leaves out birth dates, mothers' names, assets, housing answers "
            "and notes; NIK and No. KK are masked."),
        "pendataan": QCoreApplication.translate(
            "ExportDialog", "Keeps names and addresses to find the household; leaves out birth "
            "dates, mothers' names, assets and housing answers; NIK and No. KK are masked."),
    }
    return notes[purpose]


def ask_for_file(parent: QWidget, suggestion: Path, fmt: str) -> Path | None:
    file_filter = (QCoreApplication.translate("ExportDialog", "Excel workbook (*.xlsx)")
                   if fmt == "xlsx" else
                   QCoreApplication.translate("ExportDialog", "CSV file (*.csv)"))
    chosen, _ = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("ExportDialog", "Save the export as"),
        str(suggestion), file_filter)
    return Path(chosen) if chosen else None


def ask_to_replace(parent: QWidget, path: Path) -> bool:
    answer = QMessageBox.question(
        parent, QCoreApplication.translate("ExportDialog", "Replace file?"),
        QCoreApplication.translate(
            "ExportDialog", "{file} already exists. Replace it?").format(file=path.name))
    return answer == QMessageBox.StandardButton.Yes


def documents_folder() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder and Path(folder).is_dir() else Path.home()


class ExportDialog(QDialog):
    """Choose and run one export. ``result`` holds the ``ExportResult`` after success and
    ``message_box`` the last message shown (both for the desk and for tests)."""

    def __init__(self, ctx: AppContext, runner: Runner, lang: str | None = None,
                 what: str | None = None, *, folder: Path | None = None,
                 choose_file: FileChooser = ask_for_file, confirm_replace: Confirm = ask_to_replace,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from siksdesk.services import exports

        self._exports: Any = exports
        self.ctx, self.runner, self.lang = ctx, runner, normalise_lang(lang)
        self._choose_file, self._confirm_replace = choose_file, confirm_replace
        self._folder = folder or documents_folder()
        self._village = ""
        self._training = False  # the training village's files are named "...-LATIHAN"
        self._own_mask = False  # the operator's "mask" choice while a purpose forces masking
        self._automatic_name = True  # the file name follows the choices until the user picks one
        self.result: Any = None
        self.message_box: QMessageBox | None = None
        self.progress: TaskProgressDialog | None = None
        self.setWindowTitle(QCoreApplication.translate("ExportDialog", "Export"))
        self._build(what if what in WHATS else "bnba")
        self._update_name()
        runner.run(self._read_village_name, on_result=self._village_read, on_error=_report)

    # --- layout --------------------------------------------------------------------------

    def _build(self, what: str) -> None:
        self.what = QComboBox()
        for key in WHATS:
            self.what.addItem(_what_label(key), key)
        self.what.setCurrentIndex(WHATS.index(what))
        self.purpose = QComboBox()
        self.purpose_note = _note("")
        self._fill_purposes()
        self.what.currentIndexChanged.connect(self._fill_purposes)
        self.what.currentIndexChanged.connect(self._update_name)
        self.purpose.currentIndexChanged.connect(self._purpose_changed)

        self.xlsx = QRadioButton(QCoreApplication.translate("ExportDialog", "Excel (.xlsx)"))
        self.csv = QRadioButton(QCoreApplication.translate("ExportDialog", "CSV (.csv)"))
        self.xlsx.setChecked(True)
        self.xlsx.toggled.connect(self._update_name)
        formats = QHBoxLayout()
        formats.addWidget(self.xlsx)
        formats.addWidget(self.csv)
        formats.addStretch(1)
        self.csv_note = _note(QCoreApplication.translate(
            "ExportDialog", "Excel changes long numbers such as NIK when it opens a CSV file "
            "directly; choose .xlsx for Excel."))

        self.mask = QCheckBox(QCoreApplication.translate("ExportDialog", "Mask NIK and No. KK"))
        self.mask.toggled.connect(self._update_name)
        mask_note = _note(QCoreApplication.translate(
            "ExportDialog", "For lists posted in public: only the region code and the last two "
            "digits are shown (352201********01), so nobody can copy a neighbour's NIK."))

        self.path = QLineEdit()
        self.path.setMinimumWidth(self.fontMetrics().averageCharWidth() * 48)
        self.path.textEdited.connect(self._name_edited)
        self.choose_button = QPushButton(QCoreApplication.translate("ExportDialog", "Choose…"))
        self.choose_button.clicked.connect(self._pick_file)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(self.choose_button)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()

        form = QFormLayout()
        form.addRow(QCoreApplication.translate("ExportDialog", "List:"), self.what)
        form.addRow(QCoreApplication.translate("ExportDialog", "Purpose:"), self.purpose)
        form.addRow("", self.purpose_note)
        form.addRow(QCoreApplication.translate("ExportDialog", "Format:"), formats)
        form.addRow("", self.csv_note)
        form.addRow("", self.mask)
        form.addRow("", mask_note)
        form.addRow(QCoreApplication.translate("ExportDialog", "File:"), path_row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.export_button.setText(QCoreApplication.translate("ExportDialog", "Export"))
        self.buttons.accepted.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._purpose_changed()

    # --- choices -------------------------------------------------------------------------

    def chosen_what(self) -> str:
        return str(self.what.currentData())

    def chosen_purpose(self) -> str:
        return str(self.purpose.currentData() or "lengkap")

    def _fill_purposes(self) -> None:
        """Offer the purposes of the chosen list, keeping the current one where offered."""
        current = self.chosen_purpose() if self.purpose.count() else "lengkap"
        offered = [p.key for p in self._exports.purposes_for(self.chosen_what())]
        self.purpose.blockSignals(True)
        self.purpose.clear()
        for key in offered:
            self.purpose.addItem(_purpose_label(key), key)
        self.purpose.setCurrentIndex(offered.index(current) if current in offered else 0)
        self.purpose.blockSignals(False)
        self._purpose_changed()

    def _purpose_changed(self) -> None:
        forced = self._exports.purpose_for(self.chosen_what(),
                                           self.chosen_purpose()).mask_identifiers
        self.purpose_note.setText(_purpose_note(self.chosen_purpose()))
        if hasattr(self, "path"):  # the form is built
            if forced and self.mask.isEnabled():
                self._own_mask = self.mask.isChecked()  # given back when the purpose changes
                self.mask.setChecked(True)
            elif not forced and not self.mask.isEnabled():
                self.mask.setChecked(self._own_mask)
            self.mask.setEnabled(not forced)
            self._update_name()

    def chosen_format(self) -> str:
        return "csv" if self.csv.isChecked() else "xlsx"

    def chosen_path(self) -> Path:
        return Path(self.path.text().strip()).expanduser()

    def _update_name(self) -> None:
        fmt = self.chosen_format()
        self.csv_note.setVisible(fmt == "csv")
        if self._automatic_name:
            name = self._exports.default_file_name(self.chosen_what(), self._village, fmt,
                                                   masked=self.mask.isChecked(),
                                                   training=self._training,
                                                   purpose=self.chosen_purpose())
            self.path.setText(str(self._folder / name))
        elif self.path.text().strip():
            self.path.setText(str(self.chosen_path().with_suffix(f".{fmt}")))

    def _name_edited(self) -> None:
        self._automatic_name = False

    def _pick_file(self) -> None:
        chosen = self._choose_file(self, self.chosen_path(), self.chosen_format())
        if chosen is None:
            return
        self._automatic_name = False
        if chosen.suffix.lower() in (".xlsx", ".csv"):
            (self.csv if chosen.suffix.lower() == ".csv" else self.xlsx).setChecked(True)
        else:
            chosen = chosen.with_suffix(f".{self.chosen_format()}")
        self.path.setText(str(chosen))

    def _read_village_name(self, _progress: Progress, _cancelled: Cancelled
                           ) -> tuple[str, bool]:
        with self.ctx.sessions() as session:  # worker thread: a session of its own
            return (str(self._exports.village_name(session)),
                    bool(self._exports.is_training(session)))

    def _village_read(self, found: object) -> None:
        if not isValid(self):  # the dialog was closed before the answer came
            return
        name, training = found  # type: ignore[misc]
        self._village, self._training = str(name), bool(training)
        self._update_name()

    # --- running -------------------------------------------------------------------------

    def start_export(self) -> None:
        path = self.chosen_path()
        if not self.path.text().strip():
            self._show_error(QCoreApplication.translate("ExportDialog", "Choose a file name."))
            return
        if not path.parent.is_dir():
            self._show_error(QCoreApplication.translate(
                "ExportDialog", "The folder {folder} does not exist.").format(folder=path.parent))
            return
        if path.exists() and not self._confirm_replace(self, path):
            return
        self.error.hide()
        what, fmt, mask, lang = (self.chosen_what(), self.chosen_format(),
                                 self.mask.isChecked(), self.lang)
        purpose = self.chosen_purpose()
        sessions, run_export = self.ctx.sessions, self._exports.run_export

        def work(progress: Progress, cancelled: Cancelled) -> object:  # worker thread
            return run_export(sessions, what, path, fmt=fmt, mask_identifiers=mask, lang=lang,
                              purpose=purpose, progress=progress, cancelled=cancelled)

        token = CancelToken()
        self.progress = TaskProgressDialog(
            QCoreApplication.translate("ExportDialog", "Exporting"),
            QCoreApplication.translate("ExportDialog", "Writing {file}…").format(file=path.name),
            token, self)
        self.progress.show()  # window-modal: this dialog takes no input meanwhile
        log.info("export started: %s as %s for %s (masked: %s)", what, fmt, purpose, mask)
        self.runner.run(work, on_result=self._finished, on_error=self._failed,
                        on_progress=self.progress.set_progress, token=token)

    def _finished(self, result: Any) -> None:
        self._end_progress()
        self.result = result
        log.info("export written: %s rows", result.rows)
        text = QCoreApplication.translate(
            "ExportDialog", "{rows} rows were saved to:\n{file}").format(
            rows=result.rows, file=result.path)
        if result.masked:
            text += "\n\n" + QCoreApplication.translate(
                "ExportDialog", "NIK and No. KK are masked in this file.")
        self._show_message(QMessageBox.Icon.Information, text, self.parentWidget())
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._end_progress()
        from siksdesk.io.table import ExportCancelled, ExportError

        if isinstance(error, ExportCancelled):
            log.info("export cancelled by the user")
            self._show_message(QMessageBox.Icon.Information, QCoreApplication.translate(
                "ExportDialog", "The export was cancelled; no file was written."), self)
        elif isinstance(error, ExportError):
            log.warning("export failed: %s", error.code)
            self._show_error(error.message(self.lang))
        else:
            _report(error)

    def _end_progress(self) -> None:
        if self.progress is not None:
            self.progress.finish()
            self.progress = None

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _show_message(self, icon: QMessageBox.Icon, text: str, parent: QWidget | None) -> None:
        box = QMessageBox(icon, QCoreApplication.translate("ExportDialog", "Export"), text,
                          QMessageBox.StandardButton.Ok, parent)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_box = box
        box.open()


def run_export_dialog(parent: QWidget | None, ctx: AppContext, runner: Runner,
                      lang: str | None, what: str | None = None) -> ExportDialog:
    """Open the export dialog (window-modal, not blocking) and return it."""
    dialog = ExportDialog(ctx, runner, lang, what, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # muted, as in Settings
    return label


def _report(error: BaseException) -> None:
    """An unexpected failure is a bug: logged and shown in the crash dialog."""
    sys.excepthook(type(error), error, error.__traceback__)
