"""Riwayat: a household's history from the editor (Ctrl+H) and the audit trail with
"Periksa rantai" finding a tampered entry."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from siksdesk.app import AppContext
from siksdesk.db.session import unit_of_work
from siksdesk.models import Art, Keluarga, Ruta
from siksdesk.ui.editor.household_editor import HouseholdEditor
from siksdesk.ui.history_view import AuditTrailDialog, HouseholdHistoryDialog
from siksdesk.ui.tasks import SyncTaskRunner


def _rename_first_member(ctx: AppContext) -> tuple[int, str, str]:
    """(ruta id, old name, new name) after an operator's name fix."""
    with unit_of_work(ctx.sessions, "operator-test") as session:
        art, ruta_id = session.execute(
            select(Art, Ruta.id).join(Keluarga, Art.keluarga_id == Keluarga.id)
            .join(Ruta, Keluarga.ruta_id == Ruta.id).order_by(Ruta.id).limit(1)).one()
        old = art.nama
        art.nama = f"{old} Baru"
        return int(ruta_id), old, art.nama


def _rows(dialog: HouseholdHistoryDialog | AuditTrailDialog) -> list[list[str]]:
    model = dialog.model
    return [[model.data(model.index(r, c)) for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def test_household_history_shows_field_before_and_after(qtbot: QtBot, qtmodeltester: object,
                                                        village_ctx: AppContext) -> None:
    ruta_id, old, new = _rename_first_member(village_ctx)
    dialog = HouseholdHistoryDialog(village_ctx.sessions, SyncTaskRunner(), ruta_id)
    qtbot.addWidget(dialog)
    rows = _rows(dialog)
    assert (rows[0][2], rows[0][4]) == ("demo village", "added")
    change = [r for r in rows if r[5] == "nama"]
    assert len(change) == 1
    when, who, _origin, record, what, _field, before, after, entry = change[0]
    assert (who, what, before, after) == ("operator-test", "changed", old, new)
    assert record == f"art {new}" and entry.isdigit() and len(when) == 16
    qtmodeltester.check(dialog.model)  # type: ignore[attr-defined]


def test_editor_opens_the_history_with_ctrl_h(qtbot: QtBot, village_ctx: AppContext) -> None:
    ruta_id, _old, new = _rename_first_member(village_ctx)
    editor = HouseholdEditor(village_ctx.sessions, SyncTaskRunner(), author="operator-test",
                             lang="id")
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    assert editor.open_household(ruta_id)
    assert editor.history_button.isEnabled()
    action = editor.actions_by_name["history"]
    assert action.shortcut() == QKeySequence("Ctrl+H")
    action.trigger()
    dialogs = [w for w in QApplication.topLevelWidgets()
               if isinstance(w, HouseholdHistoryDialog) and w.isVisible()]
    assert len(dialogs) == 1
    assert any(r[7] == new for r in _rows(dialogs[0]))
    dialogs[0].close()


def test_audit_trail_lists_entries_and_checks_the_chain(qtbot: QtBot, qtmodeltester: object,
                                                        village_ctx: AppContext) -> None:
    _rename_first_member(village_ctx)
    dialog = AuditTrailDialog(village_ctx.sessions, SyncTaskRunner())
    qtbot.addWidget(dialog)
    rows = _rows(dialog)
    assert len(rows) >= 2 and rows[0][3] == "edit" and "art: update 1" in rows[0][4]
    assert rows[0][5] == "nama" and rows[0][2] == "operator-test"
    qtmodeltester.check(dialog.model)  # type: ignore[attr-defined]
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.report is not None and dialog.report.ok
    assert "intact" in dialog.status.text()

    with sqlite3.connect(village_ctx.database, isolation_level=None) as conn:
        conn.execute("DROP TRIGGER audit_log_no_update")
        conn.execute("UPDATE audit_log SET author = 'someone' WHERE id = 1")
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.report is not None and dialog.report.problem is not None
    assert dialog.report.problem.code == "ENTRY_EDITED"
    assert "BROKEN" in dialog.status.text() and dialog.check_button.isEnabled()
    selected = dialog.view.selectionModel().selectedRows()
    assert [dialog.model.item_at(i.row()).id for i in selected] == [1]
