"""The audit chain: one entry per unit of work in the same transaction, append-only in the
database, and every edited, removed or moved entry (or change-log row) found by verify."""

from __future__ import annotations

import itertools
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from siksdesk.db.audit import read_head
from siksdesk.db.engine import make_engine
from siksdesk.db.migrate import ensure_schema
from siksdesk.db.session import driver_connection, make_session_factory, unit_of_work
from siksdesk.models import Art, AuditLog, ChangeLog, Keluarga, Ruta
from siksdesk.services.audit_verify import verify_chain

NIK = "3522011204780001"
NAME = "Sutrisno"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with the five transactions of ``_history``, built once per module."""
    folder = tmp_path_factory.mktemp("audit")
    path = folder / "v.sqlite3"
    ensure_schema(path, folder / "backups")
    engine = make_engine(path)
    _history(make_session_factory(engine))
    engine.dispose()
    return path


@pytest.fixture
def db(template: Path, tmp_path: Path) -> Iterator[tuple[Path, sessionmaker[Session]]]:
    path = tmp_path / "v.sqlite3"
    with sqlite3.connect(template) as source, sqlite3.connect(path) as target:
        source.backup(target)
    engine = make_engine(path)
    yield path, make_session_factory(engine)
    engine.dispose()


def _household(no: int) -> Ruta:
    ruta = Ruta(no_urut=no, alamat="Dsn. Krajan", dusun="Krajan", rt="001", rw="002")
    family = Keluarga(no_kk=f"352201230415000{no}")
    family.anggota.append(Art(nama=f"{NAME} {no}", nik=NIK[:-1] + str(no), jenis_kelamin=1,
                              hubungan_krt=1))
    ruta.keluarga.append(family)
    return ruta


def _history(sessions: sessionmaker[Session]) -> None:
    """Five audited transactions: three households, a name fix, a deletion."""
    for no in (1, 2, 3):
        with unit_of_work(sessions, "op") as session:
            session.add(_household(no))
    with unit_of_work(sessions, "op2") as session:
        session.scalars(select(Art).where(Art.nama == f"{NAME} 2")).one().nama = "Sutrisno Hadi"
    with unit_of_work(sessions, "op") as session:
        session.delete(session.scalars(select(Ruta).where(Ruta.no_urut == 3)).one())


def _entries(sessions: sessionmaker[Session]) -> list[AuditLog]:
    with sessions() as session:
        return list(session.scalars(select(AuditLog).order_by(AuditLog.id)))


def _verify(path: Path) -> object:
    with sqlite3.connect(path) as conn:
        return verify_chain(conn)


def _raw(path: Path) -> sqlite3.Connection:
    """A connection with the append-only triggers dropped: what someone with the file can do."""
    conn = sqlite3.connect(path, isolation_level=None)
    for name in ("audit_log_no_update", "audit_log_no_delete", "audit_log_next_only",
                 "change_log_no_update", "change_log_no_delete"):
        conn.execute(f"DROP TRIGGER {name}")
    return conn


def test_one_entry_per_unit_of_work_covering_its_change_rows(db: tuple[Path, sessionmaker[Session]]
                                                            ) -> None:
    path, sessions = db
    entries = _entries(sessions)
    assert [e.action for e in entries] == ["edit"] * 5
    assert [e.author for e in entries] == ["op", "op", "op", "op2", "op"]
    assert [e.change_count for e in entries] == [3, 3, 3, 1, 3]
    assert [e.change_through for e in entries] == [3, 6, 9, 10, 13]
    assert entries[0].prev_hash == "0" * 64
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(entries))
    fix = entries[3]
    with sessions() as session:
        art = session.scalars(select(Art).where(Art.nama == "Sutrisno Hadi")).one()
        assert (fix.entity, fix.entity_uuid) == ("ruta", art.keluarga.ruta.uuid)
    assert json.loads(fix.summary) == {"tables": {"art": {"update": 1}},
                                       "fields": {"art": ["nama"]}, "households": 1}
    for entry in entries:  # names and NIKs stay in the change log, never in the chain
        assert NAME not in entry.summary and NIK[:12] not in entry.summary
    report = _verify(path)
    assert report.ok and report.entries == 5 and report.changes == 13  # type: ignore[attr-defined]
    assert report.head == entries[-1].hash  # type: ignore[attr-defined]
    with sessions() as session:
        assert read_head(driver_connection(session)).wire == entries[-1].hash


def test_a_failed_unit_of_work_leaves_no_entry(db: tuple[Path, sessionmaker[Session]]) -> None:
    path, sessions = db
    with pytest.raises(RuntimeError), unit_of_work(sessions, "op") as session:
        session.add(_household(4))
        session.flush()
        raise RuntimeError("operator cancelled")
    with unit_of_work(sessions, "op") as session:  # a unit of work that changed nothing
        session.scalars(select(Ruta)).all()
    assert len(_entries(sessions)) == 5 and _verify(path).ok  # type: ignore[attr-defined]


def test_the_database_refuses_to_change_or_remove_entries(db: tuple[Path, sessionmaker[Session]]
                                                          ) -> None:
    path, _sessions = db
    with sqlite3.connect(path) as conn:
        for sql in ("UPDATE audit_log SET author = 'x' WHERE id = 2",
                    "DELETE FROM audit_log WHERE id = 5",
                    "UPDATE change_log SET after = NULL WHERE id = 1",
                    "DELETE FROM change_log WHERE id = 13",
                    "INSERT INTO audit_log SELECT 7, at, author, origin, action, entity, "
                    "entity_uuid, change_through, change_count, change_sha256, summary, "
                    "hash, hash || 'x' FROM audit_log WHERE id = 5",
                    "INSERT INTO audit_log SELECT 6, at, author, origin, action, entity, "
                    "entity_uuid, change_through, change_count, change_sha256, summary, "
                    "prev_hash, 'y' FROM audit_log WHERE id = 5"):
            with pytest.raises(sqlite3.IntegrityError, match="siksdesk"):
                conn.execute(sql)
    assert _verify(path).ok  # type: ignore[attr-defined]


@pytest.mark.parametrize(("tamper", "code", "entry"), [
    ("UPDATE audit_log SET summary = replace(summary, '\"update\":1', '\"update\":2') "
     "WHERE id = 4", "ENTRY_EDITED", 4),
    ("UPDATE audit_log SET author = 'someone else' WHERE id = 1", "ENTRY_EDITED", 1),
    ("DELETE FROM audit_log WHERE id = 3", "ENTRY_REMOVED", 3),
    ("DELETE FROM audit_log WHERE id = 1", "ENTRY_REMOVED", 1),
    ("UPDATE audit_log SET id = -id WHERE id IN (2, 3); "
     "UPDATE audit_log SET id = 3 WHERE id = -2; UPDATE audit_log SET id = 2 WHERE id = -3",
     "ENTRY_REORDERED", 2),
    ("UPDATE change_log SET after = replace(after, 'Hadi', 'Hady') WHERE id = 10",
     "CHANGES_EDITED", 4),
    ("UPDATE change_log SET author = 'op' WHERE id = 10", "CHANGES_EDITED", 4),
    ("DELETE FROM change_log WHERE id = 5", "CHANGES_EDITED", 2),
    ("DELETE FROM audit_log WHERE id = 5", "CHANGES_UNCOVERED", 0),
    ("INSERT INTO change_log (at, author, origin, action, entity, entity_uuid) "
     "VALUES ('2026-01-01', 'x', 'edit', 'insert', 'ruta', 'u')", "CHANGES_UNCOVERED", 0),
])
def test_verify_finds_the_first_tampered_entry(db: tuple[Path, sessionmaker[Session]],
                                               tamper: str, code: str, entry: int) -> None:
    path, _sessions = db
    with _raw(path) as conn:
        conn.executescript(tamper)
    report = _verify(path)
    assert not report.ok  # type: ignore[attr-defined]
    problem = report.problem  # type: ignore[attr-defined]
    assert (problem.code, problem.entry) == (code, entry)
    assert problem.message("id") and problem.message("en") != problem.message("id")


def test_an_entry_rewritten_with_a_fresh_hash_breaks_the_link(
        db: tuple[Path, sessionmaker[Session]]) -> None:
    """Someone who edits entry 2 and recomputes its hash still breaks entry 3's prev_hash."""
    from siksdesk.domain.audit_chain import ENTRY_COLUMNS, EntryFields, entry_hash

    path, _sessions = db
    with _raw(path) as conn:
        row = conn.execute(f"SELECT {', '.join(ENTRY_COLUMNS)}, prev_hash FROM audit_log "
                           "WHERE id = 2").fetchone()
        fields = EntryFields(*row[:-1])
        changed = EntryFields(fields.id, fields.at, "x", fields.origin, fields.action,
                              fields.entity, fields.entity_uuid, fields.change_through,
                              fields.change_count, fields.change_sha256, fields.summary)
        conn.execute("UPDATE audit_log SET author = 'x', hash = ? WHERE id = 2",
                     (entry_hash(row[-1], changed),))
    problem = _verify(path).problem  # type: ignore[attr-defined]
    assert (problem.code, problem.entry) == ("CHAIN_BROKEN", 3)


def test_change_log_rows_of_the_session_and_bulk_sql_are_covered(
        db: tuple[Path, sessionmaker[Session]]) -> None:
    """A driver-level writer on the unit of work's connection needs no call of its own."""
    path, sessions = db
    with unit_of_work(sessions, "importer", origin="import") as session:
        session.add(_household(4))
        session.flush()
        driver_connection(session).executemany(
            "INSERT INTO change_log (at, author, origin, action, entity, entity_uuid, "
            "ruta_uuid) VALUES ('2026-01-01 00:00:00', 'importer', 'import', 'insert', "
            "'ruta', ?, ?)", [("a", "a"), ("b", "b")])
    entries = _entries(sessions)[5:]
    assert [(e.action, e.origin, e.change_count, e.entity) for e in entries] == [
        ("import", "import", 5, "")]
    with sessions() as session:
        assert session.scalar(select(ChangeLog.id).order_by(ChangeLog.id.desc())) == 18
    assert _verify(path).ok  # type: ignore[attr-defined]
