"""After the database is restored from a backup, sealing waits for the district's receipt."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from siksdesk.db.engine import make_engine
from siksdesk.db.session import make_session_factory
from siksdesk.domain.musdes import Decision
from siksdesk.models import SyncBundle
from siksdesk.sync.catch_up import read_marker
from siksdesk.sync.inbox import import_bytes
from siksdesk.sync.outbox import pending_containers, seal_next
from siksdesk.sync.status import sync_status
from siksdesk.sync.village_types import VillageSyncError
from sync_village import NOW, finalised_meeting, make_proposals, sync_village


def test_restored_database_refuses_to_seal_until_it_caught_up(tmp_path: Path) -> None:
    with sync_village(tmp_path) as made:
        first = seal_next(made.env, author="op")
        ids = make_proposals(made.factory)
        finalised_meeting(made.factory, dict.fromkeys(ids, Decision.SETUJU))
        backup = tmp_path / "backup.sqlite3"
        with sqlite3.connect(made.factory.kw["bind"].url.database) as conn:
            conn.execute("VACUUM INTO ?", (str(backup),))
        second = seal_next(made.env, author="op")
        bundle_two = pending_containers(made.env)[-1][2]
        assert read_marker(made.env).sequence == 2  # type: ignore[union-attr]

        engine = make_engine(backup)  # the laptop restored from the backup
        restored = dataclasses.replace(made.env, sessions=make_session_factory(engine))
        try:
            status = sync_status(restored)
            assert status.needs_catch_up and status.blocked_code == "RESTORED_NEEDS_CATCH_UP"
            with pytest.raises(VillageSyncError) as refused:
                seal_next(restored, author="op")
            assert refused.value.code == "RESTORED_NEEDS_CATCH_UP"
            assert refused.value.params == {"marker_sequence": 2, "database_sequence": 1}

            # the district's latest receipt (for bundle 2, unknown to this database)
            receipt = made.district.receipt(bundle_two, made.device, results=[])
            outcome = import_bytes(restored, receipt, author="op")
            assert outcome.caught_up and outcome.sequence == 2
            assert not sync_status(restored).needs_catch_up

            third = seal_next(restored, author="op")  # the chain continues after bundle 2
            assert third.sequence == 3
            with restored.sessions() as session:
                row = session.scalars(select(SyncBundle).where(SyncBundle.sequence == 3)).one()
            assert row.previous_sha256 == second.sha256 != first.sha256
        finally:
            engine.dispose()


def test_an_older_receipt_does_not_clear_the_refusal(tmp_path: Path) -> None:
    with sync_village(tmp_path) as made:
        seal_next(made.env, author="op")
        bundle_one = pending_containers(made.env)[0][2]
        ids = make_proposals(made.factory)
        finalised_meeting(made.factory, dict.fromkeys(ids, Decision.SETUJU))
        backup = tmp_path / "backup.sqlite3"
        with sqlite3.connect(made.factory.kw["bind"].url.database) as conn:
            conn.execute("VACUUM INTO ?", (str(backup),))
        seal_next(made.env, author="op")
        engine = make_engine(backup)
        restored = dataclasses.replace(made.env, sessions=make_session_factory(engine),
                                       clock=lambda: NOW + 60)
        try:
            outcome = import_bytes(restored, made.district.receipt(bundle_one, made.device),
                                   author="op")
            assert not outcome.caught_up
            with pytest.raises(VillageSyncError) as refused:
                seal_next(restored, author="op")
            assert refused.value.code == "RESTORED_NEEDS_CATCH_UP"
        finally:
            engine.dispose()
