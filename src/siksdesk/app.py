"""The one composition root: paths → schema → readers, engine, session factory.

Opening the application imports no SQLAlchemy: the schema check and the household list use
plain sqlite3 (``db.reader``), and the engine and session factory are made on first use — the
GUI shows its first screen ≈0.5 s sooner, and builds the rest after that.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from siksdesk.db.migrate import ensure_schema
from siksdesk.db.reader import Reader
from siksdesk.paths import AppPaths

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker


class AppContext:
    def __init__(self, paths: AppPaths, database: Path) -> None:
        self.paths = paths
        self.database = database
        self.reader = Reader(database)
        self._lock = threading.Lock()
        self._engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None

    @property
    def engine(self) -> Engine:
        self._open_storage()
        assert self._engine is not None
        return self._engine

    @property
    def sessions(self) -> sessionmaker[Session]:
        self._open_storage()
        assert self._sessions is not None
        return self._sessions

    def _open_storage(self) -> None:
        with self._lock:  # first use may come from a worker thread and the GUI at once
            if self._engine is None:
                from siksdesk.db.engine import make_engine
                from siksdesk.db.session import make_session_factory

                self._engine = make_engine(self.database)
                self._sessions = make_session_factory(self._engine)

    def close(self) -> None:
        self.reader.close()
        with self._lock:
            if self._engine is not None:
                self._engine.dispose()


def open_app(paths: AppPaths, database: Path | None = None, *,
             check_current: bool = True) -> AppContext:
    """Open (creating or migrating as needed) the database and wire the application.
    ``check_current=False`` skips the integrity check of an already-current database; the
    caller then runs ``db.migrate.quick_check`` itself before anything writes."""
    paths.ensure()
    db_path = (database or paths.database).resolve()
    ensure_schema(db_path, paths.backups, check_current=check_current)
    return AppContext(paths, db_path)
