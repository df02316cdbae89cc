"""Reading what the district sends back, as the village would."""

from __future__ import annotations

from siksdesk.district.context import District
from siksdesk.district.samples import SampleVillage
from siksdesk.sync.container import Kind, SenderStatus, open_verified, verify
from siksdesk.sync.payload_types import Receipt, Update
from siksdesk.sync.payloads import parse_receipt, parse_update


def read_receipt(district: District, village: SampleVillage, data: bytes | None) -> Receipt:
    assert data is not None
    verified = verify(data, expected_kind=Kind.RECEIPT, recipient_key_id=village.keys.key_id,
                      sender_lookup=lambda _key: SenderStatus(district.keys.identity))
    return parse_receipt(open_verified(verified, village.keys))


def read_update(district: District, village: SampleVillage, data: bytes) -> Update:
    verified = verify(data, expected_kind=Kind.UPDATE, recipient_key_id=village.keys.key_id,
                      sender_lookup=lambda _key: SenderStatus(district.keys.identity))
    return parse_update(open_verified(verified, village.keys))
