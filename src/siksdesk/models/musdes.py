"""The MusDes (or the SPTJM that replaces it) and its attendance list; the approver is a
Kepala Desa account (models/account.py). A finalised meeting and its attendees are locked by
triggers (migration 0004)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from siksdesk.models.base import Base, new_uuid, utc_now


class MusdesMeeting(Base):
    __tablename__ = "musdes_meeting"
    __table_args__ = (
        CheckConstraint("kind IN ('musdes', 'sptjm')", name="kind"),
        CheckConstraint("status IN ('open', 'finalised')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    kind: Mapped[str] = mapped_column(String(10), default="musdes")
    status: Mapped[str] = mapped_column(String(10), default="open", index=True)
    held_on: Mapped[date]
    place: Mapped[str] = mapped_column(String(200), default="")
    agenda: Mapped[str] = mapped_column(String(1000), default="")
    chair: Mapped[str] = mapped_column(String(120), default="")  # the Kepala Desa
    note_taker: Mapped[str] = mapped_column(String(120), default="")
    statement: Mapped[str] = mapped_column(Text, default="")  # SPTJM: the head's statement
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    created_by: Mapped[str] = mapped_column(String(80))
    finalised_at: Mapped[datetime | None]
    finalised_by: Mapped[str | None] = mapped_column(String(120))
    decided_set_sha256: Mapped[str | None] = mapped_column(String(64))

    attendees: Mapped[list[MusdesAttendee]] = relationship(
        back_populates="meeting", order_by="MusdesAttendee.no_urut")


class MusdesAttendee(Base):
    __tablename__ = "musdes_attendee"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("musdes_meeting.id"), index=True)
    no_urut: Mapped[int] = mapped_column(default=1)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(20))  # domain.musdes.AttendeeRole
    title: Mapped[str] = mapped_column(String(120), default="")  # e.g. "Ketua BPD", "RT 003"

    meeting: Mapped[MusdesMeeting] = relationship(back_populates="attendees")

