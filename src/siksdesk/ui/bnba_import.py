"""Importing the village list (BNBA) from the desk: choose the file, map unknown columns once,
look at the dry run, confirm; reading and writing run off the GUI thread with progress and
Cancel. Entry point: ``run_bnba_import(parent, ctx, runner, author, lang, on_imported=...)``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from siksdesk.app import AppContext
from siksdesk.domain.import_problems import ImportRejected
from siksdesk.io.bnba_layout import TARGETS, HeaderMatch
from siksdesk.services.bnba_import import apply_bnba, preview_bnba, remember_profile
from siksdesk.services.bnba_types import ImportPlan, ImportResult, NeedsMapping, RowStatus
from siksdesk.services.gc_pause import thaw
from siksdesk.ui.bnba_preview_model import BnbaPreviewModel, status_text
from siksdesk.ui.progress_dialog import TaskProgressDialog
from siksdesk.ui.tasks import Runner

Done = Callable[[ImportResult], None]


class ColumnMappingDialog(QDialog):
    """One line per column of the file: which field it fills (or "ignore")."""

    def __init__(self, match: HeaderMatch, file_name: str, lang: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.match = match
        self.setWindowTitle(QCoreApplication.translate("BnbaImport", "Map the columns"))
        intro = QLabel(QCoreApplication.translate(
            "BnbaImport", "Some columns of {file} are not known. Choose what each column holds; "
            "the answer is remembered for files with the same columns.").format(file=file_name))
        intro.setWordWrap(True)
        self.name = QLineEdit(file_name.rsplit(".", 1)[0][:80])
        self.table = QTableWidget(len(match.headers), 2)
        self.table.setHorizontalHeaderLabels([
            QCoreApplication.translate("BnbaImport", "Column in the file"),
            QCoreApplication.translate("BnbaImport", "Field")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.choices: list[QComboBox] = []
        for index, header in enumerate(match.headers):
            self.table.setItem(index, 0, QTableWidgetItem(header))
            box = QComboBox()
            for target in TARGETS:
                box.addItem(target.label(lang), target.key)
            box.setCurrentIndex(max(box.findData(match.columns.get(index, "_ignore")), 0))
            self.table.setCellWidget(index, 1, box)
            self.choices.append(box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        name_row = QHBoxLayout()
        name_row.addWidget(QLabel(QCoreApplication.translate("BnbaImport", "Name of this format")))
        name_row.addWidget(self.name, 1)
        layout.addLayout(name_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(640, 520)

    def columns(self) -> dict[int, str]:
        return {i: str(box.currentData()) for i, box in enumerate(self.choices)
                if box.currentData() != "_ignore"}


class ImportPreviewDialog(QDialog):
    """The dry run: counts, a filter and every row; "Import" writes it."""

    def __init__(self, plan: ImportPlan, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle(QCoreApplication.translate("BnbaImport", "Import preview"))
        counts = plan.counts
        summary = QCoreApplication.translate(
            "BnbaImport", "{file} (sheet {sheet}, format {profile}): {new} new, {update} to "
            "update, {unchanged} unchanged, {conflict} conflicts with unsent local edits, "
            "{rejected} rejected. Nothing has been saved yet.").format(
                file=plan.file_name, sheet=plan.sheet, profile=plan.profile, **counts)
        notes = [p.message(lang) for p in plan.file_problems]
        if plan.kode_bps_learned:
            notes.append(QCoreApplication.translate(
                "BnbaImport", "The village's BPS code {code} will be recorded.").format(
                    code=plan.kode_bps_learned))
        label = QLabel("\n".join([summary, *notes]))
        label.setWordWrap(True)
        self.filter = QComboBox()
        self.filter.addItem(QCoreApplication.translate("BnbaImport", "All rows"), None)
        for status in RowStatus:
            self.filter.addItem(f"{status_text(status)} ({counts[status.value]})", status)
        self.model = BnbaPreviewModel(plan, lang)
        self.filter.currentIndexChanged.connect(
            lambda _i: self.model.set_filter(self.filter.currentData()))
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.verticalHeader().setVisible(False)
        self.view.setWordWrap(False)
        # Widths from the first rows only (a file may hold 50,000): a masked NIK, a full name.
        self.view.horizontalHeader().setResizeContentsPrecision(200)
        self.view.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton(
            QCoreApplication.translate("BnbaImport", "Import"),
            QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(not plan.writes.empty)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.filter)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(900, 600)


class BnbaImportFlow:
    """Holds the state of one import while its tasks run (kept alive by the parent)."""

    def __init__(self, parent: QWidget, ctx: AppContext, runner: Runner, author: str,
                 lang: str, on_imported: Done | None) -> None:
        self.parent = parent
        self.ctx = ctx
        self.runner = runner
        self.author = author
        self.lang = lang
        self.on_imported = on_imported
        self.path: Path | None = None
        self.progress: TaskProgressDialog | None = None
        # Test hooks: replace to answer dialogs without showing them.
        self.ask_mapping: Callable[[ColumnMappingDialog], bool] = lambda d: bool(d.exec())
        self.ask_confirm: Callable[[ImportPreviewDialog], bool] = lambda d: bool(d.exec())
        self.tell: Callable[[str, str], None] = self._message_box

    def start(self, path: Path) -> None:
        self.path = path
        self._task(QCoreApplication.translate("BnbaImport", "Reading {file}…").format(
            file=path.name), lambda progress, cancelled: preview_bnba(
                self.ctx.sessions, path, progress=progress, cancelled=cancelled),
            self._previewed)

    def _task(self, message: str, fn: Callable[..., Any], done: Callable[[Any], None]) -> None:
        from siksdesk.ui.tasks import CancelToken

        token = CancelToken()
        self.progress = TaskProgressDialog(
            QCoreApplication.translate("BnbaImport", "Import BNBA list"), message, token,
            self.parent)
        self.progress.show()
        self.runner.run(fn, on_result=lambda r: self._finish(done, r),
                        on_error=self._failed, on_progress=self.progress.set_progress,
                        token=token)

    def _finish(self, done: Callable[[Any], None], result: Any) -> None:
        if self.progress is not None:
            self.progress.finish()
        done(result)

    def _failed(self, error: BaseException) -> None:
        if self.progress is not None:
            self.progress.finish()
        if isinstance(error, NeedsMapping):
            self._map(error)
        elif isinstance(error, ImportRejected):
            self.tell(QCoreApplication.translate("BnbaImport", "File not imported"),
                      error.message(self.lang))
        else:
            raise error  # a bug: the crash dialog takes it

    def _map(self, need: NeedsMapping) -> None:
        dialog = ColumnMappingDialog(need.match, need.file_name, self.lang, self.parent)
        if self.ask_mapping(dialog) and self.path is not None:
            remember_profile(self.ctx.sessions, need.match, dialog.columns(),
                             dialog.name.text().strip() or need.file_name)
            self.start(self.path)

    def _previewed(self, plan: ImportPlan) -> None:
        dialog = ImportPreviewDialog(plan, self.lang, self.parent)
        confirmed = self.ask_confirm(dialog)
        dialog.deleteLater()  # it holds the plan: hundreds of MB for 50,000 people
        if not confirmed:
            QTimer.singleShot(0, thaw)
            return
        # The commit task frees the plan's records in slices: where its last reference goes,
        # freeing 76,000 records at once would stall the GUI thread for ~0.1 s.
        self._task(QCoreApplication.translate("BnbaImport", "Saving the import…"),
                   lambda progress, cancelled: apply_bnba(
                       self.ctx.sessions, plan, author=self.author, progress=progress,
                       cancelled=cancelled, free_writes=True), self._applied)

    def _applied(self, result: ImportResult) -> None:
        self.tell(QCoreApplication.translate("BnbaImport", "Import finished"),
                  QCoreApplication.translate(
                      "BnbaImport", "{households} households and {people} members were "
                      "written.").format(households=result.households_written,
                                         people=result.people_written))
        if self.on_imported is not None:
            self.on_imported(result)
        QTimer.singleShot(0, thaw)  # the plan is gone once this returns

    def _message_box(self, title: str, text: str) -> None:
        QMessageBox.information(self.parent, title, text)


def run_bnba_import(parent: QWidget, ctx: AppContext, runner: Runner, author: str,
                    lang: str = "id", on_imported: Done | None = None,
                    path: Path | None = None) -> BnbaImportFlow | None:
    """Ask for a file (unless ``path``) and run the import flow; None when no file chosen."""
    if path is None:
        chosen, _filter = QFileDialog.getOpenFileName(
            parent, QCoreApplication.translate("BnbaImport", "Import BNBA list"), "",
            QCoreApplication.translate("BnbaImport", "Excel or CSV (*.xlsx *.csv)"))
        if not chosen:
            return None
        path = Path(chosen)
    flow = BnbaImportFlow(parent, ctx, runner, author, lang, on_imported)
    parent._bnba_import_flow = flow  # type: ignore[attr-defined]  # alive while tasks run
    flow.start(path)
    return flow
