"""Writes shared by ingest and updates: the audit chain and signed receipts."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from siksdesk.district import wire
from siksdesk.district.context import District
from siksdesk.district.models import AuditEntry, Bundle, Device, DistrictInfo, Receipt
from siksdesk.district.records import RecordResult
from siksdesk.sync.container import read_header
from siksdesk.sync.keys import KeyPair

__all__ = ["append_audit", "issue_receipt", "lock_info", "receipt_signer"]


def lock_info(session: Session) -> DistrictInfo:
    """The district row, locked (serialises audit-chain appends across devices)."""
    info = session.scalars(select(DistrictInfo).where(DistrictInfo.id == 1)
                           .with_for_update()).one()
    return info


def append_audit(session: Session, bundle: Bundle) -> str:
    """head = SHA-256(previous head + bundle SHA-256), both as raw 32 bytes."""
    info = lock_info(session)
    previous = info.audit_head
    head = hashlib.sha256(bytes.fromhex(previous) + bytes.fromhex(bundle.sha256)).hexdigest()
    session.add(AuditEntry(bundle_id=bundle.id, previous_head=previous, head=head))
    info.audit_head = head
    info.audit_length += 1
    return head


def _current_head(session: Session) -> str:
    head = session.scalars(select(DistrictInfo.audit_head).where(DistrictInfo.id == 1)).one()
    return str(head)


def issue_receipt(session: Session, district: District, device: Device, bundle: Bundle,
                  status: str, reason_code: str, results: Sequence[RecordResult],
                  now: int) -> bytes:
    """Seal, store and return the receipt answering ``bundle`` (encrypted to the device)."""
    payload = wire.receipt_payload(
        bundle_sha256=bundle.sha256, status=status, reason_code=reason_code, results=results,
        last_applied_sequence=device.last_applied_sequence,
        last_applied_sha256=device.last_applied_sha256,
        village_audit_head=bundle.village_audit_head,
        district_audit_head=_current_head(session),
        issued_at=datetime.fromtimestamp(now, UTC).isoformat(timespec="seconds"))
    data = wire.seal_receipt(payload, district=receipt_signer(district, bundle), device=device,
                             bundle=bundle, now=now)
    session.add(Receipt(bundle_id=bundle.id, device_id=device.id, sequence=bundle.sequence,
                        status=status, data=data))
    return data


def receipt_signer(district: District, bundle: Bundle) -> KeyPair:
    """The key the bundle was sealed to (so a village that has not yet imported the update
    announcing a new district key can still check the receipt), else the current key."""
    return district.keys_for(read_header(bundle.data).recipient_key_id, None) or district.keys
