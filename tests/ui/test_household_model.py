"""The household table model runs a HouseholdQuery through services.search and pages it in."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from search_helpers import ManualRunner, ensure_indexed, expected_ids, household_ids
from sqlalchemy import select

from siksdesk.app import AppContext
from siksdesk.db.session import unit_of_work
from siksdesk.models import Ruta
from siksdesk.services.derived import refresh_households
from siksdesk.services.household_list import HouseholdQuery, SortKey
from siksdesk.services.households import HouseholdRow
from siksdesk.ui.household_model import (
    COL_ALAMAT,
    COL_JUMLAH_ART,
    COL_NAMA_KRT,
    COL_NO_KK,
    COL_NO_URUT,
    COL_PROBLEMS,
    COL_RT_RW,
    COL_VERIVALI,
    COLUMNS,
    ITEM_ROLE,
    RUTA_ID_ROLE,
    SORT_ROLE,
    HouseholdTableModel,
    problem_text,
)
from siksdesk.ui.tasks import SyncTaskRunner, TaskRunner


@pytest.fixture
def ctx(village_ctx: AppContext) -> AppContext:
    ensure_indexed(village_ctx)
    return village_ctx


def _model(ctx: AppContext, query: HouseholdQuery | None = None,
           page_size: int = 50) -> HouseholdTableModel:
    model = HouseholdTableModel(ctx.reader, SyncTaskRunner(), lang="id", page_size=page_size)
    model.set_query(query or HouseholdQuery())
    return model


@pytest.mark.parametrize("query", [HouseholdQuery(), HouseholdQuery(text="ra"),
                                   HouseholdQuery(only_problems=True, sort=SortKey.PROBLEMS,
                                                  descending=True)])
def test_model_passes_the_qt_model_tester(qtmodeltester: ModelTester, ctx: AppContext,
                                          query: HouseholdQuery) -> None:
    model = _model(ctx, query)
    assert model.rowCount() > 0
    qtmodeltester.check(model)


def test_model_tester_across_query_changes(qtmodeltester: ModelTester, ctx: AppContext) -> None:
    # Results arrive later, as with the thread pool. (With a synchronous runner the Python
    # tester's own fetchMore, called from its modelReset handler, would insert rows before its
    # reset bookkeeping has run and report a false error.)
    runner = ManualRunner()
    model = HouseholdTableModel(ctx.reader, runner, page_size=50, quick_read_budget_s=0)
    model.set_query(HouseholdQuery())
    runner.finish_all()
    qtmodeltester.check(model, force_py=True)  # keeps checking every signal from here on
    runner.finish_all()  # the tester's fetchMore; each insertion makes it fetch again
    assert model.rowCount() == model.total > 50
    for change in (lambda: model.set_query(HouseholdQuery(text="krajan")),
                   lambda: model.sort(COL_NAMA_KRT, Qt.SortOrder.DescendingOrder),
                   model.fetchMore,
                   lambda: model.set_query(HouseholdQuery(text="no-such-household"))):
        change()
        runner.finish_all()
    assert model.rowCount() == 0


def test_empty_model_passes_the_qt_model_tester(qtmodeltester: ModelTester,
                                                empty_ctx: AppContext) -> None:
    model = _model(empty_ctx)
    assert model.rowCount() == 0 and not model.canFetchMore()
    qtmodeltester.check(model)


def test_pages_in_every_household_of_the_query(qtbot: QtBot, ctx: AppContext) -> None:
    expected = expected_ids(ctx, HouseholdQuery())
    model = _model(ctx, page_size=100)
    assert model.total == len(expected)
    assert model.rowCount() == 100 and model.canFetchMore()  # count + first page only
    pages = 1
    while model.canFetchMore():
        with qtbot.waitSignal(model.rowsInserted, timeout=1000):
            model.fetchMore()
        pages += 1
    assert household_ids(model) == expected
    assert pages == -(-len(expected) // 100)
    assert all(model.row_of(ruta_id) == row for row, ruta_id in enumerate(expected))
    assert 0 < model.last_page_ms < 1000


def test_rows_match_the_database(ctx: AppContext) -> None:
    model = _model(ctx)
    model.fetch_all()
    with ctx.sessions() as session:
        rutas = {r.id: r for r in session.scalars(select(Ruta))}
        for row in (0, 1, model.rowCount() // 2, model.rowCount() - 1):
            item = model.index(row, 0).data(ITEM_ROLE)
            assert isinstance(item, HouseholdRow)
            assert model.index(row, COL_NAMA_KRT).data(RUTA_ID_ROLE) == item.id
            ruta = rutas[item.id]
            members = [art for keluarga in ruta.keluarga for art in keluarga.anggota]
            heads = [art.nama for art in members if art.hubungan_krt == 1]

            def shown(column: int, row: int = row) -> object:
                return model.index(row, column).data()

            assert shown(COL_NO_URUT) == str(ruta.no_urut)
            assert shown(COL_NAMA_KRT) == (heads[0] if heads else members[0].nama)
            assert shown(COL_NO_KK) == next(k.no_kk for k in ruta.keluarga if k.no_kk)
            assert shown(COL_RT_RW) == f"{ruta.rt}/{ruta.rw}"
            assert shown(COL_JUMLAH_ART) == str(len(members))
            assert model.index(row, COL_JUMLAH_ART).data(SORT_ROLE) == len(members)


def test_problems_column_shows_counts_marks_and_a_tooltip(ctx: AppContext) -> None:
    model = _model(ctx, HouseholdQuery(only_problems=True))
    assert model.rowCount() > 0
    for row in range(model.rowCount()):
        item = model.list_row_at(row)
        assert item.errors + item.warnings > 0
        index = model.index(row, COL_PROBLEMS)
        assert index.data() == problem_text(item.errors, item.warnings)
        assert index.data(SORT_ROLE) == item.errors * 1_000_000 + item.warnings
        assert f"{item.warnings}" in index.data(Qt.ItemDataRole.ToolTipRole)
        assert index.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert problem_text(2, 1) == "2 ✖ 1 ⚠"
    assert problem_text(0, 3) == "3 ⚠" and problem_text(0, 0) == ""
    clean = _model(ctx, HouseholdQuery())
    quiet = [r for r in range(clean.rowCount()) if not clean.index(r, COL_PROBLEMS).data()]
    assert quiet and clean.index(quiet[0], COL_PROBLEMS).data(
        Qt.ItemDataRole.ToolTipRole) is None


def test_verivali_label_comes_from_the_catalogue(ctx: AppContext) -> None:
    model = _model(ctx, HouseholdQuery(hasil_verivali=1))
    assert model.rowCount() > 0
    assert {model.index(r, COL_VERIVALI).data() for r in range(model.rowCount())} == \
        {"Selesai diverivali"}
    assert model.index(0, COL_VERIVALI).data(SORT_ROLE) == 1
    assert (1, "Selesai diverivali") in model.verivali_codes()


@pytest.mark.parametrize("column", range(len(COLUMNS)))
@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_sort_maps_the_column_to_sql_order(ctx: AppContext, column: int,
                                           order: Qt.SortOrder) -> None:
    model = _model(ctx)
    model.sort(column, order)
    descending = order == Qt.SortOrder.DescendingOrder
    assert model.query.sort is COLUMNS[column].sort_key and model.query.descending == descending
    model.fetch_all()
    values = [model.index(r, column).data(SORT_ROLE) for r in range(model.rowCount())]
    assert values == sorted(values, reverse=descending)
    assert household_ids(model) == expected_ids(ctx, model.query)


def test_sort_role_returns_native_values(ctx: AppContext) -> None:
    model = _model(ctx)
    assert isinstance(model.index(0, COL_NO_URUT).data(SORT_ROLE), int)
    assert isinstance(model.index(0, COL_NAMA_KRT).data(SORT_ROLE), str)
    assert isinstance(model.index(0, COL_PROBLEMS).data(SORT_ROLE), int)
    assert len(COLUMNS) == model.columnCount() == 9


def test_same_query_does_not_reset(qtbot: QtBot, ctx: AppContext) -> None:
    model = _model(ctx, HouseholdQuery(text="krajan"))
    with qtbot.assertNotEmitted(model.modelReset):
        assert model.set_query(HouseholdQuery(text="krajan")) is False
        model.sort(COL_NO_URUT, Qt.SortOrder.AscendingOrder)  # already sorted so
    with qtbot.waitSignals([model.modelReset, model.loaded], timeout=1000):
        assert model.set_query(HouseholdQuery(text="krajan", only_problems=True)) is True


def test_a_stale_result_is_dropped(ctx: AppContext) -> None:
    runner = ManualRunner()
    model = HouseholdTableModel(ctx.reader, runner, page_size=20, quick_read_budget_s=0)
    slow, fresh = HouseholdQuery(dusun="Krajan"), HouseholdQuery(text="ra", only_problems=True)
    model.set_query(slow)
    model.set_query(fresh)
    assert model.busy and model.rowCount() == 0
    runner.finish(1)  # the newer query answers first
    assert household_ids(model) == expected_ids(ctx, fresh)[:20]
    runner.finish(0)  # then the older one: it must not replace the list
    assert household_ids(model) == expected_ids(ctx, fresh)[:20]
    assert model.query == fresh and not model.busy


def test_a_page_of_an_older_query_is_dropped(ctx: AppContext) -> None:
    runner = ManualRunner()
    model = HouseholdTableModel(ctx.reader, runner, page_size=20, quick_read_budget_s=0)
    model.set_query(HouseholdQuery())
    runner.finish()
    model.fetchMore()
    assert not model.canFetchMore()  # one page at a time
    model.set_query(HouseholdQuery(sort=SortKey.NAMA_KRT))
    runner.finish(1)  # the new query
    runner.finish(0)  # the old query's page 2
    assert household_ids(model) == expected_ids(ctx, model.query)[:20]
    assert model.canFetchMore()


def test_cancelled_query_skips_its_page(ctx: AppContext) -> None:
    runner = ManualRunner()
    model = HouseholdTableModel(ctx.reader, runner, quick_read_budget_s=0)
    model.set_query(HouseholdQuery(text="a"))
    model.set_query(HouseholdQuery(text="ab"))
    assert runner.tasks[0].token.is_cancelled()
    assert runner.finish(0) is None  # counted, then saw the cancellation: no page read
    runner.finish()


def test_background_runner_delivers_on_the_gui_thread(qtbot: QtBot, ctx: AppContext) -> None:
    runner = TaskRunner()
    model = HouseholdTableModel(ctx.reader, runner, page_size=30)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_query(HouseholdQuery(text="ra"))
    assert household_ids(model) == expected_ids(ctx, model.query)[:30]
    with qtbot.waitSignal(model.rowsInserted, timeout=5000):
        model.fetchMore()
    assert household_ids(model) == expected_ids(ctx, model.query)[:60]
    runner.wait_for_done()


def _change_address(ctx: AppContext, ruta_id: int, alamat: str) -> None:
    with unit_of_work(ctx.sessions, "ui-tests") as session:
        ruta = session.get(Ruta, ruta_id)
        assert ruta is not None
        ruta.alamat = alamat
        session.flush()
        refresh_households(session, [ruta_id])


def test_refresh_row_updates_one_row_in_place(qtbot: QtBot, ctx: AppContext) -> None:
    model = _model(ctx)
    ruta_id = model.row_at(3).id
    _change_address(ctx, ruta_id, "Jl. Baru No. 7")
    with qtbot.assertNotEmitted(model.modelReset), \
            qtbot.waitSignal(model.dataChanged, timeout=1000) as changed:
        assert model.refresh_row(ruta_id)
    top_left, bottom_right = changed.args[:2]
    assert (top_left.row(), bottom_right.row()) == (3, 3)
    assert (top_left.column(), bottom_right.column()) == (0, len(COLUMNS) - 1)
    assert model.index(3, COL_ALAMAT).data() == "Jl. Baru No. 7"
    assert model.refresh_row(-1) is False


def test_refresh_row_of_a_household_that_moved_reads_the_query_again(
        qtbot: QtBot, ctx: AppContext) -> None:
    model = _model(ctx, HouseholdQuery(sort=SortKey.ALAMAT))
    ruta_id = model.row_at(0).id
    _change_address(ctx, ruta_id, "Zz. Paling Akhir")
    with qtbot.waitSignal(model.modelReset, timeout=1000):
        model.refresh_row(ruta_id)
    assert model.row_of(ruta_id) is None  # now sorted to the end, not yet paged in
    assert household_ids(model) == expected_ids(ctx, model.query)[:50]


def test_clear_and_reload(qtbot: QtBot, ctx: AppContext) -> None:
    model = _model(ctx)
    model.clear()
    assert model.rowCount() == 0 and not model.canFetchMore() and model.total == 0
    with qtbot.waitSignal(model.loaded, timeout=1000):
        model.reload()
    assert model.rowCount() == 50
    assert model.set_query(replace(model.query)) is False


def test_a_failed_read_is_reported_not_swallowed(qtbot: QtBot) -> None:
    class BrokenReader:
        def snapshot(self) -> None:
            raise sqlite3.OperationalError("disk I/O error")

        def snapshot_within(self, _budget_s: float) -> None:
            self.snapshot()

    model = HouseholdTableModel(BrokenReader(), SyncTaskRunner())  # type: ignore[arg-type]
    with qtbot.waitSignal(model.failed, timeout=1000) as failed:
        model.set_query(HouseholdQuery(text="x"))
    assert isinstance(failed.args[0], sqlite3.OperationalError)
    assert not model.busy and model.rowCount() == 0


def test_a_quick_query_is_answered_at_once_a_slow_one_on_the_runner(ctx: AppContext) -> None:
    runner = ManualRunner()
    model = HouseholdTableModel(ctx.reader, runner, page_size=20)
    model.set_query(HouseholdQuery(text="ra"))  # a millisecond: no trip through the runner
    assert not runner.tasks and not model.busy
    assert household_ids(model) == expected_ids(ctx, model.query)[:20]
    model.quick_read_budget_s = 1e-9  # every query now "too slow" for the GUI thread
    model.set_query(HouseholdQuery(text="ka"))
    assert model.busy and len(runner.tasks) == 1
    runner.finish(0)
    assert household_ids(model) == expected_ids(ctx, model.query)[:20] and not model.busy
