"""What comes back from the district: receipts and updates, from a file or from the server.

Every import is checked before anything is written — size and format, a known district key,
the signature, addressed to THIS device (``container.verify``, before any decryption), then
decrypted and validated (``payloads``) — and applied in ONE transaction. Importing the same file
twice is harmless (the container hash is remembered).

* A receipt answers one bundle (its header's sequence + the bundle hash). "applied" clears the
  bundle from the outbox and moves its proposals sent → accepted_by_dinas / rejected_by_dinas
  (with the district's note); NIK rejections (``NIK_*`` codes) also go onto the Perbaikan NIK
  worklist. "held" (a gap at the district) and "rejected" (fork, training mismatch) keep the
  bundle queued and remember why. ``last_applied_sequence`` also drives the catch-up after a
  restore (``catch_up``).
* An update carries a version that must be higher than the last one imported, and an expiry
  (judged against the laptop's clock): invalid-NIK lists onto the worklist, late decisions,
  this device's revocation, and new district keys (trusted because the update that brings them
  is signed by a key already trusted).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from siksdesk.db.session import unit_of_work
from siksdesk.models import SyncReceipt, SyncUpdate
from siksdesk.sync.container import (
    MAX_CONTAINER,
    Kind,
    SenderStatus,
    Verified,
    container_sha256,
    open_verified,
    read_header,
    verify,
)
from siksdesk.sync.device import bind_device, device_keys, district_lookup, require_profile
from siksdesk.sync.errors import ContainerError
from siksdesk.sync.inbox_apply import apply_receipt, apply_update
from siksdesk.sync.keys import KeyPair
from siksdesk.sync.payloads import parse_receipt, parse_update
from siksdesk.sync.village_types import (
    Cancelled,
    ImportOutcome,
    Progress,
    SyncCancelled,
    SyncEnv,
    VillageSyncError,
    ignore,
    never,
)

log = logging.getLogger(__name__)


def read_sync_file(path: Path) -> bytes:
    """A receipt/update file's bytes, refusing anything larger than a container may be."""
    name = Path(path).name
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_CONTAINER + 1)
    except OSError as exc:
        raise VillageSyncError("FILE_UNREADABLE", file=name) from exc
    if len(data) > MAX_CONTAINER:
        raise VillageSyncError("FILE_TOO_LARGE", file=name)
    return data


def import_files(env: SyncEnv, paths: Sequence[Path], *, author: str,
                 progress: Progress = ignore, cancelled: Cancelled = never
                 ) -> list[ImportOutcome]:
    """Import receipt/update files in the order given (updates sorted by version first would be
    the district's order; a lower version after a higher one is refused). Each file is one
    transaction; the first refused file raises (files before it stay imported)."""
    outcomes: list[ImportOutcome] = []
    ordered = _in_order(list(paths))
    progress(0, len(ordered))
    for done, path in enumerate(ordered, 1):
        if cancelled():
            raise SyncCancelled()
        outcomes.append(import_bytes(env, read_sync_file(path), author=author,
                                     name=Path(path).name))
        progress(done, len(ordered))
    return outcomes


def _in_order(paths: list[Path]) -> list[Path]:
    """Receipts first by sequence, then updates by version (a folder picked at once may hold
    several); unreadable headers keep their place at the end and fail when imported."""
    def key(path: Path) -> tuple[int, int, int]:
        try:
            with open(path, "rb") as handle:
                header = read_header(handle.read(MAX_CONTAINER + 1))
        except (OSError, ContainerError):
            return (9, 0, 0)
        return (int(header.kind), header.sequence, 0)
    return sorted(paths, key=key)


def import_bytes(env: SyncEnv, data: bytes, *, author: str, name: str = "") -> ImportOutcome:
    """Verify and apply one receipt or update (one transaction). Raises ContainerError,
    PayloadError or VillageSyncError; the database is then unchanged."""
    header = read_header(data)
    if header.kind not in (Kind.RECEIPT, Kind.UPDATE):
        raise VillageSyncError("NOT_A_SYNC_FILE", file=name or "-")
    keys = device_keys(env)
    with unit_of_work(env.sessions, author, origin="sync") as session:
        require_profile(session)
        device = bind_device(session, keys)
        verified = _verify(session, data, header.kind, keys)
        if _already(session, header.kind, verified.sha256.hex()):
            return ImportOutcome(header.kind.label, name, header.sequence, duplicate=True)
        document = open_verified(verified, keys)
        if header.kind == Kind.RECEIPT:
            outcome = apply_receipt(env, session, device, verified, parse_receipt(document),
                                    author, name)
        else:
            outcome = apply_update(env, session, device, verified, parse_update(document),
                                   author, name)
    log.info("%s %d imported (duplicate=%s)", outcome.kind, outcome.sequence, outcome.duplicate)
    return outcome


def _verify(session: Session, data: bytes, kind: Kind, keys: KeyPair) -> Verified:
    trusted = district_lookup(session)
    return verify(data, expected_kind=kind, recipient_key_id=keys.key_id,
                  sender_lookup=lambda key_id: trusted.get(key_id, SenderStatus(None)))


def _already(session: Session, kind: Kind, sha: str) -> bool:
    table = SyncReceipt if kind == Kind.RECEIPT else SyncUpdate
    return session.scalar(select(table.id).where(table.sha256 == sha)) is not None


def container_hash(data: bytes) -> str:
    return container_sha256(data).hex()
