"""Sealing the outbox: the export gate, status moves, the chain, byte-identical re-sends."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from siksdesk.domain.musdes import Decision
from siksdesk.models import SyncBundle, SyncBundleItem, Usulan
from siksdesk.services.proposals import exportable_proposals, held_back
from siksdesk.sync.catch_up import read_marker
from siksdesk.sync.container import container_sha256
from siksdesk.sync.device import ensure_device, profile_info
from siksdesk.sync.outbox import bundle_list, pending_containers, seal_next
from siksdesk.sync.payloads import parse_bundle
from siksdesk.sync.status import sync_status
from siksdesk.sync.village_types import SyncCancelled, VillageSyncError
from sync_village import FIXED_NIK, NEW_NIK, SyncVillage, make_proposals, sync_village


@pytest.fixture
def made(tmp_path: Path) -> Iterator[SyncVillage]:
    with sync_village(tmp_path) as village:
        yield village


def _statuses(made: SyncVillage, ids: list[int]) -> list[str]:
    with made.factory() as session:
        return [session.get(Usulan, i).status for i in ids]  # type: ignore[union-attr]


def test_sealing_takes_exactly_the_finalised_approvals_and_marks_them_sent(
        made: SyncVillage) -> None:
    with made.factory() as session:
        assert sorted(r.id for r in exportable_proposals(session)) == made.approved
    sealed = seal_next(made.env, author="op")
    assert (sealed.sequence, sealed.records, sealed.meetings) == (1, 3, 1)
    assert sealed.counts == {"new_member": 1, "correction": 1, "deactivate": 1}
    assert _statuses(made, made.approved) == ["sent"] * 3
    assert _statuses(made, made.held) == ["rejected", "deferred"]
    with made.factory() as session:
        assert exportable_proposals(session) == []
        assert {h.code for h in held_back(session)} >= {"HELD_SENT", "HELD_REJECTED"}
        bundle = session.scalars(select(SyncBundle)).one()
        items = set(session.scalars(select(SyncBundleItem.usulan_id)))
    assert items == set(made.approved)
    assert bundle.sha256 == container_sha256(bundle.container).hex()
    document = made.district.open_bundle(bundle.container, made.device)
    parsed = parse_bundle(document)  # what the district will check
    assert parsed.village_code == "3522010001" and len(parsed.meetings) == 1
    by_kind = {r.kind: r for r in parsed.records}
    assert [n.nik for n in by_kind["new_member"].niks] == [NEW_NIK]
    assert [n.nik for n in by_kind["correction"].niks] == [FIXED_NIK]
    assert by_kind["new_member"].snapshot is not None
    assert by_kind["deactivate"].snapshot is None and by_kind["deactivate"].niks == ()
    # the sealed container holds no NIK or name in clear
    assert NEW_NIK.encode() not in bundle.container and b"Kepala" not in bundle.container


def test_nothing_to_seal_and_the_chain_of_sequences(made: SyncVillage) -> None:
    first = seal_next(made.env, author="op")
    with pytest.raises(VillageSyncError) as refused:
        seal_next(made.env, author="op")
    assert refused.value.code == "NOTHING_TO_SEAL"
    ids = make_proposals(made.factory)  # more edits, a second meeting
    from sync_village import finalised_meeting

    finalised_meeting(made.factory, dict.fromkeys(ids, Decision.SETUJU))
    second = seal_next(made.env, author="op")
    assert second.sequence == 2
    with made.factory() as session:
        rows = list(session.scalars(select(SyncBundle).order_by(SyncBundle.sequence)))
    assert rows[0].previous_sha256 == "00" * 32
    assert rows[1].previous_sha256 == first.sha256
    header = made.district.open_bundle(rows[1].container, made.device)["container"]
    assert header["previous"] == first.sha256 and header["sequence"] == 2
    marker = read_marker(made.env)
    assert marker is not None and (marker.sequence, marker.sha256) == (2, second.sha256)


def test_a_sealed_bundle_is_resent_byte_identical(made: SyncVillage) -> None:
    seal_next(made.env, author="op")
    once = pending_containers(made.env)
    twice = pending_containers(made.env)
    assert once == twice and len(once) == 1
    assert [b.state for b in bundle_list(made.env)] == ["pending"]


def test_cancelling_writes_nothing(made: SyncVillage) -> None:
    with pytest.raises(SyncCancelled):
        seal_next(made.env, author="op", cancelled=lambda: True)
    assert _statuses(made, made.approved) == ["approved"] * 3
    assert pending_containers(made.env) == []
    assert read_marker(made.env) is None


def test_device_key_file_is_private_and_status_reports(made: SyncVillage) -> None:
    info = ensure_device(made.env)
    assert not info.created
    mode = stat.S_IMODE(made.env.key_file.stat().st_mode)
    assert mode == 0o600
    profile = profile_info(made.env)
    assert profile is not None and len(profile.fingerprint) == 29
    status = sync_status(made.env)
    assert (status.exportable, status.blocked_code) == (3, "")
    seal_next(made.env, author="op")
    status = sync_status(made.env)
    assert (status.exportable, status.unreceipted, status.last_sequence) == (0, 1, 1)
    assert status.blocked_code == "NOTHING_TO_SEAL"


def test_sealing_needs_a_profile(tmp_path: Path) -> None:
    with sync_village(tmp_path, enrol=False) as made:
        with pytest.raises(VillageSyncError) as refused:
            seal_next(made.env, author="op")
        assert refused.value.code == "NOT_ENROLLED"
        assert _statuses(made, made.approved) == ["approved"] * 3
