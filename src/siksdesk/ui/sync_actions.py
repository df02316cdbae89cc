"""The actions of the "Kirim ke Dinas" page (mixed into ``SyncView``): enrolment, sealing,
writing to a folder, uploading, importing receipts/updates and fetching.

Each long action runs on the task runner behind a ``TaskProgressDialog`` with Cancel. A sync
refusal (``SyncError``) is shown with its bilingual message; a cancel says nothing was changed;
anything else goes to the crash handler (never swallowed). After receipts or updates the page
reads again and ``data_changed`` is emitted, also after a refusal part-way through an import
(the files before it stay imported).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from siksdesk.sync.device import import_profile, write_registration
from siksdesk.sync.errors import SyncError
from siksdesk.sync.inbox import import_files
from siksdesk.sync.outbox import seal_next
from siksdesk.sync.transport import RetryPolicy, fetch, upload_pending, write_bundles
from siksdesk.sync.village_types import (
    FetchResult,
    ImportOutcome,
    ProfileInfo,
    RegistrationInfo,
    SealedBundle,
    SyncCancelled,
    UploadResult,
    VillageSyncError,
    WrittenFile,
)
from siksdesk.ui.progress_dialog import TaskProgressDialog
from siksdesk.ui.sync_enrol import (
    DEVICE_SUFFIX,
    ProfileDialog,
    ProfilePreview,
    RegistrationDialog,
    read_profile_file,
)
from siksdesk.ui.sync_models import counts_text
from siksdesk.ui.tasks import Cancelled, CancelToken, Progress

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QLabel

    from siksdesk.sync.village_types import SyncEnv
    from siksdesk.ui.sync_auto import AutoUploader
    from siksdesk.ui.sync_models import SyncSnapshot
    from siksdesk.ui.sync_training import TrainingDinasRow
    from siksdesk.ui.tasks import Runner

Work = Callable[[Progress, Cancelled], Any]


class SyncActions:
    """Needs, from the widget it is mixed into, the attributes and methods declared here."""

    env: SyncEnv
    runner: Runner
    author: str
    lang: str
    snapshot: SyncSnapshot | None
    busy: bool
    auto: AutoUploader
    message: QLabel
    training_row: TrainingDinasRow
    data_changed: SignalInstance
    progress_dialog: TaskProgressDialog | None = None
    policy: RetryPolicy | None = None  # the service's default retries (tests: faster ones)

    def refresh(self) -> None:
        raise NotImplementedError

    def update_buttons(self) -> None:
        raise NotImplementedError

    @property
    def widget(self) -> QWidget:
        return cast(QWidget, self)

    # -- enrolment ------------------------------------------------------------------------------
    def import_profile(self, path: Path | None = None) -> None:
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self.widget, QCoreApplication.translate("SyncView", "District profile"), "",
                QCoreApplication.translate("SyncView", "District profile (*.siksdesk-profile);;"
                                           "All files (*)"))
            if not chosen:
                return
            path = Path(chosen)
        env, file = self.env, path
        self.run_long(QCoreApplication.translate("SyncView", "Reading the district profile"),
                      lambda _p, _c: read_profile_file(env, file), self._confirm_profile)

    def _confirm_profile(self, preview: ProfilePreview) -> None:
        self.profile_dialog = dialog = ProfileDialog(preview, self.widget)
        dialog.accepted.connect(lambda: self._store_profile(preview, replace=False))
        dialog.rejected.connect(lambda: self.say(QCoreApplication.translate(
            "SyncView", "The profile was not imported.")))
        dialog.open()

    def _store_profile(self, preview: ProfilePreview, *, replace: bool) -> None:
        env, author = self.env, self.author

        def work(_progress: Progress, _cancelled: Cancelled) -> ProfileInfo:
            return import_profile(env, preview.data, author=author, replace=replace)

        def failed(error: BaseException) -> None:
            if isinstance(error, VillageSyncError) and error.code == "PROFILE_DIFFERENT_DISTRICT":
                self.confirm_replace(error, lambda: self._store_profile(preview, replace=True))
            else:
                self.failed(error)

        self.run_long(QCoreApplication.translate("SyncView", "Importing the district profile"),
                      work, self._profile_stored, on_error=failed)

    def confirm_replace(self, error: VillageSyncError,
                        replace: Callable[[], None]) -> None:
        self.replace_box = box = QMessageBox(QMessageBox.Icon.Warning,
                          QCoreApplication.translate("SyncView", "Replace the district profile"),
                          error.message(self.lang), QMessageBox.StandardButton.Yes
                          | QMessageBox.StandardButton.No, self.widget)
        box.setInformativeText(QCoreApplication.translate(
            "SyncView", "Replace the district profile with this one? Bundles already sealed "
                        "stay as they are."))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.accepted.connect(replace)
        box.open()

    def _profile_stored(self, profile: ProfileInfo) -> None:
        self.say(QCoreApplication.translate(
            "SyncView", "District profile imported: {district} ({code}).").format(
            district=profile.district_name, code=profile.district_code))

    def save_registration(self) -> None:
        snapshot = self.snapshot
        name = snapshot.village_name if snapshot is not None else ""
        fingerprint = snapshot.status.device.fingerprint if snapshot is not None and \
            snapshot.status.device is not None else ""
        self.registration_dialog = dialog = RegistrationDialog(name, fingerprint, self.widget)
        dialog.accepted.connect(lambda: self._write_registration(dialog.device_name()))
        dialog.open()

    def _write_registration(self, device_name: str) -> None:
        marker = "-LATIHAN" if self.training_row.state.training else ""
        default = f"{('-'.join(device_name.split()) or 'perangkat')}{marker}{DEVICE_SUFFIX}"
        chosen, _filter = QFileDialog.getSaveFileName(
            self.widget, QCoreApplication.translate("SyncView", "Save the registration file"),
            default,
            QCoreApplication.translate("SyncView", "Device registration (*.siksdesk-device)"))
        if not chosen:
            return
        target = Path(chosen)
        if target.suffix != DEVICE_SUFFIX:
            target = target.with_name(target.name + DEVICE_SUFFIX)
        env = self.env
        self.run_long(QCoreApplication.translate("SyncView", "Saving the registration file"),
                      lambda _p, _c: write_registration(env, target, device_name=device_name),
                      self._registration_saved)

    def _registration_saved(self, info: RegistrationInfo) -> None:
        text = QCoreApplication.translate(
            "SyncView", "Registration file saved: {path}\nThis laptop's fingerprint: "
            "{fingerprint}").format(path=info.path, fingerprint=info.fingerprint)
        self.say(text)
        self.inform(QCoreApplication.translate("SyncView", "Registration file saved"), text)

    # -- sending ------------------------------------------------------------------------------
    def seal(self) -> None:
        env, author = self.env, self.author
        self.run_long(QCoreApplication.translate("SyncView", "Sealing a bundle"),
                      lambda p, c: seal_next(env, author=author, progress=p, cancelled=c),
                      self._sealed, changes_data=True)

    def _sealed(self, sealed: SealedBundle) -> None:
        self.say(QCoreApplication.translate(
            "SyncView", "Bundle no. {sequence} sealed: {records} proposals ({counts}). It is "
            "encrypted for the Dinas; write it to a USB stick or upload it.").format(
            sequence=sealed.sequence, records=sealed.records,
            counts=counts_text(sealed.counts, self.lang)))
        self.auto.kick()

    def write_to_folder(self, folder: Path | None = None) -> None:
        if folder is None:
            chosen = QFileDialog.getExistingDirectory(
                self.widget, QCoreApplication.translate("SyncView", "Write the bundles to"))
            if not chosen:
                return
            folder = Path(chosen)
        env, target = self.env, folder
        self.run_long(QCoreApplication.translate("SyncView", "Writing the bundles"),
                      lambda p, c: write_bundles(env, target, progress=p, cancelled=c),
                      self._written)

    def _written(self, written: list[WrittenFile]) -> None:
        names = "\n".join(str(w.path) for w in written)
        text = QCoreApplication.translate(
            "SyncView", "{count} file(s) written and checked after writing:\n{files}\nTake "
            "them to the Dinas Sosial; the bundles stay queued here until the receipt is "
            "imported.").format(count=len(written), files=names)
        self.say(text)
        self.inform(QCoreApplication.translate("SyncView", "Bundles written"), text)

    def upload(self) -> None:
        env, author, policy = self.env, self.author, self.policy
        self.run_long(QCoreApplication.translate("SyncView", "Uploading to the server"),
                      lambda p, c: upload_pending(env, author=author, progress=p, cancelled=c,
                                                  policy=policy),
                      self._uploaded, changes_data=True)

    def _uploaded(self, result: UploadResult) -> None:
        if result.offline:
            text = QCoreApplication.translate(
                "SyncView", "The server cannot be reached; the bundles stay queued and will "
                "be sent automatically.")
        elif result.error_code:
            text = QCoreApplication.translate(
                "SyncView", "The server refused a bundle ({code}); it stays queued. The table "
                "shows the reason.").format(code=self._refusal(result.error_code))
        else:
            text = QCoreApplication.translate(
                "SyncView", "{sent} bundle(s) sent.").format(sent=result.sent)
        self.show_outcomes(text, result.receipts)

    def _refusal(self, code: str) -> str:
        bundles = self.snapshot.status.bundles if self.snapshot is not None else ()
        last = [b.last_error for b in bundles if b.last_error]
        return last[-1] if code == "SERVER_REFUSED" and last else code

    def import_files(self, paths: Sequence[Path] | None = None) -> None:
        if paths is None:
            chosen, _filter = QFileDialog.getOpenFileNames(
                self.widget, QCoreApplication.translate("SyncView", "Receipts and updates"), "",
                QCoreApplication.translate(
                    "SyncView", "Receipts and updates (*.siksdesk-receipt *.siksdesk-update);;"
                    "All files (*)"))
            if not chosen:
                return
            paths = [Path(p) for p in chosen]
        env, author, files = self.env, self.author, list(paths)
        self.run_long(QCoreApplication.translate("SyncView", "Importing receipts and updates"),
                      lambda p, c: import_files(env, files, author=author, progress=p,
                                                cancelled=c),
                      lambda outcomes: self.show_outcomes("", outcomes), changes_data=True)

    def fetch(self) -> None:
        env, author, policy = self.env, self.author, self.policy
        self.run_long(QCoreApplication.translate("SyncView", "Fetching from the server"),
                      lambda p, c: fetch(env, author=author, progress=p, cancelled=c,
                                         policy=policy),
                      self._fetched, changes_data=True)

    def _fetched(self, result: FetchResult) -> None:
        if result.offline:
            text = QCoreApplication.translate(
                "SyncView", "The server cannot be reached; try again later or import the "
                "files from a USB stick.")
        elif result.error_code:
            text = self.error_message(result.error_code)
        else:
            text = ""
        self.show_outcomes(text, (*result.receipts, *result.updates))

    # -- results ------------------------------------------------------------------------------
    def show_outcomes(self, first: str, outcomes: Sequence[ImportOutcome]) -> None:
        lines = [first] if first else []
        lines += [self.outcome_line(o) for o in outcomes]
        if not lines:
            lines = [QCoreApplication.translate("SyncView", "Nothing new from the Dinas.")]
        accepted = sum(o.accepted for o in outcomes)
        rejected = sum(o.rejected for o in outcomes)
        nik = sum(o.nik_issues for o in outcomes)
        if outcomes:
            lines.append(QCoreApplication.translate(
                "SyncView", "In total: {accepted} proposals accepted, {rejected} rejected by "
                "the Dinas; {nik} rows added to the NIK corrections list.").format(
                accepted=accepted, rejected=rejected, nik=nik))
        text = "\n".join(lines)
        self.say(text)
        self.inform(QCoreApplication.translate("SyncView", "From the Dinas"), text)

    def outcome_line(self, outcome: ImportOutcome) -> str:
        if outcome.duplicate:
            return QCoreApplication.translate(
                "SyncView", "{file}: already imported before, nothing changed.").format(
                file=outcome.file or "-")
        if outcome.kind == "receipt":
            line = QCoreApplication.translate(
                "SyncView", "Receipt for bundle no. {sequence}: {status}; {accepted} accepted, "
                "{rejected} rejected, {nik} NIK rows.").format(
                sequence=outcome.sequence, status=self.receipt_status(outcome.status),
                accepted=outcome.accepted, rejected=outcome.rejected, nik=outcome.nik_issues)
        else:
            line = QCoreApplication.translate(
                "SyncView", "Update version {version}: {accepted} accepted, {rejected} "
                "rejected, {nik} NIK rows.").format(
                version=outcome.sequence, accepted=outcome.accepted, rejected=outcome.rejected,
                nik=outcome.nik_issues)
        if outcome.caught_up:
            line += " " + QCoreApplication.translate(
                "SyncView", "The catch-up after the restore is done: sealing is possible again.")
        if outcome.revoked:
            line += " " + QCoreApplication.translate(
                "SyncView", "The Dinas has revoked this device.")
        if outcome.keys_rotated:
            line += " " + QCoreApplication.translate("SyncView", "New district keys received.")
        return line

    def receipt_status(self, status: str) -> str:
        match status:
            case "applied":
                return QCoreApplication.translate("SyncView", "applied")
            case "held":
                return QCoreApplication.translate("SyncView", "held by the district")
            case "rejected":
                return QCoreApplication.translate("SyncView", "refused")
        return status

    # -- machinery ----------------------------------------------------------------------------
    def run_long(self, title: str, work: Work, done: Callable[[Any], None], *,
                 on_error: Callable[[BaseException], None] | None = None,
                 changes_data: bool = False) -> None:
        if self.busy:
            return
        self.busy = True
        self.auto.paused = True
        self.update_buttons()
        token = CancelToken()
        self.progress_dialog = dialog = TaskProgressDialog(
            title, QCoreApplication.translate("SyncView", "Please wait…"), token, self.widget)
        dialog.show()

        def finished(result: Any) -> None:
            self._end(changes_data)
            done(result)

        def failed(error: BaseException) -> None:
            self._end(changes_data)
            (on_error or self.failed)(error)

        self.runner.run(work, on_result=finished, on_error=failed,
                        on_progress=dialog.set_progress, token=token)

    def _end(self, changes_data: bool) -> None:
        self.busy = False
        self.auto.paused = False
        if self.progress_dialog is not None:
            self.progress_dialog.finish()
            self.progress_dialog = None
        self.update_buttons()
        self.refresh()
        if changes_data:
            self.data_changed.emit()

    def failed(self, error: BaseException) -> None:
        if isinstance(error, SyncCancelled):
            self.say(QCoreApplication.translate(
                "SyncView", "Cancelled. Nothing was changed by the step that was cancelled."))
            return
        if isinstance(error, SyncError):
            self.say(error.message(self.lang))
            self.show_box(QMessageBox.Icon.Warning, QCoreApplication.translate(
                "SyncView", "Send to the Dinas"), error.message(self.lang))
            return
        sys.excepthook(type(error), error, error.__traceback__)

    def report_error(self, error: BaseException) -> None:
        """A refused read (e.g. a damaged key file) is shown; anything else is a bug."""
        if isinstance(error, SyncError):
            self.say(error.message(self.lang))
            return
        sys.excepthook(type(error), error, error.__traceback__)

    def error_message(self, code: str, **params: object) -> str:
        return VillageSyncError(code, **params).message(self.lang)

    def say(self, text: str) -> None:
        self.message.setText(text)

    def inform(self, title: str, text: str) -> None:
        self.show_box(QMessageBox.Icon.Information, title, text)

    def show_box(self, icon: QMessageBox.Icon, title: str, text: str) -> None:
        """A window-modal message that does not block the event loop (``last_box``)."""
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self.widget)
        box.setDefaultButton(QMessageBox.StandardButton.Ok)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.last_box = box
        box.open()

