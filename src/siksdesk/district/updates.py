"""District → village updates: invalid-NIK lists, decisions, device revocations (and new
district keys: ``rotation``).

Each update is sealed to one device with a version that only increases per device (1, 2, …),
``previous`` = SHA-256 of the previous update to that device, and an expiry (required)."""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from siksdesk.district import wire
from siksdesk.district.context import District
from siksdesk.district.db import read_session, write_session
from siksdesk.district.devices import find_device
from siksdesk.district.errors import DistrictError
from siksdesk.district.models import Device, UpdateIssued
from siksdesk.sync.keys import KeyPair
from siksdesk.sync.payload_types import Decision, DeviceRevoked, InvalidNikList, InvalidNikRow
from siksdesk.sync.payload_types import UpdateItem as UpdateItem

__all__ = ["IssuedUpdate", "decision_item", "invalid_nik_item", "issue_in_session",
           "issue_update",
           "revocation_updates", "update_after"]

DEFAULT_EXPIRY_DAYS: Final = 30
_DIGITS = re.compile(r"[0-9]{1,20}", re.ASCII)


@dataclass(frozen=True, slots=True)
class IssuedUpdate:
    key_id: str
    village_code: str
    version: int
    sha256: str
    expires_at: int
    data: bytes


def _expiry(now: int, days: int) -> int:
    if not 1 <= days <= 3650:
        raise DistrictError("BAD_EXPIRY")
    return now + days * 86400


def issue_update(district: District, key_id: str, items: Sequence[UpdateItem], *,
                 expires_days: int = DEFAULT_EXPIRY_DAYS, now: int | None = None
                 ) -> IssuedUpdate:
    """Seal and store the next update for the device ``key_id`` (one transaction)."""
    now = int(time.time()) if now is None else now
    expires_at = _expiry(now, expires_days)
    with write_session(district.factory) as session:
        device = find_device(session, key_id.lower(), lock=True)
        if device is None:
            raise DistrictError("UNKNOWN_DEVICE", key_id=key_id)
        return issue_in_session(session, district, device, items, now, expires_at)


def issue_in_session(session: Session, district: District, device: Device,
                     items: Sequence[UpdateItem], now: int, expires_at: int, *,
                     signer: KeyPair | None = None) -> IssuedUpdate:
    """Seal and store the device's next update (``signer``: the current key by default)."""
    last = session.scalars(select(UpdateIssued).where(UpdateIssued.device_id == device.id)
                           .order_by(UpdateIssued.version.desc()).limit(1)).first()
    version = 1 if last is None else last.version + 1
    previous = bytes(32) if last is None else bytes.fromhex(last.sha256)
    data = wire.seal_update(
        district=signer or district.keys, device=device, village_code=device.village_code,
        issued_at=datetime.fromtimestamp(now, UTC).isoformat(timespec="seconds"), items=items,
        version=version, previous=previous, now=now, expires_at=expires_at,
        training=district.opened_as.training)
    sha = hashlib.sha256(data).hexdigest()
    kinds = ",".join(sorted({_kind(item) for item in items}))[:200]
    session.add(UpdateIssued(device_id=device.id, version=version, sha256=sha,
                             item_types=kinds, data=data, expires_at=expires_at))
    return IssuedUpdate(device.key_id, device.village_code, version, sha, expires_at, data)


def _kind(item: UpdateItem) -> str:
    return type(item).__name__


def update_after(district: District, key_id: str, after: int) -> bytes | None:
    """The first update with version > ``after`` for the device, or None."""
    with read_session(district.factory) as session:
        device = find_device(session, key_id.lower())
        if device is None:
            raise DistrictError("UNKNOWN_DEVICE", key_id=key_id)
        return session.scalars(select(UpdateIssued.data).where(
            UpdateIssued.device_id == device.id, UpdateIssued.version > after)
            .order_by(UpdateIssued.version).limit(1)).first()


def latest_version(session: Session, device_id: int) -> int:
    value = session.scalar(select(func.max(UpdateIssued.version))
                           .where(UpdateIssued.device_id == device_id))
    return int(value or 0)


def decision_item(usulan: str, status: str, code: str = "", note: str = "") -> Decision:
    return Decision(usulan=usulan, status=status, code=code, note=note)


def invalid_nik_item(path: Path) -> InvalidNikList:
    """The district's invalid-NIK list (xlsx/csv) as an update item. Raises the reader's
    ``ImportRejected`` (file unsafe/unreadable) or DistrictError EMPTY_LIST."""
    from siksdesk.io.invalid_nik_read import read_invalid_nik_list

    listing = read_invalid_nik_list(path)
    rows = []
    for row in listing.rows:
        if row.rejected:
            continue
        keys = row.keys
        nik = keys.nik or (row.reported_nik if _DIGITS.fullmatch(row.reported_nik) else "")
        rows.append(InvalidNikRow(
            nik=nik, idbdt=(keys.idbdt or row.reported_idbdt or "")[:64],
            idartbdt=(keys.idartbdt or "")[:64], nama=(keys.nama or row.reported_name)[:200],
            tgl_lahir=row.reported_birth_date.isoformat() if row.reported_birth_date else "",
            keterangan=row.note[:4000]))
    if not rows:
        raise DistrictError("EMPTY_LIST", file=path.name)
    return InvalidNikList(rows=tuple(rows))


def revocation_updates(district: District, revoked_key_id: str, reason: str, *,
                       expires_days: int = DEFAULT_EXPIRY_DAYS,
                       now: int | None = None) -> list[IssuedUpdate]:
    """Tell the other active devices of the revoked device's village (one update each)."""
    now = int(time.time()) if now is None else now
    expires_at = _expiry(now, expires_days)
    item = DeviceRevoked(key_id=revoked_key_id.lower(), reason=reason[:200])
    issued = []
    with write_session(district.factory) as session:
        revoked = find_device(session, revoked_key_id.lower())
        if revoked is None:
            raise DistrictError("UNKNOWN_DEVICE", key_id=revoked_key_id)
        others = session.scalars(select(Device).where(
            Device.village_code == revoked.village_code, Device.status == "active",
            Device.id != revoked.id).order_by(Device.id).with_for_update()).all()
        for device in others:
            issued.append(issue_in_session(session, district, device, [item], now,
                                           expires_at))
    return issued
