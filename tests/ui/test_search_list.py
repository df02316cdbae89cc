"""The main window's list: search as you type, filters, header sorting, counts, keyboard."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from search_helpers import ManualRunner, ensure_indexed, expected_ids, household_ids
from sqlalchemy import select

from siksdesk.app import AppContext
from siksdesk.db.session import read_session
from siksdesk.models import Art, HouseholdIndex, Keluarga, Ruta
from siksdesk.services.household_list import HouseholdQuery, SortKey
from siksdesk.services.households import village_summary
from siksdesk.ui import launch
from siksdesk.ui.household_model import (
    COL_DUSUN,
    COL_NAMA_KRT,
    COL_PROBLEMS,
    COL_VERIVALI,
    SORT_ROLE,
)
from siksdesk.ui.i18n import ui_locale
from siksdesk.ui.list_filters import SEARCH_DEBOUNCE_MS
from siksdesk.ui.main_window import TAB_LIST, MainWindow
from siksdesk.ui.tasks import SyncTaskRunner, TaskRunner

WAIT_MS = SEARCH_DEBOUNCE_MS + 2000


@pytest.fixture
def ctx(village_ctx: AppContext) -> AppContext:
    ensure_indexed(village_ctx)
    return village_ctx


@pytest.fixture
def window(qtbot: QtBot, ctx: AppContext) -> MainWindow:
    window = launch.open_main_window(ctx, SyncTaskRunner(), lang="en", log_path=None)
    qtbot.addWidget(window)
    return window


@pytest.fixture
def active(qtbot: QtBot, window: MainWindow) -> Iterator[MainWindow]:
    """The window shown and active on its household list, so that shortcuts and Tab reach
    it."""
    window.tabs.setCurrentIndex(TAB_LIST)
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    yield window


def _type(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Type into the search box like a person; returns once the debounced query has loaded."""
    with qtbot.waitSignal(window.model.loaded, timeout=WAIT_MS):
        qtbot.keyClicks(window.filters.search, text)


def _shown_ids(window: MainWindow) -> list[int]:
    window.model.fetch_all()
    return household_ids(window.model)


def _a_member(ctx: AppContext) -> tuple[int, str, str, str]:
    """(ruta id, a non-head member's name, their NIK, the family's No. KK) of a household."""
    with read_session(ctx.sessions) as session:
        row = session.execute(
            select(Keluarga.ruta_id, Art.nama, Art.nik, Keluarga.no_kk)
            .join(Keluarga, Art.keluarga_id == Keluarga.id)
            .where(Art.hubungan_krt != 1, Art.nik.is_not(None), Keluarga.no_kk.is_not(None))
            .order_by(Art.id.desc()).limit(1)).one()
    return row[0], row[1], row[2], row[3]


# -- search ----------------------------------------------------------------------------------
def test_typing_a_name_filters_the_list(qtbot: QtBot, ctx: AppContext,
                                        window: MainWindow) -> None:
    ruta_id, name, _nik, _kk = _a_member(ctx)
    fragment = max(name.split(), key=len)[:5]
    _type(qtbot, window, fragment)
    assert window.model.query.text == fragment
    assert ruta_id in _shown_ids(window)
    assert _shown_ids(window) == expected_ids(ctx, HouseholdQuery(text=fragment))
    assert window.model.total < _summary_households(ctx)


def test_typing_part_of_a_nik_finds_the_household(qtbot: QtBot, ctx: AppContext,
                                                  window: MainWindow) -> None:
    ruta_id, _name, nik, _kk = _a_member(ctx)
    _type(qtbot, window, nik[6:14])
    assert ruta_id in _shown_ids(window)
    assert _shown_ids(window) == expected_ids(ctx, HouseholdQuery(text=nik[6:14]))


def test_typing_a_family_card_number_finds_the_household(qtbot: QtBot, ctx: AppContext,
                                                         window: MainWindow) -> None:
    ruta_id, _name, _nik, kk = _a_member(ctx)
    _type(qtbot, window, kk)
    assert ruta_id in _shown_ids(window)
    assert window.model.total == len(expected_ids(ctx, HouseholdQuery(text=kk)))


def test_a_burst_of_keystrokes_runs_one_query(qtbot: QtBot, window: MainWindow) -> None:
    loads: list[str] = []
    window.model.loaded.connect(lambda: loads.append(window.model.query.text))
    qtbot.keyClicks(window.filters.search, "k")
    assert window.filters.debounce.isActive() and window.model.query.text == ""
    _type(qtbot, window, "raj")
    assert loads == ["kraj"]  # not "k", "kr", "kra" first: the debounce waited


def test_no_match_shows_an_empty_list_and_zero(qtbot: QtBot, window: MainWindow) -> None:
    _type(qtbot, window, "zzqxw")
    assert window.model.rowCount() == 0
    assert window.counts.text().startswith("0 households shown of ")


def test_escape_clears_the_search_at_once_then_goes_to_the_list(
        qtbot: QtBot, ctx: AppContext, active: MainWindow) -> None:
    window = active
    window.filters.search.setFocus()
    _type(qtbot, window, "ra")
    with qtbot.waitSignal(window.model.loaded, timeout=100):  # no debounce for clearing
        qtbot.keyClick(window.filters.search, Qt.Key.Key_Escape)
    assert window.filters.search.text() == "" and window.model.query == HouseholdQuery()
    assert window.model.total == _summary_households(ctx)
    qtbot.keyClick(window.filters.search, Qt.Key.Key_Escape)
    assert window.table.hasFocus()


def test_real_thread_pool_search(qtbot: QtBot, ctx: AppContext) -> None:
    runner = TaskRunner()
    window = launch.open_main_window(ctx, runner, lang="en", log_path=None)
    qtbot.addWidget(window)
    _ruta_id, _name, nik, _kk = _a_member(ctx)
    qtbot.keyClicks(window.filters.search, nik[:9])
    qtbot.waitUntil(lambda: window.model.query.text == nik[:9] and not window.model.busy,
                    timeout=WAIT_MS)
    assert household_ids(window.model) == expected_ids(ctx, window.model.query)[:200]
    runner.wait_for_done()


def test_a_slow_older_search_never_replaces_a_newer_one(qtbot: QtBot, ctx: AppContext) -> None:
    runner = ManualRunner()
    window = launch.open_main_window(ctx, runner, lang="en", log_path=None)
    qtbot.addWidget(window)
    runner.finish_all()  # the filter options
    window.model.quick_read_budget_s = 0  # both searches go through the (manual) runner
    window.filters.search.setText("ra")
    window.filters.flush()
    window.filters.search.setText("rah")
    window.filters.flush()
    runner.finish(1)  # "rah" answers first
    runner.finish(0)  # "ra" answers late: dropped
    assert window.model.query.text == "rah"
    assert household_ids(window.model) == expected_ids(ctx, window.model.query)[:200]
    assert window.counts.text().startswith(f"{window.model.total} households shown")


# -- filters ---------------------------------------------------------------------------------
def _choose(qtbot: QtBot, window: MainWindow, combo_name: str, position: int) -> None:
    combo = getattr(window.filters, combo_name)
    with qtbot.waitSignal(window.model.loaded, timeout=1000):
        combo.setCurrentIndex(position)


def test_dusun_filter(qtbot: QtBot, ctx: AppContext, window: MainWindow) -> None:
    combo = window.filters.dusun
    assert combo.itemText(0) == "All" and combo.count() > 2  # "All" + the village's dusun
    _choose(qtbot, window, "dusun", 2)
    dusun = combo.itemText(2)
    assert window.model.query.dusun == dusun
    assert {window.model.index(r, COL_DUSUN).data() for r in range(window.model.rowCount())} \
        == {dusun}
    assert _shown_ids(window) == expected_ids(ctx, HouseholdQuery(dusun=dusun))


def test_rt_filter(qtbot: QtBot, ctx: AppContext, window: MainWindow) -> None:
    _choose(qtbot, window, "rt", 1)
    rt = window.filters.rt.currentText()
    assert _shown_ids(window) == expected_ids(ctx, HouseholdQuery(rt=rt))
    assert all(window.model.row_at(r).rt == rt for r in range(window.model.rowCount()))


def test_verivali_filter(qtbot: QtBot, ctx: AppContext, window: MainWindow) -> None:
    combo = window.filters.verivali
    position = combo.findData(1)
    assert combo.itemText(position) == "1 · Verified"  # code and label from the catalogue
    _choose(qtbot, window, "verivali", position)
    assert {window.model.index(r, COL_VERIVALI).data()
            for r in range(window.model.rowCount())} == {"Verified"}
    assert _shown_ids(window) == expected_ids(ctx, HouseholdQuery(hasil_verivali=1))


def test_data_problems_checkbox(qtbot: QtBot, ctx: AppContext, window: MainWindow) -> None:
    with qtbot.waitSignal(window.model.loaded, timeout=1000):
        window.filters.problems.setChecked(True)
    assert window.model.rowCount() > 0
    assert all(window.model.index(r, COL_PROBLEMS).data()
               for r in range(window.model.rowCount()))
    assert _shown_ids(window) == expected_ids(ctx, HouseholdQuery(only_problems=True))


def test_filters_combine_with_search_and_sort(qtbot: QtBot, ctx: AppContext,
                                              window: MainWindow) -> None:
    _choose(qtbot, window, "dusun", 1)
    window.model.sort(COL_NAMA_KRT, Qt.SortOrder.DescendingOrder)
    _type(qtbot, window, "a")
    expected = HouseholdQuery(text="a", dusun=window.filters.dusun.currentText(),
                              sort=SortKey.NAMA_KRT, descending=True)
    assert window.model.query == expected
    assert _shown_ids(window) == expected_ids(ctx, expected)


def test_counts_in_the_status_bar(qtbot: QtBot, ctx: AppContext, window: MainWindow) -> None:
    with read_session(ctx.sessions) as session:
        summary = village_summary(session)
    assert summary is not None
    _choose(qtbot, window, "dusun", 1)
    shown = len(expected_ids(ctx, window.model.query))
    number = ui_locale("en").toString
    assert window.counts.text() == (f"{number(shown)} households shown of "
                                    f"{number(summary.households)} · "
                                    f"{number(summary.people)} members")


def test_a_new_village_resets_the_filters(qtbot: QtBot, ctx: AppContext,
                                          window: MainWindow) -> None:
    _choose(qtbot, window, "dusun", 1)
    window.set_village(window.summary)
    assert window.filters.dusun.currentIndex() == 0
    assert window.model.query == HouseholdQuery()


# -- sorting ---------------------------------------------------------------------------------
def _click_header(qtbot: QtBot, window: MainWindow, column: int) -> None:
    header = window.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    with qtbot.waitSignal(window.model.loaded, timeout=1000):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                         pos=QPoint(x, header.height() // 2))


def test_header_click_sorts_in_sql_both_ways(qtbot: QtBot, ctx: AppContext,
                                             window: MainWindow) -> None:
    qtbot.waitExposed(window)
    _click_header(qtbot, window, COL_NAMA_KRT)
    assert (window.model.query.sort, window.model.query.descending) == (SortKey.NAMA_KRT, False)
    names = [window.model.index(r, COL_NAMA_KRT).data(SORT_ROLE)
             for r in range(window.model.rowCount())]
    assert names == sorted(names)
    assert _shown_ids(window) == expected_ids(ctx, window.model.query)
    _click_header(qtbot, window, COL_NAMA_KRT)
    assert window.model.query.descending
    assert window.table.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert _shown_ids(window) == expected_ids(ctx, window.model.query)


def test_problems_header_sorts_most_problems_first(qtbot: QtBot, ctx: AppContext,
                                                   window: MainWindow) -> None:
    qtbot.waitExposed(window)
    _click_header(qtbot, window, COL_PROBLEMS)
    assert (window.model.query.sort, window.model.query.descending) == (SortKey.PROBLEMS, True)
    assert window.model.index(0, COL_PROBLEMS).data()  # the first row has problems
    assert _shown_ids(window) == expected_ids(ctx, window.model.query)


# -- keyboard --------------------------------------------------------------------------------
def test_ctrl_f_focuses_the_search_box(qtbot: QtBot, active: MainWindow) -> None:
    active.table.setFocus()
    qtbot.waitUntil(active.table.hasFocus)
    qtbot.keyClick(active.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert active.filters.search.hasFocus()


def test_tab_order_search_filters_table(qtbot: QtBot, active: MainWindow) -> None:
    window = active
    window.filters.search.setFocus()
    qtbot.waitUntil(window.filters.search.hasFocus)
    seen: list[QWidget | None] = []
    for _ in range(6):
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    f = window.filters
    assert seen == [f.dusun, f.rt, f.verivali, f.problems, f.pending, window.table]


def test_enter_in_search_goes_to_the_list_and_enter_opens_the_household(
        qtbot: QtBot, active: MainWindow) -> None:
    window = active
    window.filters.search.setFocus()
    qtbot.keyClicks(window.filters.search, "a")
    with qtbot.waitSignal(window.model.loaded, timeout=100):  # Enter: no debounce wait
        qtbot.keyClick(window.filters.search, Qt.Key.Key_Return)
    assert window.table.hasFocus() and window.table.currentIndex().row() == 0
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    with qtbot.waitSignal(window.household_activated, timeout=1000) as opened:
        qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert opened.args == [window.model.row_at(1).id]


def test_down_arrow_leaves_the_search_box(qtbot: QtBot, active: MainWindow) -> None:
    active.filters.search.setFocus()
    qtbot.keyClick(active.filters.search, Qt.Key.Key_Down)
    assert active.table.hasFocus()


def test_double_click_opens_the_household(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitExposed(window)
    rect = window.table.visualRect(window.model.index(2, COL_NAMA_KRT))
    viewport = window.table.viewport()
    with qtbot.waitSignal(window.household_activated, timeout=1000) as opened:
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())  # as a
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())  # person
    assert opened.args == [window.model.row_at(2).id]


def _summary_households(ctx: AppContext) -> int:
    with read_session(ctx.sessions) as session:
        return len(list(session.scalars(select(HouseholdIndex.ruta_id).join(
            Ruta, Ruta.id == HouseholdIndex.ruta_id))))


def test_a_failed_search_reaches_the_crash_hook(qtbot: QtBot, window: MainWindow,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[BaseException] = []
    monkeypatch.setattr("sys.excepthook", lambda _t, exc, _tb: seen.append(exc))

    def broken(*_args: object) -> None:
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr("siksdesk.ui.household_model.read_first_page", broken)
    monkeypatch.setattr("siksdesk.ui.household_model.read_first_page_quickly", broken)
    window.filters.search.setText("ra")
    window.filters.flush()
    assert [type(error) for error in seen] == [sqlite3.DatabaseError]
    assert not window.model.busy
