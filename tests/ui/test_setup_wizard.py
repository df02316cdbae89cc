"""The set-up wizard, driven with the keyboard: training village → real village, the recovery
code page, validation messages, the district page, the accounts-only variant."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget, QWizard
from pytestqt.qtbot import QtBot

from accounts_support import fast_hashes  # noqa: F401  (fixture)
from siksdesk.app import open_app
from siksdesk.db.session import unit_of_work
from siksdesk.demo import build_demo_village
from siksdesk.models import VillageProfile
from siksdesk.paths import AppPaths
from siksdesk.services.village_setup import VillageSetupError
from siksdesk.sync.enrolment import make_profile
from siksdesk.sync.keys import KeyPair
from siksdesk.ui import setup_wizard
from siksdesk.ui.setup_wizard import (
    APPROVER,
    DISTRICT,
    OPERATOR,
    RECOVERY,
    SUMMARY,
    VILLAGE,
    SetupWizard,
)
from siksdesk.ui.tasks import SyncTaskRunner

KODE = "3522142011"


pytestmark = pytest.mark.usefixtures("fast_hashes")


@pytest.fixture
def training(tmp_path: Path) -> AppPaths:
    paths = AppPaths(tmp_path / "home")
    ctx = open_app(paths)
    try:
        build_demo_village(ctx, people=20)
    finally:
        ctx.close()
    return paths


@pytest.fixture
def wizard(qtbot: QtBot, training: AppPaths) -> Iterator[SetupWizard]:
    closed: list[bool] = []
    wizard = SetupWizard(SyncTaskRunner(), "id", paths=training,
                         close_storage=lambda: closed.append(True))
    wizard.closed = closed  # type: ignore[attr-defined]
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    yield wizard


def enter(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def type_into(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    qtbot.keyClicks(edit, text)


def fill_account(qtbot: QtBot, page: object, name: str, username: str, password: str) -> None:
    """Full name, then Tab through username, password and its repetition."""
    first = page.display_name  # type: ignore[attr-defined]
    type_into(qtbot, first, name)
    for text in (username, password, password):
        qtbot.keyClick(first.window().focusWidget(), Qt.Key.Key_Tab)
        qtbot.keyClicks(first.window().focusWidget(), text)


def test_keyboard_flow_to_the_recovery_code(qtbot: QtBot, wizard: SetupWizard,
                                            training: AppPaths) -> None:
    enter(qtbot, wizard.currentPage())
    assert wizard.currentId() == VILLAGE
    village = wizard.village
    type_into(qtbot, village.kode, "35.22.14.2011")
    assert village.names["nama_kabupaten"].text() == "Bojonegoro"  # pre-filled
    assert village.names["nama_provinsi"].text() == "Jawa Timur"
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # no village name
    type_into(qtbot, village.names["nama_desa"], "Sukamaju")
    enter(qtbot, village.names["nama_desa"])
    assert wizard.currentId() == DISTRICT
    enter(qtbot, wizard.district.skip)  # no file: Enter goes on
    assert wizard.currentId() == OPERATOR
    fill_account(qtbot, wizard.operator, "Siti Aminah", "siti", "rahasia-siti")
    assert wizard.operator.repeat.hasFocus()  # Tab order follows the form
    enter(qtbot, wizard.operator.repeat)
    assert wizard.currentId() == APPROVER
    fill_account(qtbot, wizard.approver, "Bapak Kepala", "pak.kades", "rahasia-kades")
    enter(qtbot, wizard.approver.repeat)
    assert wizard.currentId() == SUMMARY
    assert "Sukamaju" in wizard.summary.text.text()
    enter(qtbot, wizard.summary)
    qtbot.waitUntil(lambda: wizard.currentId() == RECOVERY)
    assert wizard.closed == [True]  # type: ignore[attr-defined]
    outcome = wizard.outcome
    assert outcome is not None and wizard.recovery.code.text() == outcome.recovery_code
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled()
    qtbot.keyClick(wizard.recovery, Qt.Key.Key_Escape)  # cannot leave before the tick
    assert wizard.isVisible()
    qtbot.waitUntil(wizard.recovery.noted.hasFocus)
    qtbot.keyClick(wizard.recovery.noted, Qt.Key.Key_Space)
    assert finish.isEnabled()
    enter(qtbot, wizard.recovery.noted)
    assert wizard.result() == QWizard.DialogCode.Accepted
    with closing(sqlite3.connect(training.database)) as conn:
        assert conn.execute("SELECT kode_desa, is_demo FROM village_profile").fetchone() == (
            KODE, 0)
    assert training.training.database.exists()


def test_every_label_has_a_mnemonic_buddy(wizard: SetupWizard) -> None:
    for page in (wizard.village, wizard.operator):
        form = page.findChild(QFormLayout)
        assert form is not None
        for edit in page.findChildren(QLineEdit):
            label = form.labelForField(edit)
            if label is not None and label.text():  # type: ignore[attr-defined]
                assert "&" in label.text() and label.buddy() is edit  # type: ignore


def test_bad_kode_desa_and_short_password_are_explained(qtbot: QtBot,
                                                        wizard: SetupWizard) -> None:
    wizard.next()
    village = wizard.village
    type_into(qtbot, village.kode, "35221420")
    assert "10 angka" in village.explain.text()
    type_into(qtbot, village.names["nama_desa"], "Sukamaju")
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    village.kode.setText("9922142011")
    assert "provinsi 99" in village.explain.text()
    village.kode.setText(KODE)
    assert village.isComplete()
    wizard.next()
    wizard.next()
    assert wizard.currentId() == OPERATOR
    fill_account(qtbot, wizard.operator, "Siti", "siti", "pendek")
    assert "minimal 8" in wizard.operator.message.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.operator.password.setText("rahasia-siti")
    assert "tidak sama" in wizard.operator.message.text()  # the repetition still differs
    wizard.operator.repeat.setText("rahasia-siti")
    assert wizard.operator.message.text() == ""
    wizard.next()
    fill_account(qtbot, wizard.approver, "Kades", "siti", "rahasia-kades")
    assert "berbeda" in wizard.approver.message.text()  # not the operator's username


def district_file(tmp_path: Path, village_code: str) -> Path:
    path = tmp_path / f"{village_code}.siksdesk-profile"
    path.write_bytes(make_profile(KeyPair.generate(), district_code="3522",
                                  district_name="Kab. Bojonegoro", village_code=village_code,
                                  village_name="Sukamaju",
                                  issued_at="2026-09-01T08:00:00+00:00"))
    return path


def test_district_profile_shows_its_fingerprint_and_must_fit(
        qtbot: QtBot, wizard: SetupWizard, tmp_path: Path) -> None:
    wizard.next()
    wizard.village.kode.setText(KODE)
    wizard.village.names["nama_desa"].setText("Sukamaju")
    wizard.next()
    district = wizard.district
    district.load_file(district_file(tmp_path, "3522142012"))
    assert "3522142012" in district.message.text()  # another village's profile
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    district.load_file(tmp_path / "missing.siksdesk-profile")
    assert "missing.siksdesk-profile" in district.message.text()
    good = district_file(tmp_path, KODE)
    district.load_file(good)
    assert district.message.text() == ""
    assert district.fingerprint.accessibleName() == district.profile.fingerprint  # type: ignore
    assert wizard.collect().district_profile == good.read_bytes()
    qtbot.mouseClick(district.skip, Qt.MouseButton.LeftButton)
    assert wizard.currentId() == OPERATOR and wizard.collect().district_profile is None


def to_summary(qtbot: QtBot, wizard: SetupWizard) -> None:
    wizard.next()
    wizard.village.kode.setText(KODE)
    wizard.village.names["nama_desa"].setText("Sukamaju")
    wizard.next()
    wizard.next()
    fill_account(qtbot, wizard.operator, "Siti", "siti", "rahasia-siti")
    wizard.next()
    fill_account(qtbot, wizard.approver, "Kades", "kades", "rahasia-kades")
    wizard.next()
    assert wizard.currentId() == SUMMARY


def test_a_refused_move_stays_on_the_summary(qtbot: QtBot, wizard: SetupWizard,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*_args: object, **_kwargs: object) -> None:
        raise VillageSetupError("TRAINING_IN_USE")

    monkeypatch.setattr(setup_wizard, "start_real_village", refused)
    to_summary(qtbot, wizard)
    wizard.next()
    assert wizard.currentId() == SUMMARY and wizard.outcome is None
    assert "masih dibuka" in wizard.summary.message.text()
    assert wizard.storage_closed  # the caller restarts the app on the training village
    assert wizard.button(QWizard.WizardButton.BackButton).isEnabled()


def test_recovery_code_prints(qtbot: QtBot, wizard: SetupWizard, tmp_path: Path) -> None:
    pdf = tmp_path / "kode.pdf"

    def to_pdf(_parent: QWidget, printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(pdf))
        return True

    wizard.ask_print = to_pdf
    to_summary(qtbot, wizard)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == RECOVERY)
    assert wizard.outcome is not None
    assert wizard.outcome.recovery_code in wizard.recovery.sheet_html()
    wizard.recovery.print_button.click()
    assert wizard.recovery.printed == 1 and pdf.stat().st_size > 0


def test_accounts_only_for_an_old_real_village(qtbot: QtBot, tmp_path: Path) -> None:
    ctx = open_app(AppPaths(tmp_path / "real"))
    try:
        with unit_of_work(ctx.sessions, "test") as session:
            session.add(VillageProfile(id=1, kode_desa=KODE, nama_desa="Sukamaju",
                                       nama_kecamatan="Kapas", nama_kabupaten="Bojonegoro",
                                       nama_provinsi="Jawa Timur", is_demo=False))
        wizard = SetupWizard(SyncTaskRunner(), "id", sessions=ctx.sessions)
        qtbot.addWidget(wizard)
        wizard.show()
        wizard.next()
        assert wizard.currentId() == OPERATOR
        fill_account(qtbot, wizard.operator, "Siti", "siti", "rahasia-siti")
        wizard.next()
        fill_account(qtbot, wizard.approver, "Kades", "kades", "rahasia-kades")
        wizard.next()
        wizard.next()
        qtbot.waitUntil(lambda: wizard.currentId() == RECOVERY)
        assert wizard.outcome is not None and wizard.outcome.nama_desa == "Sukamaju"
    finally:
        ctx.close()
