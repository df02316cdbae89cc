"""End to end, with the real district receiver: the district rotates its key with overlap while
a village has a bundle under way; the village learns the new key from an update signed by the
old one, seals its next bundle to the new key, and both bundles are applied and receipted."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from siksdesk.district.context import District, init_district
from siksdesk.district.ingest import ingest
from siksdesk.district.rotation import rotate_keys
from siksdesk.domain.musdes import Decision
from siksdesk.models import SyncDistrictKey
from siksdesk.sync.container import Kind, read_header, seal
from siksdesk.sync.device import district_recipient
from siksdesk.sync.errors import ContainerError
from siksdesk.sync.inbox import import_files
from siksdesk.sync.keys import KeyPair, load_private
from siksdesk.sync.outbox import pending_containers, seal_next
from siksdesk.sync.village_types import ImportOutcome, SyncEnv
from sync_village import VILLAGE_CODE, enrolled, finalised_meeting, make_proposals, sync_village

DAY = 86_400


@pytest.fixture
def district(tmp_path: Path) -> Iterator[District]:
    made = init_district(tmp_path / "dinas", None, district_code="3522",
                         district_name="Kab. Bojonegoro")
    yield made
    made.close()


def _import(env: SyncEnv, tmp_path: Path, name: str, data: bytes | None
            ) -> list[ImportOutcome]:
    assert data is not None
    path = tmp_path / name
    path.write_bytes(data)
    return list(import_files(env, [path], author="op"))


def _recipient(env: SyncEnv) -> str:
    with env.sessions() as session:
        return district_recipient(session, int(time.time())).key_id.hex()


def test_rotation_with_a_bundle_under_way(tmp_path: Path, district: District) -> None:
    with sync_village(tmp_path, enrol=False) as made:
        env = enrolled(made, district)
        old = district.keys.key_id.hex()
        seal_next(env, author="op")
        first = pending_containers(env)[0][2]
        assert read_header(first).recipient_key_id.hex() == old

        done = rotate_keys(district, overlap_days=30)
        assert done.old_key_id == old and len(done.updates) == 1

        # bundle 1 (sealed to the old key) arrives inside the overlap; its receipt is signed
        # with the old key, so the village checks it before it has the update
        result = ingest(district, first)
        assert (result.outcome, result.sequence, result.accepted) == ("applied", 1, 3)
        [outcome] = _import(env, tmp_path, "tanda-terima-1.siksdesk-receipt", result.receipt)
        assert outcome.status == "applied"

        [outcome] = _import(env, tmp_path, "pembaruan.siksdesk-update", done.updates[0].data)
        assert outcome.keys_rotated
        assert _recipient(env) == done.new_key_id

        ids = make_proposals(made.factory)  # a second MusDes, a second bundle
        finalised_meeting(made.factory, dict.fromkeys(ids, Decision.SETUJU))
        seal_next(env, author="op")
        second = pending_containers(env)[0][2]
        assert read_header(second).recipient_key_id.hex() == done.new_key_id

        result = ingest(district, second)
        assert (result.outcome, result.sequence, result.accepted) == ("applied", 2, len(ids))
        assert result.receipt is not None
        assert read_header(result.receipt).sender_key_id.hex() == done.new_key_id
        [outcome] = _import(env, tmp_path, "tanda-terima-2.siksdesk-receipt", result.receipt)
        assert outcome.status == "applied"
        assert pending_containers(env) == []

        # a duplicate of bundle 1 still gets its stored receipt (old key) while in the overlap
        again = ingest(district, first)
        assert again.outcome == "duplicate"
        [outcome] = _import(env, tmp_path, "tanda-terima-1b.siksdesk-receipt", again.receipt)
        assert outcome.duplicate


def test_an_old_key_bundle_after_the_overlap_is_refused(tmp_path: Path,
                                                        district: District) -> None:
    with sync_village(tmp_path, enrol=False) as made:
        env = enrolled(made, district)
        seal_next(env, author="op")
        first = pending_containers(env)[0][2]
        rotate_keys(district, overlap_days=1)
        result = ingest(district, first, now=int(time.time()) + 2 * DAY)
        assert (result.outcome, result.reason_code, result.receipt) == (
            "refused", "WRONG_RECIPIENT", None)
        assert ingest(district, first).outcome == "applied"  # inside the overlap it was fine


def test_new_keys_from_an_unknown_signer_are_refused(tmp_path: Path,
                                                     district: District) -> None:
    with sync_village(tmp_path, enrol=False) as made:
        env = enrolled(made, district)
        device = load_private(env.key_file).identity
        intruder, planted = KeyPair.generate(), KeyPair.generate()
        signing, encryption = planted.identity.to_b64()
        payload = {"format": "siksdesk-update", "version": 1, "village_code": VILLAGE_CODE,
                   "issued_at": "2026-10-01T08:00:00+00:00", "items": [
                       {"type": "district_keys", "signing_key": signing,
                        "encryption_key": encryption, "key_id": planted.key_id.hex(),
                        "valid_from": "2026-10-01T08:00:00+00:00"}]}
        now = int(time.time())
        forged = seal(Kind.UPDATE, payload, sender=intruder, recipient=device, sequence=1,
                      previous=bytes(32), created_at=now, expires_at=now + 30 * DAY)
        with pytest.raises(ContainerError) as refused:
            _import(env, tmp_path, "palsu.siksdesk-update", forged)
        assert refused.value.code == "UNKNOWN_SENDER"
        assert _recipient(env) == district.keys.key_id.hex()
        with env.sessions() as session:
            assert session.scalar(select(func.count()).select_from(SyncDistrictKey)) == 1
