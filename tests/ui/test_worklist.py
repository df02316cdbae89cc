"""The "Masalah data" worklist view: kinds with counts, paged problems, opening a record."""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from siksdesk.app import AppContext
from siksdesk.db.session import read_session, unit_of_work
from siksdesk.domain.problems import Severity
from siksdesk.models import Art, Keluarga
from siksdesk.services.derived import refresh_households
from siksdesk.services.worklist import (
    KindCount,
    WorkItem,
    kind_title,
    problem_counts,
    worklist_page,
)
from siksdesk.ui import worklist, worklist_model
from siksdesk.ui.tasks import CancelToken, ErrorFn, ProgressFn, ResultFn, TaskFn, TaskRunner
from siksdesk.ui.worklist import (
    COL_FIELD,
    COL_MESSAGE,
    COL_NO,
    ITEM_ROLE,
    KIND_ROLE,
    SORT_ROLE,
    WorklistModel,
    WorklistView,
)
from siksdesk.ui.worklist_model import PAGE_SIZE

pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture
def view(qtbot: QtBot, village_ctx: AppContext) -> WorklistView:
    widget = WorklistView(village_ctx.sessions, lang="id")
    qtbot.addWidget(widget)
    widget.resize(1100, 640)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _kind_rows(view: WorklistView) -> dict[str, str]:
    """code → the count shown next to it."""
    rows = {}
    for item in view._kind_items():
        rows[item.data(0, KIND_ROLE)] = item.text(1)
    return rows


def _a_code(view: WorklistView,
            predicate: Callable[[KindCount], bool] = lambda _kind: True) -> str:
    kinds = [k for k in view.counts if predicate(k)]
    if not kinds:
        pytest.skip("the village has no such problem")
    return kinds[0].code


def test_kind_list_shows_every_kind_with_its_count(view: WorklistView,
                                                   village_ctx: AppContext) -> None:
    with read_session(village_ctx.sessions) as session:
        counts = problem_counts(session)
    assert counts, "the test village has data problems"
    shown = _kind_rows(view)
    for kind in counts:
        assert shown[kind.code] == view.number_locale.toString(kind.count)
    assert shown[""] == view.number_locale.toString(sum(k.count for k in counts))
    titles = [view.kinds.topLevelItem(i).text(0) for i in range(view.kinds.topLevelItemCount())]
    present = {k.severity for k in counts}
    groups = [t for t, s in (("Errors", Severity.ERROR), ("Warnings", Severity.WARNING))
              if s in present]
    assert titles == ["All problems", *groups]  # English: no translator installed
    group = view.kinds.topLevelItem(1)
    assert not group.flags() & Qt.ItemFlag.ItemIsSelectable


def test_selecting_a_kind_lists_only_that_kind(view: WorklistView) -> None:
    code = _a_code(view)
    view.select_kind(code)
    assert view.selected_code() == code
    view.model.fetch_all()
    kind = next(k for k in view.counts if k.code == code)
    assert view.model.rowCount() == kind.count
    assert {view.model.item_at(r).code for r in range(view.model.rowCount())} == {code}
    assert kind_title(code, "id") in view.title.text()
    view.select_kind(None)
    assert view.selected_code() is None


def test_model_pages_in_and_passes_the_model_tester(qtmodeltester: ModelTester,
                                                     village_ctx: AppContext) -> None:
    model = WorklistModel(village_ctx.sessions, page_size=7)
    model.show_kind(None)
    assert model.rowCount() == 0 and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 7
    qtmodeltester.check(model, force_py=True)  # keeps checking every signal from here on
    model.fetch_all()
    with read_session(village_ctx.sessions) as session:
        assert model.rowCount() == sum(k.count for k in problem_counts(session))
    assert not model.canFetchMore()
    model.show_kind("NIK_DUPLICATE")
    model.fetch_all()
    model.clear()
    assert model.rowCount() == 0 and not model.canFetchMore()
    model.show_kind(None)
    model.fetchMore()
    assert model.rowCount() == 7


def test_model_passes_the_cpp_model_tester(qtmodeltester: ModelTester,
                                           village_ctx: AppContext) -> None:
    model = WorklistModel(village_ctx.sessions, page_size=25)
    model.show_kind(None)
    model.fetchMore()
    qtmodeltester.check(model)
    model.fetch_all()
    model.show_kind("NIK_DUPLICATE")


def test_roles_sort_values_and_no_full_numbers(view: WorklistView) -> None:
    model = view.model
    assert model.rowCount() > 0
    index = model.index(0, COL_NO)
    item = model.data(index, ITEM_ROLE)
    assert isinstance(item, WorkItem)
    assert model.data(index, SORT_ROLE) == item.ruta_no_urut
    assert model.data(model.index(0, COL_MESSAGE), Qt.ItemDataRole.ToolTipRole) == \
        item.message_id
    assert model.data(model.index(0, COL_MESSAGE), Qt.ItemDataRole.DecorationRole) is not None
    model.fetch_all()
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            text = model.data(model.index(row, column)) or ""
            assert not re.search(r"\d{16}", text)
    assert view.detail.text() == item.message_id


def _check_opened(blocker_args: list, item: WorkItem) -> None:
    assert blocker_args == [item.ruta_id, item.art_id, item.field]


def test_double_click_opens_the_record_at_the_field(view: WorklistView, qtbot: QtBot,
                                                    village_ctx: AppContext) -> None:
    code = _a_code(view, lambda k: k.code != "FIELD_MISSING")
    view.select_kind(code)
    row = min(2, view.model.rowCount() - 1)
    item = view.model.item_at(row)
    rect = view.table.visualRect(view.model.index(row, COL_FIELD))
    # QTest's double-click only registers after a click (press, release, press + double-click)
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(view.open_record) as opened, \
            qtbot.waitSignal(view.open_item) as opened_item:
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton,
                          pos=rect.center())
    _check_opened(opened.args, item)
    assert opened_item.args == [item]
    if item.art_id is not None:  # the member really lives in that household
        with read_session(village_ctx.sessions) as session:
            ruta_id = session.scalar(select(Keluarga.ruta_id).join(Art).where(
                Art.id == item.art_id))
        assert ruta_id == item.ruta_id


def test_enter_opens_the_current_problem(view: WorklistView, qtbot: QtBot) -> None:
    view.select_kind(None)
    view.table.setFocus()
    view.table.setCurrentIndex(view.model.index(1, 0))
    item = view.model.item_at(1)
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        with qtbot.waitSignal(view.open_record) as opened:
            qtbot.keyClick(view.table, key)
        _check_opened(opened.args, item)


def test_activation_without_a_row_emits_nothing(view: WorklistView, qtbot: QtBot) -> None:
    with qtbot.assertNotEmitted(view.open_record):
        view._open(QModelIndex())


def test_refresh_after_a_save_keeps_the_kind_and_updates_counts(
        view: WorklistView, village_ctx: AppContext) -> None:
    code = _a_code(view, lambda k: k.code == "ART_NO_NIK")
    view.select_kind(code)
    before = next(k.count for k in view.counts if k.code == code)
    item = view.model.item_at(0)
    with unit_of_work(village_ctx.sessions, "test") as session:
        session.execute(update(Art).where(Art.id == item.art_id)
                        .values(nik="3522014101900013"))
        refresh_households(session, [item.ruta_id])
    view.refresh()
    assert view.selected_code() == code
    after = next((k.count for k in view.counts if k.code == code), 0)
    assert after == before - 1
    view.model.fetch_all()
    assert item.problem_id not in {view.model.item_at(r).problem_id
                                   for r in range(view.model.rowCount())}


def test_english_worklist_shows_english_messages(qtbot: QtBot,
                                                 village_ctx: AppContext) -> None:
    view = WorklistView(village_ctx.sessions, lang="en")
    qtbot.addWidget(view)
    item = view.model.item_at(0)
    assert view.model.data(view.model.index(0, COL_MESSAGE)) == item.message_en
    assert view.kinds.topLevelItem(0).text(0) == "All problems"
    shown = {i.data(0, KIND_ROLE): i.text(0) for i in view._kind_items()}
    assert all(shown[k.code] == kind_title(k.code, "en") for k in view.counts)


def test_an_empty_database_shows_no_problems(qtbot: QtBot, empty_ctx: AppContext) -> None:
    view = WorklistView(empty_ctx.sessions, lang="id")
    qtbot.addWidget(view)
    assert view.counts == []
    assert view.model.rowCount() == 0
    assert view.title.text() == "No data problems found."
    QApplication.processEvents()


# -- loading off the GUI thread (house rule 4) ------------------------------------------------
class _DeferredRunner:
    """Holds each task until the test runs it: the order results arrive in is the test's."""

    def __init__(self) -> None:
        self.pending: list[tuple[TaskFn, ResultFn, ErrorFn]] = []

    def run(self, fn: TaskFn, *, on_result: ResultFn, on_error: ErrorFn,
            on_progress: ProgressFn | None = None,
            token: CancelToken | None = None) -> CancelToken:
        self.pending.append((fn, on_result, on_error))
        return token or CancelToken()

    def finish(self, index: int = 0) -> None:
        fn, on_result, on_error = self.pending.pop(index)
        try:
            result = fn(lambda _done, _total: None, lambda: False)
        except Exception as exc:
            on_error(exc)
        else:
            on_result(result)


def test_counts_and_pages_are_read_off_the_gui_thread(qtbot: QtBot, village_ctx: AppContext,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    threads: list[threading.Thread] = []

    def recorded(fn: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any) -> Any:
            threads.append(threading.current_thread())
            return fn(*args)
        return call

    monkeypatch.setattr(worklist, "problem_counts", recorded(problem_counts))
    monkeypatch.setattr(worklist_model, "worklist_page", recorded(worklist_page))
    runner = TaskRunner()
    view = WorklistView(village_ctx.sessions, runner=runner, lang="id")
    qtbot.addWidget(view)
    assert view.counts == [] and view.model.rowCount() == 0  # nothing arrived yet
    qtbot.waitUntil(lambda: bool(view.counts) and view.model.rowCount() > 0)
    qtbot.waitUntil(lambda: not view.busy)
    with read_session(village_ctx.sessions) as session:
        counts = problem_counts(session)
    assert view.counts == counts
    assert _kind_rows(view)[""] == view.number_locale.toString(sum(k.count for k in counts))
    assert view.model.rowCount() == min(sum(k.count for k in counts), PAGE_SIZE)
    assert view.table.currentIndex().row() == 0
    assert view.detail.text() == view.model.item_at(0).message_id
    assert len(threads) >= 2  # the counts and the first page
    assert threading.main_thread() not in threads
    assert runner.wait_for_done(5000)


def test_a_kind_change_drops_the_page_of_the_previous_kind(qtbot: QtBot,
                                                           village_ctx: AppContext) -> None:
    runner = _DeferredRunner()
    view = WorklistView(village_ctx.sessions, runner=runner, lang="id")
    qtbot.addWidget(view)
    assert view.counts == [] and len(runner.pending) == 1
    runner.finish()  # the counts: "All problems" is selected, its first page requested
    assert view.counts and len(runner.pending) == 1
    assert not view.model.canFetchMore()  # one page at a time
    view.model.fetchMore()
    assert len(runner.pending) == 1
    code = _a_code(view, lambda k: k.count < PAGE_SIZE)
    view.select_kind(code)  # requests the new kind's first page
    assert len(runner.pending) == 2
    runner.finish(0)  # the stale page of every kind arrives late: dropped
    assert view.model.rowCount() == 0 and view.model.code == code
    runner.finish(0)
    kind = next(k for k in view.counts if k.code == code)
    assert view.model.rowCount() == kind.count
    assert {view.model.item_at(r).code for r in range(view.model.rowCount())} == {code}
    assert view.table.currentIndex().row() == 0
    assert not runner.pending and not view.busy


def test_a_failed_read_goes_to_the_excepthook(qtbot: QtBot, village_ctx: AppContext,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    reported: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda _type, exc, _tb: reported.append(exc))

    def broken(*_args: Any) -> list[WorkItem]:
        raise RuntimeError("disk gone")

    monkeypatch.setattr(worklist_model, "worklist_page", broken)
    view = WorklistView(village_ctx.sessions, lang="id")
    qtbot.addWidget(view)
    assert [str(exc) for exc in reported] == ["disk gone"]
    assert view.model.rowCount() == 0 and not view.model.canFetchMore() and not view.busy
