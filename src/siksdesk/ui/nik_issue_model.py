"""Table models of the "Perbaikan NIK" worklist: the items (``NikIssuesModel``) and the rows of
an import preview (``NikPreviewModel``). Both hold DTOs only and are filled whole: the lists are
hundreds of rows (a district list), not a village."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt

from siksdesk.domain.deactivation import reason_label
from siksdesk.domain.nik_issues import (
    IssueStatus,
    dismiss_label,
    matched_by_label,
    status_label,
)
from siksdesk.services.nik_issues import NikIssueRow, RowOutcome
from siksdesk.ui.list_model import RIGHT_ALIGNED, ListTableModel

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ITEM_ROLE = Qt.ItemDataRole.UserRole + 2
EMPTY = "—"

COL_NO, COL_NAMA, COL_REPORTED_NIK, COL_REPORTED_NAME, COL_NOTE, COL_MATCHED, COL_STATUS = \
    range(7)
HEADERS = (
    QT_TRANSLATE_NOOP("NikIssuesModel", "Household no."),
    QT_TRANSLATE_NOOP("NikIssuesModel", "Name (village data)"),
    QT_TRANSLATE_NOOP("NikIssuesModel", "Reported NIK"),
    QT_TRANSLATE_NOOP("NikIssuesModel", "Name on the list"),
    QT_TRANSLATE_NOOP("NikIssuesModel", "District's note"),
    QT_TRANSLATE_NOOP("NikIssuesModel", "Matched by"),
    QT_TRANSLATE_NOOP("NikIssuesModel", "Status"),
)


def resolution_text(row: NikIssueRow, lang: str) -> str:
    """The status, with the reason for a deactivation or a closed item."""
    text = status_label(row.status, lang)
    reason = row.resolution_reason
    if reason and row.status == IssueStatus.DEACTIVATION:
        return f"{text}: {reason_label(reason, lang)}"
    if reason and row.status == IssueStatus.DISMISSED:
        return f"{text}: {dismiss_label(reason, lang)}"
    return text


class NikIssuesModel(ListTableModel):
    CONTEXT, HEADERS = "NikIssuesModel", HEADERS

    def __init__(self, *, lang: str = "id", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lang = lang

    def set_rows(self, rows: Sequence[NikIssueRow]) -> None:
        self.replace_rows(rows)

    def row_of(self, issue_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == issue_id), None)

    def cell(self, item: NikIssueRow, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._display(item, column)
        if role == SORT_ROLE:
            if column == COL_NO:
                return -1 if item.ruta_no_urut is None else item.ruta_no_urut
            return self._display(item, column).casefold()
        if role == ITEM_ROLE:
            return item
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_NO:
            return RIGHT_ALIGNED
        return None

    def _display(self, item: NikIssueRow, column: int) -> str:
        if column == COL_NO:
            return EMPTY if item.ruta_no_urut is None else str(item.ruta_no_urut)
        if column == COL_NAMA:
            return item.nama or EMPTY
        if column == COL_REPORTED_NIK:
            return item.reported_nik or EMPTY
        if column == COL_REPORTED_NAME:
            return item.reported_name or EMPTY
        if column == COL_NOTE:
            return item.district_note or EMPTY
        if column == COL_MATCHED:
            return matched_by_label(item.matched_by, self._lang)
        return resolution_text(item, self._lang)


P_ROW, P_STATUS, P_NIK, P_NAME, P_VILLAGE, P_MESSAGE = range(6)
PREVIEW_HEADERS = (
    QT_TRANSLATE_NOOP("NikPreviewModel", "Row"),
    QT_TRANSLATE_NOOP("NikPreviewModel", "Result"),
    QT_TRANSLATE_NOOP("NikPreviewModel", "Reported NIK"),
    QT_TRANSLATE_NOOP("NikPreviewModel", "Name on the list"),
    QT_TRANSLATE_NOOP("NikPreviewModel", "Person in the village data"),
    QT_TRANSLATE_NOOP("NikPreviewModel", "Remarks"),
)
STATUS_TEXTS = {
    "matched": QT_TRANSLATE_NOOP("NikPreviewModel", "Matched"),
    "ambiguous": QT_TRANSLATE_NOOP("NikPreviewModel", "Several candidates"),
    "unmatched": QT_TRANSLATE_NOOP("NikPreviewModel", "Not found in the village data"),
    "existing": QT_TRANSLATE_NOOP("NikPreviewModel", "Already listed"),
    "rejected": QT_TRANSLATE_NOOP("NikPreviewModel", "Rejected"),
}


def preview_status_text(status: str) -> str:
    return QCoreApplication.translate("NikPreviewModel", STATUS_TEXTS[status])


class NikPreviewModel(ListTableModel):
    """The rows of a dry run, optionally filtered by status."""

    CONTEXT, HEADERS = "NikPreviewModel", PREVIEW_HEADERS

    def __init__(self, rows: Sequence[RowOutcome], *, lang: str = "id",
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._all = list(rows)
        self._rows = list(rows)

    def set_filter(self, status: str | None) -> None:
        self.replace_rows([r for r in self._all if status is None or r.status == status])

    def cell(self, item: RowOutcome, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._display(item, column)
        if role == SORT_ROLE:
            return item.source_row if column == P_ROW else self._display(item, column).casefold()
        if role == ITEM_ROLE:
            return item
        if role == Qt.ItemDataRole.TextAlignmentRole and column == P_ROW:
            return RIGHT_ALIGNED
        return None

    def _display(self, item: RowOutcome, column: int) -> str:
        if column == P_ROW:
            return str(item.source_row)
        if column == P_STATUS:
            text = preview_status_text(item.status)
            if item.status == "matched":
                return f"{text} ({matched_by_label(item.matched_by, self._lang)})"
            return text
        if column == P_NIK:
            return item.nik_masked or EMPTY
        if column == P_NAME:
            return item.reported_name or EMPTY
        if column == P_VILLAGE:
            return item.village_name or EMPTY
        return item.message(self._lang) or EMPTY
