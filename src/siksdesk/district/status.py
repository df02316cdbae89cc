"""What the district operator sees in ``siksdesk-district status``: per device (= per village
laptop) the last applied sequence, held bundles and the gaps before them, alarms, revocation."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import func, select

from siksdesk.district.context import District
from siksdesk.district.db import read_session
from siksdesk.district.models import Alarm, AppliedRecord, Bundle, Device, UpdateIssued

__all__ = ["AlarmInfo", "DeviceStatus", "DistrictStatus", "district_status"]


@dataclass(frozen=True, slots=True)
class AlarmInfo:
    kind: str  # FORK | BAD_BUNDLE
    sequence: int
    detail: str
    raised_at: str


@dataclass(frozen=True, slots=True)
class DeviceStatus:
    key_id: str
    fingerprint: str
    village_code: str
    village_name: str
    device_name: str
    status: str  # active | revoked
    revoked_at: str
    revoked_reason: str
    last_applied_sequence: int
    held: tuple[int, ...]  # sequences received but waiting
    missing: tuple[int, ...]  # sequences not received that the held ones wait for
    refused: int
    alarms: tuple[AlarmInfo, ...]
    update_version: int


@dataclass(frozen=True, slots=True)
class DistrictStatus:
    district_code: str
    district_name: str
    training: bool
    key_id: str
    audit_head: str
    audit_length: int
    bundles_applied: int
    records_applied: int
    devices: tuple[DeviceStatus, ...]

    def to_json(self) -> dict[str, object]:
        return asdict(self)


def _iso(value: datetime | None) -> str:
    return value.isoformat(timespec="seconds") if value is not None else ""


def _missing(last: int, held: list[int]) -> tuple[int, ...]:
    if not held:
        return ()
    have = set(held)
    return tuple(n for n in range(last + 1, max(held)) if n not in have)[:1000]


def district_status(district: District) -> DistrictStatus:
    from siksdesk.district.models import DistrictInfo

    with read_session(district.factory) as session:
        info = session.scalars(select(DistrictInfo)).one()
        held: dict[int, list[int]] = defaultdict(list)
        refused: dict[int, int] = defaultdict(int)
        for device_id, sequence, state in session.execute(
                select(Bundle.device_id, Bundle.sequence, Bundle.state)
                .where(Bundle.state.in_(("held", "refused", "forked")))):
            if state == "held":
                held[device_id].append(sequence)
            else:
                refused[device_id] += 1
        alarms: dict[int, list[AlarmInfo]] = defaultdict(list)
        for alarm in session.scalars(select(Alarm).where(Alarm.cleared_at.is_(None))
                                     .order_by(Alarm.id)):
            alarms[alarm.device_id].append(
                AlarmInfo(alarm.kind, alarm.sequence, alarm.detail, _iso(alarm.raised_at)))
        versions = {device_id: version for device_id, version in session.execute(
            select(UpdateIssued.device_id, func.max(UpdateIssued.version))
            .group_by(UpdateIssued.device_id))}
        devices = tuple(
            DeviceStatus(
                d.key_id, d.fingerprint, d.village_code, d.village_name, d.device_name,
                d.status, _iso(d.revoked_at), d.revoked_reason, d.last_applied_sequence,
                tuple(sorted(held[d.id])), _missing(d.last_applied_sequence, held[d.id]),
                refused[d.id], tuple(alarms[d.id]), int(versions.get(d.id, 0)))
            for d in session.scalars(select(Device).order_by(Device.village_code, Device.id)))
        applied = session.scalar(select(func.count()).select_from(Bundle)
                                 .where(Bundle.state == "applied"))
        records = session.scalar(select(func.count()).select_from(AppliedRecord))
        return DistrictStatus(info.district_code, info.district_name, info.training,
                              info.key_id, info.audit_head, info.audit_length, int(applied or 0),
                              int(records or 0), devices)
