"""The desk wiring: list → editor → save → list and worklist; worklist → editor at the field."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from siksdesk.app import AppContext, open_app
from siksdesk.demo import build_demo_village
from siksdesk.models import Art, RecordProblem
from siksdesk.paths import AppPaths
from siksdesk.services.worklist import worklist_page
from siksdesk.ui.desk import Desk
from siksdesk.ui.launch import open_desk, open_main_window
from siksdesk.ui.tasks import SyncTaskRunner


@pytest.fixture
def ctx(tmp_path: Path) -> AppContext:
    context = open_app(AppPaths(tmp_path / "home"))
    build_demo_village(context, people=200, seed=11)
    yield context  # type: ignore[misc]
    context.close()


@pytest.fixture
def desk(qtbot: QtBot, ctx: AppContext) -> Desk:
    runner = SyncTaskRunner()
    window = open_main_window(ctx, runner, lang="en", log_path=None)
    qtbot.addWidget(window)
    opened = open_desk(window, ctx, runner, lang="en", log_path=None, location=None)
    qtbot.addWidget(opened.editor)
    return opened


def test_desk_opens_editor_saves_and_refreshes_list(qtbot: QtBot, desk: Desk) -> None:
    window = desk.window
    first = window.model.row_at(0)
    window.household_activated.emit(first.id)
    assert desk.editor.isVisible() and desk.editor.ruta_id == first.id

    desk.editor.header.fields["alamat"].widget.setText("Jl. Baru 1")
    with qtbot.waitSignal(desk.editor.saved, timeout=5000):
        desk.editor.save()
    qtbot.waitUntil(lambda: window.model.row_at(window.model.row_of(first.id)).alamat
                    == "Jl. Baru 1", timeout=5000)

    desk.editor.request_next()
    assert desk.editor.ruta_id == window.model.row_at(1).id


def test_worklist_item_opens_the_record(desk: Desk, ctx: AppContext) -> None:
    desk.worklist_action.trigger()
    assert desk.dock.isVisible()
    with ctx.sessions() as session:
        code = session.scalars(select(RecordProblem.code).where(
            RecordProblem.art_id.is_not(None))).first()
        item = next(i for i in worklist_page(session, code, 0, 50) if i.art_id is not None)
        assert session.get(Art, item.art_id) is not None
    desk.worklist.open_item.emit(item)
    assert desk.editor.isVisible() and desk.editor.ruta_id == item.ruta_id


def test_nik_corrections_dock_opens_from_the_view_menu(desk: Desk) -> None:
    assert desk.nik_issues_action in desk.view_menu.actions()
    desk.nik_issues_action.trigger()
    assert desk.nik_dock.isVisible()
    assert desk.nik_issues_action.shortcut().toString() == "Ctrl+Shift+M"


def test_possible_duplicates_dock_searches_when_first_shown(desk: Desk) -> None:
    assert desk.duplicates.result is None
    desk.duplicates_action.trigger()
    assert desk.duplicates_dock.isVisible()
    assert desk.duplicates.result is not None  # the synchronous runner has finished it


def test_export_dialog_opens_from_the_file_menu(desk: Desk) -> None:
    from siksdesk.ui.export_dialog import ExportDialog

    assert desk.export_action in desk.window.file_menu.actions()
    desk.export_action.trigger()
    dialogs = [w for w in desk.window.findChildren(ExportDialog) if w.isVisible()]
    assert len(dialogs) == 1
    dialogs[0].close()


def test_import_actions_sit_in_the_file_menu(desk: Desk) -> None:
    actions = desk.window.file_menu.actions()
    assert desk.import_action in actions and desk.import_nik_action in actions
    assert desk.import_action.shortcut().toString() == "Ctrl+I"


def test_proposals_dock_and_musdes_wizard_open_from_the_menus(desk: Desk) -> None:
    from siksdesk.ui.musdes_wizard import MusdesWizard

    desk.usulan_action.trigger()
    assert desk.usulan_dock.isVisible()
    assert desk.musdes_action in desk.musdes_menu.actions()
    desk.musdes_action.trigger()
    wizards = [w for w in desk.window.findChildren(MusdesWizard) if w.isVisible()]
    assert len(wizards) == 1
    wizards[0].close()
