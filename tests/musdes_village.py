"""A small imported village for the usulan/MusDes service tests (rows written with origin
"import", so only the tests' own edits become proposals)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from siksdesk.db.engine import make_engine
from siksdesk.db.migrate import ensure_schema
from siksdesk.db.session import make_session_factory, unit_of_work
from siksdesk.models import Art, Keluarga, Ruta
from siksdesk.services.derived import rebuild_all
from siksdesk.services.household_edit import HouseholdDraft, MemberDraft, load_household

HOUSING = {"hasil_verivali": 1, "status_bangunan": 1, "jenis_lantai": 9, "jenis_dinding": 4,
           "jenis_atap": 4, "sumber_air_minum": 6, "sumber_penerangan": 1,
           "bahan_bakar_masak": 8, "fasilitas_bab": 1, "luas_lantai": 36.5}
NIKS = ["3522011204780001", "3522015708800002", "3522010101700003", "3522014102720004",
        "3522010505650005", "3522014606680006"]
PASSWORD = "kades-rahasia-1"


@contextmanager
def village(tmp_path: Path, households: int = 3) -> Iterator[sessionmaker[Session]]:
    db = tmp_path / "v.sqlite3"
    ensure_schema(db, tmp_path / "backups")
    engine = make_engine(db)
    factory = make_session_factory(engine)
    with unit_of_work(factory, "import", origin="import") as session:
        for n in range(households):
            ruta = Ruta(no_urut=n + 1, alamat=f"Dsn. Krajan {n + 1}", dusun="Krajan", rt="001",
                        rw="002", **HOUSING)
            family = Keluarga(no_urut=1, no_kk=f"352201230415000{n + 1}")
            family.anggota.extend(_person(f"Kepala {n + 1}", NIKS[2 * n], 1, 1)
                                  for _ in range(1))
            family.anggota.append(_person(f"Istri {n + 1}", NIKS[2 * n + 1], 2, 2))
            ruta.keluarga.append(family)
            session.add(ruta)
        session.flush()
        rebuild_all(session)
    try:
        yield factory
    finally:
        engine.dispose()


def _person(nama: str, nik: str, sex: int, hub: int) -> Art:
    return Art(no_urut=hub, nama=nama, nik=nik, jenis_kelamin=sex, hubungan_krt=hub,
               tanggal_lahir=date(1978, 4, 12), keberadaan=1, status_kawin=2,
               nama_ibu_kandung="Sumini")


def ruta_ids(factory: sessionmaker[Session]) -> list[int]:
    with factory() as session:
        return list(session.scalars(select(Ruta.id).order_by(Ruta.no_urut)))


def ruta_uuid(factory: sessionmaker[Session], ruta_id: int) -> str:
    with factory() as session:
        return session.scalars(select(Ruta.uuid).where(Ruta.id == ruta_id)).one()


def load(factory: sessionmaker[Session], ruta_id: int) -> HouseholdDraft:
    with factory() as session:
        return load_household(session, ruta_id)


def with_member(draft: HouseholdDraft, index: int, **changes: Any) -> HouseholdDraft:
    values = changes.pop("values", None)
    member = draft.families[0].members[index]
    if values is not None:
        changes["values"] = {**member.values, **values}
    members = list(draft.families[0].members)
    members[index] = dataclasses.replace(member, **changes)
    return with_members(draft, members)


def with_members(draft: HouseholdDraft, members: list[MemberDraft]) -> HouseholdDraft:
    family = dataclasses.replace(draft.families[0], members=tuple(members))
    return dataclasses.replace(draft, families=(family, *draft.families[1:]))
