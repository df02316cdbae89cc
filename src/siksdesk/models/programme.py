"""Programmes (KKS/BPNT, PKH, PBI-JK, …) with the village's quota, their current beneficiaries,
and replacement pairs (one per usulan of kind "replacement")."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from siksdesk.models.base import Base, utc_now


class Programme(Base):
    __tablename__ = "programme"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)  # KKS/BPNT, PKH, PBI-JK …
    name: Mapped[str] = mapped_column(String(120), default="")
    quota: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)


class ProgrammeBeneficiary(Base):
    __tablename__ = "programme_beneficiary"
    __table_args__ = (UniqueConstraint("programme_id", "ruta_uuid", name="programme_ruta"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"),
                                              index=True)
    ruta_uuid: Mapped[str] = mapped_column(String(36), index=True)
    since: Mapped[date | None]


class ReplacementPair(Base):
    """A leaving beneficiary household and the registry household that takes its place. Locked
    with its usulan once the meeting that decided it is finalised."""

    __tablename__ = "replacement_pair"

    id: Mapped[int] = mapped_column(primary_key=True)
    usulan_id: Mapped[int] = mapped_column(ForeignKey("usulan.id"), unique=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"), index=True)
    exit_ruta_uuid: Mapped[str | None] = mapped_column(String(36))
    exit_reason: Mapped[str] = mapped_column(String(30), default="")
    entry_ruta_uuid: Mapped[str | None] = mapped_column(String(36))
