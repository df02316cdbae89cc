"""The backups dialog: list, "Cadangkan sekarang", the encrypted USB copy (passphrase twice) and
a restore that closes the storage first and hands over to the desk afterwards."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from siksdesk.app import AppContext
from siksdesk.services import backup_crypto
from siksdesk.ui.backup_dialog import BackupDialog, PassphraseDialog, start_daily_backup
from siksdesk.ui.tasks import SyncTaskRunner

pytestmark = pytest.mark.usefixtures("qapp")
PASS = "sandi-usb-desa"


@pytest.fixture(autouse=True)
def quick_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backup_crypto, "TIME_COST", 1)
    monkeypatch.setattr(backup_crypto, "MEMORY_KIB", 1024)


def _note(ctx: AppContext, text: str | None = None) -> str:
    conn = sqlite3.connect(ctx.database)
    with conn:
        conn.execute("CREATE TABLE IF NOT EXISTS note_test (v TEXT)")
        if text is not None:
            conn.execute("DELETE FROM note_test")
            conn.execute("INSERT INTO note_test VALUES (?)", (text,))
        row = conn.execute("SELECT v FROM note_test").fetchone()
    conn.close()
    return str(row[0]) if row else ""


def make(ctx: AppContext, qtbot: QtBot, **kwargs: Any) -> BackupDialog:
    dialog = BackupDialog(ctx, SyncTaskRunner(), "id", **kwargs)
    qtbot.addWidget(dialog)
    return dialog


def test_back_up_now_lists_the_copy(empty_ctx: AppContext, qtbot: QtBot) -> None:
    dialog = make(empty_ctx, qtbot)
    assert dialog.table.rowCount() == 0 and not dialog.restore_button.isEnabled()
    dialog.now_button.click()
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 1).text() == "Made by hand"  # source text; translated later
    assert dialog.message_box is not None and dialog.progress is None


def test_usb_backup_then_restore_hands_over_to_the_desk(empty_ctx: AppContext, qtbot: QtBot,
                                                       tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    calls: list[str] = []
    _note(empty_ctx, "sebelum")
    dialog = make(empty_ctx, qtbot, choose_folder=lambda _parent: usb,
                  passphrase=lambda _parent, _twice: PASS,
                  choose_file=lambda _parent: next(usb.iterdir()),
                  confirm=lambda _parent, _name: True,
                  close_storage=lambda: (calls.append("closed"), empty_ctx.close()),
                  after_restore=lambda result: calls.append(f"restored {result.source}"))
    dialog.usb_button.click()
    (sealed,) = usb.iterdir()
    assert sealed.suffix == ".siksbak"
    _note(empty_ctx, "sesudah")

    dialog.restore_file_button.click()
    assert calls == ["closed"]  # the desk acts once the operator has read the message
    assert dialog.message_box is not None
    dialog.message_box.accept()

    assert calls == ["closed", f"restored {sealed.name}"]
    assert _note(empty_ctx) == "sebelum"
    assert (empty_ctx.paths.home / "sync" / "restored.json").exists()


def test_a_refused_restore_changes_nothing(empty_ctx: AppContext, qtbot: QtBot,
                                           tmp_path: Path) -> None:
    fake = tmp_path / "bukan.sqlite3"
    fake.write_bytes(b"no database here" * 100)
    results: list[object] = []
    _note(empty_ctx, "tetap")
    dialog = make(empty_ctx, qtbot, choose_file=lambda _parent: fake,
                  confirm=lambda _parent, _name: True, after_restore=results.append)
    dialog.restore_file_button.click()
    assert results == [None]  # the desk reopens or quits; the data are as they were
    assert _note(empty_ctx) == "tetap"
    assert dialog.message_box is not None and "bukan basis data" in dialog.message_box.text()


def test_passphrase_must_be_typed_twice_alike(qtbot: QtBot) -> None:
    dialog = PassphraseDialog(True)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.first.setText("pendek")
    assert not ok.isEnabled()
    dialog.first.setText(PASS)
    dialog.second.setText(PASS + "x")
    assert not ok.isEnabled() and dialog.hint.text()
    dialog.second.setText(PASS)
    assert ok.isEnabled()


def test_daily_backup_at_start_is_written_once_a_day(empty_ctx: AppContext,
                                                     qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    start_daily_backup(parent, empty_ctx, SyncTaskRunner())
    start_daily_backup(parent, empty_ctx, SyncTaskRunner())
    copies = list(empty_ctx.paths.backups.glob("*-daily.sqlite3"))
    assert len(copies) == 1
