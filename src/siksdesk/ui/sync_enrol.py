"""Enrolment with the district ("Kirim ke Dinas" before a district profile exists).

Two steps, each with a fingerprint to compare by eye:
* the district's profile file: read and checked first (``read_profile_file`` on a worker), then
  ``ProfileDialog`` shows the district, the village and the district key's fingerprint in large
  monospace groups; only when the operator says it matches the Dinas screen is it imported;
* the device registration file: ``RegistrationDialog`` asks for the device name (the village's
  name by default) and shows OUR fingerprint, to read out to the Dinas officer.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from siksdesk.db.session import read_session
from siksdesk.services.households import village_summary
from siksdesk.sync.device import PROFILE_LIMIT
from siksdesk.sync.enrolment import read_profile
from siksdesk.sync.village_types import SyncEnv, VillageSyncError
from siksdesk.ui.pseudo import mark_data_text

PROFILE_SUFFIX = ".siksdesk-profile"
DEVICE_SUFFIX = ".siksdesk-device"


@dataclass(frozen=True, slots=True)
class ProfilePreview:
    """A checked district profile file, not yet imported."""

    data: bytes
    file: str
    district_code: str
    district_name: str
    village_code: str
    village_name: str
    server_url: str
    training: bool
    fingerprint: str


def read_profile_file(env: SyncEnv, path: Path) -> ProfilePreview:
    """Read and check a profile file (signature, format, village) without importing it.
    Raises EnrolmentError / VillageSyncError (FILE_UNREADABLE, FILE_TOO_LARGE,
    PROFILE_VILLAGE_MISMATCH)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(PROFILE_LIMIT + 1)
    except OSError as exc:
        raise VillageSyncError("FILE_UNREADABLE", file=Path(path).name) from exc
    if len(data) > PROFILE_LIMIT:
        raise VillageSyncError("FILE_TOO_LARGE", file=Path(path).name)
    profile = read_profile(data)
    with read_session(env.sessions) as session:
        village = village_summary(session)
    if village is not None and village.kode_desa and village.kode_desa != profile.village_code:
        raise VillageSyncError("PROFILE_VILLAGE_MISMATCH", profile_village=profile.village_code,
                               village=village.kode_desa)
    return ProfilePreview(data, Path(path).name, profile.district_code, profile.district_name,
                          profile.village_code, profile.village_name, profile.server_url,
                          profile.training, profile.identity.fingerprint)


class FingerprintLabel(QLabel):
    """A fingerprint in large monospace groups, selectable (never translated: it is data)."""

    def __init__(self, fingerprint: str = "", parent: QWidget | None = None, *,
                 compact: bool = False) -> None:
        super().__init__(parent)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), 10.0) * (1.25 if compact else 1.6))
        font.setWeight(QFont.Weight.Bold)
        self.setFont(font)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        padding = "2px 10px" if compact else "8px 14px"
        self.setStyleSheet("QLabel { background: #f4f6fa; border: 1px solid #b8c2d6; "
                           f"border-radius: 4px; padding: {padding}; color: #1b2a4a; }}")
        mark_data_text(self)
        self.set_fingerprint(fingerprint)

    def set_fingerprint(self, fingerprint: str) -> None:
        self.setText(spaced(fingerprint) if fingerprint else "—")
        self.setAccessibleName(fingerprint)


def spaced(fingerprint: str) -> str:
    """"ABCD-EFGH-…" as "ABCD  EFGH  …": groups easy to read out one by one."""
    return "  ".join(fingerprint.split("-"))


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class ProfileDialog(QDialog):
    """Shows a district profile before it is imported: accept = "it matches the Dinas screen"."""

    def __init__(self, preview: ProfilePreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("SyncEnrol", "District profile"))
        self.setMinimumWidth(560)
        form = QFormLayout()
        facts = (
            (QCoreApplication.translate("SyncEnrol", "District:"),
             f"{preview.district_name} ({preview.district_code})"),
            (QCoreApplication.translate("SyncEnrol", "For village:"),
             f"{preview.village_name} ({preview.village_code})"),
            (QCoreApplication.translate("SyncEnrol", "Server:"), preview.server_url
             or QCoreApplication.translate("SyncEnrol", "none (USB only)")),
        )
        for caption, value in facts:
            shown = QLabel(value)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            mark_data_text(shown)
            form.addRow(caption, shown)
        if preview.training:
            form.addRow(QCoreApplication.translate("SyncEnrol", "Mode:"), QLabel(
                QCoreApplication.translate("SyncEnrol", "Training (practice data only)")))
        self.fingerprint = FingerprintLabel(preview.fingerprint)
        buttons = QDialogButtonBox()
        self.import_button = buttons.addButton(
            QCoreApplication.translate("SyncEnrol", "It &matches — import"),
            QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton(
            QCoreApplication.translate("SyncEnrol", "&Does not match — cancel"),
            QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.import_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_hint(QCoreApplication.translate(
            "SyncEnrol", "Fingerprint of the district's key. Compare it group by group with the "
            "fingerprint shown on the Dinas Sosial's screen (or printed on their letter):")))
        layout.addWidget(self.fingerprint)
        layout.addWidget(_hint(QCoreApplication.translate(
            "SyncEnrol", "Import only if every group is the same. A different fingerprint means "
            "the file did not come from your district: do not import it, and tell the Dinas.")))
        layout.addWidget(buttons)


class RegistrationDialog(QDialog):
    """The device name and OUR fingerprint; "Save…" asks where to write the file (the view
    does the writing)."""

    def __init__(self, device_name: str, fingerprint: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("SyncEnrol", "Device registration file"))
        self.setMinimumWidth(560)
        self.name = QLineEdit(device_name)
        self.name.setMaxLength(80)
        self.name.textChanged.connect(self._name_changed)
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("SyncEnrol", "Device &name:"), self.name)
        self.fingerprint = FingerprintLabel(fingerprint)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(
            QCoreApplication.translate("SyncEnrol", "&Save file…"),
            QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.save_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(_hint(QCoreApplication.translate(
            "SyncEnrol", "The registration file holds only this laptop's public keys and the "
            "village code. Take it to the Dinas Sosial (USB stick or e-mail).")))
        layout.addLayout(form)
        layout.addWidget(_hint(QCoreApplication.translate(
            "SyncEnrol", "This laptop's fingerprint — read it out to the Dinas officer, who "
            "compares it with the one on their screen when registering the file:")))
        layout.addWidget(self.fingerprint)
        layout.addWidget(buttons)

    def device_name(self) -> str:
        return " ".join(self.name.text().split())

    def _name_changed(self) -> None:
        self.save_button.setEnabled(bool(self.device_name()))


class EnrolmentPanel(QWidget):
    """The page shown while no district profile is imported: the two steps and their buttons
    (the view connects them)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(QCoreApplication.translate(
            "SyncEnrol", "This laptop is not yet connected to the Dinas Sosial"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        self.import_button = QPushButton(
            QCoreApplication.translate("SyncEnrol", "&Import district profile…"))
        self.register_button = QPushButton(
            QCoreApplication.translate("SyncEnrol", "Save device &registration file…"))
        for button in (self.import_button, self.register_button):
            button.setMinimumWidth(300)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(_hint(QCoreApplication.translate(
            "SyncEnrol", "1. The Dinas gives you the district profile file "
            "(*.siksdesk-profile). Import it and compare its fingerprint with the Dinas "
            "screen.")))
        layout.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(_hint(QCoreApplication.translate(
            "SyncEnrol", "2. Save this laptop's registration file (*.siksdesk-device) and give "
            "it to the Dinas; read out this laptop's fingerprint (below) so that the officer "
            "can check it.")))
        layout.addWidget(self.register_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(_hint(QCoreApplication.translate(
            "SyncEnrol", "You can do step 2 before or after step 1. Proposals approved by the "
            "MusDes wait here until the district profile has been imported.")))
        layout.addStretch(1)
