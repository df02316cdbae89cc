"""Who works at this start: the login before any personal data shows. A real village from
before accounts first gets its two accounts (the set-up wizard's accounts pages); a training
village from before accounts gets its published training accounts."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from siksdesk.services.household_list import VillageSummary
from siksdesk.ui.tasks import Runner

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from siksdesk.app import AppContext
    from siksdesk.services.accounts import AccountRow

# Benchmarks only (bench/bench_desk.py): the training village opens as its operator, unasked.
EXIT_AFTER_SHOW_ENV = "SIKSDESK_EXIT_AFTER_SHOW"


def active_accounts(ctx: AppContext) -> int:
    """Through the plain reader: no SQLAlchemy before the first window."""
    with ctx.reader.snapshot() as conn:  # open_app has migrated: the table exists
        return int(conn.execute("SELECT count(*) FROM account WHERE NOT disabled")
                   .fetchone()[0])


def sign_in(ctx: AppContext, runner: Runner, summary: VillageSummary,
            lang: str | None) -> AccountRow | None:
    """The signed-in account, or None when the user gave up (the app then ends)."""
    from siksdesk.ui.login_dialog import ask_login

    def sessions() -> Session:  # SQLAlchemy loads on the worker thread of the first check
        return ctx.sessions()

    if active_accounts(ctx) == 0:
        if summary.is_demo:
            add_training_accounts(ctx)
        else:
            from siksdesk.ui.setup_wizard import run_accounts_setup

            if run_accounts_setup(None, ctx.sessions, runner, lang) is None:
                return None
    if summary.is_demo and os.environ.get(EXIT_AFTER_SHOW_ENV) == "1":
        return training_operator(ctx)
    return ask_login(sessions, runner, training=summary.is_demo,  # type: ignore[arg-type]
                     village_name=summary.nama_desa, lang=lang)


def training_operator(ctx: AppContext) -> AccountRow | None:
    """The training village's operator account (the desk signs in as it once the training
    village it has just built exists)."""
    from siksdesk.db.session import read_session
    from siksdesk.domain.accounts import DEMO_ACCOUNTS, AccountRole
    from siksdesk.services.accounts import account_by_username

    username = next(a.username for a in DEMO_ACCOUNTS if a.role == AccountRole.OPERATOR)
    with read_session(ctx.sessions) as session:
        return account_by_username(session, username)


def add_training_accounts(ctx: AppContext) -> None:
    from siksdesk.demo.store import add_training_accounts as add

    add(ctx.engine)
