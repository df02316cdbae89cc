""" "Usulan": every proposal with its household, kind, status, reason and what changes; the
operator marks drafts ready for the MusDes, withdraws, edits the note/reason, carries a deferred
one forward and opens the household. A line says why items are held back from export.

Reading and every action run on the task runner; after an action the list is read again and
``changed`` is emitted (the desk refreshes what shows pending usulan). ``open_record(ruta_id)``
asks the desk to open the household.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from siksdesk.db.session import read_session
from siksdesk.domain.deactivation import DeactivationReason, reason_label
from siksdesk.domain.musdes import UsulanKind, UsulanStatus
from siksdesk.domain.usulan_rules import UsulanRuleError
from siksdesk.services import proposals
from siksdesk.ui.i18n import normalise_lang
from siksdesk.ui.pseudo import mark_data_text
from siksdesk.ui.tasks import Cancelled, Progress, Runner
from siksdesk.ui.usulan_model import (
    COL_CHANGES,
    COL_HOUSEHOLD,
    UsulanEntry,
    UsulanFilter,
    UsulanModel,
    UsulanSnapshot,
    read_entries,
)

_S = UsulanStatus
OPEN = frozenset({_S.DRAFT.value, _S.SIAP_MUSDES.value})


class UsulanView(QWidget):
    open_record = Signal(int)
    changed = Signal()

    def __init__(self, sessions: sessionmaker[Session], runner: Runner, author: str,
                 lang: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sessions, self.runner, self.author = sessions, runner, author
        self.lang = normalise_lang(lang)
        self.model = UsulanModel(self.lang, self)
        self.proxy = UsulanFilter(self)
        self.proxy.setSourceModel(self.model)
        self.snapshot: UsulanSnapshot | None = None
        self._busy = False
        self._build()
        self._filter_changed()
        self._update_buttons()

    # -- construction ------------------------------------------------------------------------
    def _build(self) -> None:
        self.status_filter = QComboBox()
        self.status_filter.addItem(QCoreApplication.translate("UsulanView", "Open (draft and "
                                                              "ready)"), "open")
        self.status_filter.addItem(QCoreApplication.translate("UsulanView", "All"), "all")
        for status in UsulanStatus:
            self.status_filter.addItem(status.label(self.lang), status.value)
        self.status_filter.currentIndexChanged.connect(self._filter_changed)
        filter_label = QLabel(QCoreApplication.translate("UsulanView", "&Show:"))
        filter_label.setBuddy(self.status_filter)
        self.group_by = QComboBox()
        self.group_by.addItem(QCoreApplication.translate("UsulanView", "Household"), 0)
        self.group_by.addItem(QCoreApplication.translate("UsulanView", "Kind"), 1)
        self.group_by.addItem(QCoreApplication.translate("UsulanView", "Status"), 3)
        self.group_by.currentIndexChanged.connect(self._sort_changed)
        group_label = QLabel(QCoreApplication.translate("UsulanView", "&Group by:"))
        group_label.setBuddy(self.group_by)
        self.refresh_button = QPushButton(QCoreApplication.translate("UsulanView", "Refresh"))
        self.refresh_button.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        for widget in (filter_label, self.status_filter, group_label, self.group_by):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.refresh_button)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.resizeSection(COL_HOUSEHOLD, 240)
        header.resizeSection(COL_CHANGES, 260)
        self.table.doubleClicked.connect(lambda _index: self.open_household())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.ready_button = self._button(QCoreApplication.translate(
            "UsulanView", "Mark &ready for MusDes"), self.mark_ready, "Ctrl+R")
        self.withdraw_button = self._button(QCoreApplication.translate(
            "UsulanView", "&Withdraw…"), self.withdraw, "Del")
        self.edit_button = self._button(QCoreApplication.translate(
            "UsulanView", "&Edit note…"), self.edit_note, "F2")
        self.carry_button = self._button(QCoreApplication.translate(
            "UsulanView", "&Carry forward"), self.carry_forward, None)
        self.open_button = self._button(QCoreApplication.translate(
            "UsulanView", "&Open household"), self.open_household, "Ctrl+O")
        self.carry_button.setToolTip(QCoreApplication.translate(
            "UsulanView", "Put a deferred proposal in front of the next MusDes as a new draft."))
        buttons = QHBoxLayout()
        for button in (self.ready_button, self.withdraw_button, self.edit_button,
                       self.carry_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)

        self.counts = QLabel()
        self.held = QLabel()
        self.held.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        mark_data_text(self.counts, self.held, self.message)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.counts)
        layout.addWidget(self.held)
        layout.addWidget(self.message)
        self.setWindowTitle(QCoreApplication.translate("UsulanView", "Usulan (proposals)"))

    def _button(self, text: str, slot: Callable[[], None], keys: str | None) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        if keys:
            button.setShortcut(QKeySequence(keys))
        return button

    # -- reading -------------------------------------------------------------------------------
    def refresh(self) -> None:
        sessions, lang = self.sessions, self.lang

        def work(_progress: Progress, _cancelled: Cancelled) -> UsulanSnapshot:
            with read_session(sessions) as session:
                return read_entries(session, lang)

        self.runner.run(work, on_result=self._loaded, on_error=_report)

    def _loaded(self, snapshot: UsulanSnapshot) -> None:
        selected = {e.row.id for e in self.selected_entries()}
        self.snapshot = snapshot
        self.model.replace_rows(snapshot.entries)
        self._sort_changed()
        for row in range(self.proxy.rowCount()):
            entry = self._entry(self.proxy.index(row, 0))
            if entry is not None and entry.row.id in selected:
                self.table.selectRow(row)
        open_count = sum(1 for e in snapshot.entries if e.row.status in OPEN)
        ready = sum(1 for e in snapshot.entries if e.row.status == _S.SIAP_MUSDES)
        self.counts.setText(QCoreApplication.translate(
            "UsulanView", "{open} open proposals, {ready} of them ready for the MusDes.")
            .format(open=open_count, ready=ready))
        lines = [f"{count} × {message}" for message, count in snapshot.held]
        self.held.setText(QCoreApplication.translate(
            "UsulanView", "Held back from export: {reasons}").format(
                reasons="; ".join(lines)) if lines else QCoreApplication.translate(
            "UsulanView", "Nothing is held back from export."))
        self._update_buttons()

    def _filter_changed(self) -> None:
        choice = self.status_filter.currentData()
        self.proxy.set_statuses(None if choice == "all" else OPEN if choice == "open"
                                else frozenset({str(choice)}))
        self._update_buttons()

    def _sort_changed(self) -> None:
        self.table.sortByColumn(int(self.group_by.currentData()), Qt.SortOrder.AscendingOrder)

    # -- selection ----------------------------------------------------------------------------
    def _entry(self, index: QModelIndex) -> UsulanEntry | None:
        source = self.proxy.mapToSource(index)
        return self.model.entry_at(source.row()) if source.isValid() else None

    def selected_entries(self) -> list[UsulanEntry]:
        rows = self.table.selectionModel().selectedRows()
        found = [self._entry(index) for index in sorted(rows, key=lambda i: i.row())]
        return [e for e in found if e is not None]

    def current_entry(self) -> UsulanEntry | None:
        entries = self.selected_entries()
        return entries[0] if len(entries) == 1 else None

    def _update_buttons(self) -> None:
        entries = [] if self._busy else self.selected_entries()
        statuses = {e.row.status for e in entries}
        self.ready_button.setEnabled(bool(entries) and statuses == {_S.DRAFT.value})
        self.withdraw_button.setEnabled(bool(entries) and statuses <= OPEN)
        single = entries[0] if len(entries) == 1 else None
        self.edit_button.setEnabled(single is not None and single.row.status in OPEN)
        self.carry_button.setEnabled(single is not None and single.row.status == _S.DITUNDA)
        self.open_button.setEnabled(single is not None and single.household.ruta_id is not None)

    # -- actions ------------------------------------------------------------------------------
    def mark_ready(self) -> None:
        ids = [e.row.id for e in self.selected_entries() if e.row.status == _S.DRAFT]
        if ids:
            sessions, author = self.sessions, self.author
            self._act(lambda: proposals.mark_ready(sessions, ids, author=author),
                      QCoreApplication.translate(
                          "UsulanView", "{count} proposals marked ready for the MusDes.")
                      .format(count=len(ids)))

    def withdraw(self) -> None:
        entries = [e for e in self.selected_entries() if e.row.status in OPEN]
        if not entries or not self._confirm_withdraw(len(entries)):
            return
        sessions, author, ids = self.sessions, self.author, [e.row.id for e in entries]

        def write() -> None:
            for usulan_id in ids:
                proposals.withdraw(sessions, usulan_id, author=author)

        self._act(write, QCoreApplication.translate(
            "UsulanView", "{count} proposals withdrawn.").format(count=len(ids)))

    def _confirm_withdraw(self, count: int) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question,
                          QCoreApplication.translate("UsulanView", "Withdraw proposals"),
                          QCoreApplication.translate(
                              "UsulanView", "Withdraw {count} proposals?").format(count=count),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setInformativeText(QCoreApplication.translate(
            "UsulanView", "The registry edit itself stays as it is: the data remain as edited, "
            "but the change is not put to the MusDes and is never sent to the district. To undo "
            "the edit, change the household again."))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def edit_note(self) -> None:
        entry = self.current_entry()
        if entry is None or entry.row.status not in OPEN:
            return
        dialog = NoteDialog(entry, self.lang, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        sessions, author, usulan_id = self.sessions, self.author, entry.row.id
        note, reason = dialog.note.text(), dialog.chosen_reason()
        self._act(lambda: proposals.edit_proposal(sessions, usulan_id, author=author,
                                                  note=note, reason=reason),
                  QCoreApplication.translate("UsulanView", "Proposal changed."))

    def carry_forward(self) -> None:
        entry = self.current_entry()
        if entry is not None and entry.row.status == _S.DITUNDA:
            sessions, author, usulan_id = self.sessions, self.author, entry.row.id
            self._act(lambda: proposals.carry_forward(sessions, usulan_id, author=author),
                      QCoreApplication.translate(
                          "UsulanView", "Carried forward as a new draft for the next MusDes."))

    def open_household(self) -> None:
        entry = self.current_entry()
        if entry is not None and entry.household.ruta_id is not None:
            self.open_record.emit(entry.household.ruta_id)

    def _act(self, write: Callable[[], Any], done: str) -> None:
        self._busy = True
        self._update_buttons()

        def work(_progress: Progress, _cancelled: Cancelled) -> Any:
            return write()

        self.runner.run(work, on_result=partial(self._acted, done), on_error=self._failed)

    def _acted(self, done: str, _result: object) -> None:
        self._busy = False
        self.message.setText(done)
        self.refresh()
        self.changed.emit()

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        self._update_buttons()
        if isinstance(error, UsulanRuleError):
            self.message.setText(error.message(self.lang))
            return
        _report(error)


class NoteDialog(QDialog):
    """The note of an open proposal and, for a deactivation or replacement, its reason."""

    def __init__(self, entry: UsulanEntry, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("UsulanView", "Edit proposal"))
        self.note = QLineEdit(entry.row.note)
        self.note.setMaxLength(500)
        self.reason = QComboBox()
        for reason in DeactivationReason:
            self.reason.addItem(reason_label(reason, lang), reason.value)
        self.reason.setCurrentIndex(max(self.reason.findData(entry.row.reason), 0))
        form = QFormLayout(self)
        form.addRow(QCoreApplication.translate("UsulanView", "&Note:"), self.note)
        self.with_reason = entry.row.kind in (UsulanKind.NONAKTIF, UsulanKind.PENGGANTIAN)
        if self.with_reason:
            form.addRow(QCoreApplication.translate("UsulanView", "&Reason:"), self.reason)
        else:
            self.reason.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def chosen_reason(self) -> str | None:
        return str(self.reason.currentData()) if self.with_reason else None


def _report(error: BaseException) -> None:
    sys.excepthook(type(error), error, error.__traceback__)
