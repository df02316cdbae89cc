"""The decision page of the MusDes wizard, re-used for every step of the agenda: one proposal
(before → after per field, the household's members and key variables, the evidence), or every
replacement pair of one programme decided together.

Keys: 1 / Alt+S approve (setuju), 2 / Alt+T reject (tolak), 3 / Alt+D defer (tunda); each
decision is saved at once. Approving moves to the next item; after a rejection or deferral the
note field takes the focus (type the reason, Enter saves it and moves on). Enter or PageDown:
next item; PageUp: previous; Ctrl+End: the summary.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWizardPage,
)

from siksdesk.domain.musdes import DECISION_STATUS, Decision, UsulanKind
from siksdesk.services import musdes
from siksdesk.services.proposal_context import (
    EMPTY,
    HouseholdFacts,
    change_lines,
    decision_label,
    kind_label,
    reason_text,
)
from siksdesk.services.usulan import UsulanRow
from siksdesk.ui.musdes_pages import AgendaData, Step, fill_table, make_table
from siksdesk.ui.musdes_wizard import ERROR_STYLE, SUMMARY, EnterFilter
from siksdesk.ui.pseudo import mark_data_text

if TYPE_CHECKING:
    from siksdesk.ui.musdes_wizard import MusdesWizard


class ItemPage(QWizardPage):
    def __init__(self, wizard: MusdesWizard) -> None:
        super().__init__()
        self.w = wizard
        self.steps: list[Step] = []
        self.index = 0
        self._busy = False
        self._leave = False
        self.setTitle(QCoreApplication.translate("MusdesItem", "Decisions"))
        self.position = QLabel()
        self.household = QLabel()
        self.about = QLabel()
        self.evidence = QLabel()
        self.state = QLabel()
        for label in (self.household, self.about, self.evidence, self.state):
            label.setWordWrap(True)
        self.changes = make_table()
        self.members = make_table(fit=True)
        self.key_values = make_table()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.members, QCoreApplication.translate("MusdesItem", "Members"))
        self.tabs.addTab(self.key_values, QCoreApplication.translate("MusdesItem", "Household"))
        mark_data_text(self.position, self.household, self.about, self.evidence, self.state)
        self.note = QLineEdit()
        self.note.setMaxLength(500)
        self.note.setPlaceholderText(QCoreApplication.translate(
            "MusdesItem", "Decision note, e.g. the reason for a rejection (Enter saves it)"))
        EnterFilter(self.note, self.note_entered)
        self.buttons = {
            Decision.SETUJU: QPushButton(QCoreApplication.translate("MusdesItem",
                                                                    "Approve  [1]")),
            Decision.TOLAK: QPushButton(QCoreApplication.translate("MusdesItem", "Reject  [2]")),
            Decision.TUNDA: QPushButton(QCoreApplication.translate("MusdesItem", "Defer  [3]")),
        }
        tips = {Decision.SETUJU: QCoreApplication.translate("MusdesItem", "Setuju: 1 or Alt+S"),
                Decision.TOLAK: QCoreApplication.translate("MusdesItem", "Tolak: 2 or Alt+T"),
                Decision.TUNDA: QCoreApplication.translate("MusdesItem", "Tunda: 3 or Alt+D")}
        keys = {Decision.SETUJU: ("1", "Alt+S"), Decision.TOLAK: ("2", "Alt+T"),
                Decision.TUNDA: ("3", "Alt+D")}
        row = QHBoxLayout()
        for decision, button in self.buttons.items():
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAutoDefault(False)
            button.setToolTip(tips[decision])
            button.clicked.connect(lambda _checked=False, d=decision: self.decide(d))
            for key in keys[decision]:
                QShortcut(QKeySequence(key), self, lambda d=decision: self.decide(d))
            row.addWidget(button)
        self.undo_button = self._nav(QCoreApplication.translate("MusdesItem", "Undo decision"),
                                     self.undo, None)
        row.addWidget(self.undo_button)
        row.addWidget(self.note, 1)
        nav = QHBoxLayout()
        self.previous_button = self._nav(QCoreApplication.translate(
            "MusdesItem", "Previous item"), self.previous, "PgUp")
        self.next_button = self._nav(QCoreApplication.translate("MusdesItem", "Next item"),
                                     self.next_item, "PgDown")
        self.summary_button = self._nav(QCoreApplication.translate(
            "MusdesItem", "To the summary"), self.to_summary, "Ctrl+End")
        nav.addWidget(self.position, 1)
        for button in (self.previous_button, self.next_button, self.summary_button):
            nav.addWidget(button)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        mark_data_text(self.error)
        layout = QVBoxLayout(self)
        layout.addLayout(nav)
        layout.addWidget(self.household)
        layout.addWidget(self.about)
        layout.addWidget(self.changes, 2)
        layout.addWidget(self.tabs, 3)
        layout.addWidget(self.evidence)
        layout.addWidget(self.state)
        layout.addLayout(row)
        layout.addWidget(self.error)

    def _nav(self, text: str, slot: object, key: str | None) -> QPushButton:
        button = QPushButton(text)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        if key:
            QShortcut(QKeySequence(key), self, slot)
        return button

    # -- moving --------------------------------------------------------------------------------
    def initializePage(self) -> None:
        data = self.w.agenda.data
        self.steps = list(data.steps) if data is not None else []
        start = self.w.agenda.start_at
        self.w.agenda.start_at = None
        undecided = [i for i, s in enumerate(self.steps) if not s.decision]
        self.index = start if start is not None else (undecided[0] if undecided else 0)
        self._leave = False
        self.show_step()

    def current(self) -> Step | None:
        return self.steps[self.index] if 0 <= self.index < len(self.steps) else None

    def go(self, index: int) -> None:
        if self.steps and not self._busy:
            self.index = max(0, min(index, len(self.steps) - 1))
            self.show_step()

    def next_item(self) -> None:
        if self.index >= len(self.steps) - 1:
            self.to_summary()
        else:
            self.go(self.index + 1)

    def previous(self) -> None:
        self.go(self.index - 1)

    def to_summary(self) -> None:
        if not self._busy:
            self._leave = True
            self.w.next()

    def validatePage(self) -> bool:  # Next (or Enter): the next item, the summary after the last
        if self._leave or self.index >= len(self.steps) - 1:
            self._leave = False
            return True
        self.next_item()
        return False

    def nextId(self) -> int:
        return SUMMARY

    # -- deciding ------------------------------------------------------------------------------
    def decide(self, decision: Decision | None, *, advance: bool | None = None) -> None:
        step, meeting = self.current(), self.w.meeting
        if step is None or meeting is None or self._busy:
            return
        sessions, author, note = self.w.sessions, self.w.author, self.note.text()
        if step.programme:
            def write() -> object:
                return musdes.decide_replacements(sessions, meeting.id, step.programme,
                                                  decision, author=author, note=note)
        else:
            usulan_id = step.rows[0].id

            def write() -> object:
                return musdes.decide(sessions, meeting.id, usulan_id, decision, author=author,
                                     note=note)
        self._busy = True
        self.error.clear()
        index = self.index
        move = advance if advance is not None else (decision is Decision.SETUJU
                                                    or bool(note.strip()))
        self.w.call(write, lambda _r: self._decided(index, decision, note, move), self._failed)

    def _decided(self, index: int, decision: Decision | None, note: str, move: bool) -> None:
        self._busy = False
        step = self.steps[index]
        status = DECISION_STATUS[decision] if decision is not None else "ready"
        rows = tuple(dataclasses.replace(
            r, decision=None if decision is None else decision.value, status=str(status),
            decision_note="" if decision is None else note.strip(),
            meeting_id=None if decision is None else self.w.meeting.id if self.w.meeting
            else None) for r in step.rows)
        self.steps[index] = dataclasses.replace(step, rows=rows)
        if self.w.agenda.data is not None:
            self.w.agenda.data = dataclasses.replace(self.w.agenda.data,
                                                     steps=tuple(self.steps))
        if index != self.index:
            return
        if move and decision is not None:
            self.next_item()
        else:
            self.show_step()
            if decision is not None:
                self.note.setFocus()

    def _failed(self, message: str) -> None:
        self._busy = False
        self.error.setText(message)

    def undo(self) -> None:
        self.decide(None, advance=False)

    def note_entered(self) -> None:
        step = self.current()
        if step is None:
            return
        if step.decision and self.note.text().strip() != step.note:
            self.decide(Decision(step.decision), advance=True)
        else:
            self.next_item()

    # -- showing -------------------------------------------------------------------------------
    def show_step(self) -> None:
        step, data, lang = self.current(), self.w.agenda.data, self.w.lang
        if step is None or data is None:
            return
        first = step.rows[0]
        self.position.setText(QCoreApplication.translate("MusdesItem", "Item {n} of {total}")
                              .format(n=self.index + 1, total=len(self.steps)))
        if step.programme:
            self._show_pairs(step, data)
        else:
            self._show_item(first, data)
        self.note.setText(step.note)
        decided = step.decision
        self.state.setText(QCoreApplication.translate("MusdesItem", "Decision: {decision}")
                           .format(decision=decision_label(decided, lang)) if decided else
                           QCoreApplication.translate("MusdesItem", "Not decided yet."))
        self.undo_button.setEnabled(bool(decided))
        self.previous_button.setEnabled(self.index > 0)
        self.changes.setFocus()

    def _show_item(self, row: UsulanRow, data: AgendaData) -> None:
        lang = self.w.lang
        household = data.households[row.ruta_uuid]
        self.household.setText(QCoreApplication.translate(
            "MusdesItem", "Household {title} (IDBDT {idbdt})").format(
                title=household.title(), idbdt=household.idbdt or EMPTY))
        about = kind_label(row.kind, lang)
        if row.entity == "art":
            about += f" — {data.names.get(row.entity_uuid, EMPTY)}"
        if row.reason:
            about += f" — {reason_text(row.reason, lang)}"
        self.about.setText(about)
        lines = change_lines(row, lang)
        if not lines and row.kind == UsulanKind.BARU:
            lines = [(QCoreApplication.translate("MusdesItem", "New household"), EMPTY,
                      QCoreApplication.translate("MusdesItem", "see its members below"))]
        elif not lines and row.kind == UsulanKind.ANGGOTA_BARU:
            lines = [(QCoreApplication.translate("MusdesItem", "New member"), EMPTY,
                      data.names.get(row.entity_uuid, EMPTY))]
        fill_table(self.changes, [QCoreApplication.translate("MusdesItem", "Field"),
                             QCoreApplication.translate("MusdesItem", "Before"),
                             QCoreApplication.translate("MusdesItem", "After")], lines)
        self._show_household(household)
        self.evidence.setText(QCoreApplication.translate(
            "MusdesItem", "Evidence / note: {note} (source: {source}, by {author})").format(
                note=row.note or EMPTY, source=row.source or EMPTY,
                author=row.created_by or EMPTY))

    def _show_pairs(self, step: Step, data: AgendaData) -> None:
        self.household.setText(QCoreApplication.translate(
            "MusdesItem", "Programme {programme}: {count} replacement pairs, decided together")
            .format(programme=step.programme, count=len(step.rows)))
        self.about.setText(kind_label(UsulanKind.PENGGANTIAN.value, self.w.lang))
        lines = []
        for row in step.rows:
            pair = data.pairs[row.id]
            leaving = data.households[pair.exit_ruta].title() if pair.exit_ruta else EMPTY
            entering = data.households[pair.entry_ruta].title() if pair.entry_ruta else EMPTY
            lines.append((leaving, reason_text(pair.exit_reason, self.w.lang) or EMPTY,
                          entering))
        fill_table(self.changes, [QCoreApplication.translate("MusdesItem", "Leaving"),
                             QCoreApplication.translate("MusdesItem", "Reason"),
                             QCoreApplication.translate("MusdesItem", "Entering")], lines)
        first = data.pairs[step.rows[0].id]
        entering = data.households.get(first.entry_ruta or "")
        if entering is not None:
            self._show_household(entering)
        self.evidence.setText(QCoreApplication.translate(
            "MusdesItem", "Approving checks the whole set: the quota, every reason, and the "
            "entering households."))

    def _show_household(self, household: HouseholdFacts) -> None:
        fill_table(self.members, [
            QCoreApplication.translate("MusdesItem", "Name"),
            QCoreApplication.translate("MusdesItem", "NIK"),
            QCoreApplication.translate("MusdesItem", "Family card no."),
            QCoreApplication.translate("MusdesItem", "Relation"),
            QCoreApplication.translate("MusdesItem", "Sex"),
            QCoreApplication.translate("MusdesItem", "Born"),
            QCoreApplication.translate("MusdesItem", "Presence")],
            [(m.nama, m.nik, m.no_kk, m.relation, m.sex, m.born, m.presence)
             for m in household.members])
        fill_table(self.key_values, [QCoreApplication.translate("MusdesItem", "Variable"),
                                QCoreApplication.translate("MusdesItem", "Value")],
              list(household.key_values))
