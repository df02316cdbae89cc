"""The village summary for callers holding an ORM session (the list's own read path, without
SQLAlchemy, is ``services.household_list``)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from siksdesk.db.session import driver_connection
from siksdesk.services.household_list import HouseholdRow as HouseholdRow  # re-exported
from siksdesk.services.household_list import VillageSummary as VillageSummary  # re-exported
from siksdesk.services.household_list import village_summary as _village_summary


def village_summary(session: Session) -> VillageSummary | None:
    return _village_summary(driver_connection(session))
