"""Keeps the derived household data (list row, problems, search document) in step with the
registry. Call ``refresh_households`` in the same transaction as any write to ruta/keluarga/art,
and ``rebuild_all`` after bulk loads (demo, import)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Table, delete, func, select, text, update
from sqlalchemy.orm import Session

from siksdesk.domain.nik import duplicate_problem, find_duplicate_niks, today_local
from siksdesk.domain.problems import Severity
from siksdesk.domain.rules import (
    HEAD_OF_HOUSEHOLD,
    FamilyFacts,
    Finding,
    MemberFacts,
    household_findings,
)
from siksdesk.domain.variables import Entity, variables
from siksdesk.models import FTS_TABLE, Art, HouseholdIndex, Keluarga, RecordProblem, Ruta

CHUNK = 250  # households per step (about 0.1 s): progress at least 5 times a second
Progress = Callable[[int, int], None]
RUTA_KEYS = tuple(v.key for v in variables(Entity.RUTA))
ART_KEYS = tuple(v.key for v in variables(Entity.ART))
RUTA_HEAD = ("alamat", "dusun", "rt", "rw", "idbdt")
_RUTA_KEYS, _ART_KEYS = RUTA_KEYS, ART_KEYS
DUPLICATE_CODE = "NIK_DUPLICATE"
_INSERT_PROBLEM = ("INSERT INTO record_problem (ruta_id, art_id, keluarga_id, field, code, "
                   "severity, params) VALUES (?, ?, ?, ?, ?, ?, ?)")


@dataclass(frozen=True, slots=True)
class HouseholdFacts:
    """One household as the derived rows are computed from it, values as stored and read."""

    ruta_id: int
    head: tuple[Any, ...]  # alamat, dusun, rt, rw, idbdt
    values: dict[str, Any]  # RUTA_KEYS
    families: list[FamilyFacts]  # by no_urut
    people: list[MemberFacts]  # by family no_urut, then member no_urut


def _ignore(_done: int, _total: int) -> None:
    return None


def rebuild_all(session: Session, *, today: date | None = None,
                progress: Progress = _ignore,
                known: Mapping[int, HouseholdFacts] | None = None) -> int:
    """Recompute everything (after a bulk load). Returns the number of households indexed.
    ``progress(done, total)`` is called after each chunk of households. ``known``: facts of
    households the caller has in memory exactly as they are stored (a bulk writer's new
    households); the others are read."""
    session.execute(delete(HouseholdIndex))
    session.execute(delete(RecordProblem))
    session.execute(text(f"DELETE FROM {FTS_TABLE}"))
    ids = list(session.scalars(select(Ruta.id).order_by(Ruta.id)))
    for start in range(0, len(ids), CHUNK):
        _refresh_chunk(session, ids[start:start + CHUNK], today or today_local(), clear=False,
                       known=known)
        progress(min(start + CHUNK, len(ids)), len(ids))
    refresh_duplicates(session)
    return len(ids)


def refresh_households(session: Session, ruta_ids: Iterable[int], *,
                       today: date | None = None, progress: Progress = _ignore,
                       known: Mapping[int, HouseholdFacts] | None = None) -> None:
    ids = sorted(set(ruta_ids))
    for start in range(0, len(ids), CHUNK):
        _refresh_chunk(session, ids[start:start + CHUNK], today or today_local(), clear=True,
                       known=known)
        progress(min(start + CHUNK, len(ids)), len(ids))
    refresh_duplicates(session)


def refresh_duplicates(session: Session) -> None:
    """NIKs used by more than one person anywhere in the village (one indexed GROUP BY).

    Only households that had a duplicate before or have one now need their counters redone."""
    had_duplicates = set(session.scalars(
        select(RecordProblem.ruta_id).where(RecordProblem.code == DUPLICATE_CODE).distinct()))
    session.execute(delete(RecordProblem).where(RecordProblem.code == DUPLICATE_CODE))
    duplicated = (
        select(Art.nik).where(Art.nik.is_not(None)).group_by(Art.nik)
        .having(func.count() > 1).scalar_subquery()
    )
    rows = session.execute(
        select(Art.id, Art.nik, Keluarga.id, Keluarga.ruta_id)
        .join(Keluarga, Art.keluarga_id == Keluarga.id)
        .where(Art.nik.in_(duplicated))
    ).all()
    groups = find_duplicate_niks((row, row[1]) for row in rows)
    problem_rows: list[tuple[Any, ...]] = []
    for members in groups.values():
        problem = duplicate_problem(len(members))
        for art_id, _nik, keluarga_id, ruta_id in members:
            problem_rows.append(_problem_values(ruta_id, Finding(
                "nik", problem, art_id=art_id, keluarga_id=keluarga_id)))
    if problem_rows:
        session.connection().exec_driver_sql(_INSERT_PROBLEM, problem_rows)
    _recount(session, had_duplicates | {row[3] for row in rows})


def _recount(session: Session, ruta_ids: set[int]) -> None:
    """Recompute the error/warning counters of ``ruta_ids`` in one statement."""
    if not ruta_ids:
        return

    def counted(severity: Severity) -> Any:
        return (select(func.count()).select_from(RecordProblem)
                .where(RecordProblem.ruta_id == HouseholdIndex.ruta_id,
                       RecordProblem.severity == severity.value)
                .scalar_subquery())

    session.execute(
        update(HouseholdIndex).where(HouseholdIndex.ruta_id.in_(sorted(ruta_ids)))
        .values(errors=counted(Severity.ERROR), warnings=counted(Severity.WARNING)))


def _refresh_chunk(session: Session, ids: Sequence[int], today: date, *, clear: bool,
                   known: Mapping[int, HouseholdFacts] | None = None) -> None:
    if not ids:
        return
    if clear:
        session.execute(delete(HouseholdIndex).where(HouseholdIndex.ruta_id.in_(ids)))
        session.execute(delete(RecordProblem).where(RecordProblem.ruta_id.in_(ids)))
        session.execute(text(f"DELETE FROM {FTS_TABLE} WHERE rowid IN "
                             f"({','.join(str(int(i)) for i in ids)})"))
    conn = session.connection()
    facts: dict[int, HouseholdFacts] = {}
    if known is not None:
        for ruta_id in ids:
            found = known.get(ruta_id)
            if found is not None:
                facts[ruta_id] = found
    missing = [i for i in ids if i not in facts]
    if missing:
        facts.update(read_facts(conn.connection.cursor(), missing))
    index_rows: list[tuple[Any, ...]] = []
    problem_rows: list[tuple[Any, ...]] = []
    fts_rows: list[tuple[int, str]] = []
    error = Severity.ERROR
    for ruta_id in ids:  # ascending, as the rows of ``ruta`` were read before
        household = facts.get(ruta_id)
        if household is None:
            continue
        fams, people = household.families, household.people
        findings = household_findings(household.values, fams, people, today=today)
        errors = 0
        for finding in findings:
            problem_rows.append(_problem_values(ruta_id, finding))
            if finding.problem.severity is error:
                errors += 1
        index_rows.append((ruta_id, _head_name(people), len(people),
                           next((f.no_kk for f in fams if f.no_kk), ""), errors,
                           len(findings) - errors))
        fts_rows.append((ruta_id, _search_document(household.head, fams, people)))
    # Positional parameters: sqlite3 binds a tuple faster than it looks names up in a dict.
    conn.exec_driver_sql(
        "INSERT INTO household_index (ruta_id, nama_krt, jumlah_art, no_kk, errors, warnings) "
        "VALUES (?, ?, ?, ?, ?, ?)", index_rows)
    if problem_rows:
        conn.exec_driver_sql(_INSERT_PROBLEM, problem_rows)
    conn.exec_driver_sql(f"INSERT INTO {FTS_TABLE}(rowid, doc) VALUES (?, ?)", fts_rows)


def read_facts(cursor: Any, ids: Sequence[int]) -> dict[int, HouseholdFacts]:
    """The stored facts of households ``ids`` (a DB-API cursor inside the transaction)."""
    id_list = ",".join(str(int(i)) for i in ids)
    households = {row[0]: row for row in _converted(cursor.execute(
        f"SELECT {_RUTA_SQL} FROM ruta WHERE id IN ({id_list})").fetchall(), _RUTA_CONVERT)}
    families: dict[int, list[FamilyFacts]] = defaultdict(list)
    for fam in cursor.execute(
        "SELECT id, ruta_id, no_kk, no_kk_from_number FROM keluarga "
        f"WHERE ruta_id IN ({id_list}) ORDER BY ruta_id, no_urut"
    ).fetchall():
        families[fam[1]].append(FamilyFacts(fam[0], fam[2], bool(fam[3])))
    members: dict[int, list[MemberFacts]] = defaultdict(list)
    for row in _converted(cursor.execute(
        f"SELECT {_ART_SQL} FROM art JOIN keluarga ON art.keluarga_id = keluarga.id "
        f"WHERE keluarga.ruta_id IN ({id_list}) "
        "ORDER BY keluarga.ruta_id, keluarga.no_urut, art.no_urut").fetchall(), _ART_CONVERT):
        members[row[1]].append(MemberFacts(
            art_id=row[0], keluarga_id=row[2], no_kk=row[3], nama=row[4], nik=row[5],
            nik_from_number=bool(row[6]), temp_id=row[7],
            values=dict(zip(_ART_KEYS, row[8:], strict=True)),
        ))
    cursor.close()
    return {ruta_id: HouseholdFacts(ruta_id, tuple(row[1:6]),
                                    dict(zip(_RUTA_KEYS, row[6:], strict=True)),
                                    families[ruta_id], members[ruta_id])
            for ruta_id, row in households.items()}


def _sql_columns(table: Table, names: Sequence[str]) -> tuple[str, tuple[tuple[int, Any], ...]]:
    """``table.column, …`` for a driver-level SELECT, and the converters SQLAlchemy would have
    applied (ISO text -> date, 0/1 -> bool) by position: reading through the ORM's result
    processing costs about a second for 50,000 people."""
    converters: list[tuple[int, Any]] = []
    for at, name in enumerate(names):
        column = table.c[name.split(".")[-1]] if "." not in name or name.startswith(
            f"{table.name}.") else None
        if column is None:
            continue
        if isinstance(column.type, DateTime):
            converters.append((at, datetime.fromisoformat))
        elif isinstance(column.type, Date):
            converters.append((at, date.fromisoformat))
        elif isinstance(column.type, Boolean):
            converters.append((at, bool))
    return ", ".join(names), tuple(converters)


def _converted(rows: Iterable[Any], converters: Sequence[tuple[int, Any]]) -> Iterator[Any]:
    if not converters:
        yield from rows
        return
    for row in rows:
        values = list(row)
        for at, convert in converters:
            if values[at] is not None:
                values[at] = convert(values[at])
        yield values


_RUTA_SQL, _RUTA_CONVERT = _sql_columns(
    Ruta.__table__,  # type: ignore[arg-type]
    ["id", *RUTA_HEAD, *_RUTA_KEYS])
_ART_SQL, _ART_CONVERT = _sql_columns(
    Art.__table__,  # type: ignore[arg-type]
    ["art.id", "keluarga.ruta_id", "keluarga.id", "keluarga.no_kk", "art.nama", "art.nik",
     "art.nik_from_number", "art.temp_id", *(f"art.{k}" for k in _ART_KEYS)])


def _head_name(people: Sequence[MemberFacts]) -> str:
    for person in people:
        if person.values.get("hubungan_krt") == HEAD_OF_HOUSEHOLD:
            return person.nama
    return people[0].nama if people else ""


def _search_document(head: Sequence[Any], families: Sequence[FamilyFacts],
                     people: Sequence[MemberFacts]) -> str:
    parts = [head[0], head[1], f"RT {head[2]} RW {head[3]}", head[4]]
    parts.extend(f.no_kk for f in families)
    for person in people:
        parts += (person.nama, person.nik, person.temp_id)
    return " | ".join(filter(None, parts))  # empty and missing parts left out


def _problem_values(ruta_id: int, finding: Finding) -> tuple[Any, ...]:
    """A ``record_problem`` row, in ``_INSERT_PROBLEM``'s column order."""
    problem = finding.problem
    params = {k: str(v) for k, v in problem.params}
    return (ruta_id, finding.art_id, finding.keluarga_id, finding.field, problem.code,
            problem.severity.value, json.dumps(params, ensure_ascii=False) if params else "")
