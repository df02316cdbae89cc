"""The "Perbaikan NIK" worklist: the district's invalid-NIK list, imported and worked through.

Import: file dialog → dry run (background, progress + Cancel) → preview with counts → confirm →
import (background, progress + Cancel) → the list reloads. Per item: "Fix NIK…", "Propose
deactivation…", "Close item…", "Open record" (``open_record(ruta_id, art_id)`` for the desk).
Every read and write runs on the task runner; only DTOs reach the widgets. ``changed`` is
emitted after anything was written (the desk refreshes its list and "Masalah data").
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from siksdesk.db.session import read_session
from siksdesk.domain.nik_issues import IssueStatus, status_label
from siksdesk.services.nik_issues import (
    REJECTIONS,
    FixResult,
    ImportCancelled,
    NikIssueError,
    NikIssueRow,
    NikListImportResult,
    NikListPreview,
    apply_invalid_nik_import,
    dismiss_issue,
    fix_nik,
    nik_issue_counts,
    nik_issue_rows,
    preview_invalid_nik_file,
    propose_deactivation,
)
from siksdesk.ui.i18n import normalise_lang, ui_locale
from siksdesk.ui.id_input import COLOURS, STATE_INVALID
from siksdesk.ui.nik_issue_dialogs import DeactivateDialog, DismissDialog, FixNikDialog
from siksdesk.ui.nik_issue_model import NikIssuesModel, resolution_text
from siksdesk.ui.nik_issue_preview import NikPreviewDialog
from siksdesk.ui.progress_dialog import TaskProgressDialog
from siksdesk.ui.pseudo import mark_data_text
from siksdesk.ui.tasks import Cancelled, CancelToken, Progress, Runner

ALL = "all"


class NikIssuesView(QWidget):
    open_record = Signal(int, int)  # ruta_id, art_id
    changed = Signal()  # an import or an action wrote to the database

    def __init__(self, sessions: sessionmaker[Session], runner: Runner, author: str,
                 lang: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sessions, self.runner, self.author = sessions, runner, author
        self.lang = normalise_lang(lang)
        self.number_locale = ui_locale(self.lang)
        self.counts: dict[str, int] = {}
        self.progress_dialog: TaskProgressDialog | None = None
        self.preview_dialog: NikPreviewDialog | None = None
        self.action_dialog: FixNikDialog | DeactivateDialog | DismissDialog | None = None
        self._generation = 0
        self.model = NikIssuesModel(lang=self.lang, parent=self)
        self._build()
        self.refresh()

    # -- construction -------------------------------------------------------------------------
    def _build(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("NikIssuesView", "NIK corrections"))
        self.rule = QLabel(QCoreApplication.translate(
            "NikIssuesView", "The district (Dinsos) lists NIKs that Dukcapil could not match. "
            "For each person, first decide whether they are still eligible. If yes, check the "
            "KTP or family card and fix the NIK. If not — no longer poor, deceased, moved away "
            "or not found — propose deactivation; the MusDes decides."))
        self.rule.setWordWrap(True)
        self.import_button = QPushButton(
            QCoreApplication.translate("NikIssuesView", "Import district list…"))
        self.import_button.clicked.connect(lambda: self.import_file())
        self.status_filter = QComboBox()
        self.status_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.counts_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.import_button)
        top.addStretch(1)
        top.addWidget(self.counts_label)
        top.addWidget(self.status_filter)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        # Columns fit their contents (the table scrolls sideways when the texts are long);
        # the last one takes what room is left.
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.doubleClicked.connect(lambda _index: self.open_current())
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        mark_data_text(self.detail)

        self.fix_button = QPushButton(QCoreApplication.translate("NikIssuesView", "Fix NIK…"))
        self.deactivate_button = QPushButton(
            QCoreApplication.translate("NikIssuesView", "Propose deactivation…"))
        self.dismiss_button = QPushButton(
            QCoreApplication.translate("NikIssuesView", "Close item…"))
        self.open_button = QPushButton(QCoreApplication.translate("NikIssuesView", "Open record"))
        self.fix_button.clicked.connect(self.fix_current)
        self.deactivate_button.clicked.connect(self.deactivate_current)
        self.dismiss_button.clicked.connect(self.dismiss_current)
        self.open_button.clicked.connect(self.open_current)
        actions = QHBoxLayout()
        for button in (self.fix_button, self.deactivate_button, self.dismiss_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.open_button)
        self.message = QLabel()
        self.message.setWordWrap(True)
        mark_data_text(self.message)  # service messages come from the bilingual catalogues

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.rule)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        self._fill_filter()
        self._update_buttons()

    def _fill_filter(self) -> None:
        current = self.status_filter.currentData() or IssueStatus.OPEN.value
        self.status_filter.blockSignals(True)
        self.status_filter.clear()
        for status in IssueStatus:
            self.status_filter.addItem(self._with_count(status_label(status, self.lang),
                                                        self.counts.get(status.value)),
                                       status.value)
        total = sum(self.counts.values()) if self.counts else None
        self.status_filter.addItem(self._with_count(
            QCoreApplication.translate("NikIssuesView", "All items"), total), ALL)
        self.status_filter.setCurrentIndex(max(self.status_filter.findData(current), 0))
        self.status_filter.blockSignals(False)

    def _with_count(self, text: str, count: int | None) -> str:
        return text if count is None else f"{text} ({self.number_locale.toString(count)})"

    # -- loading ------------------------------------------------------------------------------
    def selected_status(self) -> str | None:
        data = self.status_filter.currentData()
        return None if data == ALL else (data or IssueStatus.OPEN.value)

    def select_status(self, status: str | None) -> None:
        self.status_filter.setCurrentIndex(self.status_filter.findData(status or ALL))

    def refresh(self) -> None:
        """Re-read the counts and the items of the chosen status (in the background)."""
        self._generation += 1
        generation, sessions, status = self._generation, self.sessions, self.selected_status()

        def work(_p: Progress, _c: Cancelled) -> tuple[dict[str, int], list[NikIssueRow]]:
            with read_session(sessions) as session:
                return nik_issue_counts(session), nik_issue_rows(session, status)

        self.runner.run(work, on_result=lambda result: self._loaded(generation, result),
                        on_error=_report)

    def _loaded(self, generation: int,
                result: tuple[dict[str, int], list[NikIssueRow]]) -> None:
        if generation != self._generation:
            return  # a newer refresh is on its way
        keep = self.current_item()
        self.counts, rows = result
        self.model.set_rows(rows)
        self._fill_filter()
        self.counts_label.setText(QCoreApplication.translate(
            "NikIssuesView", "{open} open of {total}").format(
            open=self.number_locale.toString(self.counts.get(IssueStatus.OPEN.value, 0)),
            total=self.number_locale.toString(sum(self.counts.values()))))
        self.table.resizeColumnsToContents()
        row = self.model.row_of(keep.id) if keep is not None else None
        if row is None and rows:
            row = 0
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, 0))
        self._row_changed(self.table.currentIndex(), QModelIndex())

    # -- selection ----------------------------------------------------------------------------
    def current_item(self) -> NikIssueRow | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.item_at(index.row())

    def select_issue(self, issue_id: int) -> None:
        row = self.model.row_of(issue_id)
        if row is None:
            raise KeyError(issue_id)
        self.table.setCurrentIndex(self.model.index(row, 0))

    def _row_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        item = self.current_item()
        self.detail.setText("" if item is None else self._detail_text(item))
        self._update_buttons()

    def _detail_text(self, item: NikIssueRow) -> str:
        return QCoreApplication.translate(
            "NikIssuesView", "Row {row} of {file}. District's note: {note}. Status: {status}."
        ).format(row=item.source_row, file=item.file_name, note=item.district_note or "—",
                 status=resolution_text(item, self.lang))

    def _update_buttons(self) -> None:
        item = self.current_item()
        is_open = item is not None and item.status == IssueStatus.OPEN.value
        linked = item is not None and item.art_id is not None
        self.fix_button.setEnabled(is_open and linked)
        self.deactivate_button.setEnabled(is_open and linked)
        self.dismiss_button.setEnabled(is_open)
        self.open_button.setEnabled(linked)

    def open_current(self) -> None:
        item = self.current_item()
        if item is not None and item.ruta_id is not None and item.art_id is not None:
            self.open_record.emit(item.ruta_id, item.art_id)

    # -- actions ------------------------------------------------------------------------------
    def fix_current(self) -> None:
        item = self.current_item()
        if item is None:
            return
        dialog = FixNikDialog(item, self.sessions, self.runner, lang=self.lang, parent=self)
        self._open_action(dialog, lambda nik: fix_nik(self.sessions, item.id, str(nik),
                                                      self.author))

    def deactivate_current(self) -> None:
        item = self.current_item()
        if item is None:
            return
        dialog = DeactivateDialog(item, lang=self.lang, parent=self)
        self._open_action(dialog, lambda answer: propose_deactivation(
            self.sessions, item.id, answer[0], self.author, note=answer[1]))

    def dismiss_current(self) -> None:
        item = self.current_item()
        if item is None:
            return
        dialog = DismissDialog(item, lang=self.lang, parent=self)
        self._open_action(dialog, lambda answer: dismiss_issue(self.sessions, item.id,
                                                               answer[0], self.author))

    def _open_action(self, dialog: FixNikDialog | DeactivateDialog | DismissDialog,
                     action: Callable[[Any], Any]) -> None:
        self.action_dialog = dialog

        def submitted(answer: object) -> None:
            dialog.setEnabled(False)
            self.runner.run(lambda _p, _c: action(answer),
                            on_result=lambda result: self._action_done(dialog, result),
                            on_error=lambda error: self._action_failed(dialog, error))

        dialog.submitted.connect(submitted)
        dialog.open()

    def _action_done(self, dialog: QWidget, result: object) -> None:
        dialog.setEnabled(True)
        if isinstance(dialog, FixNikDialog | DeactivateDialog | DismissDialog):
            dialog.accept()
        self.action_dialog = None
        if isinstance(result, FixResult) and result.warnings:
            self._say(QCoreApplication.translate(
                "NikIssuesView", "The NIK was saved. Please check: {warnings}").format(
                warnings=" ".join(p.message(self.lang) for p in result.warnings)))
        else:
            self._say(QCoreApplication.translate("NikIssuesView", "Saved."))
        self.changed.emit()
        self.refresh()

    def _action_failed(self, dialog: FixNikDialog | DeactivateDialog | DismissDialog,
                       error: BaseException) -> None:
        if isinstance(error, NikIssueError):
            dialog.show_error(error.message(self.lang))
            return
        dialog.setEnabled(True)
        _report(error)

    # -- import -------------------------------------------------------------------------------
    def choose_file(self) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(
            self, QCoreApplication.translate("NikIssuesView", "District's invalid-NIK list"), "",
            QCoreApplication.translate("NikIssuesView", "Excel or CSV files (*.xlsx *.csv)"))
        return Path(name) if name else None

    def import_file(self, path: Path | None = None) -> None:
        """Start with the dry run of ``path`` (asked for when None)."""
        if self.progress_dialog is not None:
            return  # one import at a time
        path = path or self.choose_file()
        if path is None:
            return
        sessions = self.sessions

        def work(progress: Progress, cancelled: Cancelled) -> NikListPreview:
            with read_session(sessions) as session:
                return preview_invalid_nik_file(session, path, cancelled=cancelled,
                                                progress=progress)

        self._in_background(QCoreApplication.translate("NikIssuesView", "Reading the list"),
                            work, lambda preview: self._show_preview(path, preview))

    def _show_preview(self, path: Path, preview: NikListPreview) -> None:
        self.preview_dialog = dialog = NikPreviewDialog(preview, lang=self.lang, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # it holds the whole list
        dialog.accepted.connect(lambda: self._apply(path, preview.sha256))
        dialog.rejected.connect(self._preview_closed)
        dialog.open()

    def _preview_closed(self) -> None:
        self.preview_dialog = None

    def _apply(self, path: Path, sha256: str) -> None:
        self.preview_dialog = None
        sessions, author = self.sessions, self.author

        def work(progress: Progress, cancelled: Cancelled) -> NikListImportResult:
            return apply_invalid_nik_import(sessions, path, author=author,
                                            expected_sha256=sha256, cancelled=cancelled,
                                            progress=progress)

        self._in_background(QCoreApplication.translate("NikIssuesView", "Importing the list"),
                            work, self._imported)

    def _imported(self, result: NikListImportResult) -> None:
        self._say(QCoreApplication.translate(
            "NikIssuesView", "Imported: {count} rows added to the list.").format(
            count=self.number_locale.toString(result.preview.to_store)))
        self.select_status(IssueStatus.OPEN.value)
        self.changed.emit()
        self.refresh()

    def _in_background(self, title: str, work: Callable[[Progress, Cancelled], Any],
                       done: Callable[[Any], None]) -> None:
        token = CancelToken()
        self.progress_dialog = dialog = TaskProgressDialog(
            title, QCoreApplication.translate("NikIssuesView", "Please wait…"), token, self)
        dialog.show()

        def finished(result: Any) -> None:
            self._end_progress()
            done(result)

        self.runner.run(work, on_result=finished, on_error=self._import_failed,
                        on_progress=dialog.set_progress, token=token)

    def _end_progress(self) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.finish()
            self.progress_dialog = None

    def _import_failed(self, error: BaseException) -> None:
        self._end_progress()
        if isinstance(error, ImportCancelled):
            self._say(QCoreApplication.translate(
                "NikIssuesView", "Import cancelled; nothing was changed."))
        elif isinstance(error, REJECTIONS):
            self._say(error.message(self.lang), error=True)
        else:
            _report(error)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(f"color: {COLOURS[STATE_INVALID][1]};" if error else "")
        self.message.setText(text)


def _report(error: BaseException) -> None:
    """A failure that is not the operator's doing is a bug: the crash dialog shows it."""
    sys.excepthook(type(error), error, error.__traceback__)
