"""Writing bundles to a folder (verified after writing) and uploading them to a real HTTP server
on 127.0.0.1 (a small stdlib server that answers with receipts sealed by the test district)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import select

from siksdesk.models import SyncBundle, Usulan
from siksdesk.sync import transport
from siksdesk.sync.outbox import pending_containers, seal_next
from siksdesk.sync.transport import RetryPolicy, fetch, upload_pending, write_bundles
from siksdesk.sync.village_types import SyncCancelled, VillageSyncError
from sync_village import SyncVillage, sync_village

FAST = RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.05, connect_timeout=1.0,
                   read_timeout=5.0, total=10.0)


@pytest.fixture
def made(tmp_path: Path) -> Iterator[SyncVillage]:
    with sync_village(tmp_path) as village:
        seal_next(village.env, author="op")
        yield village


def test_bundles_are_written_and_verified(made: SyncVillage, tmp_path: Path) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    written = write_bundles(made.env, stick)
    assert [w.path.name for w in written] == ["siksdesk-3522010001-000001.siksdesk-bundle"]
    assert written[0].path.read_bytes() == pending_containers(made.env)[0][2]
    assert [p.name for p in stick.iterdir()] == [written[0].path.name]  # no temp file left
    with made.factory() as session:
        assert session.scalars(select(SyncBundle.written_at)).one() is not None
    again = write_bundles(made.env, stick)  # re-writing is byte-identical
    assert again[0].path.read_bytes() == written[0].path.read_bytes()


def test_a_corrupted_write_is_detected(made: SyncVillage, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    real = transport.atomic_write

    def faulty_stick(path: Path, data: bytes, *, mode: int = 0o600) -> None:
        damaged = bytearray(data)
        damaged[len(damaged) // 2] ^= 0x40
        real(path, bytes(damaged), mode=mode)

    monkeypatch.setattr(transport, "atomic_write", faulty_stick)
    with pytest.raises(VillageSyncError) as refused:
        write_bundles(made.env, tmp_path)
    assert refused.value.code == "VERIFY_FAILED"
    assert not list(tmp_path.glob("*.siksdesk-bundle"))  # the bad copy is removed
    with pytest.raises(VillageSyncError) as missing:
        write_bundles(made.env, tmp_path / "not-there")
    assert missing.value.code == "WRITE_FAILED"


Handler = Callable[[BaseHTTPRequestHandler, bytes], tuple[int, bytes]]


@pytest.fixture
def server() -> Iterator[Callable[[Handler], str]]:
    started: list[ThreadingHTTPServer] = []

    def start(answer: Handler) -> str:
        class _Handler(BaseHTTPRequestHandler):
            def _reply(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                status, body = answer(self, self.rfile.read(length))
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_POST = do_GET = _reply

            def log_message(self, *_args: object) -> None:
                return None

        httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        started.append(httpd)
        return f"http://127.0.0.1:{httpd.server_address[1]}"

    yield start
    for httpd in started:
        httpd.shutdown()
        httpd.server_close()


def test_upload_stores_the_receipt_after_a_retry(made: SyncVillage,
                                                 server: Callable[[Handler], str]) -> None:
    calls: list[str] = []

    def answer(request: BaseHTTPRequestHandler, body: bytes) -> tuple[int, bytes]:
        calls.append(request.path)
        if len(calls) == 1:
            return 503, b'{"code": "BUSY"}'
        return 200, made.district.receipt(body, made.device)

    result = upload_pending(made.env, url=server(answer), policy=FAST)
    assert calls == ["/v1/bundles", "/v1/bundles"]
    assert (result.sent, result.queued, result.offline, result.error_code) == (1, 0, False, "")
    assert result.receipts[0].accepted == 3
    with made.factory() as session:
        assert set(session.scalars(select(Usulan.status).where(
            Usulan.id.in_(made.approved)))) == {"accepted_by_dinas"}
    assert pending_containers(made.env) == []


def test_offline_upload_stays_queued_within_bounded_time(made: SyncVillage) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    start = time.monotonic()
    result = upload_pending(made.env, url=f"http://127.0.0.1:{port}", policy=FAST)
    assert time.monotonic() - start < 5
    assert (result.sent, result.queued, result.offline) == (0, 1, True)
    assert len(pending_containers(made.env)) == 1
    with made.factory() as session:
        bundle = session.scalars(select(SyncBundle)).one()
    assert (bundle.last_error, bundle.uploaded_at) == ("OFFLINE", None)


def test_a_refusal_is_reported_and_cancel_stops(made: SyncVillage,
                                                server: Callable[[Handler], str]) -> None:
    url = server(lambda _r, _b: (403, b'{"code": "REVOKED_SENDER", "message": "x"}'))
    result = upload_pending(made.env, url=url, policy=FAST)
    assert (result.error_code, result.queued) == ("SERVER_REFUSED", 1)
    with made.factory() as session:
        assert session.scalars(select(SyncBundle.last_error)).one() == "REVOKED_SENDER"
    with pytest.raises(SyncCancelled):
        upload_pending(made.env, url=url, policy=FAST, cancelled=lambda: True)


def test_fetch_imports_the_latest_receipt_and_new_updates(
        made: SyncVillage, server: Callable[[Handler], str]) -> None:
    bundle = pending_containers(made.env)[0][2]
    receipt = made.district.receipt(bundle, made.device)
    updates = [made.district.update(made.device, 1, []), made.district.update(made.device, 2, [])]
    key = made.device.key_id.hex()

    def answer(request: BaseHTTPRequestHandler, _body: bytes) -> tuple[int, bytes]:
        if request.path in (f"/v1/devices/{key}/receipts/latest",
                            f"/v1/devices/{key}/receipts/1"):
            return 200, receipt
        if request.path.startswith(f"/v1/devices/{key}/updates?after="):
            after = int(request.path.rsplit("=", 1)[1])
            return (200, updates[after]) if after < len(updates) else (204, b"")
        return 404, b""

    result = fetch(made.env, url=server(answer), policy=FAST)
    assert not result.offline and result.error_code == ""
    assert [r.duplicate for r in result.receipts] == [False]
    assert [u.sequence for u in result.updates] == [1, 2]
    assert pending_containers(made.env) == []
