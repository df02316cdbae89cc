"""The input pages of the set-up wizard (``setup_wizard``): the village, the district profile
and the two accounts. Each page checks what is typed as it is typed and keeps Next disabled
until it is complete; the messages come from the bilingual service/domain catalogues."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from siksdesk.domain.accounts import (
    AccountError,
    AccountRole,
    check_display_name,
    check_new_password,
    normalise_username,
)
from siksdesk.services.accounts import NewAccount
from siksdesk.services.village_setup import (
    KodeDesaCheck,
    VillageSetupError,
    check_kode_desa,
    error_message,
)
from siksdesk.sync.device import PROFILE_LIMIT
from siksdesk.sync.enrolment import DistrictProfile, read_profile
from siksdesk.sync.village_types import VillageSyncError
from siksdesk.ui.account_parts import MessageLine, password_edit, report
from siksdesk.ui.pseudo import mark_data_text
from siksdesk.ui.sync_enrol import PROFILE_SUFFIX, FingerprintLabel
from siksdesk.ui.tasks import Cancelled, Progress

if TYPE_CHECKING:
    from siksdesk.ui.setup_wizard import SetupWizard

NAME_FIELDS = ("nama_desa", "nama_kecamatan", "nama_kabupaten", "nama_provinsi")


def hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class VillagePage(QWizardPage):
    """Kode desa (checked and explained live) and the four names; the kecamatan, kabupaten and
    province names are filled from the code list unless the operator typed their own."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self.lang = wizard.lang
        self.setTitle(QCoreApplication.translate("SetupWizard", "The village"))
        self.setSubTitle(QCoreApplication.translate(
            "SetupWizard", "The village code from the Kemendagri list (10 digits, as on the "
            "district's letters) and the names as they should appear on documents."))
        self.kode = QLineEdit()
        self.kode.setMaxLength(20)
        self.kode.setPlaceholderText("35.22.14.2011")
        self.check: KodeDesaCheck = check_kode_desa("")
        self.explain = MessageLine()
        self.names = {field: QLineEdit() for field in NAME_FIELDS}
        self._filled: dict[str, str] = {}  # what the code list last put in each field
        for edit in self.names.values():
            edit.setMaxLength(100)
            edit.textChanged.connect(self.completeChanged)
        self.kode.textChanged.connect(self._code_changed)
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("SetupWizard", "&Village code:"), self.kode)
        form.addRow("", self.explain)
        labels = (QCoreApplication.translate("SetupWizard", "Village &name:"),
                  QCoreApplication.translate("SetupWizard", "&Kecamatan:"),
                  QCoreApplication.translate("SetupWizard", "Kabupaten/&kota:"),
                  QCoreApplication.translate("SetupWizard", "&Province:"))
        for label, field in zip(labels, NAME_FIELDS, strict=True):
            form.addRow(label, self.names[field])
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint(QCoreApplication.translate(
            "SetupWizard", "The first 6 digits name the province, the kabupaten/kota and the "
            "kecamatan; the last 4 are the village's number (2… for a desa, 1… for a "
            "kelurahan). Ask the kecamatan office if you are not sure.")))
        layout.addStretch(1)

    def _code_changed(self, text: str) -> None:
        self.check = check_kode_desa(text)
        if not text.strip():
            self.explain.clear_message()
        elif self.check.error is not None:
            self.explain.say(self.check.error.message(self.lang))
        else:
            notes = [n.message(self.lang) for n in self.check.notes]
            self.explain.say("\n".join([self.check.explanation(self.lang), *notes]),
                             error=bool(notes))
            known = {"nama_kecamatan": self.check.kecamatan,
                     "nama_kabupaten": self.check.kabupaten,
                     "nama_provinsi": self.check.provinsi}
            for field, name in known.items():
                edit = self.names[field]
                if name and edit.text().strip() in ("", self._filled.get(field, "")):
                    edit.setText(name)
                    self._filled[field] = name
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.check.ok and all(e.text().strip() for e in self.names.values())

    def value(self, field: str) -> str:
        return " ".join(self.names[field].text().split())


class DistrictPage(QWizardPage):
    """The district profile file (optional): read and checked on the runner, its fingerprint
    shown for comparing with the Dinas's screen. "Skip" goes on without one."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.profile: DistrictProfile | None = None
        self.data: bytes | None = None
        self.setTitle(QCoreApplication.translate("SetupWizard", "Dinas Sosial (optional)"))
        self.setSubTitle(QCoreApplication.translate(
            "SetupWizard", "If the Dinas gave you this village's profile file "
            "(*.siksdesk-profile), choose it now; otherwise skip this step and import it "
            "later under Sinkronisasi → Kirim ke Dinas."))
        self.choose = QPushButton(QCoreApplication.translate(
            "SetupWizard", "&Choose the district profile file…"))
        self.choose.clicked.connect(self._ask_file)
        self.skip = QPushButton(QCoreApplication.translate("SetupWizard", "&Skip, later"))
        self.skip.clicked.connect(self._skip)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint = FingerprintLabel()
        self.fingerprint_hint = hint(QCoreApplication.translate(
            "SetupWizard", "Compare this fingerprint group by group with the one on the "
            "Dinas's screen or letter. Go on only if every group is the same."))
        self.message = MessageLine()
        mark_data_text(self.facts)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose)
        buttons.addWidget(self.skip)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.facts)
        layout.addWidget(self.fingerprint)
        layout.addWidget(self.fingerprint_hint)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self._show()

    def _ask_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, QCoreApplication.translate("SetupWizard", "District profile file"), "",
            QCoreApplication.translate("SetupWizard", "District profile (*{suffix})").format(
                suffix=PROFILE_SUFFIX))
        if name:
            self.load_file(Path(name))

    def load_file(self, path: Path) -> None:
        """Read and check ``path`` on the runner (a USB stick may be slow)."""
        def work(_progress: Progress, _cancelled: Cancelled) -> tuple[bytes, DistrictProfile]:
            try:
                with open(path, "rb") as handle:
                    data = handle.read(PROFILE_LIMIT + 1)
            except OSError as exc:
                raise VillageSyncError("FILE_UNREADABLE", file=path.name) from exc
            if len(data) > PROFILE_LIMIT:
                raise VillageSyncError("FILE_TOO_LARGE", file=path.name)
            return data, read_profile(data)

        self.choose.setEnabled(False)
        self.owner.runner.run(work, on_result=self._loaded, on_error=self._refused)

    def _loaded(self, loaded: tuple[bytes, DistrictProfile]) -> None:
        self.data, self.profile = loaded
        self._show()

    def _refused(self, error: BaseException) -> None:
        self.data = self.profile = None
        self._show()
        text = error_message(error, self.owner.lang)
        if text is None:
            report(error)
        else:
            self.message.say(text)

    def _skip(self) -> None:
        self.data = self.profile = None
        self._show()
        self.owner.next()

    def problem(self) -> str | None:
        """Why the chosen profile cannot be used for the village typed on the previous page."""
        profile, code = self.profile, self.owner.village.check.code
        if profile is None:
            return None
        if profile.training:
            return VillageSetupError("PROFILE_IS_TRAINING").message(self.owner.lang)
        if profile.village_code != code:
            return VillageSetupError("PROFILE_OTHER_VILLAGE", village=code or "?",
                                     profile_village=profile.village_code
                                     ).message(self.owner.lang)
        return None

    def initializePage(self) -> None:
        self._show()

    def _show(self) -> None:
        self.choose.setEnabled(True)
        profile = self.profile
        problem = self.problem()
        for widget in (self.fingerprint, self.fingerprint_hint):
            widget.setVisible(profile is not None and problem is None)
        self.message.clear_message()
        if profile is None:
            self.facts.setText(QCoreApplication.translate("SetupWizard", "No file chosen."))
        else:
            self.facts.setText(f"{profile.district_name} ({profile.district_code})\n"
                               f"{profile.village_name} ({profile.village_code})")
            self.fingerprint.set_fingerprint(profile.fingerprint)
            if problem:
                self.message.say(problem)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.problem() is None


class AccountPage(QWizardPage):
    """Username, full name and the password typed twice, checked with the account rules."""

    def __init__(self, wizard: SetupWizard, role: AccountRole) -> None:
        super().__init__()
        self.owner, self.role = wizard, role
        if role is AccountRole.OPERATOR:
            self.setTitle(QCoreApplication.translate("SetupWizard", "The operator's account"))
            self.setSubTitle(QCoreApplication.translate(
                "SetupWizard", "The operator enters the data, imports lists, prepares the "
                "MusDes and sends to the Dinas."))
        else:
            self.setTitle(QCoreApplication.translate(
                "SetupWizard", "The Kepala Desa's account"))
            self.setSubTitle(QCoreApplication.translate(
                "SetupWizard", "The Kepala Desa approves the MusDes result with this account "
                "and can reset the operator's password."))
        self.display_name = QLineEdit()  # created in form order: that is the Tab order
        self.display_name.setMaxLength(80)
        self.username = QLineEdit()
        self.username.setMaxLength(32)
        self.password = password_edit()
        self.repeat = password_edit()
        self.message = MessageLine()
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("SetupWizard", "Full &name:"), self.display_name)
        form.addRow(QCoreApplication.translate("SetupWizard", "&Username (for logging in):"),
                    self.username)
        form.addRow(QCoreApplication.translate("SetupWizard", "&Password:"), self.password)
        form.addRow(QCoreApplication.translate("SetupWizard", "&Repeat the password:"),
                    self.repeat)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        if role is AccountRole.KEPALA_DESA:
            layout.addWidget(hint(QCoreApplication.translate(
                "SetupWizard", "Nobody approves their own change: this must be a different "
                "account from the operator's, used only by the Kepala Desa.")))
        layout.addWidget(hint(QCoreApplication.translate(
            "SetupWizard", "Username: small letters, digits, dot, dash or underscore, e.g. "
            "siti or pak.budi. Password: at least 8 characters; do not write it on the "
            "laptop.")))
        layout.addStretch(1)
        for edit in (self.username, self.display_name, self.password, self.repeat):
            edit.textChanged.connect(self._changed)

    def _changed(self) -> None:
        problem = self.problem()
        if problem is None or not any(e.text() for e in (self.username, self.password)):
            self.message.clear_message()
        else:
            self.message.say(problem)
        self.completeChanged.emit()

    def problem(self) -> str | None:
        """The first thing wrong with what is typed (None: complete and acceptable)."""
        lang = self.owner.lang
        try:
            check_display_name(self.display_name.text())
            username = normalise_username(self.username.text())
            check_new_password(self.password.text(), username=username)
            if self.password.text() != self.repeat.text():
                raise AccountError("PASSWORDS_DIFFER")
        except AccountError as exc:
            return exc.message(lang)
        other = self.owner.operator if self.role is AccountRole.KEPALA_DESA else None
        if other is not None and other.username.text().strip().lower() == username:
            return VillageSetupError("SAME_USERNAME").message(lang)
        return None

    def isComplete(self) -> bool:
        return self.problem() is None

    def account(self) -> NewAccount:
        return NewAccount(self.username.text().strip().lower(),
                          " ".join(self.display_name.text().split()), self.role,
                          self.password.text())


def data_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    mark_data_text(label)
    return label
