"""The BNBA import flow in the desk: preview dialog, mapping dialog, progress, result."""

from __future__ import annotations

import gc
from pathlib import Path

import shiboken6
from pytestqt.modeltest import ModelTester
from sqlalchemy import func, select

from bnba_files import household_rows, write_xlsx
from siksdesk.app import AppContext
from siksdesk.db.session import read_session
from siksdesk.models import Art
from siksdesk.services.bnba_import import preview_bnba
from siksdesk.services.bnba_types import ImportPlan, ImportResult, RowStatus
from siksdesk.ui.bnba_import import BnbaImportFlow, ColumnMappingDialog, ImportPreviewDialog
from siksdesk.ui.bnba_preview_model import BnbaPreviewModel
from siksdesk.ui.tasks import SyncTaskRunner


def _people(ctx: AppContext) -> int:
    with read_session(ctx.sessions) as session:
        return int(session.scalar(select(func.count()).select_from(Art)) or 0)


def test_preview_model_passes_the_model_tester(qtmodeltester: ModelTester, empty_ctx: AppContext,
                                               tmp_path: Path) -> None:
    rows = household_rows()
    rows[1][15] = "3.52214E+15"
    plan = preview_bnba(empty_ctx.sessions, write_xlsx(tmp_path / "b.xlsx", rows))
    model = BnbaPreviewModel(plan, "en")
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    assert "Excel" in model.data(model.index(1, 4))
    model.set_filter(RowStatus.REJECTED)
    assert model.rowCount() == 1 and model.data(model.index(0, 0)) == "3"


def test_flow_previews_confirms_and_writes(qtbot, empty_ctx: AppContext, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    done: list[ImportResult] = []
    flow = BnbaImportFlow(parent, empty_ctx, SyncTaskRunner(), "Operator", "en", done.append)
    seen: list[ImportPreviewDialog] = []
    plans: list[ImportPlan] = []
    messages: list[str] = []
    flow.ask_confirm = lambda dialog: (  # type: ignore[func-returns-value]
        seen.append(dialog) or plans.append(dialog.plan) or True)
    flow.tell = lambda _title, text: messages.append(text)
    flow.start(write_xlsx(tmp_path / "bnba.xlsx", household_rows()))
    assert seen[0].import_button.isEnabled() and seen[0].model.rowCount() == 3
    assert len(done) == 1 and _people(empty_ctx) == 3
    # The commit task freed the written records (in slices, off the GUI thread); the preview's
    # rows are what the plan still holds.
    assert plans[0].writes.empty and len(plans[0].rows) == 3
    assert "3 members" in messages[-1]
    # The preview dialog (it holds the plan) is deleted, and what the import froze for the
    # collector is given back once the flow is done.
    qtbot.waitUntil(lambda: not shiboken6.isValid(seen[0]) and gc.get_freeze_count() == 0)


def test_flow_maps_unknown_columns_then_imports(qtbot, empty_ctx: AppContext,
                                                tmp_path: Path) -> None:
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    path = write_xlsx(tmp_path / "own.xlsx", [["H1", "Budi", "3522141708800001",
                                               "3522140101090001"]],
                      ["Rumah", "Orang", "Nomor induk", "Kartu keluarga"])
    flow = BnbaImportFlow(parent, empty_ctx, SyncTaskRunner(), "Operator", "en", None)

    def answer(dialog: ColumnMappingDialog) -> bool:
        for box, key in zip(dialog.choices, ["idbdt", "nama", "nik", "no_kk"], strict=True):
            box.setCurrentIndex(box.findData(key))
        return True

    flow.ask_mapping = answer
    flow.ask_confirm = lambda _dialog: True
    flow.tell = lambda _title, _text: None
    flow.start(path)
    assert _people(empty_ctx) == 1


def test_rejected_file_is_told_and_nothing_written(qtbot, empty_ctx: AppContext,
                                                   tmp_path: Path) -> None:
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    page = tmp_path / "page.xlsx"
    page.write_text("<html><table></table></html>")
    flow = BnbaImportFlow(parent, empty_ctx, SyncTaskRunner(), "Operator", "id", None)
    told: list[str] = []
    flow.tell = lambda _title, text: told.append(text)
    flow.start(page)
    assert "HTML" in told[0] and _people(empty_ctx) == 0
