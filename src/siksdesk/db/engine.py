"""SQLite engine with the durability pragmas from the architecture page."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event

from siksdesk.db.pragmas import PRAGMAS as PRAGMAS  # re-exported
from siksdesk.db.pragmas import apply_pragmas

# Execution option that makes a unit of work start with BEGIN IMMEDIATE (takes the write lock
# up front, so a writer never fails half-way with SQLITE_BUSY after having read).
WRITE_OPTION = "siksdesk_write"


def make_engine(database: Path, *, echo: bool = False) -> Engine:
    database.parent.mkdir(parents=True, exist_ok=True)
    # hide_parameters: SQL errors must not carry names or NIKs into logs and crash reports.
    url = URL.create("sqlite+pysqlite", database=str(database))
    engine = create_engine(url, echo=echo, hide_parameters=True)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # Let us issue BEGIN ourselves (pysqlite's implicit transactions are not reliable).
        dbapi_connection.isolation_level = None
        apply_pragmas(dbapi_connection)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        write = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine
