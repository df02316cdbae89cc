"""Session factory and units of work. The change log is written by a flush hook, so every ORM
write lands in the same transaction as its change-log rows and no caller can forget it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, event, insert, inspect
from sqlalchemy.orm import Session, sessionmaker

from siksdesk.db.engine import WRITE_OPTION
from siksdesk.models import Art, ChangeLog, Keluarga, Ruta
from siksdesk.models.base import utc_now

AUTHOR_KEY = "author"
ORIGIN_KEY = "origin"
TRACKED: tuple[type, ...] = (Ruta, Keluarga, Art)
# Local row ids are meaningless outside this database; ``ruta_uuid`` names the aggregate.
_SKIPPED_COLUMNS = frozenset({"id", "ruta_id", "keluarga_id", "created_at", "updated_at"})


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    from siksdesk.db.audit_hooks import install_audit_hooks  # it imports this module

    factory = sessionmaker(engine, expire_on_commit=False)
    event.listen(factory, "after_flush", _write_change_log)
    install_audit_hooks(factory)  # one audit-chain entry per unit of work, same transaction
    return factory


@contextmanager
def unit_of_work(factory: sessionmaker[Session], author: str,
                 origin: str = "edit") -> Iterator[Session]:
    """One write transaction (BEGIN IMMEDIATE); commits on success, rolls back on any error.
    ``origin`` tags the change-log rows: "edit" (the operator's own work), "import", "sync"."""
    with factory() as session:
        session.info[AUTHOR_KEY] = author
        session.info[ORIGIN_KEY] = origin
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


def _jsonable(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def _column_values(obj: Any) -> dict[str, Any]:
    mapper = inspect(obj).mapper
    return {
        col.key: _jsonable(getattr(obj, col.key))
        for col in mapper.column_attrs
        if col.key not in _SKIPPED_COLUMNS
    }


def _ruta_uuid(obj: Any) -> str | None:
    if isinstance(obj, Ruta):
        return obj.uuid
    if isinstance(obj, Keluarga):
        return obj.ruta.uuid if obj.ruta is not None else None
    if isinstance(obj, Art) and obj.keluarga is not None and obj.keluarga.ruta is not None:
        return obj.keluarga.ruta.uuid
    return None


def _write_change_log(session: Session, _context: Any) -> None:
    """after_flush: rows have their defaults and ids, while attribute history still shows what
    the flush changed. The entries go to the same connection, hence the same transaction."""
    author = session.info.get(AUTHOR_KEY)
    origin = session.info.get(ORIGIN_KEY, "edit")
    rows: list[dict[str, Any]] = []
    for obj in session.new:
        if isinstance(obj, TRACKED):
            rows.append(_row(obj, "insert", None, _column_values(obj), author, origin))
    for obj in session.dirty:
        if isinstance(obj, TRACKED):
            before, after = _changed_values(obj)
            if before or after:
                rows.append(_row(obj, "update", before, after, author, origin))
    for obj in session.deleted:
        if isinstance(obj, TRACKED):
            rows.append(_row(obj, "delete", _column_values(obj), None, author, origin))
    if not rows:
        return
    if not author:
        raise RuntimeError("registry changes need an author: use unit_of_work(factory, author)")
    session.connection().execute(insert(ChangeLog), rows)


def _changed_values(obj: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    state = inspect(obj)
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        if attr.key in _SKIPPED_COLUMNS:
            continue
        history = state.attrs[attr.key].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if old != new:
            before[attr.key] = _jsonable(old)
            after[attr.key] = _jsonable(new)
    return before, after


def _row(obj: Any, action: str, before: dict[str, Any] | None,
         after: dict[str, Any] | None, author: str | None, origin: str) -> dict[str, Any]:
    return {
        "at": utc_now(),
        "author": author or "",
        "origin": origin,
        "action": action,
        "entity": obj.__tablename__,
        "entity_uuid": obj.uuid,
        "ruta_uuid": _ruta_uuid(obj),
        "before": before,
        "after": after,
    }


def driver_connection(session: Session) -> sqlite3.Connection:
    """The session's sqlite3 connection, inside the session's transaction (for the plain-SQL
    read functions that the GUI's start-up path uses without SQLAlchemy)."""
    connection = session.connection().connection.driver_connection
    assert isinstance(connection, sqlite3.Connection)
    return connection
