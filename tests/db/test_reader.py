"""The plain-sqlite3 reader: one snapshot per read, read-only, and a time budget that abandons
a long statement instead of blocking."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from siksdesk.db.reader import Reader


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "r.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x INTEGER)")
        conn.executemany("INSERT INTO t VALUES (?)", [(n,) for n in range(1000)])
    conn.close()
    return path


def test_reads_and_refuses_writes(database: Path) -> None:
    reader = Reader(database)
    try:
        with reader.snapshot() as conn:
            assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 1000
        with pytest.raises(sqlite3.OperationalError), reader.snapshot() as conn:
            conn.execute("DELETE FROM t")
        with reader.snapshot() as conn:  # the connection is still usable afterwards
            assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 1000
    finally:
        reader.close()


def test_a_statement_over_budget_is_interrupted(database: Path) -> None:
    reader = Reader(database)
    slow = "SELECT count(*) FROM t a, t b, t c"  # 10^9 rows: far beyond any budget
    try:
        with pytest.raises(sqlite3.OperationalError, match="interrupt"), \
                reader.snapshot_within(0.01) as conn:
            conn.execute(slow).fetchone()
        with reader.snapshot_within(1.0) as conn:  # the handler does not outlive its read
            assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 1000
    finally:
        reader.close()
