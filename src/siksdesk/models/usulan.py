"""Usulan: a proposed change that the MusDes decides on before it leaves the village.

Issue 4 creates deactivation proposals (from the invalid-NIK list and the duplicate finder);
the MusDes workflow (decisions, berita acara) builds on this table."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from siksdesk.models.base import Base, new_uuid, utc_now


class Usulan(Base):
    __tablename__ = "usulan"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    kind: Mapped[str] = mapped_column(String(20))  # deactivate (more kinds with the MusDes)
    entity: Mapped[str] = mapped_column(String(10))  # art | ruta
    entity_uuid: Mapped[str] = mapped_column(String(36), index=True)
    ruta_uuid: Mapped[str] = mapped_column(String(36), index=True)
    reason: Mapped[str] = mapped_column(String(30))  # DeactivationReason for deactivate
    note: Mapped[str] = mapped_column(String(500), default="")
    source: Mapped[str] = mapped_column(String(30))  # nik_issue | duplicate | operator
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    created_by: Mapped[str] = mapped_column(String(80))
