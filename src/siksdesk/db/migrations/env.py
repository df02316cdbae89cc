"""Alembic environment: always runs on a connection handed over by ``siksdesk.db.migrate``."""

from __future__ import annotations

from alembic import context

from siksdesk.models import FTS_TABLE, Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through siksdesk.db.migrate, which passes a connection")


def include_name(name: str | None, type_: str, _parent: object) -> bool:
    """The FTS5 index and its shadow tables are managed by hand in the migrations."""
    return not (type_ == "table" and name is not None and name.startswith(FTS_TABLE))


context.configure(
    connection=connection,
    include_name=include_name,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
