"""The usulan (proposal) table: household, kind, member, status, reason, what changes, note.

Rows are ``UsulanEntry`` DTOs read by a runner task (``read_entries``); a refresh replaces the
list. ``SORT_ROLE`` gives native values so a ``QSortFilterProxyModel`` groups by household, kind
or status; ``STATUS_ROLE`` is what the status filter matches.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QSortFilterProxyModel, Qt
from sqlalchemy.orm import Session

from siksdesk.domain.musdes import UsulanKind, UsulanStatus
from siksdesk.services.proposal_context import (
    HouseholdFacts,
    change_summary,
    kind_label,
    read_households,
    reason_text,
    status_label,
    subject_names,
)
from siksdesk.services.proposals import held_back, list_proposals
from siksdesk.services.usulan import UsulanRow
from siksdesk.ui.list_model import Index, ListTableModel

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 3

COL_HOUSEHOLD, COL_KIND, COL_SUBJECT, COL_STATUS, COL_REASON, COL_CHANGES, COL_NOTE = range(7)
HEADERS = (
    QT_TRANSLATE_NOOP("UsulanModel", "Household"),
    QT_TRANSLATE_NOOP("UsulanModel", "Kind"),
    QT_TRANSLATE_NOOP("UsulanModel", "Member"),
    QT_TRANSLATE_NOOP("UsulanModel", "Status"),
    QT_TRANSLATE_NOOP("UsulanModel", "Reason"),
    QT_TRANSLATE_NOOP("UsulanModel", "What changes"),
    QT_TRANSLATE_NOOP("UsulanModel", "Note"),
)
_KIND_ORDER = {k.value: n for n, k in enumerate(UsulanKind)}
_STATUS_ORDER = {s.value: n for n, s in enumerate(UsulanStatus)}


@dataclass(frozen=True, slots=True)
class UsulanEntry:
    row: UsulanRow
    household: HouseholdFacts
    subject: str  # the member's name ("" for a household)
    held: str  # why it cannot be exported now ("" when it can)


@dataclass(frozen=True, slots=True)
class UsulanSnapshot:
    entries: tuple[UsulanEntry, ...]
    held: tuple[tuple[str, int], ...]  # (message, count) of what is held back, open items only


def read_entries(session: Session, lang: str) -> UsulanSnapshot:
    rows = list_proposals(session)
    households = read_households(session, (r.ruta_uuid for r in rows), lang, detail=False)
    names = subject_names(session, rows)
    held = {h.usulan.id: h for h in held_back(session)}
    entries = tuple(UsulanEntry(r, households[r.ruta_uuid], names.get(r.entity_uuid, "")
                                if r.entity == "art" else "",
                                held[r.id].message(lang) if r.id in held else "")
                    for r in rows)
    counts: dict[str, int] = {}
    for item in held.values():
        if item.usulan.status not in (UsulanStatus.DITARIK, UsulanStatus.TERKIRIM,
                                      UsulanStatus.DITERIMA_DINAS, UsulanStatus.DITOLAK_DINAS):
            message = item.message(lang)
            counts[message] = counts.get(message, 0) + 1
    return UsulanSnapshot(entries, tuple(counts.items()))


class UsulanModel(ListTableModel):
    CONTEXT, HEADERS = "UsulanModel", HEADERS

    def __init__(self, lang: str = "id", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lang = lang

    def entry_at(self, row: int) -> UsulanEntry | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def cell(self, entry: UsulanEntry, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, column)
        if role == SORT_ROLE:
            return self._sort_value(entry, column)
        if role == STATUS_ROLE:
            return entry.row.status
        if role == ENTRY_ROLE:
            return entry
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_STATUS and entry.held:
                return entry.held
            if column == COL_CHANGES:
                return change_summary(entry.row, self.lang, limit=50).replace("; ", "\n")
        return None

    def _display(self, entry: UsulanEntry, column: int) -> str:
        row = entry.row
        match column:
            case 0:
                return entry.household.title()
            case 1:
                return kind_label(row.kind, self.lang)
            case 2:
                return entry.subject
            case 3:
                return status_label(row.status, self.lang)
            case 4:
                return reason_text(row.reason, self.lang)
            case 5:
                return change_summary(row, self.lang)
            case 6:
                return row.note
        return ""

    def _sort_value(self, entry: UsulanEntry, column: int) -> Any:
        row = entry.row
        if column == COL_HOUSEHOLD:
            return (entry.household.no_urut or 0, row.ruta_uuid, row.id)
        if column == COL_KIND:
            return (_KIND_ORDER.get(row.kind, 99), row.id)
        if column == COL_STATUS:
            return (_STATUS_ORDER.get(row.status, 99), row.id)
        return self._display(entry, column)


class UsulanFilter(QSortFilterProxyModel):
    """Sorts on ``SORT_ROLE``; shows the statuses in ``statuses`` (None: all)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.statuses: frozenset[str] | None = None

    def set_statuses(self, statuses: frozenset[str] | None) -> None:
        if statuses != self.statuses:
            self.beginFilterChange()
            self.statuses = statuses
            self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self.statuses is None:
            return True
        model = self.sourceModel()
        return model.data(model.index(source_row, 0, source_parent), STATUS_ROLE) in self.statuses

    def lessThan(self, left: Index, right: Index) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)
