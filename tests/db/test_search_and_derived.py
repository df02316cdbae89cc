"""Derived household data (list row, problems, search document) and the list query."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from siksdesk.db.engine import make_engine
from siksdesk.db.migrate import ensure_schema
from siksdesk.db.session import driver_connection, make_session_factory, unit_of_work
from siksdesk.models import Art, HouseholdIndex, Keluarga, RecordProblem, Ruta
from siksdesk.services.derived import rebuild_all, refresh_households
from siksdesk.services.household_list import (
    HouseholdQuery,
    SortKey,
    count_matching,
    filter_options,
    fts_expression,
    list_page,
)

TODAY = date(2026, 11, 23)
HOUSING = {"hasil_verivali": 1, "status_bangunan": 1, "jenis_lantai": 9, "jenis_dinding": 4,
           "jenis_atap": 4, "sumber_air_minum": 6, "sumber_penerangan": 1,
           "bahan_bakar_masak": 8, "fasilitas_bab": 1}


def person(nama: str, nik: str | None, sex: int, hub: int, born: date, **extra: object) -> Art:
    values = {"keberadaan": 1, "status_kawin": 2, "nama_ibu_kandung": "Sumini", **extra}
    return Art(nama=nama, nik=nik, temp_id=None if nik else f"SMT-{nama[:6].upper()}",
               jenis_kelamin=sex, hubungan_krt=hub, tanggal_lahir=born, **values)


def household(no: int, dusun: str, rt: str, kk: str, *people: Art) -> Ruta:
    ruta = Ruta(no_urut=no, alamat=f"Dsn. {dusun} RT {rt}", dusun=dusun, rt=rt, rw="001",
                **HOUSING)
    family = Keluarga(no_kk=kk)
    family.anggota.extend(people)
    ruta.keluarga.append(family)
    return ruta


@pytest.fixture
def sessions(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    db = tmp_path / "v.sqlite3"
    ensure_schema(db, tmp_path / "backups")
    engine = make_engine(db)
    factory = make_session_factory(engine)
    with unit_of_work(factory, "test") as session:
        session.add_all([
            household(1, "Krajan", "001", "3522012304150003",
                      person("Sutrisno", "3522011204780001", 1, 1, date(1978, 4, 12)),
                      person("Siti Aminah", "3522015708800002", 2, 2, date(1980, 8, 17))),
            household(2, "Ngasem", "002", "3522012304150004",
                      person("Bambang", "3522010101700003", 1, 1, date(1970, 1, 1)),
                      person("Wati", "3522015708800002", 2, 2, date(1980, 8, 17))),  # dup NIK
            household(3, "Ngasem", "003", "3522012304150005",
                      person("Agus Salim", None, 1, 1, date(1990, 5, 5)),
                      person("Rina", "3522014505951234", 2, 3, date(1995, 5, 5),
                             nama_ibu_kandung=None)),
        ])
        session.flush()
        rebuild_all(session, today=TODAY)
    yield factory
    engine.dispose()


def problems(session: Session, ruta_no: int) -> list[str]:
    rid = session.scalar(select(Ruta.id).where(Ruta.no_urut == ruta_no))
    return sorted(session.scalars(select(RecordProblem.code).where(RecordProblem.ruta_id == rid)))


def test_index_rows_and_problems(sessions: sessionmaker[Session]) -> None:
    with sessions() as session:
        index = {r.ruta_id: r for r in session.scalars(select(HouseholdIndex))}
        assert sorted(r.nama_krt for r in index.values()) == ["Agus Salim", "Bambang", "Sutrisno"]
        assert {r.jumlah_art for r in index.values()} == {2}
        assert problems(session, 1) == ["NIK_DUPLICATE"]
        assert problems(session, 2) == ["NIK_DUPLICATE"]
        assert problems(session, 3) == ["ART_NO_NIK", "FIELD_MISSING"]
        assert sum(r.warnings for r in index.values()) == 4


def test_fixing_a_duplicate_clears_it_in_the_other_household(
        sessions: sessionmaker[Session]) -> None:
    with unit_of_work(sessions, "op") as session:
        wati = session.scalars(select(Art).where(Art.nama == "Wati")).one()
        wati.nik = "3522015708800005"
        session.flush()
        refresh_households(session, [wati.keluarga.ruta_id], today=TODAY)
    with sessions() as session:
        assert problems(session, 1) == [] and problems(session, 2) == []
        assert all(r.warnings == 0 for r in session.scalars(select(HouseholdIndex))
                   if r.nama_krt != "Agus Salim")


def test_search_by_name_nik_kk_and_address(sessions: sessionmaker[Session]) -> None:
    with sessions() as session:
        conn = driver_connection(session)

        def names(text: str) -> list[str]:
            rows = list_page(conn, HouseholdQuery(text=text))
            assert count_matching(conn, HouseholdQuery(text=text)) == len(rows)
            return [r.household.nama_krt for r in rows]

        assert names("aminah") == ["Sutrisno"]  # a member's name finds the household
        assert names("AMINAH") == ["Sutrisno"]
        assert names("5708800002") == ["Sutrisno", "Bambang"]  # part of a NIK
        assert names("3522012304150005") == ["Agus Salim"]  # No. KK
        assert names("ngasem rina") == ["Agus Salim"]  # terms are ANDed
        assert names("wa") == ["Bambang"]  # short terms still work (Wati)
        assert names("tidak-ada-nama") == []
        assert names("") == ["Sutrisno", "Bambang", "Agus Salim"]


def test_filters_and_sorting(sessions: sessionmaker[Session]) -> None:
    with sessions() as session:
        conn = driver_connection(session)

        def names(**kw: object) -> list[str]:
            return [r.household.nama_krt for r in list_page(conn, HouseholdQuery(**kw))]  # type: ignore[arg-type]

        assert names(dusun="Ngasem") == ["Bambang", "Agus Salim"]
        assert names(rt="003") == ["Agus Salim"]
        assert names(only_problems=True) == ["Sutrisno", "Bambang", "Agus Salim"]
        assert names(problem_code="ART_NO_NIK") == ["Agus Salim"]
        assert names(sort=SortKey.NAMA_KRT) == ["Agus Salim", "Bambang", "Sutrisno"]
        assert names(sort=SortKey.NAMA_KRT, descending=True) == ["Sutrisno", "Bambang",
                                                                 "Agus Salim"]
        page = list_page(conn, HouseholdQuery(sort=SortKey.NAMA_KRT), offset=1, limit=1)
        assert [r.household.nama_krt for r in page] == ["Bambang"]
        assert filter_options(conn).dusun == ("Krajan", "Ngasem")


def test_fts_expression_is_safe_against_quotes() -> None:
    assert fts_expression('siti "OR" ami') == ('"siti" AND "ami"', ["or"])
    assert fts_expression('a"b 35.22.01') == ('"352201"', ["a", "b"])
    assert fts_expression("   ") == (None, [])


def test_list_queries_name_the_models_tables() -> None:
    from siksdesk.models import FTS_TABLE, HouseholdIndex, RecordProblem
    from siksdesk.services import household_list

    assert household_list.FTS_TABLE == FTS_TABLE
    assert HouseholdIndex.__tablename__ == household_list.HOUSEHOLD_INDEX_TABLE
    assert RecordProblem.__tablename__ == household_list.RECORD_PROBLEM_TABLE


def test_not_yet_verified_filter(sessions: sessionmaker[Session]) -> None:
    from siksdesk.services.household_list import NOT_VERIFIED

    with unit_of_work(sessions, "op") as session:
        ruta = session.scalars(select(Ruta).where(Ruta.no_urut == 3)).one()
        ruta.hasil_verivali = None
    with sessions() as session:
        conn = driver_connection(session)
        not_verified = list_page(conn, HouseholdQuery(hasil_verivali=NOT_VERIFIED))
        verified = list_page(conn, HouseholdQuery(hasil_verivali=1))
    assert [r.household.nama_krt for r in not_verified] == ["Agus Salim"]
    assert [r.household.nama_krt for r in verified] == ["Sutrisno", "Bambang"]
