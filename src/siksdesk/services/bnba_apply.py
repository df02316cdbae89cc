"""Writing a confirmed plan: ONE transaction, plain ``executemany`` at the driver (an ORM flush
of 50,000 people costs seconds), with the change-log rows (origin "import") written here in the
same transaction, then the derived tables. Cancel or any error rolls everything back.

The change-log rows get explicit consecutive ids and are fed to the audit entry's digest as
they are written (``db.audit.FedChanges``); the derived rows of the new households are
computed from the plan in memory (``bnba_derived.PlanFacts``). Both give exactly what reading
the rows back would (tests/db/test_import_fast_commit.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from itertools import chain, islice
from typing import Any, Final

import orjson
from sqlalchemy import Connection, Date, DateTime, Table, update
from sqlalchemy.orm import Session

from siksdesk.db.audit import FED_KEY, FedChanges
from siksdesk.domain.import_problems import reject
from siksdesk.models import ChangeLog, VillageProfile
from siksdesk.models.base import utc_now
from siksdesk.services.bnba_derived import KnownHouseholds, PlanFacts
from siksdesk.services.bnba_state import ART_TABLE, KELUARGA_TABLE, RUTA_TABLE, watermark
from siksdesk.services.bnba_types import ImportPlan, NewArt, NewKeluarga, NewRuta, Update
from siksdesk.services.derived import HouseholdFacts, rebuild_all, refresh_households

CHUNK: Final = 500  # rows per statement and progress report (well under 0.1 s)
CHANGE_LOG: Final[Table] = ChangeLog.__table__  # type: ignore[assignment]
Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


def _stored(value: Any) -> Any:
    """SQLite storage value, as SQLAlchemy writes it (Date -> ISO text, bool -> 0/1)."""
    if isinstance(value, datetime):
        return value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def _json(value: dict[str, Any] | None) -> str | None:
    """The change-log text of a row's values: compact JSON, dates as ISO text (orjson encodes
    the 76,000 rows of a 50,000-person import about 8x faster than the json module; readers
    parse either form)."""
    return None if value is None else orjson.dumps(value).decode()


def _converters(table: Table, keys: Sequence[str]) -> list[int]:
    """Positions of the keys whose column stores dates (``_stored`` makes them ISO text);
    everything else binds as it is (sqlite3 binds bool as 0/1)."""
    return [at for at, key in enumerate(keys)
            if key in table.c and isinstance(table.c[key].type, Date | DateTime)]


def _values(row: NewRuta | NewKeluarga | NewArt, keys: Sequence[str],
            convert: Sequence[int], fill: Sequence[tuple[int, Any]]) -> list[Any]:
    found = list(map(row.values.get, keys))
    for at in convert:
        found[at] = _stored(found[at])
    for at, default in fill:
        if found[at] is None:
            found[at] = default
    return found


def _positions(keys: Sequence[str], fill: Sequence[tuple[str, Any]]) -> list[tuple[int, Any]]:
    return [(keys.index(key), default) for key, default in fill]


class _Writer:
    def __init__(self, conn: Connection, author: str, progress: Progress, cancelled: Cancelled,
                 total: int) -> None:
        self.conn = conn
        self.author = author
        self.stamp = utc_now().strftime("%Y-%m-%d %H:%M:%S.%f")
        self.progress = progress
        self.cancelled = cancelled
        self.total = max(total, 1)
        self.done = 0
        self.log: list[tuple[Any, ...]] = []
        self.next_log_id = self.next_id(CHANGE_LOG)
        self.fed = FedChanges(self.next_log_id)

    def step(self, count: int) -> None:
        if self.cancelled():
            raise reject("IMPORT_CANCELLED")
        self.done += count
        self.progress(min(self.done, self.total), self.total)

    def next_id(self, table: Table) -> int:
        found = self.conn.exec_driver_sql(f"SELECT coalesce(max(id), 0) FROM {table.name}")
        return int(found.scalar_one()) + 1

    def insert(self, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        """``rows`` are built a chunk at a time (building them all first is a second without a
        progress report)."""
        names = ", ".join(f'"{c}"' for c in (*columns, "created_at", "updated_at"))
        marks = ", ".join(["?"] * (len(columns) + 2))
        sql = f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})'
        stamps = (self.stamp, self.stamp)
        source = iter(rows)
        while chunk := [(*row, *stamps) for row in islice(source, CHUNK)]:
            self.conn.exec_driver_sql(sql, chunk)
            self.step(len(chunk))

    def logged(self, action: str, entity: str, uuid: str, ruta_uuid: str,
               before: dict[str, Any] | None, after: dict[str, Any] | None) -> None:
        self.log.append((self.next_log_id, self.stamp, self.author, "import", action, entity,
                         uuid, ruta_uuid, _json(before), _json(after)))
        self.next_log_id += 1
        if len(self.log) >= CHUNK:  # written as it is encoded: progress keeps coming
            self.flush_log()

    def flush_log(self) -> None:
        sql = ("INSERT INTO change_log (id, at, author, origin, action, entity, entity_uuid, "
               "ruta_uuid, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        for start in range(0, len(self.log), CHUNK):
            chunk = self.log[start:start + CHUNK]
            self.conn.exec_driver_sql(sql, chunk)
            self.fed.add(chunk)  # the columns in CHANGE_COLUMNS order, as stored
            self.step(len(chunk))
        self.log.clear()


def write_plan(session: Session, plan: ImportPlan, author: str, progress: Progress,
               cancelled: Cancelled) -> tuple[set[int], KnownHouseholds]:
    """Write ``plan.writes`` in the caller's transaction; returns the touched household ids
    and the derived-table facts of the new households (from memory)."""
    if watermark(session) != plan.watermark:
        raise reject("FILE_STALE")
    writes = plan.writes
    total = len(writes.new_ruta) + len(writes.new_keluarga) + len(writes.new_art) + len(
        writes.updates)
    writer = _Writer(session.connection(), author, progress, cancelled, 2 * total)  # + log
    fixed = ("id", "uuid", "aktif", "ruta_id", "keluarga_id", "no_urut", "created_at",
             "updated_at")
    fills = {t.name: _filler(t, fixed) for t in (RUTA_TABLE, KELUARGA_TABLE, ART_TABLE)}
    ruta_ids = _insert_ruta(writer, writes.new_ruta, fills["ruta"])
    keluarga_ids = _insert_keluarga(writer, writes.new_keluarga, fills["keluarga"], ruta_ids)
    first_art = _insert_art(writer, writes.new_art, fills["art"], keluarga_ids)
    touched = set(ruta_ids.values())
    for group in _grouped(writes.updates).values():
        _apply_updates(writer, group)
        touched.update(u.ruta_id for u in group)
    writer.flush_log()
    session.info[FED_KEY] = writer.fed
    if plan.kode_bps_learned:
        session.execute(update(VillageProfile).values(kode_bps=plan.kode_bps_learned))
    return touched, PlanFacts(fills).build(writes, ruta_ids, keluarga_ids, first_art)


def refresh_derived(session: Session, touched: set[int], households: int,
                    progress: Progress | None = None,
                    known: Mapping[int, HouseholdFacts] | None = None) -> None:
    """``known``: facts of households as stored (``write_plan``), used instead of reading."""
    if not touched:
        return
    report = progress or (lambda _done, _total: None)
    if len(touched) * 2 >= households:
        rebuild_all(session, progress=report, known=known)
    else:
        refresh_households(session, touched, progress=report, known=known)


def _columns(rows: Iterable[NewRuta | NewKeluarga | NewArt]) -> list[str]:
    return list(dict.fromkeys(chain.from_iterable(row.values for row in rows)))


def _defaults(table: Table) -> dict[str, Any]:
    """NOT NULL columns with a plain default (alamat "", flags False): used for absent and
    empty values, as the ORM would."""
    found: dict[str, Any] = {}
    for column in table.columns:
        default = column.default
        if not column.nullable and default is not None and getattr(default, "is_scalar", False):
            found[column.key] = default.arg  # type: ignore[attr-defined]
    return found


def _filler(table: Table, skip: Iterable[str]) -> tuple[tuple[str, Any], ...]:
    """The table's plain defaults, to stand where a row's value holds nothing (the row's own
    ``values`` are left alone: copying 76,000 dataclasses costs a second)."""
    return tuple((k, v) for k, v in _defaults(table).items() if k not in set(skip))


def _with_defaults(values: dict[str, Any], fill: Sequence[tuple[str, Any]]) -> dict[str, Any]:
    filled = dict(values)
    for key, default in fill:
        if filled.get(key) is None:
            filled[key] = default
    return filled


def _keys(rows: Sequence[NewRuta | NewKeluarga | NewArt], fill: Sequence[tuple[str, Any]]
          ) -> list[str]:
    keys = _columns(rows)
    keys += [key for key, _default in fill if key not in keys]
    return keys


def _insert_ruta(writer: _Writer, rows: Sequence[NewRuta], fill: Sequence[tuple[str, Any]]
                 ) -> dict[str, int]:
    if not rows:
        return {}
    first = writer.next_id(RUTA_TABLE)
    keys = [k for k in _keys(rows, fill) if k not in ("id", "uuid", "aktif")]
    ids = {row.uuid: first + at for at, row in enumerate(rows)}
    convert, at_fill = _converters(RUTA_TABLE, keys), _positions(keys, fill)
    values = ((ids[r.uuid], r.uuid, 1, *_values(r, keys, convert, at_fill)) for r in rows)
    writer.insert(RUTA_TABLE, ["id", "uuid", "aktif", *keys], values)
    for row in rows:
        writer.logged("insert", "ruta", row.uuid, row.uuid, None,
                      _with_defaults({"uuid": row.uuid, "aktif": True, **row.values}, fill))
    return ids


def _insert_keluarga(writer: _Writer, rows: Sequence[NewKeluarga],
                     fill: Sequence[tuple[str, Any]], ruta_ids: dict[str, int]
                     ) -> dict[str, int]:
    if not rows:
        return {}
    first = writer.next_id(KELUARGA_TABLE)
    keys = _keys(rows, fill)
    ids = {row.uuid: first + at for at, row in enumerate(rows)}
    convert, at_fill = _converters(KELUARGA_TABLE, keys), _positions(keys, fill)
    values = ((ids[r.uuid], r.uuid, r.ruta_id or ruta_ids[r.ruta_uuid], r.no_urut,
               *_values(r, keys, convert, at_fill)) for r in rows)
    writer.insert(KELUARGA_TABLE, ["id", "uuid", "ruta_id", "no_urut", *keys], values)
    for row in rows:
        writer.logged("insert", "keluarga", row.uuid, row.ruta_uuid, None, _with_defaults(
            {"uuid": row.uuid, "no_urut": row.no_urut, **row.values}, fill))
    return ids


def _insert_art(writer: _Writer, rows: Sequence[NewArt], fill: Sequence[tuple[str, Any]],
                keluarga_ids: dict[str, int]) -> int:
    """Returns the id of the first new member (the others follow in order)."""
    first = writer.next_id(ART_TABLE)
    if not rows:
        return first
    keys = _keys(rows, fill)
    convert, at_fill = _converters(ART_TABLE, keys), _positions(keys, fill)
    values = ((first + at, r.uuid, r.keluarga_id or keluarga_ids[r.keluarga_uuid], r.no_urut,
               *_values(r, keys, convert, at_fill)) for at, r in enumerate(rows))
    writer.insert(ART_TABLE, ["id", "uuid", "keluarga_id", "no_urut", *keys], values)
    for row in rows:
        writer.logged("insert", "art", row.uuid, row.ruta_uuid, None, _with_defaults(
            {"uuid": row.uuid, "no_urut": row.no_urut, **row.values}, fill))
    return first


def _grouped(updates: Iterable[Update]) -> dict[tuple[str, tuple[str, ...]], list[Update]]:
    groups: dict[tuple[str, tuple[str, ...]], list[Update]] = {}
    for item in updates:
        groups.setdefault((item.table, tuple(sorted(item.after))), []).append(item)
    return groups


def _apply_updates(writer: _Writer, group: list[Update]) -> None:
    table = group[0].table
    keys = sorted(group[0].after)
    sets = ", ".join(f'"{k}" = ?' for k in keys)
    sql = f'UPDATE "{table}" SET {sets}, updated_at = ? WHERE id = ?'
    for start in range(0, len(group), CHUNK):
        chunk = group[start:start + CHUNK]
        writer.conn.exec_driver_sql(sql, [
            (*(_stored(u.after[k]) for k in keys), writer.stamp, u.row_id) for u in chunk])
        writer.step(len(chunk))
    for item in group:
        writer.logged("update", table, item.uuid, item.ruta_uuid, dict(item.before),
                      dict(item.after))
