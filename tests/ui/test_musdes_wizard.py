"""The whole MusDes through the GUI: registry edits → proposals → marked ready in the Usulan list
→ the wizard (details, attendees, agenda, every item decided with the keyboard, closed and
resumed mid-way) → summary → no Kepala Desa account yet (the page says where to make one),
then its password: a wrong one refused (nothing changes), the right one finalises and locks →
the Berita Acara PDF holds the decisions → the export gate offers exactly the approved
proposals."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from accounts_support import (
    APPROVER,
    add_approver,
    fast_hashes,  # noqa: F401  (a fixture)
)
from musdes_village import PASSWORD, load, ruta_ids, ruta_uuid, village, with_member
from siksdesk.domain.usulan_rules import UsulanRuleError
from siksdesk.paths import AppPaths
from siksdesk.services import musdes
from siksdesk.services.household_edit import save_household
from siksdesk.services.programmes import propose_replacement, set_beneficiaries, set_programme
from siksdesk.services.proposals import exportable_proposals, list_proposals, mark_ready
from siksdesk.services.training import is_training
from siksdesk.ui.musdes_wizard import (
    AGENDA,
    ATTENDEES,
    DETAILS,
    FINALISE,
    ITEMS,
    SUMMARY,
    MusdesWizard,
)
from siksdesk.ui.tasks import SyncTaskRunner
from siksdesk.ui.usulan_view import UsulanView

pytestmark = pytest.mark.usefixtures("fast_hashes")


@pytest.fixture
def factory(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    with village(tmp_path) as made:
        first, second = ruta_ids(made)[:2]
        for ruta_id, index, change in ((first, 0, {"nama": "Kepala Satu"}),
                                       (first, 1, {"values": {"keberadaan": 2}}),
                                       (second, 0, {"nama": "Kepala Dua"}),
                                       (second, 1, {"nama": "Istri Dua"})):
            save_household(made, with_member(load(made, ruta_id), index, **change), author="op")
        yield made


def _active(qtbot: QtBot, widget: object) -> None:
    qtbot.addWidget(widget)
    widget.show()  # type: ignore[attr-defined]
    widget.activateWindow()  # type: ignore[attr-defined]
    qtbot.waitUntil(widget.isActiveWindow)  # type: ignore[attr-defined]


def _mark_all_ready(qtbot: QtBot, factory: sessionmaker[Session]) -> list[int]:
    view = UsulanView(factory, SyncTaskRunner(), "op", "en")
    _active(qtbot, view)
    view.refresh()
    assert view.proxy.rowCount() == 4
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in range(4):
        view.table.selectionModel().select(view.proxy.index(row, 0), flags)
    view.ready_button.click()
    view.close()
    with factory() as session:
        rows = list_proposals(session)
    assert {r.status for r in rows} == {"ready"}
    return [r.id for r in rows]


def _wizard(qtbot: QtBot, factory: sessionmaker[Session], home: Path) -> MusdesWizard:
    wizard = MusdesWizard(factory, SyncTaskRunner(), "op", "en", paths=AppPaths(home))
    _active(qtbot, wizard)
    return wizard


def _next(qtbot: QtBot, wizard: MusdesWizard, expected: int) -> None:
    wizard.button(QWizard.WizardButton.NextButton).click()
    qtbot.waitUntil(lambda: wizard.currentId() == expected)


def _key(qtbot: QtBot, wizard: MusdesWizard, key: Qt.Key,
         modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget() or wizard, key, modifier)


def test_the_whole_musdes_through_the_gui(qtbot: QtBot, factory: sessionmaker[Session],
                                          tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    ids = _mark_all_ready(qtbot, factory)
    wizard = _wizard(qtbot, factory, tmp_path / "home")
    assert wizard.currentId() == DETAILS
    wizard.details.place.setText("Balai Desa")
    wizard.details.chair.setText("Bapak Kades")
    wizard.details.note_taker.setText("Sekdes")
    _next(qtbot, wizard, ATTENDEES)
    page = wizard.attendees
    assert not page.isComplete()
    for name, title in (("Bu Ketua", "Ketua BPD"), ("Pak RT", "RT 001")):
        qtbot.keyClicks(page.name, name)
        page.title_edit.setText(title)
        qtbot.keyClick(page.name, Qt.Key.Key_Return)  # Enter adds, it does not leave the page
    assert wizard.currentId() == ATTENDEES and page.table.rowCount() == 2
    _next(qtbot, wizard, AGENDA)
    assert wizard.agenda.data is not None and len(wizard.agenda.data.steps) == 4
    _next(qtbot, wizard, ITEMS)
    items = wizard.items
    order = [s.rows[0].id for s in items.steps]
    assert sorted(order) == sorted(ids) and items.index == 0
    assert items.changes.rowCount() >= 1 and items.members.rowCount() == 2
    _key(qtbot, wizard, Qt.Key.Key_1)  # setuju: saved, on to the next
    assert items.index == 1
    _key(qtbot, wizard, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert items.index == 2

    wizard.close()  # closed mid-way: the meeting is resumed
    wizard = _wizard(qtbot, factory, tmp_path / "home")
    assert wizard.meeting is not None and wizard.details.place.text() == "Balai Desa"
    assert not wizard.details.resumed.isHidden()
    _next(qtbot, wizard, ATTENDEES)
    _next(qtbot, wizard, AGENDA)
    _next(qtbot, wizard, ITEMS)
    items = wizard.items
    assert items.index == 2  # the first undecided item
    _key(qtbot, wizard, Qt.Key.Key_2)  # tolak: the note takes the focus for the reason
    assert items.index == 2 and items.note.hasFocus()
    qtbot.keyClicks(items.note, "tidak sesuai")
    qtbot.keyClick(items.note, Qt.Key.Key_Return)  # saves the note, next item
    assert items.index == 3
    _key(qtbot, wizard, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # tunda
    assert items.note.hasFocus()
    qtbot.keyClick(items.note, Qt.Key.Key_Return)  # no note: on to the summary
    qtbot.waitUntil(lambda: wizard.currentId() == SUMMARY)
    assert wizard.summary.totals.text() == ("Approved: 2 · Rejected: 1 · Deferred: 1 · "
                                            "Not decided: 0")
    decided = {r.id: (r.decision, r.decision_note) for r in _rows(factory)}
    assert decided[order[2]] == ("reject", "tidak sesuai")
    assert decided[order[3]] == ("defer", "")

    _next(qtbot, wizard, FINALISE)
    final = wizard.finalise
    assert final.no_approver.isVisible() and not final.sign.isVisible()
    assert "File → User accounts" in final.no_approver.text()
    add_approver(factory, PASSWORD)  # made meanwhile in File → User accounts
    wizard.back()
    _next(qtbot, wizard, FINALISE)
    assert final.sign.isVisible() and not final.no_approver.isVisible()
    assert final.approver.currentData() == APPROVER
    assert final.approver.currentText() == "Bapak Kades (kades)"
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()

    qtbot.keyClicks(final.password, "bukan-sandinya")
    qtbot.keyClick(final.password, Qt.Key.Key_Return)
    assert final.message.text() == "Wrong username or password."
    with factory() as session:
        assert musdes.load_meeting(session, wizard.meeting.id).status == "open"
        assert exportable_proposals(session) == []
    final.password.setText(PASSWORD)
    with qtbot.waitSignal(wizard.finalised):
        final.finalise_button.click()
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    assert final.documents.isVisible() and not final.sign.isVisible()
    with pytest.raises(UsulanRuleError):
        musdes.decide(factory, wizard.meeting.id, order[3], None, author="op")

    target = tmp_path / "ba.pdf"
    offered: list[str] = []

    def choose(*args: object, **_kwargs: object) -> tuple[str, str]:
        offered.append(str(args[2]))
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(choose))
    final.ba_button.click()
    assert target.exists() and "Written" in final.message.text()
    with factory() as session:  # the training village's files are named ...-LATIHAN
        assert offered[0].endswith("-LATIHAN.pdf") is is_training(session), offered
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(target).pages)
    for word in ("Setuju", "Ditolak", "Ditunda", "Kepala Satu", "tidak sesuai"):
        assert word in text
    with factory() as session:
        assert [r.id for r in exportable_proposals(session)] == sorted(order[:2])


def _rows(factory: sessionmaker[Session]) -> list:  # type: ignore[type-arg]
    with factory() as session:
        return list_proposals(session)


def test_replacement_pairs_are_decided_together_on_one_page(
        qtbot: QtBot, tmp_path: Path) -> None:
    with village(tmp_path) as made:
        leaving, entering = (ruta_uuid(made, i) for i in ruta_ids(made)[:2])
        set_programme(made, "PKH", quota=1, author="op", name="Program Keluarga Harapan")
        set_beneficiaries(made, "PKH", [leaving], author="op")
        pair = propose_replacement(made, "PKH", author="op", exit_ruta=leaving,
                                   exit_reason="mampu", entry_ruta=entering)
        mark_ready(made, [pair.id], author="op")
        wizard = _wizard(qtbot, made, tmp_path / "home")
        wizard.details.place.setText("Balai Desa")
        wizard.details.chair.setText("Bapak Kades")
        wizard.details.note_taker.setText("Sekdes")
        _next(qtbot, wizard, ATTENDEES)
        wizard.attendees.name.setText("Bu Ketua")
        wizard.attendees.add()
        _next(qtbot, wizard, AGENDA)
        _next(qtbot, wizard, ITEMS)
        items = wizard.items
        assert [s.programme for s in items.steps] == ["PKH"]
        assert items.changes.rowCount() == 1 and "Kepala 1" in items.changes.item(0, 0).text()
        _key(qtbot, wizard, Qt.Key.Key_1)
        qtbot.waitUntil(lambda: wizard.currentId() == SUMMARY)
        with made() as session:
            assert [(r.id, r.decision) for r in list_proposals(session)] == [(pair.id,
                                                                             "approve")]
