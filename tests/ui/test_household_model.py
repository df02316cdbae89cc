"""The household table model pages rows in from SQLite and shows what the database holds."""

from __future__ import annotations

from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from siksdesk.app import AppContext
from siksdesk.models import Ruta
from siksdesk.services.households import HouseholdRow, count_households
from siksdesk.ui.household_model import (
    COL_JUMLAH_ART,
    COL_NAMA_KRT,
    COL_NO_KK,
    COL_NO_URUT,
    COL_RT_RW,
    COL_VERIVALI,
    COLUMNS,
    ITEM_ROLE,
    SORT_ROLE,
    HouseholdTableModel,
)


def _model(ctx: AppContext, page_size: int = 50) -> HouseholdTableModel:
    model = HouseholdTableModel(ctx.sessions, lang="id", page_size=page_size)
    model.reload()
    return model


def test_model_passes_the_qt_model_tester(qtmodeltester: ModelTester,
                                          village_ctx: AppContext) -> None:
    model = _model(village_ctx)
    model.fetchMore()
    qtmodeltester.check(model)


def test_empty_model_passes_the_qt_model_tester(qtmodeltester: ModelTester,
                                                empty_ctx: AppContext) -> None:
    model = _model(empty_ctx)
    assert not model.canFetchMore()
    qtmodeltester.check(model)


def test_fetch_more_pages_in_every_household(qtbot: QtBot, village_ctx: AppContext) -> None:
    with village_ctx.sessions() as session:
        expected = count_households(session)
    model = _model(village_ctx, page_size=100)
    assert model.rowCount() == 0 and model.canFetchMore()
    pages = 0
    while model.canFetchMore():
        with qtbot.waitSignal(model.rowsInserted, timeout=1000):
            model.fetchMore()
        pages += 1
        assert model.rowCount() <= expected
    assert model.rowCount() == expected == model.total
    assert pages == -(-expected // 100)
    ids = [model.row_at(row).id for row in range(model.rowCount())]
    assert ids == sorted(set(ids))  # keyset order, no row twice
    assert 0 < model.last_page_ms < 1000


def test_rows_match_the_database(village_ctx: AppContext) -> None:
    model = _model(village_ctx)
    model.fetch_all()
    with village_ctx.sessions() as session:
        rutas = {r.id: r for r in session.scalars(select(Ruta))}
        for row in (0, 1, model.rowCount() // 2, model.rowCount() - 1):
            item = model.index(row, 0).data(ITEM_ROLE)
            assert isinstance(item, HouseholdRow)
            ruta = rutas[item.id]
            family = ruta.keluarga[0]
            members = [art for keluarga in ruta.keluarga for art in keluarga.anggota]
            head = min(members, key=lambda a: (a.hubungan_krt is None, a.hubungan_krt or 0,
                                               a.keluarga.no_urut, a.no_urut))

            def shown(column: int, row: int = row) -> object:
                return model.index(row, column).data()

            assert shown(COL_NO_URUT) == str(ruta.no_urut)
            assert shown(COL_NAMA_KRT) == head.nama
            assert shown(COL_NO_KK) == family.no_kk
            assert shown(COL_RT_RW) == f"{ruta.rt}/{ruta.rw}"
            assert shown(COL_JUMLAH_ART) == str(len(members))
            assert model.index(row, COL_JUMLAH_ART).data(SORT_ROLE) == len(members)


def test_verivali_label_comes_from_the_catalogue(qtbot: QtBot, village_ctx: AppContext) -> None:
    model = _model(village_ctx)
    model.fetch_all()
    labels = {model.index(r, COL_VERIVALI).data(SORT_ROLE):
              model.index(r, COL_VERIVALI).data() for r in range(model.rowCount())}
    if 1 in labels:
        assert labels[1] == "Selesai diverivali"
    assert all(isinstance(key, int) for key in labels)


def test_sort_role_returns_native_values(village_ctx: AppContext) -> None:
    model = _model(village_ctx)
    model.fetchMore()
    assert isinstance(model.index(0, COL_NO_URUT).data(SORT_ROLE), int)
    assert isinstance(model.index(0, COL_NAMA_KRT).data(SORT_ROLE), str)
    assert len(COLUMNS) == model.columnCount() == 8


def test_reload_starts_again_from_the_first_page(qtbot: QtBot, village_ctx: AppContext) -> None:
    model = _model(village_ctx)
    model.fetch_all()
    with qtbot.waitSignal(model.modelReset, timeout=1000):
        model.reload()
    assert model.rowCount() == 0 and model.canFetchMore()
