"""The Rekap dashboard: the village at a glance — households and people by dusun/RT, verivali
progress, data quality with its change since the last import, programme coverage against quota,
proposals by status, the last import, bundle and receipt.

Every figure is read on a worker thread (``services.rekap`` through the stdlib reader) and the
widgets only show the result. A click (or Enter) on a tile or a bar says ``open_list`` with the
``ListFilter`` that lists exactly the households counted there.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from siksdesk.db.reader import Reader
from siksdesk.services.household_list import NOT_VERIFIED, HouseholdQuery
from siksdesk.services.rekap import Rekap, read_rekap, with_baseline
from siksdesk.ui.bar_chart import BarChart
from siksdesk.ui.dashboard_bars import (
    dusun_bars,
    no_dusun,
    programme_bars,
    quality_bars,
    rt_bars,
    usulan_bars,
    verivali_bars,
)
from siksdesk.ui.dashboard_parts import (
    TILE_STYLE,
    Labels,
    Tile,
    exchange_lines,
    local_time,
    note_label,
    read_labels,
    section,
)
from siksdesk.ui.i18n import normalise_lang, ui_locale
from siksdesk.ui.list_filters import ListFilter
from siksdesk.ui.tasks import Cancelled, Progress, Runner

log = logging.getLogger(__name__)

QUALITY_COLOR = QColor("#c77c02")
VERIVALI_COLOR = QColor("#2e8b57")
USULAN_COLOR = QColor("#7b5ea7")
RT_CHART_MAX_HEIGHT = 320  # px; the RT chart scrolls inside its section beyond this
RT_CHART_MIN_ROWS = 5


class DashboardView(QWidget):
    open_list = Signal(object)  # ListFilter: show the household list filtered like this
    loaded = Signal()  # the figures on screen are fresh

    def __init__(
        self,
        reader: Reader,
        runner: Runner,
        lang: str | None = None,
        *,
        baseline_file: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.reader, self.runner = reader, runner
        self.lang = normalise_lang(lang)
        self.number_locale = ui_locale(self.lang)
        self.baseline_file = baseline_file
        self.rekap: Rekap | None = None
        self.labels: Labels | None = None
        self._generation = 0
        self._build()

    # -- construction ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.setStyleSheet(TILE_STYLE)
        self.tiles = {
            "households": Tile(QCoreApplication.translate("Dashboard", "Households"), ListFilter()),
            "people": Tile(
                QCoreApplication.translate("Dashboard", "People (members)"), ListFilter()
            ),
            "verified": Tile(
                QCoreApplication.translate("Dashboard", "Households verified"),
                ListFilter(
                    HouseholdQuery(hasil_verivali=NOT_VERIFIED),
                    QCoreApplication.translate("Dashboard", "Not yet verified"),
                ),
            ),
            "problems": Tile(
                QCoreApplication.translate("Dashboard", "Households with data problems"),
                ListFilter(HouseholdQuery(only_problems=True)),
            ),
            "pending": Tile(
                QCoreApplication.translate("Dashboard", "Households with open proposals"),
                ListFilter(HouseholdQuery(only_pending_usulan=True)),
            ),
        }
        self.tiles["verified"].setToolTip(
            QCoreApplication.translate(
                "Dashboard", "Open the list of the households not yet verified"
            )
        )
        tiles = QHBoxLayout()
        for tile in self.tiles.values():
            tile.activated.connect(self.open_list)
            tiles.addWidget(tile, 1)

        self.dusun_chart = self._chart(
            QCoreApplication.translate("Dashboard", "Households per dusun"),
            QCoreApplication.translate("Dashboard", "No households yet"),
        )
        self.rt_dusun = QComboBox()
        self.rt_dusun.setAccessibleName(
            QCoreApplication.translate("Dashboard", "Dusun of the RT chart")
        )
        self.rt_dusun.currentIndexChanged.connect(self._show_rt)
        self.rt_chart = self._chart(
            QCoreApplication.translate("Dashboard", "Households per RT"),
            QCoreApplication.translate("Dashboard", "No households yet"),
        )
        rt_scroll = QScrollArea()
        rt_scroll.setWidget(self.rt_chart)
        rt_scroll.setWidgetResizable(True)
        rt_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        rt_scroll.setMaximumHeight(RT_CHART_MAX_HEIGHT)
        rt_scroll.setMinimumHeight(RT_CHART_MIN_ROWS * self.rt_chart.row_height() + 6)
        rt_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.rt_scroll = rt_scroll
        self.verivali_chart = self._chart(
            QCoreApplication.translate("Dashboard", "Verification progress"),
            QCoreApplication.translate("Dashboard", "No households yet"),
            VERIVALI_COLOR,
        )
        self.quality_chart = self._chart(
            QCoreApplication.translate("Dashboard", "Data quality"),
            QCoreApplication.translate("Dashboard", "No data problems found"),
            QUALITY_COLOR,
        )
        self.quality_note = note_label()
        self.programme_chart = self._chart(
            QCoreApplication.translate("Dashboard", "Programme coverage against quota"),
            QCoreApplication.translate("Dashboard", "No programme recorded yet"),
        )
        self.programme_note = note_label(
            QCoreApplication.translate(
                "Dashboard", "Bar: beneficiary households in the registry; red mark: the quota."
            )
        )
        self.usulan_chart = self._chart(
            QCoreApplication.translate("Dashboard", "Proposals (usulan) by status"),
            QCoreApplication.translate("Dashboard", "No proposals yet"),
            USULAN_COLOR,
        )
        self.exchange = note_label()
        self.exchange.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        rt_pick = QHBoxLayout()
        pick_label = QLabel(QCoreApplication.translate("Dashboard", "Dusun:"))
        pick_label.setBuddy(self.rt_dusun)
        rt_pick.addWidget(pick_label)
        rt_pick.addWidget(self.rt_dusun, 1)
        rt_head = QWidget()
        rt_head.setLayout(rt_pick)
        rt_pick.setContentsMargins(0, 0, 0, 0)

        grid = QGridLayout()
        grid.setSpacing(10)
        grid.addWidget(section(self.dusun_chart.title, self.dusun_chart), 0, 0)
        grid.addWidget(section(self.verivali_chart.title, self.verivali_chart), 0, 1)
        grid.addWidget(
            section(self.quality_chart.title, self.quality_chart, self.quality_note), 0, 2
        )
        grid.addWidget(section(self.rt_chart.title, rt_head, rt_scroll), 1, 0)
        grid.addWidget(
            section(self.programme_chart.title, self.programme_chart, self.programme_note), 1, 1
        )
        grid.addWidget(section(self.usulan_chart.title, self.usulan_chart), 1, 2)
        grid.addWidget(self._exchange_section(), 2, 0, 1, 3)
        for index in range(3):
            grid.setColumnStretch(index, 1)

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(6, 6, 6, 6)
        column.addLayout(tiles)
        column.addLayout(grid)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.scroll_area = scroll

    def _exchange_section(self) -> QWidget:
        """The last import, bundle and receipt, with the page's buttons beside them."""
        self.status = QLabel()
        self.refresh_button = QPushButton(QCoreApplication.translate("Dashboard", "&Refresh"))
        self.refresh_button.setToolTip(
            QCoreApplication.translate("Dashboard", "Count everything again (F5)")
        )
        self.refresh_button.setShortcut("F5")
        self.refresh_button.clicked.connect(self.refresh)
        self.report_button = QPushButton(QCoreApplication.translate("Dashboard", "Re&ports…"))
        self.report_button.setToolTip(
            QCoreApplication.translate(
                "Dashboard", "Rekap per dusun/RT or per programme as PDF or Excel, or print it"
            )
        )
        self.report_button.clicked.connect(self.show_reports)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.exchange, 1)
        row.addWidget(self.status, 0, Qt.AlignmentFlag.AlignBottom)
        row.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignBottom)
        row.addWidget(self.report_button, 0, Qt.AlignmentFlag.AlignBottom)
        holder = QWidget()
        holder.setLayout(row)
        return section(
            QCoreApplication.translate("Dashboard", "Exchange with the district"), holder
        )

    def _chart(self, title: str, empty: str, color: QColor | None = None) -> BarChart:
        chart = BarChart(title, empty) if color is None else BarChart(title, empty, color=color)
        chart.bar_activated.connect(self._bar_activated)
        return chart

    def _bar_activated(self, payload: object) -> None:
        if isinstance(payload, ListFilter):
            self.open_list.emit(payload)

    def focus_order(self) -> list[QWidget]:
        """Tab order: the tiles, the charts row by row, then refresh and reports."""
        return [
            *(t for t in self.tiles.values()),
            self.dusun_chart,
            self.verivali_chart,
            self.quality_chart,
            self.rt_dusun,
            self.rt_chart,
            self.programme_chart,
            self.usulan_chart,
            self.refresh_button,
            self.report_button,
        ]

    # -- reading ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Count everything again in the background; the figures change when it is done."""
        self._generation += 1
        generation, reader, lang = self._generation, self.reader, self.lang
        baseline_file = self.baseline_file
        self.status.setText(QCoreApplication.translate("Dashboard", "Counting…"))

        def work(_progress: Progress, _cancelled: Cancelled) -> tuple[Rekap, Labels]:
            with reader.snapshot() as conn:
                rekap = read_rekap(conn)
            return with_baseline(rekap, baseline_file), read_labels(lang)

        def done(result: tuple[Rekap, Labels]) -> None:
            if generation == self._generation:
                self.show_rekap(*result)

        self.runner.run(work, on_result=done, on_error=_report_bug)

    def show_rekap(self, rekap: Rekap, labels: Labels) -> None:
        self.rekap, self.labels = rekap, labels
        self._show_tiles(rekap)
        self._show_areas(rekap)
        self.verivali_chart.set_bars(verivali_bars(rekap, labels, self.number))
        self._show_quality(rekap)
        self.programme_chart.set_bars(programme_bars(rekap, self.number))
        self.usulan_chart.set_bars(usulan_bars(rekap, labels, self.number))
        self._show_exchange(rekap)
        self.status.setText("")
        self.loaded.emit()

    def number(self, value: int) -> str:
        return self.number_locale.toString(value)

    # -- the figures -----------------------------------------------------------------------------
    def _show_tiles(self, rekap: Rekap) -> None:
        self.tiles["households"].set_value(self.number(rekap.households))
        self.tiles["people"].set_value(self.number(rekap.people))
        share = 100 * rekap.verified // rekap.households if rekap.households else 0
        self.tiles["verified"].set_value(
            f"{share} %",
            QCoreApplication.translate("Dashboard", "{done} of {total}").format(
                done=self.number(rekap.verified), total=self.number(rekap.households)
            ),
        )
        self.tiles["problems"].set_value(self.number(rekap.problem_households))
        self.tiles["pending"].set_value(self.number(rekap.pending_households))

    def _show_areas(self, rekap: Rekap) -> None:
        self.dusun_chart.set_bars(dusun_bars(rekap, self.number))
        chosen = self.rt_dusun.currentData()
        blocked = self.rt_dusun.blockSignals(True)
        self.rt_dusun.clear()
        for area in rekap.dusun:
            self.rt_dusun.addItem(area.dusun or no_dusun(), area.dusun)
        self.rt_dusun.setCurrentIndex(max(self.rt_dusun.findData(chosen), 0))
        self.rt_dusun.blockSignals(blocked)
        self._show_rt()

    def _show_rt(self) -> None:
        if self.rekap is not None:
            self.rt_chart.set_bars(rt_bars(self.rekap, self.rt_dusun.currentData(), self.number))

    def _show_quality(self, rekap: Rekap) -> None:
        self.quality_chart.set_bars(quality_bars(rekap, self.number))
        if rekap.last_import is None:
            note = QCoreApplication.translate(
                "Dashboard",
                "No import yet: the change since the last import shows after the first one.",
            )
        else:
            note = QCoreApplication.translate(
                "Dashboard", "In brackets: the change since the last import ({when})."
            ).format(when=local_time(rekap.last_import.at))
        self.quality_note.setText(note)

    def _show_exchange(self, rekap: Rekap) -> None:
        self.exchange.setText("\n".join(exchange_lines(rekap, self.number)))

    # -- reports ---------------------------------------------------------------------------------
    def show_reports(self) -> None:
        from siksdesk.ui.report_dialog import run_report_dialog

        run_report_dialog(self, self.reader, self.runner, self.lang)


def _report_bug(error: BaseException) -> None:
    sys.excepthook(type(error), error, error.__traceback__)
