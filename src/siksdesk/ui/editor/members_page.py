"""The household's families (No. KK) and members: two small tables and the member form.

The page keeps the working copy of the families as draft DTOs; every edit in the form replaces
the member in it at once, so the table (and its problems column) follows as the operator types.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QModelIndex, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from siksdesk.domain.kk import KkCheck
from siksdesk.domain.nik import today_local
from siksdesk.domain.problems import Problem
from siksdesk.domain.rules import HEAD_OF_HOUSEHOLD, MemberFacts, member_findings
from siksdesk.services.household_edit import (
    KEEP_KK,
    KEEP_NIK,
    FamilyDraft,
    MemberDraft,
    new_family_draft,
    new_member_draft,
)
from siksdesk.ui.editor.duplicates import DuplicateLookups
from siksdesk.ui.editor.family_table import (
    EnterToForm,
    FamilyTableModel,
    MemberTableModel,
    fit_columns,
    make_table,
    rows_height,
)
from siksdesk.ui.editor.member_form import MemberForm
from siksdesk.ui.editor.prompts import Prompts
from siksdesk.ui.id_fields import KkField
from siksdesk.ui.tasks import Runner

log = logging.getLogger(__name__)
NEW_MEMBER, LIVES_HERE = 5, 1  # keberadaan codes for a member added to a saved / new household




class MembersPage(QWidget):
    edited = Signal()
    record_requested = Signal(int, int)  # ruta id, art id: a duplicate link was followed
    members_counted = Signal(int)

    def __init__(self, sessions: sessionmaker[Session], runner: Runner, *, lang: str,
                 prompts: Prompts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang, self.prompts = lang, prompts
        self.lookups = DuplicateLookups(sessions, runner)
        self._families: list[FamilyDraft] = []
        self._kept: set[tuple[str, str]] = set()
        self._family_row = self._member_row = -1
        self._saved_household = False
        self._loading = False
        self._kk_looked_up: str | None = None
        self._build()

    def _build(self) -> None:
        self.family_model = FamilyTableModel(self)
        self.family_view = make_table(self.family_model)
        self.family_view.setMaximumHeight(rows_height(self.family_view, 2))
        fit_columns(self.family_view)
        self.kk_field = KkField(lang=self.lang)
        self.kk_field.edited.connect(self._on_kk_edited)
        self.kk_field.checked.connect(self._on_kk_checked)
        self.kk_field.kept_as_warning_changed.connect(
            lambda kept: self._keep(self._family(), KEEP_KK, kept))
        self.kk_field.duplicate_activated.connect(self.record_requested)
        self.add_family_button = QPushButton(
            QCoreApplication.translate("MembersPage", "Add family"))
        self.remove_family_button = QPushButton(
            QCoreApplication.translate("MembersPage", "Remove family"))
        self.add_family_button.clicked.connect(self.add_family)
        self.remove_family_button.clicked.connect(self.remove_family)
        families_box = QGroupBox(QCoreApplication.translate("MembersPage", "Families (No. KK)"))
        box = QVBoxLayout(families_box)
        box.addWidget(self.family_view)
        box.addWidget(self.kk_field)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_family_button)
        buttons.addWidget(self.remove_family_button)
        buttons.addStretch(1)
        box.addLayout(buttons)
        box.addStretch(1)

        self.member_model = MemberTableModel(lang=self.lang, parent=self)
        self.member_view = make_table(self.member_model)
        fit_columns(self.member_view)
        self.member_view.setMaximumHeight(rows_height(self.member_view, 5))
        self.member_view.installEventFilter(EnterToForm(lambda: self.form.focus_key("nama"),
                                                         self))
        self.add_member_button = QPushButton(
            QCoreApplication.translate("MembersPage", "Add member"))
        self.add_member_button.setToolTip(QCoreApplication.translate("MembersPage", "Ctrl+N"))
        self.remove_member_button = QPushButton(
            QCoreApplication.translate("MembersPage", "Remove member"))
        self.add_member_button.clicked.connect(self.add_member)
        self.remove_member_button.clicked.connect(self.remove_member)
        self.members_box = QGroupBox()
        box = QHBoxLayout(self.members_box)
        box.addWidget(self.member_view, 1)
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_member_button)
        buttons.addWidget(self.remove_member_button)
        buttons.addStretch(1)
        box.addLayout(buttons)

        self.form = MemberForm(lang=self.lang)
        self.form.edited.connect(self._on_member_edited)
        self.form.kept_changed.connect(lambda kept: self._keep(self._member(), KEEP_NIK, kept))
        self.form.nik_complete.connect(self._look_up_nik)
        self.form.nik_field.duplicate_activated.connect(self.record_requested)
        self.form_box = QGroupBox()
        QVBoxLayout(self.form_box).addWidget(self.form)

        top = QHBoxLayout()
        top.addWidget(families_box, 2)
        top.addWidget(self.members_box, 5)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 0)
        layout.addWidget(self.form_box, 1)
        self.family_view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._on_family_row(current))
        self.member_view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._on_member_row(current))

    def focus_chain(self) -> list[QWidget]:
        return [self.family_view, self.kk_field.line_edit, self.kk_field.keep_box,
                self.member_view, *self.form.focus_chain(), self.add_member_button,
                self.remove_member_button, self.add_family_button, self.remove_family_button]

    # -- the working copy --------------------------------------------------------------------------
    def set_families(self, families: tuple[FamilyDraft, ...], *, saved_household: bool,
                     keep_position: bool = False) -> None:
        """Show ``families``; ``keep_position``: stay on the same family and member (after a
        save), else start at the first member of the first family."""
        family_row, member_row = (self._family_row, self._member_row) if keep_position \
            else (0, 0)
        self._families = list(families)
        self._saved_household = saved_household
        uuids = {f.uuid for f in families} | {m.uuid for f in families for m in f.members}
        self._kept = {k for k in self._kept if k[0] in uuids} if keep_position else set()
        self.family_model.set_families(self._families)
        self._show_family(min(max(family_row, 0), len(self._families) - 1), member_row)
        self.members_counted.emit(self.member_total())

    def families(self) -> tuple[FamilyDraft, ...]:
        return tuple(self._families)

    def kept(self) -> frozenset[tuple[str, str]]:
        return frozenset(self._kept)

    def head_name(self) -> str:
        """The head of household's name (hubungan = 1), or empty."""
        return next((m.nama.strip() for f in self._families for m in f.members
                     if m.values.get("hubungan_krt") == HEAD_OF_HOUSEHOLD), "")

    def member_total(self) -> int:
        return sum(len(f.members) for f in self._families)

    def _family(self) -> FamilyDraft | None:
        return self._families[self._family_row] if 0 <= self._family_row < len(
            self._families) else None

    def _member(self) -> MemberDraft | None:
        family = self._family()
        if family is None or not 0 <= self._member_row < len(family.members):
            return None
        return family.members[self._member_row]

    def _keep(self, item: FamilyDraft | MemberDraft | None, kind: str, kept: bool) -> None:
        if item is None or self._loading:
            return
        if kept:
            self._kept.add((item.uuid, kind))
        else:
            self._kept.discard((item.uuid, kind))

    def _problems(self, member: MemberDraft, no_kk: str | None) -> tuple[Problem, ...]:
        facts = MemberFacts(art_id=member.art_id or 0, nama=member.nama, nik=member.nik,
                            temp_id=member.temp_id, no_kk=no_kk, values=member.values)
        return tuple(f.problem for f in member_findings(facts, today=today_local()))

    def _replace_family(self, family: FamilyDraft) -> None:
        self._families[self._family_row] = family
        self.family_model.update_row(self._family_row, family)

    # -- showing -----------------------------------------------------------------------------------
    def _show_family(self, row: int, member_row: int = 0) -> None:
        self._loading = True
        try:
            self._family_row = row
            family = self._family()
            if family is not None:
                self.family_view.selectRow(row)
            self.kk_field.set_value(family.no_kk if family else None)
            self.kk_field.set_kept_as_warning(family is not None
                                              and (family.uuid, KEEP_KK) in self._kept)
            self.kk_field.setEnabled(family is not None)
            members = family.members if family else ()
            no_kk = family.no_kk if family else None
            self.member_model.set_members(members, [self._problems(m, no_kk) for m in members])
            self.members_box.setTitle(QCoreApplication.translate(
                "MembersPage", "Members of family {number}").format(number=row + 1))
            self.remove_family_button.setEnabled(len(self._families) > 1)
            self.add_member_button.setEnabled(family is not None)
        finally:
            self._loading = False
        self._show_member(min(member_row, len(members) - 1))

    def _show_member(self, row: int) -> None:
        self._loading = True
        try:
            self._member_row = row
            member, family = self._member(), self._family()
            if member is not None:
                self.member_view.selectRow(row)
            self.form.load(member, no_kk=family.no_kk if family else None,
                           kept=member is not None and (member.uuid, KEEP_NIK) in self._kept)
            self.remove_member_button.setEnabled(member is not None)
            self._title_form(member)
        finally:
            self._loading = False

    def _title_form(self, member: MemberDraft | None) -> None:
        if member is None:
            self.form_box.setTitle(QCoreApplication.translate("MembersPage", "No member selected"))
        else:
            name = member.nama.strip() or QCoreApplication.translate("MembersPage", "(no name)")
            self.form_box.setTitle(
                QCoreApplication.translate("MembersPage", "Member: {name}").format(name=name))

    def _on_family_row(self, current: QModelIndex) -> None:
        if current.isValid() and current.row() != self._family_row and not self._loading:
            self._show_family(current.row())

    def _on_member_row(self, current: QModelIndex) -> None:
        if current.isValid() and current.row() != self._member_row and not self._loading:
            self._show_member(current.row())

    # -- edits -------------------------------------------------------------------------------------
    def _on_member_edited(self) -> None:
        member, family = self.form.member(), self._family()
        if member is None or family is None or self._loading:
            return
        members = list(family.members)
        members[self._member_row] = member
        self._replace_family(replace(family, members=tuple(members)))
        self.member_model.update_row(self._member_row, member, self._problems(member,
                                                                               family.no_kk))
        self._title_form(member)
        self.edited.emit()

    def _on_kk_edited(self) -> None:
        family = self._family()
        if family is None or self._loading:
            return
        family = replace(family, no_kk=self.kk_field.value())
        self._replace_family(family)
        self.form.set_no_kk(family.no_kk)
        for row, member in enumerate(family.members):  # NIK = No. KK is checked per member
            self.member_model.update_row(row, member, self._problems(member, family.no_kk))
        self.edited.emit()

    def add_member(self) -> None:
        family = self._family()
        if family is None:
            return
        blank = new_member_draft()
        presence = NEW_MEMBER if self._saved_household else LIVES_HERE
        member = replace(blank, values={**blank.values, "keberadaan": presence})
        self._replace_family(replace(family, members=(*family.members, member)))
        row = len(family.members)
        self.member_model.insert_row(row, member, self._problems(member, family.no_kk))
        self._show_member(row)
        self.form.focus_key("nama")
        self.members_counted.emit(self.member_total())
        self.edited.emit()

    def remove_member(self) -> None:
        member, family = self._member(), self._family()
        if member is None or family is None:
            return
        name = member.nama.strip() or QCoreApplication.translate("MembersPage", "(no name)")
        question = QCoreApplication.translate(
            "MembersPage", "Remove {name} from this household? For a member who died or moved "
            "away, set “Member presence” instead: the record then stays for the history.")
        if not self._confirm(QCoreApplication.translate("MembersPage", "Remove member"),
                             question.format(name=name)):
            return
        row = self._member_row
        members = list(family.members)
        del members[row]
        self._replace_family(replace(family, members=tuple(members)))
        self.member_model.remove_row(row)
        self._member_row = -1
        self._show_member(min(row, len(members) - 1))
        self.members_counted.emit(self.member_total())
        self.edited.emit()

    def _confirm(self, title: str, question: str) -> bool:
        return self.prompts.confirm(self, title, question,
                                    QCoreApplication.translate("MembersPage", "Remove"))

    def add_family(self) -> None:
        family = new_family_draft(max((f.no_urut for f in self._families), default=0) + 1)
        self._families.append(family)
        self.family_model.insert_row(len(self._families) - 1, family)
        self._show_family(len(self._families) - 1)
        self.kk_field.setFocus()
        self.edited.emit()

    def remove_family(self) -> None:
        family = self._family()
        if family is None or len(self._families) < 2:
            return
        question = QCoreApplication.translate(
            "MembersPage", "Remove family {number} and its {count} members from this household?")
        if not self._confirm(QCoreApplication.translate("MembersPage", "Remove family"),
                             question.format(number=self._family_row + 1,
                                             count=len(family.members))):
            return
        row = self._family_row
        del self._families[row]
        self.family_model.remove_row(row)
        self._family_row = -1
        self._show_family(min(row, len(self._families) - 1))
        self.members_counted.emit(self.member_total())
        self.edited.emit()

    # -- finding and focusing ----------------------------------------------------------------------
    def find_member(self, art_id: int) -> tuple[int, int] | None:
        for f_row, family in enumerate(self._families):
            for m_row, member in enumerate(family.members):
                if member.art_id == art_id:
                    return f_row, m_row
        return None

    def find_family(self, keluarga_id: int) -> int | None:
        return next((row for row, f in enumerate(self._families)
                     if f.keluarga_id == keluarga_id), None)

    def focus(self, family_row: int, member_row: int | None, key: str) -> bool:
        if not 0 <= family_row < len(self._families):
            return False
        if family_row != self._family_row:
            self._show_family(family_row)
        if key == "no_kk":
            self.kk_field.setFocus()
            return True
        members = self._families[family_row].members
        row = 0 if member_row is None else member_row
        if not 0 <= row < len(members):
            return False
        if row != self._member_row:
            self._show_member(row)
        return self.form.focus_key(key)

    # -- duplicates in the village ----------------------------------------------------------------
    def _look_up_nik(self, nik: str) -> None:
        member = self._member()
        self.lookups.nik(self.form.nik_field, nik, member.art_id if member is not None else None)

    def _on_kk_checked(self, check: object) -> None:
        family = self._family()
        if isinstance(check, KkCheck) and check.no_kk is not None and family is not None \
                and check.no_kk != self._kk_looked_up:
            self._kk_looked_up = check.no_kk
            self.lookups.no_kk(self.kk_field, check.no_kk, family.keluarga_id)
