"""Input widgets that can be empty ("kosong"), and a guard against changing values by scrolling.

Qt's spin boxes and date edits always hold a value. Here the minimum is a sentinel shown as the
special value text: focusing an empty field clears the text so that typing starts afresh, and
leaving it empty shows the sentinel again. A date field shows today's date while it is being
typed into; if the operator leaves without typing, it stays empty. Del empties a date.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent, QValidator
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QSpinBox,
    QWidget,
)

EMPTY_DATE = QDate(1800, 1, 1)
DATE_FORMAT = "dd-MM-yyyy"  # as the NIK messages write dates (17-08-1980)


class _WheelGuard(QObject):
    """Ignore the mouse wheel over a field that has no keyboard focus: scrolling the form must
    never change a value by accident."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Wheel and isinstance(watched, QWidget) \
                and not watched.hasFocus():
            event.ignore()
            return True
        return False


_GUARD: _WheelGuard | None = None


def guard_wheel(widget: QWidget) -> None:
    global _GUARD  # one stateless filter object shared by all fields (created lazily: needs Qt)
    if _GUARD is None:
        _GUARD = _WheelGuard()
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    widget.installEventFilter(_GUARD)


class _EmptyableSpin:
    """Mixin for QSpinBox/QDoubleSpinBox: the minimum means empty."""

    def validate(self, text: str, pos: int) -> Any:
        if not text.strip() or text == self.specialValueText():  # type: ignore[attr-defined]
            return (QValidator.State.Acceptable, text, pos)
        return super().validate(text, pos)  # type: ignore[misc]

    def valueFromText(self, text: str) -> Any:
        if not text.strip() or text == self.specialValueText():  # type: ignore[attr-defined]
            return self.minimum()  # type: ignore[attr-defined]
        return super().valueFromText(text)  # type: ignore[misc]

    def is_empty(self) -> bool:
        return bool(self.value() == self.minimum())  # type: ignore[attr-defined]

    def set_empty(self) -> None:
        self.setValue(self.minimum())  # type: ignore[attr-defined]

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)  # type: ignore[misc]
        if self.is_empty():
            self.lineEdit().clear()  # type: ignore[attr-defined]

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)  # type: ignore[misc]
        if self.is_empty():
            self.lineEdit().setText(self.specialValueText())  # type: ignore[attr-defined]


class OptionalSpinBox(_EmptyableSpin, QSpinBox):
    pass


class OptionalDoubleSpinBox(_EmptyableSpin, QDoubleSpinBox):
    pass


class OptionalDateEdit(QDateEdit):
    """A date or nothing; typed as dd-MM-yyyy."""

    def __init__(self, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat(DATE_FORMAT)
        self.setMinimumDate(EMPTY_DATE)
        self.setMaximumDate(QDate(2100, 12, 31))
        self.setSpecialValueText(empty_text)
        self.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToPreviousValue)
        self.setDate(EMPTY_DATE)
        self._pristine = False  # showing today's date as a typing aid, nothing typed yet
        self.dateChanged.connect(self._touched)

    def value(self) -> date | None:
        if self._pristine or self.date() == EMPTY_DATE:
            return None
        return date(self.date().year(), self.date().month(), self.date().day())

    def set_value(self, value: date | None) -> None:
        self._pristine = False
        self.setDate(EMPTY_DATE if value is None else QDate(value.year, value.month, value.day))

    def _touched(self) -> None:
        self._pristine = False

    def focusInEvent(self, event: QFocusEvent) -> None:
        if self.date() == EMPTY_DATE:
            self.setDate(QDate.currentDate())
            self._pristine = True
        super().focusInEvent(event)
        self.setSelectedSection(QDateEdit.Section.DaySection)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self._pristine:
            self.blockSignals(True)
            self.setDate(EMPTY_DATE)
            self.blockSignals(False)
            self._pristine = False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete and not event.modifiers():
            self._pristine = False
            self.setDate(EMPTY_DATE)
            return
        if event.text().isdigit():
            self._pristine = False
        super().keyPressEvent(event)


def fit_popup(combo: QComboBox, min_chars: int = 12) -> None:
    """Keep the combo narrow in the form but show whole labels in its popup."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(min_chars)
    view = combo.view()
    view.setMinimumWidth(view.sizeHintForColumn(0) + 24)
