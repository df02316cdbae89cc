"""What the database already holds, loaded once per preview for matching and comparing: the
households, families and members with the columns the file maps, the unsent local edits, the
village codes and the change-log watermark."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Table, func, select
from sqlalchemy.orm import Session

from siksdesk.models import Art, ChangeLog, Keluarga, Ruta, SyncState, VillageProfile

RUTA_TABLE: Table = Ruta.__table__  # type: ignore[assignment]
KELUARGA_TABLE: Table = Keluarga.__table__  # type: ignore[assignment]
ART_TABLE: Table = Art.__table__  # type: ignore[assignment]


@dataclass(slots=True)
class DbRecord:
    id: int
    uuid: str
    parent: int  # ruta_id for keluarga, keluarga_id for art, 0 for ruta
    no_urut: int
    values: dict[str, Any] = field(repr=False)


@dataclass(slots=True)
class DbState:
    ruta: dict[int, DbRecord]
    keluarga: dict[int, DbRecord]
    art: dict[int, DbRecord]
    ruta_by_idbdt: dict[str, int]
    art_by_idartbdt: dict[str, int]
    art_by_nik: dict[str, int]  # only NIKs carried by exactly one person
    art_by_temp_id: dict[str, int]
    keluarga_by_ruta: dict[int, list[int]]
    unsent_ruta_uuids: set[str]
    watermark: int
    kode_desa: str | None
    kode_bps: str | None
    next_ruta_no: int

    def ruta_of_art(self, art_id: int) -> int:
        return self.keluarga[self.art[art_id].parent].parent


_FETCH = 5_000  # records per progress report (about 0.05 s)
_Step = Callable[[int], None]


def _convert(column: Any) -> Callable[[Any], Any] | None:
    """What SQLAlchemy's result processing would do to a stored value (the rows are read at
    the driver: the ORM's processing costs about a second for 50,000 people)."""
    if isinstance(column.type, DateTime):
        return datetime.fromisoformat
    if isinstance(column.type, Date):
        return date.fromisoformat
    if isinstance(column.type, Boolean):
        return bool
    return None


def _records(session: Session, table: Table, parent: str | None, keys: Iterable[str],
             step: _Step) -> dict[int, DbRecord]:
    wanted = [k for k in dict.fromkeys(keys) if k in table.c]
    names = ["id", "uuid", "no_urut", *wanted, *([parent] if parent is not None else [])]
    converters = [(at, convert) for at, name in enumerate(names)
                  if (convert := _convert(table.c[name])) is not None]
    cursor = session.connection().connection.cursor()
    cursor.execute(f'SELECT {", ".join(chr(34) + n + chr(34) for n in names)} '
                   f'FROM "{table.name}"')
    found: dict[int, DbRecord] = {}
    end = 3 + len(wanted)
    while batch := cursor.fetchmany(_FETCH):
        for raw in batch:
            row = list(raw)
            for at, convert in converters:
                if row[at] is not None:
                    row[at] = convert(row[at])
            found[row[0]] = DbRecord(row[0], row[1], row[-1] if parent else 0, row[2] or 0,
                                     dict(zip(wanted, row[3:end], strict=True)))
        step(len(batch))
    cursor.close()
    return found


def load_state(session: Session, ruta_keys: Iterable[str], art_keys: Iterable[str],
               progress: Callable[[int, int], None] | None = None) -> DbState:
    """``progress(records read, records)`` after every few thousand records."""
    total = sum(int(session.connection().exec_driver_sql(
        f'SELECT count(*) FROM "{t.name}"').scalar_one()) for t in (
            RUTA_TABLE, KELUARGA_TABLE, ART_TABLE))
    done = 0

    def step(count: int) -> None:
        nonlocal done
        done += count
        if progress is not None:
            progress(min(done, total), max(total, 1))

    ruta = _records(session, RUTA_TABLE, None, ["idbdt", *ruta_keys], step)
    keluarga = _records(session, KELUARGA_TABLE, "ruta_id", ["no_kk", "no_kk_from_number"],
                        step)
    art = _records(session, ART_TABLE, "keluarga_id",
                   ["idartbdt", "nik", "temp_id", "nik_from_number", *art_keys], step)
    by_ruta: dict[int, list[int]] = {}
    for record in sorted(keluarga.values(), key=lambda r: (r.no_urut, r.id)):
        by_ruta.setdefault(record.parent, []).append(record.id)
    nik_counts = Counter(r.values["nik"] for r in art.values() if r.values["nik"])
    sent = session.scalar(select(SyncState.sent_through_change_id)) or 0
    mark = watermark(session)  # the same bound for the edits read and the plan's watermark
    unsent = _unsent_edits(session, sent, mark, step)
    village = session.execute(select(VillageProfile.kode_desa, VillageProfile.kode_bps)).first()
    return DbState(
        ruta=ruta, keluarga=keluarga, art=art,
        ruta_by_idbdt={r.values["idbdt"]: r.id for r in ruta.values() if r.values["idbdt"]},
        art_by_idartbdt={r.values["idartbdt"]: r.id for r in art.values()
                         if r.values["idartbdt"]},
        art_by_nik={r.values["nik"]: r.id for r in art.values()
                    if r.values["nik"] and nik_counts[r.values["nik"]] == 1},
        art_by_temp_id={r.values["temp_id"]: r.id for r in art.values() if r.values["temp_id"]},
        keluarga_by_ruta=by_ruta,
        unsent_ruta_uuids={u for u in unsent if u},
        watermark=mark,
        kode_desa=village[0] if village else None,
        kode_bps=village[1] if village else None,
        next_ruta_no=max((r.no_urut for r in ruta.values()), default=0) + 1,
    )


_LOG_SPAN = 50_000  # change-log ids per query: an import leaves ~100 MB there, read in steps


def _unsent_edits(session: Session, sent: int, last: int, step: _Step) -> set[str | None]:
    """Households with operator edits after the sync watermark, read in id ranges (one query
    over the whole change log would be a second without a progress report)."""
    found: set[str | None] = set()
    for start in range(sent, last, _LOG_SPAN):
        found.update(session.scalars(
            select(ChangeLog.ruta_uuid).where(
                ChangeLog.origin == "edit", ChangeLog.id > start,
                ChangeLog.id <= start + _LOG_SPAN, ChangeLog.ruta_uuid.is_not(None)).distinct()))
        step(0)
    return found


def watermark(session: Session) -> int:
    return int(session.scalar(select(func.coalesce(func.max(ChangeLog.id), 0))) or 0)
