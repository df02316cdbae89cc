"""Table model of a BNBA dry run: one line per file row (row, status, name, masked NIK, what
changes or why it is refused), with a status filter."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor

from siksdesk.io.bnba_layout import TARGET_BY_KEY
from siksdesk.services.bnba_types import FieldChange, ImportPlan, RowOutcome, RowStatus
from siksdesk.ui.list_model import ListTableModel

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


class BnbaPreviewModel(ListTableModel):
    CONTEXT = "BnbaPreview"
    HEADERS = (
        QT_TRANSLATE_NOOP("BnbaPreview", "Row"),
        QT_TRANSLATE_NOOP("BnbaPreview", "Status"),
        QT_TRANSLATE_NOOP("BnbaPreview", "Name"),
        QT_TRANSLATE_NOOP("BnbaPreview", "NIK"),
        QT_TRANSLATE_NOOP("BnbaPreview", "Changes or reason"),
    )

    def __init__(self, plan: ImportPlan, lang: str = "id") -> None:
        super().__init__()
        self.plan = plan
        self.lang = lang
        self._rows = list(plan.rows)

    @property
    def rows(self) -> list[RowOutcome]:
        return self._rows

    def set_filter(self, status: RowStatus | None) -> None:
        self.replace_rows([r for r in self.plan.rows if status is None or r.status is status])

    def detail(self, outcome: RowOutcome) -> str:
        if outcome.status in (RowStatus.REJECTED, RowStatus.CONFLICT) or not outcome.changes:
            return " ".join(p.detail(self.lang) for p in outcome.problems)
        return "; ".join(change_text(c, self.lang) for c in outcome.changes)

    def cell(self, outcome: RowOutcome, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            values = (str(outcome.row), status_text(outcome.status), outcome.nama,
                      outcome.nik_masked, self.detail(outcome))
            return values[column] if 0 <= column < len(values) else None
        if role == SORT_ROLE:
            return (outcome.row if column == COL_ROW
                    else self.cell(outcome, column, Qt.ItemDataRole.DisplayRole))
        if role == Qt.ItemDataRole.BackgroundRole and outcome.status in _COLORS:
            return QBrush(QColor(_COLORS[outcome.status]))
        return None
