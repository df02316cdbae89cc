"""The household aggregate: Ruta (household) → Keluarga (family, No. KK) → ART (member).

Household-based DTKS data and family-based DTSEN data both fit: a Ruta holds one or more Keluarga.
Catalogue variables become columns through ``attach_catalogue_columns``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, Float, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from siksdesk.domain.variables import Entity
from siksdesk.models.base import Base, new_uuid, utc_now
from siksdesk.models.catalogue_columns import attach_catalogue_columns


class Ruta(Base):
    __tablename__ = "ruta"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    idbdt: Mapped[str | None] = mapped_column(String(40), index=True)  # district household ID
    no_urut: Mapped[int | None]
    alamat: Mapped[str] = mapped_column(String(200), default="")
    rt: Mapped[str] = mapped_column(String(3), default="")
    rw: Mapped[str] = mapped_column(String(3), default="")
    dusun: Mapped[str] = mapped_column(String(80), default="")
    tanggal_verivali: Mapped[date | None]
    pencacah: Mapped[str | None] = mapped_column(String(80))
    pemeriksa: Mapped[str | None] = mapped_column(String(80))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    aktif: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)

    if TYPE_CHECKING:  # catalogue columns used by name in queries (added at runtime below)
        hasil_verivali: Mapped[int | None]

    keluarga: Mapped[list[Keluarga]] = relationship(
        back_populates="ruta", cascade="all, delete-orphan", order_by="Keluarga.no_urut"
    )

    __table_args__ = (Index("ix_ruta_dusun_rt", "dusun", "rt"),)


class Keluarga(Base):
    __tablename__ = "keluarga"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    ruta_id: Mapped[int] = mapped_column(ForeignKey("ruta.id", ondelete="CASCADE"), index=True)
    no_urut: Mapped[int] = mapped_column(default=1)
    no_kk: Mapped[str | None] = mapped_column(String(16), index=True)
    # True when the No. KK came from a numeric Excel cell: its last digit may be lost.
    no_kk_from_number: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)

    ruta: Mapped[Ruta] = relationship(back_populates="keluarga")
    anggota: Mapped[list[Art]] = relationship(
        back_populates="keluarga", cascade="all, delete-orphan", order_by="Art.no_urut"
    )


class Art(Base):
    """A household member. A person without a NIK yet carries a temporary identifier
    (``temp_id``, "SMT-…", never 16 digits) until the real NIK is known and merged in."""

    __tablename__ = "art"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    keluarga_id: Mapped[int] = mapped_column(
        ForeignKey("keluarga.id", ondelete="CASCADE"), index=True
    )
    idartbdt: Mapped[str | None] = mapped_column(String(40))
    no_urut: Mapped[int] = mapped_column(default=1)
    nama: Mapped[str] = mapped_column(String(120))
    nik: Mapped[str | None] = mapped_column(String(16), index=True)
    nik_from_number: Mapped[bool] = mapped_column(default=False)
    temp_id: Mapped[str | None] = mapped_column(String(20), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)

    if TYPE_CHECKING:  # catalogue columns used by name in queries (added at runtime below)
        hubungan_krt: Mapped[int | None]
        jenis_kelamin: Mapped[int | None]
        tanggal_lahir: Mapped[date | None]
        keberadaan: Mapped[int | None]
        nama_ibu_kandung: Mapped[str | None]

    keluarga: Mapped[Keluarga] = relationship(back_populates="anggota")

    __table_args__ = (
        CheckConstraint("nik IS NOT NULL OR temp_id IS NOT NULL", name="has_identifier"),
    )


attach_catalogue_columns(Ruta, Entity.RUTA)
attach_catalogue_columns(Art, Entity.ART)
