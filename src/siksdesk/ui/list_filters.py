"""The bar above the household list: one search box (filters as you type, debounced) and the
filters dusun, RT, verivali result, "data problems only" and "open usulan only".

The bar knows nothing about the database: it turns its widgets into the filter part of a
``HouseholdQuery`` and says ``changed`` when that may have changed; the owner re-queries.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from siksdesk.services.household_list import NOT_VERIFIED, FilterOptions, HouseholdQuery

SEARCH_DEBOUNCE_MS = 200
SEARCH_MIN_CHARS = 28  # the search box shows at least this many average characters


class SearchBox(QLineEdit):
    """Esc clears the text (and, when already empty, says ``escaped``); Down says ``leave``:
    the owner moves the focus into the list."""

    escaped = Signal()
    leave = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            if self.text():
                self.clear()
            else:
                self.escaped.emit()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Down:
            self.leave.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class ListFilterBar(QWidget):
    changed = Signal()  # the filters may differ from the last ``query()``
    submitted = Signal()  # Enter in the search box: filters applied, go to the list

    def __init__(self, verivali_codes: tuple[tuple[int, str], ...],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = SearchBox()
        self.search.setPlaceholderText(QCoreApplication.translate(
            "ListFilterBar", "Search name, NIK, family card no., address…"))
        self.search.setToolTip(QCoreApplication.translate(
            "ListFilterBar", "Search by name, NIK, family card number or address (Ctrl+F). "
            "Esc clears the search."))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(SEARCH_MIN_CHARS * self.fontMetrics().averageCharWidth())
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self.debounce.timeout.connect(self.changed)
        self.search.textChanged.connect(self._text_changed)
        self.search.returnPressed.connect(self._submit)

        self.dusun = _combo()
        self.rt = _combo()
        self.verivali = _combo()
        self.problems = QCheckBox(QCoreApplication.translate("ListFilterBar",
                                                             "Data problems only"))
        self.problems.setToolTip(QCoreApplication.translate(
            "ListFilterBar", "Show only households with a data error or warning."))
        self.pending = QCheckBox(QCoreApplication.translate("ListFilterBar",
                                                            "Open proposals only"))
        self.pending.setToolTip(QCoreApplication.translate(
            "ListFilterBar", "Show only households with a proposal (usulan) that is a draft "
            "or ready for the MusDes."))
        for combo in (self.dusun, self.rt, self.verivali):
            combo.currentIndexChanged.connect(self.changed)
        self.problems.toggled.connect(self.changed)
        self.pending.toggled.connect(self.changed)
        self._fill(self.dusun, ())
        self._fill(self.rt, ())
        self._fill(self.verivali, ((NOT_VERIFIED, QCoreApplication.translate(
            "ListFilterBar", "Not yet verified")), *verivali_codes))

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 1)  # the search box takes the room; the filters their
        # natural width
        for title, combo in (
            (QCoreApplication.translate("ListFilterBar", "Dusun:"), self.dusun),
            (QCoreApplication.translate("ListFilterBar", "RT:"), self.rt),
            (QCoreApplication.translate("ListFilterBar", "Verification:"), self.verivali),
        ):
            label = QLabel(title)
            label.setBuddy(combo)
            layout.addSpacing(8)
            layout.addWidget(label)
            layout.addWidget(combo)
        layout.addSpacing(8)
        layout.addWidget(self.problems)
        layout.addWidget(self.pending)

    def focus_order(self) -> list[QWidget]:
        """The bar's widgets in Tab order."""
        return [self.search, self.dusun, self.rt, self.verivali, self.problems, self.pending]

    # -- the filters ---------------------------------------------------------------------------
    def query(self, base: HouseholdQuery) -> HouseholdQuery:
        """``base`` (its sort order) with this bar's filters."""
        verivali = self.verivali.currentData()
        return replace(base, text=" ".join(self.search.text().split()),
                       dusun=self.dusun.currentData(), rt=self.rt.currentData(),
                       hasil_verivali=None if verivali is None else int(verivali),
                       only_problems=self.problems.isChecked(),
                       only_pending_usulan=self.pending.isChecked())

    def set_options(self, options: FilterOptions) -> None:
        """Fill dusun and RT with the village's values, keeping the current choice if it is
        still there (silently: the query only changes when a choice disappears)."""
        before = (self.dusun.currentData(), self.rt.currentData())
        for combo, values in ((self.dusun, options.dusun), (self.rt, options.rt)):
            self._fill(combo, tuple((value, value) for value in values))
        if (self.dusun.currentData(), self.rt.currentData()) != before:
            self.changed.emit()

    def reset(self) -> None:
        """Back to "everything" without emitting ``changed`` (a new village)."""
        self.debounce.stop()
        widgets = (self.search, self.dusun, self.rt, self.verivali, self.problems, self.pending)
        blocked = [widget.blockSignals(True) for widget in widgets]
        try:
            self.search.clear()
            for combo in (self.dusun, self.rt, self.verivali):
                combo.setCurrentIndex(0)
            self.problems.setChecked(False)
            self.pending.setChecked(False)
        finally:
            for widget, was_blocked in zip(widgets, blocked, strict=True):
                widget.blockSignals(was_blocked)

    def flush(self) -> None:
        """Apply a search that is still waiting for its debounce now."""
        if self.debounce.isActive():
            self.debounce.stop()
            self.changed.emit()

    def _text_changed(self, text: str) -> None:
        if text:
            self.debounce.start()  # restarts: the query runs 200 ms after the last keystroke
        else:
            self.debounce.stop()  # cleared (Esc, clear button): show everything at once
            self.changed.emit()

    def _submit(self) -> None:
        self.flush()
        self.submitted.emit()

    @staticmethod
    def _fill(combo: QComboBox, items: tuple[tuple[Any, str], ...]) -> None:
        current = combo.currentData()
        blocked = combo.blockSignals(True)
        try:
            combo.clear()
            combo.addItem(QCoreApplication.translate("ListFilterBar", "All"), None)
            for value, text in items:
                combo.addItem(text, value)
            found = combo.findData(current) if current is not None else -1
            combo.setCurrentIndex(max(found, 0))
        finally:
            combo.blockSignals(blocked)


def _combo() -> QComboBox:
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    combo.setMaxVisibleItems(20)
    return combo
