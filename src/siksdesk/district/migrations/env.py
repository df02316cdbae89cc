"""Alembic environment of the district database.

Normally run through ``siksdesk.district.db.upgrade``, which hands over a connection; run by
hand (``alembic -c src/siksdesk/district/alembic.ini upgrade head``) it connects to the URL in
SIKSDESK_DISTRICT_DB_URL."""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import create_engine

from siksdesk.district.models import DistrictBase

config = context.config


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=DistrictBase.metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    url = os.environ.get("SIKSDESK_DISTRICT_DB_URL")
    if not url:
        raise RuntimeError("set SIKSDESK_DISTRICT_DB_URL or run siksdesk-district init")
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            _run(conn)
    finally:
        engine.dispose()
