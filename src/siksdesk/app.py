"""The one composition root: paths → schema → engine → session factory → services."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from siksdesk.db.engine import make_engine
from siksdesk.db.migrate import ensure_schema
from siksdesk.db.session import make_session_factory
from siksdesk.paths import AppPaths


@dataclass(frozen=True, slots=True)
class AppContext:
    paths: AppPaths
    database: Path
    engine: Engine
    sessions: sessionmaker[Session]

    def close(self) -> None:
        self.engine.dispose()


def open_app(paths: AppPaths, database: Path | None = None) -> AppContext:
    """Open (creating or migrating as needed) the database and wire the application."""
    paths.ensure()
    db_path = (database or paths.database).resolve()
    ensure_schema(db_path, paths.backups)
    engine = make_engine(db_path)
    return AppContext(paths=paths, database=db_path, engine=engine,
                      sessions=make_session_factory(engine))
