"""Receipts and updates from the district: verified first, applied once, NIK rejections onto
the Perbaikan NIK worklist; refused ones leave the database unchanged."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from siksdesk.models import SyncBundle, Usulan
from siksdesk.services.nik_issues import nik_issue_rows
from siksdesk.sync.container import Kind, seal
from siksdesk.sync.device import district_recipient
from siksdesk.sync.errors import ContainerError, SyncError
from siksdesk.sync.inbox import import_bytes, import_files
from siksdesk.sync.keys import KeyPair
from siksdesk.sync.outbox import pending_containers, seal_next
from siksdesk.sync.status import sync_status
from siksdesk.sync.village_types import VillageSyncError
from sync_village import NOW, SyncVillage, sync_village


@pytest.fixture
def made(tmp_path: Path) -> Iterator[SyncVillage]:
    with sync_village(tmp_path) as village:
        seal_next(village.env, author="op")
        yield village


def _bundle(made: SyncVillage) -> bytes:
    return pending_containers(made.env)[0][2]


def _fingerprint(made: SyncVillage) -> str:
    """A digest of everything sync and the proposals hold (unchanged = nothing written)."""
    db = Path(made.factory.kw["bind"].url.database)
    import sqlite3

    with sqlite3.connect(db) as conn:
        rows = [conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in (
            "usulan", "sync_bundle", "sync_receipt", "sync_update", "sync_device",
            "sync_district_key", "nik_issue", "import_batch")]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def _uuids(made: SyncVillage) -> dict[str, str]:
    with made.factory() as session:
        return {u.kind: u.uuid for u in session.scalars(
            select(Usulan).where(Usulan.id.in_(made.approved)))}


def _status(made: SyncVillage) -> dict[str, tuple[str, str]]:
    with made.factory() as session:
        return {u.kind: (u.status, u.dinas_note) for u in session.scalars(
            select(Usulan).where(Usulan.id.in_(made.approved)))}


def test_a_receipt_moves_proposals_and_is_applied_once(made: SyncVillage) -> None:
    uuids = _uuids(made)
    results = [{"usulan": uuids["new_member"], "status": "accepted", "code": "", "note": ""},
               {"usulan": uuids["deactivate"], "status": "accepted", "code": "", "note": ""},
               {"usulan": uuids["correction"], "status": "rejected", "code": "NIK_INVALID",
                "note": "NIK tidak padan Dukcapil"}]
    receipt = made.district.receipt(_bundle(made), made.device, results=results)
    outcome = import_bytes(made.env, receipt, author="op", name="r.siksdesk")
    assert (outcome.kind, outcome.sequence, outcome.accepted, outcome.rejected) == \
        ("receipt", 1, 2, 1)
    assert outcome.nik_issues == 1 and not outcome.duplicate
    status = _status(made)
    assert status["new_member"][0] == "accepted_by_dinas"
    assert status["correction"] == ("rejected_by_dinas",
                                    "NIK_INVALID: NIK tidak padan Dukcapil")
    issues = nik_issue_rows(made.factory())
    assert len(issues) == 1 and issues[0].matched_by == "nik"
    assert issues[0].district_note.startswith("NIK_INVALID")
    assert pending_containers(made.env) == []
    assert sync_status(made.env).acknowledged_through == 1
    before = _fingerprint(made)
    again = import_bytes(made.env, receipt, author="op")
    assert again.duplicate and _fingerprint(made) == before


def test_a_held_receipt_keeps_the_bundle_queued(made: SyncVillage) -> None:
    receipt = made.district.receipt(_bundle(made), made.device, status="held", results=[],
                                    last_applied=0)
    outcome = import_bytes(made.env, receipt, author="op")
    assert outcome.status == "held"
    with made.factory() as session:
        bundle = session.scalars(select(SyncBundle)).one()
    assert (bundle.state, bundle.receipt_status) == ("held", "held")
    assert len(pending_containers(made.env)) == 1
    assert {s for s, _n in _status(made).values()} == {"sent"}


@pytest.mark.parametrize("case", ["other_device", "tampered", "other_district", "truncated"])
def test_refused_receipts_change_nothing(made: SyncVillage, case: str) -> None:
    bundle = _bundle(made)
    if case == "other_device":
        receipt = made.district.receipt(bundle, made.device)
        other = KeyPair.generate().identity
        header = made.district.open_bundle(bundle, made.device)["container"]
        receipt = seal(Kind.RECEIPT, {"format": "siksdesk-receipt"}, sender=made.district.keys,
                       recipient=other, sequence=int(header["sequence"]),
                       previous=bytes(32), created_at=NOW)
    elif case == "other_district":
        receipt = made.district.receipt(bundle, made.device, sender=KeyPair.generate())
    else:
        receipt = bytearray(made.district.receipt(bundle, made.device))
        if case == "tampered":
            receipt[200] ^= 0x01
        else:
            del receipt[-10:]
        receipt = bytes(receipt)
    before = _fingerprint(made)
    with pytest.raises(SyncError) as refused:
        import_bytes(made.env, receipt, author="op")
    expected = {"other_device": "WRONG_RECIPIENT", "tampered": "BAD_SIGNATURE",
                "other_district": "UNKNOWN_SENDER", "truncated": "BAD_LENGTH"}[case]
    assert isinstance(refused.value, ContainerError) and refused.value.code == expected
    assert _fingerprint(made) == before


def _update(made: SyncVillage, version: int, items: list[dict[str, object]],
            **kwargs: object) -> bytes:
    return made.district.update(made.device, version, items, **kwargs)  # type: ignore[arg-type]


def test_updates_only_move_forward_and_must_not_be_expired(made: SyncVillage) -> None:
    row = {"nik": "3522011204780001", "idbdt": "", "idartbdt": "", "nama": "Kepala 1",
           "tgl_lahir": "1978-04-12", "keterangan": "NIK tidak padan"}
    first = import_bytes(made.env, _update(made, 2, [{"type": "invalid_nik", "rows": [row]}]),
                         author="op")
    assert (first.kind, first.sequence, first.nik_issues) == ("update", 2, 1)
    before = _fingerprint(made)
    for data, code in ((_update(made, 1, []), "UPDATE_OLD_VERSION"),
                       (_update(made, 2, []), "UPDATE_OLD_VERSION"),
                       (_update(made, 3, [], expires_at=NOW - 1), "UPDATE_EXPIRED"),
                       (_update(made, 3, [], village_code="3522010002"), "WRONG_VILLAGE")):
        with pytest.raises(VillageSyncError) as refused:
            import_bytes(made.env, data, author="op")
        assert refused.value.code == code
    assert _fingerprint(made) == before
    assert len(nik_issue_rows(made.factory())) == 1


def test_update_decisions_revocation_and_key_rotation(made: SyncVillage) -> None:
    uuids = _uuids(made)
    new_keys = KeyPair.generate()
    signing, encryption = new_keys.identity.to_b64()
    items: list[dict[str, object]] = [
        {"type": "decision", "usulan": uuids["deactivate"], "status": "accepted", "code": "",
         "note": "diverifikasi"},
        {"type": "district_keys", "signing_key": signing, "encryption_key": encryption,
         "key_id": new_keys.key_id.hex(), "valid_from": "2026-01-01T00:00:00+00:00"},
    ]
    outcome = import_bytes(made.env, _update(made, 1, items), author="op")
    assert outcome.accepted == 1 and outcome.keys_rotated and not outcome.revoked
    assert _status(made)["deactivate"] == ("accepted_by_dinas", "diverifikasi")
    # a receipt signed by the rotated key is trusted; the next bundle goes to the new key
    receipt = made.district.receipt(_bundle(made), made.device, sender=new_keys)
    import_bytes(made.env, receipt, author="op")
    assert _status(made)["new_member"][0] == "accepted_by_dinas"
    with made.factory() as session:
        assert district_recipient(session, NOW).key_id == new_keys.key_id
    revoke = [{"type": "device_revoked", "key_id": made.device.key_id.hex(), "reason": "hilang"}]
    assert import_bytes(made.env, _update(made, 2, revoke), author="op").revoked
    assert sync_status(made.env).blocked_code == "DEVICE_REVOKED"


def test_files_are_imported_in_order_and_unknown_files_refused(made: SyncVillage,
                                                               tmp_path: Path) -> None:
    bundle = _bundle(made)
    receipt = tmp_path / "r.siksdesk-receipt"
    receipt.write_bytes(made.district.receipt(bundle, made.device))
    update = tmp_path / "u.siksdesk-update"
    update.write_bytes(_update(made, 1, []))
    outcomes = import_files(made.env, [update, receipt], author="op")
    assert [o.kind for o in outcomes] == ["receipt", "update"]
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"not a package at all" * 20)
    with pytest.raises(ContainerError) as refused:
        import_files(made.env, [junk], author="op")
    assert refused.value.code == "BAD_MAGIC"
    with pytest.raises(VillageSyncError) as refused_bundle:
        import_bytes(made.env, bundle, author="op")
    assert refused_bundle.value.code == "NOT_A_SYNC_FILE"
