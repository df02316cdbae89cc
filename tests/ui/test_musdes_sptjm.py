"""The MusDes wizard's other paths: the SPTJM (no deliberation held: no attendees, the Kepala
Desa's statement in the PDF), the attendance sheet printed before the meeting while the Berita
Acara waits for finalisation, a photo attached from the finalised page (kept with its hash),
and carrying a deferred proposal forward in the Usulan list."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QFileDialog, QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from accounts_support import (
    APPROVER,
    add_approver,
    fast_hashes,  # noqa: F401  (a fixture)
)
from musdes_village import PASSWORD, load, ruta_ids, village, with_member
from siksdesk.domain.musdes import Decision, MeetingKind
from siksdesk.paths import AppPaths
from siksdesk.services import musdes
from siksdesk.services.attachments import list_attachments
from siksdesk.services.household_edit import save_household
from siksdesk.services.proposals import list_proposals, mark_ready
from siksdesk.ui.musdes_wizard import (
    AGENDA,
    ATTENDEES,
    DETAILS,
    ERROR_STYLE,
    FINALISE,
    ITEMS,
    SUMMARY,
    MusdesWizard,
)
from siksdesk.ui.tasks import SyncTaskRunner
from siksdesk.ui.usulan_model import ENTRY_ROLE
from siksdesk.ui.usulan_view import UsulanView

STATEMENT = "Saya bertanggung jawab penuh atas keputusan uji SPTJM ini."


pytestmark = pytest.mark.usefixtures("fast_hashes")


@pytest.fixture
def factory(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    """Two ready corrections: the heads of households 1 and 2 renamed."""
    with village(tmp_path) as made:
        for ruta_id, name in zip(ruta_ids(made)[:2], ("Kepala Satu", "Kepala Dua"),
                                 strict=True):
            save_household(made, with_member(load(made, ruta_id), 0, nama=name), author="op")
        with made() as session:
            ids = [r.id for r in list_proposals(session)]
        mark_ready(made, ids, author="op")
        add_approver(made, PASSWORD)
        yield made


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def _wizard(qtbot: QtBot, factory: sessionmaker[Session], home: Path) -> MusdesWizard:
    wizard = MusdesWizard(factory, SyncTaskRunner(), "op", "en", paths=AppPaths(home))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)
    return wizard


def _next(qtbot: QtBot, wizard: MusdesWizard, expected: int) -> None:
    wizard.button(QWizard.WizardButton.NextButton).click()
    qtbot.waitUntil(lambda: wizard.currentId() == expected)


def _approve_everything(qtbot: QtBot, wizard: MusdesWizard) -> None:
    _next(qtbot, wizard, ITEMS)
    for _ in wizard.items.steps:
        qtbot.keyClick(QApplication.focusWidget() or wizard, Qt.Key.Key_1)  # setuju
    qtbot.waitUntil(lambda: wizard.currentId() == SUMMARY)
    _next(qtbot, wizard, FINALISE)


def _finalise(qtbot: QtBot, wizard: MusdesWizard) -> None:
    final = wizard.finalise
    assert final.sign.isVisible() and final.approver.currentData() == APPROVER
    final.password.setText(PASSWORD)
    with qtbot.waitSignal(wizard.finalised, timeout=5000):
        final.finalise_button.click()
    assert final.documents.isVisible()


def _save_to(monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *_a, **_k: (str(target), "")))


def _pdf_text(path: Path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(path).pages)


def _png(path: Path) -> Path:
    image = QImage(16, 12, QImage.Format.Format_RGB32)
    image.fill(QColor("#2e7d32"))
    assert image.save(str(path), "PNG")
    return path


def test_the_sptjm_path_skips_attendees_and_prints_the_statement(
        qtbot: QtBot, factory: sessionmaker[Session], home: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    wizard = _wizard(qtbot, factory, home)
    details = wizard.details
    details.kind.setCurrentIndex(details.kind.findData(MeetingKind.SPTJM.value))
    assert wizard.is_sptjm and details.place.isHidden() and not details.statement.isHidden()
    details.chair.setText("Bapak Kades")
    details.statement.setPlainText(STATEMENT)
    _next(qtbot, wizard, AGENDA)  # no attendees page for an SPTJM
    assert wizard.meeting is not None and wizard.meeting.kind == MeetingKind.SPTJM
    assert wizard.meeting.statement == STATEMENT
    _approve_everything(qtbot, wizard)
    _finalise(qtbot, wizard)
    final = wizard.finalise
    assert final.ba_button.text() == "Write the SPTJM (PDF)…"
    assert final.attendance_button.isHidden() and final.photo_button.isHidden()

    target = tmp_path / "sptjm.pdf"
    _save_to(monkeypatch, target)
    final.ba_button.click()
    assert "Written" in final.message.text()
    text = " ".join(_pdf_text(target).split())
    for words in (STATEMENT, "Kepala Satu", "Kepala Dua", "Setuju"):
        assert words in text

    scan = _png(tmp_path / "sptjm-ditandatangani.png")  # the signed statement, scanned
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *_a, **_k: ([str(scan)], "")))
    final.scan_button.click()
    [attached] = list_attachments(AppPaths(home), wizard.meeting.uuid)
    assert attached.kind == "signed_sptjm" and attached.media_type == "image/png"
    assert attached.sha256 == hashlib.sha256(scan.read_bytes()).hexdigest()


def test_the_attendance_sheet_before_the_meeting_and_a_photo_after_it(
        qtbot: QtBot, factory: sessionmaker[Session], home: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    wizard = _wizard(qtbot, factory, home)
    assert wizard.currentId() == DETAILS
    wizard.details.place.setText("Balai Desa")
    wizard.details.chair.setText("Bapak Kades")
    wizard.details.note_taker.setText("Sekdes")
    _next(qtbot, wizard, ATTENDEES)
    page = wizard.attendees
    page.name.setText("Bu Ketua")
    page.title_edit.setText("Ketua BPD")
    page.add()

    sheet = tmp_path / "daftar-hadir.pdf"
    _save_to(monkeypatch, sheet)
    page.print_button.click()  # the meeting is still open: a form to sign
    assert "Written" in page.error.text()
    text = _pdf_text(sheet)
    assert "DAFTAR HADIR" in text and "Bu Ketua" in text and "Balai Desa" in text

    _next(qtbot, wizard, AGENDA)
    _approve_everything(qtbot, wizard)
    final = wizard.finalise
    early = tmp_path / "ba-too-early.pdf"
    _save_to(monkeypatch, early)
    final.write_ba()  # the Berita Acara stays strict: not before finalisation
    assert not early.exists()
    assert "not been finalised" in final.message.text()
    assert final.message.styleSheet() == ERROR_STYLE

    _finalise(qtbot, wizard)
    assert not final.photo_button.isHidden()
    photo = _png(tmp_path / "foto-musdes.png")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *_a, **_k: ([str(photo)], "")))
    final.photo_button.click()
    assert "1 files attached" in final.message.text()
    assert wizard.meeting is not None
    [attached] = list_attachments(AppPaths(home), wizard.meeting.uuid)
    assert (attached.kind, attached.original_name) == ("photo", "foto-musdes.png")
    assert attached.sha256 == hashlib.sha256(photo.read_bytes()).hexdigest()


def test_a_deferred_proposal_is_carried_forward_in_the_usulan_list(
        qtbot: QtBot, factory: sessionmaker[Session]) -> None:
    with factory() as session:
        first, second = list_proposals(session)
    meeting = musdes.create_sptjm(factory, author="op", held_on=date(2026, 11, 20),
                                  chair="Bapak Kades", statement=STATEMENT)
    musdes.decide(factory, meeting.id, first.id, Decision.TUNDA, author="op")
    musdes.decide(factory, meeting.id, second.id, Decision.SETUJU, author="op")
    musdes.finalise(factory, meeting.id, APPROVER, PASSWORD, author="op")

    view = UsulanView(factory, SyncTaskRunner(), "op", "en")
    qtbot.addWidget(view)
    view.show()
    view.status_filter.setCurrentIndex(view.status_filter.findData("deferred"))
    view.refresh()
    assert view.proxy.rowCount() == 1
    view.table.selectionModel().select(
        view.proxy.index(0, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
    assert view.carry_button.isEnabled()
    with qtbot.waitSignal(view.changed, timeout=2000):
        view.carry_button.click()
    assert "Carried forward" in view.message.text()

    with factory() as session:
        rows = {r.id: r for r in list_proposals(session)}
    [copy] = [r for r in rows.values() if r.previous_id == first.id]
    assert (copy.status, copy.changes, copy.meeting_id) == ("draft", first.changes, None)
    assert rows[first.id].status == "deferred"  # the meeting's record stays as decided
    view.status_filter.setCurrentIndex(view.status_filter.findData("open"))
    listed = [view.proxy.index(r, 0).data(ENTRY_ROLE).row.id
              for r in range(view.proxy.rowCount())]
    assert listed == [copy.id]  # the new draft waits for the next meeting
