"""The demo / training village comes with its two published accounts (precomputed hashes, no
hashing at build time); replacing the village replaces its accounts; the audit entry counts
them and holds no hash."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from siksdesk.app import AppContext, open_app
from siksdesk.db.session import unit_of_work
from siksdesk.demo import build_demo_village
from siksdesk.domain.accounts import DEMO_PASSWORD, DEMO_RECOVERY_CODE, AccountRole
from siksdesk.paths import default_paths
from siksdesk.services import accounts
from siksdesk.services.accounts import NewAccount, add_account, list_accounts, log_in


@pytest.fixture
def ctx(tmp_home: Path) -> Iterator[AppContext]:
    context = open_app(default_paths())
    yield context
    context.close()


def test_the_demo_has_the_training_accounts(ctx: AppContext,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    class NoHashing(PasswordHasher):
        def hash(self, password: str | bytes, *, salt: bytes | None = None) -> str:
            raise AssertionError("the demo build must not hash")

    monkeypatch.setattr(accounts, "_hasher", NoHashing())
    build_demo_village(ctx, people=20)
    monkeypatch.undo()
    with ctx.sessions() as session:
        rows = list_accounts(session)
    assert [(r.username, r.display_name, r.role, r.needs_recovery_code) for r in rows] == [
        ("kades", "Kepala Desa Latihan", AccountRole.KEPALA_DESA, False),
        ("operator", "Operator Latihan", AccountRole.OPERATOR, False)]
    assert log_in(ctx.sessions, "operator", DEMO_PASSWORD).author == "operator"
    with sqlite3.connect(ctx.database) as conn:
        summary = conn.execute("SELECT summary FROM audit_log WHERE action = 'demo'").fetchone()
    assert '"account":{"insert":2}' in summary[0] and "argon2" not in summary[0]
    assert DEMO_RECOVERY_CODE not in summary[0]


def test_replacing_the_village_replaces_its_accounts(ctx: AppContext) -> None:
    build_demo_village(ctx, people=10)
    with unit_of_work(ctx.sessions, "kades") as session:
        add_account(session, NewAccount("budi", "Budi", AccountRole.OPERATOR, "budi-sandi-1"),
                    created_by="kades")
    build_demo_village(ctx, people=10, replace=True)
    with ctx.sessions() as session:
        assert sorted(r.username for r in list_accounts(session)) == ["kades", "operator"]
    with sqlite3.connect(ctx.database) as conn:
        summaries = [r[0] for r in conn.execute(
            "SELECT summary FROM audit_log WHERE action = 'demo' ORDER BY id")]
    assert '"account":{"delete":3,"insert":2}' in summaries[-1]
