"""The Rekap dashboard: its figures, and every tile and bar opening the household list with the
filter that lists exactly the households it counts (mouse and keyboard)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from rekap_village import add_rekap_data
from siksdesk.app import AppContext
from siksdesk.services.household_list import HouseholdQuery
from siksdesk.services.rekap import Rekap
from siksdesk.ui import launch
from siksdesk.ui.bar_chart import BarChart
from siksdesk.ui.dashboard import DashboardView
from siksdesk.ui.i18n import ui_locale
from siksdesk.ui.list_filters import ListFilter
from siksdesk.ui.main_window import MainWindow
from siksdesk.ui.tasks import SyncTaskRunner

number = ui_locale("en").toString


@pytest.fixture
def ctx(village_ctx: AppContext) -> AppContext:
    add_rekap_data(village_ctx.sessions)
    return village_ctx


@pytest.fixture
def view(qtbot: QtBot, ctx: AppContext, tmp_path: Path) -> DashboardView:
    view = DashboardView(ctx.reader, SyncTaskRunner(), "en",
                         baseline_file=tmp_path / "rekap-baseline.json")
    qtbot.addWidget(view)
    view.resize(1366, 900)
    view.show()
    qtbot.waitExposed(view)
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.refresh()
    return view


@pytest.fixture
def window(qtbot: QtBot, ctx: AppContext, view: DashboardView) -> Iterator[MainWindow]:
    """The main window, opened by the dashboard as the desk will wire it."""
    window = launch.open_main_window(ctx, SyncTaskRunner(), lang="en", log_path=None)
    qtbot.addWidget(window)
    view.open_list.connect(window.show_list)  # as the window's own Rekap tab is wired
    yield window


def _rekap(view: DashboardView) -> Rekap:
    assert view.rekap is not None
    return view.rekap


def _click(qtbot: QtBot, chart: BarChart, index: int) -> ListFilter:
    with qtbot.waitSignal(chart.bar_activated, timeout=1000) as signal:
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton,
                         pos=chart.row_rect(index).center())
    wanted = signal.args[0]
    assert isinstance(wanted, ListFilter)
    return wanted


def _filter_fields(query: HouseholdQuery) -> tuple[object, ...]:
    return (query.dusun, query.rt, query.hasil_verivali, query.only_problems,
            query.only_pending_usulan, query.problem, query.programme, query.usulan_status)


def test_tiles_show_the_village(view: DashboardView) -> None:
    rekap = _rekap(view)
    assert view.tiles["households"].value.text() == number(rekap.households)
    assert view.tiles["people"].value.text() == number(rekap.people)
    assert view.tiles["problems"].value.text() == number(rekap.problem_households)
    assert view.tiles["pending"].value.text() == number(rekap.pending_households) == "4"
    assert rekap.households > 250 and rekap.people >= 1_100
    assert [bar.label for bar in view.programme_chart.bars] == ["BLT-DD", "KKS", "PKH"]
    assert view.programme_chart.bars[2].target == 40
    assert view.programme_chart.bars[2].value_text == "30 of 40"
    assert "Last bundle sent: never" in view.exchange.text()
    assert "Last receipt: never" in view.exchange.text()
    assert "households edited since: 1" in view.exchange.text()
    assert all(bar.value_text.endswith("(±0)") for bar in view.quality_chart.bars)


@pytest.mark.parametrize("chart_name", ["dusun_chart", "rt_chart", "verivali_chart",
                                        "quality_chart", "programme_chart", "usulan_chart"])
def test_each_bar_click_opens_the_list_with_its_households(
        qtbot: QtBot, view: DashboardView, window: MainWindow, chart_name: str) -> None:
    chart: BarChart = getattr(view, chart_name)
    rekap = _rekap(view)
    expected_households = {
        "dusun_chart": [a.households for a in rekap.dusun],
        "rt_chart": [a.households for a in rekap.rt if a.dusun == rekap.dusun[0].dusun],
        "verivali_chart": [v.households for v in rekap.verivali],
        "quality_chart": [q.households for q in rekap.quality],
        "programme_chart": [p.beneficiaries for p in rekap.programmes],
        "usulan_chart": [u.households for u in rekap.usulan],
    }[chart_name]
    assert len(chart.bars) == len(expected_households) > 0
    for index, households in enumerate(expected_households):
        wanted = _click(qtbot, chart, index)
        assert _filter_fields(window.model.query) == _filter_fields(wanted.query)
        assert window.model.total == households, (chart_name, index)
        extra = wanted.query.problem or wanted.query.programme or wanted.query.usulan_status
        assert window.filters.chip.isVisibleTo(window) == bool(extra)
        if extra:
            assert window.filters.chip.text() == wanted.title


def test_the_rt_chart_follows_the_chosen_dusun(qtbot: QtBot, view: DashboardView,
                                               window: MainWindow) -> None:
    rekap = _rekap(view)
    last = rekap.dusun[-1].dusun
    view.rt_dusun.setCurrentIndex(view.rt_dusun.findData(last))
    rts = [a for a in rekap.rt if a.dusun == last]
    assert [bar.value for bar in view.rt_chart.bars] == [a.households for a in rts]
    wanted = _click(qtbot, view.rt_chart, len(rts) - 1)
    assert (wanted.query.dusun, wanted.query.rt) == (last, rts[-1].rt)
    assert window.filters.dusun.currentData() == last
    assert window.filters.rt.currentData() == rts[-1].rt
    assert window.model.total == rts[-1].households


def test_tiles_open_the_list(qtbot: QtBot, view: DashboardView, window: MainWindow) -> None:
    rekap = _rekap(view)
    qtbot.mouseClick(view.tiles["pending"], Qt.MouseButton.LeftButton)
    assert window.filters.pending.isChecked()
    assert window.model.total == rekap.pending_households
    view.tiles["problems"].setFocus()
    qtbot.keyClick(view.tiles["problems"], Qt.Key.Key_Return)
    assert window.filters.problems.isChecked() and not window.filters.pending.isChecked()
    assert window.model.total == rekap.problem_households
    qtbot.keyClick(view.tiles["households"], Qt.Key.Key_Space)
    assert window.model.total == rekap.households


def test_charts_work_from_the_keyboard(qtbot: QtBot, view: DashboardView,
                                       window: MainWindow) -> None:
    chart = view.quality_chart
    chart.setFocus()
    qtbot.keyClick(chart, Qt.Key.Key_End)
    qtbot.keyClick(chart, Qt.Key.Key_Up)
    assert chart.accessibleDescription().startswith(chart.bars[-2].label)
    with qtbot.waitSignal(chart.bar_activated, timeout=1000) as signal:
        qtbot.keyClick(chart, Qt.Key.Key_Return)
    assert signal.args[0] == chart.bars[-2].payload
    assert window.model.total == _rekap(view).quality[-2].households
    assert chart.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert chart.accessibleName() == "Data quality"
    # removing the chip goes back to the whole list
    qtbot.mouseClick(window.filters.chip_clear, Qt.MouseButton.LeftButton)
    assert window.model.query.problem is None
    assert window.model.total == _rekap(view).households


def test_an_empty_database(qtbot: QtBot, empty_ctx: AppContext) -> None:
    view = DashboardView(empty_ctx.reader, SyncTaskRunner(), "en")
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.refresh()
    assert view.tiles["households"].value.text() == "0"
    assert view.dusun_chart.bars == () and view.programme_chart.bars == ()
    assert "Last import: never" in view.exchange.text()
