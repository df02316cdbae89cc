"""The district database: SQLite file in the home folder by default, PostgreSQL by URL.

Writes go through ``write_session``: on SQLite the transaction starts with BEGIN IMMEDIATE (the
write lock up front); on PostgreSQL the caller locks the rows it serialises on with
``SELECT ... FOR UPDATE`` (see ``ingest``)."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

if TYPE_CHECKING:
    from alembic.config import Config

HOME_ENV: Final = "SIKSDESK_DISTRICT_HOME"
DATABASE_FILE: Final = "district.sqlite3"
WRITE_OPTION: Final = "district_write"
MIGRATIONS_DIR: Final = Path(__file__).resolve().parent / "migrations"

SQLITE_PRAGMAS: Final = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA trusted_schema=OFF",
    "PRAGMA busy_timeout=30000",
)


def default_home() -> Path:
    configured = os.environ.get(HOME_ENV)
    return Path(configured) if configured else Path.cwd() / "siksdesk-district"


def database_url(home: Path, db_url: str | None) -> str:
    if db_url:
        return db_url
    return f"sqlite+pysqlite:///{home / DATABASE_FILE}"


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def make_engine(url: str, *, pool_size: int = 8) -> Engine:
    """An engine with the durability settings; ``hide_parameters`` keeps NIKs out of errors."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, hide_parameters=True)
        _sqlite_events(engine)
        return engine
    # Bounded waits: a lock held by a stuck client fails the ingest (503 BUSY, retried by the
    # village) instead of hanging every upload of that device.
    options = "-c lock_timeout=30000 -c idle_in_transaction_session_timeout=300000"
    return create_engine(parsed, hide_parameters=True, pool_size=pool_size, max_overflow=4,
                         pool_pre_ping=True, connect_args={"options": options})


def _sqlite_events(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        try:
            for pragma in SQLITE_PRAGMAS:
                cursor.execute(pragma)
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        write = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def write_session(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One write transaction: commit on success, roll back on any error."""
    with factory() as session:
        session.connection(execution_options={WRITE_OPTION: True})
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


@contextmanager
def read_session(factory: sessionmaker[Session]) -> Iterator[Session]:
    with factory() as session:
        yield session


def upgrade(engine: Engine) -> None:
    """Bring the schema to head (creates it on an empty database)."""
    from alembic import command

    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config
