"""One member's form: name, NIK (live check, cross-checked with the sex, birth date and No. KK
typed here) with the "How to read this NIK" panel, and every member variable of the catalogue,
one tab per section."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from siksdesk.domain.nik import NikCheck
from siksdesk.domain.rules import SEX_BY_CODE
from siksdesk.domain.variables import SECTIONS, Entity
from siksdesk.services.household_edit import NAMA_LIMIT, MemberDraft
from siksdesk.ui.editor.catalogue_form import CatalogueForm, Field
from siksdesk.ui.id_fields import NikField
from siksdesk.ui.nik_panel import NikPanel
from siksdesk.ui.pseudo import mark_data_text

ART_SECTIONS = tuple(s for s in SECTIONS if s.entity is Entity.ART)
NIK_COLUMN_WIDTH = 370


def _scrolling(widget: QWidget, *, across: bool = True) -> QScrollArea:
    """``widget`` in a frameless scroll area: never squeezed, scrolls when space runs out
    (``across=False``: only up and down; the widget wraps its texts to the width)."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    if not across:
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(widget)
    return scroll


class MemberForm(QWidget):
    edited = Signal()  # a change made by the operator
    nik_complete = Signal(str)  # 16 digits typed: look for the same NIK elsewhere
    kept_changed = Signal(bool)  # "save anyway" for an invalid NIK ticked / unticked

    def __init__(self, *, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self._member: MemberDraft | None = None
        self._no_kk: str | None = None
        self._looked_up: str | None = None

        self.nama = QLineEdit()
        self.nama.setMaxLength(NAMA_LIMIT)
        self.nama.textEdited.connect(lambda _t: self.edited.emit())
        self.nama.textChanged.connect(lambda _t: self._update_name_mark())
        self.nik_field = NikField(lang=lang)
        self.nik_field.edited.connect(self.edited)
        self.nik_field.checked.connect(self._on_nik_checked)
        self.nik_field.kept_as_warning_changed.connect(self.kept_changed)
        self.nama_label = QLabel(QCoreApplication.translate("MemberForm", "Name *"))
        self.nama_label.setBuddy(self.nama)
        name_row = QHBoxLayout()
        name_row.addWidget(self.nama_label)
        name_row.addWidget(self.nama, 1)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        mark_data_text(self.tabs, self.tabs.tabBar())
        self.forms: list[CatalogueForm] = []
        for section in ART_SECTIONS:
            form = CatalogueForm(Entity.ART, (section.key,), lang=lang, titled=False)
            form.edited.connect(self._on_values_edited)
            self.forms.append(form)
            self.tabs.addTab(_scrolling(form),
                             section.label_en if lang == "en" else section.label_id)

        # The NIK, its explanation and the "how to read" panel share a column at the right, so
        # a long explanation never pushes the member's other fields around.
        nik_label = QLabel(QCoreApplication.translate("MemberForm", "NIK"))
        nik_label.setBuddy(self.nik_field.line_edit)
        self.panel = NikPanel(lang=lang)
        self.panel.follow(self.nik_field)
        nik_column = QWidget()
        column = QVBoxLayout(nik_column)
        column.setContentsMargins(0, 0, 6, 0)
        column.addWidget(nik_label)
        column.addWidget(self.nik_field)
        column.addWidget(self.panel)
        column.addStretch(1)
        nik_scroll = _scrolling(nik_column, across=False)
        # wide enough for the field's longest line: its "save anyway" box, hidden until needed
        widest = max(nik_column.minimumSizeHint().width(),
                     self.nik_field.keep_box.sizeHint().width() + 12)
        nik_scroll.setFixedWidth(max(NIK_COLUMN_WIDTH,
                                     widest + nik_scroll.verticalScrollBar().sizeHint().width()))

        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addLayout(name_row)
        left.addWidget(self.tabs, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 1)
        layout.addWidget(nik_scroll)
        self.setEnabled(False)

    def focus_chain(self) -> list[QWidget]:
        nik = self.nik_field
        chain: list[QWidget] = [self.nama, self.tabs.tabBar()]
        for form in self.forms:
            chain.extend(form.focus_widgets())
        return [*chain[:1], nik.enter_button, nik.line_edit, nik.keep_box, nik.back_button,
                *chain[1:]]

    # -- loading and reading -----------------------------------------------------------------------
    def load(self, member: MemberDraft | None, *, no_kk: str | None, kept: bool) -> None:
        """Show ``member`` (None: nothing to edit, the form is disabled)."""
        self._member = member
        self._no_kk = no_kk
        self._looked_up = None
        self.setEnabled(member is not None)
        self.nama.setText(member.nama if member else "")
        values = member.values if member else {}
        for form in self.forms:
            form.set_values(values)
        self.nik_field.set_temp_id(None)
        self.nik_field.set_duplicates([])
        self._update_context()
        self.nik_field.set_value(member.nik if member else None)
        self.nik_field.set_temp_id(member.temp_id if member else None)
        self.nik_field.set_kept_as_warning(kept)
        self._update_name_mark()

    def member(self) -> MemberDraft | None:
        """The loaded member with what the form shows now."""
        if self._member is None:
            return None
        values = dict(self._member.values)
        for form in self.forms:
            values.update(form.values())
        return replace(self._member, nama=self.nama.text(), nik=self.nik_field.value(),
                       values=values)

    def set_no_kk(self, no_kk: str | None) -> None:
        self._no_kk = no_kk
        self._update_context()

    def kept(self) -> bool:
        return self.nik_field.kept_as_warning()

    def field(self, key: str) -> Field | None:
        for form in self.forms:
            if key in form.fields:
                return form.fields[key]
        return None

    def focus_key(self, key: str) -> bool:
        if key == "nama":
            self.nama.setFocus()
            return True
        if key == "nik":
            self.nik_field.setFocus()
            return True
        for index, form in enumerate(self.forms):
            if key in form.fields:
                self.tabs.setCurrentIndex(index)
                scroll = self.tabs.widget(index)
                if isinstance(scroll, QScrollArea):
                    scroll.ensureWidgetVisible(form.fields[key].widget)
                form.fields[key].focus_widget.setFocus()
                return True
        return False

    # -- reacting ----------------------------------------------------------------------------------
    def _on_values_edited(self) -> None:
        self._update_context()
        self.edited.emit()

    def _update_context(self) -> None:
        """The NIK field checks against the sex and birth date shown right now."""
        sex = self._value("jenis_kelamin")
        birth = self._value("tanggal_lahir")
        self.nik_field.set_record_context(
            SEX_BY_CODE.get(sex) if isinstance(sex, int) else None,
            birth if isinstance(birth, date) else None, self._no_kk)

    def _value(self, key: str) -> object:
        field = self.field(key)
        return field.value() if field is not None else None

    def _update_name_mark(self) -> None:
        self.nama_label.setStyleSheet("" if self.nama.text().strip() else "color: #8a5300;")

    def _on_nik_checked(self, check: object) -> None:
        if isinstance(check, NikCheck) and check.nik is not None and self._member is not None \
                and check.nik != self._looked_up:
            self._looked_up = check.nik
            self.nik_complete.emit(check.nik)
