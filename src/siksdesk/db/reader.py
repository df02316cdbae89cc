"""Read-only plain-sqlite3 connections for the hot read paths (the household list).

The first screen must show without importing SQLAlchemy (≈550 ms), and a keystroke's list query
costs ≈1 ms in SQLite: the list reads through these connections, one per thread (sqlite3
connections must not be shared between threads), each read in its own snapshot.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from siksdesk.db.pragmas import READ_PRAGMAS, apply_pragmas


class Reader:
    def __init__(self, database: Path) -> None:
        self.database = database
        self._local = threading.local()
        self._lock = threading.Lock()
        self._opened: list[sqlite3.Connection] = []

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """A connection inside one read transaction: every query sees the same data."""
        connection = self._connection()
        connection.execute("BEGIN")
        try:
            yield connection
        finally:
            if connection.in_transaction:
                connection.execute("ROLLBACK")

    @contextmanager
    def snapshot_within(self, budget_s: float) -> Iterator[sqlite3.Connection]:
        """Like ``snapshot``, but SQLite abandons any statement still running ``budget_s``
        after entry (``sqlite3.OperationalError: interrupted``): lets the GUI thread try a
        read that is usually instant without ever blocking for longer than the budget."""
        deadline = time.perf_counter() + budget_s

        def over_budget() -> int:
            return int(time.perf_counter() > deadline)

        with self.snapshot() as connection:
            connection.set_progress_handler(over_budget, 2_000)
            try:
                yield connection
            finally:
                connection.set_progress_handler(None, 0)

    def close(self) -> None:
        with self._lock:
            opened, self._opened = self._opened, []
        for connection in opened:
            connection.close()
        self._local = threading.local()

    def _connection(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            # check_same_thread=False only so close() may run on another thread; each
            # connection is otherwise used by the thread that opened it.
            connection = sqlite3.connect(self.database, isolation_level=None,
                                         check_same_thread=False)
            apply_pragmas(connection, READ_PRAGMAS)
            with self._lock:
                self._opened.append(connection)
            self._local.connection = connection
        return connection
