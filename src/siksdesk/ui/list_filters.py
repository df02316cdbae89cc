"""The bar above the household list: one search box (filters as you type, debounced) and the
filters dusun, RT, verivali result, "data problems only" and "open usulan only".

The bar knows nothing about the database: it turns its widgets into the filter part of a
``HouseholdQuery`` and says ``changed`` when that may have changed; the owner re-queries.
Other screens (the Rekap dashboard) open the list with a ``ListFilter``: ``show_filter`` sets the
widgets, and a filter the bar has no widget for (a kind of problem, a programme, a proposal
status) shows as a removable label ("chip") beside them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from siksdesk.services.household_list import NOT_VERIFIED, FilterOptions, HouseholdQuery

CHIP_STYLE = ("QLabel { background: #dfe8f6; color: #1a1a1a; border: 1px solid #9fb6d9; "
              "border-radius: 3px; padding: 1px 6px; }")


@dataclass(frozen=True, slots=True)
class ListFilter:
    """A request to show the household list filtered: ``query``'s filter fields (its sort is
    ignored) and, for the fields the bar has no widget for, ``title`` in words."""

    query: HouseholdQuery = field(default_factory=HouseholdQuery)
    title: str = ""


def _extra_part(query: HouseholdQuery) -> HouseholdQuery:
    """Only the filters without a widget in the bar."""
    return HouseholdQuery(problem_code=query.problem_code, problem=query.problem,
                          programme=query.programme, usulan_status=query.usulan_status)

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
        self._extra = HouseholdQuery()
        self.chip = QLabel()
        self.chip.setStyleSheet(CHIP_STYLE)
        self.chip.setTextFormat(Qt.TextFormat.PlainText)
        self.chip_clear = QToolButton()
        self.chip_clear.setText("✕")
        self.chip_clear.setAutoRaise(True)
        self.chip_clear.setToolTip(QCoreApplication.translate("ListFilterBar",
                                                              "Remove this filter"))
        self.chip_clear.setAccessibleName(self.chip_clear.toolTip())
        self.chip_clear.clicked.connect(self.clear_extra)
        self.chip.hide()
        self.chip_clear.hide()
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
        layout.addWidget(self.chip)
        layout.addWidget(self.chip_clear)

    def focus_order(self) -> list[QWidget]:
        """The bar's widgets in Tab order."""
        return [self.search, self.dusun, self.rt, self.verivali, self.problems, self.pending,
                self.chip_clear]

    # -- the filters ---------------------------------------------------------------------------
    def query(self, base: HouseholdQuery) -> HouseholdQuery:
        """``base`` (its sort order) with this bar's filters."""
        verivali = self.verivali.currentData()
        extra = self._extra
        return replace(base, text=" ".join(self.search.text().split()),
                       dusun=self.dusun.currentData(), rt=self.rt.currentData(),
                       hasil_verivali=None if verivali is None else int(verivali),
                       only_problems=self.problems.isChecked(),
                       only_pending_usulan=self.pending.isChecked(),
                       problem_code=extra.problem_code, problem=extra.problem,
                       programme=extra.programme, usulan_status=extra.usulan_status)

    def show_filter(self, wanted: ListFilter) -> None:
        """Set every filter to ``wanted`` (the others back to "All") and say ``changed`` once."""
        self.reset()
        query = wanted.query
        widgets = self._widgets()
        blocked = [widget.blockSignals(True) for widget in widgets]
        try:
            self.search.setText(query.text)
            for combo, value in ((self.dusun, query.dusun), (self.rt, query.rt),
                                 (self.verivali, query.hasil_verivali)):
                _select(combo, value)
            self.problems.setChecked(query.only_problems)
            self.pending.setChecked(query.only_pending_usulan)
        finally:
            for widget, was_blocked in zip(widgets, blocked, strict=True):
                widget.blockSignals(was_blocked)
        self._set_extra(_extra_part(query), wanted.title)
        self.changed.emit()

    def clear_extra(self) -> None:
        """Remove the filter shown as a chip (the widgets' filters stay)."""
        if self._extra != HouseholdQuery():
            self._set_extra(HouseholdQuery(), "")
            self.changed.emit()

    def _set_extra(self, extra: HouseholdQuery, title: str) -> None:
        self._extra = extra
        shown = extra != HouseholdQuery()
        self.chip.setText(title or QCoreApplication.translate("ListFilterBar", "Filtered"))
        self.chip.setToolTip(self.chip.text())
        self.chip.setVisible(shown)
        self.chip_clear.setVisible(shown)

    def _widgets(self) -> tuple[QWidget, ...]:
        return (self.search, self.dusun, self.rt, self.verivali, self.problems, self.pending)

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
        self._set_extra(HouseholdQuery(), "")
        widgets = self._widgets()
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


def _select(combo: QComboBox, value: object) -> None:
    """Choose ``value`` in ``combo`` (None: "All"); a value the combo does not list yet (its
    options are still loading) is added."""
    if value is None:
        combo.setCurrentIndex(0)
        return
    found = combo.findData(value)
    if found < 0:
        combo.addItem(str(value), value)
        found = combo.count() - 1
    combo.setCurrentIndex(found)


def _combo() -> QComboBox:
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    combo.setMaxVisibleItems(20)
    return combo
