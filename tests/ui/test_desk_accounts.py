"""The desk and who is signed in: the author of writes, the Kepala Desa's look-only desk, a user
switch with unsaved edits, the first start's training operator, and the start-up sign-in."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from siksdesk.app import AppContext, open_app
from siksdesk.db.session import read_session
from siksdesk.demo import build_demo_village
from siksdesk.paths import AppPaths
from siksdesk.services.accounts import AccountRow, account_by_username
from siksdesk.services.household_list import VillageSummary, village_summary
from siksdesk.ui import sign_in as sign_in_module
from siksdesk.ui.desk import Desk
from siksdesk.ui.editor.prompts import Choice
from siksdesk.ui.launch import open_desk, open_main_window
from siksdesk.ui.sign_in import active_accounts, sign_in, training_operator
from siksdesk.ui.tasks import SyncTaskRunner


@pytest.fixture
def ctx(tmp_path: Path) -> AppContext:
    context = open_app(AppPaths(tmp_path / "home").ensure())
    build_demo_village(context, people=40, seed=5)
    return context


def _account(ctx: AppContext, username: str) -> AccountRow:
    with read_session(ctx.sessions) as session:
        account = account_by_username(session, username)
    assert account is not None
    return account


def _desk(qtbot: QtBot, ctx: AppContext, account: AccountRow | None) -> Desk:
    runner = SyncTaskRunner()
    window = open_main_window(ctx, runner, lang="en", log_path=None)
    qtbot.addWidget(window)
    desk = open_desk(window, ctx, runner, lang="en", log_path=None, location=None,
                     account=account)
    qtbot.addWidget(desk.editor)
    # Unsaved edits left at the end of a test are dropped without asking.
    desk.editor.prompts.unsaved = lambda *_args: Choice.DISCARD  # type: ignore[method-assign]
    return desk


def test_every_view_writes_as_the_signed_in_operator(qtbot: QtBot, ctx: AppContext) -> None:
    desk = _desk(qtbot, ctx, _account(ctx, "operator"))
    assert desk.accounts.author == "operator"
    for view in (desk.editor, desk.nik_issues, desk.duplicates, desk.usulan, desk.sync):
        assert view.author == "operator"
    assert desk.import_action.isEnabled() and not desk.editor.read_only
    assert "Operator Latihan" in desk.accounts.label.text()
    assert desk.accounts.lock is not None  # the idle lock watches from the login on
    desk.accounts.lock.stop()


def test_the_kepala_desa_looks_but_does_not_edit(qtbot: QtBot, ctx: AppContext) -> None:
    desk = _desk(qtbot, ctx, _account(ctx, "kades"))
    assert desk.editor.read_only
    assert not desk.new_action.isEnabled() and not desk.import_action.isEnabled()
    first = desk.window.model.row_at(0)
    desk.window.household_activated.emit(first.id)
    desk.editor.header.fields["alamat"].widget.setText("Jl. Kepala Desa 1")
    assert desk.editor.save() is False  # refused before anything is written
    assert desk.editor.banner.isVisible()
    assert desk.editor.is_dirty()
    assert desk.accounts.lock is not None
    desk.accounts.lock.stop()


def test_a_switch_of_user_leaves_unsaved_edits_with_their_author(
        qtbot: QtBot, ctx: AppContext) -> None:
    desk = _desk(qtbot, ctx, _account(ctx, "operator"))
    first = desk.window.model.row_at(0)
    desk.window.household_activated.emit(first.id)
    desk.editor.header.fields["alamat"].widget.setText("Jl. Baru 2")
    kades = _account(ctx, "kades")
    desk.accounts.set_account(kades)
    assert desk.usulan.author == "kades"
    assert desk.editor.author == "operator"  # these edits are the operator's
    desk.accounts.set_account(_account(ctx, "operator"))
    assert desk.editor.author == "operator"
    assert desk.accounts.lock is not None
    desk.accounts.lock.stop()


def test_the_first_start_works_as_the_training_operator(qtbot: QtBot, tmp_path: Path) -> None:
    ctx = open_app(AppPaths(tmp_path / "fresh").ensure())
    runner = SyncTaskRunner()
    window = open_main_window(ctx, runner, lang="en", log_path=None, demo_people=40)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.summary is not None, timeout=20_000)
    from siksdesk.ui.launch import _sign_in_when_built

    desk = open_desk(window, ctx, runner, lang="en", log_path=None, location=None)
    qtbot.addWidget(desk.editor)
    _sign_in_when_built(window, desk, ctx)
    assert desk.accounts.account is not None
    assert desk.accounts.account.username == "operator"
    assert desk.editor.author == "operator"
    assert desk.accounts.lock is not None
    desk.accounts.lock.stop()


def _summary(ctx: AppContext) -> VillageSummary:
    with ctx.reader.snapshot() as conn:
        summary = village_summary(conn)
    assert summary is not None
    return summary


def test_a_training_village_from_before_accounts_gets_its_accounts(
        qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    with ctx.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM account")
    assert active_accounts(ctx) == 0
    asked: list[bool] = []

    def fake_login(*_args: object, **kwargs: object) -> AccountRow:
        asked.append(bool(kwargs["training"]))
        return _account(ctx, "operator")

    monkeypatch.setattr("siksdesk.ui.login_dialog.ask_login", fake_login)
    account = sign_in(ctx, SyncTaskRunner(), _summary(ctx), "en")
    assert account is not None and account.username == "operator"
    assert asked == [True]
    assert active_accounts(ctx) == 2


def test_the_benchmark_start_skips_the_login_of_a_training_village(
        qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(sign_in_module.EXIT_AFTER_SHOW_ENV, "1")
    monkeypatch.setattr("siksdesk.ui.login_dialog.ask_login",
                        lambda *_a, **_k: pytest.fail("no login expected"))
    account = sign_in(ctx, SyncTaskRunner(), _summary(ctx), "en")
    assert account == training_operator(ctx)
