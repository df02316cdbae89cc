"""Accounts for the login, lock and account-dialog tests: a migrated database with an operator
and a Kepala Desa (made through the accounts service with the cheap test hasher), and a helper
that answers a dialog running its own modal loop."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog
from sqlalchemy.orm import Session, sessionmaker

from accounts_support import cheap_hashes
from siksdesk.app import AppContext, open_app
from siksdesk.db.session import read_session, unit_of_work
from siksdesk.domain.accounts import DEMO_ACCOUNTS, AccountRole
from siksdesk.models import Account
from siksdesk.paths import default_paths
from siksdesk.services.accounts import AccountRow, NewAccount, account_by_username, add_account

OPERATOR, OPERATOR_PASSWORD, OPERATOR_NAME = "siti", "rahasia-siti", "Siti Aminah"
HEAD, HEAD_PASSWORD, HEAD_NAME = "kades", "rahasia-kades", "Bapak Sutrisno"


@dataclass
class AccountVillage:
    ctx: AppContext
    operator: AccountRow
    head: AccountRow
    head_code: str

    @property
    def sessions(self) -> sessionmaker[Session]:
        return self.ctx.sessions

    def account(self, username: str) -> AccountRow:
        with read_session(self.sessions) as session:
            row = account_by_username(session, username)
        assert row is not None
        return row

    def add(self, username: str, name: str, role: AccountRole, password: str) -> AccountRow:
        with unit_of_work(self.sessions, "test") as session:
            return add_account(session, NewAccount(username, name, role, password),
                               created_by="test").account


@dataclass(frozen=True)
class _Template:
    database: Path
    head_code: str


@pytest.fixture(name="accounts_template", scope="session")
def accounts_template_fixture(tmp_path_factory: pytest.TempPathFactory) -> _Template:
    """A migrated database with the two accounts, made once per run (migrating costs ≈0.5 s)."""
    home = tmp_path_factory.mktemp("accounts-home")
    ctx = open_app(default_paths({"SIKSDESK_HOME": str(home)}))
    try:
        with cheap_hashes(), unit_of_work(ctx.sessions, "test") as session:
            add_account(session, NewAccount(OPERATOR, OPERATOR_NAME, AccountRole.OPERATOR,
                                            OPERATOR_PASSWORD), created_by="test")
            head = add_account(session, NewAccount(HEAD, HEAD_NAME, AccountRole.KEPALA_DESA,
                                                   HEAD_PASSWORD), created_by="test")
    finally:
        ctx.close()
    assert head.recovery_code is not None
    return _Template(ctx.database, head.recovery_code)


@pytest.fixture(name="village")
def village_fixture(home: Path, accounts_template: _Template) -> Iterator[AccountVillage]:
    """An operator (Siti) and a Kepala Desa (Pak Sutrisno, with a known recovery code), on a
    copy of the template; the cheap test hasher is active for the whole test."""
    paths = default_paths()
    paths.ensure()
    with sqlite3.connect(accounts_template.database) as src, \
            sqlite3.connect(paths.database) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    ctx = open_app(paths)
    try:
        with cheap_hashes(), read_session(ctx.sessions) as session:
            operator, head = (account_by_username(session, u) for u in (OPERATOR, HEAD))
            assert operator is not None and head is not None
        with cheap_hashes():
            yield AccountVillage(ctx, operator, head, accounts_template.head_code)
    finally:
        ctx.close()


@pytest.fixture(name="training_village")
def training_village_fixture(empty_ctx: AppContext) -> Iterator[AccountVillage]:
    """The two published training accounts with their precomputed hashes."""
    with cheap_hashes():
        with unit_of_work(empty_ctx.sessions, "test") as session:
            for demo in DEMO_ACCOUNTS:
                session.add(Account(username=demo.username, display_name=demo.display_name,
                                    role=demo.role.value, password_hash=demo.password_hash,
                                    recovery_hash=demo.recovery_hash, created_by="demo"))
        with read_session(empty_ctx.sessions) as session:
            operator, head = (account_by_username(session, d.username) for d in DEMO_ACCOUNTS)
        assert operator is not None and head is not None
        yield AccountVillage(empty_ctx, operator, head, "")


W = TypeVar("W", bound=QDialog)


def answer_modal(kind: type[W], action: Callable[[W], None], *, tries: int = 200) -> list[W]:
    """Run ``action`` on the next modal dialog of ``kind`` once its own ``exec`` loop shows it
    (the test that opens it is blocked meanwhile). The list receives the dialog."""
    seen: list[W] = []

    def attempt(left: int) -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, kind) and modal.isVisible():
            seen.append(modal)
            try:
                action(modal)
            except BaseException:
                QDialog.done(modal, 0)  # no hang: pytest-qt reports the error
                raise
        elif left > 0:
            QTimer.singleShot(5, lambda: attempt(left - 1))

    QTimer.singleShot(0, lambda: attempt(tries))
    return seen
