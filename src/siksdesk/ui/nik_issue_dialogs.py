"""The small dialogs of the "Perbaikan NIK" worklist: fix the NIK, propose deactivation, close an
item. They only collect the operator's answer; the view runs the service (on the runner) and
either closes the dialog or shows the refusal in it (``show_error``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from siksdesk.domain.deactivation import NIK_ISSUE_DEACTIVATION_REASONS, reason_label
from siksdesk.domain.nik import NikCheck
from siksdesk.domain.nik_issues import DismissReason, dismiss_label
from siksdesk.domain.rules import SEX_BY_CODE
from siksdesk.services.nik_issues import NikIssueRow
from siksdesk.ui.editor.duplicates import DuplicateLookups
from siksdesk.ui.id_fields import NikField
from siksdesk.ui.id_input import COLOURS, STATE_INVALID
from siksdesk.ui.pseudo import mark_data_text
from siksdesk.ui.tasks import Runner

EMPTY = "—"


def _wrapped(text: str = "", *, data: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if data:
        mark_data_text(label)
    return label


class _IssueDialog(QDialog):
    """Common frame: who the item is about, the district's note, an error line, OK/Cancel."""

    submitted = Signal(object)  # the answer (new NIK / reason); the view runs the service

    def __init__(self, item: NikIssueRow, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.item = item
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.person = _wrapped(data=True)
        font = self.person.font()
        font.setBold(True)
        self.person.setFont(font)
        self.person.setText(self._person_text(item))
        self.facts = QFormLayout()
        self.facts.addRow(QCoreApplication.translate("NikIssueDialog", "Reported NIK:"),
                          _wrapped(item.reported_nik or EMPTY, data=True))
        self.facts.addRow(QCoreApplication.translate("NikIssueDialog", "District's note:"),
                          _wrapped(item.district_note or EMPTY, data=True))
        self.error = _wrapped(data=True)
        self.error.setStyleSheet(f"color: {COLOURS[STATE_INVALID][1]};")
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout(self)
        self.body.addWidget(self.person)
        self.body.addLayout(self.facts)

    def _person_text(self, item: NikIssueRow) -> str:
        if item.ruta_no_urut is None:
            return item.nama or item.reported_name or EMPTY
        return QCoreApplication.translate("NikIssueDialog", "{name} — household no. {no}").format(
            name=item.nama or item.reported_name or EMPTY, no=item.ruta_no_urut)

    def finish_layout(self) -> None:
        self.body.addWidget(self.error)
        self.body.addWidget(self.buttons)

    def show_error(self, text: str) -> None:
        """The service refused: say why, keep the dialog open."""
        self.error.setText(text)
        self.error.show()
        self.setEnabled(True)

    def _submit(self) -> None:
        raise NotImplementedError


class FixNikDialog(_IssueDialog):
    """"Perbaiki NIK": the corrected NIK in the live-checking NIK field (also warns when it
    disagrees with the person's sex/birth date, or when someone else in the village has it)."""

    def __init__(self, item: NikIssueRow, sessions: sessionmaker[Session], runner: Runner, *,
                 lang: str = "id", parent: QWidget | None = None) -> None:
        super().__init__(item, QCoreApplication.translate("NikIssueDialog", "Fix NIK"), parent)
        self.lookups = DuplicateLookups(sessions, runner)
        self.facts.addRow(QCoreApplication.translate("NikIssueDialog", "NIK in village data:"),
                          _wrapped(item.nik or EMPTY, data=True))
        self.hint = _wrapped(QCoreApplication.translate(
            "NikIssueDialog", "Type the NIK exactly as on the person's KTP or family card (KK), "
            "checked with Dukcapil. Saving records the correction in the change log."))
        self.nik_field = NikField(lang=lang)
        self.nik_field.set_record_context(SEX_BY_CODE.get(item.jenis_kelamin or 0),
                                          item.tanggal_lahir, item.no_kk)
        self.nik_field.checked.connect(self._checked)
        self.body.addWidget(self.hint)
        self.body.addWidget(self.nik_field)
        self.finish_layout()
        self._looked_up: str | None = None
        self._update_ok()
        self.nik_field.setFocus()

    def _checked(self, check: object) -> None:
        if isinstance(check, NikCheck) and check.nik and check.nik != self._looked_up:
            self._looked_up = check.nik
            self.lookups.nik(self.nik_field, check.nik, self.item.art_id)
        self._update_ok()

    def _update_ok(self) -> None:
        value = self.nik_field.value()
        self.ok_button.setEnabled(bool(value) and len(value or "") == 16
                                  and not self.nik_field.has_errors())

    def _submit(self) -> None:
        value = self.nik_field.value()
        if value and not self.nik_field.has_errors():
            self.submitted.emit(value)


class _ChoiceDialog(_IssueDialog):
    """An explanation and one radio button per reason (the codes are the buttons' data)."""

    def __init__(self, item: NikIssueRow, title: str, explanation: str,
                 choices: list[tuple[str, str]], parent: QWidget | None) -> None:
        super().__init__(item, title, parent)
        self.body.addWidget(_wrapped(explanation))
        self.group = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        for code, label in choices:
            radio = QRadioButton(label)
            mark_data_text(radio)
            self.group.addButton(radio)
            self.radios[code] = radio
            self.body.addWidget(radio)
            radio.toggled.connect(self._update_ok)
        self.note = QLineEdit()
        self.note.setMaxLength(500)
        self.note.setPlaceholderText(
            QCoreApplication.translate("NikIssueDialog", "Note (optional)"))
        self.body.addWidget(self.note)
        self.finish_layout()
        self._update_ok()

    def choose(self, code: str) -> None:
        self.radios[code].setChecked(True)

    def chosen(self) -> str | None:
        return next((code for code, radio in self.radios.items() if radio.isChecked()), None)

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(self.chosen() is not None)

    def _submit(self) -> None:
        if (code := self.chosen()) is not None:
            self.submitted.emit((code, self.note.text()))


class DeactivateDialog(_ChoiceDialog):
    def __init__(self, item: NikIssueRow, *, lang: str = "id",
                 parent: QWidget | None = None) -> None:
        super().__init__(
            item, QCoreApplication.translate("NikIssueDialog", "Propose deactivation"),
            QCoreApplication.translate(
                "NikIssueDialog", "If this person is no longer eligible, the NIK is not fixed: "
                "they are proposed for deactivation instead. The MusDes decides on the "
                "proposal. Why is the person no longer eligible?"),
            [(r.value, reason_label(r, lang)) for r in NIK_ISSUE_DEACTIVATION_REASONS], parent)


class DismissDialog(_ChoiceDialog):
    def __init__(self, item: NikIssueRow, *, lang: str = "id",
                 parent: QWidget | None = None) -> None:
        super().__init__(
            item, QCoreApplication.translate("NikIssueDialog", "Close item"),
            QCoreApplication.translate(
                "NikIssueDialog", "Close this item only when it needs neither a NIK fix nor a "
                "deactivation:"),
            [(r.value, dismiss_label(r, lang)) for r in DismissReason], parent)
        self.note.hide()  # the reason says it all; the table has no column for a note
