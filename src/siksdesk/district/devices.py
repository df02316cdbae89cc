"""Enrolment on the district side: profile files for villages, registering and revoking devices."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from siksdesk.district.context import District
from siksdesk.district.db import read_session, write_session
from siksdesk.district.errors import DistrictError
from siksdesk.district.models import Device, utc_now
from siksdesk.sync.container import SenderStatus
from siksdesk.sync.enrolment import make_profile, read_registration
from siksdesk.sync.keys import PublicIdentity

__all__ = ["DeviceInfo", "find_device", "make_village_profile", "normalise_fingerprint",
           "register_device", "revoke_device", "sender_status"]

_VILLAGE_CODE = re.compile(r"[0-9]{10}", re.ASCII)


@dataclass(frozen=True, slots=True)
class DeviceInfo:
    key_id: str
    fingerprint: str
    village_code: str
    village_name: str
    device_name: str
    status: str
    training: bool


def _info(device: Device) -> DeviceInfo:
    return DeviceInfo(device.key_id, device.fingerprint, device.village_code,
                      device.village_name, device.device_name, device.status, device.training)


def _mode(training: bool) -> str:
    return "latihan" if training else "nyata"


def normalise_fingerprint(text: str) -> str:
    """Upper case, only A-Z and 2-7, grouped by four: what the operator typed, comparable."""
    letters = re.sub(r"[^A-Z2-7]", "", text.upper())
    return "-".join(letters[i:i + 4] for i in range(0, len(letters), 4))


def make_village_profile(district: District, village_code: str, village_name: str) -> bytes:
    """The signed district profile file for one village (imported on its laptop)."""
    code = district.identity.district_code
    if not (_VILLAGE_CODE.fullmatch(village_code) and village_code.startswith(code)):
        raise DistrictError("BAD_VILLAGE_CODE", district_code=code)
    return make_profile(district.keys, district_code=code,
                        district_name=district.identity.district_name,
                        village_code=village_code, village_name=village_name,
                        issued_at=datetime.now(UTC).replace(microsecond=0),
                        server_url=district.identity.server_url,
                        training=district.identity.training)


def register_device(district: District, data: bytes, typed_fingerprint: str) -> DeviceInfo:
    """Check the registration file, compare the fingerprint the operator typed (read off the
    laptop's screen) and store the device. EnrolmentError / DistrictError on refusal."""
    registration = read_registration(data)
    fingerprint = registration.fingerprint
    if normalise_fingerprint(typed_fingerprint) != fingerprint:
        raise DistrictError("FINGERPRINT_TYPED_MISMATCH", fingerprint=fingerprint)
    code = district.identity.district_code
    if not registration.village_code.startswith(code):
        raise DistrictError("BAD_VILLAGE_CODE", district_code=code)
    if registration.training != district.identity.training:
        raise DistrictError("TRAINING_MISMATCH", mode_device=_mode(registration.training),
                            mode_ours=_mode(district.identity.training))
    key_id = registration.key_id.hex()
    with write_session(district.factory) as session:
        existing = find_device(session, key_id)
        if existing is not None:
            code = "DEVICE_REVOKED" if existing.status == "revoked" else \
                "DEVICE_ALREADY_REGISTERED"
            raise DistrictError(code, key_id=key_id, village_code=existing.village_code)
        device = Device(
            key_id=key_id, signing_key=registration.identity.signing,
            encryption_key=registration.identity.encryption, fingerprint=fingerprint,
            village_code=registration.village_code, village_name=registration.village_name,
            device_name=registration.device_name, training=registration.training,
            status="active", registration=bytes(data))
        session.add(device)
        session.flush()
        return _info(device)


def revoke_device(district: District, key_id: str, reason: str = "") -> DeviceInfo:
    """Mark a device revoked: its bundles are refused from now on (before any decryption)."""
    with write_session(district.factory) as session:
        device = find_device(session, key_id.lower(), lock=True)
        if device is None:
            raise DistrictError("UNKNOWN_DEVICE", key_id=key_id)
        if device.status != "revoked":
            device.status = "revoked"
            device.revoked_at = utc_now()
            device.revoked_reason = reason[:500]
        return _info(device)


def find_device(session: Session, key_id: str, *, lock: bool = False) -> Device | None:
    query = select(Device).where(Device.key_id == key_id)
    if lock:
        query = query.with_for_update()
    return session.scalars(query).first()


def identity_of(device: Device) -> PublicIdentity:
    return PublicIdentity(device.signing_key, device.encryption_key)


def sender_status(district: District, key_id: bytes) -> SenderStatus:
    """The container's ``sender_lookup``: one short read."""
    with read_session(district.factory) as session:
        device = find_device(session, key_id.hex())
        if device is None:
            return SenderStatus(None)
        return SenderStatus(identity_of(device), revoked=device.status == "revoked")


def device_info(district: District, key_id: str) -> DeviceInfo:
    with read_session(district.factory) as session:
        device = find_device(session, key_id.lower())
        if device is None:
            raise DistrictError("UNKNOWN_DEVICE", key_id=key_id)
        return _info(device)
