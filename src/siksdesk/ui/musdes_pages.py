"""The agenda of the MusDes wizard: the steps to decide (one proposal each, or every
replacement pair of one programme together), grouped by household; double-click starts there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWizardPage,
)
from sqlalchemy.orm import Session

from siksdesk.domain.musdes import UsulanKind
from siksdesk.services import musdes
from siksdesk.services.programmes import PairRow, pair_for
from siksdesk.services.proposal_context import (
    EMPTY,
    HouseholdFacts,
    change_summary,
    decision_label,
    kind_label,
    read_households,
    subject_names,
)
from siksdesk.services.usulan import UsulanRow
from siksdesk.ui.pseudo import mark_data_text

if TYPE_CHECKING:
    from siksdesk.ui.musdes_wizard import MusdesWizard


@dataclass(frozen=True, slots=True)
class Step:
    rows: tuple[UsulanRow, ...]
    programme: str = ""  # set: the replacement pairs of this programme, decided together

    @property
    def decision(self) -> str | None:
        decisions = {r.decision for r in self.rows}
        return decisions.pop() if len(decisions) == 1 else None

    @property
    def note(self) -> str:
        return self.rows[0].decision_note if self.rows else ""


@dataclass(frozen=True, slots=True)
class AgendaData:
    steps: tuple[Step, ...]
    households: dict[str, HouseholdFacts]
    names: dict[str, str]
    pairs: dict[int, PairRow]


def read_agenda(session: Session, meeting_id: int, lang: str) -> AgendaData:
    rows = musdes.agenda(session, meeting_id)
    pairs = {r.id: p for r in rows if r.kind == UsulanKind.PENGGANTIAN
             and (p := pair_for(session, r.id)) is not None}
    ruta = [r.ruta_uuid for r in rows] + [u for p in pairs.values()
                                          for u in (p.exit_ruta, p.entry_ruta) if u]
    households = read_households(session, ruta, lang)
    plain = sorted((r for r in rows if r.id not in pairs),
                   key=lambda r: (households[r.ruta_uuid].no_urut or 0, r.ruta_uuid, r.id))
    by_programme: dict[str, list[UsulanRow]] = {}
    for row in rows:
        if row.id in pairs:
            by_programme.setdefault(pairs[row.id].programme, []).append(row)
    steps = [Step((r,)) for r in plain]
    steps += [Step(tuple(items), code) for code, items in sorted(by_programme.items())]
    return AgendaData(tuple(steps), households, subject_names(session, rows), pairs)


class AgendaPage(QWizardPage):
    def __init__(self, wizard: MusdesWizard) -> None:
        super().__init__()
        self.w = wizard
        self.data: AgendaData | None = None
        self.start_at: int | None = None
        self.setTitle(QCoreApplication.translate("MusdesAgenda", "Agenda"))
        self.setSubTitle(QCoreApplication.translate(
            "MusdesAgenda", "The proposals marked ready for the MusDes, grouped by household. "
            "Press Next to decide them one by one, or double-click one to start there."))
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([
            QCoreApplication.translate("MusdesAgenda", "Household / proposal"),
            QCoreApplication.translate("MusdesAgenda", "What changes"),
            QCoreApplication.translate("MusdesAgenda", "Decision")])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.tree.header().resizeSection(0, 380)
        self.tree.header().resizeSection(1, 420)
        self.tree.itemActivated.connect(self._activated)
        self.count = QLabel()
        mark_data_text(self.count)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.count)

    def initializePage(self) -> None:
        meeting, lang = self.w.meeting, self.w.lang
        if meeting is not None:
            self.w.read(lambda s: read_agenda(s, meeting.id, lang), self.show_agenda)

    def show_agenda(self, data: AgendaData) -> None:
        self.data = data
        lang = self.w.lang
        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        for index, step in enumerate(data.steps):
            first = step.rows[0]
            key = f"programme:{step.programme}" if step.programme else first.ruta_uuid
            if key not in groups:
                title = (QCoreApplication.translate("MusdesAgenda", "Replacements {programme}")
                         .format(programme=step.programme) if step.programme
                         else data.households[first.ruta_uuid].title())
                groups[key] = QTreeWidgetItem(self.tree, [title])
                groups[key].setExpanded(True)
            label = kind_label(first.kind, lang)
            if not step.programme and first.entity == "art":
                label = f"{label}: {data.names.get(first.entity_uuid, EMPTY)}"
            what = (str(len(step.rows)) if step.programme else change_summary(first, lang))
            item = QTreeWidgetItem(groups[key], [label, what,
                                                 decision_label(step.decision, lang)])
            item.setData(0, Qt.ItemDataRole.UserRole, index)
        decided = sum(1 for s in data.steps if s.decision)
        self.count.setText(QCoreApplication.translate(
            "MusdesAgenda", "{total} items on the agenda, {decided} decided so far.")
            .format(total=len(data.steps), decided=decided) if data.steps else
            QCoreApplication.translate(
                "MusdesAgenda", "Nothing is ready for the MusDes: mark proposals ready in the "
                "Usulan list first."))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.data is not None and bool(self.data.steps)

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        index = item.data(0, Qt.ItemDataRole.UserRole)
        if isinstance(index, int):
            self.start_at = index
            self.w.next()


def make_table(*, fit: bool = False) -> QTableWidget:
    """A read-only table; ``fit``: columns as wide as their contents (many columns)."""
    table = QTableWidget(0, 0)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setTabKeyNavigation(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents if fit
                                else QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(True)
    return table


def fill_table(table: QTableWidget, headers: list[str], rows: list[tuple[str, ...]]) -> None:
    table.clear()
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            table.setItem(r, c, QTableWidgetItem(text))
