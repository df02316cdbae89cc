"""Bulk storage of a generated demo village: one write transaction, plain ``executemany``.

Why not ``connection.execute(insert(table), list_of_dicts)``: SQLAlchemy then processes every
parameter of every row in Python (≈2.3x the plain sqlite3 insert, measured while building
``bench/bench_demo.py``). The generator already produces tuples of SQLite storage values (dates
as ISO text, exactly what SQLAlchemy writes for a ``Date``); here each table's INSERT is rendered
once from its ``Table`` object in the generator's column order, and the rows go to the driver
as they are, with the per-statement constants (created_at, updated_at) appended. ``bool`` is
bound by sqlite3 as 0/1 and ``float`` columns have REAL affinity: the same stored values as
SQLAlchemy's processors give. Durability settings are untouched (WAL, synchronous=FULL, foreign
keys on; BEGIN IMMEDIATE).

One change-log row per household (author "demo", after = {"source": "demo", "seed": S}) is
written in the same transaction, so the log shows where the data came from, and one audit-chain
entry covering them. The training accounts (``operator`` and ``kades``, password
``domain.accounts.DEMO_PASSWORD``) are written with their precomputed hashes; replacing a
village replaces its accounts too.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from sqlalchemy import Boolean, Connection, Date, Engine, Float, Table, insert

from siksdesk.db.audit import append_entry
from siksdesk.db.engine import WRITE_OPTION
from siksdesk.demo.generator import DemoVillage
from siksdesk.domain.accounts import DEMO_ACCOUNTS
from siksdesk.models import Account, Art, ChangeLog, Keluarga, Ruta, VillageProfile
from siksdesk.models.base import utc_now

CHUNK_HOUSEHOLDS: Final = 500
AUTHOR: Final = "demo"
Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

RUTA: Final[Table] = Ruta.__table__  # type: ignore[assignment]
KELUARGA: Final[Table] = Keluarga.__table__  # type: ignore[assignment]
ART: Final[Table] = Art.__table__  # type: ignore[assignment]
CHANGE_LOG: Final[Table] = ChangeLog.__table__  # type: ignore[assignment]
PROFILE: Final[Table] = VillageProfile.__table__  # type: ignore[assignment]
ACCOUNT: Final[Table] = Account.__table__  # type: ignore[assignment]
# Column types whose generator values go to sqlite3 unchanged: bool (bound as 0/1), float (REAL
# affinity), and dates already as ISO text.
_STORED_AS_IS: Final = (Boolean, Float, Date)


class DemoVillageExists(Exception):
    def __init__(self, households: int) -> None:
        super().__init__(
            f"Basis data ini sudah berisi data ({households} ruta). Desa demo tidak dibuat "
            "supaya data itu tidak tertimpa. Gunakan --replace untuk menggantinya (cadangan "
            "dibuat lebih dulu) atau pilih berkas basis data lain dengan --db."
        )
        self.households = households


class DemoCancelled(Exception):
    def __init__(self) -> None:
        super().__init__("Pembuatan desa demo dibatalkan; basis data tidak diubah.")


@dataclass(frozen=True, slots=True)
class StoreResult:
    households: int
    families: int
    people: int
    replaced_households: int


def existing_data(conn: Connection) -> tuple[int, bool]:
    """(number of households, whether a village profile exists)."""
    households = conn.exec_driver_sql("SELECT count(*) FROM ruta").scalar_one()
    profile = conn.exec_driver_sql("SELECT count(*) FROM village_profile").scalar_one()
    return int(households), bool(profile)


def store_village(engine: Engine, village: DemoVillage, *, replace: bool = False,
                  now: datetime | None = None, progress: Progress | None = None,
                  cancelled: Cancelled | None = None,
                  before_replace: Callable[[], object] | None = None,
                  after_write: Callable[[Connection], object] | None = None) -> StoreResult:
    """Write ``village`` in one transaction; any exception (``DemoCancelled`` included) rolls
    everything back. Existing data is refused unless ``replace``; then ``before_replace`` (the
    backup) runs first, inside the write lock, so nothing can change between it and the
    replacement."""
    stamp = now or utc_now()
    with engine.connect().execution_options(**{WRITE_OPTION: True}) as conn, conn.begin():
        households, has_profile = existing_data(conn)
        if (households or has_profile) and not replace:
            raise DemoVillageExists(households)
        records: list[dict[str, object]] = []
        if households or has_profile:
            if before_replace is not None:
                before_replace()
            removed = _clear(conn, village.seed, stamp)
            if removed:
                records.append({"table": ACCOUNT.name, "action": "delete", "rows": removed})
        _check(cancelled)
        _write(conn, village, stamp, progress, cancelled)
        _check(cancelled)
        if after_write is not None:
            after_write(conn)  # derived data, in the same transaction
        records.append({"table": ACCOUNT.name, "action": "insert",
                        "rows": _write_accounts(conn, stamp)})
        _audit(conn, village.seed, records)
    return StoreResult(len(village.ruta), len(village.keluarga), len(village.art), households)


def add_training_accounts(engine: Engine, *, now: datetime | None = None) -> int:
    """A training village written before accounts existed gets its published training
    accounts (one transaction with its audit entry); none when it has any account."""
    with engine.connect().execution_options(**{WRITE_OPTION: True}) as conn, conn.begin():
        if conn.exec_driver_sql("SELECT count(*) FROM account").scalar_one():
            return 0
        added = _write_accounts(conn, now or utc_now())
        dbapi = conn.connection.driver_connection
        assert isinstance(dbapi, sqlite3.Connection)
        append_entry(dbapi, author=AUTHOR, origin="demo", action="training-accounts",
                     note={}, records=[{"table": ACCOUNT.name, "action": "insert",
                                        "rows": added}], force=True)
        return added


def _audit(conn: Connection, seed: int, records: list[dict[str, object]]) -> None:
    """The audit-chain entry covering this transaction's change-log rows (docs/audit-trail.md)
    and the training accounts."""
    dbapi = conn.connection.driver_connection
    assert isinstance(dbapi, sqlite3.Connection)
    append_entry(dbapi, author=AUTHOR, origin="demo", action="demo", note={"seed": seed},
                 records=records, force=True)


def _write_accounts(conn: Connection, stamp: datetime) -> int:
    """The training village's accounts with their precomputed argon2id hashes."""
    conn.execute(insert(ACCOUNT), [
        {"username": a.username, "display_name": a.display_name, "role": a.role.value,
         "password_hash": a.password_hash, "recovery_hash": a.recovery_hash,
         "must_change_password": False, "failed_attempts": 0, "disabled": False,
         "created_at": stamp, "created_by": AUTHOR} for a in DEMO_ACCOUNTS])
    return len(DEMO_ACCOUNTS)


def _check(cancelled: Cancelled | None) -> None:
    if cancelled is not None and cancelled():
        raise DemoCancelled()


def _max_id(conn: Connection, table: Table) -> int:
    return int(conn.exec_driver_sql(f"SELECT coalesce(max(id), 0) FROM {table.name}").scalar_one())


def _write(conn: Connection, village: DemoVillage, stamp: datetime,
           progress: Progress | None, cancelled: Cancelled | None) -> None:
    conn.execute(insert(PROFILE), [village.profile])
    if not village.ruta.rows:
        return
    ruta_off, kel_off, art_off = (_max_id(conn, t) for t in (RUTA, KELUARGA, ART))
    times = {"created_at": stamp, "updated_at": stamp}
    tables = (village.ruta, village.keluarga, village.art)
    writers = (
        TableWriter(conn, RUTA, village.ruta.columns, times, {"id": ruta_off}),
        TableWriter(conn, KELUARGA, village.keluarga.columns, times,
                    {"id": kel_off, "ruta_id": ruta_off}),
        TableWriter(conn, ART, village.art.columns, times,
                    {"id": art_off, "keluarga_id": kel_off}),
    )
    log = change_log_writer(conn, village.seed, stamp)
    uuid_at = village.ruta.index("uuid")
    total = len(village.ruta)
    if progress is not None:
        progress(0, total)
    for start in range(0, total, CHUNK_HOUSEHOLDS):
        _check(cancelled)
        end = min(total, start + CHUNK_HOUSEHOLDS)
        bounds = ((start, end), (village.keluarga_start[start], village.keluarga_start[end]),
                  (village.art_start[start], village.art_start[end]))
        for writer, table, (first, last) in zip(writers, tables, bounds, strict=True):
            writer.write(table.rows[first:last])
        log.write([(row[uuid_at], row[uuid_at]) for row in village.ruta.rows[start:end]])
        if progress is not None:
            progress(end, total)


def change_log_writer(conn: Connection, seed: int, stamp: datetime) -> TableWriter:
    """One "insert" entry per household: entity ruta, entity_uuid = ruta_uuid."""
    constants = {"at": stamp, "author": AUTHOR, "origin": "demo", "action": "insert",
                 "entity": "ruta", "before": None, "after": {"source": "demo", "seed": seed}}
    return TableWriter(conn, CHANGE_LOG, ("entity_uuid", "ruta_uuid"), constants, {})


def _clear(conn: Connection, seed: int, stamp: datetime) -> int:
    """Log one "delete" per existing household, then empty the registry, the profile and the
    accounts (the demo's own replace them)."""
    params = (_processed(conn, CHANGE_LOG.c.at, stamp), AUTHOR,
              _processed(conn, CHANGE_LOG.c.before, {"replaced_by": "demo", "seed": seed}),
              _processed(conn, CHANGE_LOG.c.after, None))
    conn.exec_driver_sql(
        "INSERT INTO change_log (at, author, origin, action, entity, entity_uuid, ruta_uuid, "
        "before, after) SELECT ?, ?, 'demo', 'delete', 'ruta', uuid, uuid, ?, ? FROM ruta", params)
    for table in (ART, KELUARGA, RUTA, PROFILE):
        conn.execute(table.delete())
    return int(conn.execute(ACCOUNT.delete()).rowcount)


def _processed(conn: Connection, column: Any, value: object) -> object:
    processor = column.type.dialect_impl(conn.dialect).bind_processor(conn.dialect)
    return value if processor is None else processor(value)


class TableWriter:
    """INSERT for one table: the generator's ``columns`` (storage values, bound as they are)
    followed by per-statement ``constants``, converted once by the column's bind processor and
    written into the statement as SQL literals (timestamps, "demo", JSON of our own making), so
    the rows go to the driver without any per-row work. Non-zero ``offsets`` shift id columns
    (only when the tables were not empty; slow path)."""

    def __init__(self, conn: Connection, table: Table, columns: Sequence[str],
                 constants: Mapping[str, object], offsets: Mapping[str, int]) -> None:
        self.conn = conn
        by_key = {c.key: c for c in table.columns}
        unknown = set(columns) - by_key.keys()
        if unknown:
            raise ValueError(f"{table.name} has no column(s) {sorted(unknown)}")
        constants = {**_unfilled(table, {*columns, *constants}), **constants}
        for key in columns:
            column_type = by_key[key].type
            if not isinstance(column_type, _STORED_AS_IS) and _processor(conn, by_key[key]):
                raise TypeError(f"{table.name}.{key}: {column_type} values need conversion")
        prep = conn.dialect.identifier_preparer
        names = ", ".join(prep.format_column(by_key[k]) for k in [*columns, *constants])
        values = ", ".join(["?"] * len(columns) + [
            _sql_literal(_processed(conn, by_key[k], v)) for k, v in constants.items()])
        self.sql = f"INSERT INTO {prep.format_table(table)} ({names}) VALUES ({values})"
        self.shifts = [(columns.index(k), off) for k, off in offsets.items() if off]

    def encode(self, rows: Sequence[tuple[Any, ...]]) -> Sequence[tuple[Any, ...]]:
        if not self.shifts:
            return rows
        result = []
        for row in rows:
            values = list(row)
            for at, offset in self.shifts:
                values[at] += offset
            result.append(tuple(values))
        return result

    def write(self, rows: Sequence[tuple[Any, ...]]) -> None:
        if rows:
            self.conn.exec_driver_sql(self.sql, self.encode(rows))


def _sql_literal(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool | int | float):
        return str(int(value) if isinstance(value, bool) else value)
    if isinstance(value, str) and "\x00" not in value:
        return "'" + value.replace("'", "''") + "'"  # SQL string literal: quotes doubled
    raise TypeError(f"no SQL literal for {value!r}")


def _unfilled(table: Table, filled: set[str]) -> dict[str, object]:
    """Values for the columns the generator does not know (added to the model later): a
    scalar default is used; nullable, server-default and autoincrement columns are left to
    SQLite; anything else (e.g. a callable default that must differ per row) is an error."""
    values: dict[str, object] = {}
    for column in table.columns:
        if column.key in filled:
            continue
        default = column.default
        if default is not None and getattr(default, "is_scalar", False):
            values[column.key] = default.arg  # type: ignore[attr-defined]
        elif default is None and (column.nullable or column.server_default is not None
                                  or column is table.autoincrement_column):
            continue
        else:
            raise ValueError(f"{table.name}.{column.key}: the demo generator must fill it")
    return values


def _processor(conn: Connection, column: Any) -> Callable[[Any], Any] | None:
    processor: Callable[[Any], Any] | None = column.type.dialect_impl(
        conn.dialect).bind_processor(conn.dialect)
    return processor
