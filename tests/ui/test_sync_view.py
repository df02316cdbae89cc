""" "Kirim ke Dinas": enrolment with the real district receiver (profile in, fingerprint compared,
registration out), seal → the table, write to a folder → the file verifies at the district, the
district's receipt imported → proposals accepted; the held-back reasons; the catch-up banner
after a restore; refusals shown with their message; the background uploader against a real
loopback HTTP server and with the server absent."""

from __future__ import annotations

import dataclasses
import socket
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from siksdesk.db.engine import make_engine
from siksdesk.db.session import make_session_factory, unit_of_work
from siksdesk.district.context import District as RealDistrict
from siksdesk.district.context import init_district
from siksdesk.district.devices import make_village_profile, register_device
from siksdesk.district.ingest import ingest
from siksdesk.models import Usulan, VillageProfile
from siksdesk.services.proposals import held_back
from siksdesk.sync.device import import_profile
from siksdesk.sync.keys import KeyPair, load_private
from siksdesk.sync.outbox import pending_containers, seal_next
from siksdesk.sync.status import sync_status
from siksdesk.sync.transport import RetryPolicy
from siksdesk.sync.village_types import SyncEnv, UploadResult, unix_now
from siksdesk.ui.sync_auto import AutoUploader, Idle
from siksdesk.ui.sync_models import (
    COL_ATTEMPTS,
    COL_H_REASON,
    COL_PROBLEM,
    COL_STATE,
    BundleModel,
    HeldModel,
)
from siksdesk.ui.sync_view import ENROLMENT_PAGE, MAIN_PAGE, SyncView
from siksdesk.ui.tasks import SyncTaskRunner, TaskRunner
from sync_village import VILLAGE_CODE, District, SyncVillage, sync_village

FAST = RetryPolicy(attempts=2, base_delay=0.01, max_delay=0.05, connect_timeout=1.0,
                   read_timeout=5.0, total=5.0)


@pytest.fixture
def made(tmp_path: Path) -> Iterator[SyncVillage]:
    with sync_village(tmp_path) as village:
        yield village


@pytest.fixture
def unenrolled(tmp_path: Path) -> Iterator[SyncVillage]:
    with sync_village(tmp_path, enrol=False) as village:
        with unit_of_work(village.factory, "op", origin="edit") as session:
            session.add(VillageProfile(id=1, kode_desa=VILLAGE_CODE, nama_desa="Sukamaju",
                                       nama_kecamatan="Kapas", nama_kabupaten="Bojonegoro",
                                       nama_provinsi="Jawa Timur", is_demo=False))
        yield village


@pytest.fixture
def dinas(tmp_path: Path) -> Iterator[RealDistrict]:
    district = init_district(tmp_path / "dinas", None, district_code="3522",
                             district_name="Kab. Bojonegoro")
    yield district
    district.close()


def _view(qtbot: QtBot, env: SyncEnv, runner: object | None = None) -> SyncView:
    view = SyncView(env, runner or SyncTaskRunner(), "op", "en")  # type: ignore[arg-type]
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    view.refresh()
    return view


def _box_text(view: SyncView) -> str:
    box = view.last_box
    text = box.text()
    box.close()
    return text


def _statuses(env: SyncEnv, ids: list[int]) -> set[str]:
    with env.sessions() as session:
        return set(session.scalars(select(Usulan.status).where(Usulan.id.in_(ids))))


def test_enrolment_seal_write_and_receipt_with_the_real_district(
        qtbot: QtBot, unenrolled: SyncVillage, dinas: RealDistrict, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    env = dataclasses.replace(unenrolled.env, clock=unix_now)
    view = _view(qtbot, env)
    assert view.stack.currentIndex() == ENROLMENT_PAGE
    device = load_private(env.key_file)  # made for the page, so its fingerprint shows
    assert view.device_fingerprint.accessibleName() == device.fingerprint

    other_village = tmp_path / "lain.siksdesk-profile"
    other_village.write_bytes(make_village_profile(dinas, "3522010002", "Desa Lain"))
    view.import_profile(other_village)
    assert "3522010002" in _box_text(view) and view.stack.currentIndex() == ENROLMENT_PAGE

    profile = tmp_path / "dinas.siksdesk-profile"
    profile.write_bytes(make_village_profile(dinas, VILLAGE_CODE, "Desa Sukamaju"))
    view.import_profile(profile)
    dialog = view.profile_dialog
    assert dialog.fingerprint.accessibleName() == dinas.keys.fingerprint
    assert dialog.import_button.isDefault()
    dialog.accept()
    assert view.stack.currentIndex() == MAIN_PAGE
    assert "Kab. Bojonegoro (3522)" in view.status_line.text()
    assert "no server" in view.status_line.text()
    assert not view.upload_button.isEnabled() and not view.fetch_button.isEnabled()

    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *_a, **_k: (str(tmp_path / "laptop-desa"), ""))
    view.save_registration()
    registration = view.registration_dialog
    assert registration.name.text() == "Sukamaju"
    read_out = registration.fingerprint.text()  # what the operator reads to the officer
    registration.accept()
    saved = tmp_path / "laptop-desa.siksdesk-device"
    assert saved.exists() and device.fingerprint in _box_text(view)
    register_device(dinas, saved.read_bytes(), read_out)

    assert view.ready_label.text().startswith("Ready to send: 3 ")
    changed: list[bool] = []
    view.data_changed.connect(lambda: changed.append(True))
    view.seal_button.click()
    assert view.bundles.rowCount() == 1 and changed
    assert view.bundle_table.model().index(0, COL_STATE).data() == "Waiting for receipt"
    assert "3:" in view.bundles.index(0, 2).data()
    assert not view.seal_button.isEnabled()  # nothing left to seal
    assert _statuses(env, unenrolled.approved) == {"sent"}

    stick = tmp_path / "usb"
    stick.mkdir()
    view.write_to_folder(stick)
    [written] = list(stick.iterdir())
    assert written.name == f"siksdesk-{VILLAGE_CODE}-000001.siksdesk-bundle"
    assert written.name in _box_text(view)
    result = ingest(dinas, written.read_bytes())  # at the Dinas office
    assert (result.outcome, result.accepted) == ("applied", 3)
    assert result.receipt is not None
    receipt = stick / "tanda-terima-000001.siksdesk-receipt"
    receipt.write_bytes(result.receipt)

    view.import_files([receipt])
    summary = _box_text(view)
    assert "Receipt for bundle no. 1: applied; 3 accepted, 0 rejected" in summary
    assert _statuses(env, unenrolled.approved) == {"accepted_by_dinas"}
    assert view.bundle_table.model().index(0, COL_STATE).data() == "Received"
    assert "last receipt: bundle no. 1" in view.status_line.text()
    view.import_files([receipt])  # the same file again: harmless, said so
    assert "already imported before" in _box_text(view)


def test_another_district_profile_needs_a_confirmation(qtbot: QtBot, made: SyncVillage,
                                                       tmp_path: Path) -> None:
    view = _view(qtbot, made.env)
    before = sync_status(made.env).profile
    assert before is not None and view.stack.currentIndex() == MAIN_PAGE
    stranger = tmp_path / "baru.siksdesk-profile"
    stranger.write_bytes(District(KeyPair.generate()).profile())
    view.import_profile(stranger)
    view.profile_dialog.accept()
    box = view.replace_box
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    box.button(QMessageBox.StandardButton.No).click()
    assert sync_status(made.env).profile == before
    view.import_profile(stranger)
    view.profile_dialog.accept()
    view.replace_box.button(QMessageBox.StandardButton.Yes).click()
    after = sync_status(made.env).profile
    assert after is not None and after.key_id != before.key_id


def test_held_back_proposals_are_listed_with_their_reason(
        qtbot: QtBot, qtmodeltester: object, made: SyncVillage) -> None:
    view = _view(qtbot, made.env)
    with made.factory() as session:
        expected = sorted(h.message("en") for h in held_back(session))
    shown = sorted(view.held.index(r, COL_H_REASON).data() for r in range(view.held.rowCount()))
    assert shown == expected and len(shown) == 2  # the rejected and the deferred proposal
    assert "Held back (2)" in view.held_box.title()
    opened: list[int] = []
    view.open_record.connect(opened.append)
    view.held_table.setCurrentIndex(view.held_table.model().index(0, 0))
    view.held_table.doubleClicked.emit(view.held_table.currentIndex())
    assert len(opened) == 1
    seal_next(made.env, author="op")
    view.refresh()
    qtmodeltester.check(view.bundles)  # type: ignore[attr-defined]
    qtmodeltester.check(view.held)  # type: ignore[attr-defined]
    assert isinstance(view.bundles, BundleModel) and isinstance(view.held, HeldModel)


def test_catch_up_banner_after_a_restore_until_the_receipt(
        qtbot: QtBot, made: SyncVillage, tmp_path: Path) -> None:
    backup = tmp_path / "backup.sqlite3"
    with sqlite3.connect(made.factory.kw["bind"].url.database) as conn:
        conn.execute("VACUUM INTO ?", (str(backup),))
    seal_next(made.env, author="op")  # sealed after the backup point
    bundle = pending_containers(made.env)[0][2]
    engine = make_engine(backup)
    try:
        restored = dataclasses.replace(made.env, sessions=make_session_factory(engine))
        view = _view(qtbot, restored)
        assert view.banner.isVisible() and "restored from a backup" in view.banner.text()
        assert "bundle no. 1" in view.banner.text()
        assert not view.seal_button.isEnabled()
        assert view.ready_label.text().startswith("Ready to send: 3 ")
        receipt = tmp_path / "latest.siksdesk-receipt"
        receipt.write_bytes(made.district.receipt(bundle, made.device, results=[]))
        view.import_files([receipt])
        assert "sealing is possible again" in _box_text(view)
        assert not view.banner.isVisible() and view.seal_button.isEnabled()
    finally:
        engine.dispose()


def test_refusals_show_their_message_and_other_errors_are_not_swallowed(
        qtbot: QtBot, made: SyncVillage, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    view = _view(qtbot, made.env)
    junk = tmp_path / "foto.siksdesk-receipt"
    junk.write_bytes(b"not a receipt at all" * 10)
    view.import_files([junk])
    assert view.last_box.icon() == QMessageBox.Icon.Warning
    assert view.message.text() == _box_text(view) != ""
    assert not view.busy and view.progress_dialog is None
    view.write_to_folder(tmp_path)  # nothing sealed yet: the button would be disabled
    assert _box_text(view) == "No bundle is waiting to be sent."
    caught: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda _t, error, _tb: caught.append(error))

    def broken(_p: object, _c: object) -> None:
        raise RuntimeError("a bug")

    view.run_long("x", broken, lambda _r: None)
    assert [str(e) for e in caught] == ["a bug"]


def test_every_button_has_a_mnemonic(qtbot: QtBot, made: SyncVillage) -> None:
    view = _view(qtbot, made.env)
    buttons = (view.seal_button, view.write_button, view.upload_button, view.import_button,
               view.fetch_button, view.registration_button, view.profile_button,
               view.enrolment.import_button, view.enrolment.register_button)
    keys = [b.text()[b.text().index("&") + 1].lower() for b in buttons]
    assert len(set(keys[:7])) == 7 and len(set(keys[7:])) == 2


Handler = Callable[[bytes], tuple[int, bytes]]


@pytest.fixture
def loopback() -> Iterator[Callable[[Handler], str]]:
    servers: list[ThreadingHTTPServer] = []

    def start(answer: Handler) -> str:
        class _Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                status, body = answer(self.rfile.read(int(self.headers["Content-Length"])))
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_args: object) -> None:
                return None

        httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        servers.append(httpd)
        return f"http://127.0.0.1:{httpd.server_address[1]}"

    yield start
    for httpd in servers:
        httpd.shutdown()
        httpd.server_close()


def _with_server(made: SyncVillage, url: str) -> None:
    import_profile(made.env, made.district.profile(server_url=url), author="op")


def test_background_upload_to_a_loopback_server(
        qtbot: QtBot, made: SyncVillage, loopback: Callable[[Handler], str]) -> None:
    posted: list[int] = []
    release = threading.Event()

    def answer(body: bytes) -> tuple[int, bytes]:
        posted.append(len(body))
        release.wait(10)  # the upload stays in flight until the test has looked
        return 200, made.district.receipt(body, made.device)

    _with_server(made, loopback(answer))
    seal_next(made.env, author="op")
    runner = TaskRunner()
    auto = AutoUploader(made.env, runner, "op", "en", first_delay_ms=10, policy=FAST)
    view = SyncView(made.env, SyncTaskRunner(), "op", "en", auto=auto)
    qtbot.addWidget(view)
    changed: list[bool] = []
    view.data_changed.connect(lambda: changed.append(True))
    with qtbot.waitSignal(auto.finished, timeout=10_000) as done:
        auto.start()
        qtbot.waitUntil(lambda: bool(posted), timeout=5_000)
        assert auto.busy and auto.status_label.text() == "Sending…"
        auto.try_now()  # a second try while one runs: never two at once
        release.set()
    result = done.args[0]  # type: ignore[index]
    assert isinstance(result, UploadResult) and (result.sent, result.queued) == (1, 0)
    assert len(posted) == 1 and changed and not auto.busy
    assert _statuses(made.env, made.approved) == {"accepted_by_dinas"}
    assert view.bundle_table.model().index(0, COL_STATE).data() == "Received"
    assert auto.status_label.text() == "" and auto.timer.isActive()
    auto.stop()
    runner.wait_for_done(5_000)


def test_background_upload_with_the_server_absent_stays_queued(
        qtbot: QtBot, made: SyncVillage) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    _with_server(made, f"http://127.0.0.1:{port}")
    auto = AutoUploader(made.env, SyncTaskRunner(), "op", "en", policy=FAST)
    with qtbot.waitSignal(auto.finished) as idle:
        auto.try_now()  # nothing sealed: nothing tried
    assert idle.args == [Idle(0, True)] and auto.status_label.text() == ""
    seal_next(made.env, author="op")
    with qtbot.waitSignal(auto.finished, timeout=10_000) as done:
        auto.try_now()
    result = done.args[0]  # type: ignore[index]
    assert isinstance(result, UploadResult) and result.offline and result.queued == 1
    assert auto.status_label.text() == "Queue: 1 bundle(s) for the Dinas"
    assert "stay queued" in auto.status_label.toolTip()
    assert len(pending_containers(made.env)) == 1
    auto.paused = True  # the page is sending itself: the timer only waits
    with qtbot.assertNotEmitted(auto.finished):
        auto.try_now()
    auto.kick()  # a seal asks for a try soon, but only of a started uploader
    assert not auto.timer.isActive()
    auto.start()
    auto.kick(5)
    assert auto.running and auto.timer.remainingTime() <= 5
    auto.stop()
    assert not auto.timer.isActive()


def test_upload_and_fetch_from_the_page(qtbot: QtBot, made: SyncVillage,
                                        loopback: Callable[[Handler], str]) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    _with_server(made, f"http://127.0.0.1:{port}")
    view = _view(qtbot, made.env)
    view.policy = FAST
    view.seal()
    assert view.upload_button.isEnabled() and view.fetch_button.isEnabled()
    view.upload()
    assert "cannot be reached; the bundles stay queued" in _box_text(view)
    row = view.bundle_table.model()
    assert row.index(0, COL_PROBLEM).data() == "server out of reach"
    assert row.index(0, COL_ATTEMPTS).data() == "1"
    view.fetch()
    assert "cannot be reached" in _box_text(view)

    _with_server(made, loopback(lambda body: (200, made.district.receipt(body, made.device))))
    view.refresh()
    view.upload()
    summary = _box_text(view)
    assert "1 bundle(s) sent." in summary and "3 accepted" in summary
    assert _statuses(made.env, made.approved) == {"accepted_by_dinas"}
    assert not view.upload_button.isEnabled()  # nothing waits any more
