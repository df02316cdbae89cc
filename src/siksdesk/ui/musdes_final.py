"""The last two pages of the MusDes wizard: the summary with totals per decision, and the
Kepala Desa's finalisation (an active Kepala Desa account + its password → ``musdes.finalise``;
a wrong one changes nothing but counts towards the growing delay) followed by the documents:
the Berita Acara (or SPTJM) PDF, the attendance sheet, and attachments (photos of the meeting,
the scan of the signed document)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from siksdesk.domain.accounts import AccountError
from siksdesk.domain.musdes import Decision, MeetingStatus
from siksdesk.domain.usulan_rules import UsulanRuleError
from siksdesk.io.berita_acara import write_attendance_sheet, write_berita_acara
from siksdesk.io.table import ExportError
from siksdesk.io.training_mark import marked_name
from siksdesk.services import musdes
from siksdesk.services.accounts import AccountRow, active_approvers
from siksdesk.services.attachments import AttachmentError, AttachmentKind, add_attachment
from siksdesk.services.berita_acara import (
    BeritaAcaraData,
    BeritaAcaraError,
    berita_acara_data,
)
from siksdesk.services.musdes import MeetingRow, MeetingSummary
from siksdesk.services.proposal_context import decision_label, kind_label
from siksdesk.services.training import is_training
from siksdesk.ui.musdes_pages import fill_table, make_table
from siksdesk.ui.musdes_wizard import ERROR_STYLE, OK_STYLE, report
from siksdesk.ui.pseudo import mark_data_text

if TYPE_CHECKING:
    from siksdesk.ui.musdes_wizard import MusdesWizard


class SummaryPage(QWizardPage):
    def __init__(self, wizard: MusdesWizard) -> None:
        super().__init__()
        self.w = wizard
        self.data: MeetingSummary | None = None
        self.setTitle(QCoreApplication.translate("MusdesFinal", "Summary"))
        self.setSubTitle(QCoreApplication.translate(
            "MusdesFinal", "Check the totals. Proposals not decided now stay ready for the next "
            "meeting. Back returns to the decisions."))
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        mark_data_text(self.totals)
        self.table = make_table()
        layout = QVBoxLayout(self)
        layout.addWidget(self.totals)
        layout.addWidget(self.table, 1)

    def initializePage(self) -> None:
        meeting = self.w.meeting
        if meeting is not None:
            self.w.read(lambda s: musdes.summary(s, meeting.id), self.show_summary)

    def show_summary(self, data: MeetingSummary) -> None:
        self.data = data
        lang, counts = self.w.lang, dict(data.by_decision)
        self.totals.setText(QCoreApplication.translate(
            "MusdesFinal", "Approved: {approved} · Rejected: {rejected} · Deferred: {deferred}"
            " · Not decided: {undecided}").format(
                approved=counts.get(Decision.SETUJU.value, 0),
                rejected=counts.get(Decision.TOLAK.value, 0),
                deferred=counts.get(Decision.TUNDA.value, 0), undecided=data.undecided))
        fill_table(self.table, [QCoreApplication.translate("MusdesFinal", "Kind"),
                           QCoreApplication.translate("MusdesFinal", "Decision"),
                           QCoreApplication.translate("MusdesFinal", "Count")],
              [(kind_label(kind, lang), decision_label(decision, lang), str(count))
               for kind, decision, count in data.by_kind])
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.data is not None and self.data.decided > 0


class FinalisePage(QWizardPage):
    def __init__(self, wizard: MusdesWizard) -> None:
        super().__init__()
        self.w = wizard
        self.approvers: tuple[AccountRow, ...] | None = None  # None: not read yet
        self.setTitle(QCoreApplication.translate("MusdesFinal", "Finalisation by the Kepala "
                                                 "Desa"))
        self.setSubTitle(QCoreApplication.translate(
            "MusdesFinal", "The Kepala Desa confirms the decisions with their own account and "
            "password. After that nothing in this meeting can be changed, and only the approved "
            "proposals can be sent to the district."))
        self.no_approver = QLabel(QCoreApplication.translate(
            "MusdesFinal", "A Kepala Desa account is needed to finalise, and there is none yet. "
            "The Kepala Desa's account is made in File → User accounts."))
        self.no_approver.setWordWrap(True)
        self._build_sign()
        self.message = QLabel()
        self.message.setWordWrap(True)
        mark_data_text(self.message)
        self.documents = self._build_documents()
        layout = QVBoxLayout(self)
        layout.addWidget(self.no_approver)
        layout.addWidget(self.sign)
        layout.addWidget(self.message)
        layout.addWidget(self.documents)
        layout.addStretch(1)

    def _build_sign(self) -> None:
        self.approver = QComboBox()
        mark_data_text(self.approver)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.finalise_button = QPushButton(QCoreApplication.translate("MusdesFinal",
                                                                      "&Finalise"))
        self.finalise_button.setAutoDefault(False)
        self.finalise_button.clicked.connect(self.finalise)
        self.password.returnPressed.connect(self.finalise)
        self.sign = QGroupBox(QCoreApplication.translate("MusdesFinal", "Kepala Desa"))
        sign_row = QHBoxLayout(self.sign)
        approver_label = QLabel(QCoreApplication.translate("MusdesFinal", "&Account:"))
        approver_label.setBuddy(self.approver)
        sign_label = QLabel(QCoreApplication.translate("MusdesFinal", "&Password:"))
        sign_label.setBuddy(self.password)
        sign_row.addWidget(approver_label)
        sign_row.addWidget(self.approver, 1)
        sign_row.addWidget(sign_label)
        sign_row.addWidget(self.password, 1)
        sign_row.addWidget(self.finalise_button)

    def _build_documents(self) -> QGroupBox:
        box = QGroupBox(QCoreApplication.translate("MusdesFinal", "Documents"))
        self.ba_button = QPushButton(QCoreApplication.translate(
            "MusdesFinal", "Write the Berita Acara (PDF)…"))
        self.attendance_button = QPushButton(QCoreApplication.translate(
            "MusdesFinal", "Attendance sheet (PDF)…"))
        self.photo_button = QPushButton(QCoreApplication.translate(
            "MusdesFinal", "Attach photos…"))
        self.scan_button = QPushButton(QCoreApplication.translate(
            "MusdesFinal", "Attach the signed scan…"))
        self.ba_button.clicked.connect(self.write_ba)
        self.attendance_button.clicked.connect(self.write_attendance)
        self.photo_button.clicked.connect(lambda: self.attach(AttachmentKind.PHOTO))
        self.scan_button.clicked.connect(lambda: self.attach(None))
        grid = QGridLayout(box)
        for n, button in enumerate((self.ba_button, self.attendance_button, self.photo_button,
                                    self.scan_button)):
            button.setAutoDefault(False)
            grid.addWidget(button, n // 2, n % 2)
        return box

    # -- state ---------------------------------------------------------------------------------
    def initializePage(self) -> None:
        self.w.read(active_approvers, self._approvers_read)
        self._show_state()

    def _approvers_read(self, approvers: tuple[AccountRow, ...]) -> None:
        chosen = self.approver.currentData()
        self.approvers = approvers
        self.approver.clear()
        for account in approvers:
            self.approver.addItem(f"{account.display_name} ({account.username})",
                                  account.username)
        if chosen is not None and (index := self.approver.findData(chosen)) >= 0:
            self.approver.setCurrentIndex(index)
        self._show_state()

    @property
    def is_final(self) -> bool:
        return self.w.meeting is not None and self.w.meeting.status == MeetingStatus.FINALISED

    def _show_state(self) -> None:
        final = self.is_final
        has_approver = bool(self.approvers)
        self.no_approver.setVisible(self.approvers == () and not final)
        self.sign.setVisible(has_approver and not final)
        self.documents.setVisible(final)
        self.attendance_button.setVisible(not self.w.is_sptjm)
        self.ba_button.setText(QCoreApplication.translate("MusdesFinal", "Write the SPTJM "
                                                          "(PDF)…") if self.w.is_sptjm else
                               QCoreApplication.translate("MusdesFinal", "Write the Berita "
                                                          "Acara (PDF)…"))
        attachable = self.w.paths is not None
        self.photo_button.setVisible(attachable and not self.w.is_sptjm)
        self.scan_button.setVisible(attachable)
        if has_approver and not final:
            self.password.setFocus()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.is_final

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
        self.message.setText(text)

    # -- actions -------------------------------------------------------------------------------
    def finalise(self) -> None:
        meeting, password = self.w.meeting, self.password.text()
        approver = self.approver.currentData()
        if meeting is None or self.is_final or not password or not approver:
            return
        sessions, author, lang = self.w.sessions, self.w.author, self.w.lang

        def failed(exc: BaseException) -> None:
            if isinstance(exc, AccountError | UsulanRuleError):
                self._refused(exc.message(lang))
            else:
                self._refused("")
                report(exc)

        self.w.runner.run(
            lambda _p, _c: musdes.finalise(sessions, meeting.id, str(approver), password,
                                           author=author),
            on_result=self._finalised, on_error=failed)

    def _refused(self, text: str) -> None:
        self.password.selectAll()
        self.password.setFocus()
        self._say(text or QCoreApplication.translate("MusdesFinal", "The meeting was not "
                                                     "finalised."), error=True)

    def _finalised(self, meeting: MeetingRow) -> None:
        self.password.clear()
        self.w.set_meeting(meeting)
        self.w.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.w.setOption(QWizard.WizardOption.NoCancelButton, True)
        self._say(QCoreApplication.translate(
            "MusdesFinal", "Finalised by {name}. The decisions are locked (fingerprint "
            "{hash}).").format(name=meeting.finalised_by or "",
                               hash=(meeting.decided_set_sha256 or "")[:16]))
        self._show_state()
        self.w.finalised.emit(meeting.id)

    def write_ba(self) -> None:  # strict: only a finalised meeting has a Berita Acara
        write_document(self, self.w, "SPTJM" if self.w.is_sptjm else "Berita-Acara-MusDes",
                       write_berita_acara, allow_draft=False, done=self._written,
                       failed=self._attach_failed)

    def write_attendance(self) -> None:
        write_attendance(self, self.w, done=self._written, failed=self._attach_failed)

    def _written(self, path: Path) -> None:
        self._say(written_text(path))

    def attach(self, kind: AttachmentKind | None) -> None:
        meeting, paths = self.w.meeting, self.w.paths
        if meeting is None or paths is None:
            return
        kind = kind or (AttachmentKind.SIGNED_SPTJM if self.w.is_sptjm
                        else AttachmentKind.SIGNED_BA)
        files, _filter = QFileDialog.getOpenFileNames(
            self, QCoreApplication.translate("MusdesFinal", "Attach files"), "",
            QCoreApplication.translate("MusdesFinal", "Pictures and PDF (*.jpg *.jpeg *.png "
                                       "*.webp *.heic *.tif *.tiff *.pdf)"))
        if not files:
            return
        author, uuid = self.w.author, meeting.uuid

        def write() -> int:
            for name in files:
                add_attachment(paths, uuid, Path(name), kind, author)
            return len(files)

        self.w.runner.run(lambda _p, _c: write(), on_result=self._attached,
                          on_error=self._attach_failed)

    def _attached(self, count: int) -> None:
        self._say(QCoreApplication.translate("MusdesFinal", "{count} files attached, each kept "
                                             "with its fingerprint.").format(count=count))

    def _attach_failed(self, error: BaseException) -> None:
        if isinstance(error, AttachmentError | BeritaAcaraError | ExportError):
            self._say(error.message(self.w.lang), error=True)
        else:
            report(error)



def written_text(path: Path) -> str:
    return QCoreApplication.translate("MusdesFinal", "Written: {path}").format(path=str(path))


def write_attendance(page: QWidget, wizard: MusdesWizard, *, done: Callable[[Path], None],
                     failed: Callable[[BaseException], None]) -> None:
    """The Daftar Hadir: a form to print before the meeting, so an open meeting will do."""
    write_document(page, wizard, "Daftar-Hadir-MusDes", write_attendance_sheet,
                   allow_draft=True, done=done, failed=failed)


def write_document(page: QWidget, wizard: MusdesWizard, stem: str,
                   writer: Callable[[BeritaAcaraData, Path], Path], *, allow_draft: bool,
                   done: Callable[[Path], None],
                   failed: Callable[[BaseException], None]) -> None:
    """Ask where, then write the meeting's document on the runner."""
    meeting = wizard.meeting
    if meeting is None:
        return
    suggested = f"{stem}-{meeting.held_on.isoformat()}.pdf"
    with wizard.sessions() as session:  # one row by its key: no need for the runner
        if is_training(session):
            suggested = marked_name(suggested)  # as every file of the training village
    target, _filter = QFileDialog.getSaveFileName(
        page, QCoreApplication.translate("MusdesFinal", "Save the document"), suggested,
        QCoreApplication.translate("MusdesFinal", "PDF documents (*.pdf)"))
    if not target:
        return
    sessions, meeting_id, path = wizard.sessions, meeting.id, Path(target)

    def write() -> Path:
        with sessions() as session:
            return writer(berita_acara_data(session, meeting_id, allow_draft=allow_draft), path)

    wizard.runner.run(lambda _p, _c: write(), on_result=done, on_error=failed)
