"""Table model of a BNBA dry run: one line per file row (row, status, name, masked NIK, what
changes or why it is refused), with a status filter."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from siksdesk.io.bnba_layout import TARGET_BY_KEY
from siksdesk.services.bnba_types import FieldChange, ImportPlan, RowOutcome, RowStatus

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1

COL_ROW, COL_STATUS, COL_NAME, COL_NIK, COL_DETAIL = range(5)
_COLORS = {RowStatus.NEW: "#e6f4ea", RowStatus.UPDATE: "#e8f0fe",
           RowStatus.CONFLICT: "#fef7e0", RowStatus.REJECTED: "#fce8e6"}


def status_text(status: RowStatus) -> str:
    texts = {
        RowStatus.NEW: QCoreApplication.translate("BnbaPreview", "New"),
        RowStatus.UPDATE: QCoreApplication.translate("BnbaPreview", "Update"),
        RowStatus.UNCHANGED: QCoreApplication.translate("BnbaPreview", "Unchanged"),
        RowStatus.CONFLICT: QCoreApplication.translate("BnbaPreview", "Conflict"),
        RowStatus.REJECTED: QCoreApplication.translate("BnbaPreview", "Rejected"),
    }
    return texts[status]


def _shown(value: Any) -> str:
    if value is None:
        return "–"
    if value is True:
        return QCoreApplication.translate("BnbaPreview", "yes")
    if value is False:
        return QCoreApplication.translate("BnbaPreview", "no")
    return str(value)


def change_text(change: FieldChange, lang: str) -> str:
    target = TARGET_BY_KEY.get(change.name)
    label = target.label(lang) if target is not None else change.name
    return f"{label}: {_shown(change.before)} → {_shown(change.after)}"


class BnbaPreviewModel(QAbstractTableModel):
    def __init__(self, plan: ImportPlan, lang: str = "id") -> None:
        super().__init__()
        self.plan = plan
        self.lang = lang
        self.rows: list[RowOutcome] = list(plan.rows)
        self.headers = [
            QCoreApplication.translate("BnbaPreview", "Row"),
            QCoreApplication.translate("BnbaPreview", "Status"),
            QCoreApplication.translate("BnbaPreview", "Name"),
            QCoreApplication.translate("BnbaPreview", "NIK"),
            QCoreApplication.translate("BnbaPreview", "Changes or reason"),
        ]

    def set_filter(self, status: RowStatus | None) -> None:
        self.beginResetModel()
        self.rows = [r for r in self.plan.rows if status is None or r.status is status]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.headers):
            return self.headers[section]
        return None

    def detail(self, outcome: RowOutcome) -> str:
        if outcome.status in (RowStatus.REJECTED, RowStatus.CONFLICT) or not outcome.changes:
            return " ".join(p.detail(self.lang) for p in outcome.problems)
        return "; ".join(change_text(c, self.lang) for c in outcome.changes)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        outcome = self.rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            values = (str(outcome.row), status_text(outcome.status), outcome.nama,
                      outcome.nik_masked, self.detail(outcome))
            return values[column] if 0 <= column < len(values) else None
        if role == SORT_ROLE:
            return outcome.row if column == COL_ROW else self.data(index)
        if role == Qt.ItemDataRole.BackgroundRole and outcome.status in _COLORS:
            return QBrush(QColor(_COLORS[outcome.status]))
        return None
