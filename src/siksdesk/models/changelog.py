"""Every insert/update/delete of registry data, written in the same transaction as the change."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from siksdesk.models.base import Base, utc_now


class ChangeLog(Base):
    __tablename__ = "change_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utc_now)
    author: Mapped[str] = mapped_column(String(80))
    # edit (operator) | import | demo | sync: only "edit" rows are local work not yet sent.
    origin: Mapped[str] = mapped_column(String(10), default="edit", server_default="edit")
    action: Mapped[str] = mapped_column(String(10))  # insert | update | delete
    entity: Mapped[str] = mapped_column(String(20))  # table name
    entity_uuid: Mapped[str] = mapped_column(String(36), index=True)
    ruta_uuid: Mapped[str | None] = mapped_column(String(36), index=True)  # the aggregate
    before: Mapped[dict[str, object] | None] = mapped_column(JSON)
    after: Mapped[dict[str, object] | None] = mapped_column(JSON)
