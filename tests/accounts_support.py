"""Accounts in tests: a cheap argon2id hasher (production uses argon2-cffi's defaults, ≈0.2 s a
hash on the 2-core test machine) and a Kepala Desa account for the MusDes tests.

Use the ``fast_hashes`` fixture (import it into the test module, or
``pytestmark = pytest.mark.usefixtures("fast_hashes")``), or ``with cheap_hashes():`` around
code that builds a shared template outside a test."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from argon2 import PasswordHasher
from sqlalchemy.orm import Session, sessionmaker

from siksdesk.db.session import unit_of_work
from siksdesk.domain.accounts import AccountRole
from siksdesk.services import accounts
from siksdesk.services.accounts import AccountRow, NewAccount, add_account

CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
APPROVER = "kades"
APPROVER_NAME = "Bapak Kades"


@contextmanager
def cheap_hashes() -> Iterator[PasswordHasher]:
    previous = accounts._hasher
    accounts._hasher = CHEAP_HASHER
    try:
        yield CHEAP_HASHER
    finally:
        accounts._hasher = previous


@pytest.fixture
def fast_hashes() -> Iterator[PasswordHasher]:
    with cheap_hashes() as hasher:
        yield hasher


def add_user(factory: sessionmaker[Session], username: str, password: str, *,
             role: AccountRole = AccountRole.OPERATOR,
             display_name: str | None = None) -> AccountRow:
    with unit_of_work(factory, "test") as session:
        created = add_account(session, NewAccount(username, display_name or username.title(),
                                                  role, password), created_by="test")
    return created.account


def add_approver(factory: sessionmaker[Session], password: str, *, username: str = APPROVER,
                 display_name: str = APPROVER_NAME) -> AccountRow:
    """A Kepala Desa account (the hash is made with whatever hasher is active)."""
    return add_user(factory, username, password, role=AccountRole.KEPALA_DESA,
                    display_name=display_name)
