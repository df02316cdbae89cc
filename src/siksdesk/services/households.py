"""Read side of the household list: keyset-paged rows as DTOs (no ORM object leaves here)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from siksdesk.models import Art, Keluarga, Ruta, VillageProfile


@dataclass(frozen=True, slots=True)
class HouseholdRow:
    id: int
    uuid: str
    no_urut: int | None
    nama_krt: str
    no_kk: str
    alamat: str
    rt: str
    rw: str
    dusun: str
    jumlah_art: int
    hasil_verivali: int | None


@dataclass(frozen=True, slots=True)
class VillageSummary:
    kode_desa: str
    nama_desa: str
    nama_kecamatan: str
    nama_kabupaten: str
    nama_provinsi: str
    is_demo: bool
    households: int
    people: int


def village_summary(session: Session) -> VillageSummary | None:
    profile = session.get(VillageProfile, 1)
    if profile is None:
        return None
    households = session.scalar(select(func.count()).select_from(Ruta)) or 0
    people = session.scalar(select(func.count()).select_from(Art)) or 0
    return VillageSummary(profile.kode_desa, profile.nama_desa, profile.nama_kecamatan,
                          profile.nama_kabupaten, profile.nama_provinsi, profile.is_demo,
                          households, people)


def count_households(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Ruta)) or 0


def household_page(session: Session, *, after_id: int = 0, limit: int = 200) -> list[HouseholdRow]:
    """Households ordered by id, starting after ``after_id`` (keyset paging: O(limit) per page)."""
    first_kk = (
        select(Keluarga.no_kk)
        .where(Keluarga.ruta_id == Ruta.id)
        .order_by(Keluarga.no_urut)
        .limit(1)
        .scalar_subquery()
    )
    head_name = (
        select(Art.nama)
        .join(Keluarga, Art.keluarga_id == Keluarga.id)
        .where(Keluarga.ruta_id == Ruta.id)
        .order_by(Art.hubungan_krt.is_(None), Art.hubungan_krt, Keluarga.no_urut, Art.no_urut)
        .limit(1)
        .scalar_subquery()
    )
    member_count = (
        select(func.count(Art.id))
        .join(Keluarga, Art.keluarga_id == Keluarga.id)
        .where(Keluarga.ruta_id == Ruta.id)
        .scalar_subquery()
    )
    stmt = (
        select(Ruta.id, Ruta.uuid, Ruta.no_urut, head_name, first_kk, Ruta.alamat, Ruta.rt,
               Ruta.rw, Ruta.dusun, member_count, Ruta.hasil_verivali)
        .where(Ruta.id > after_id)
        .order_by(Ruta.id)
        .limit(limit)
    )
    return [
        HouseholdRow(r[0], r[1], r[2], r[3] or "", r[4] or "", r[5], r[6], r[7], r[8], r[9],
                     r[10])
        for r in session.execute(stmt)
    ]
