"""Village summary and the household row DTO (the list query itself is ``services.search``)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from siksdesk.models import Art, Ruta, VillageProfile


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
