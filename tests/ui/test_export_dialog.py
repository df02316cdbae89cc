"""The export dialog: default file name, choices, a real export through the runner with its
progress dialog, Cancel, errors, replacing a file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import isValid
from sqlalchemy import func, select, update

from siksdesk.app import AppContext
from siksdesk.models import RecordProblem, VillageProfile
from siksdesk.ui.export_dialog import ExportDialog, run_export_dialog
from siksdesk.ui.tasks import CancelToken, SyncTaskRunner

pytestmark = pytest.mark.usefixtures("qapp")


class CancellingRunner(SyncTaskRunner):
    """Runs inline like SyncTaskRunner, but the operator has pressed Cancel at once."""

    def run(self, fn: Any, *, on_result: Callable[[Any], None],
            on_error: Callable[[BaseException], None],
            on_progress: Callable[[int, int], None] | None = None,
            token: CancelToken | None = None) -> CancelToken:
        token = token or CancelToken()
        if on_progress is not None:  # the export, not the village-name lookup
            token.cancel()
        return super().run(fn, on_result=on_result, on_error=on_error,
                           on_progress=on_progress, token=token)


class DeferredRunner:
    """Keeps each task until ``finish`` runs it: the state while a task is under way."""

    def __init__(self) -> None:
        self.tasks: list[tuple[Any, Any, Any, Any, CancelToken]] = []

    def run(self, fn: Any, *, on_result: Callable[[Any], None],
            on_error: Callable[[BaseException], None],
            on_progress: Callable[[int, int], None] | None = None,
            token: CancelToken | None = None) -> CancelToken:
        token = token or CancelToken()
        self.tasks.append((fn, on_result, on_error, on_progress, token))
        return token

    def finish(self, index: int) -> None:
        fn, on_result, on_error, on_progress, token = self.tasks[index]
        SyncTaskRunner().run(fn, on_result=on_result, on_error=on_error,
                             on_progress=on_progress, token=token)


def village_name(ctx: AppContext) -> str:
    with ctx.sessions() as session:
        return session.scalar(select(VillageProfile.nama_desa)) or ""


def problem_count(ctx: AppContext) -> int:
    with ctx.sessions() as session:
        return session.scalar(select(func.count()).select_from(RecordProblem)) or 0


@pytest.fixture
def documents(tmp_path: Path) -> Path:
    folder = tmp_path / "Documents"
    folder.mkdir()
    return folder


def make(ctx: AppContext, folder: Path, qtbot: QtBot, what: str | None = "masalah",
         runner: SyncTaskRunner | None = None, **kwargs: Any) -> ExportDialog:
    dialog = ExportDialog(ctx, runner or SyncTaskRunner(), "id", what, folder=folder,
                          **kwargs)
    qtbot.addWidget(dialog)
    return dialog


def test_a_real_village_s_default_name_is_unmarked(village_ctx: AppContext, documents: Path,
                                                  qtbot: QtBot) -> None:
    with village_ctx.sessions.begin() as session:
        session.execute(update(VillageProfile).values(is_demo=False))
    dialog = make(village_ctx, documents, qtbot, what="bnba")
    today = date.today().isoformat()
    assert dialog.chosen_path().name == f"BNBA_{village_name(village_ctx)}_{today}.xlsx"


def test_default_name_in_the_folder(village_ctx: AppContext, documents: Path,
                                    qtbot: QtBot) -> None:
    """The demo village is the training village: its files are named ...-LATIHAN."""
    dialog = make(village_ctx, documents, qtbot, what="bnba")
    name = village_name(village_ctx)
    today = date.today().isoformat()
    assert dialog.chosen_path() == documents / f"BNBA_{name}_{today}-LATIHAN.xlsx"
    dialog.what.setCurrentIndex(1)
    dialog.csv.setChecked(True)
    assert dialog.chosen_path() == documents / f"Masalah_data_{name}_{today}-LATIHAN.csv"
    assert dialog.csv_note.isVisibleTo(dialog)
    dialog.xlsx.setChecked(True)
    assert not dialog.csv_note.isVisibleTo(dialog)
    dialog.mask.setChecked(True)
    assert dialog.chosen_path() == (
        documents / f"Masalah_data_{name}_{today}_publik-LATIHAN.xlsx")


def test_export_writes_the_file_and_names_it(village_ctx: AppContext, documents: Path,
                                             qtbot: QtBot) -> None:
    dialog = make(village_ctx, documents, qtbot)
    dialog.show()
    dialog.mask.setChecked(True)
    dialog.start_export()
    path = dialog.chosen_path()
    assert dialog.result is not None and dialog.result.path == path
    assert dialog.result.rows == problem_count(village_ctx) > 0
    assert dialog.message_box is not None and str(path) in dialog.message_box.text()
    assert "disamarkan" in dialog.message_box.text() or "masked" in dialog.message_box.text()
    assert not dialog.isVisible() and dialog.progress is None
    book = openpyxl.load_workbook(path)  # the training village's: a "LATIHAN" sheet first
    assert book.sheetnames[0] == "LATIHAN"
    sheet = book.worksheets[1]
    niks = [sheet.cell(row, 7).value for row in range(2, sheet.max_row + 1)]
    assert any(niks) and all("*" in nik for nik in niks if nik)
    assert [p.name for p in documents.iterdir()] == [path.name]


def test_cancel_writes_nothing(village_ctx: AppContext, documents: Path, qtbot: QtBot) -> None:
    dialog = make(village_ctx, documents, qtbot, runner=CancellingRunner())
    dialog.show()
    dialog.start_export()
    assert dialog.result is None
    assert dialog.isVisible()
    assert dialog.message_box is not None
    assert dialog.message_box.icon() == QMessageBox.Icon.Information
    assert list(documents.iterdir()) == []


def test_missing_folder_is_shown_not_raised(village_ctx: AppContext, documents: Path,
                                            qtbot: QtBot) -> None:
    dialog = make(village_ctx, documents, qtbot)
    dialog.show()
    dialog.path.setText(str(documents / "nope" / "x.xlsx"))
    dialog.start_export()
    assert dialog.error.isVisible() and "nope" in dialog.error.text()
    assert dialog.result is None and dialog.progress is None


def test_replacing_asks_first(village_ctx: AppContext, documents: Path, qtbot: QtBot) -> None:
    asked: list[Path] = []

    def refuse(_parent: QWidget, path: Path) -> bool:
        asked.append(path)
        return False

    dialog = make(village_ctx, documents, qtbot, what="usulan", confirm_replace=refuse)
    dialog.chosen_path().write_bytes(b"old")
    dialog.start_export()
    assert asked == [dialog.chosen_path()]
    assert dialog.chosen_path().read_bytes() == b"old" and dialog.result is None


def test_chosen_file_sets_the_format(village_ctx: AppContext, documents: Path,
                                     qtbot: QtBot) -> None:
    picked = documents / "papan pengumuman.csv"
    dialog = make(village_ctx, documents, qtbot, choose_file=lambda *_: picked)
    dialog.choose_button.click()
    assert dialog.chosen_format() == "csv" and dialog.chosen_path() == picked
    dialog.xlsx.setChecked(True)  # the user's name stays, the suffix follows the format
    assert dialog.chosen_path() == documents / "papan pengumuman.xlsx"
    dialog.what.setCurrentIndex(0)
    assert dialog.chosen_path() == documents / "papan pengumuman.xlsx"


def test_entry_point_opens_the_dialog(village_ctx: AppContext, qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = run_export_dialog(parent, village_ctx, SyncTaskRunner(), "en", what="usulan")
    assert dialog.isVisible() and dialog.chosen_what() == "usulan"
    assert dialog.lang == "en"
    dialog.reject()


def test_cancel_button_of_the_progress_dialog_stops_the_export(
        village_ctx: AppContext, documents: Path, qtbot: QtBot) -> None:
    runner = DeferredRunner()
    dialog = make(village_ctx, documents, qtbot, runner=runner)  # type: ignore[arg-type]
    runner.finish(0)  # the village name
    dialog.show()
    dialog.start_export()
    assert dialog.progress is not None and dialog.progress.isVisible()
    assert dialog.progress.cancel_button.isEnabled()
    dialog.progress.cancel_button.click()
    runner.finish(1)
    assert dialog.progress is None and dialog.result is None
    assert list(documents.iterdir()) == []
    assert dialog.isVisible()


def test_a_late_village_name_after_closing_is_ignored(village_ctx: AppContext, documents: Path,
                                                      qtbot: QtBot) -> None:
    runner = DeferredRunner()
    dialog = ExportDialog(village_ctx, runner, "id", "bnba",  # type: ignore[arg-type]
                          folder=documents)
    dialog.deleteLater()
    qtbot.waitUntil(lambda: not isValid(dialog))
    runner.finish(0)  # must not raise on the deleted dialog


def test_purpose_combo_follows_the_list_and_masks(village_ctx: AppContext, documents: Path,
                                                  qtbot: QtBot) -> None:
    dialog = make(village_ctx, documents, qtbot, what="usulan")
    offered = [dialog.purpose.itemData(i) for i in range(dialog.purpose.count())]
    assert offered == ["lengkap", "pengumuman", "pendataan"]
    assert dialog.chosen_purpose() == "lengkap" and dialog.mask.isEnabled()
    lengkap_note = dialog.purpose_note.text()
    dialog.purpose.setCurrentIndex(1)
    assert dialog.mask.isChecked() and not dialog.mask.isEnabled()
    assert dialog.purpose_note.text() and dialog.purpose_note.text() != lengkap_note
    assert dialog.chosen_path().name.endswith("_publik-LATIHAN.xlsx")
    dialog.what.setCurrentIndex(1)  # masalah: never posted in public
    assert [dialog.purpose.itemData(i) for i in range(dialog.purpose.count())] == [
        "lengkap", "pendataan"]
    assert dialog.chosen_purpose() == "lengkap" and dialog.mask.isEnabled()
    assert not dialog.mask.isChecked()  # the operator's own choice is back


def test_public_notice_writes_fewer_columns(village_ctx: AppContext, documents: Path,
                                            qtbot: QtBot) -> None:
    def export(purpose_index: int, name: str) -> list[Any]:
        dialog = make(village_ctx, documents, qtbot, what="bnba")
        dialog.purpose.setCurrentIndex(purpose_index)
        dialog.path.setText(str(documents / name))
        dialog._name_edited()
        dialog.start_export()
        assert dialog.result is not None, dialog.error.text()
        sheet = openpyxl.load_workbook(dialog.result.path).worksheets[1]
        return [cell.value for cell in sheet[1]]

    full, public = export(0, "full.xlsx"), export(1, "public.xlsx")
    assert len(public) < len(full)
    assert "Tgl_lahir" in full and "Tgl_lahir" not in public and "Nama" in public
