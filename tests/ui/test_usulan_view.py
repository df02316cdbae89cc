"""The Usulan list: edits show up as proposals with what changes; mark ready (several at once),
withdraw after a confirmation that explains the registry edit stays, the held-back line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from musdes_village import load, ruta_ids, village, with_member
from siksdesk.services.household_edit import save_household
from siksdesk.services.proposals import list_proposals
from siksdesk.ui.tasks import SyncTaskRunner
from siksdesk.ui.usulan_model import COL_CHANGES, COL_STATUS
from siksdesk.ui.usulan_view import UsulanView


@pytest.fixture
def factory(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    with village(tmp_path) as made:
        first, second = ruta_ids(made)[:2]
        save_household(made, with_member(load(made, first), 0, nama="Kepala Satu"), author="op")
        save_household(made, with_member(load(made, first), 1, values={"keberadaan": 2}),
                       author="op")
        save_household(made, with_member(load(made, second), 0, nama="Kepala Dua"),
                       author="op")
        yield made


def _view(qtbot: QtBot, factory: sessionmaker[Session]) -> UsulanView:
    view = UsulanView(factory, SyncTaskRunner(), "op", "en")
    qtbot.addWidget(view)
    view.resize(1000, 500)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)  # shortcuts fire in the active window only
    view.refresh()
    return view


def _select(view: UsulanView, rows: list[int]) -> None:
    view.table.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        view.table.selectionModel().select(view.proxy.index(row, 0), flags)


def _statuses(factory: sessionmaker[Session]) -> list[str]:
    with factory() as session:
        return [r.status for r in list_proposals(session)]


def test_the_model_passes_the_model_tester_and_shows_what_changes(
        qtbot: QtBot, qtmodeltester: object, factory: sessionmaker[Session]) -> None:
    view = _view(qtbot, factory)
    qtmodeltester.check(view.model)  # type: ignore[attr-defined]
    assert view.proxy.rowCount() == 3
    texts = {view.proxy.index(r, COL_CHANGES).data() for r in range(3)}
    assert "Name: Kepala 1 → Kepala Satu" in texts
    kinds = {view.proxy.index(r, 1).data() for r in range(3)}
    assert kinds == {"Data correction", "Deactivation"}
    assert {view.proxy.index(r, COL_STATUS).data() for r in range(3)} == {"Draft"}
    assert "Held back from export: 3 × " in view.held.text()
    assert "3 open proposals, 0 of them ready" in view.counts.text()


def test_mark_several_ready_then_withdraw_one_after_confirming(
        qtbot: QtBot, factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch) -> None:
    view = _view(qtbot, factory)
    changed: list[None] = []
    view.changed.connect(lambda: changed.append(None))
    _select(view, [0, 1, 2])
    assert view.ready_button.isEnabled()
    qtbot.keyClick(view.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(changed))  # a button's shortcut animates the click first
    assert _statuses(factory) == ["ready"] * 3
    assert "3 proposals marked ready" in view.message.text()

    asked: list[str] = []

    def answer(box: QMessageBox) -> int:
        asked.append(box.informativeText())
        return QMessageBox.StandardButton.No if len(asked) == 1 else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "exec", answer)
    _select(view, [0])
    view.withdraw_button.click()  # "No": nothing changes
    assert _statuses(factory) == ["ready"] * 3
    view.withdraw_button.click()
    assert "registry edit itself stays" in asked[0]
    assert sorted(_statuses(factory)) == ["ready", "ready", "withdrawn"]
    assert view.proxy.rowCount() == 2  # the default filter shows open proposals only
    view.status_filter.setCurrentIndex(view.status_filter.findData("all"))
    assert view.proxy.rowCount() == 3


def test_open_household_emits_its_id(qtbot: QtBot, factory: sessionmaker[Session]) -> None:
    view = _view(qtbot, factory)
    _select(view, [0])
    with qtbot.waitSignal(view.open_record) as blocker:
        view.open_button.click()
    assert blocker.args == [ruta_ids(factory)[0]]
