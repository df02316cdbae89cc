"""The demo village (``siksdesk demo``): a realistic, deterministic village to try the app on.

``build_demo_village`` generates the rows (``generator``, pure Python) and stores them in one
transaction (``store``). Existing data is never overwritten silently: without ``replace`` a
non-empty database is refused; with it, a verified backup is written first.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from siksdesk.app import AppContext
from siksdesk.db.migrate import backup_database
from siksdesk.demo.field_problems import FieldProblem
from siksdesk.demo.generator import (
    DEFAULT_HOUSEHOLDS,
    MAX_PEOPLE,
    REFERENCE_DATE,
    DemoVillage,
    generate_village,
)
from siksdesk.demo.store import DemoCancelled, DemoVillageExists, existing_data, store_village
from siksdesk.services.derived import rebuild_all
from siksdesk.services.household_list import VillageSummary, village_summary

__all__ = [
    "DEFAULT_HOUSEHOLDS",
    "MAX_PEOPLE",
    "REFERENCE_DATE",
    "DemoCancelled",
    "DemoVillage",
    "DemoVillageExists",
    "FieldProblem",
    "build_demo_village",
    "generate_village",
]

BACKUP_REASON = "before-demo-replace"
log = logging.getLogger(__name__)


def _rebuild_derived(conn: Connection) -> None:
    """List index, problems and search document for the new rows (same transaction)."""
    with Session(bind=conn) as session:
        rebuild_all(session)


def build_demo_village(ctx: AppContext, *, people: int | None = None, seed: int = 2026,
                       replace: bool = False,
                       progress: Callable[[int, int], None] | None = None,
                       cancelled: Callable[[], bool] | None = None) -> VillageSummary:
    """Generate and store the demo village; returns the summary read back after commit.

    ``people=None`` gives about 300 households; otherwise exactly ``people`` members
    (1-50,000). ``progress(done, total)`` counts households; ``cancelled()`` returning True
    raises ``DemoCancelled`` and leaves the database unchanged. Raises ``DemoVillageExists``
    when the database already holds data and ``replace`` is False.
    """
    if people is not None and not 1 <= people <= MAX_PEOPLE:
        raise ValueError(f"people must be between 1 and {MAX_PEOPLE}")
    with ctx.engine.connect() as conn:  # fail fast; store_village checks again under the lock
        households, has_profile = existing_data(conn)
    if (households or has_profile) and not replace:
        raise DemoVillageExists(households)
    if cancelled is not None and cancelled():
        raise DemoCancelled()
    village = generate_village(seed, people)
    result = store_village(
        ctx.engine, village, replace=replace, progress=progress, cancelled=cancelled,
        before_replace=lambda: backup_database(ctx.database, ctx.paths.backups,
                                               reason=BACKUP_REASON),
        after_write=_rebuild_derived)
    log.info("demo village stored: seed %s, %s households, %s families, %s people "
             "(replaced %s households)", seed, result.households, result.families,
             result.people, result.replaced_households)
    with ctx.reader.snapshot() as conn:
        summary = village_summary(conn)
    if summary is None:
        raise RuntimeError("the village profile is missing right after the demo was stored")
    return summary
