"""The village this database belongs to (one row)."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from siksdesk.models.base import Base


class VillageProfile(Base):
    __tablename__ = "village_profile"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True, default=1)
    kode_desa: Mapped[str] = mapped_column(String(10))  # Kemendagri 10-digit village code
    nama_desa: Mapped[str] = mapped_column(String(100))
    nama_kecamatan: Mapped[str] = mapped_column(String(100))
    nama_kabupaten: Mapped[str] = mapped_column(String(100))
    nama_provinsi: Mapped[str] = mapped_column(String(100))
    # BPS code (prov 2, kab 2, kec 3, desa 3) as district files carry it; learnt from an import.
    kode_bps: Mapped[str | None] = mapped_column(String(10))
    is_demo: Mapped[bool] = mapped_column(default=False)
