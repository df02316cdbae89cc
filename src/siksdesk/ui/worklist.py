"""The "Masalah data" worklist: kinds of problems with their counts on the left, the problems of
the selected kind on the right (a paged table model), double-click or Enter opens the record at
the field (``open_record``). Call ``refresh()`` after a save.

Neither query runs on the GUI thread (house rule 4): ``refresh()`` reads the counts (and the
number of households with problems) on the task runner and fills the kind list when they arrive;
the table's pages come the same way (``WorklistModel.fetchMore``). A refresh whose counts arrive
after a newer one was started is dropped (a generation counter), as is a page of a kind no longer
shown. A failed read goes to ``sys.excepthook`` (logged, the crash dialog). Without a runner the
view uses a ``SyncTaskRunner``: everything has loaded when the call returns (tests, scripts).
"""

from __future__ import annotations

import sys
from functools import partial

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from siksdesk.db.session import read_session
from siksdesk.domain.problems import Severity
from siksdesk.services.worklist import (
    KindCount,
    households_with_problems,
    kind_title,
    problem_counts,
)
from siksdesk.ui.i18n import normalise_lang, ui_locale
from siksdesk.ui.pseudo import mark_data_text
from siksdesk.ui.tasks import Cancelled, Progress, Runner, SyncTaskRunner
from siksdesk.ui.worklist_model import (
    COL_FIELD,
    COL_MESSAGE,
    COL_NAMA,
    COL_NO,
    ITEM_ROLE,
    SORT_ROLE,
    WorklistModel,
    severity_icon,
)

KIND_ROLE = Qt.ItemDataRole.UserRole + 3  # on kind-list items: the code ("" = every kind)
ALL_KINDS = ""

__all__ = ["COL_FIELD", "COL_MESSAGE", "COL_NAMA", "COL_NO", "ITEM_ROLE", "KIND_ROLE",
           "SORT_ROLE", "WorklistModel", "WorklistView"]


class _WorkTable(QTableView):
    """Enter and Return open the current problem (``QTableView.activated`` depends on the
    platform's style hints, so the keys are handled here)."""

    open_requested = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_requested.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)


class WorklistView(QWidget):
    """Usable as a tab or inside a dock. ``open_record(ruta_id, art_id or None, field)``;
    ``open_item(WorkItem)`` carries the family id too (a No. KK problem has no art_id)."""

    open_record = Signal(int, object, str)
    open_item = Signal(object)

    def __init__(self, sessions: sessionmaker[Session], *, runner: Runner | None = None,
                 lang: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = normalise_lang(lang)
        self.number_locale = ui_locale(self.lang)
        self.sessions = sessions
        self.runner: Runner = runner or SyncTaskRunner()
        self.counts: list[KindCount] = []
        self._households = 0  # households with any problem (the "All problems" title)
        self._generation = 0  # of refresh(): older counts arriving late are dropped
        self._loading = False
        self._want_row: int | None = None  # the row to make current once its page is in
        self._fit_pending = False  # size the columns to the first page of a kind
        self.model = WorklistModel(sessions, self.runner, lang=self.lang, parent=self)
        self.model.page_loaded.connect(self._page_loaded)
        self.model.failed.connect(_report)
        self._build()
        self.refresh()

    # -- construction ------------------------------------------------------------------------
    def _build(self) -> None:
        self.kinds = QTreeWidget()
        self.kinds.setColumnCount(2)  # the kind, its count (never elided away)
        self.kinds.setHeaderHidden(True)
        self.kinds.setRootIsDecorated(False)
        self.kinds.setIndentation(14)
        self.kinds.setUniformRowHeights(True)
        self.kinds.header().setStretchLastSection(False)
        self.kinds.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.kinds.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.kinds.currentItemChanged.connect(self._kind_changed)

        self.title = QLabel()
        title_font = self.title.font()
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.title.setWordWrap(True)
        self.table = _WorkTable()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        header.setSectionResizeMode(COL_MESSAGE, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._open)
        self.table.open_requested.connect(self._open)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setMinimumHeight(self.fontMetrics().height() * 3)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        mark_data_text(self.detail)
        self.hint = QLabel(QCoreApplication.translate(
            "Worklist", "Double-click a problem or press Enter to open the record at that "
                        "field."))
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)  # drawn in the muted colour of the style

        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.title)
        column.addWidget(self.table, 1)
        column.addWidget(self.detail)
        column.addWidget(self.hint)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.kinds)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.splitter)
        self.setWindowTitle(QCoreApplication.translate("Worklist", "Data problems"))

    # -- loading ---------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """Counts or a page are being read."""
        return self._loading or self.model.busy

    def refresh(self) -> None:
        """Recount and reload (in the background), keeping the selected kind and, where
        possible, the row: both are read when the counts arrive."""
        self._generation += 1
        generation, sessions = self._generation, self.sessions
        self._loading = True

        def work(_progress: Progress, _cancelled: Cancelled) -> tuple[list[KindCount], int]:
            with read_session(sessions) as session:
                return problem_counts(session), households_with_problems(session)

        self.runner.run(work, on_result=partial(self._apply_counts, generation),
                        on_error=partial(self._counts_failed, generation))

    def _apply_counts(self, generation: int, result: tuple[list[KindCount], int]) -> None:
        if generation != self._generation:
            return  # a newer refresh is on its way
        self._loading = False
        previous = self.selected_code()
        row = max(self.table.currentIndex().row(), 0)
        self.counts, self._households = result
        self._fill_kinds(previous, row)

    def _counts_failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self._loading = False
        _report(error)

    def _fill_kinds(self, keep: str | None, row: int = 0) -> None:
        self.kinds.blockSignals(True)
        self.kinds.clear()
        total = sum(kind.count for kind in self.counts)
        everything = self._kind_item(None, QCoreApplication.translate("Worklist", "All problems"),
                                     total)
        self.kinds.addTopLevelItem(everything)
        for severity, heading in (
            (Severity.ERROR, QCoreApplication.translate("Worklist", "Errors")),
            (Severity.WARNING, QCoreApplication.translate("Worklist", "Warnings")),
        ):
            kinds = [kind for kind in self.counts if kind.severity is severity]
            if not kinds:
                continue
            group = QTreeWidgetItem([heading, self._number(sum(k.count for k in kinds))])
            group.setIcon(0, severity_icon(severity))
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            group.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            font = group.font(0)
            font.setBold(True)
            for col in (0, 1):
                group.setFont(col, font)
            self.kinds.addTopLevelItem(group)
            for kind in kinds:
                group.addChild(self._kind_item(kind, kind_title(kind.code, self.lang),
                                               kind.count))
            group.setExpanded(True)
        target = self._find_kind(keep) or everything
        self.kinds.setCurrentItem(target)
        self.kinds.blockSignals(False)
        self._fit_kinds()
        self._show_kind(target.data(0, KIND_ROLE) or None, row)

    def _kind_item(self, kind: KindCount | None, text: str, count: int) -> QTreeWidgetItem:
        item = QTreeWidgetItem([text, self._number(count)])
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        item.setData(0, KIND_ROLE, ALL_KINDS if kind is None else kind.code)
        if kind is not None:
            item.setToolTip(0, self._households_text(kind.count, kind.households))
        return item

    def _fit_kinds(self) -> None:
        """Wide enough for the longest kind name and its count (at most ~45 characters)."""
        metrics = self.kinds.fontMetrics()
        texts = [item.text(0) for item in self._kind_items()]
        longest = max((metrics.horizontalAdvance(text) for text in texts), default=0)
        count_width = metrics.horizontalAdvance("000.000") + 12
        needed = longest + count_width + self.kinds.indentation() + 40
        self.kinds.setMinimumWidth(min(needed, metrics.averageCharWidth() * 45 + count_width))

    def _find_kind(self, code: str | None) -> QTreeWidgetItem | None:
        if code is None:
            return None
        for item in self._kind_items():
            if item.data(0, KIND_ROLE) == code:
                return item
        return None

    def _kind_items(self) -> list[QTreeWidgetItem]:
        found = []
        for i in range(self.kinds.topLevelItemCount()):
            top = self.kinds.topLevelItem(i)
            found.append(top)
            found.extend(top.child(j) for j in range(top.childCount()))
        return [item for item in found if item.data(0, KIND_ROLE) is not None]

    # -- reacting --------------------------------------------------------------------------
    def selected_code(self) -> str | None:
        """The selected kind's code; None for "every kind" (or nothing selected)."""
        item = self.kinds.currentItem()
        code = item.data(0, KIND_ROLE) if item is not None else None
        return code or None

    def select_kind(self, code: str | None) -> None:
        item = self._find_kind(code) if code else self.kinds.topLevelItem(0)
        if item is None:
            raise KeyError(code)
        self.kinds.setCurrentItem(item)

    def _kind_changed(self, current: QTreeWidgetItem | None,
                      _previous: QTreeWidgetItem | None) -> None:
        if current is None or current.data(0, KIND_ROLE) is None:
            return
        self._show_kind(current.data(0, KIND_ROLE) or None)

    def _show_kind(self, code: str | None, row: int = 0) -> None:
        """List ``code``'s problems; ``row`` becomes current once its page has arrived."""
        self.model.show_kind(code)  # a page of the previous kind still on its way is dropped
        self._set_title(code)
        self.detail.clear()
        self._want_row, self._fit_pending = row, True
        self.model.fetchMore()  # a no-op when the table has already asked for the first page

    def _page_loaded(self) -> None:
        """A page has arrived: size the columns to a kind's first page, and page on until the
        wanted row is loaded (``refresh`` keeps the current row)."""
        model = self.model
        if self._fit_pending:
            self._fit_pending = False
            self.table.resizeColumnsToContents()
            self._limit_columns()
        if self._want_row is None:
            return
        if self._want_row < model.rowCount():
            row, self._want_row = self._want_row, None
            self.table.setCurrentIndex(model.index(row, 0))
        elif model.canFetchMore():
            model.fetchMore()
        else:
            self._want_row = None
            if model.rowCount():
                self.table.setCurrentIndex(model.index(model.rowCount() - 1, 0))

    def _set_title(self, code: str | None) -> None:
        kinds = [k for k in self.counts if code is None or k.code == code]
        count = sum(k.count for k in kinds)
        if not self.counts:
            self.title.setText(QCoreApplication.translate("Worklist", "No data problems found."))
            return
        if code is None:
            name = QCoreApplication.translate("Worklist", "All problems")
        else:
            name = kind_title(code, self.lang)
        households = kinds[0].households if code and kinds else self._households
        self.title.setText(QCoreApplication.translate("Worklist", "{kind}: {details}").format(
            kind=name, details=self._households_text(count, households)))

    def _households_text(self, count: int, households: int) -> str:
        return QCoreApplication.translate(
            "Worklist", "{count} problems in {households} households").format(
            count=self._number(count), households=self._number(households))

    def _limit_columns(self) -> None:
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        for column, chars in ((COL_NAMA, 28), (COL_FIELD, 32)):  # "No." keeps its fit
            limit = chars * metrics.averageCharWidth()
            header.resizeSection(column, min(header.sectionSize(column) + 12, limit))

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.detail.setText(self.model.item_at(current.row()).message(self.lang))
        else:
            self.detail.clear()

    def _open(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        item = self.model.item_at(index.row())
        self.open_item.emit(item)
        self.open_record.emit(item.ruta_id, item.art_id, item.field)

    def _number(self, value: int) -> str:
        return self.number_locale.toString(value)


def _report(error: BaseException) -> None:
    """A failed read is a bug: logged and shown in the crash dialog, never swallowed."""
    sys.excepthook(type(error), error, error.__traceback__)
