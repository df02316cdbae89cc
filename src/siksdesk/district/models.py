"""The district receiver's tables (own Base and metadata: nothing here is shared with the village
database). Key ids and hashes are lower-case hex; byte columns hold whole containers."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    BigInteger,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ZERO_HASH = "0" * 64


class DistrictBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class DistrictInfo(DistrictBase):
    """One row (id 1): who this receiver is, and the head of its audit chain. The row is also
    the lock that serialises audit-chain appends."""

    __tablename__ = "district_info"

    id: Mapped[int] = mapped_column(primary_key=True)
    district_code: Mapped[str] = mapped_column(String(4))
    district_name: Mapped[str] = mapped_column(String(200))
    server_url: Mapped[str] = mapped_column(String(500), default="")
    training: Mapped[bool]
    key_id: Mapped[str] = mapped_column(String(32))
    signing_key: Mapped[bytes] = mapped_column(LargeBinary)
    encryption_key: Mapped[bytes] = mapped_column(LargeBinary)
    audit_head: Mapped[str] = mapped_column(String(64), default=ZERO_HASH)
    audit_length: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)


class Device(DistrictBase):
    """A registered village laptop. ``last_applied_*`` is the ordering state; the row is locked
    for the length of every ingest of its bundles."""

    __tablename__ = "device"

    id: Mapped[int] = mapped_column(primary_key=True)
    key_id: Mapped[str] = mapped_column(String(32), unique=True)
    signing_key: Mapped[bytes] = mapped_column(LargeBinary)
    encryption_key: Mapped[bytes] = mapped_column(LargeBinary)
    fingerprint: Mapped[str] = mapped_column(String(40))
    village_code: Mapped[str] = mapped_column(String(10), index=True)
    village_name: Mapped[str] = mapped_column(String(200))
    device_name: Mapped[str] = mapped_column(String(200))
    training: Mapped[bool]
    status: Mapped[str] = mapped_column(String(10), default="active")  # active | revoked
    registration: Mapped[bytes] = mapped_column(LargeBinary)
    registered_at: Mapped[datetime] = mapped_column(default=utc_now)
    revoked_at: Mapped[datetime | None]
    revoked_reason: Mapped[str] = mapped_column(String(500), default="")
    last_applied_sequence: Mapped[int] = mapped_column(BigInteger, default=0)
    last_applied_sha256: Mapped[str] = mapped_column(String(64), default=ZERO_HASH)


class Bundle(DistrictBase):
    """Every bundle a registered device sent whose signature held: applied, held (waiting for a
    gap to fill), forked (same sequence, other content) or refused (with ``reason_code``)."""

    __tablename__ = "bundle"
    __table_args__ = (
        UniqueConstraint("device_id", "sha256", name="uq_bundle_device_sha256"),
        Index("ix_bundle_device_sequence", "device_id", "sequence"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    device_id: Mapped[int] = mapped_column(ForeignKey("device.id"))
    sequence: Mapped[int] = mapped_column(BigInteger)
    previous: Mapped[str] = mapped_column(String(64))
    sha256: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(10))  # applied | held | forked | refused
    reason_code: Mapped[str] = mapped_column(String(40), default="")
    training: Mapped[bool]
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    signed_at: Mapped[int] = mapped_column(BigInteger)  # the container's created_at
    received_at: Mapped[datetime] = mapped_column(default=utc_now)
    applied_at: Mapped[datetime | None]
    records_accepted: Mapped[int] = mapped_column(Integer, default=0)
    records_rejected: Mapped[int] = mapped_column(Integer, default=0)
    village_audit_head: Mapped[str] = mapped_column(String(64), default="")


class AppliedRecord(DistrictBase):
    """One accepted usulan (record-level exactly-once: the usulan uuid is unique)."""

    __tablename__ = "applied_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    usulan_uuid: Mapped[str] = mapped_column(String(36), unique=True)
    village_code: Mapped[str] = mapped_column(String(10), index=True)
    bundle_id: Mapped[int] = mapped_column(ForeignKey("bundle.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    entity: Mapped[str] = mapped_column(String(10))
    entity_uuid: Mapped[str] = mapped_column(String(36), index=True)
    ruta_uuid: Mapped[str] = mapped_column(String(36))
    record: Mapped[str] = mapped_column(Text)  # the record's canonical JSON


class NikIndex(DistrictBase):
    """Which village holds each NIK (cross-village duplicate check)."""

    __tablename__ = "nik_index"

    nik: Mapped[str] = mapped_column(String(16), primary_key=True)
    village_code: Mapped[str] = mapped_column(String(10))
    art_uuid: Mapped[str] = mapped_column(String(36), index=True)
    ruta_uuid: Mapped[str] = mapped_column(String(36), index=True)
    bundle_id: Mapped[int] = mapped_column(ForeignKey("bundle.id"), index=True)


class Receipt(DistrictBase):
    """A signed receipt exactly as sent; a re-sent bundle gets the latest one back unchanged."""

    __tablename__ = "receipt"

    id: Mapped[int] = mapped_column(primary_key=True)
    bundle_id: Mapped[int] = mapped_column(ForeignKey("bundle.id"), index=True)
    device_id: Mapped[int] = mapped_column(ForeignKey("device.id"))
    sequence: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(10))  # applied | held | rejected
    data: Mapped[bytes] = mapped_column(LargeBinary)
    issued_at: Mapped[datetime] = mapped_column(default=utc_now)

    __table_args__ = (Index("ix_receipt_device_sequence", "device_id", "sequence"),)


class Alarm(DistrictBase):
    """Something a person must look at: a fork (two bundles for one sequence) or a bundle from a
    registered device that could not be read."""

    __tablename__ = "alarm"

    id: Mapped[int] = mapped_column(primary_key=True)
    device_id: Mapped[int] = mapped_column(ForeignKey("device.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # FORK | BAD_BUNDLE
    sequence: Mapped[int] = mapped_column(BigInteger)
    bundle_id: Mapped[int | None] = mapped_column(ForeignKey("bundle.id"))
    detail: Mapped[str] = mapped_column(String(500), default="")
    raised_at: Mapped[datetime] = mapped_column(default=utc_now)
    cleared_at: Mapped[datetime | None]


class UpdateIssued(DistrictBase):
    """A district → village update; ``version`` only increases per device."""

    __tablename__ = "update_issued"
    __table_args__ = (UniqueConstraint("device_id", "version", name="uq_update_device_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    device_id: Mapped[int] = mapped_column(ForeignKey("device.id"))
    version: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    item_types: Mapped[str] = mapped_column(String(200))  # comma-separated, for status
    data: Mapped[bytes] = mapped_column(LargeBinary)
    issued_at: Mapped[datetime] = mapped_column(default=utc_now)
    expires_at: Mapped[int] = mapped_column(BigInteger)


class AuditEntry(DistrictBase):
    """The district's audit chain: head = SHA-256(previous head + bundle SHA-256)."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    bundle_id: Mapped[int] = mapped_column(ForeignKey("bundle.id"), unique=True)
    previous_head: Mapped[str] = mapped_column(String(64))
    head: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(default=utc_now)
