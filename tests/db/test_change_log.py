"""Every registry write lands in the change log, in the same transaction."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from siksdesk.db.engine import make_engine
from siksdesk.db.migrate import ensure_schema
from siksdesk.db.session import make_session_factory, unit_of_work
from siksdesk.models import Art, ChangeLog, Keluarga, Ruta


@pytest.fixture
def sessions(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    db = tmp_path / "v.sqlite3"
    ensure_schema(db, tmp_path / "backups")
    engine = make_engine(db)
    yield make_session_factory(engine)
    engine.dispose()


def _household() -> Ruta:
    ruta = Ruta(alamat="Dsn. Krajan RT 001 RW 002", dusun="Krajan", rt="001", rw="002",
                jenis_lantai=9, ada_lemari_es=False)
    family = Keluarga(no_kk="3522012304150003")
    family.anggota.append(Art(nama="Sutrisno", nik="3522011204780001", jenis_kelamin=1,
                              hubungan_krt=1))
    ruta.keluarga.append(family)
    return ruta


def _log(sessions: sessionmaker[Session]) -> list[ChangeLog]:
    with sessions() as session:
        return list(session.scalars(select(ChangeLog).order_by(ChangeLog.id)))


def test_insert_logs_every_row_with_author_and_aggregate(sessions: sessionmaker[Session]) -> None:
    with unit_of_work(sessions, "operator-1") as session:
        session.add(_household())
    log = _log(sessions)
    assert [(e.action, e.entity) for e in log] == [
        ("insert", "ruta"), ("insert", "keluarga"), ("insert", "art")]
    assert {e.author for e in log} == {"operator-1"}
    assert len({e.ruta_uuid for e in log}) == 1
    assert log[0].after is not None and log[0].after["jenis_lantai"] == 9
    assert log[2].after is not None and log[2].after["nama"] == "Sutrisno"


def test_update_logs_only_changed_fields_before_and_after(sessions: sessionmaker[Session]) -> None:
    with unit_of_work(sessions, "op") as session:
        session.add(_household())
    with unit_of_work(sessions, "op2") as session:
        art = session.scalars(select(Art)).one()
        art.nama = "Sutrisno Hadi"
        art.jenis_kelamin = 1  # unchanged value: not logged
    update = _log(sessions)[-1]
    assert (update.action, update.author) == ("update", "op2")
    assert update.before == {"nama": "Sutrisno"}
    assert update.after == {"nama": "Sutrisno Hadi"}


def test_delete_logs_the_whole_aggregate(sessions: sessionmaker[Session]) -> None:
    with unit_of_work(sessions, "op") as session:
        session.add(_household())
    with unit_of_work(sessions, "op") as session:
        session.delete(session.scalars(select(Ruta)).one())
    deletes = [e for e in _log(sessions) if e.action == "delete"]
    assert sorted(e.entity for e in deletes) == ["art", "keluarga", "ruta"]
    assert all(e.before and e.after is None for e in deletes)


def test_failed_write_leaves_neither_data_nor_log(sessions: sessionmaker[Session]) -> None:
    with unit_of_work(sessions, "op") as session:
        session.add(_household())
    with pytest.raises(IntegrityError), unit_of_work(sessions, "op") as session:
        art = session.scalars(select(Art)).one()
        art.nama = "Nama Baru"
        session.flush()  # the update and its log row are written ...
        art.nik, art.temp_id = None, None  # ... then a CHECK constraint fails
    with sessions() as session:
        assert session.scalars(select(Art.nama)).one() == "Sutrisno"
    assert [e.action for e in _log(sessions)] == ["insert", "insert", "insert"]


def test_write_without_author_is_refused(sessions: sessionmaker[Session]) -> None:
    with pytest.raises(RuntimeError, match="author"), sessions.begin() as session:
        session.add(_household())
    assert _log(sessions) == []
