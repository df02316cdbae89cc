"""Usulan: a proposed change that the MusDes decides on before it leaves the village.

Kinds, statuses and the status machine live in ``siksdesk.domain.musdes``. Once the meeting that
decided a row is finalised, database triggers (migration 0004) lock every column except the
later status moves (approved → sent → accepted/rejected by the district) and ``sent_at``,
``dinas_at``, ``dinas_note``. A migration that adds a column here must recreate those triggers
(batch mode rebuilds the table, which drops them)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, text
from sqlalchemy.orm import Mapped, mapped_column

from siksdesk.models.base import Base, new_uuid, utc_now


class Usulan(Base):
    __tablename__ = "usulan"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    kind: Mapped[str] = mapped_column(String(20))  # domain.musdes.UsulanKind
    entity: Mapped[str] = mapped_column(String(10))  # art | keluarga | ruta
    entity_uuid: Mapped[str] = mapped_column(String(36), index=True)
    ruta_uuid: Mapped[str] = mapped_column(String(36), index=True)
    reason: Mapped[str] = mapped_column(String(30))  # DeactivationReason for deactivate, else ""
    note: Mapped[str] = mapped_column(String(500), default="")
    source: Mapped[str] = mapped_column(String(30))  # nik_issue | duplicate | operator | edit
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    created_by: Mapped[str] = mapped_column(String(80))
    # correction: {"field": {"before": x, "after": y}}; new/new_member/deactivate: edited fields
    changes: Mapped[dict[str, object]] = mapped_column(
        JSON, default=dict, server_default=text("'{}'"))
    # change_log id of the last registry edit folded into this proposal (edits → proposals)
    through_change_id: Mapped[int | None]
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("usulan.id"))  # carried forward
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("musdes_meeting.id"), index=True)
    decision: Mapped[str | None] = mapped_column(String(10))  # domain.musdes.Decision
    decision_note: Mapped[str] = mapped_column(String(500), default="", server_default="")
    decided_at: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    dinas_at: Mapped[datetime | None]
    dinas_note: Mapped[str] = mapped_column(String(500), default="", server_default="")
