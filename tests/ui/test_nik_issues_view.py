"""The "Perbaikan NIK" worklist: import through preview, the table, and the per-item actions,
with a synchronous task runner and real .xlsx files written by openpyxl."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from nik_issue_data import LIST_ROWS, Person, add_village, write_list
from siksdesk.app import AppContext
from siksdesk.db.session import read_session
from siksdesk.models import Art, NikIssue, Usulan
from siksdesk.ui.nik_issue_dialogs import DeactivateDialog, DismissDialog, FixNikDialog
from siksdesk.ui.nik_issue_model import NikIssuesModel, NikPreviewModel
from siksdesk.ui.nik_issues_view import NikIssuesView
from siksdesk.ui.tasks import CancelToken, SyncTaskRunner

NEW_NIK = "3522015705850009"


class CancellingRunner(SyncTaskRunner):
    """As if the operator pressed Cancel while the task was running."""

    def run(self, fn: Any, *, on_result: Any, on_error: Any, on_progress: Any = None,
            token: CancelToken | None = None) -> CancelToken:
        token = token or CancelToken()
        token.cancel()
        return super().run(fn, on_result=on_result, on_error=on_error,
                           on_progress=on_progress, token=token)


@pytest.fixture
def village(empty_ctx: AppContext) -> dict[str, Person]:
    return add_village(empty_ctx.sessions)


@pytest.fixture
def view(qtbot: QtBot, empty_ctx: AppContext,
         village: dict[str, Person]) -> Iterator[NikIssuesView]:
    widget = NikIssuesView(empty_ctx.sessions, SyncTaskRunner(), "operator", lang="id")
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    yield widget


def _import(view: NikIssuesView, path: Path) -> None:
    view.import_file(path)
    assert view.preview_dialog is not None
    view.preview_dialog.import_button.click()


def _select(view: NikIssuesView, name: str) -> None:
    row = next(i for i in range(view.model.rowCount()) if view.model.item_at(i).nama == name)
    view.table.setCurrentIndex(view.model.index(row, 0))


def test_import_shows_the_preview_then_lists_the_issues(
        qtbot: QtBot, view: NikIssuesView, tmp_path: Path, empty_ctx: AppContext) -> None:
    assert view.model.rowCount() == 0
    view.import_file(write_list(tmp_path / "list.xlsx"))
    dialog = view.preview_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.model.rowCount() == len(LIST_ROWS)
    assert "list.xlsx" in dialog.summary.text()
    dialog.filter.setCurrentIndex(dialog.filter.findData("rejected"))
    assert dialog.model.rowCount() == 1
    with read_session(empty_ctx.sessions) as session:
        assert session.scalars(select(NikIssue)).first() is None  # only a preview so far
    with qtbot.waitSignal(view.changed):
        dialog.import_button.click()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog))  # deleted: it held the whole list
    assert view.model.rowCount() == 5  # open items: matched, ambiguous and unmatched rows
    assert view.counts["open"] == 5
    assert "5" in view.counts_label.text()
    assert "5" in view.message.text()
    assert view.progress_dialog is None


def test_the_table_models_pass_the_model_tester(qtmodeltester: Any, view: NikIssuesView,
                                                tmp_path: Path) -> None:
    view.import_file(write_list(tmp_path / "list.xlsx"))
    assert view.preview_dialog is not None
    qtmodeltester.check(view.preview_dialog.model)
    view.preview_dialog.import_button.click()
    qtmodeltester.check(view.model)
    assert view.model.rowCount() == 5
    view.select_status("all")
    qtmodeltester.check(view.model)
    qtmodeltester.check(NikIssuesModel())  # empty
    qtmodeltester.check(NikPreviewModel([]))


def test_fix_nik_through_the_dialog(view: NikIssuesView, tmp_path: Path,
                                    empty_ctx: AppContext, village: dict[str, Person],
                                    qtbot: QtBot) -> None:
    _import(view, write_list(tmp_path / "list.xlsx"))
    _select(view, "Siti Aminah")
    assert view.fix_button.isEnabled()
    view.fix_current()
    dialog = view.action_dialog
    assert isinstance(dialog, FixNikDialog)
    assert not dialog.ok_button.isEnabled()
    dialog.nik_field.line_edit.setFocus()
    qtbot.keyClicks(dialog.nik_field.line_edit, "3522011705800001")  # Sutrisno's NIK
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    assert dialog.isVisible() and dialog.error.isVisible()  # refused, the dialog stays
    assert "Sutrisno" in dialog.error.text()
    dialog.nik_field.line_edit.clear()
    qtbot.keyClicks(dialog.nik_field.line_edit, NEW_NIK)
    with qtbot.waitSignal(view.changed):
        dialog.ok_button.click()
    assert not dialog.isVisible()
    with read_session(empty_ctx.sessions) as session:
        art = session.get(Art, village["Siti Aminah"].art_id)
        assert art is not None and art.nik == NEW_NIK
    assert "Siti Aminah" not in [view.model.item_at(i).nama for i in range(view.model.rowCount())]
    view.select_status("fixed")
    assert [view.model.item_at(i).nama for i in range(view.model.rowCount())] == ["Siti Aminah"]
    assert not view.fix_button.isEnabled()


def test_propose_deactivation_with_one_of_the_four_reasons(
        view: NikIssuesView, tmp_path: Path, empty_ctx: AppContext) -> None:
    _import(view, write_list(tmp_path / "list.xlsx"))
    _select(view, "Sutrisno")
    view.deactivate_current()
    dialog = view.action_dialog
    assert isinstance(dialog, DeactivateDialog)
    assert set(dialog.radios) == {"mampu", "meninggal", "pindah", "tidak_ditemukan"}
    assert not dialog.ok_button.isEnabled()
    dialog.choose("pindah")
    dialog.note.setText("ke Surabaya")
    dialog.ok_button.click()
    with read_session(empty_ctx.sessions) as session:
        usulan = session.scalars(select(Usulan)).one()
        assert (usulan.reason, usulan.source, usulan.note) == ("pindah", "nik_issue",
                                                               "ke Surabaya")
    assert view.counts["deactivation"] == 1


def test_an_unmatched_item_can_only_be_closed(view: NikIssuesView, tmp_path: Path) -> None:
    _import(view, write_list(tmp_path / "list.xlsx"))
    row = next(i for i in range(view.model.rowCount())
               if view.model.item_at(i).matched_by == "none")
    view.table.setCurrentIndex(view.model.index(row, 0))
    assert not view.fix_button.isEnabled() and not view.deactivate_button.isEnabled()
    assert not view.open_button.isEnabled() and view.dismiss_button.isEnabled()
    view.dismiss_current()
    dialog = view.action_dialog
    assert isinstance(dialog, DismissDialog)
    dialog.choose("bukan_warga")
    dialog.ok_button.click()
    assert view.counts["dismissed"] == 1


def test_open_record_names_the_household_and_the_person(
        qtbot: QtBot, view: NikIssuesView, tmp_path: Path, village: dict[str, Person]) -> None:
    _import(view, write_list(tmp_path / "list.xlsx"))
    _select(view, "Budi Santoso")
    budi = village["Budi Santoso"]
    with qtbot.waitSignal(view.open_record) as opened:
        index = view.table.currentIndex()
        view.table.doubleClicked.emit(index)
    assert opened.args == [budi.ruta_id, budi.art_id]


def test_a_rejected_file_is_explained_and_nothing_is_imported(
        view: NikIssuesView, tmp_path: Path) -> None:
    bad = write_list(tmp_path / "bnba.xlsx", [("x", "y")], headers=("KDPROP", "Nama_KRT"))
    view.import_file(bad)
    assert view.preview_dialog is None and view.progress_dialog is None
    assert "bnba.xlsx" in view.message.text()
    assert view.counts["open"] == 0


def test_cancel_during_the_import_leaves_nothing(
        view: NikIssuesView, tmp_path: Path, empty_ctx: AppContext) -> None:
    view.import_file(write_list(tmp_path / "list.xlsx"))
    assert view.preview_dialog is not None
    view.runner = CancellingRunner()
    view.preview_dialog.import_button.click()
    assert view.progress_dialog is None
    assert "nothing" in view.message.text().lower() or "dibatalkan" in view.message.text()
    with read_session(empty_ctx.sessions) as session:
        assert session.scalars(select(NikIssue)).first() is None
