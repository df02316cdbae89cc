"""The table of candidate duplicate pairs: score, the two names, the reasons.

Holds ``CandidatePair`` DTOs only (never ORM objects). A new search replaces the whole list
(``set_pairs``: a model reset); a decided pair leaves with ``remove_pair`` (``beginRemoveRows``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QObject, Qt

from siksdesk.services.duplicates import CandidatePair
from siksdesk.ui.list_model import RIGHT_ALIGNED, ListTableModel

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # native value for a sort proxy
PAIR_ROLE = Qt.ItemDataRole.UserRole + 2  # the row's CandidatePair

COL_SCORE, COL_LEFT, COL_RIGHT, COL_REASONS = range(4)
HEADERS = (
    QT_TRANSLATE_NOOP("DuplicatePairsModel", "Score"),
    QT_TRANSLATE_NOOP("DuplicatePairsModel", "Left"),
    QT_TRANSLATE_NOOP("DuplicatePairsModel", "Right"),
    QT_TRANSLATE_NOOP("DuplicatePairsModel", "Reasons"),
)


class DuplicatePairsModel(ListTableModel):
    CONTEXT, HEADERS = "DuplicatePairsModel", HEADERS

    def __init__(self, lang: str = "id", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lang = lang

    @property
    def pairs(self) -> list[CandidatePair]:
        return self._rows

    # -- content ---------------------------------------------------------------------------
    def set_pairs(self, pairs: list[CandidatePair] | tuple[CandidatePair, ...]) -> None:
        self.replace_rows(pairs)

    def remove_pair(self, row: int) -> CandidatePair | None:
        if not 0 <= row < len(self._rows):
            return None
        self.beginRemoveRows(QModelIndex(), row, row)
        pair: CandidatePair = self._rows.pop(row)
        self.endRemoveRows()
        return pair

    def pair_at(self, row: int) -> CandidatePair | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, uuid_a: str, uuid_b: str) -> int:
        for row, pair in enumerate(self._rows):
            if (pair.a.uuid, pair.b.uuid) == (uuid_a, uuid_b):
                return row
        return -1

    def cell(self, pair: CandidatePair, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(pair, column)
        if role == SORT_ROLE:
            return pair.score if column == COL_SCORE else self._display(pair, column)
        if role == PAIR_ROLE:
            return pair
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_REASONS:
            return "\n".join(_signed(reason.points) + " " + reason.message(self.lang)
                             for reason in pair.reasons)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_SCORE:
            return RIGHT_ALIGNED
        return None

    def _display(self, pair: CandidatePair, column: int) -> str | None:
        if column == COL_SCORE:
            return str(pair.score)
        if column == COL_LEFT:
            return pair.a.nama
        if column == COL_RIGHT:
            return pair.b.nama
        if column == COL_REASONS:
            return "; ".join(reason.message(self.lang) for reason in pair.reasons
                             if reason.points > 0)
        return None


def _signed(points: int) -> str:
    return "+" if points > 0 else "−" if points < 0 else "·"
