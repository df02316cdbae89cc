"""The upload server over a real uvicorn on 127.0.0.1 (a thread, a free port, bounded waits)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
from tests.district.conftest import enrol
from tests.district.helpers import read_receipt, read_update

from loopback_server import serving
from siksdesk.district.context import District
from siksdesk.district.samples import SampleVillage, sample_nik
from siksdesk.district.server import Limits, create_app
from siksdesk.district.updates import decision_item, issue_update

LIMITS = Limits(max_body=64 * 1024, body_timeout=0.5)


@contextmanager
def running(district: District, limits: Limits = LIMITS) -> Iterator[str]:
    with serving(create_app(district, limits)) as url:
        yield url


@pytest.fixture
def served(district: District) -> Iterator[tuple[District, httpx.Client]]:
    with running(district) as url, httpx.Client(base_url=url, timeout=20) as client:
        yield district, client


@pytest.fixture
def served_sqlite(sqlite_district: District) -> Iterator[tuple[District, httpx.Client]]:
    with running(sqlite_district) as url, httpx.Client(base_url=url, timeout=20) as client:
        yield sqlite_district, client


def _post(client: httpx.Client, data: bytes, **headers: str) -> httpx.Response:
    return client.post("/v1/bundles", content=data,
                       headers={"Content-Type": "application/octet-stream", **headers})


def test_upload_duplicate_and_receipt_fetch(served: tuple[District, httpx.Client]) -> None:
    district, client = served
    assert client.get("/v1/health").json()["district_code"] == "3522"
    village = enrol(district)
    data = village.next_bundle([sample_nik(1), sample_nik(2)])
    first = _post(client, data)
    assert first.status_code == 200
    assert first.headers["X-Siksdesk-Outcome"] == "applied"
    assert read_receipt(district, village, first.content).status == "applied"
    again = _post(client, data)
    assert (again.status_code, again.headers["X-Siksdesk-Outcome"]) == (200, "duplicate")
    assert again.content == first.content
    key = village.keys.key_id.hex()
    assert client.get(f"/v1/devices/{key}/receipts/latest").content == first.content
    assert client.get(f"/v1/devices/{key}/receipts/1").content == first.content
    missing = client.get(f"/v1/devices/{key}/receipts/2")
    assert (missing.status_code, missing.json()["code"]) == (404, "NO_RECEIPT")


def test_refused_uploads_answer_json(served_sqlite: tuple[District, httpx.Client]) -> None:
    district, client = served_sqlite
    stranger = SampleVillage("3522010009", district.keys.identity)
    refused = _post(client, stranger.next_bundle([sample_nik(3)]))
    assert refused.status_code == 403
    assert refused.json()["code"] == "UNKNOWN_SENDER"
    assert "tidak terdaftar" in refused.json()["message"]
    english = _post(client, stranger.next_bundle([sample_nik(4)]), **{"Accept-Language": "en"})
    assert "not registered" in english.json()["message"]
    garbage = _post(client, b"not a bundle at all" * 20)
    assert (garbage.status_code, garbage.json()["code"]) == (422, "BAD_MAGIC")
    assert client.get("/v1/nowhere").json()["code"] == "NOT_FOUND"


def test_oversized_bodies_get_413(served_sqlite: tuple[District, httpx.Client]) -> None:
    _, client = served_sqlite
    declared = _post(client, bytes(LIMITS.max_body + 1))
    assert (declared.status_code, declared.json()["code"]) == (413, "BODY_TOO_LARGE")

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit holds while streaming
        for _ in range(20):
            yield bytes(8192)

    streamed = client.post("/v1/bundles", content=chunks())
    assert (streamed.status_code, streamed.json()["code"]) == (413, "BODY_TOO_LARGE")


def test_a_slow_upload_gets_408(served_sqlite: tuple[District, httpx.Client]) -> None:
    _, client = served_sqlite
    port = int(str(client.base_url).rsplit(":", 1)[1].rstrip("/"))
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(b"POST /v1/bundles HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n")
        conn.sendall(b"SIKSDESK")  # ... and nothing more
        answer = b""
        while b"}" not in answer and (chunk := conn.recv(4096)):  # the JSON body ends with }
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 408")
    assert b"BODY_TIMEOUT" in answer
    assert client.get("/v1/health").status_code == 200  # the server lives on


def test_updates_endpoint(served_sqlite: tuple[District, httpx.Client]) -> None:
    district, client = served_sqlite
    village = enrol(district)
    key = village.keys.key_id.hex()
    assert client.get(f"/v1/devices/{key}/updates", params={"after": 0}).status_code == 204
    issue_update(district, key, [decision_item("0b1e5a3c-0000-4000-8000-000000000001",
                                               "rejected", "NIK_INVALID")])
    answer = client.get(f"/v1/devices/{key}/updates", params={"after": 0})
    assert answer.status_code == 200
    update = read_update(district, village, answer.content)
    assert update.container is not None and update.container.sequence == 1
    assert client.get(f"/v1/devices/{key}/updates", params={"after": 1}).status_code == 204
    assert client.get(f"/v1/devices/{key}/updates", params={"after": "x"}).status_code == 400
    unknown = client.get(f"/v1/devices/{'0' * 32}/updates")
    assert (unknown.status_code, unknown.json()["code"]) == (404, "UNKNOWN_DEVICE")
