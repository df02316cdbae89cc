"""The "Kemungkinan ganda" view: background search with progress and Cancel, the pair table,
the side-by-side comparison and the decisions."""

from __future__ import annotations

import gc
from datetime import date
from typing import Any

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from siksdesk.app import AppContext
from siksdesk.db.session import read_session, unit_of_work
from siksdesk.models import Art, DuplicateDecision, Keluarga, Ruta, Usulan
from siksdesk.ui.duplicates_model import COL_LEFT, COL_REASONS, COL_SCORE, PAIR_ROLE, SORT_ROLE
from siksdesk.ui.duplicates_view import DIFFERENT_BACKGROUND, DuplicatesView
from siksdesk.ui.tasks import CancelToken, SyncTaskRunner, TaskRunner

SITI_NIK = "3522015708800002"
ROW_NAME, ROW_NIK, ROW_BIRTH = 0, 1, 3


@pytest.fixture
def ctx(empty_ctx: AppContext) -> AppContext:
    """Siti Aminah twice (a true pair), Sri Rahayu twice (another pair, lower), and Sutrisno."""
    people = [("Siti Aminah", SITI_NIK, 2, date(1980, 8, 17), "Sumini"),
              ("Hj. S. Aminah", None, 2, date(1980, 8, 17), "Sumini"),
              ("Sri Rahayu", "3522014503700001", 2, date(1970, 3, 5), None),
              ("Sri Rahayoe", "3522014503700001", 2, date(1970, 3, 5), None),
              ("Sutrisno", "3522011204780001", 1, date(1978, 4, 12), "Painem")]
    with unit_of_work(empty_ctx.sessions, "setup") as session:
        for no, (nama, nik, sex, born, mother) in enumerate(people, 1):
            ruta = Ruta(no_urut=no, alamat=f"Dsn. Krajan no. {no}", dusun="Krajan", rt="001")
            family = Keluarga(no_urut=1, no_kk=f"352201230415000{no}")
            family.anggota.append(Art(no_urut=1, nama=nama, nik=nik,
                                      temp_id=None if nik else f"SMT-AAAAAAA{no}",
                                      jenis_kelamin=sex, tanggal_lahir=born,
                                      nama_ibu_kandung=mother, hubungan_krt=1))
            ruta.keluarga.append(family)
            session.add(ruta)
    return empty_ctx


@pytest.fixture
def view(qtbot: QtBot, ctx: AppContext) -> DuplicatesView:
    widget = DuplicatesView(ctx.sessions, SyncTaskRunner(), "operator", "id")
    qtbot.addWidget(widget)
    return widget


def _searched(view: DuplicatesView) -> DuplicatesView:
    view.start()
    assert not view.busy
    return view


def test_search_fills_the_table_best_first(view: DuplicatesView) -> None:
    assert view.model.rowCount() == 0 and not view.keep_left_button.isEnabled()
    _searched(view)
    model = view.model
    assert model.rowCount() == 2
    scores = [model.data(model.index(row, COL_SCORE), SORT_ROLE) for row in range(2)]
    assert scores == sorted(scores, reverse=True)
    assert model.data(model.index(0, COL_SCORE)) == str(scores[0])
    names = {model.data(model.index(row, COL_LEFT)) for row in range(2)}
    assert names & {"Siti Aminah", "Hj. S. Aminah"} and names & {"Sri Rahayu", "Sri Rahayoe"}
    assert "2" in view.status.text() and "5" in view.status.text()
    assert view.table.currentIndex().row() == 0
    assert view.keep_left_button.isEnabled() and view.progress.isHidden()
    assert gc.get_freeze_count() == 0  # what the search froze is given back to the collector


def test_the_pair_side_by_side_with_differences_highlighted(view: DuplicatesView) -> None:
    _searched(view)
    row = next(r for r in range(view.model.rowCount())
               if "Aminah" in view.model.data(view.model.index(r, COL_LEFT)))
    view.table.selectRow(row)
    pair = view.current_pair()
    assert pair is not None
    compare = view.compare
    assert {compare.item(ROW_NAME, 0).text(), compare.item(ROW_NAME, 1).text()} == {
        "Siti Aminah", "Hj. S. Aminah"}
    assert {compare.item(ROW_NIK, 0).text(), compare.item(ROW_NIK, 1).text()} == {SITI_NIK, "—"}
    assert compare.item(ROW_BIRTH, 0).text() == compare.item(ROW_BIRTH, 1).text() == "17-08-1980"
    assert compare.item(ROW_NIK, 0).background().color() == DIFFERENT_BACKGROUND
    assert compare.item(ROW_BIRTH, 0).background().color() != DIFFERENT_BACKGROUND
    assert "Tanggal lahir sama" in view.reasons.text()
    assert "Tanggal lahir sama" in view.model.data(view.model.index(row, COL_REASONS))


def test_open_emits_the_record(qtbot: QtBot, view: DuplicatesView, ctx: AppContext) -> None:
    _searched(view)
    pair = view.current_pair()
    assert pair is not None
    with qtbot.waitSignal(view.open_record) as left:
        view.open_left_button.click()
    with qtbot.waitSignal(view.open_record) as right:
        view.open_right_button.click()
    assert left.args == [pair.a.ruta_id, pair.a.art_id]
    assert right.args == [pair.b.ruta_id, pair.b.art_id]


def test_keep_right_proposes_the_left_for_deactivation(qtbot: QtBot, view: DuplicatesView,
                                                       ctx: AppContext) -> None:
    _searched(view)
    pair = view.current_pair()
    assert pair is not None
    view.note.setText("dicek di lapangan")
    with qtbot.waitSignal(view.decided) as decided:
        view.keep_right_button.click()
    assert decided.args == ["keep_b"]
    assert view.model.rowCount() == 1 and view.current_pair() not in (None, pair)
    assert view.note.text() == ""
    with read_session(ctx.sessions) as session:
        usulan = session.scalars(select(Usulan)).one()
        assert (usulan.entity_uuid, usulan.reason, usulan.note) == (pair.a.uuid, "ganda",
                                                                     "dicek di lapangan")


def test_not_a_duplicate_leaves_the_list_for_good(qtbot: QtBot, view: DuplicatesView,
                                                  ctx: AppContext) -> None:
    _searched(view)
    for _ in range(2):
        with qtbot.waitSignal(view.decided):
            view.not_duplicate_button.click()
    assert view.model.rowCount() == 0 and not view.not_duplicate_button.isEnabled()
    with read_session(ctx.sessions) as session:
        assert len(session.scalars(select(DuplicateDecision)).all()) == 2
    _searched(view)
    assert view.model.rowCount() == 0


def test_a_refused_decision_is_shown_not_raised(view: DuplicatesView, ctx: AppContext) -> None:
    _searched(view)
    pair = view.current_pair()
    assert pair is not None
    with unit_of_work(ctx.sessions, "elsewhere") as session:
        art = session.scalars(select(Art).where(Art.uuid == pair.a.uuid)).one()
        session.delete(art)
    view.keep_left_button.click()
    assert "tidak ditemukan" in view.status.text()
    assert view.model.rowCount() == 2 and view.keep_left_button.isEnabled()


class _CancellingRunner(SyncTaskRunner):
    def run(self, fn: Any, *, on_result: Any, on_error: Any, on_progress: Any = None,
            token: CancelToken | None = None) -> CancelToken:
        token = token or CancelToken()
        token.cancel()
        return super().run(fn, on_result=on_result, on_error=on_error,
                           on_progress=on_progress, token=token)


def test_cancel_ends_the_search_quietly(qtbot: QtBot, ctx: AppContext) -> None:
    view = DuplicatesView(ctx.sessions, _CancellingRunner(), "operator", "id")
    qtbot.addWidget(view)
    view.start()
    assert view.status.text() == "Search cancelled."
    assert view.model.rowCount() == 0 and view.search_button.isEnabled()


def test_runs_on_the_thread_pool_with_progress(qtbot: QtBot, ctx: AppContext) -> None:
    runner = TaskRunner()
    view = DuplicatesView(ctx.sessions, runner, "operator", "en")
    qtbot.addWidget(view)
    view.show()
    view.start()
    assert view.busy and not view.search_button.isEnabled() and view.progress.isVisible()
    qtbot.waitUntil(lambda: not view.busy, timeout=10_000)
    assert view.model.rowCount() == 2 and view.progress.isHidden()
    with qtbot.waitSignal(view.decided, timeout=10_000):
        view.not_duplicate_button.click()
    assert view.model.rowCount() == 1
    runner.wait_for_done()


def test_model_passes_the_model_tester(qtmodeltester: ModelTester, view: DuplicatesView) -> None:
    _searched(view)
    model = view.model
    qtmodeltester.check(model, force_py=True)
    assert model.data(model.index(0, COL_SCORE), PAIR_ROLE) is not None
    assert model.headerData(COL_SCORE, view.table.horizontalHeader().orientation()) == "Score"
    model.remove_pair(0)
    model.set_pairs([])
    assert model.rowCount() == 0 and model.remove_pair(0) is None
