"""SQLite connection settings shared by the SQLAlchemy engine and the plain-sqlite3 readers
(standard library only: start-up reads the database before SQLAlchemy is imported)."""

from __future__ import annotations

import sqlite3

PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA trusted_schema=OFF",
    "PRAGMA busy_timeout=10000",
)

# A reader never changes the journal mode (that needs a write) and refuses to write at all.
READ_PRAGMAS = (
    "PRAGMA query_only=ON",
    "PRAGMA trusted_schema=OFF",
    "PRAGMA busy_timeout=10000",
)


def apply_pragmas(dbapi_connection: sqlite3.Connection,
                  pragmas: tuple[str, ...] = PRAGMAS) -> None:
    cursor = dbapi_connection.cursor()
    try:
        for pragma in pragmas:
            cursor.execute(pragma)
    finally:
        cursor.close()
