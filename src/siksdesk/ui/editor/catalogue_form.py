"""Form widgets generated from the variable catalogue (the one source for labels, codes, types,
ranges and required marks).

Each ``Field`` wraps one input and converts between the widget and the stored value. A field
returns exactly the value it was given until the operator changes it, so a value the widget
cannot show exactly (a code outside the list, 36.125 m² in a 2-decimal box, an out-of-range
count) survives an unchanged save instead of being silently "corrected".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from siksdesk.domain.variables import SECTIONS, Entity, Variable, VarType, variables
from siksdesk.ui.editor.inputs import (
    OptionalDateEdit,
    OptionalDoubleSpinBox,
    OptionalSpinBox,
    fit_popup,
    guard_wheel,
)
from siksdesk.ui.i18n import ui_locale
from siksdesk.ui.pseudo import mark_data_text
from siksdesk.ui.variable_help import variable_tooltip

MISSING_STYLE = "color: #8a5300;"  # a required field that is still empty (amber text, 4.5:1)
NUMBER_WIDTH = 130
FIELD_MAX_WIDTH = 360
LABEL_MIN_WIDTH = 150
LABEL_MAX_WIDTH = 210  # longer labels wrap, so the fields keep room for their texts



def not_filled() -> str:
    return QCoreApplication.translate("CatalogueForm", "– not filled in –")


class Field(QObject):
    """One catalogue variable's input. ``edited`` fires on changes made by the operator."""

    edited = Signal()

    def __init__(self, var: Variable, lang: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.var = var
        self.lang = lang
        self.widget = self._build()
        self.focus_widget: QWidget = self.widget
        self._loaded: object = None
        self._shown: object = self._state()
        self.widget.setToolTip(tooltip(var, lang))
        self.widget.setAccessibleName(var.label(lang))

    # subclasses: build the widget, read its state and value, show a value
    def _build(self) -> QWidget:
        raise NotImplementedError

    def _state(self) -> object:
        raise NotImplementedError

    def _read(self) -> object:
        raise NotImplementedError

    def _show(self, value: object) -> None:
        raise NotImplementedError

    def set_value(self, value: object) -> None:
        self.widget.blockSignals(True)
        try:
            self._show(value)
        finally:
            self.widget.blockSignals(False)
        self._loaded = value
        self._shown = self._state()

    def value(self) -> object:
        return self._loaded if self._state() == self._shown else self._read()

    def is_empty(self) -> bool:
        return self.value() in (None, "")


class CodeField(Field):
    def _build(self) -> QComboBox:
        combo = QComboBox()
        combo.addItem(not_filled(), None)
        for code in self.var.codes:
            combo.addItem(f"{code.value} – {code.label(self.lang)}", code.value)
        fit_popup(combo)
        guard_wheel(combo)
        mark_data_text(combo)
        combo.currentIndexChanged.connect(lambda _i: self.edited.emit())
        self.combo = combo
        return combo

    def _state(self) -> object:
        return self.combo.currentIndex()

    def _read(self) -> object:
        return self.combo.currentData()

    def _show(self, value: object) -> None:
        for index in range(self.combo.count() - 1, 0, -1):  # an earlier unknown code goes
            if self.combo.itemData(index) is not None and self.var.code(
                    self.combo.itemData(index)) is None:
                self.combo.removeItem(index)
        index = self.combo.findData(value) if value is not None else 0
        if index < 0:  # stored code not in the list: show it, validation will name it
            unknown = QCoreApplication.translate("CatalogueForm", "{code} – (unknown code)")
            self.combo.addItem(unknown.format(code=value), value)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(index)


class YesNoField(CodeField):
    # Item data are 1/0, not bool: PySide mis-counts references to True/False held in variants.
    def _build(self) -> QComboBox:
        combo = QComboBox()
        scheme = self.var.yes_no
        yes = QCoreApplication.translate("CatalogueForm", "Yes")
        no = QCoreApplication.translate("CatalogueForm", "No")
        combo.addItem(not_filled(), None)
        combo.addItem(f"{scheme.yes} – {yes}" if scheme else yes, 1)
        combo.addItem(f"{scheme.no} – {no}" if scheme else no, 0)
        fit_popup(combo, 10)
        guard_wheel(combo)
        combo.currentIndexChanged.connect(lambda _i: self.edited.emit())
        self.combo = combo
        return combo

    def _read(self) -> object:
        data = self.combo.currentData()
        return None if data is None else data == 1

    def _show(self, value: object) -> None:
        self.combo.setCurrentIndex(1 if value is True else 2 if value is False else 0)


class NumberField(Field):
    def _build(self) -> QWidget:
        decimal = self.var.vtype is VarType.DECIMAL
        spin = OptionalDoubleSpinBox() if decimal else OptionalSpinBox()
        if isinstance(spin, OptionalDoubleSpinBox):
            spin.setDecimals(2)
        low = self.var.minimum if self.var.minimum is not None else 0
        spin.setRange(low - 1, self.var.maximum if self.var.maximum is not None else 10**9)
        spin.setSpecialValueText(QCoreApplication.translate("CatalogueForm", "empty"))
        spin.setLocale(ui_locale(self.lang))
        spin.setMaximumWidth(NUMBER_WIDTH)
        spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        guard_wheel(spin)
        spin.valueChanged.connect(lambda _v: self.edited.emit())
        self.spin = spin
        return spin

    def _state(self) -> object:
        return self.spin.value()

    def _read(self) -> object:
        if self.spin.is_empty():
            return None
        value = self.spin.value()
        return float(value) if self.var.vtype is VarType.DECIMAL else int(value)

    def _show(self, value: object) -> None:
        if isinstance(value, int | float) and not isinstance(value, bool):
            # widen the range so an out-of-range stored value is shown, not clamped
            self.spin.setRange(min(self.spin.minimum(), value), max(self.spin.maximum(), value))
            self.spin.setValue(value)
        else:
            self.spin.set_empty()


class TextField(Field):
    def _build(self) -> QLineEdit:
        edit = QLineEdit()
        edit.setMaxLength(self.var.max_length)
        edit.textEdited.connect(lambda _t: self.edited.emit())
        self.edit = edit
        return edit

    def _state(self) -> object:
        return self.edit.text()

    def _read(self) -> object:
        return self.edit.text().strip() or None

    def _show(self, value: object) -> None:
        text = value if isinstance(value, str) else ""
        self.edit.setMaxLength(max(self.var.max_length, len(text)))
        self.edit.setText(text)


class DateField(Field):
    def _build(self) -> OptionalDateEdit:
        edit = OptionalDateEdit(QCoreApplication.translate("CatalogueForm", "empty"))
        edit.setLocale(ui_locale(self.lang))
        edit.setMaximumWidth(NUMBER_WIDTH + 10)
        guard_wheel(edit)
        edit.dateChanged.connect(lambda _d: self.edited.emit())
        self.edit = edit
        return edit

    def _state(self) -> object:
        return self.edit.value()

    def _read(self) -> object:
        return self.edit.value()

    def _show(self, value: object) -> None:
        self.edit.set_value(value if hasattr(value, "year") else None)  # type: ignore[arg-type]


class FlagsField(Field):
    def _build(self) -> QWidget:
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        self.boxes: list[tuple[int, QCheckBox]] = []
        for index, code in enumerate(self.var.codes):
            check = QCheckBox(code.label(self.lang), box)
            mark_data_text(check)
            check.toggled.connect(lambda _c: self.edited.emit())
            grid.addWidget(check, index // 2, index % 2)
            self.boxes.append((code.value, check))
        grid.setColumnStretch(2, 1)
        return box

    def set_value(self, value: object) -> None:
        for _bit, check in self.boxes:
            check.blockSignals(True)
        try:
            super().set_value(value)
        finally:
            for _bit, check in self.boxes:
                check.blockSignals(False)

    def _state(self) -> object:
        return sum(bit for bit, check in self.boxes if check.isChecked())

    def _read(self) -> object:
        return self._state() or None

    def _show(self, value: object) -> None:
        bits = value if isinstance(value, int) else 0
        for bit, check in self.boxes:
            check.setChecked(bool(bits & bit))


_FIELD_TYPES: dict[VarType, type[Field]] = {
    VarType.CODE: CodeField, VarType.YESNO: YesNoField, VarType.INT: NumberField,
    VarType.DECIMAL: NumberField, VarType.TEXT: TextField, VarType.DATE: DateField,
    VarType.FLAGS: FlagsField,
}


def make_field(var: Variable, lang: str, parent: QObject | None = None) -> Field:
    field = _FIELD_TYPES[var.vtype](var, lang, parent)
    if isinstance(field, FlagsField):
        field.focus_widget = field.boxes[0][1]
    return field


def tooltip(var: Variable, lang: str) -> str:
    return variable_tooltip(var, lang)


def label_text(var: Variable, lang: str) -> str:
    return f"{var.label(lang)}\u00a0*" if var.required else var.label(lang)


class CatalogueForm(QWidget):
    """The variables of some sections, one group box per section (or untitled), laid out in
    ``columns`` label/field columns filled top to bottom, so Tab follows the catalogue order."""

    edited = Signal()

    def __init__(self, entity: Entity, section_keys: Sequence[str], *, lang: str,
                 columns: int = 2, titled: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.fields: dict[str, Field] = {}
        self.labels: dict[str, QLabel] = {}
        self.section_of: dict[str, str] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for key in section_keys:
            section = next(s for s in SECTIONS if s.key == key and s.entity is entity)
            group_vars = [v for v in variables(entity) if v.section == key]
            container: QWidget = QGroupBox(section.label_en if lang == "en" else section.label_id)
            if not titled:
                container = QWidget()
            container.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
            mark_data_text(container)
            grid = QGridLayout(container)
            grid.setHorizontalSpacing(10)
            grid.setVerticalSpacing(6)
            if not titled:
                grid.setContentsMargins(8, 8, 8, 8)
            self._fill(grid, group_vars, columns)
            layout.addWidget(container)
            for var in group_vars:
                self.section_of[var.key] = key
        layout.addStretch(1)

    def _fill(self, grid: QGridLayout, group: list[Variable], columns: int) -> None:
        """Columns: label, field, gap, label, field, gap, … Number and date boxes keep their
        width (left-aligned); combo boxes and texts share the rest up to FIELD_MAX_WIDTH."""
        per_column = -(-len(group) // columns)
        for index, var in enumerate(group):
            column, row = divmod(index, per_column)
            field = make_field(var, self.lang, self)
            label = QLabel(label_text(var, self.lang))
            label.setWordWrap(True)
            label.setMaximumWidth(LABEL_MAX_WIDTH)
            label.setBuddy(field.focus_widget)
            label.setToolTip(field.widget.toolTip())
            mark_data_text(label)
            grid.addWidget(label, row, column * 3)
            if isinstance(field, NumberField | DateField):
                grid.addWidget(field.widget, row, column * 3 + 1, Qt.AlignmentFlag.AlignLeft)
            else:
                field.widget.setMaximumWidth(FIELD_MAX_WIDTH)
                grid.addWidget(field.widget, row, column * 3 + 1)
            field.edited.connect(self._on_edited)
            self.fields[var.key] = field
            self.labels[var.key] = label
        for column in range(columns):
            grid.setColumnMinimumWidth(column * 3, LABEL_MIN_WIDTH)
            grid.setColumnStretch(column * 3 + 1, 1)
            if column < columns - 1:
                grid.setColumnMinimumWidth(column * 3 + 2, 12)

    def _on_edited(self) -> None:
        self.update_marks()
        self.edited.emit()

    def values(self) -> dict[str, object]:
        return {key: field.value() for key, field in self.fields.items()}

    def set_values(self, values: Mapping[str, Any]) -> None:
        for key, field in self.fields.items():
            field.set_value(values.get(key))
        self.update_marks()

    def update_marks(self) -> None:
        """Required fields still empty get amber labels (the rules report them as problems)."""
        for key, field in self.fields.items():
            if field.var.required:
                self.labels[key].setStyleSheet(MISSING_STYLE if field.is_empty() else "")

    def field(self, key: str) -> Field | None:
        return self.fields.get(key)

    def focus_widgets(self) -> Iterable[QWidget]:
        for field in self.fields.values():
            if isinstance(field, FlagsField):
                yield from (check for _bit, check in field.boxes)
            else:
                yield field.focus_widget
