"""What the village keeps about its exchanges with the district: remembered column mappings,
import batches, the district's invalid-NIK list, duplicate decisions and the sync watermark."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from siksdesk.models.base import Base, utc_now


class ImportProfile(Base):
    """A column mapping the operator confirmed for files whose header row has this shape."""

    __tablename__ = "import_profile"
    __table_args__ = (UniqueConstraint("kind", "signature", name="kind_signature"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # bnba | invalid_nik
    signature: Mapped[str] = mapped_column(String(64))  # hash of the normalised header row
    name: Mapped[str] = mapped_column(String(80))
    mapping: Mapped[dict[str, str]] = mapped_column(JSON)  # normalised header -> target key
    created_at: Mapped[datetime] = mapped_column(default=utc_now)


class ImportBatch(Base):
    """One applied import (a file name and digest, never its contents)."""

    __tablename__ = "import_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    file_name: Mapped[str] = mapped_column(String(255))
    file_sha256: Mapped[str] = mapped_column(String(64))
    sheet: Mapped[str] = mapped_column(String(100), default="")
    profile: Mapped[str] = mapped_column(String(80), default="")
    author: Mapped[str] = mapped_column(String(80))
    at: Mapped[datetime] = mapped_column(default=utc_now)
    counts: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)


class NikIssue(Base):
    """One row of the district's "NIK tidak valid / tidak padan" list and what became of it."""

    __tablename__ = "nik_issue"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(
        ForeignKey("import_batch.id", ondelete="CASCADE"), index=True)
    source_row: Mapped[int]
    art_id: Mapped[int | None] = mapped_column(
        ForeignKey("art.id", ondelete="SET NULL"), index=True)
    # nik | idartbdt | idbdt | name_birth | none
    matched_by: Mapped[str] = mapped_column(String(20))
    reported_nik: Mapped[str] = mapped_column(String(40), default="")
    reported_name: Mapped[str] = mapped_column(String(120), default="")
    reported_birth_date: Mapped[date | None]
    reported_idbdt: Mapped[str] = mapped_column(String(40), default="")
    district_note: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    # open | fixed | deactivation | dismissed
    resolution_reason: Mapped[str | None] = mapped_column(String(30))  # DeactivationReason
    resolved_at: Mapped[datetime | None]
    resolved_by: Mapped[str | None] = mapped_column(String(80))


class DuplicateDecision(Base):
    """The operator's verdict on a candidate pair of members (uuids ordered a < b)."""

    __tablename__ = "duplicate_decision"
    __table_args__ = (
        UniqueConstraint("art_uuid_a", "art_uuid_b", name="pair"),
        CheckConstraint("art_uuid_a < art_uuid_b", name="ordered_pair"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    art_uuid_a: Mapped[str] = mapped_column(String(36))
    art_uuid_b: Mapped[str] = mapped_column(String(36))
    decision: Mapped[str] = mapped_column(String(20))  # not_duplicate | keep_a | keep_b
    note: Mapped[str] = mapped_column(String(500), default="")
    decided_at: Mapped[datetime] = mapped_column(default=utc_now)
    decided_by: Mapped[str] = mapped_column(String(80))


class SyncState(Base):
    """Single row: the last change-log id already sent to the district. Local edits after it are
    "not yet sent" (an import must not silently overwrite them)."""

    __tablename__ = "sync_state"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True, default=1)
    sent_through_change_id: Mapped[int] = mapped_column(default=0)
