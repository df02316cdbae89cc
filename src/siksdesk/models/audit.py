"""The append-only, hash-chained audit log (docs/audit-trail.md).

One row per write transaction that changed registry, usulan, MusDes or other audited data. The
row covers the change_log rows of that transaction by id range and digest; ``hash`` chains it to
the row before. Triggers (migration 0006) refuse UPDATE and DELETE and an INSERT that does not
extend the chain. Values are written as the text the hash covers (``at`` as ISO text, ``summary``
as canonical JSON), so the verifier recomputes hashes from the stored values alone.
"""

from __future__ import annotations

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from siksdesk.models.base import Base


class AuditLog(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(32))  # UTC, "YYYY-MM-DDTHH:MM:SS.ffffff"
    author: Mapped[str] = mapped_column(String(80))
    origin: Mapped[str] = mapped_column(String(10))  # the unit of work's origin
    action: Mapped[str] = mapped_column(String(20))  # edit | import | demo | sync | usulan | …
    entity: Mapped[str] = mapped_column(String(30))  # "" when the transaction touched many
    entity_uuid: Mapped[str] = mapped_column(String(36), index=True)
    change_through: Mapped[int] = mapped_column(index=True)  # highest change_log id covered
    change_count: Mapped[int]
    change_sha256: Mapped[str] = mapped_column(String(64))
    summary: Mapped[str] = mapped_column(Text)  # canonical JSON: counts, field names, codes
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)
