"""The household's address and identity: number, IDBDT, verification result and date, address,
RT/RW, dusun, enumerator and checker."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QWidget

from siksdesk.domain.variables import Entity, Variable, VarType, variable
from siksdesk.services.household_edit import HEADER_TEXT_LIMITS, HouseholdDraft
from siksdesk.ui.editor.catalogue_form import Field, label_text, make_field
from siksdesk.ui.editor.inputs import guard_wheel
from siksdesk.ui.pseudo import mark_data_text

VERIVALI = "hasil_verivali"


def _var(key: str, vtype: VarType, **extra: object) -> Variable:
    """A header field described like a catalogue variable, so the same inputs serve it (the
    labels shown come from Qt's translation, not from here)."""
    return Variable(key, Entity.RUTA, "header", key, key, vtype, **extra)  # type: ignore[arg-type]


class HeaderForm(QWidget):
    edited = Signal()

    def __init__(self, *, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.fields: dict[str, Field] = {
            "no_urut": make_field(_var("no_urut", VarType.INT, minimum=1, maximum=999_999),
                                  lang, self),
            VERIVALI: make_field(variable(Entity.RUTA, VERIVALI), lang, self),
            "tanggal_verivali": make_field(_var("tanggal_verivali", VarType.DATE), lang, self),
        }
        for key, limit in HEADER_TEXT_LIMITS.items():
            if key != "dusun":
                self.fields[key] = make_field(_var(key, VarType.TEXT, max_length=limit),
                                              lang, self)
        for key, field in self.fields.items():
            if key != VERIVALI:
                field.widget.setToolTip("")
            field.edited.connect(self.edited)
        self.idbdt = QLineEdit()
        self.idbdt.setReadOnly(True)
        self.idbdt.setMinimumWidth(self.idbdt.fontMetrics().horizontalAdvance("0" * 16) + 16)
        self.idbdt.setToolTip(QCoreApplication.translate(
            "HouseholdHeader", "The district's household ID (read only)"))
        self.dusun = QComboBox()
        self.dusun.setEditable(True)
        self.dusun.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.dusun.lineEdit().setMaxLength(HEADER_TEXT_LIMITS["dusun"])
        self.dusun.editTextChanged.connect(lambda _t: self.edited.emit())
        guard_wheel(self.dusun)
        verivali = self.fields[VERIVALI].widget
        if isinstance(verivali, QComboBox):
            verivali.setMinimumContentsLength(20)
        for key in ("rt", "rw"):
            self.fields[key].widget.setMaximumWidth(60)
        self.fields["alamat"].widget.setMinimumWidth(220)
        self.labels: dict[str, QLabel] = {}
        self._layout()
        self._draft: HouseholdDraft | None = None

    def _layout(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        rows = (
            (("no_urut", QCoreApplication.translate("HouseholdHeader", "Household no.")),
             ("idbdt", QCoreApplication.translate("HouseholdHeader", "IDBDT")),
             (VERIVALI, label_text(variable(Entity.RUTA, VERIVALI), self.lang)),
             ("tanggal_verivali",
              QCoreApplication.translate("HouseholdHeader", "Verification date"))),
            (("alamat", QCoreApplication.translate("HouseholdHeader", "Address")),
             ("rt", QCoreApplication.translate("HouseholdHeader", "RT")),
             ("rw", QCoreApplication.translate("HouseholdHeader", "RW")),
             ("dusun", QCoreApplication.translate("HouseholdHeader", "Dusun"))),
            (("pencacah", QCoreApplication.translate("HouseholdHeader", "Enumerator")),
             ("pemeriksa", QCoreApplication.translate("HouseholdHeader", "Checker"))),
        )
        for row, items in enumerate(rows):
            for column, (key, text) in enumerate(items):
                widget = self.widget(key)
                label = QLabel(text)
                label.setBuddy(widget)
                if key == VERIVALI:
                    mark_data_text(label)
                self.labels[key] = label
                grid.addWidget(label, row, column * 2)
                span = 3 if key == "pemeriksa" else 1
                grid.addWidget(widget, row, column * 2 + 1, 1, span)
        for column in (1, 3, 5, 7):
            grid.setColumnStretch(column, 1)
        grid.setColumnStretch(1, 3)

    def focus_chain(self) -> list[QWidget]:
        return [self.widget(key) for key in ("no_urut", "idbdt", VERIVALI, "tanggal_verivali",
                                             "alamat", "rt", "rw", "dusun", "pencacah",
                                             "pemeriksa")]

    def widget(self, key: str) -> QWidget:
        if key == "idbdt":
            return self.idbdt
        if key == "dusun":
            return self.dusun
        return self.fields[key].focus_widget

    def set_draft(self, draft: HouseholdDraft, dusun_choices: list[str]) -> None:
        self._draft = draft
        for key, field in self.fields.items():
            field.set_value(draft.values.get(key) if key == VERIVALI else getattr(draft, key))
        self.idbdt.setText(draft.idbdt or "")
        self.dusun.blockSignals(True)
        self.dusun.clear()
        self.dusun.addItems(dusun_choices)
        self.dusun.setEditText(draft.dusun)
        self.dusun.blockSignals(False)

    def apply(self, draft: HouseholdDraft) -> HouseholdDraft:
        """``draft`` with the header's current values."""
        value = {key: field.value() for key, field in self.fields.items()}
        texts = {key: value[key] or "" for key in ("alamat", "rt", "rw")}
        return replace(
            draft, no_urut=value["no_urut"], tanggal_verivali=value["tanggal_verivali"],
            pencacah=value["pencacah"], pemeriksa=value["pemeriksa"], **texts,
            dusun=self._dusun_value(draft),
            values={**draft.values, VERIVALI: value[VERIVALI]})

    def _dusun_value(self, draft: HouseholdDraft) -> str:
        text = self.dusun.currentText()
        loaded = self._draft.dusun if self._draft is not None else ""
        return loaded if text == loaded else text.strip()

    def focus_key(self, key: str) -> bool:
        if key not in self.fields and key not in ("idbdt", "dusun"):
            return False
        self.widget(key).setFocus()
        return True
