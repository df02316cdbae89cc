"""District key rotation with overlap (``siksdesk-district rotate-keys``).

1. a new key pair is made and saved beside the old one (``keys/district-<key id>.key``);
2. the manifest (``keyring``) gives the old key an overlap window: bundles sealed to it are
   still accepted (and opened with it) until the window ends, then refused WRONG_RECIPIENT;
3. in ONE transaction, every active device gets an update signed by the OLD key — the key the
   village already trusts (TUF: a new root is signed by the old one) — carrying a
   ``district_keys`` item with the new public keys, and the database switches to the new key;
4. the manifest is written again, so a running server reloads the ring.

From then on receipts and updates are signed with the new key, except a receipt answering a
bundle sealed to a retired key, which is signed with that key (``store.receipt_signer``): the
village can check it before it has imported the update. Profiles carry the new key."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Final

from sqlalchemy import select

from siksdesk.district.context import District, passphrase
from siksdesk.district.db import write_session
from siksdesk.district.errors import DistrictError
from siksdesk.district.keyring import (
    iso,
    key_file,
    new_key_file_name,
    rotated_entries,
    write_manifest,
)
from siksdesk.district.models import Device
from siksdesk.district.store import lock_info
from siksdesk.district.updates import DEFAULT_EXPIRY_DAYS, IssuedUpdate, issue_in_session
from siksdesk.sync.keys import KeyPair
from siksdesk.sync.payload_types import DistrictKeys

__all__ = ["DEFAULT_OVERLAP_DAYS", "Rotation", "rotate_keys"]

DEFAULT_OVERLAP_DAYS: Final = 30
MAX_OVERLAP_DAYS: Final = 3650


@dataclass(frozen=True, slots=True)
class Rotation:
    old_key_id: str
    new_key_id: str
    new_fingerprint: str
    valid_from: str  # ISO: the new key is used from now on
    old_valid_until: str  # ISO: bundles sealed to the old key are refused from then on
    updates: tuple[IssuedUpdate, ...]  # one per active device


def rotate_keys(district: District, *, overlap_days: int = DEFAULT_OVERLAP_DAYS,
                now: int | None = None) -> Rotation:
    """Make a new district key and announce it (see the module doc). DistrictError
    BAD_OVERLAP, KEYS_CHANGED (another rotation won the race; nothing switched)."""
    if not 0 <= overlap_days <= MAX_OVERLAP_DAYS:
        raise DistrictError("BAD_OVERLAP")
    now = int(time.time()) if now is None else now
    until = now + overlap_days * 86400
    old = district.keys
    new = KeyPair.generate()
    old_id, new_id = old.key_id.hex(), new.key_id.hex()
    new.save_private(key_file(district.home, new_key_file_name(new_id)), passphrase())
    entries = rotated_entries(district.home, old_id, new_id, until, now, passphrase())
    write_manifest(district.home, entries, new_id)  # the database still says: old is current
    signing, encryption = new.identity.to_b64()
    item = DistrictKeys(signing_key=signing, encryption_key=encryption, key_id=new_id,
                        valid_from=iso(now))
    # Outlives the overlap: a village that imports it late still learns the new key.
    expires_at = now + max(overlap_days, DEFAULT_EXPIRY_DAYS) * 86400
    with write_session(district.factory) as session:
        info = lock_info(session)
        if info.key_id != old_id:
            raise DistrictError("KEYS_CHANGED")
        devices = session.scalars(select(Device).where(Device.status == "active")
                                  .order_by(Device.id).with_for_update()).all()
        issued = tuple(issue_in_session(session, district, device, [item], now, expires_at,
                                        signer=old) for device in devices)
        info.key_id, info.signing_key, info.encryption_key = (new_id, new.identity.signing,
                                                              new.identity.encryption)
    write_manifest(district.home, entries, new_id)
    return Rotation(old_id, new_id, new.fingerprint, iso(now), iso(until), issued)
