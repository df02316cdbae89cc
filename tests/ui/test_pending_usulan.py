"""What is pending on a record: the list's "open proposals only" filter and the editor's strip
(offscreen, synchronous runner, no translator: the English source strings)."""

from __future__ import annotations

import dataclasses

from pytestqt.qtbot import QtBot
from search_helpers import ensure_indexed, expected_ids, household_ids
from sqlalchemy import func, select

from siksdesk.app import AppContext
from siksdesk.db.session import read_session, unit_of_work
from siksdesk.domain.deactivation import DeactivationReason
from siksdesk.models import Art, Keluarga, Ruta, Usulan
from siksdesk.services.household_edit import load_household, save_household
from siksdesk.services.household_list import HouseholdQuery
from siksdesk.services.proposals import list_proposals, withdraw
from siksdesk.services.usulan import propose_art_deactivation
from siksdesk.ui import launch
from siksdesk.ui.editor.household_editor import HouseholdEditor
from siksdesk.ui.tasks import SyncTaskRunner


def _household_ids(ctx: AppContext, count: int) -> list[int]:
    with read_session(ctx.sessions) as session:
        return list(session.scalars(select(Ruta.id).order_by(Ruta.id).limit(count)))


def _edit_address(ctx: AppContext, ruta_id: int, alamat: str) -> int:
    with read_session(ctx.sessions) as session:
        draft = load_household(session, ruta_id)
    save_household(ctx.sessions, dataclasses.replace(draft, alamat=alamat), author="op")
    with read_session(ctx.sessions) as session:
        return max(row.id for row in list_proposals(session))


def test_the_open_proposals_checkbox_filters_the_list(qtbot: QtBot,
                                                      village_ctx: AppContext) -> None:
    ensure_indexed(village_ctx)
    first, second = _household_ids(village_ctx, 2)
    with read_session(village_ctx.sessions) as session:
        assert not session.scalar(select(func.count()).select_from(Usulan))
    _edit_address(village_ctx, first, "Jl. Mawar 1")
    withdraw(village_ctx.sessions, _edit_address(village_ctx, second, "Jl. Melati 2"),
             author="op")

    window = launch.open_main_window(village_ctx, SyncTaskRunner(), lang="en", log_path=None)
    qtbot.addWidget(window)
    everyone = window.model.rowCount()
    with qtbot.waitSignal(window.model.loaded, timeout=2000):
        window.filters.pending.setChecked(True)
    assert window.model.query.only_pending_usulan
    window.model.fetch_all()
    assert household_ids(window.model) == [first]
    assert expected_ids(village_ctx, HouseholdQuery(only_pending_usulan=True)) == [first]
    assert window.filters.pending.text() == "Open proposals only"

    window.set_village(window.summary)  # a new village: every filter back off
    assert not window.filters.pending.isChecked()
    assert window.model.rowCount() == everyone


def test_the_editor_shows_pending_proposals_and_refreshes_after_save(
        qtbot: QtBot, village_ctx: AppContext) -> None:
    first, second = _household_ids(village_ctx, 2)
    _edit_address(village_ctx, second, "Jl. Melati 2")
    editor = HouseholdEditor(village_ctx.sessions, SyncTaskRunner(), author="op", lang="en")
    qtbot.addWidget(editor)
    editor.show()

    assert editor.open_household(first)
    assert editor.pending.isHidden() and editor.pending.message() == ""

    editor.header.fields["alamat"].focus_widget.setText("Jl. Mawar 3")
    with qtbot.waitSignal(editor.saved, timeout=2000):
        assert editor.save()
    assert editor.pending.isVisible()
    assert editor.pending.message() == "Pending proposals (1): Data correction"

    assert editor.open_household(second)  # loading reads the strip too
    assert editor.pending.message() == "Pending proposals (1): Data correction"
    with unit_of_work(village_ctx.sessions, "op") as session:
        art_id = session.scalars(select(Art.id).join(Keluarga).where(
            Keluarga.ruta_id == second).order_by(Art.id)).first()
        assert art_id is not None
        propose_art_deactivation(session, art_id, DeactivationReason.MENINGGAL,
                                 source="operator", author="op")
    editor.reload()
    assert editor.pending.message() == ("Pending proposals (2): Data correction, "
                                        "Deactivation")
    with qtbot.waitSignal(editor.proposals_requested, timeout=1000) as blocker:
        editor.pending.open_button.click()
    assert blocker.args == [second]

    assert editor.new_household()  # nothing can be pending on a household not saved yet
    assert editor.pending.isHidden()
