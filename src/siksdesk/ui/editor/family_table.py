"""Small tables of the household editor: its families (No. KK) and one family's members.

A household has a handful of rows, so the models hold the draft DTOs; edits arrive as whole rows
(``update_row`` → ``dataChanged``), additions and removals as row inserts/removals.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from siksdesk.domain.problems import Problem, Severity
from siksdesk.domain.variables import Entity, variable
from siksdesk.services.household_edit import FamilyDraft, MemberDraft
from siksdesk.ui.id_fields import COLOURS, STATE_INVALID, STATE_TEMP, STATE_WARNING, state_pixmap
from siksdesk.ui.variable_help import header_tooltips

Index = QModelIndex | QPersistentModelIndex
ITEM_ROLE = Qt.ItemDataRole.UserRole + 2
EMPTY = "—"
_ROOT = QModelIndex()

FAMILY_COLUMNS = (
    str(QT_TRANSLATE_NOOP("FamilyTableModel", "No.")),
    str(QT_TRANSLATE_NOOP("FamilyTableModel", "Family card no.")),
    str(QT_TRANSLATE_NOOP("FamilyTableModel", "Members")),
)
MEMBER_COLUMNS = (
    ("nama", str(QT_TRANSLATE_NOOP("MemberTableModel", "Name"))),
    ("nik", str(QT_TRANSLATE_NOOP("MemberTableModel", "NIK"))),
    ("hubungan_krt", str(QT_TRANSLATE_NOOP("MemberTableModel", "Relation"))),
    ("jenis_kelamin", str(QT_TRANSLATE_NOOP("MemberTableModel", "Sex"))),
    ("tanggal_lahir", str(QT_TRANSLATE_NOOP("MemberTableModel", "Born"))),
    ("keberadaan", str(QT_TRANSLATE_NOOP("MemberTableModel", "Presence"))),
    ("problems", str(QT_TRANSLATE_NOOP("MemberTableModel", "Problems"))),
)
COL_NIK, COL_PROBLEMS = 1, 6
_SEX_SHORT = {1: "L", 2: "P"}


class _RowsModel(QAbstractTableModel):
    CONTEXT = ""
    TITLES: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.TITLES)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.TITLES):
            return QCoreApplication.translate(self.CONTEXT, self.TITLES[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def _valid(self, index: Index) -> bool:
        return index.isValid() and 0 <= index.row() < len(self._rows) \
            and 0 <= index.column() < len(self.TITLES)


class FamilyTableModel(_RowsModel):
    CONTEXT = "FamilyTableModel"
    TITLES = FAMILY_COLUMNS

    def set_families(self, families: Sequence[FamilyDraft]) -> None:
        self.beginResetModel()
        self._rows = list(families)
        self.endResetModel()

    def update_row(self, row: int, family: FamilyDraft) -> None:
        self._rows[row] = family
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.TITLES) - 1))

    def insert_row(self, row: int, family: FamilyDraft) -> None:
        self.beginInsertRows(_ROOT, row, row)
        self._rows.insert(row, family)
        self.endInsertRows()

    def remove_row(self, row: int) -> None:
        self.beginRemoveRows(_ROOT, row, row)
        del self._rows[row]
        self.endRemoveRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        family: FamilyDraft = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (str(index.row() + 1), family.no_kk or EMPTY,
                    str(len(family.members)))[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() != 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ITEM_ROLE:
            return family
        return None


class MemberTableModel(_RowsModel):
    CONTEXT = "MemberTableModel"
    TITLES = tuple(title for _key, title in MEMBER_COLUMNS)

    def __init__(self, *, lang: str = "id", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self._problems: list[tuple[Problem, ...]] = []
        self._vars = {key: variable(Entity.ART, key) for key, _t in MEMBER_COLUMNS
                      if key in ("hubungan_krt", "keberadaan")}
        self._icons: dict[str, QIcon] = {}
        self._header_tips = header_tooltips((key for key, _t in MEMBER_COLUMNS), lang,
                                            Entity.ART)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole \
                and 0 <= section < len(self._header_tips):
            return self._header_tips[section]
        return super().headerData(section, orientation, role)

    def set_members(self, members: Sequence[MemberDraft],
                    problems: Sequence[tuple[Problem, ...]]) -> None:
        self.beginResetModel()
        self._rows, self._problems = list(members), list(problems)
        self.endResetModel()

    def update_row(self, row: int, member: MemberDraft, problems: tuple[Problem, ...]) -> None:
        self._rows[row], self._problems[row] = member, problems
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.TITLES) - 1))

    def insert_row(self, row: int, member: MemberDraft, problems: tuple[Problem, ...]) -> None:
        self.beginInsertRows(_ROOT, row, row)
        self._rows.insert(row, member)
        self._problems.insert(row, problems)
        self.endInsertRows()

    def remove_row(self, row: int) -> None:
        self.beginRemoveRows(_ROOT, row, row)
        del self._rows[row]
        del self._problems[row]
        self.endRemoveRows()

    def member(self, row: int) -> MemberDraft:
        return self._rows[row]  # type: ignore[no-any-return]

    def problems(self, row: int) -> tuple[Problem, ...]:
        return self._problems[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        member: MemberDraft = self._rows[index.row()]
        problems = self._problems[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(member, problems, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_PROBLEMS and problems:
            return "\n".join(f"• {p.message(self.lang)}" for p in problems)
        if role == Qt.ItemDataRole.DecorationRole and column == COL_PROBLEMS and problems:
            return self._icon(STATE_INVALID if _worst(problems) is Severity.ERROR
                              else STATE_WARNING)
        if column == COL_NIK and not member.nik and member.temp_id:
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setItalic(True)
                return font
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(COLOURS[STATE_TEMP][1]))
            if role == Qt.ItemDataRole.ToolTipRole:
                return QCoreApplication.translate("MemberTableModel",
                                                  "Temporary number: no NIK yet")
        if role == ITEM_ROLE:
            return member
        return None

    def _display(self, member: MemberDraft, problems: tuple[Problem, ...], column: int) -> str:
        key = MEMBER_COLUMNS[column][0]
        if key == "nama":
            return member.nama or QCoreApplication.translate("MemberTableModel", "(no name)")
        if key == "nik":
            return member.nik or member.temp_id or EMPTY
        if key == "problems":
            if not problems:
                return ""
            return QCoreApplication.translate("MemberTableModel", "{count} problems").format(
                count=len(problems))
        value = member.values.get(key)
        if value is None:
            return EMPTY
        if key == "jenis_kelamin":
            return _SEX_SHORT.get(value, str(value))  # type: ignore[arg-type]
        if isinstance(value, date):
            return f"{value.day:02d}-{value.month:02d}-{value.year}"
        var = self._vars.get(key)
        code = var.code(value) if var is not None and isinstance(value, int) else None
        return code.label(self.lang) if code is not None else str(value)

    def _icon(self, state: str) -> QIcon:
        if state not in self._icons:
            self._icons[state] = QIcon(state_pixmap(state, 14))
        return self._icons[state]


def _worst(problems: Sequence[Problem]) -> Severity:
    return Severity.ERROR if any(p.severity is Severity.ERROR for p in problems) \
        else Severity.WARNING


# -- the views -------------------------------------------------------------------------------------
def make_table(model: Any) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setTabKeyNavigation(False)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
    view.horizontalHeader().setHighlightSections(False)
    return view


def rows_height(view: QTableView, rows: int) -> int:
    """Height showing the header and ``rows`` rows (a horizontal scroll bar included)."""
    return (view.verticalHeader().defaultSectionSize() * rows
            + view.horizontalHeader().sizeHint().height() + 2 * view.frameWidth()
            + view.horizontalScrollBar().sizeHint().height())


def fit_columns(view: QTableView) -> None:
    """Columns as wide as their texts and titles (a handful of rows), the last one taking what
    is left; when they need more than the view has, it scrolls sideways instead of cutting."""
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)


class EnterToForm(QObject):
    """Enter on a member row goes to that member's name field."""

    def __init__(self, target: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._target = target

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._target()
            return True
        return False
