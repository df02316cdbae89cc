"""Helpers for the household list tests: an indexed village and a runner the test drives."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from siksdesk.app import AppContext
from siksdesk.db.session import read_session, unit_of_work
from siksdesk.models import HouseholdIndex
from siksdesk.services.derived import rebuild_all
from siksdesk.services.household_list import HouseholdQuery, ListRow, count_matching, list_page
from siksdesk.ui.tasks import CancelToken, ErrorFn, ProgressFn, ResultFn, TaskFn


def ensure_indexed(ctx: AppContext) -> None:
    """The list reads household_index/ruta_fts: build them when the village was inserted
    without the demo builder (which rebuilds them itself)."""
    with read_session(ctx.sessions) as session:
        indexed = session.scalar(select(func.count()).select_from(HouseholdIndex)) or 0
    if not indexed:
        with unit_of_work(ctx.sessions, "ui-tests") as session:
            rebuild_all(session)


def expected_ids(ctx: AppContext, query: HouseholdQuery) -> list[int]:
    """Every household id ``query`` lists, in order, straight from the service."""
    with ctx.reader.snapshot() as conn:
        total = count_matching(conn, query)
        return [row.household.id for row in list_page(conn, query, limit=max(total, 1))]


def service_rows(ctx: AppContext, query: HouseholdQuery) -> list[ListRow]:
    with ctx.reader.snapshot() as conn:
        return list_page(conn, query, limit=100_000)


@dataclass
class _Task:
    fn: TaskFn
    on_result: ResultFn
    on_error: ErrorFn
    token: CancelToken


class ManualRunner:
    """Runner interface; tasks wait until the test runs them, in the order it chooses (to play
    out a slow query finishing after a newer one)."""

    busy = False

    def __init__(self) -> None:
        self.tasks: list[_Task] = []

    def run(self, fn: TaskFn, *, on_result: ResultFn, on_error: ErrorFn,
            on_progress: ProgressFn | None = None,
            token: CancelToken | None = None) -> CancelToken:
        token = token or CancelToken()
        self.tasks.append(_Task(fn, on_result, on_error, token))
        return token

    def finish(self, position: int = 0) -> Any:
        task = self.tasks.pop(position)
        result = task.fn(lambda _d, _t: None, task.token)
        task.on_result(result)
        return result

    def finish_all(self) -> None:
        while self.tasks:
            self.finish()

    def wait_for_done(self, msecs: int = -1) -> bool:
        return True


def household_ids(model: Any) -> list[int]:
    return [model.row_at(row).id for row in range(model.rowCount())]


