"""The household list as a Qt table model that pages rows in from SQLite.

Rows arrive through ``canFetchMore``/``fetchMore`` in keyset pages (``household_page``: ordered by
id, ``id > last``), so a 20,000-household village costs one page of memory and time until the
user scrolls. Each page is read in its own short session; only ``HouseholdRow`` DTOs are kept.
A page of 200 rows takes a few milliseconds, so it is fetched synchronously inside ``fetchMore``.
Measured (``last_page_ms``) on the 50,000-person demo village (12,511 households): 5-6 ms median,
under 10 ms worst, 13 ms for the cold first page; the same at the end of the list as at the start
(keyset). Move the fetch to the task runner if a page ever gets slow.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
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
from sqlalchemy.orm import Session, sessionmaker

from siksdesk.db.session import read_session
from siksdesk.domain.variables import Entity, Variable, variable
from siksdesk.services.households import HouseholdRow, count_households, household_page

log = logging.getLogger(__name__)

PAGE_SIZE = 200
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # native value (int/str) for a sort proxy
ITEM_ROLE = Qt.ItemDataRole.UserRole + 2  # the row's HouseholdRow DTO
EMPTY = "—"

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    title: str  # English source string, translated in context "HouseholdTableModel"
    numeric: bool = False
    min_chars: int = 0  # the view keeps at least this many average characters visible


COL_NO_URUT, COL_NAMA_KRT, COL_NO_KK, COL_ALAMAT, COL_RT_RW, COL_DUSUN, COL_JUMLAH_ART, \
    COL_VERIVALI = range(8)

COLUMNS: tuple[Column, ...] = (
    Column("no_urut", str(QT_TRANSLATE_NOOP("HouseholdTableModel", "No.")), numeric=True,
           min_chars=5),
    Column("nama_krt", str(QT_TRANSLATE_NOOP("HouseholdTableModel", "Head of household")),
           min_chars=24),
    Column("no_kk", str(QT_TRANSLATE_NOOP("HouseholdTableModel", "Family card no.")),
           min_chars=16),
    Column("alamat", str(QT_TRANSLATE_NOOP("HouseholdTableModel", "Address")), min_chars=24),
    Column("rt_rw", str(QT_TRANSLATE_NOOP("HouseholdTableModel", "RT/RW")), min_chars=7),
    Column("dusun", str(QT_TRANSLATE_NOOP("HouseholdTableModel", "Hamlet")), min_chars=14),
    Column("jumlah_art", str(QT_TRANSLATE_NOOP("HouseholdTableModel", "Members")),
           numeric=True, min_chars=3),
    Column("hasil_verivali",
           str(QT_TRANSLATE_NOOP("HouseholdTableModel", "Verification result"))),
)


class HouseholdTableModel(QAbstractTableModel):
    def __init__(self, sessions: sessionmaker[Session], *, lang: str = "id",
                 page_size: int = PAGE_SIZE, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sessions = sessions
        self._lang = lang
        self._page_size = page_size
        self._verivali: Variable = variable(Entity.RUTA, "hasil_verivali")
        self._rows: list[HouseholdRow] = []
        self._total = 0
        self._exhausted = True
        self.last_page_ms = 0.0

    # -- loading ---------------------------------------------------------------------------
    def reload(self) -> None:
        """Start again from the first page (the only full reset this model does)."""
        with read_session(self._sessions) as session:
            total = count_households(session)
        self.beginResetModel()
        self._rows = []
        self._total = total
        self._exhausted = total == 0
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._rows, self._total, self._exhausted = [], 0, True
        self.endResetModel()

    @property
    def total(self) -> int:
        """Households in the database when the model was (re)loaded."""
        return self._total

    @property
    def loaded(self) -> int:
        return len(self._rows)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted:
            return
        after = self._rows[-1].id if self._rows else 0
        started = time.perf_counter()
        with read_session(self._sessions) as session:
            page = household_page(session, after_id=after, limit=self._page_size)
        self.last_page_ms = (time.perf_counter() - started) * 1000
        log.debug("household page after id %d: %d rows in %.1f ms", after, len(page),
                  self.last_page_ms)
        if len(page) < self._page_size or len(self._rows) + len(page) >= self._total:
            self._exhausted = True
        if not page:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def fetch_all(self) -> None:
        """Load every remaining page (for exports and tests; the view never needs this)."""
        while self.canFetchMore():
            self.fetchMore()

    # -- Qt model interface ------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("HouseholdTableModel", COLUMNS[section].title)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == SORT_ROLE:
            return self._sort_value(row, column)
        if role == ITEM_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and COLUMNS[column].numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_VERIVALI:
            return self._verivali_tooltip(row.hasil_verivali)
        return None

    def row_at(self, row: int) -> HouseholdRow:
        return self._rows[row]

    def possible_texts(self, column: int) -> tuple[str, ...]:
        """Every text a coded column can show (for sizing before all rows are loaded)."""
        if column != COL_VERIVALI:
            return ()
        return (self._verivali_label(None),
                *(code.label(self._lang) for code in self._verivali.codes))

    # -- values ------------------------------------------------------------------------------
    def _display(self, row: HouseholdRow, column: int) -> str:
        match column:
            case 0:
                return EMPTY if row.no_urut is None else str(row.no_urut)
            case 1:
                return row.nama_krt or EMPTY
            case 2:
                return row.no_kk or EMPTY
            case 3:
                return row.alamat or EMPTY
            case 4:
                return _rt_rw(row)
            case 5:
                return row.dusun or EMPTY
            case 6:
                return str(row.jumlah_art)
            case 7:
                return self._verivali_label(row.hasil_verivali)
        return ""

    def _sort_value(self, row: HouseholdRow, column: int) -> int | str:
        match column:
            case 0:
                return -1 if row.no_urut is None else row.no_urut
            case 1:
                return row.nama_krt.casefold()
            case 2:
                return row.no_kk
            case 3:
                return row.alamat.casefold()
            case 4:
                return f"{row.rt:>3}/{row.rw:>3}"
            case 5:
                return row.dusun.casefold()
            case 6:
                return row.jumlah_art
            case 7:
                return -1 if row.hasil_verivali is None else row.hasil_verivali
        return ""

    def _verivali_label(self, value: int | None) -> str:
        if value is None:
            return QCoreApplication.translate("HouseholdTableModel", "Not yet verified")
        code = self._verivali.code(value)
        if code is None:
            return QCoreApplication.translate("HouseholdTableModel", "Unknown code {code}") \
                .format(code=value)
        return code.label(self._lang)

    def _verivali_tooltip(self, value: int | None) -> str | None:
        if value is None:
            return None
        return f"{value} — {self._verivali_label(value)}"


def _rt_rw(row: HouseholdRow) -> str:
    if not row.rt and not row.rw:
        return EMPTY
    return f"{row.rt or EMPTY}/{row.rw or EMPTY}"
