"""The household table view: header-click sorting (done in SQL by the model), column widths that
need no rows, Enter/double-click opening a household, and a delegate that paints from the
model's precomputed texts."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from siksdesk.ui.household_model import (
    ALIGNMENTS,
    COL_ALAMAT,
    COL_PROBLEMS,
    COLUMN_OF_SORT_KEY,
    COLUMNS,
    RUTA_ID_ROLE,
    HouseholdTableModel,
)

MAX_COLUMN_WIDTH = 340
COLUMN_PADDING = 16  # room for the sort indicator and the cell margins


class ListDelegate(QStyledItemDelegate):
    """Fills each cell's style option straight from the model's texts: one Python call per
    painted cell instead of the seven ``data()`` calls (one per role) of the default delegate.
    A screenful is ~280 cells; this takes ~20 % off a repaint and far fewer GIL hand-overs
    while a page is being read on a worker thread."""

    def __init__(self, model: HouseholdTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model

    def initStyleOption(self, option: QStyleOptionViewItem,
                        index: QModelIndex | QPersistentModelIndex) -> None:
        row, column = index.row(), index.column()
        option.index = index
        option.text = self._model.text_at(row, column)
        option.features |= QStyleOptionViewItem.ViewItemFeature.HasDisplay
        option.displayAlignment = ALIGNMENTS[column]
        if column == COL_PROBLEMS:
            brush = self._model.problem_brush_at(row)
            if brush is not None:
                palette = option.palette
                palette.setBrush(QPalette.ColorRole.Text, brush)
                option.palette = palette


class HouseholdTableView(QTableView):
    household_activated = Signal(int)  # ruta id: Enter or double-click on a row

    def __init__(self, model: HouseholdTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegate(ListDelegate(model, self))
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        columns = self.horizontalHeader()
        columns.setHighlightSections(False)
        columns.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        columns.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)  # a header click calls model.sort → a new SQL query
        self.doubleClicked.connect(self._activate)

    def household_model(self) -> HouseholdTableModel:
        model = self.model()
        assert isinstance(model, HouseholdTableModel)
        return model

    def show_sort_of_query(self) -> None:
        """Put the sort indicator where the model's query sorts (without re-sorting)."""
        query = self.household_model().query
        order = Qt.SortOrder.DescendingOrder if query.descending else Qt.SortOrder.AscendingOrder
        header = self.horizontalHeader()
        blocked = header.blockSignals(True)
        try:
            header.setSortIndicator(COLUMN_OF_SORT_KEY[query.sort], order)
        finally:
            header.blockSignals(blocked)

    def fit_columns(self) -> None:
        """Widths from what a column can hold (header, its expected text length, every label a
        coded column can show), not from the rows: no cell is read, a label that first appears
        on page 30 still fits, and the columns do not jump when the search changes."""
        header = self.horizontalHeader()
        metrics = self.fontMetrics()
        header_metrics = header.fontMetrics()
        model = self.household_model()
        for column, spec in enumerate(COLUMNS):
            title = str(model.headerData(column, Qt.Orientation.Horizontal))
            texts = (*model.possible_texts(column), spec.sample)
            width = max(header_metrics.horizontalAdvance(title),
                        spec.min_chars * metrics.averageCharWidth(),
                        max((metrics.horizontalAdvance(text) for text in texts), default=0))
            header.resizeSection(column, min(width + COLUMN_PADDING, MAX_COLUMN_WIDTH))
        header.setSectionResizeMode(COL_ALAMAT, QHeaderView.ResizeMode.Stretch)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                self.currentIndex().isValid():
            self._activate(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)

    def _activate(self, index: QModelIndex) -> None:
        ruta_id = index.data(RUTA_ID_ROLE)
        if isinstance(ruta_id, int):
            self.household_activated.emit(ruta_id)
