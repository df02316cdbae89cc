"""The table of candidate duplicate pairs: score, the two names, the reasons.

Holds ``CandidatePair`` DTOs only (never ORM objects). A new search replaces the whole list
(``set_pairs``: a model reset); a decided pair leaves with ``remove_pair`` (``beginRemoveRows``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from siksdesk.services.duplicates import CandidatePair

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # native value for a sort proxy
PAIR_ROLE = Qt.ItemDataRole.UserRole + 2  # the row's CandidatePair

Index = QModelIndex | QPersistentModelIndex

COL_SCORE, COL_LEFT, COL_RIGHT, COL_REASONS = range(4)
HEADERS = (
    QT_TRANSLATE_NOOP("DuplicatePairsModel", "Score"),
    QT_TRANSLATE_NOOP("DuplicatePairsModel", "Left"),
    QT_TRANSLATE_NOOP("DuplicatePairsModel", "Right"),
    QT_TRANSLATE_NOOP("DuplicatePairsModel", "Reasons"),
)


class DuplicatePairsModel(QAbstractTableModel):
    def __init__(self, lang: str = "id", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.pairs: list[CandidatePair] = []

    # -- content ---------------------------------------------------------------------------
    def set_pairs(self, pairs: list[CandidatePair] | tuple[CandidatePair, ...]) -> None:
        self.beginResetModel()
        self.pairs = list(pairs)
        self.endResetModel()

    def remove_pair(self, row: int) -> CandidatePair | None:
        if not 0 <= row < len(self.pairs):
            return None
        self.beginRemoveRows(QModelIndex(), row, row)
        pair = self.pairs.pop(row)
        self.endRemoveRows()
        return pair

    def pair_at(self, row: int) -> CandidatePair | None:
        return self.pairs[row] if 0 <= row < len(self.pairs) else None

    def row_of(self, uuid_a: str, uuid_b: str) -> int:
        for row, pair in enumerate(self.pairs):
            if (pair.a.uuid, pair.b.uuid) == (uuid_a, uuid_b):
                return row
        return -1

    # -- QAbstractTableModel ---------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.pairs)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(HEADERS)):
            return QCoreApplication.translate("DuplicatePairsModel", HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.pairs):
            return None
        pair, column = self.pairs[index.row()], index.column()
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
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
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
