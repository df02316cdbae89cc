"""Duplicate look-ups behind the NIK and No. KK fields: right records, cleaned input, indexed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, select
from sqlalchemy.orm import Session, sessionmaker

from siksdesk.db.engine import make_engine
from siksdesk.db.migrate import ensure_schema
from siksdesk.db.session import make_session_factory, read_session, unit_of_work
from siksdesk.models import Art, Keluarga, Ruta
from siksdesk.services.identifiers import DuplicateRef, find_kk_users, find_nik_users

NIK = "3522015708450001"
KK = "3522012304150003"


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    db = tmp_path / "v.sqlite3"
    ensure_schema(db, tmp_path / "backups")
    engine = make_engine(db)
    yield engine
    engine.dispose()


@pytest.fixture
def sessions(engine: Engine) -> sessionmaker[Session]:
    return make_session_factory(engine)


def _ruta(no_urut: int | None, no_kk: str | None, *members: tuple[str, str | None, int]) -> Ruta:
    ruta = Ruta(no_urut=no_urut, alamat="Dsn. Krajan", dusun="Krajan", rt="001", rw="001")
    family = Keluarga(no_kk=no_kk)
    for number, (nama, nik, hubungan) in enumerate(members, start=1):
        family.anggota.append(Art(nama=nama, nik=nik, temp_id=None if nik else f"SMT-{nama}",
                                  no_urut=number, hubungan_krt=hubungan))
    ruta.keluarga.append(family)
    return ruta


@pytest.fixture
def village(sessions: sessionmaker[Session]) -> dict[str, int]:
    """Three households; NIK twice (households 7 and 3), No. KK on households 3 and 9."""
    with unit_of_work(sessions, "test") as session:
        session.add_all([
            _ruta(7, "3522010101990001", ("Sutrisno", "3522011204780001", 1),
                  ("Siti Aminah", NIK, 2)),
            _ruta(3, KK, ("Budi", "3522011507800002", 3), ("Siti A.", NIK, 1)),
            _ruta(9, KK, ("Paijo", None, 1)),
            _ruta(None, "3522019999990009"),  # a family without members
        ])
    with read_session(sessions) as session:
        ids = {nama: art_id for art_id, nama in session.execute(select(Art.id, Art.nama))}
        ids |= {f"ruta{no}": rid for rid, no in session.execute(select(Ruta.id, Ruta.no_urut))}
        ids["kk_of_ruta3"] = session.scalars(
            select(Keluarga.id).join(Ruta).where(Ruta.no_urut == 3)).one()
    return ids


def test_nik_users_are_ordered_by_household_and_can_exclude_oneself(
        sessions: sessionmaker[Session], village: dict[str, int]) -> None:
    with read_session(sessions) as session:
        found = find_nik_users(session, NIK)
        assert found == [
            DuplicateRef(village["ruta3"], village["Siti A."], "Siti A.", 3),
            DuplicateRef(village["ruta7"], village["Siti Aminah"], "Siti Aminah", 7),
        ]
        others = find_nik_users(session, NIK, exclude_art_id=village["Siti Aminah"])
        assert [ref.nama for ref in others] == ["Siti A."]
        assert find_nik_users(session, "3522011204780001",
                              exclude_art_id=village["Sutrisno"]) == []


def test_nik_is_cleaned_and_garbage_finds_nothing(sessions: sessionmaker[Session],
                                                  village: dict[str, int]) -> None:
    with read_session(sessions) as session:
        assert len(find_nik_users(session, "'3522 0157.0845-0001")) == 2
        assert find_nik_users(session, None) == []
        assert find_nik_users(session, "") == []
        assert find_nik_users(session, "abc") == []
        assert len(find_nik_users(session, NIK, limit=1)) == 1


def test_kk_users_name_the_head_of_each_other_family(sessions: sessionmaker[Session],
                                                    village: dict[str, int]) -> None:
    with read_session(sessions) as session:
        found = find_kk_users(session, KK)
        # Household 3's family is named by its head (hubungan 1), not by member no. 1.
        assert found == [
            DuplicateRef(village["ruta3"], village["Siti A."], "Siti A.", 3),
            DuplicateRef(village["ruta9"], village["Paijo"], "Paijo", 9),
        ]
        others = find_kk_users(session, KK, exclude_keluarga_id=village["kk_of_ruta3"])
        assert [ref.ruta_no_urut for ref in others] == [9]


def test_kk_of_a_family_without_members_has_no_person(sessions: sessionmaker[Session],
                                                     village: dict[str, int]) -> None:
    with read_session(sessions) as session:
        [ref] = find_kk_users(session, "3522 0199 9999 0009")
        assert (ref.art_id, ref.nama, ref.ruta_no_urut) == (0, "", None)


def test_both_lookups_are_indexed_queries(engine: Engine, sessions: sessionmaker[Session],
                                                village: dict[str, int]) -> None:
    statements: list[tuple[str, Any]] = []

    def record(conn: object, cursor: object, statement: str, parameters: Any,
               *args: object) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        with read_session(sessions) as session:
            find_nik_users(session, NIK)
            find_kk_users(session, KK)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert len(statements) == 2
    with engine.connect() as conn:
        for (statement, parameters), index in zip(statements, ["ix_art_nik", "ix_keluarga_no_kk"],
                                                  strict=True):
            plan = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
            details = " ".join(str(row[-1]) for row in plan)
            assert f"USING INDEX {index}" in details, details
