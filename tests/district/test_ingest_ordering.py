"""Ordering and exactly-once at the district, on SQLite and on PostgreSQL."""

from __future__ import annotations

import threading

from sqlalchemy import func, select
from tests.district.conftest import enrol
from tests.district.helpers import read_receipt

from siksdesk.district.context import District
from siksdesk.district.devices import revoke_device
from siksdesk.district.ingest import ingest
from siksdesk.district.models import AppliedRecord, Bundle
from siksdesk.district.samples import SampleVillage, sample_nik
from siksdesk.district.status import district_status
from siksdesk.sync.container import container_sha256
from siksdesk.sync.keys import KeyPair


def _count(district: District, model: type[object], *where: object) -> int:
    with district.factory() as session:
        query = select(func.count()).select_from(model)  # type: ignore[arg-type]
        for clause in where:
            query = query.where(clause)  # type: ignore[arg-type]
        return int(session.scalar(query) or 0)


def test_next_bundle_is_applied_with_a_signed_receipt(district: District) -> None:
    village = enrol(district)
    data = village.next_bundle([sample_nik(i) for i in range(3)])
    result = ingest(district, data)
    assert (result.outcome, result.sequence, result.accepted, result.rejected) == \
        ("applied", 1, 3, 0)
    receipt = read_receipt(district, village, result.receipt)
    assert receipt.status == "applied"
    assert receipt.bundle_sha256 == container_sha256(data).hex()
    assert receipt.last_applied_sequence == 1
    assert receipt.last_applied_sha256 == container_sha256(data).hex()
    assert [r.status for r in receipt.results] == ["accepted"] * 3
    assert len(receipt.district_audit_head) == 64
    assert _count(district, AppliedRecord) == 3


def test_duplicate_returns_the_stored_receipt_bytes(district: District) -> None:
    village = enrol(district)
    data = village.next_bundle([sample_nik(1)])
    first = ingest(district, data)
    again = ingest(district, data)
    assert again.outcome == "duplicate"
    assert again.receipt == first.receipt
    assert _count(district, AppliedRecord) == 1
    assert _count(district, Bundle) == 1


def test_a_gap_is_held_then_applied_in_order(district: District) -> None:
    village = enrol(district)
    bundles = [village.next_bundle([sample_nik(i)]) for i in range(4)]
    assert ingest(district, bundles[0]).outcome == "applied"
    held = [ingest(district, bundles[3]), ingest(district, bundles[2])]
    assert [r.outcome for r in held] == ["held", "held"]
    assert read_receipt(district, village, held[0].receipt).status == "held"
    device = district_status(district).devices[0]
    assert (device.last_applied_sequence, device.held, device.missing) == (1, (3, 4), (2,))
    filled = ingest(district, bundles[1])
    assert (filled.outcome, filled.released) == ("applied", (3, 4))
    with district.factory() as session:
        order = session.scalars(select(Bundle.sequence).join(AppliedRecord)
                                .order_by(AppliedRecord.id)).all()
    assert order == [1, 2, 3, 4]
    # a re-sent held bundle now gets the receipt of its application
    resent = ingest(district, bundles[3])
    assert resent.outcome == "duplicate"
    assert read_receipt(district, village, resent.receipt).status == "applied"
    assert district_status(district).devices[0].last_applied_sequence == 4


def test_same_number_other_content_is_a_fork_alarm(district: District) -> None:
    village = enrol(district)
    first = village.next_bundle([sample_nik(1)])
    ingest(district, first)
    other = village.seal(village.payload(niks=[sample_nik(2)]), sequence=1, previous=bytes(32))
    result = ingest(district, other)
    assert (result.outcome, result.reason_code) == ("refused", "FORK")
    assert read_receipt(district, village, result.receipt).status == "rejected"
    # the next number chained to a different predecessor is a fork too
    broken = village.seal(village.payload(niks=[sample_nik(3)]), sequence=2,
                          previous=container_sha256(other))
    assert ingest(district, broken).reason_code == "FORK"
    alarms = district_status(district).devices[0].alarms
    assert [(a.kind, a.sequence) for a in alarms] == [("FORK", 1), ("FORK", 2)]
    assert _count(district, AppliedRecord) == 1


def test_unknown_and_revoked_devices_are_refused_before_decryption(district: District) -> None:
    stranger = SampleVillage("3522010002", district.keys.identity)
    result = ingest(district, stranger.next_bundle([sample_nik(5)]))
    assert (result.outcome, result.reason_code, result.receipt) == \
        ("refused", "UNKNOWN_SENDER", None)
    village = enrol(district)
    revoke_device(district, village.keys.key_id.hex(), "laptop hilang")
    result = ingest(district, village.next_bundle([sample_nik(6)]))
    assert (result.outcome, result.reason_code) == ("refused", "REVOKED_SENDER")
    assert "dicabut" in result.message("id")
    assert _count(district, Bundle) == 0


def test_a_bundle_re_signed_by_another_registered_device_is_refused(district: District) -> None:
    village = enrol(district)
    other = enrol(district, "3522010002")
    original = village.next_bundle([sample_nik(7)])
    # B puts its own key id in the header and signs: the encryption's AAD no longer matches
    body = original[:12] + other.keys.key_id + original[28:-64]
    resigned = body + other.keys.sign(b"siksdesk-container-v1\x00" + body)
    result = ingest(district, resigned)
    assert (result.outcome, result.reason_code) == ("refused", "DECRYPT_FAILED")
    # B signs but keeps A's key id: the signature does not hold for A
    forged = original[:-64] + other.keys.sign(b"siksdesk-container-v1\x00" + original[:-64])
    assert ingest(district, forged).reason_code == "BAD_SIGNATURE"
    # B seals the same records as its own bundle: they name A's village
    stolen = other.seal(village.payload(niks=[sample_nik(8)]))
    assert ingest(district, stolen).reason_code == "VILLAGE_MISMATCH"
    assert ingest(district, original).outcome == "applied"
    assert _count(district, AppliedRecord) == 1


def test_wrong_recipient_is_refused(district: District) -> None:
    village = enrol(district)
    elsewhere = KeyPair.generate().identity
    data = village.seal(village.payload(niks=[sample_nik(9)]), recipient=elsewhere)
    result = ingest(district, data)
    assert (result.outcome, result.reason_code) == ("refused", "WRONG_RECIPIENT")


def test_training_bundles_and_real_receivers_do_not_mix(district: District) -> None:
    village = enrol(district)
    data = village.seal(village.payload(niks=[sample_nik(10)]), training=True)
    result = ingest(district, data)
    assert (result.outcome, result.reason_code) == ("refused", "TRAINING_BUNDLE")
    receipt = read_receipt(district, village, result.receipt)
    assert (receipt.status, receipt.reason_code) == ("rejected", "TRAINING_BUNDLE")
    assert _count(district, AppliedRecord) == 0
    assert district_status(district).devices[0].last_applied_sequence == 0


def test_concurrent_uploads_of_one_device_apply_each_bundle_once(district: District) -> None:
    village = enrol(district)
    bundles = [village.next_bundle([sample_nik(100 + i)]) for i in range(6)]
    outcomes: list[str] = []
    lock = threading.Lock()

    def send(order: list[bytes]) -> None:
        for data in order:
            outcome = ingest(district, data).outcome
            with lock:
                outcomes.append(outcome)

    threads = [threading.Thread(target=send, args=(bundles[::step],)) for step in (1, 1, -1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert "refused" not in outcomes
    assert district_status(district).devices[0].last_applied_sequence == 6
    assert _count(district, AppliedRecord) == 6
    assert _count(district, Bundle) == 6
