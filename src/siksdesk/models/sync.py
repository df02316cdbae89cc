"""What the village keeps about its sync link with the district (issue 6).

``sync_profile`` is the imported district profile (one row); ``sync_district_key`` every district
key the laptop trusts (the profile's, and rotated ones from updates); ``sync_device`` the state of
this database's chain (one row: the device key it sends with, the chain base after a catch-up,
the newest update version, revocation); ``sync_bundle`` the outbox — each sealed container kept
byte for byte until a receipt clears it; ``sync_receipt`` and ``sync_update`` what came back.
Containers are encrypted to the district: storing them leaks nothing the registry does not hold.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from siksdesk.models.base import Base, utc_now


class SyncProfile(Base):
    __tablename__ = "sync_profile"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True, default=1)
    district_code: Mapped[str] = mapped_column(String(10))
    district_name: Mapped[str] = mapped_column(String(120))
    village_code: Mapped[str] = mapped_column(String(10))
    village_name: Mapped[str] = mapped_column(String(120))
    key_id: Mapped[str] = mapped_column(String(32))  # the profile's district key (hex)
    server_url: Mapped[str] = mapped_column(String(300), default="")
    training: Mapped[bool] = mapped_column(default=False)
    issued_at: Mapped[str] = mapped_column(String(40), default="")
    imported_at: Mapped[datetime] = mapped_column(default=utc_now)
    imported_by: Mapped[str] = mapped_column(String(80), default="")
    profile_sha256: Mapped[str] = mapped_column(String(64))


class SyncDistrictKey(Base):
    __tablename__ = "sync_district_key"

    id: Mapped[int] = mapped_column(primary_key=True)
    key_id: Mapped[str] = mapped_column(String(32), unique=True)  # hex
    signing_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    encryption_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    valid_from: Mapped[datetime] = mapped_column(default=utc_now)
    source: Mapped[str] = mapped_column(String(10))  # profile | update
    added_at: Mapped[datetime] = mapped_column(default=utc_now)


class SyncDevice(Base):
    __tablename__ = "sync_device"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True, default=1)
    key_id: Mapped[str] = mapped_column(String(32))  # the device key this database sends with
    # after a catch-up: the district's last applied bundle, the next one chains to it
    base_sequence: Mapped[int] = mapped_column(default=0)
    base_sha256: Mapped[str] = mapped_column(String(64), default="")
    acknowledged_through: Mapped[int] = mapped_column(default=0)  # highest last_applied seen
    update_version: Mapped[int] = mapped_column(default=0)
    update_sha256: Mapped[str] = mapped_column(String(64), default="")
    revoked_at: Mapped[datetime | None]
    revoked_reason: Mapped[str] = mapped_column(String(200), default="")


class SyncBundle(Base):
    __tablename__ = "sync_bundle"

    id: Mapped[int] = mapped_column(primary_key=True)
    sequence: Mapped[int] = mapped_column(unique=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    previous_sha256: Mapped[str] = mapped_column(String(64))
    recipient_key_id: Mapped[str] = mapped_column(String(32))
    container: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[int]  # the signed unix time in the header
    sealed_at: Mapped[datetime] = mapped_column(default=utc_now)
    sealed_by: Mapped[str] = mapped_column(String(80), default="")
    records: Mapped[int] = mapped_column(default=0)
    counts: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    meetings: Mapped[int] = mapped_column(default=0)
    niks: Mapped[int] = mapped_column(default=0)
    state: Mapped[str] = mapped_column(String(10), default="pending", index=True)
    # pending | held | refused | receipted
    written_at: Mapped[datetime | None]
    uploaded_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(String(60), default="")
    receipt_status: Mapped[str] = mapped_column(String(10), default="")
    receipt_reason: Mapped[str] = mapped_column(String(60), default="")
    receipted_at: Mapped[datetime | None]
    # the village audit-chain head sealed into the payload; the receipt must echo it
    audit_head: Mapped[str] = mapped_column(String(64), default="", server_default="")


class SyncBundleItem(Base):
    """Which proposal travelled in which bundle."""

    __tablename__ = "sync_bundle_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    bundle_id: Mapped[int] = mapped_column(ForeignKey("sync_bundle.id"), index=True)
    usulan_id: Mapped[int] = mapped_column(ForeignKey("usulan.id"), index=True)


class SyncReceipt(Base):
    __tablename__ = "sync_receipt"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)  # of the receipt container
    bundle_sequence: Mapped[int] = mapped_column(index=True)
    bundle_sha256: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(10))
    reason_code: Mapped[str] = mapped_column(String(60), default="")
    last_applied_sequence: Mapped[int]
    last_applied_sha256: Mapped[str] = mapped_column(String(64), default="")
    district_audit_head: Mapped[str] = mapped_column(String(64), default="")
    issued_at: Mapped[str] = mapped_column(String(40), default="")
    accepted: Mapped[int] = mapped_column(default=0)
    rejected: Mapped[int] = mapped_column(default=0)
    imported_at: Mapped[datetime] = mapped_column(default=utc_now)
    imported_by: Mapped[str] = mapped_column(String(80), default="")


class SyncUpdate(Base):
    __tablename__ = "sync_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(unique=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    issued_at: Mapped[str] = mapped_column(String(40), default="")
    expires_at: Mapped[int] = mapped_column(default=0)
    counts: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)  # per item type
    imported_at: Mapped[datetime] = mapped_column(default=utc_now)
    imported_by: Mapped[str] = mapped_column(String(80), default="")
