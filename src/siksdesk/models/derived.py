"""Derived, rebuildable data about households: the list row and the problems found.

Not registry data (no change log): ``services.derived`` recomputes them from ruta/keluarga/art
after every save, import or demo build. The full-text index ``ruta_fts`` (FTS5, trigram) is
created by migration 0002 and is not an ORM table.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from siksdesk.models.base import Base

FTS_TABLE = "ruta_fts"


class HouseholdIndex(Base):
    __tablename__ = "household_index"

    ruta_id: Mapped[int] = mapped_column(
        ForeignKey("ruta.id", ondelete="CASCADE"), primary_key=True
    )
    nama_krt: Mapped[str] = mapped_column(String(120), default="", index=True)
    no_kk: Mapped[str] = mapped_column(String(16), default="")
    jumlah_art: Mapped[int] = mapped_column(default=0)
    errors: Mapped[int] = mapped_column(default=0)
    warnings: Mapped[int] = mapped_column(default=0)


class RecordProblem(Base):
    __tablename__ = "record_problem"

    id: Mapped[int] = mapped_column(primary_key=True)
    ruta_id: Mapped[int] = mapped_column(ForeignKey("ruta.id", ondelete="CASCADE"), index=True)
    art_id: Mapped[int | None] = mapped_column(ForeignKey("art.id", ondelete="CASCADE"),
                                               index=True)
    keluarga_id: Mapped[int | None] = mapped_column(
        ForeignKey("keluarga.id", ondelete="CASCADE"), index=True
    )
    field: Mapped[str] = mapped_column(String(40))
    code: Mapped[str] = mapped_column(String(40))
    severity: Mapped[str] = mapped_column(String(10))
    params: Mapped[str] = mapped_column(String(200), default="")  # JSON of the message params

    __table_args__ = (Index("ix_record_problem_code_ruta", "code", "ruta_id"),)
