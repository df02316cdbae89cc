"""The household editor: one window (or tab) per household.

Header (address and identity), the families and members page, and one page per group of
household sections generated from the catalogue. Loading and saving run on the task runner; the
form is disabled meanwhile. A rejected save leaves every widget as it was and shows why, with
the cursor on the first field concerned. Keyboard: Enter moves to the next field, Ctrl+S saves,
Ctrl+N adds a member, Ctrl+PgDown asks for the next household, Esc closes.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import replace
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from siksdesk.db.session import read_session
from siksdesk.services.household_edit import (
    EditConflict,
    EditRejected,
    HouseholdDraft,
    HouseholdEditError,
    SaveResult,
    known_dusun,
    load_household,
    new_household_draft,
    save_household,
)
from siksdesk.services.usulan import UsulanRow
from siksdesk.ui.editor.banner import Banner
from siksdesk.ui.editor.header_form import HeaderForm
from siksdesk.ui.editor.members_page import MembersPage
from siksdesk.ui.editor.pending_banner import PendingBanner, read_pending
from siksdesk.ui.editor.prompts import Choice, Prompts
from siksdesk.ui.editor.section_pages import SectionPages
from siksdesk.ui.i18n import normalise_lang
from siksdesk.ui.pseudo import mark_data_text
from siksdesk.ui.tasks import Runner

_Loaded = tuple[HouseholdDraft, list[str], tuple[UsulanRow, ...]]
_PATH = re.compile(r"families\[(\d+)\](?:\.members\[(\d+)\])?\.(\w+)")


class HouseholdEditor(QWidget):
    saved = Signal(int)  # ruta id, after a successful save
    loaded = Signal(int)  # ruta id (0: a new household)
    next_household_requested = Signal(int)  # current ruta id (0: a new household)
    record_requested = Signal(int, int)  # ruta id, art id: open another household's record
    closed = Signal(int)
    proposals_requested = Signal(int)  # ruta id: show its proposals in the Usulan list

    def __init__(self, sessions: sessionmaker[Session], runner: Runner, *, author: str,
                 lang: str | None = None, prompts: Prompts | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sessions, self.runner, self.author = sessions, runner, author
        self.read_only = False  # set by the desk for a Kepala Desa account
        self.lang = normalise_lang(lang)
        self.prompts = prompts or Prompts()
        self._loaded: HouseholdDraft | None = None
        self._dusun: list[str] = []
        self._busy = False
        self._then: Callable[[], None] | None = None
        self._build()
        self._build_actions()
        self.resize(1280, 860)
        self._update_state()

    # -- construction ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.banner = Banner()
        self.banner.reload_requested.connect(self.reload)
        self.header = HeaderForm(lang=self.lang)
        self.header.edited.connect(self._on_edited)
        header_box = QFrame()
        header_box.setFrameShape(QFrame.Shape.StyledPanel)
        QVBoxLayout(header_box).addWidget(self.header)
        self.pending = PendingBanner(lang=self.lang)
        self.pending.proposals_requested.connect(
            lambda: self.proposals_requested.emit(self.ruta_id or 0))

        self.tabs = QTabWidget()
        self.members = MembersPage(self.sessions, self.runner, lang=self.lang,
                                   prompts=self.prompts)
        self.members.edited.connect(self._on_edited)
        self.members.members_counted.connect(self._count_members)
        self.members.record_requested.connect(self._on_record_requested)
        self.tabs.addTab(self.members, "")
        self.sections = SectionPages(self.tabs, lang=self.lang)
        self.sections.edited.connect(self._on_edited)
        mark_data_text(self.tabs.tabBar())

        self.status = QLabel()
        self.next_button = QPushButton(
            QCoreApplication.translate("HouseholdEditor", "Next household"))
        self.next_button.setToolTip(QCoreApplication.translate("HouseholdEditor", "Ctrl+PgDown"))
        self.close_button = QPushButton(QCoreApplication.translate("HouseholdEditor", "Close"))
        self.close_button.setToolTip(QCoreApplication.translate("HouseholdEditor", "Esc"))
        self.save_button = QPushButton(QCoreApplication.translate("HouseholdEditor", "Save"))
        self.save_button.setToolTip(QCoreApplication.translate("HouseholdEditor", "Ctrl+S"))
        self.history_button = QPushButton(QCoreApplication.translate("HouseholdEditor", "History"))
        self.history_button.setToolTip(QCoreApplication.translate("HouseholdEditor", "Ctrl+H"))
        self.history_button.clicked.connect(self.show_history)
        self.next_button.clicked.connect(self.request_next)
        self.close_button.clicked.connect(self.close)
        self.save_button.clicked.connect(lambda: self.save())
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        for button in (self.history_button, self.next_button, self.close_button,
                       self.save_button):
            buttons.addWidget(button)

        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(header_box)
        body.addWidget(self.pending)
        body.addWidget(self.tabs, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.banner)
        layout.addWidget(self.body, 1)
        layout.addLayout(buttons)
        self._chain_focus()

    def _chain_focus(self) -> None:
        chain: list[QWidget] = [*self.header.focus_chain(), self.tabs.tabBar(),
                                *self.members.focus_chain()]
        chain += [*self.sections.focus_widgets(), self.save_button, self.close_button,
                  self.next_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _build_actions(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        specs: list[tuple[str, Any, Callable[[], object]]] = [
            ("save", QKeySequence(QKeySequence.StandardKey.Save), self.save),
            ("new_member", QKeySequence(QKeySequence.StandardKey.New), self.new_member),
            ("next", QKeySequence("Ctrl+PgDown"), self.request_next),
            ("close", QKeySequence(Qt.Key.Key_Escape), self.close),
            ("history", QKeySequence("Ctrl+H"), self.show_history),
        ]
        tips = {  # what the keyboard-shortcut sheet says about each key
            "save": QCoreApplication.translate("HouseholdEditor", "Save the household"),
            "new_member": QCoreApplication.translate("HouseholdEditor", "Add a member"),
            "next": QCoreApplication.translate("HouseholdEditor", "Next household in the list"),
            "close": QCoreApplication.translate("HouseholdEditor", "Close the editor"),
            "history": QCoreApplication.translate("HouseholdEditor",
                                                  "History of the household (Riwayat)"),
        }
        self.actions_by_name: dict[str, QAction] = {}
        for name, keys, slot in specs:
            action = QAction(self)
            action.setToolTip(tips[name])
            action.setShortcut(keys)
            action.setShortcutContext(context)
            action.triggered.connect(lambda _checked=False, s=slot: s())
            self.addAction(action)
            self.actions_by_name[name] = action

    # -- loading -----------------------------------------------------------------------------------
    @property
    def ruta_id(self) -> int | None:
        return self._loaded.ruta_id if self._loaded is not None else None

    def open_household(self, ruta_id: int) -> bool:
        """Show ``ruta_id`` (asks first if there are unsaved changes). False if the operator
        cancelled."""
        return self._leave_then(lambda: self._load(lambda s: load_household(s, ruta_id)))

    def new_household(self) -> bool:
        return self._leave_then(lambda: self._load(new_household_draft))

    def reload(self) -> None:
        """Read the household again, dropping unsaved changes (after a conflict)."""
        if self._loaded is not None and self._loaded.ruta_id is not None:
            ruta_id = self._loaded.ruta_id
            self._load(lambda s: load_household(s, ruta_id))

    def _load(self, read: Callable[[Session], HouseholdDraft]) -> None:
        sessions = self.sessions

        def work(_progress: object, _cancelled: object) -> _Loaded:
            with read_session(sessions) as session:
                draft = read(session)
                pending = read_pending(session, draft.uuid if draft.ruta_id else None)
                return draft, known_dusun(session), pending

        self._set_busy(True, QCoreApplication.translate("HouseholdEditor", "Loading…"))
        self.runner.run(work, on_result=self._on_loaded, on_error=self._on_failed)

    def _on_loaded(self, result: _Loaded) -> None:
        draft, self._dusun, pending = result
        self._set_busy(False)
        self.banner.clear()
        self.pending.set_pending(pending)
        self._show(draft, keep_position=False)
        self.tabs.setCurrentIndex(0)
        self.header.focus_key("hasil_verivali")
        self.loaded.emit(draft.ruta_id or 0)

    def _show(self, draft: HouseholdDraft, *, keep_position: bool) -> None:
        self._loaded = draft
        self.header.set_draft(draft, self._dusun)
        self.sections.set_values(draft.values)
        self.members.set_families(draft.families, saved_household=draft.ruta_id is not None,
                                  keep_position=keep_position)
        self._update_state()

    # -- the working copy --------------------------------------------------------------------------
    def current_draft(self) -> HouseholdDraft | None:
        if self._loaded is None:
            return None
        draft = self.header.apply(self._loaded)
        values = {**draft.values, **self.sections.values()}
        return replace(draft, values=values, families=self.members.families())

    def is_dirty(self) -> bool:
        return self._loaded is not None and self.current_draft() != self._loaded

    def _on_edited(self) -> None:
        self.banner.clear_success()
        self._update_state()

    def _update_state(self) -> None:
        dirty = self.is_dirty()
        draft = self._loaded
        if draft is None:
            title = QCoreApplication.translate("HouseholdEditor", "Household")
        elif draft.ruta_id is None:
            title = QCoreApplication.translate("HouseholdEditor", "New household no. {number}")
        else:
            title = QCoreApplication.translate("HouseholdEditor", "Household no. {number}")
        if draft is not None:
            title = title.format(number=draft.no_urut or "—")
        head = self.members.head_name()
        if head:
            title = f"{title} — {head}"
        self.setWindowTitle(f"{title}{' *' if dirty else ''} — siksdesk")
        self.history_button.setEnabled(bool(draft is not None and draft.ruta_id))
        if not self._busy:
            self.status.setText(
                QCoreApplication.translate("HouseholdEditor", "Unsaved changes") if dirty
                else QCoreApplication.translate("HouseholdEditor", "No unsaved changes"))

    def _count_members(self, count: int) -> None:
        self.tabs.setTabText(0, QCoreApplication.translate(
            "HouseholdEditor", "Members ({count})").format(count=count))

    def new_member(self) -> None:
        if self._loaded is not None and not self._busy:
            self.tabs.setCurrentIndex(0)
            self.members.add_member()

    # -- saving ------------------------------------------------------------------------------------
    def save(self, then: Callable[[], None] | None = None) -> bool:
        """Save in the background; ``then`` runs after a successful save. False if not started."""
        draft = self.current_draft()
        if draft is None or self._busy:
            return False
        if self.read_only:  # the Kepala Desa approves; the operator edits (security.md)
            self.banner.show_message(Banner.ERROR, QCoreApplication.translate(
                "HouseholdEditor", "Signed in as Kepala Desa: you can look, but only an "
                "operator account saves changes."))
            return False
        kept, sessions, author = self.members.kept(), self.sessions, self.author

        def work(_progress: object, _cancelled: object) -> tuple[SaveResult, tuple[UsulanRow, ...]]:
            result = save_household(sessions, draft, author=author, kept=kept)
            with read_session(sessions) as session:  # the save may have made a proposal
                return result, read_pending(session, result.draft.uuid)

        self._then = then
        self._set_busy(True, QCoreApplication.translate("HouseholdEditor", "Saving…"))
        self.runner.run(work, on_result=self._on_saved, on_error=self._on_failed)
        return True

    def _on_saved(self, saved: tuple[SaveResult, tuple[UsulanRow, ...]]) -> None:
        result, pending = saved
        self._set_busy(False)
        self._show(result.draft, keep_position=True)
        self.pending.set_pending(pending)
        count = len(result.findings)
        text = QCoreApplication.translate("HouseholdEditor", "Saved.")
        if count:
            text += " " + QCoreApplication.translate(
                "HouseholdEditor", "%n data problem(s) remain in this household.", "", count)
        self.banner.show_message(Banner.SUCCESS, text)
        self.saved.emit(result.ruta_id)
        then, self._then = self._then, None
        if then is not None:
            then()

    def _on_failed(self, error: BaseException) -> None:
        """A refused save leaves the form untouched and says why; anything else is a bug for
        the crash dialog (after saying that nothing was saved)."""
        self._set_busy(False)
        self._then = None
        if isinstance(error, HouseholdEditError):
            text = error.message(self.lang)
            if isinstance(error, EditRejected):
                text += " " + QCoreApplication.translate(
                    "HouseholdEditor", "Nothing was saved. Correct the field, or for a NIK or "
                    "No. KK that really reads so, tick \u201cSave anyway\u201d under it.")
            self.banner.show_message(Banner.ERROR, text, reload=isinstance(error, EditConflict))
            if isinstance(error, EditRejected) and error.field_errors:
                self.focus_path(error.field_errors[0].path)
            return
        self.banner.show_message(Banner.ERROR, QCoreApplication.translate("HouseholdEditor",
            "Something went wrong; nothing was saved. The error report follows."))
        sys.excepthook(type(error), error, error.__traceback__)

    def _set_busy(self, busy: bool, message: str = "") -> None:
        if busy:
            self._focus_before = self.focusWidget()
        self._busy = busy
        self.body.setEnabled(not busy)
        for button in (self.save_button, self.next_button, self.close_button):
            button.setEnabled(not busy)
        if busy:
            self.status.setText(message)
        else:
            self._update_state()
            if self._focus_before is not None:
                self._focus_before.setFocus()

    _focus_before: QWidget | None = None

    # -- leaving -----------------------------------------------------------------------------------
    def _describe(self) -> str:
        draft = self._loaded
        number = draft.no_urut if draft is not None and draft.no_urut else "—"
        return QCoreApplication.translate("HouseholdEditor", "Household no. {number}").format(
            number=number)

    def _leave_then(self, action: Callable[[], None]) -> bool:
        """Run ``action`` once the changes are saved or discarded; False if cancelled."""
        if self._busy:
            return False
        if not self.is_dirty():
            action()
            return True
        choice = self.prompts.unsaved(self, self._describe())
        if choice is Choice.CANCEL:
            return False
        if choice is Choice.SAVE:
            return self.save(then=action)
        self.revert()
        action()
        return True

    def revert(self) -> None:
        """Drop the unsaved changes: show the household as loaded."""
        if self._loaded is not None:
            self._show(self._loaded, keep_position=True)
            self.banner.clear()

    def show_history(self) -> QWidget | None:
        """The household's Riwayat (saved changes only; None for a new household)."""
        if not self.ruta_id:
            return None
        from siksdesk.ui.history_view import open_household_history

        return open_household_history(self, self.sessions, self.runner, self.ruta_id, self.lang)

    def request_next(self) -> None:
        self._leave_then(lambda: self.next_household_requested.emit(self.ruta_id or 0))

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._busy:
            event.ignore()
            return
        if self.is_dirty():
            choice = self.prompts.unsaved(self, self._describe())
            if choice is Choice.CANCEL:
                event.ignore()
                return
            if choice is Choice.SAVE:
                event.ignore()  # close again once saved (not from inside this close event)
                self.save(then=lambda: QTimer.singleShot(0, self.close))
                return
            self.revert()
        event.accept()
        self.closed.emit(self.ruta_id or 0)

    # -- keyboard and navigation -------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter (that no field used) moves on like Tab; on a button it presses the button."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
                event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            focused = self.focusWidget()
            if isinstance(focused, QAbstractButton):
                focused.click()
            else:
                self.focusNextChild()
            event.accept()
            return
        super().keyPressEvent(event)

    def open_field(self, field_key: str, art_id: int | None = None,
                   keluarga_id: int | None = None) -> bool:
        """Put the cursor on ``field_key`` (of member ``art_id`` / family ``keluarga_id``, for
        member and family fields). False if this household has no such field."""
        if art_id is None and keluarga_id is None and self.header.focus_key(field_key):
            return True
        if art_id is None and keluarga_id is None and self.sections.focus(field_key):
            return True
        self.tabs.setCurrentIndex(0)
        if field_key == "no_kk":
            family = self.members.find_family(keluarga_id) if keluarga_id is not None else 0
            return family is not None and self.members.focus(family, None, "no_kk")
        if art_id is not None:
            found = self.members.find_member(art_id)
            return found is not None and self.members.focus(found[0], found[1], field_key)
        return self.members.focus(0, 0, field_key)

    def focus_path(self, path: str) -> bool:
        """Focus a field named by a FieldError path ("families[0].members[1].nik")."""
        match = _PATH.fullmatch(path)
        if match is None:
            return self.open_field(path)
        self.tabs.setCurrentIndex(0)
        member = int(match.group(2)) if match.group(2) is not None else None
        return self.members.focus(int(match.group(1)), member, match.group(3))

    def _on_record_requested(self, ruta_id: int, art_id: int) -> None:
        if ruta_id == self.ruta_id and art_id:
            self.open_field("nik", art_id)
        else:
            self.record_requested.emit(ruta_id, art_id)
