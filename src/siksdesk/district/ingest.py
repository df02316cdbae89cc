"""The district's side of the protocol: one bundle in, one signed receipt out.

Order (security.md): size → format → device known → not revoked → signature → recipient
(``siksdesk.sync.container.verify``, nothing decrypted yet) → training mode → decrypt → parse.
The recipient may be the current district key or, after ``rotate-keys``, a retired one still
inside its overlap window (decrypted with that key); any other is WRONG_RECIPIENT.
Then, in ONE write transaction with the device row locked (SELECT ... FOR UPDATE on PostgreSQL,
BEGIN IMMEDIATE on SQLite), so that concurrent uploads of one device are serialised:
  duplicate (same device, same hash)  → the stored receipt, byte for byte
  training mode differs               → refused, TRAINING_BUNDLE / REAL_BUNDLE
  unreadable content                  → refused, alarm BAD_BUNDLE
  sequence ≤ last applied             → forked, alarm FORK
  sequence > next                     → held (another held bundle at that number: FORK)
  sequence = next, previous ≠ last    → forked, alarm FORK
  sequence = next                     → applied (records, audit chain, receipt)
After an apply, held bundles that now come next are applied, each in its own transaction."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from siksdesk.district import wire
from siksdesk.district.context import District
from siksdesk.district.db import read_session, write_session
from siksdesk.district.devices import find_device, identity_of, sender_status
from siksdesk.district.errors import DistrictError
from siksdesk.district.models import Alarm, Bundle, Device, Receipt
from siksdesk.district.records import apply_records
from siksdesk.district.store import append_audit, issue_receipt
from siksdesk.sync.container import Kind, Verified, read_header, verify
from siksdesk.sync.errors import ContainerError, SyncError
from siksdesk.sync.keys import KeyPair

__all__ = ["APPLIED", "DUPLICATE", "HELD", "REFUSED", "IngestResult", "ingest"]

log = logging.getLogger(__name__)

APPLIED, HELD, DUPLICATE, REFUSED = "applied", "held", "duplicate", "refused"


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What happened to one bundle. ``receipt`` is None only when the bundle was refused before
    a device could be trusted (unknown, revoked, bad signature, wrong recipient, damaged)."""

    outcome: str  # applied | held | duplicate | refused
    reason_code: str = ""
    receipt: bytes | None = None
    key_id: str = ""
    sequence: int = 0
    accepted: int = 0
    rejected: int = 0
    released: tuple[int, ...] = ()  # held sequences applied after this one
    error: SyncError | None = field(default=None, compare=False)

    def message(self, lang: str = "id") -> str:
        return self.error.message(lang) if self.error is not None else self.reason_code


def ingest(district: District, data: bytes, *, now: int | None = None) -> IngestResult:
    """Receive one bundle. Never raises for a bad bundle (the result says why); database errors
    propagate (the transaction was rolled back)."""
    now = int(time.time()) if now is None else now
    try:
        # The header is not trusted yet: it only picks which of our keys verify() compares.
        keys = district.keys_for(read_header(data).recipient_key_id, now) or district.keys
        verified = verify(data, expected_kind=Kind.BUNDLE, recipient_key_id=keys.key_id,
                          sender_lookup=lambda key: sender_status(district, key))
    except ContainerError as error:
        log.info("bundle refused before trust: %s", error.code)
        return IngestResult(REFUSED, error.code, error=error)
    header = verified.header
    opened: wire.OpenedBundle | SyncError | None = None
    if header.training == district.identity.training:
        opened = _open(keys, verified)
    with write_session(district.factory) as session:
        result = _decide(session, district, verified, opened, now)
    if result.outcome == APPLIED:
        released = _release_held(district, header.sender_key_id.hex(), now)
        if released:
            result = replace(result, released=tuple(released))
    log.info("bundle %s seq %d from %s: %s %s", verified.sha256.hex()[:12], header.sequence,
             header.sender_key_id.hex(), result.outcome, result.reason_code)
    return result


def _open(keys: KeyPair, verified: Verified) -> wire.OpenedBundle | SyncError:
    try:
        return wire.open_bundle(verified, keys)
    except SyncError as error:
        return error


def _decide(session: Session, district: District, verified: Verified,
            opened: wire.OpenedBundle | SyncError | None, now: int) -> IngestResult:
    header = verified.header
    key_id = header.sender_key_id.hex()
    device = find_device(session, key_id, lock=True)
    if device is None or device.status != "active":  # revoked while we were verifying
        code = "UNKNOWN_SENDER" if device is None else "REVOKED_SENDER"
        error = ContainerError(code, key_id=key_id)
        return IngestResult(REFUSED, code, key_id=key_id, sequence=header.sequence, error=error)
    sha = verified.sha256.hex()
    duplicate = session.scalars(select(Bundle).where(Bundle.device_id == device.id,
                                                     Bundle.sha256 == sha)).first()
    if duplicate is not None:
        receipt = _latest_receipt(session, duplicate.id)
        return IngestResult(DUPLICATE, duplicate.reason_code, receipt, key_id, header.sequence)
    if opened is None:
        code = "REAL_BUNDLE" if district.identity.training else "TRAINING_BUNDLE"
        return _refuse(session, district, device, verified, "refused", code, now,
                       error=DistrictError(code))
    if isinstance(opened, SyncError):
        _alarm(session, device, "BAD_BUNDLE", header.sequence, None, opened.code)
        return _refuse(session, district, device, verified, "refused", opened.code, now,
                       error=opened)
    if opened.village_code != device.village_code:
        mismatch = DistrictError("VILLAGE_MISMATCH", found=opened.village_code,
                                 expected=device.village_code)
        _alarm(session, device, "BAD_BUNDLE", header.sequence, None, mismatch.code)
        return _refuse(session, district, device, verified, "refused", mismatch.code, now,
                       error=mismatch)
    return _order(session, district, device, verified, opened, now)


def _order(session: Session, district: District, device: Device, verified: Verified,
           opened: wire.OpenedBundle, now: int) -> IngestResult:
    header = verified.header
    expected = device.last_applied_sequence + 1
    if header.sequence < expected or (header.sequence == expected
                                      and header.previous.hex() != device.last_applied_sha256):
        return _fork(session, district, device, verified, now)
    if header.sequence > expected:
        other = session.scalars(select(Bundle.id).where(
            Bundle.device_id == device.id, Bundle.sequence == header.sequence,
            Bundle.state == "held")).first()
        if other is not None:
            return _fork(session, district, device, verified, now)
        bundle = _store(session, device, verified, "held", "GAP")
        receipt = issue_receipt(session, district, device, bundle, "held", "GAP", [], now)
        return IngestResult(HELD, "GAP", receipt, device.key_id, header.sequence)
    bundle = _store(session, device, verified, "applied", "")
    return _apply(session, district, device, bundle, opened, now)


def _apply(session: Session, district: District, device: Device, bundle: Bundle,
           opened: wire.OpenedBundle, now: int) -> IngestResult:
    results = apply_records(session, village_code=device.village_code, bundle_id=bundle.id,
                            records=opened.records, raw_records=opened.raw_records)
    accepted = sum(1 for r in results if r.status == "accepted")
    bundle.state = "applied"
    bundle.reason_code = ""
    bundle.records_accepted = accepted
    bundle.records_rejected = len(results) - accepted
    bundle.village_audit_head = opened.audit_head
    bundle.applied_at = _utc(now)
    device.last_applied_sequence = bundle.sequence
    device.last_applied_sha256 = bundle.sha256
    append_audit(session, bundle)
    receipt = issue_receipt(session, district, device, bundle, "applied", "", results, now)
    return IngestResult(APPLIED, "", receipt, device.key_id, bundle.sequence, accepted,
                        len(results) - accepted)


def _fork(session: Session, district: District, device: Device, verified: Verified,
          now: int) -> IngestResult:
    bundle = _store(session, device, verified, "forked", "FORK")
    _alarm(session, device, "FORK", bundle.sequence, bundle.id, "")
    receipt = issue_receipt(session, district, device, bundle, "rejected", "FORK", [], now)
    log.warning("fork alarm: device %s sequence %d", device.key_id, bundle.sequence)
    return IngestResult(REFUSED, "FORK", receipt, device.key_id, bundle.sequence)


def _refuse(session: Session, district: District, device: Device, verified: Verified,
            state: str, code: str, now: int, *, error: SyncError | None = None) -> IngestResult:
    bundle = _store(session, device, verified, state, code)
    receipt = issue_receipt(session, district, device, bundle, "rejected", code, [], now)
    return IngestResult(REFUSED, code, receipt, device.key_id, bundle.sequence, error=error)


def _store(session: Session, device: Device, verified: Verified, state: str,
           reason: str) -> Bundle:
    header = verified.header
    bundle = Bundle(device_id=device.id, sequence=header.sequence,
                    previous=header.previous.hex(), sha256=verified.sha256.hex(), state=state,
                    reason_code=reason, training=header.training, size=len(verified.data),
                    data=verified.data, signed_at=header.created_at)
    session.add(bundle)
    session.flush()
    return bundle


def _alarm(session: Session, device: Device, kind: str, sequence: int, bundle_id: int | None,
           detail: str) -> None:
    session.add(Alarm(device_id=device.id, kind=kind, sequence=sequence, bundle_id=bundle_id,
                      detail=detail))


def _latest_receipt(session: Session, bundle_id: int) -> bytes | None:
    return session.scalars(select(Receipt.data).where(Receipt.bundle_id == bundle_id)
                           .order_by(Receipt.id.desc()).limit(1)).first()


def _release_held(district: District, key_id: str, now: int) -> list[int]:
    """Apply held bundles that now come next, one transaction each (a plain read first: in
    the usual case nothing is held and no write lock is taken)."""
    released: list[int] = []
    with read_session(district.factory) as session:
        held = session.scalar(select(func.count()).select_from(Bundle).join(Device).where(
            Device.key_id == key_id, Bundle.state == "held"))
    while held:
        with write_session(district.factory) as session:
            sequence = _release_one(session, district, key_id, now)
        if sequence is None:
            break
        released.append(sequence)
    return released


def _release_one(session: Session, district: District, key_id: str, now: int) -> int | None:
    device = find_device(session, key_id, lock=True)
    if device is None or device.status != "active":
        return None
    bundle = session.scalars(select(Bundle).where(
        Bundle.device_id == device.id, Bundle.state == "held",
        Bundle.sequence == device.last_applied_sequence + 1)).first()
    if bundle is None:
        return None
    if bundle.previous != device.last_applied_sha256:
        bundle.state, bundle.reason_code = "forked", "FORK"
        _alarm(session, device, "FORK", bundle.sequence, bundle.id, "previous")
        issue_receipt(session, district, device, bundle, "rejected", "FORK", [], now)
        return None
    try:
        # Accepted (held) while its key was valid: opened with that key even after the window.
        keys = district.keys_for(read_header(bundle.data).recipient_key_id, None) \
            or district.keys
        opened = wire.reopen_bundle(bundle.data, identity_of(device), keys)
        if opened.village_code != device.village_code:
            raise DistrictError("VILLAGE_MISMATCH", found=opened.village_code,
                                expected=device.village_code)
    except SyncError as error:
        bundle.state, bundle.reason_code = "refused", error.code
        _alarm(session, device, "BAD_BUNDLE", bundle.sequence, bundle.id, error.code)
        issue_receipt(session, district, device, bundle, "rejected", error.code, [], now)
        return None
    _apply(session, district, device, bundle, opened, now)
    return bundle.sequence


def _utc(now: int) -> datetime:
    return datetime.fromtimestamp(now, UTC).replace(tzinfo=None)
