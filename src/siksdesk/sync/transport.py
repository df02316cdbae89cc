"""Moving sealed bundles: to a folder / USB stick, or to the district server over HTTP.

Writing: every bundle without a valid receipt goes to ``<folder>/siksdesk-<village>-<seq>
.siksdesk-bundle`` (temp name → fsync → rename → fsync of the folder), then is read back from
the medium and checked: the same SHA-256 as stored, and a valid signature of this device. A stick
that returns other bytes is reported (VERIFY_FAILED) and the damaged file removed.

Uploading: ``POST /v1/bundles`` per bundle, in sequence order, with connect/read timeouts,
retries on network errors and 5xx/429 with exponential backoff and full jitter, a bounded
number of attempts and a bounded total time, and cancellation between and during waits. A
server out of reach is not an error: the bundles stay queued (``offline=True``). The answer is
the receipt, imported at once (``inbox.import_bytes``).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

from siksdesk.db.session import read_session
from siksdesk.models import SyncDevice
from siksdesk.sync.container import Kind, SenderStatus, verify
from siksdesk.sync.device import device_keys, require_profile
from siksdesk.sync.errors import SyncError
from siksdesk.sync.inbox import import_bytes
from siksdesk.sync.keys import PublicIdentity, atomic_write
from siksdesk.sync.outbox import mark_sent, pending_containers
from siksdesk.sync.village_types import (
    Cancelled,
    FetchResult,
    ImportOutcome,
    Progress,
    SyncCancelled,
    SyncEnv,
    UploadResult,
    VillageSyncError,
    WrittenFile,
    ignore,
    never,
)

log = logging.getLogger(__name__)

BUNDLE_SUFFIX = ".siksdesk-bundle"
_MAX_UPDATES_PER_FETCH = 1000


# --- folder / USB ------------------------------------------------------------------------------

def bundle_file_name(village_code: str, sequence: int, *, training: bool = False) -> str:
    """``siksdesk-<village>-<seq>.siksdesk-bundle``; a training village's says ``-LATIHAN``
    (the container's own training flag is what the district checks)."""
    marker = "-LATIHAN" if training else ""
    return f"siksdesk-{village_code}-{sequence:06d}{marker}{BUNDLE_SUFFIX}"


def write_bundles(env: SyncEnv, folder: Path, *, progress: Progress = ignore,
                  cancelled: Cancelled = never) -> list[WrittenFile]:
    """Write every bundle without a valid receipt to ``folder``, each verified after writing.
    VillageSyncError: NOT_ENROLLED, NOTHING_TO_SEND, WRITE_FAILED, VERIFY_FAILED."""
    with read_session(env.sessions) as session:
        profile = require_profile(session)
        village_code, training = profile.village_code, profile.training
    pending = pending_containers(env)
    if not pending:
        raise VillageSyncError("NOTHING_TO_SEND")
    folder = Path(folder)
    if not folder.is_dir():
        raise VillageSyncError("WRITE_FAILED", folder=str(folder))
    identity = device_keys(env).identity
    written: list[WrittenFile] = []
    progress(0, len(pending))
    for done, (sequence, sha, data) in enumerate(pending, 1):
        if cancelled():
            raise SyncCancelled()
        path = folder / bundle_file_name(village_code, sequence, training=training)
        try:
            atomic_write(path, data, mode=0o644)
        except OSError as exc:
            raise VillageSyncError("WRITE_FAILED", folder=str(folder)) from exc
        verify_written(path, sha, identity.signing, identity.encryption)
        mark_sent(env, sequence, written=True)
        written.append(WrittenFile(path, sequence, sha, len(data)))
        progress(done, len(pending))
    log.info("%d bundle(s) written and verified", len(written))
    return written


def verify_written(path: Path, sha256_hex: str, signing: bytes, encryption: bytes) -> None:
    """Read ``path`` back from the medium and check hash and signature; remove it if bad."""
    identity = PublicIdentity(signing, encryption)
    try:
        data = _read_back(path)
        if hashlib.sha256(data).hexdigest() != sha256_hex:
            raise VillageSyncError("VERIFY_FAILED", file=path.name)
        verify(data, expected_kind=Kind.BUNDLE, recipient_key_id=data[28:44],
               sender_lookup=lambda _key: SenderStatus(identity))
    except (OSError, SyncError) as exc:
        with contextlib.suppress(OSError):
            path.unlink()
        if isinstance(exc, VillageSyncError):
            raise
        raise VillageSyncError("VERIFY_FAILED", file=path.name) from exc


def _read_back(path: Path) -> bytes:
    """Read the file, asking the kernel first to drop its cached pages so the bytes come from
    the stick itself (best effort: POSIX only)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        if hasattr(os, "posix_fadvise"):
            with contextlib.suppress(OSError):
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        with os.fdopen(os.dup(fd), "rb") as handle:
            return handle.read()
    finally:
        os.close(fd)


# --- HTTP --------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class RetryPolicy:
    attempts: int = 4  # per request
    base_delay: float = 0.5  # seconds; doubled per retry, full jitter
    max_delay: float = 8.0
    connect_timeout: float = 5.0
    read_timeout: float = 30.0
    total: float = 120.0  # the whole upload/fetch gives up (stays queued) after this

    def timeout(self) -> httpx.Timeout:
        return httpx.Timeout(self.read_timeout, connect=self.connect_timeout)

    def delay(self, attempt: int) -> float:
        return random.uniform(0, min(self.max_delay, self.base_delay * 2 ** attempt))


class _Offline(Exception):
    """The server could not be reached within the policy."""


class _Client:
    """httpx with the retry policy, the deadline and cancellation."""

    def __init__(self, base_url: str, policy: RetryPolicy, cancelled: Cancelled,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.policy, self.cancelled = policy, cancelled
        self.deadline = time.monotonic() + policy.total
        self.http = httpx.Client(base_url=base_url.rstrip("/"), timeout=policy.timeout(),
                                 transport=transport, follow_redirects=False,
                                 headers={"User-Agent": "siksdesk"})

    def __enter__(self) -> _Client:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.http.close()

    def request(self, method: str, url: str, content: bytes | None = None) -> httpx.Response:
        for attempt in range(self.policy.attempts):
            if self.cancelled():
                raise SyncCancelled()
            if time.monotonic() >= self.deadline:
                break
            try:
                response = self.http.request(
                    method, url, content=content,
                    headers={"Content-Type": "application/octet-stream"} if content else None)
            except httpx.TransportError as exc:
                log.info("sync request failed (%s), attempt %d", type(exc).__name__, attempt + 1)
            else:
                if response.status_code < 500 and response.status_code != 429:
                    return response
                log.info("sync server answered %d, attempt %d", response.status_code,
                         attempt + 1)
            if attempt + 1 < self.policy.attempts:
                self._sleep(self.policy.delay(attempt))
        raise _Offline()

    def _sleep(self, seconds: float) -> None:
        end = min(time.monotonic() + seconds, self.deadline)
        while (left := end - time.monotonic()) > 0:
            if self.cancelled():
                raise SyncCancelled()
            time.sleep(min(left, 0.05))


def _server(env: SyncEnv, url: str | None) -> tuple[str, str]:
    with read_session(env.sessions) as session:
        base = url or require_profile(session).server_url
        device = session.get(SyncDevice, 1)
        key_id = device.key_id if device is not None else device_keys(env).key_id.hex()
    if not base:
        raise VillageSyncError("NO_SERVER_URL")
    return base, key_id


def _refusal(response: httpx.Response) -> str:
    try:
        code = response.json().get("code", "")
    except (ValueError, AttributeError):
        code = ""
    return str(code)[:40] or f"HTTP_{response.status_code}"


def upload_pending(env: SyncEnv, *, url: str | None = None, author: str = "sync",
                   progress: Progress = ignore, cancelled: Cancelled = never,
                   policy: RetryPolicy | None = None,
                   transport: httpx.BaseTransport | None = None) -> UploadResult:
    """Upload every bundle without a valid receipt, oldest first, and import the receipts."""
    base, _key_id = _server(env, url)
    pending = pending_containers(env)
    receipts: list[ImportOutcome] = []
    progress(0, len(pending))
    with _Client(base, policy or RetryPolicy(), cancelled, transport) as client:
        for done, (sequence, _sha, data) in enumerate(pending):
            try:
                response = client.request("POST", "/v1/bundles", data)
            except _Offline:
                mark_sent(env, sequence, error="OFFLINE", attempts=1)
                return UploadResult(done, tuple(receipts), len(pending) - done, True)
            if response.status_code != 200:
                code = _refusal(response)
                mark_sent(env, sequence, error=code, attempts=1)
                return UploadResult(done, tuple(receipts), len(pending) - done, False,
                                    "SERVER_REFUSED")
            mark_sent(env, sequence, uploaded=True, attempts=1)
            try:
                receipts.append(import_bytes(env, response.content, author=author,
                                             name=f"server:{sequence}"))
            except SyncError as exc:
                return UploadResult(done + 1, tuple(receipts), len(pending) - done - 1,
                                    False, exc.code)
            progress(done + 1, len(pending))
    still = len(pending_containers(env))
    return UploadResult(len(pending), tuple(receipts), still, False)


def fetch(env: SyncEnv, *, url: str | None = None, author: str = "sync",
          progress: Progress = ignore, cancelled: Cancelled = never,
          policy: RetryPolicy | None = None,
          transport: httpx.BaseTransport | None = None) -> FetchResult:
    """The latest receipt, the receipts of bundles still waiting, and every new update."""
    base, key_id = _server(env, url)
    receipts: list[ImportOutcome] = []
    updates: list[ImportOutcome] = []
    try:
        with _Client(base, policy or RetryPolicy(), cancelled, transport) as client:
            for path in _receipt_paths(env, key_id):
                response = client.request("GET", path)
                if response.status_code == 200:
                    receipts.append(import_bytes(env, response.content, author=author,
                                                 name="server"))
            progress(1, 2)
            for _ in range(_MAX_UPDATES_PER_FETCH):
                after = _update_version(env)
                response = client.request("GET", f"/v1/devices/{key_id}/updates?after={after}")
                if response.status_code != 200:
                    break
                updates.append(import_bytes(env, response.content, author=author,
                                            name="server"))
    except _Offline:
        return FetchResult(tuple(receipts), tuple(updates), True)
    except SyncError as exc:
        return FetchResult(tuple(receipts), tuple(updates), False, exc.code)
    progress(2, 2)
    return FetchResult(tuple(receipts), tuple(updates), False)


def _receipt_paths(env: SyncEnv, key_id: str) -> Iterator[str]:
    """The latest receipt first (it may clear everything), then those still missing."""
    yield f"/v1/devices/{key_id}/receipts/latest"
    for sequence, _sha, _data in pending_containers(env):
        yield f"/v1/devices/{key_id}/receipts/{sequence}"


def _update_version(env: SyncEnv) -> int:
    with read_session(env.sessions) as session:
        device = session.get(SyncDevice, 1)
        return device.update_version if device is not None else 0
