"""The MusDes wizard: meeting details → attendees → agenda → one decision per proposal (pairs
per programme together) → summary → finalisation by the Kepala Desa → the Berita Acara.

Every step is saved as it is taken (a service call on the task runner), so closing the wizard
mid-way and opening it again resumes the open meeting (``list_meetings`` → the open one).
Pages: this module (details, attendees), ``musdes_pages`` (agenda), ``musdes_item``
(the decisions) and ``musdes_final``
(summary, finalisation, documents).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)
from sqlalchemy.orm import Session, sessionmaker

from siksdesk.db.session import read_session
from siksdesk.domain.musdes import AttendeeRole, MeetingKind, MeetingStatus
from siksdesk.domain.usulan_rules import UsulanRuleError
from siksdesk.paths import AppPaths
from siksdesk.services import musdes
from siksdesk.services.musdes import MeetingRow
from siksdesk.ui.i18n import normalise_lang, ui_locale
from siksdesk.ui.pseudo import mark_data_text
from siksdesk.ui.tasks import Cancelled, Progress, Runner

DETAILS, ATTENDEES, AGENDA, ITEMS, SUMMARY, FINALISE = range(6)
ERROR_STYLE = "color: #b00020;"
OK_STYLE = "color: #1b5e20;"


class MusdesWizard(QWizard):
    """``finalised(meeting_id)`` is emitted once the Kepala Desa has finalised the meeting."""

    finalised = Signal(int)

    def __init__(self, sessions: sessionmaker[Session], runner: Runner, author: str,
                 lang: str | None = None, paths: AppPaths | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from siksdesk.ui.musdes_final import FinalisePage, SummaryPage
        from siksdesk.ui.musdes_item import ItemPage
        from siksdesk.ui.musdes_pages import AgendaPage

        self.sessions, self.runner, self.author = sessions, runner, author
        self.lang = normalise_lang(lang)
        self.paths = paths
        self.meeting: MeetingRow | None = None
        self.details = DetailsPage(self)
        self.attendees = AttendeesPage(self)
        self.agenda = AgendaPage(self)
        self.items = ItemPage(self)
        self.summary = SummaryPage(self)
        self.finalise = FinalisePage(self)
        for page_id, page in enumerate((self.details, self.attendees, self.agenda, self.items,
                                        self.summary, self.finalise)):
            self.setPage(page_id, page)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        # Qt's own button texts are not in our catalogue: name them here, translatable.
        for button, text in (
                (QWizard.WizardButton.BackButton,
                 QCoreApplication.translate("MusdesWizard", "< &Back")),
                (QWizard.WizardButton.NextButton,
                 QCoreApplication.translate("MusdesWizard", "&Next >"))):
            self.setButtonText(button, text)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.CancelButton, QCoreApplication.translate(
            "MusdesWizard", "Close (resume later)"))
        self.setButtonText(QWizard.WizardButton.FinishButton, QCoreApplication.translate(
            "MusdesWizard", "Done"))
        self.setWindowTitle(QCoreApplication.translate("MusdesWizard", "Village deliberation "
                                                       "(MusDes)"))
        self.resize(1100, 760)
        self.load_open_meeting()

    # -- shared helpers ------------------------------------------------------------------------
    @property
    def is_sptjm(self) -> bool:
        if self.meeting is not None:
            return self.meeting.kind == MeetingKind.SPTJM
        return self.details.kind.currentData() == MeetingKind.SPTJM.value

    def call(self, write: Callable[[], Any], done: Callable[[Any], None],
             failed: Callable[[str], None]) -> None:
        """Run ``write`` on the runner; a rule error's message goes to ``failed``, anything
        else to the crash dialog."""
        def work(_progress: Progress, _cancelled: Cancelled) -> Any:
            return write()

        def error(exc: BaseException) -> None:
            if isinstance(exc, UsulanRuleError):
                failed(exc.message(self.lang))
            else:
                failed("")
                report(exc)

        self.runner.run(work, on_result=done, on_error=error)

    def read(self, fn: Callable[[Session], Any], done: Callable[[Any], None]) -> None:
        sessions = self.sessions

        def work(_progress: Progress, _cancelled: Cancelled) -> Any:
            with read_session(sessions) as session:
                return fn(session)

        self.runner.run(work, on_result=done, on_error=report)

    def load_open_meeting(self) -> None:
        self.read(lambda s: musdes.list_meetings(s, MeetingStatus.OPEN), self._opened)

    def _opened(self, meetings: list[MeetingRow]) -> None:
        if meetings:
            self.meeting = meetings[-1]
            self.details.show_meeting(self.meeting, resumed=True)

    def set_meeting(self, meeting: MeetingRow) -> None:
        self.meeting = meeting

    def advance_later(self) -> None:
        QTimer.singleShot(0, self.next)

    def nextId(self) -> int:
        if self.currentId() == DETAILS and self.is_sptjm:
            return AGENDA
        return super().nextId()


class EnterFilter(QObject):
    """Calls ``action`` on Return/Enter in the watched widget and swallows the key, so the
    wizard's default button (Next) does not also fire."""

    def __init__(self, watched: QWidget, action: Callable[[], None]) -> None:
        super().__init__(watched)
        self.action = action
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.action()
            return True
        return False


class DetailsPage(QWizardPage):
    def __init__(self, wizard: MusdesWizard) -> None:
        super().__init__()
        self.w = wizard
        self._saved = False
        self.setTitle(QCoreApplication.translate("MusdesWizard", "Meeting details"))
        self.setSubTitle(QCoreApplication.translate(
            "MusdesWizard", "A MusDes decides every proposal that is ready. When no deliberation "
            "was held, the Kepala Desa's statement of responsibility (SPTJM) records the "
            "decisions instead."))
        self.kind = QComboBox()
        for kind in MeetingKind:
            self.kind.addItem(kind.label(wizard.lang), kind.value)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.held_on = QDateEdit(QDate.currentDate())
        self.held_on.setCalendarPopup(True)
        self.held_on.setLocale(ui_locale(wizard.lang))
        self.held_on.setDisplayFormat("dd MMMM yyyy")
        self.place, self.agenda_text = QLineEdit(), QLineEdit()
        self.chair, self.note_taker = QLineEdit(), QLineEdit()
        self.agenda_text.setText(QCoreApplication.translate(
            "MusdesWizard", "Proposed changes to the social welfare data (DTKS)"))
        self.statement = QPlainTextEdit(QCoreApplication.translate(
            "MusdesWizard", "I declare that the decisions listed in this statement were taken "
            "with care and I take absolute responsibility for their correctness."))
        self.statement.setTabChangesFocus(True)
        self.form = QFormLayout()
        self.form.addRow(QCoreApplication.translate("MusdesWizard", "&Kind:"), self.kind)
        self.form.addRow(QCoreApplication.translate("MusdesWizard", "D&ate:"), self.held_on)
        self.form.addRow(QCoreApplication.translate("MusdesWizard", "&Place:"), self.place)
        self.form.addRow(QCoreApplication.translate("MusdesWizard", "A&genda:"),
                         self.agenda_text)
        self.form.addRow(QCoreApplication.translate("MusdesWizard", "&Chair (Kepala Desa):"),
                         self.chair)
        self.form.addRow(QCoreApplication.translate("MusdesWizard", "N&ote-taker:"),
                         self.note_taker)
        self.form.addRow(QCoreApplication.translate("MusdesWizard", "&Statement (SPTJM):"),
                         self.statement)
        self.resumed = QLabel()
        self.resumed.setWordWrap(True)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        mark_data_text(self.error)
        layout = QVBoxLayout(self)
        layout.addWidget(self.resumed)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self._kind_changed()
        self.resumed.hide()

    def _kind_changed(self) -> None:
        sptjm = self.kind.currentData() == MeetingKind.SPTJM.value
        for widget in (self.place, self.agenda_text, self.note_taker):
            self.form.setRowVisible(widget, not sptjm)
        self.form.setRowVisible(self.statement, sptjm)

    def show_meeting(self, meeting: MeetingRow, *, resumed: bool = False) -> None:
        self.kind.setCurrentIndex(max(self.kind.findData(meeting.kind), 0))
        self.kind.setEnabled(False)
        self.held_on.setDate(QDate(meeting.held_on.year, meeting.held_on.month,
                                   meeting.held_on.day))
        self.place.setText(meeting.place)
        self.agenda_text.setText(meeting.agenda or self.agenda_text.text())
        self.chair.setText(meeting.chair)
        self.note_taker.setText(meeting.note_taker)
        if meeting.statement:
            self.statement.setPlainText(meeting.statement)
        if resumed:
            self.resumed.setText(QCoreApplication.translate(
                "MusdesWizard", "A meeting in progress was found and is resumed: what was "
                "recorded so far is kept."))
            self.resumed.show()

    def values(self) -> dict[str, Any]:
        held = self.held_on.date()
        values: dict[str, Any] = {"held_on": date(held.year(), held.month(), held.day()),
                                  "chair": self.chair.text().strip()}
        if self.kind.currentData() == MeetingKind.SPTJM.value:
            values["statement"] = self.statement.toPlainText().strip()
        else:
            values.update(place=self.place.text().strip(), agenda=self.agenda_text.text().strip(),
                          note_taker=self.note_taker.text().strip())
        return values

    def validatePage(self) -> bool:
        if self._saved:
            self._saved = False
            return True
        self.error.clear()
        values, meeting = self.values(), self.w.meeting
        sessions, author = self.w.sessions, self.w.author
        kind = MeetingKind(self.kind.currentData())
        if meeting is not None:
            def write() -> MeetingRow:
                return musdes.update_meeting(sessions, meeting.id, author=author, **values)
        elif kind == MeetingKind.SPTJM:
            def write() -> MeetingRow:
                return musdes.create_sptjm(sessions, author=author, **values)
        else:
            def write() -> MeetingRow:
                return musdes.create_meeting(sessions, author=author, kind=kind, **values)
        self.w.call(write, self._saved_meeting, self.error.setText)
        return False

    def _saved_meeting(self, meeting: MeetingRow) -> None:
        self.w.set_meeting(meeting)
        self.kind.setEnabled(False)
        self._saved = True
        self.w.advance_later()


class AttendeesPage(QWizardPage):
    def __init__(self, wizard: MusdesWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(QCoreApplication.translate("MusdesWizard", "Attendees"))
        self.setSubTitle(QCoreApplication.translate(
            "MusdesWizard", "Everyone present, with their role. Type a name, choose the role "
            "and press Enter; Delete removes the selected person."))
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([
            QCoreApplication.translate("MusdesWizard", "Name"),
            QCoreApplication.translate("MusdesWizard", "Role"),
            QCoreApplication.translate("MusdesWizard", "Title")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.name, self.title_edit = QLineEdit(), QLineEdit()
        self.name.setPlaceholderText(QCoreApplication.translate("MusdesWizard", "Name"))
        self.title_edit.setPlaceholderText(QCoreApplication.translate(
            "MusdesWizard", "Title, e.g. Ketua BPD (optional)"))
        self.role = QComboBox()
        for role in AttendeeRole:
            self.role.addItem(role.label(wizard.lang), role.value)
        self.add_button = QPushButton(QCoreApplication.translate("MusdesWizard", "&Add"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton(QCoreApplication.translate("MusdesWizard", "&Remove"))
        self.remove_button.setAutoDefault(False)
        self.remove_button.setShortcut(Qt.Key.Key_Delete)
        self.remove_button.clicked.connect(self.remove_selected)
        for edit in (self.name, self.title_edit):
            EnterFilter(edit, self.add)
        row = QHBoxLayout()
        row.addWidget(self.name, 2)
        row.addWidget(self.role, 1)
        row.addWidget(self.title_edit, 2)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        self.print_button = QPushButton(QCoreApplication.translate(
            "MusdesWizard", "&Print the attendance sheet (PDF)…"))
        self.print_button.setToolTip(QCoreApplication.translate(
            "MusdesWizard", "The Daftar Hadir to sign at the meeting: the people listed here "
            "and empty rows for those who come."))
        self.print_button.setAutoDefault(False)
        self.print_button.clicked.connect(self.print_attendance)
        self.error = QLabel()
        self.error.setWordWrap(True)
        mark_data_text(self.error)
        bottom = QHBoxLayout()
        bottom.addWidget(self.error, 1)
        bottom.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addLayout(bottom)

    def initializePage(self) -> None:
        if self.w.meeting is not None:
            self.show_attendees(self.w.meeting)
        self.name.setFocus()

    def show_attendees(self, meeting: MeetingRow) -> None:
        self.table.setRowCount(len(meeting.attendees))
        for row, person in enumerate(meeting.attendees):
            try:
                role = AttendeeRole(person.role).label(self.w.lang)
            except ValueError:
                role = person.role
            for column, text in enumerate((person.name, role, person.title)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, person.id)
                self.table.setItem(row, column, item)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.w.meeting is not None and bool(self.w.meeting.attendees)

    def add(self) -> None:
        name, meeting, w = self.name.text().strip(), self.w.meeting, self.w
        if not name or meeting is None:
            return
        role, title = AttendeeRole(self.role.currentData()), self.title_edit.text().strip()
        self.error.clear()
        sessions, author = w.sessions, w.author
        w.call(lambda: _add_and_reload(sessions, author, meeting.id, name, role, title),
               self._changed, lambda text: self._say(text, error=True))

    def remove_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        meeting, w = self.w.meeting, self.w
        if not rows or meeting is None:
            return
        attendee_id = int(self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole))
        sessions, author = w.sessions, w.author
        w.call(lambda: _remove_and_reload(sessions, author, meeting.id, attendee_id),
               self._changed, lambda text: self._say(text, error=True))

    def print_attendance(self) -> None:
        from siksdesk.io.table import ExportError
        from siksdesk.services.berita_acara import BeritaAcaraError
        from siksdesk.ui.musdes_final import write_attendance, written_text

        def done(path: Path) -> None:
            self._say(written_text(path))

        def failed(error: BaseException) -> None:
            if isinstance(error, BeritaAcaraError | ExportError):
                self._say(error.message(self.w.lang), error=True)
            else:
                report(error)

        write_attendance(self, self.w, done=done, failed=failed)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.error.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
        self.error.setText(text)

    def _changed(self, meeting: MeetingRow) -> None:
        self.w.set_meeting(meeting)
        self.show_attendees(meeting)
        self.name.clear()
        self.title_edit.clear()
        self.name.setFocus()


def _add_and_reload(sessions: sessionmaker[Session], author: str, meeting_id: int, name: str,
                    role: AttendeeRole, title: str) -> MeetingRow:
    musdes.add_attendee(sessions, meeting_id, author=author, name=name, role=role, title=title)
    with read_session(sessions) as session:
        return musdes.load_meeting(session, meeting_id)


def _remove_and_reload(sessions: sessionmaker[Session], author: str, meeting_id: int,
                       attendee_id: int) -> MeetingRow:
    musdes.remove_attendee(sessions, attendee_id, author=author)
    with read_session(sessions) as session:
        return musdes.load_meeting(session, meeting_id)


def report(error: BaseException) -> None:
    sys.excepthook(type(error), error, error.__traceback__)


def run_musdes_wizard(parent: QWidget | None, sessions: sessionmaker[Session], runner: Runner,
                      author: str, lang: str | None = None,
                      paths: AppPaths | None = None) -> MusdesWizard:
    """Open the wizard (non-modal, deleted on close); connect to ``finalised``."""
    wizard = MusdesWizard(sessions, runner, author, lang, paths, parent)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.show()
    return wizard
