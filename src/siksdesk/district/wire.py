"""The district's use of the sync core: opening bundles, sealing receipts and updates."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from siksdesk.district.models import Bundle, Device
from siksdesk.district.records import RecordResult
from siksdesk.sync import payloads
from siksdesk.sync.container import Kind, SenderStatus, Verified, open_verified, seal, verify
from siksdesk.sync.errors import PayloadError
from siksdesk.sync.keys import KeyPair, PublicIdentity
from siksdesk.sync.payload_types import BundleRecord, UpdateItem

__all__ = ["OpenedBundle", "open_bundle", "receipt_payload", "reopen_bundle", "seal_receipt",
           "seal_update"]


@dataclass(frozen=True, slots=True)
class OpenedBundle:
    village_code: str
    audit_head: str
    records: tuple[BundleRecord, ...]
    raw_records: tuple[Mapping[str, object], ...]  # the same records as decoded JSON


def open_bundle(verified: Verified, keys: KeyPair) -> OpenedBundle:
    """Decrypt and validate a verified bundle. ContainerError / PayloadError."""
    document = open_verified(verified, keys)
    parsed = payloads.parse_bundle(document)
    raw = document.get("records")
    if not isinstance(raw, list) or len(raw) != len(parsed.records):
        raise PayloadError("BAD_TYPE", field="records", expected="list")
    return OpenedBundle(parsed.village_code, parsed.audit_head, parsed.records, tuple(raw))


def reopen_bundle(data: bytes, sender: PublicIdentity, keys: KeyPair) -> OpenedBundle:
    """A stored (held) bundle: verified again against its device, then opened."""
    verified = verify(data, expected_kind=Kind.BUNDLE, recipient_key_id=keys.key_id,
                      sender_lookup=lambda _key: SenderStatus(sender))
    return open_bundle(verified, keys)


def receipt_payload(*, bundle_sha256: str, status: str, reason_code: str,
                    results: Sequence[RecordResult], last_applied_sequence: int,
                    last_applied_sha256: str, village_audit_head: str,
                    district_audit_head: str, issued_at: str) -> dict[str, object]:
    # validate=False: every field comes from our own database and code, already checked.
    return payloads.build_receipt_payload(
        bundle_sha256=bundle_sha256, status=status, issued_at=issued_at,
        last_applied_sequence=last_applied_sequence, last_applied_sha256=last_applied_sha256,
        results=[r.to_payload() for r in results], reason_code=reason_code,
        village_audit_head=village_audit_head, district_audit_head=district_audit_head,
        validate=False)


def _identity(device: Device) -> PublicIdentity:
    return PublicIdentity(device.signing_key, device.encryption_key)


def seal_receipt(payload: Mapping[str, object], *, district: KeyPair, device: Device,
                 bundle: Bundle, now: int) -> bytes:
    return seal(Kind.RECEIPT, payload, sender=district, recipient=_identity(device),
                sequence=bundle.sequence, previous=bytes.fromhex(bundle.sha256),
                created_at=now, training=bundle.training)


def seal_update(*, district: KeyPair, device: Device, village_code: str, issued_at: str,
                items: Sequence[UpdateItem], version: int, previous: bytes, now: int,
                expires_at: int, training: bool) -> bytes:
    payload = payloads.build_update_payload(village_code=village_code, issued_at=issued_at,
                                            items=items)
    return seal(Kind.UPDATE, payload, sender=district, recipient=_identity(device),
                sequence=version, previous=previous, created_at=now, expires_at=expires_at,
                training=training)
