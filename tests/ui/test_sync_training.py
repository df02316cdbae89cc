""" "Kirim ke Dinas latihan": on the training village's page, connect to the built-in training
Dinas, seal, send, and see the receipt — the proposal is accepted; a real village never sees
the row."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from musdes_village import ruta_ids, village
from siksdesk.models import Usulan
from siksdesk.sync.village_types import SyncEnv
from siksdesk.ui.sync_view import MAIN_PAGE, SyncView
from siksdesk.ui.tasks import SyncTaskRunner
from training_support import OPERATOR, approved_proposal, set_profile


@pytest.fixture
def env(tmp_path: Path) -> Iterator[SyncEnv]:
    with village(tmp_path / "desa") as factory:
        set_profile(factory, training=True)
        approved_proposal(factory, ruta_ids(factory)[0])
        yield SyncEnv(factory, tmp_path / "home")


def _view(qtbot: QtBot, env: SyncEnv) -> SyncView:
    view = SyncView(env, SyncTaskRunner(), OPERATOR, "en")
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    view.refresh()
    return view


def _close_box(view: SyncView) -> str:
    text = view.last_box.text()
    view.last_box.close()
    return text


def test_practise_sending_to_the_training_dinas(qtbot: QtBot, env: SyncEnv) -> None:
    view = _view(qtbot, env)
    row = view.training_row
    assert row.isVisible() and row.connect_button.isVisible()
    assert not row.send_button.isVisible()

    row.connect_button.click()
    assert view.stack.currentIndex() == MAIN_PAGE  # enrolled with the training Dinas
    assert "TRAINING MODE" in view.status_line.text()
    assert row.send_button.isVisible() and not row.connect_button.isVisible()
    assert not row.send_button.isEnabled()  # nothing sealed yet

    view.seal_button.click()
    assert row.send_button.isEnabled()
    row.send_button.click()
    text = _close_box(view)
    assert "applied" in text and "1 accepted" in text
    with env.sessions() as session:
        assert set(session.scalars(select(Usulan.status))) == {"accepted_by_dinas"}
    assert not row.send_button.isEnabled()


def test_a_real_village_has_no_training_row(qtbot: QtBot, env: SyncEnv) -> None:
    set_profile(env.sessions, training=False)
    view = _view(qtbot, env)
    assert not view.training_row.isVisible()
