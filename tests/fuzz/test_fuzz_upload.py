"""Fuzz: the district upload endpoint over a real uvicorn on 127.0.0.1 (the limits of
``uvicorn_options``), with httpx and raw sockets.

Malformed bodies, wrong or missing headers, broken HTTP, oversized, truncated and slow uploads:
every answer is a 4xx with a JSON problem code (or, when the client is gone, no answer), the
server keeps serving others, and the district database is unchanged (content digest).
Long run: bench/fuzz_all.py."""

from __future__ import annotations

import contextlib
import json
import select
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
from fuzz_support import content_digest, enrolled, make_district
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loopback_server import serving
from siksdesk.district.context import District
from siksdesk.district.samples import sample_nik
from siksdesk.district.server import Limits, create_app, uvicorn_options

FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LIMITS = Limits(max_body=64 * 1024, body_timeout=1.0, head_timeout=1.0, keep_alive=1)
BOUND = 5.0  # seconds within which any slow client must have been cut off


class Served:
    def __init__(self, district: District, url: str, bundle: bytes) -> None:
        self.district, self.url, self.bundle = district, url, bundle
        self.port = int(url.rsplit(":", 1)[1])
        self.client = httpx.Client(base_url=url, timeout=20)

    def digest(self) -> str:
        return content_digest(self.district.engine)

    def raw(self, data: bytes, *, shut: bool = False, wait: float = 20) -> bytes:
        """Send ``data`` on a fresh connection (optionally half-close) and read until closed."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=wait) as conn:
            conn.sendall(data)
            if shut:
                conn.shutdown(socket.SHUT_WR)
            return _read_all(conn)

    def alive(self) -> None:
        assert self.client.get("/v1/health").json()["status"] == "ok"


def _read_all(conn: socket.socket) -> bytes:
    answer = b""
    try:
        while chunk := conn.recv(65536):
            answer += chunk
    except ConnectionResetError:
        pass
    return answer


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    district = make_district(tmp_path_factory.mktemp("fuzz-upload") / "home")
    village = enrolled(district)
    bundle = village.next_bundle([sample_nik(11)])
    try:
        with serving(create_app(district, LIMITS), **uvicorn_options(LIMITS)) as url:
            served = Served(district, url, bundle)
            yield served
            served.client.close()
    finally:
        district.close()


def assert_problem(status: int, body: bytes, *statuses: int) -> dict[str, str]:
    assert status in (statuses or range(400, 500)), (status, body[:200])
    answer = json.loads(body)
    assert isinstance(answer["code"], str) and answer["code"].isupper()
    assert isinstance(answer["message"], str) and answer["message"]
    return answer


def parse_raw(answer: bytes) -> tuple[int, bytes]:
    head, _, body = answer.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body


# --- hypothesis: bodies and headers through httpx ----------------------------------------------

TOKEN = st.text(alphabet="abcdefghijklmnopqrstuvwxyz-", min_size=1, max_size=12)
VALUE = st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7e),
                max_size=40).map(str.strip)  # what h11 lets a client send
CONTENT_TYPE = st.one_of(st.none(), VALUE, st.sampled_from([
    "application/octet-stream", "application/octet-stream; charset=binary", "text/plain",
    "multipart/form-data; boundary=x", "application/json", "APPLICATION/OCTET-STREAM", ""]))
HEADERS = st.dictionaries(TOKEN.filter(lambda k: k not in {
    "content-length", "transfer-encoding", "host", "content-type", "connection", "expect",
    "upgrade"}), VALUE, max_size=4)


def bodies(bundle: bytes) -> st.SearchStrategy[bytes]:
    def flip(at: int, xor: int) -> bytes:
        at %= len(bundle)
        return bundle[:at] + bytes([bundle[at] ^ xor]) + bundle[at + 1:]

    return st.one_of(
        st.binary(max_size=2048),
        st.builds(flip, st.integers(0, 10**6), st.integers(1, 255)),
        st.integers(0, 10**6).map(lambda n: bundle[:n % len(bundle)]),
        st.binary(min_size=1, max_size=64).map(lambda b: bundle + b),
        st.integers(LIMITS.max_body + 1, LIMITS.max_body + 5000).map(bytes),
    )


@FUZZ
@given(data=st.data(), content_type=CONTENT_TYPE, headers=HEADERS,
       english=st.booleans(), method=st.sampled_from(["POST", "POST", "POST", "PUT", "GET"]))
def test_any_body_and_headers_get_a_json_problem(served: Served, data: st.DataObject,
                                                 content_type: str | None,
                                                 headers: dict[str, str], english: bool,
                                                 method: str) -> None:
    body = data.draw(bodies(served.bundle))
    if content_type is not None:
        headers = {**headers, "content-type": content_type}
    if english:
        headers = {**headers, "accept-language": "en"}
    before = served.digest()
    try:
        answer = served.client.request(method, "/v1/bundles", content=body, headers=headers)
    except httpx.RemoteProtocolError:  # closed on us after an early answer: must be oversized
        assert len(body) > LIMITS.max_body
    else:
        problem = assert_problem(answer.status_code, answer.content)
        if method != "POST":
            assert answer.status_code == 405 and problem["code"] == "NOT_FOUND"
    assert served.digest() == before


# --- hypothesis: broken HTTP on a raw socket ---------------------------------------------------

REQUEST_LINE = st.one_of(
    st.binary(max_size=80),
    st.builds(lambda m, p, v: m + b" " + p + b" " + v,
              st.sampled_from([b"POST", b"GET", b"P\x00ST", b"", b"post"]),
              st.sampled_from([b"/v1/bundles", b"*", b"/v1/../bundles", b"/%00", b""]),
              st.sampled_from([b"HTTP/1.1", b"HTTP/1.0", b"HTTP/2", b"HTTP/9.9", b""])),
)
HEADER_LINE = st.one_of(
    st.binary(max_size=60),
    st.sampled_from([b"Content-Length: -1", b"Content-Length: abc", b"Content-Length: 5, 6",
                     b"Transfer-Encoding: chunked", b"Transfer-Encoding: gzip",
                     b"Content-Length: 99999999999999999999", b"Host:", b" folded",
                     b"Expect: 100-continue", b"Content-Type: text/plain"]),
)


@FUZZ
@given(line=REQUEST_LINE, header_lines=st.lists(HEADER_LINE, max_size=4),
       body=st.binary(max_size=300))
def test_broken_http_gets_a_problem_or_is_closed(served: Served, line: bytes,
                                                 header_lines: list[bytes], body: bytes) -> None:
    before = served.digest()
    request = b"\r\n".join([line, b"Host: x", *header_lines]) + b"\r\n\r\n" + body
    started = time.monotonic()
    answer = served.raw(request, shut=True)
    assert time.monotonic() - started < BOUND
    for response in answer.split(b"HTTP/1.1 ")[1:]:  # pipelining may give several
        status, rest = parse_raw(b"HTTP/1.1 " + response)
        if status >= 400:
            head = response.partition(b"\r\n\r\n")[0].lower()
            assert b"content-type: application/json" in head, response[:300]
            assert_problem(status, rest[:int(_length(head))])
    assert served.digest() == before
    served.alive()


def _length(head: bytes) -> int:
    for line in head.split(b"\r\n"):
        if line.startswith(b"content-length:"):
            return int(line.split(b":")[1])
    return 0


# --- oversized, truncated, slow -------------------------------------------------------------

def test_an_endless_body_is_cut_off_at_the_limit(served: Served) -> None:
    before = served.digest()
    sent = 0
    with socket.create_connection(("127.0.0.1", served.port), timeout=20) as conn:
        conn.sendall(b"POST /v1/bundles HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
        chunk = b"%x\r\n%s\r\n" % (65536, bytes(65536))
        conn.setblocking(False)
        answer = b""
        while sent < 256 * 1024 * 1024 and not answer:
            readable, writable, _ = select.select([conn], [conn], [], 5)
            if readable:
                answer = conn.recv(65536)
            elif writable:
                with contextlib.suppress(BlockingIOError):
                    sent += conn.send(chunk)
            else:
                pytest.fail("the server neither read nor answered")
    status, body = parse_raw(answer)
    assert assert_problem(status, body, 413)["code"] == "BODY_TOO_LARGE"
    assert sent < 48 * 1024 * 1024  # the limit plus what socket buffers hold, not 256 MiB
    assert served.digest() == before


@pytest.mark.parametrize("shut", [False, True], ids=["closed", "half-closed"])
def test_a_truncated_body_changes_nothing(served: Served, shut: bool) -> None:
    before = served.digest()
    cut = served.bundle[:len(served.bundle) // 2]
    head = b"POST /v1/bundles HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n" % len(
        served.bundle)
    if shut:
        answer = served.raw(head + cut, shut=True)
        assert answer == b"" or assert_problem(*parse_raw(answer))
    else:
        with socket.create_connection(("127.0.0.1", served.port), timeout=20) as conn:
            conn.sendall(head + cut)
    served.alive()
    assert served.digest() == before


def _trickle(port: int, head: bytes, drip: bytes, outcome: list[tuple[float, bytes]]) -> None:
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=20) as conn:
        conn.sendall(head)
        answer = b""
        try:
            while time.monotonic() - started < 3 * BOUND:
                conn.sendall(drip)
                readable, _, _ = select.select([conn], [], [], 0.1)
                if readable:
                    answer = _read_all(conn)
                    break
        except (BrokenPipeError, ConnectionResetError):
            pass
        outcome.append((time.monotonic() - started, answer))


@pytest.mark.parametrize(("head", "code"), [
    (b"POST /v1/bundles HTTP/1.1\r\nHost: x\r\nX-Slow: ", "BODY_TIMEOUT"),  # slow headers
    (b"POST /v1/bundles HTTP/1.1\r\nHost: x\r\nContent-Length: 60000\r\n\r\nSIKSDESK",
     "BODY_TIMEOUT"),  # slow body
], ids=["headers", "body"])
def test_slow_clients_are_cut_off_while_others_are_served(served: Served, head: bytes,
                                                          code: str) -> None:
    before = served.digest()
    outcomes: list[tuple[float, bytes]] = []
    slow = [threading.Thread(target=_trickle, args=(served.port, head, b"a", outcomes))
            for _ in range(5)]
    for thread in slow:
        thread.start()
    try:
        served.alive()  # served at once, beside the trickling clients
        assert assert_problem(*parse_raw(served.raw(b"POST /v1/bundles HTTP/1.1\r\nHost: x\r\n"
                                                   b"Content-Length: 3\r\n\r\nabc")))
    finally:
        for thread in slow:
            thread.join(timeout=4 * BOUND)
    assert len(outcomes) == 5
    for elapsed, answer in outcomes:
        assert elapsed < BOUND
        status, body = parse_raw(answer)
        assert assert_problem(status, body, 408)["code"] == code
    assert served.digest() == before


def test_the_valid_bundle_is_still_applied(served: Served) -> None:
    """Everything above was refused; the server still takes a real bundle (not vacuous)."""
    before = served.digest()
    answer = served.client.post("/v1/bundles", content=served.bundle,
                                headers={"content-type": "application/octet-stream"})
    assert (answer.status_code, answer.headers["X-Siksdesk-Outcome"]) == (200, "applied")
    assert served.digest() != before
