"""The household list as a Qt table model over ``services.search``: search, filters and sorting
happen in SQL; the model holds one ``HouseholdQuery`` and pages its rows in.

Loading (house rules 4 and 5):
* ``set_query`` starts a *generation*: count + first page run on the task runner, in one read
  session; the result replaces the rows in one reset when it arrives. A result (or a page) of an
  older generation is dropped, so typing fast never shows a stale list.
* Later pages come through ``canFetchMore``/``fetchMore`` (offset pages of ``PAGE_SIZE``), also on
  the runner. Measured on the 50,000-person demo village (12,393 households): a page costs
  10-15 ms near the start of the unfiltered list but 25-35 ms for a broad search ("a", "3522") or a
  deep offset, above the ~15 ms a synchronous ``fetchMore`` may cost the event loop.
* ``load_now`` does the same synchronously; the main window uses it once at start-up so the first
  frame already has rows (unfiltered count + page: ≈15 ms).
* Header clicks call ``sort``, which maps the column to a ``SortKey`` and re-queries.
* ``refresh_row(ruta_id)`` re-reads one household after an edit and emits ``dataChanged``.

Only ``ListRow`` DTOs are kept (with their texts, ``household_rows``); each read uses its own
short session.
"""

from __future__ import annotations

import logging
import time
from dataclasses import replace
from functools import partial
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush

from siksdesk.db.reader import Reader
from siksdesk.domain.variables import Entity, Variable, variable
from siksdesk.services.household_list import HouseholdQuery, HouseholdRow, ListRow
from siksdesk.ui.household_rows import (  # noqa: F401  (re-exported: the list's public names)
    ALIGNMENTS,
    COL_ALAMAT,
    COL_DUSUN,
    COL_JUMLAH_ART,
    COL_NAMA_KRT,
    COL_NO_KK,
    COL_NO_URUT,
    COL_PROBLEMS,
    COL_RT_RW,
    COL_VERIVALI,
    COLUMN_OF_SORT_KEY,
    COLUMNS,
    EMPTY,
    Column,
    FirstPage,
    Page,
    Texts,
    VerivaliLabels,
    problem_brush,
    problem_text,
    read_first_page,
    read_first_page_quickly,
    read_page,
    sort_value,
)
from siksdesk.ui.tasks import Cancelled, CancelToken, Progress, Runner, SyncTaskRunner
from siksdesk.ui.variable_help import header_tooltips

log = logging.getLogger(__name__)

PAGE_SIZE = 200
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # native value (int/str), the order SQL sorts by
ITEM_ROLE = Qt.ItemDataRole.UserRole + 2  # the row's HouseholdRow DTO
RUTA_ID_ROLE = Qt.ItemDataRole.UserRole + 3  # the household's id (int)
DISPLAY_ROLE = Qt.ItemDataRole.DisplayRole
INITIAL_SORT_ORDER_ROLE = Qt.ItemDataRole.InitialSortOrderRole
HORIZONTAL = Qt.Orientation.Horizontal
OTHER_ROLES = frozenset({SORT_ROLE, ITEM_ROLE, RUTA_ID_ROLE, Qt.ItemDataRole.TextAlignmentRole,
                         Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole})
REFRESH_WINDOW = 2  # refresh_row reads the rows this far around the household's position
# A query answered within this on the GUI thread skips the worker thread (see _start).
QUICK_READ_BUDGET_S = 0.012

Index = QModelIndex | QPersistentModelIndex


class HouseholdTableModel(QAbstractTableModel):
    loaded = Signal()  # a query's first page (and its total) has been applied
    failed = Signal(object)  # a read failed (the exception); the window reports it

    def __init__(self, reader: Reader, runner: Runner | None = None, *,
                 lang: str = "id", page_size: int = PAGE_SIZE,
                 quick_read_budget_s: float = QUICK_READ_BUDGET_S,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.quick_read_budget_s = quick_read_budget_s  # 0: always read on the runner
        self._reader = reader
        self._runner: Runner = runner or SyncTaskRunner()
        self._lang = lang
        self._page_size = page_size
        self._verivali: Variable = variable(Entity.RUTA, "hasil_verivali")
        self._query = HouseholdQuery()
        self._labels = VerivaliLabels.translated(self._verivali, lang)
        self._titles = tuple(QCoreApplication.translate("HouseholdTableModel", column.title)
                             for column in COLUMNS)
        self._header_tips = header_tooltips(COLUMNS, lang)
        self._initial_orders = tuple(
            (Qt.SortOrder.DescendingOrder if n == COL_PROBLEMS else Qt.SortOrder.AscendingOrder)
            .value for n in range(len(COLUMNS)))
        self._rows: list[ListRow] = []
        self._texts: list[Texts] = []
        self._row_of: dict[int, int] = {}  # ruta id → row
        self._total = 0
        self._next_offset = 0  # rows of the query read so far (offset of the next page)
        self._shown: HouseholdQuery | None = None  # the query whose rows are shown
        self._generation = 0
        self._loading = False
        self._fetching = False
        self._token: CancelToken | None = None
        self._started = 0.0
        self.last_query_ms = 0.0  # set_query → first page applied (includes queue wait)
        self.last_page_ms = 0.0  # time a page read took (on whichever thread ran it)

    # -- the query -----------------------------------------------------------------------------
    @property
    def query(self) -> HouseholdQuery:
        return self._query

    @property
    def total(self) -> int:
        """Households matching the shown query."""
        return self._total

    @property
    def loaded_rows(self) -> int:
        return len(self._rows)

    @property
    def busy(self) -> bool:
        """A query or a page is being read."""
        return self._loading or self._fetching

    def set_query(self, query: HouseholdQuery) -> bool:
        """Show ``query``'s households (in the background); False when nothing changed."""
        if query == self._query and (self._loading or self._shown == query):
            return False
        self._query = query
        self._start()
        return True

    def reload(self) -> None:
        """Read the current query again (after data changed), in the background."""
        self._start()

    def load_now(self, query: HouseholdQuery | None = None) -> None:
        """Read ``query`` (default: the current one): count and first page, synchronously
        (start-up: the first frame shows rows)."""
        if query is not None:
            self._query = query
        generation = self._new_generation()
        started = time.perf_counter()
        result = read_first_page(self._reader, self._query, self._page_size, self._labels)
        self.last_page_ms = self.last_query_ms = (time.perf_counter() - started) * 1000
        self._apply_first(generation, self._query, result)

    def clear(self) -> None:
        self._new_generation()
        self.beginResetModel()
        self._rows, self._texts, self._row_of, self._total, self._shown = [], [], {}, 0, None
        self._next_offset = 0
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(COLUMNS):
            self.set_query(replace(self._query, sort=COLUMNS[column].sort_key,
                                   descending=order == Qt.SortOrder.DescendingOrder))

    def _new_generation(self) -> int:
        if self._token is not None:
            self._token.cancel()
        self._generation += 1
        self._loading = self._fetching = False
        self._token = None
        self._started = 0.0
        return self._generation

    def _start(self) -> None:
        generation = self._new_generation()
        query, limit, reader, labels = self._query, self._page_size, self._reader, \
            self._labels
        self._started = time.perf_counter()
        # Most queries take a millisecond or two: answered right here they skip the round trip
        # through the thread pool (which costs more than the query). A slower one is abandoned
        # within the budget and read on a worker thread, so typing never stalls.
        try:
            quick = read_first_page_quickly(reader, query, limit, labels,
                                            self.quick_read_budget_s) \
                if self.quick_read_budget_s > 0 else None
        except Exception as exc:  # reported like a failed background read
            self._on_error(generation, exc)
            return
        if quick is not None:
            self._apply_first(generation, query, quick)
            return
        self._loading = True
        self._token = CancelToken()

        def work(_progress: Progress, cancelled: Cancelled) -> FirstPage | None:
            return read_first_page(reader, query, limit, labels, cancelled)

        self._runner.run(work, on_result=partial(self._apply_first, generation, query),
                         on_error=partial(self._on_error, generation), token=self._token)

    def _apply_first(self, generation: int, query: HouseholdQuery,
                     result: FirstPage | None) -> None:
        if generation != self._generation or result is None:
            log.debug("dropped a stale household query (generation %d)", generation)
            return
        self.beginResetModel()
        self._rows = list(result.page.rows)
        self._texts = list(result.page.texts)
        self._row_of = {row.household.id: n for n, row in enumerate(self._rows)}
        self._total = result.total
        self._next_offset = len(self._rows)
        self._shown = query
        self._loading = False
        self.endResetModel()
        if self._started:
            self.last_query_ms = (time.perf_counter() - self._started) * 1000
            self._started = 0.0
        log.debug("household query: %d of %d rows in %.1f ms", len(self._rows), self._total,
                  self.last_query_ms)
        self.loaded.emit()

    def _on_error(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self._loading = self._fetching = False
        self.failed.emit(error)  # never swallowed, even when stale: a failing read is a bug

    # -- paging ------------------------------------------------------------------------------
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return (not parent.isValid() and self._shown is not None and not self._loading
                and not self._fetching and self._next_offset < self._total)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        generation, query, offset = self._generation, self._query, self._next_offset
        reader, limit, labels = self._reader, self._page_size, self._labels
        self._fetching = True

        def work(_progress: Progress, _cancelled: Cancelled) -> Page:
            started = time.perf_counter()
            page = read_page(reader, query, offset, limit, labels)
            self.last_page_ms = (time.perf_counter() - started) * 1000
            return page

        self._runner.run(work, on_result=partial(self._apply_page, generation, offset),
                         on_error=partial(self._on_error, generation))

    def _apply_page(self, generation: int, offset: int, page: Page) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        self._next_offset = offset + len(page.rows)
        if len(page.rows) < self._page_size:
            self._total = self._next_offset  # rows were deleted since the count: stop here
        # Offset pages can repeat a row when households were added since the count.
        fresh = [n for n, row in enumerate(page.rows) if row.household.id not in self._row_of]
        if not fresh:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
        for n, position in enumerate(fresh, start=first):
            self._row_of[page.rows[position].household.id] = n
            self._rows.append(page.rows[position])
            self._texts.append(page.texts[position])
        self.endInsertRows()

    def fetch_all(self) -> None:
        """Load every remaining page (synchronous runner only: tests, exports)."""
        while self.canFetchMore():
            self.fetchMore()

    # -- one household -----------------------------------------------------------------------
    def row_of(self, ruta_id: int) -> int | None:
        return self._row_of.get(ruta_id)

    def refresh_row(self, ruta_id: int) -> bool:
        """Re-read one household after an edit and update its row in place (``dataChanged``).
        False when it is not loaded.

        ``services.search`` has no one-household read yet, so this reads the current query's
        rows around the household's position; when the edit moved it (sort key changed) or
        took it out of the filter, the whole query is read again instead."""
        row = self._row_of.get(ruta_id)
        if row is None:
            return False
        generation, query, reader = self._generation, self._query, self._reader
        offset, labels = max(0, row - REFRESH_WINDOW), self._labels

        def work(_progress: Progress, _cancelled: Cancelled) -> Page:
            return read_page(reader, query, offset, 2 * REFRESH_WINDOW + 1, labels)

        self._runner.run(work, on_result=partial(self._apply_refresh, generation, ruta_id),
                         on_error=partial(self._on_error, generation))
        return True

    def _apply_refresh(self, generation: int, ruta_id: int, window: Page) -> None:
        row = self._row_of.get(ruta_id)
        if generation != self._generation or row is None:
            return
        found = [n for n, item in enumerate(window.rows) if item.household.id == ruta_id]
        if not found:
            log.debug("household %d moved in the list: reading the query again", ruta_id)
            self.reload()
            return
        self._rows[row], self._texts[row] = window.rows[found[0]], window.texts[found[0]]
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    # -- Qt model interface ------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = DISPLAY_ROLE) -> Any:
        # The view asks ~100 times per reset: answered from values computed once.
        if orientation != HORIZONTAL or not 0 <= section < len(COLUMNS):
            return None
        if role == DISPLAY_ROLE:
            return self._titles[section]
        if role == INITIAL_SORT_ORDER_ROLE:  # first click: most problems first
            return self._initial_orders[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._header_tips[section]
        return None

    def data(self, index: Index, role: int = DISPLAY_ROLE) -> Any:
        # Painting one screen calls this ~2,000 times (7 roles per cell): the common cases
        # return first, without building anything.
        row = index.row()
        if role == DISPLAY_ROLE:
            return self._texts[row][index.column()] if 0 <= row < len(self._texts) else None
        if role not in OTHER_ROLES or not 0 <= row < len(self._rows):
            return None
        item = self._rows[row]
        column = index.column()
        if role == SORT_ROLE:
            return sort_value(item, column)
        if role == ITEM_ROLE:
            return item.household
        if role == RUTA_ID_ROLE:
            return item.household.id
        if role == Qt.ItemDataRole.TextAlignmentRole and COLUMNS[column].numeric:
            return int(ALIGNMENTS[column])
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_PROBLEMS:
            return problem_brush(item)
        return None

    def text_at(self, row: int, column: int) -> str:
        """What the cell shows (the delegate paints from this, without data() calls)."""
        return self._texts[row][column]

    def problem_brush_at(self, row: int) -> QBrush | None:
        return problem_brush(self._rows[row])

    def row_at(self, row: int) -> HouseholdRow:
        return self._rows[row].household

    def list_row_at(self, row: int) -> ListRow:
        return self._rows[row]

    def possible_texts(self, column: int) -> tuple[str, ...]:
        """Every text a coded column can show (for sizing before all rows are loaded)."""
        if column == COL_PROBLEMS:
            return (problem_text(99, 99),)
        if column != COL_VERIVALI:
            return ()
        return (self._labels.label(None), *self._labels.by_code.values())

    def verivali_codes(self) -> tuple[tuple[int, str], ...]:
        """(code, label) of every verivali result, for the filter."""
        return tuple((code.value, code.label(self._lang)) for code in self._verivali.codes)

    # -- values ------------------------------------------------------------------------------
    def _tooltip(self, item: ListRow, column: int) -> str | None:
        if column == COL_VERIVALI and item.household.hasil_verivali is not None:
            value = item.household.hasil_verivali
            return f"{value} — {self._labels.label(value)}"
        if column == COL_PROBLEMS and (item.errors or item.warnings):
            return QCoreApplication.translate(
                "HouseholdTableModel", "Data problems: {errors} errors, {warnings} warnings"
            ).format(errors=item.errors, warnings=item.warnings)
        return None
