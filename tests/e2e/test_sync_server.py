"""End to end over a real uvicorn server on 127.0.0.1: the village uploads its bundles (the
receipt comes back in the answer), re-sends safely, and fetches the district's updates."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from loopback_server import serving
from siksdesk.district.context import District, init_district
from siksdesk.district.server import create_app
from siksdesk.district.updates import decision_item, issue_update
from siksdesk.domain.musdes import Decision
from siksdesk.models import Usulan
from siksdesk.sync.keys import load_private
from siksdesk.sync.outbox import pending_containers, seal_next
from siksdesk.sync.transport import RetryPolicy, fetch, upload_pending
from siksdesk.sync.village_types import SyncEnv
from sync_village import enrolled, finalised_meeting, make_proposals, sync_village

FAST = RetryPolicy(attempts=3, base_delay=0.05, max_delay=0.2, connect_timeout=2.0,
                   read_timeout=20.0, total=30.0)


@contextmanager
def running(district: District) -> Iterator[str]:
    with serving(create_app(district)) as url:
        yield url


@pytest.fixture
def district(tmp_path: Path) -> Iterator[District]:
    made = init_district(tmp_path / "dinas", None, district_code="3522",
                         district_name="Kab. Bojonegoro")
    yield made
    made.close()


def _statuses(env: SyncEnv) -> dict[str, int]:
    with env.sessions() as session:
        found: dict[str, int] = {}
        for status in session.scalars(select(Usulan.status)):
            found[status] = found.get(status, 0) + 1
        return found


def test_upload_and_fetch_over_uvicorn(tmp_path: Path, district: District) -> None:
    with sync_village(tmp_path, enrol=False) as made, running(district) as url:
        env = enrolled(made, district)
        seal_next(env, author="op")
        ids = make_proposals(made.factory)  # a second MusDes, a second bundle
        finalised_meeting(made.factory, dict.fromkeys(ids, Decision.SETUJU))
        seal_next(env, author="op")
        first_bundle = pending_containers(env)[0][2]

        result = upload_pending(env, url=url, policy=FAST)
        assert (result.sent, result.queued, result.offline, result.error_code) == \
            (2, 0, False, "")
        assert [r.status for r in result.receipts] == ["applied", "applied"]
        assert _statuses(env).get("sent", 0) == 0
        assert _statuses(env)["accepted_by_dinas"] == 3 + len(ids)

        # a re-sent bundle gets its stored receipt back, nothing is applied twice
        again = httpx.post(f"{url}/v1/bundles", content=first_bundle, timeout=20)
        assert again.status_code == 200 and again.headers["X-Siksdesk-Outcome"] == "duplicate"

        key_id = load_private(env.key_file).key_id.hex()
        with env.sessions() as session:
            one = session.scalars(select(Usulan.uuid).where(Usulan.id == ids[0])).one()
        issue_update(district, key_id, [decision_item(one, "rejected", "", "ditinjau ulang")])
        fetched = fetch(env, url=url, policy=FAST)
        assert not fetched.offline and fetched.error_code == ""
        assert [u.sequence for u in fetched.updates] == [1]
        assert fetched.receipts and fetched.receipts[0].duplicate  # latest receipt: known
