"""Riwayat: a household's history (from the editor, Ctrl+H) and the audit chain (overall, with
"Periksa rantai" running ``verify_chain`` in the background). Both dialogs read through the
Runner and show DTOs (services.audit_history / audit_verify); nothing here writes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
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
from sqlalchemy.orm import Session, sessionmaker

from siksdesk.services.audit_history import (
    AuditEntryRow,
    ChangeLine,
    audit_entries,
    household_history,
    ruta_uuid_of,
)
from siksdesk.services.audit_verify import VerifyReport, verify_session
from siksdesk.ui.i18n import normalise_lang
from siksdesk.ui.list_model import ListTableModel
from siksdesk.ui.tasks import Cancelled, Progress, Runner

Sessions = sessionmaker[Session]


def _action_text(action: str) -> str:
    texts = {
        "insert": QCoreApplication.translate("History", "added"),
        "update": QCoreApplication.translate("History", "changed"),
        "delete": QCoreApplication.translate("History", "removed"),
        "edit": QCoreApplication.translate("History", "edit"),
        "import": QCoreApplication.translate("History", "import"),
        "demo": QCoreApplication.translate("History", "demo village"),
        "sync": QCoreApplication.translate("History", "sync with the district"),
        "usulan": QCoreApplication.translate("History", "proposal"),
        "musdes": QCoreApplication.translate("History", "MusDes"),
        "baseline": QCoreApplication.translate("History", "changes before the audit trail"),
        "restore": QCoreApplication.translate("History", "restore from backup"),
        "account": QCoreApplication.translate("History", "accounts"),
        "training-accounts": QCoreApplication.translate("History", "training accounts"),
    }
    return texts.get(action, action)


class ChangeLinesModel(ListTableModel):
    CONTEXT = "History"
    HEADERS = ("When", "Who", "Origin", "Record", "What", "Field", "Before", "After", "Entry")

    def cell(self, item: ChangeLine, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (item.at, item.author, _action_text(item.origin),
                    f"{item.entity} {item.label}".strip(), _action_text(item.action),
                    item.field, item.before, item.after,
                    str(item.audit_id) if item.audit_id else "")[column]
        if role == Qt.ItemDataRole.UserRole:
            return item
        return None


class AuditEntriesModel(ListTableModel):
    CONTEXT = "History"
    HEADERS = ("No.", "When", "Who", "Action", "Tables", "Fields", "Hash")

    def cell(self, item: AuditEntryRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (str(item.id), item.at, item.author, _action_text(item.action),
                    item.tables, item.fields, item.hash[:16])[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == 6:
            return item.hash
        if role == Qt.ItemDataRole.UserRole:
            return item
        return None


def _table(model: ListTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class _HistoryDialog(QDialog):
    def __init__(self, sessions: Sessions, runner: Runner, lang: str,
                 parent: QWidget | None) -> None:
        super().__init__(parent)
        self.sessions, self.runner, self.lang = sessions, runner, normalise_lang(lang)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.resize(1100, 640)

    def _layout(self, view: QTableView, extra: QWidget | None = None) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(view, 1)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        if extra is not None:
            row.addWidget(extra)
        layout.addLayout(row)
        layout.addWidget(self.buttons)

    def _failed(self, error: BaseException) -> None:
        message = getattr(error, "message", None)
        text = message(self.lang) if callable(message) else type(error).__name__
        self.status.setText(QCoreApplication.translate(
            "History", "Could not read the history: {error}").format(error=text))


class HouseholdHistoryDialog(_HistoryDialog):
    """Every change of one household, field by field, with the audit entry covering it."""

    def __init__(self, sessions: Sessions, runner: Runner, ruta_id: int, *, lang: str = "id",
                 parent: QWidget | None = None) -> None:
        super().__init__(sessions, runner, lang, parent)
        self.setWindowTitle(QCoreApplication.translate("History", "History of the household"))
        self.model = ChangeLinesModel(self)
        self.view = _table(self.model)
        self._layout(self.view)
        self.load(ruta_id)

    def load(self, ruta_id: int) -> None:
        self.status.setText(QCoreApplication.translate("History", "Reading…"))

        def work(_progress: Progress, _cancelled: Cancelled) -> tuple[ChangeLine, ...]:
            with self.sessions() as session:
                uuid = ruta_uuid_of(session, ruta_id)
                return household_history(session, uuid) if uuid else ()

        self.runner.run(work, on_result=self._loaded, on_error=self._failed)

    def _loaded(self, lines: tuple[ChangeLine, ...]) -> None:
        self.model.replace_rows(lines)
        self.status.setText(QCoreApplication.translate(
            "History", "{count} changes, oldest first.").format(count=len(lines)))


class AuditTrailDialog(_HistoryDialog):
    """The audit chain, newest entry first, and "Periksa rantai"."""

    def __init__(self, sessions: Sessions, runner: Runner, *, lang: str = "id",
                 parent: QWidget | None = None) -> None:
        super().__init__(sessions, runner, lang, parent)
        self.setWindowTitle(QCoreApplication.translate("History", "Audit trail"))
        self.model = AuditEntriesModel(self)
        self.view = _table(self.model)
        self.check_button = QPushButton(QCoreApplication.translate("History", "Check the chain"))
        self.check_button.clicked.connect(self.check)
        self.report: VerifyReport | None = None
        self._layout(self.view, self.check_button)
        self.load()

    def load(self) -> None:
        def work(_progress: Progress, _cancelled: Cancelled) -> tuple[AuditEntryRow, ...]:
            with self.sessions() as session:
                return audit_entries(session)

        self.runner.run(work, on_result=self._loaded, on_error=self._failed)

    def _loaded(self, rows: tuple[AuditEntryRow, ...]) -> None:
        self.model.replace_rows(rows)
        self.status.setText(QCoreApplication.translate(
            "History", "{count} entries, newest first.").format(count=len(rows)))

    def check(self) -> None:
        self.check_button.setEnabled(False)
        self.status.setText(QCoreApplication.translate("History", "Checking the chain…"))

        def work(progress: Progress, cancelled: Cancelled) -> VerifyReport:
            with self.sessions() as session:
                return verify_session(session, progress, cancelled)

        self.runner.run(work, on_result=self._checked, on_error=self._check_failed,
                        on_progress=self._progress)

    def _progress(self, done: int, total: int) -> None:
        self.status.setText(QCoreApplication.translate(
            "History", "Checking the chain… {done} of {total}").format(done=done, total=total))

    def _checked(self, report: VerifyReport) -> None:
        self.report = report
        self.check_button.setEnabled(True)
        if report.problem is None:
            self.status.setText(QCoreApplication.translate(
                "History", "The chain is intact: {entries} entries, {changes} changes.").format(
                    entries=report.entries, changes=report.changes))
            return
        self.status.setText(QCoreApplication.translate(
            "History", "The chain is BROKEN: {problem}").format(
                problem=report.problem.message(self.lang)))
        self._select(report.problem.entry)

    def _check_failed(self, error: BaseException) -> None:
        self.check_button.setEnabled(True)
        self._failed(error)

    def _select(self, entry_id: int) -> None:
        for row in range(self.model.rowCount()):
            if self.model.item_at(row).id == entry_id:
                self.view.selectRow(row)
                return


def open_household_history(parent: QWidget | None, sessions: Sessions, runner: Runner,
                           ruta_id: int, lang: str = "id") -> HouseholdHistoryDialog:
    dialog = HouseholdHistoryDialog(sessions, runner, ruta_id, lang=lang, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def open_audit_trail(parent: QWidget | None, sessions: Sessions, runner: Runner,
                     lang: str = "id") -> AuditTrailDialog:
    dialog = AuditTrailDialog(sessions, runner, lang=lang, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


__all__ = ["AuditTrailDialog", "HouseholdHistoryDialog", "open_audit_trail",
           "open_household_history"]
