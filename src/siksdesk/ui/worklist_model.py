"""The worklist's table model: the problems of one kind, paged in from SQLite.

``canFetchMore``/``fetchMore`` read offset pages of ``PAGE_SIZE`` problems (in household order
over the ``(code, ruta_id)`` index) **on the task runner** (house rule 4: the GUI thread never
waits on the database); the page is inserted when it arrives and ``page_loaded`` is emitted.
One page is requested at a time (``canFetchMore`` is False while one is on its way), and
``show_kind``/``clear`` start a new *generation*: a page of an older kind that arrives late is
dropped. A failed read is emitted as ``failed`` (the view hands it to ``sys.excepthook``).
Only ``WorkItem`` DTOs are kept.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle
from sqlalchemy.orm import Session, sessionmaker

from siksdesk.db.session import read_session
from siksdesk.domain.problems import Severity
from siksdesk.services.worklist import WorkItem, field_label, worklist_page
from siksdesk.ui.list_model import RIGHT_ALIGNED, ListTableModel
from siksdesk.ui.tasks import Cancelled, Progress, Runner, SyncTaskRunner

PAGE_SIZE = 200
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # native value for a sort proxy
ITEM_ROLE = Qt.ItemDataRole.UserRole + 2  # the row's WorkItem DTO
EMPTY = "—"

Index = QModelIndex | QPersistentModelIndex

COL_NO, COL_NAMA, COL_FIELD, COL_MESSAGE = range(4)
HEADERS = (
    QT_TRANSLATE_NOOP("WorklistModel", "Household no."),
    QT_TRANSLATE_NOOP("WorklistModel", "Name"),
    QT_TRANSLATE_NOOP("WorklistModel", "Field"),
    QT_TRANSLATE_NOOP("WorklistModel", "Problem"),
)


def severity_icon(severity: Severity) -> QIcon:
    pixmap = (QStyle.StandardPixmap.SP_MessageBoxCritical if severity is Severity.ERROR
              else QStyle.StandardPixmap.SP_MessageBoxWarning)
    return QApplication.style().standardIcon(pixmap)


class WorklistModel(ListTableModel):
    """Problems of one kind, paged in with ``canFetchMore``/``fetchMore`` (offset pages read on
    the runner; without one, a ``SyncTaskRunner`` reads them inline)."""

    CONTEXT, HEADERS = "WorklistModel", HEADERS

    page_loaded = Signal()  # a page (possibly empty) of the current kind has been applied
    failed = Signal(object)  # a page read failed (the exception)

    def __init__(self, sessions: sessionmaker[Session], runner: Runner | None = None, *,
                 lang: str = "id", page_size: int = PAGE_SIZE,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sessions = sessions
        self._runner: Runner = runner or SyncTaskRunner()
        self._lang = lang
        self._page_size = page_size
        self._code: str | None = None
        self._rows: list[WorkItem] = []
        self._exhausted = True
        self._changing = False
        self._fetching = False
        self._generation = 0
        self._icons: dict[Severity, QIcon] = {}

    def show_kind(self, code: str | None) -> None:
        """Start again with the problems of ``code`` (None: every kind)."""
        self._reset(code, exhausted=False)

    def clear(self) -> None:
        self._reset(self._code, exhausted=True)

    def _reset(self, code: str | None, *, exhausted: bool) -> None:
        self._generation += 1  # a page still on its way belongs to the old kind: dropped
        self._fetching = False
        self._changing = True
        try:
            self.beginResetModel()
            self._code, self._rows, self._exhausted = code, [], exhausted
            self.endResetModel()
        finally:
            self._changing = False

    @property
    def code(self) -> str | None:
        return self._code

    @property
    def busy(self) -> bool:
        """A page is being read."""
        return self._fetching

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and not self._fetching

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        """Request the next page (on the runner). Ignored while a page is on its way and during
        a reset or an insertion (from a slot connected to ``modelReset`` or ``rowsInserted``):
        views ask again when they need more."""
        if not self.canFetchMore(parent) or self._changing:
            return
        generation, code, offset = self._generation, self._code, len(self._rows)
        sessions, limit = self._sessions, self._page_size
        self._fetching = True

        def work(_progress: Progress, _cancelled: Cancelled) -> list[WorkItem]:
            with read_session(sessions) as session:
                return worklist_page(session, code, offset, limit)

        self._runner.run(work, on_result=partial(self._apply_page, generation, offset),
                         on_error=partial(self._on_error, generation))

    def _apply_page(self, generation: int, offset: int, page: list[WorkItem]) -> None:
        if generation != self._generation or offset != len(self._rows):
            return  # the kind changed (or the model was cleared) since the request
        self._fetching = False
        if len(page) < self._page_size:
            self._exhausted = True
        if page:
            first = len(self._rows)
            self._changing = True
            try:
                self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
                self._rows.extend(page)
                self.endInsertRows()
            finally:
                self._changing = False
        self.page_loaded.emit()

    def _on_error(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self._fetching = False
            self._exhausted = True  # no retry loop: the views would ask again at once
        self.failed.emit(error)  # never swallowed, even when stale: a failing read is a bug

    def fetch_all(self) -> None:
        """Load every remaining page (synchronous runner only: tests, scripts)."""
        while self.canFetchMore():
            self.fetchMore()

    def cell(self, item: WorkItem, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column)
        if role == SORT_ROLE:
            return self._sort_value(item, column)
        if role == ITEM_ROLE:
            return item
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_MESSAGE:
            return item.message(self._lang)
        if role == Qt.ItemDataRole.DecorationRole and column == COL_MESSAGE:
            if item.severity not in self._icons:
                self._icons[item.severity] = severity_icon(item.severity)
            return self._icons[item.severity]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_NO:
            return RIGHT_ALIGNED
        return None

    def _display(self, item: WorkItem, column: int) -> str:
        if column == COL_NO:
            return EMPTY if item.ruta_no_urut is None else str(item.ruta_no_urut)
        if column == COL_NAMA:
            return item.nama or EMPTY
        if column == COL_FIELD:
            return field_label(item.field, self._lang)
        return item.message(self._lang)

    def _sort_value(self, item: WorkItem, column: int) -> int | str:
        if column == COL_NO:
            return -1 if item.ruta_no_urut is None else item.ruta_no_urut
        return self._display(item, column).casefold()
