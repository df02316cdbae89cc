"""The set-up wizard: from the training village to the real one (or, for a village made before
accounts existed, just its first two accounts).

Welcome → Desa → Dinas (optional) → Operator → Kepala Desa → Ringkasan (the commit page: the
work runs on the task runner with a progress dialog) → the Kepala Desa's recovery code, shown
once, printable, and the wizard closes only after "I have written this code down" is ticked.
The input pages are in ``setup_pages``; the work in ``services.village_setup``.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from siksdesk.domain.accounts import AccountRole
from siksdesk.paths import AppPaths
from siksdesk.services.village_setup import (
    SetupResult,
    VillageSetup,
    add_first_accounts,
    error_message,
    start_real_village,
    validate_setup,
)
from siksdesk.ui.account_parts import MessageLine, report
from siksdesk.ui.i18n import normalise_lang
from siksdesk.ui.progress_dialog import TaskProgressDialog
from siksdesk.ui.pseudo import mark_data_text
from siksdesk.ui.report_dialog import print_document
from siksdesk.ui.setup_pages import AccountPage, DistrictPage, VillagePage, data_label, hint
from siksdesk.ui.tasks import Cancelled, CancelToken, Progress, Runner

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)
WELCOME, VILLAGE, DISTRICT, OPERATOR, APPROVER, SUMMARY, RECOVERY = range(7)
PrintChooser = Callable[[QWidget, QPrinter], bool]


def ask_printer(parent: QWidget, printer: QPrinter) -> bool:
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("SetupWizard", "Print the recovery code"))
    return dialog.exec() == QDialog.DialogCode.Accepted


class SetupWizard(QWizard):
    """``paths`` given: the real-village set-up (``close_storage`` is called right before the
    training database is moved); ``sessions`` given: the accounts-only variant. ``outcome``
    holds the ``SetupResult`` once the work succeeded."""

    def __init__(self, runner: Runner, lang: str | None, *, paths: AppPaths | None = None,
                 close_storage: Callable[[], None] | None = None,
                 sessions: sessionmaker[Session] | None = None,
                 parent: QWidget | None = None, ask_print: PrintChooser = ask_printer) -> None:
        super().__init__(parent)
        self.runner, self.lang = runner, normalise_lang(lang)
        self.paths, self.sessions, self.close_storage = paths, sessions, close_storage
        self.ask_print = ask_print
        self.outcome: SetupResult | None = None
        self.storage_closed = False
        accounts_only = paths is None
        self.village = VillagePage(self)
        self.district = DistrictPage(self)
        self.operator = AccountPage(self, AccountRole.OPERATOR)
        self.approver = AccountPage(self, AccountRole.KEPALA_DESA)
        self.summary = SummaryPage(self)
        self.recovery = RecoveryPage(self)
        self.setPage(WELCOME, WelcomePage(self))
        if not accounts_only:
            self.setPage(VILLAGE, self.village)
            self.setPage(DISTRICT, self.district)
        for page_id, page in ((OPERATOR, self.operator), (APPROVER, self.approver),
                              (SUMMARY, self.summary), (RECOVERY, self.recovery)):
            self.setPage(page_id, page)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        for button, text in (
                (QWizard.WizardButton.BackButton,
                 QCoreApplication.translate("SetupWizard", "< &Back")),
                (QWizard.WizardButton.NextButton,
                 QCoreApplication.translate("SetupWizard", "&Next >")),
                (QWizard.WizardButton.CommitButton,
                 QCoreApplication.translate("SetupWizard", "&Set up now")),
                (QWizard.WizardButton.FinishButton,
                 QCoreApplication.translate("SetupWizard", "&Close")),
                (QWizard.WizardButton.CancelButton,
                 QCoreApplication.translate("SetupWizard", "Cancel"))):
            self.setButtonText(button, text)
        self.setWindowTitle(
            QCoreApplication.translate("SetupWizard", "Accounts for this village")
            if accounts_only else
            QCoreApplication.translate("SetupWizard", "Set up your real village"))
        self.resize(780, 600)

    def collect(self) -> VillageSetup:
        village = self.village
        return VillageSetup(
            village.check.code or village.kode.text(), village.value("nama_desa"),
            village.value("nama_kecamatan"), village.value("nama_kabupaten"),
            village.value("nama_provinsi"), self.operator.account(), self.approver.account(),
            self.district.data)

    def reject(self) -> None:
        """Once the village is made, the wizard closes only after the code was noted."""
        if self.outcome is None:
            super().reject()
        elif self.recovery.noted.isChecked():
            self.accept()


class WelcomePage(QWizardPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self.setTitle(QCoreApplication.translate("SetupWizard", "Welcome"))
        layout = QVBoxLayout(self)
        if wizard.paths is None:
            layout.addWidget(hint(QCoreApplication.translate(
                "SetupWizard", "This village has no user accounts yet. Make two now: one for "
                "the operator and one for the Kepala Desa. From now on everybody logs in with "
                "their own account, every change is saved under that name, and the Kepala "
                "Desa approves the MusDes with his or her own password.")))
        else:
            layout.addWidget(hint(QCoreApplication.translate(
                "SetupWizard", "Until now you have been practising on the training village. "
                "This wizard sets up your real village: its code and name, the Dinas's "
                "profile file (optional), the operator's account and the Kepala Desa's "
                "account.")))
            layout.addWidget(hint(QCoreApplication.translate(
                "SetupWizard", "The training village is not deleted: it is kept in the "
                "\"latihan\" folder and you can still open it to practise:")))
            folder = data_label(str(wizard.paths.training.home))
            layout.addWidget(folder)
            layout.addWidget(hint(QCoreApplication.translate(
                "SetupWizard", "The real village starts empty: import the Dinas's DTKS list "
                "afterwards (Berkas → Impor daftar DTKS).")))
        layout.addStretch(1)


class SummaryPage(QWizardPage):
    """What will be made; its commit button runs the work (no way back once it succeeded)."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(QCoreApplication.translate("SetupWizard", "Summary"))
        self.setSubTitle(QCoreApplication.translate(
            "SetupWizard", "Check everything, then press \"Set up now\"."))
        self.setCommitPage(True)
        self.text = data_label()
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.message = MessageLine()
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.running = False
        self.progress: TaskProgressDialog | None = None

    def initializePage(self) -> None:
        self.message.clear_message()
        wizard = self.owner
        rows: list[tuple[str, str]] = []
        if wizard.paths is not None:
            setup = wizard.collect()
            profile = wizard.district.profile
            rows += [
                (QCoreApplication.translate("SetupWizard", "Village code"), setup.kode_desa),
                (QCoreApplication.translate("SetupWizard", "Village"), ", ".join(
                    (setup.nama_desa, setup.nama_kecamatan, setup.nama_kabupaten,
                     setup.nama_provinsi))),
                (QCoreApplication.translate("SetupWizard", "Dinas"),
                 f"{profile.district_name} ({profile.fingerprint})" if profile else
                 QCoreApplication.translate("SetupWizard", "later (no profile file now)")),
                (QCoreApplication.translate("SetupWizard", "Training village kept in"),
                 str(wizard.paths.training.home))]
        for caption, page in (
                (QCoreApplication.translate("SetupWizard", "Operator"), wizard.operator),
                (QCoreApplication.translate("SetupWizard", "Kepala Desa"), wizard.approver)):
            new = page.account()
            rows.append((caption, f"{new.display_name} ({new.username})"))
        self.text.setText("<table cellspacing='6'>" + "".join(
            f"<tr><td><b>{html.escape(k)}</b></td><td>{html.escape(v)}</td></tr>"
            for k, v in rows) + "</table>")

    def validatePage(self) -> bool:
        if self.owner.outcome is not None:
            return True
        if not self.running:
            self.running = True
            self._check()
        return False

    def _check(self) -> None:
        """Every check that needs no database first: a refusal must not close the storage."""
        wizard = self.owner
        if wizard.paths is None:
            self._run()
            return
        setup = wizard.collect()

        def work(_progress: Progress, _cancelled: Cancelled) -> object:
            return validate_setup(setup)

        wizard.runner.run(work, on_result=lambda _ok: self._run(), on_error=self._failed)

    def _run(self) -> None:
        wizard = self.owner
        if not wizard.isVisible():  # cancelled while the checks ran
            self.running = False
            return
        if wizard.paths is not None and wizard.close_storage is not None:
            wizard.close_storage()
            wizard.storage_closed = True
        work = self._work()
        token = CancelToken()
        self.progress = TaskProgressDialog(
            QCoreApplication.translate("SetupWizard", "Setting up the village"),
            QCoreApplication.translate("SetupWizard", "Setting up the village and its "
                                       "accounts… please wait."), token, wizard)
        self.progress.cancel_button.setEnabled(False)  # the move is short and all-or-nothing
        self.progress.show()
        wizard.runner.run(work, on_result=self._done, on_error=self._failed,
                          on_progress=self.progress.set_progress, token=token)

    def _work(self) -> Callable[[Progress, Cancelled], SetupResult]:
        wizard = self.owner
        paths, sessions = wizard.paths, wizard.sessions
        if paths is not None:
            setup = wizard.collect()
            return lambda progress, _c: start_real_village(paths, setup, progress=progress)
        assert sessions is not None
        operator, approver = wizard.operator.account(), wizard.approver.account()
        return lambda _p, _c: add_first_accounts(sessions, operator, approver)

    def _end_progress(self) -> None:
        if self.progress is not None:
            self.progress.finish()
            self.progress.deleteLater()
            self.progress = None
            self.owner.activateWindow()  # the keyboard goes on in the wizard

    def _done(self, result: SetupResult) -> None:
        self._end_progress()
        self.running = False
        self.owner.outcome = result
        QTimer.singleShot(0, self.owner.next)

    def _failed(self, error: BaseException) -> None:
        self._end_progress()
        self.running = False
        text = error_message(error, self.owner.lang)
        if text is None:
            self.message.say(QCoreApplication.translate(
                "SetupWizard", "The set-up failed; nothing was changed."))
            report(error)
        else:
            log.info("set-up refused: %s", getattr(error, "code", type(error).__name__))
            self.message.say(text)


class RecoveryPage(QWizardPage):
    """The Kepala Desa's recovery code, once: print it or write it down (never saved to a
    file); "Close" needs the tick."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.printed = 0
        self.setTitle(QCoreApplication.translate(
            "SetupWizard", "The Kepala Desa's recovery code"))
        self.code = QLabel()
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), 10.0) * 2.0)
        font.setWeight(QFont.Weight.Bold)
        self.code.setFont(font)
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code.setStyleSheet("QLabel { padding: 14px; border: 1px solid #b8c2d6; "
                                "background: #f4f6fa; color: #1b2a4a; }")
        mark_data_text(self.code)
        self.print_button = QPushButton(QCoreApplication.translate("SetupWizard", "&Print…"))
        self.print_button.clicked.connect(self.print_code)
        self.noted = QCheckBox(QCoreApplication.translate(
            "SetupWizard", "I have &written this code down"))
        self.noted.toggled.connect(self.completeChanged)
        self.notes = data_label()
        layout = QVBoxLayout(self)
        layout.addWidget(hint(QCoreApplication.translate(
            "SetupWizard", "The village is set up. With this code the Kepala Desa can set a "
            "new password when the old one is forgotten. It is shown only now: write it down "
            "or print it, and keep it somewhere safe, away from the laptop.")))
        layout.addWidget(self.code)
        layout.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.noted)
        layout.addWidget(self.notes)
        layout.addStretch(1)

    def initializePage(self) -> None:
        result = self.owner.outcome
        if result is None:
            return
        self.code.setText(result.recovery_code)
        self.code.setAccessibleName(result.recovery_code)
        notes = []
        en = self.owner.lang == "en"
        if result.enrolment_problem:
            notes.append(result.enrolment_problem_en if en else result.enrolment_problem)
        elif result.enrolment is not None:
            notes.append(QCoreApplication.translate(
                "SetupWizard", "The Dinas's profile is imported. Save this laptop's "
                "registration file for the Dinas under Sinkronisasi → Kirim ke Dinas."))
        if result.training_home is not None:
            notes.append(QCoreApplication.translate(
                "SetupWizard", "The training village is kept in {folder}. siksdesk now "
                "opens the real village.").format(folder=result.training_home))
        self.notes.setText("\n\n".join(n for n in notes if n))
        # After the progress dialog has handed the focus back: the tick is the next thing to do.
        QTimer.singleShot(0, self.noted.setFocus)

    def isComplete(self) -> bool:
        return self.noted.isChecked()

    def sheet_html(self) -> str:
        result = self.owner.outcome
        assert result is not None
        return (
            "<h2>Kode pemulihan Kepala Desa</h2>"
            f"<p>Desa {html.escape(result.nama_desa)} ({html.escape(result.kode_desa)})<br>"
            f"Akun: {html.escape(result.approver.display_name)} "
            f"({html.escape(result.approver.username)})</p>"
            "<p style='font-family: monospace; font-size: 20pt; font-weight: bold'>"
            f"{html.escape(result.recovery_code)}</p>"
            "<p>Dengan kode ini Kepala Desa dapat membuat kata sandi baru bila lupa. Simpan "
            "lembar ini di tempat aman, jauh dari laptop. Setiap kali dipakai, kode ini "
            "diganti dengan kode baru.</p>")

    def print_code(self) -> None:
        """The sheet goes to a printer only (never to a file we write)."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if self.owner.ask_print(self, printer):
            self.printed += print_document(self.sheet_html(), printer)


def run_setup_wizard(parent: QWidget | None, paths: AppPaths, runner: Runner,
                     lang: str | None, *,
                     close_storage: Callable[[], None]) -> SetupResult | None:
    """Set up the real village in ``paths`` (modal). ``close_storage`` is called right before
    the training database is moved (after every check that needs no database passed); when it
    was called, the caller must reopen the app whatever the outcome (``request_restart``): on
    success the real village is there, on failure the training village is back in place."""
    wizard = SetupWizard(runner, lang, paths=paths, close_storage=close_storage, parent=parent)
    wizard.exec()
    return wizard.outcome


def run_accounts_setup(parent: QWidget | None, sessions: sessionmaker[Session], runner: Runner,
                       lang: str | None) -> SetupResult | None:
    """The first two accounts of a real village made before accounts existed (modal)."""
    wizard = SetupWizard(runner, lang, sessions=sessions, parent=parent)
    wizard.exec()
    return wizard.outcome
