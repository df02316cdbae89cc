"""Per-record results: NIK shape, NIKs of other villages, usulan applied before."""

from __future__ import annotations

import random

from sqlalchemy import select
from tests.district.conftest import enrol
from tests.district.helpers import read_receipt

from siksdesk.district.context import District
from siksdesk.district.ingest import ingest
from siksdesk.district.models import NikIndex
from siksdesk.district.samples import sample_nik, sample_records

BAD_DATE_NIK = "3522013204850001"  # day 32: a hard NIK error


def _results(district: District, village: object, data: bytes) -> list[tuple[str, str]]:
    result = ingest(district, data)
    assert result.outcome == "applied", result.reason_code
    receipt = read_receipt(district, village, result.receipt)  # type: ignore[arg-type]
    return [(r.status, r.code) for r in receipt.results]


def test_record_results(district: District) -> None:
    home = enrol(district)
    neighbour = enrol(district, "3522010002")
    taken = sample_nik(500)
    assert _results(district, neighbour, neighbour.next_bundle([taken])) == [("accepted", "")]
    data = home.next_bundle([sample_nik(501), BAD_DATE_NIK, taken])
    assert _results(district, home, data) == [
        ("accepted", ""), ("rejected", "NIK_INVALID"),
        ("rejected", "NIK_DUPLICATE_OTHER_VILLAGE")]
    # nothing of the rejected records entered the NIK index
    with district.factory() as session:
        index = {nik: village for nik, village in
                 session.execute(select(NikIndex.nik, NikIndex.village_code))}
    assert index == {taken: "3522010002", sample_nik(501): "3522010001"}


def test_an_usulan_sent_again_in_a_later_bundle_is_already_applied(district: District) -> None:
    village = enrol(district)
    payload = village.payload(niks=[sample_nik(600), sample_nik(601)])
    assert _results(district, village, village.seal(payload)) == [("accepted", "")] * 2
    records = payload["records"]
    assert isinstance(records, list)
    again = village.payload(records=records)
    assert _results(district, village, village.seal(again)) == \
        [("accepted", "ALREADY_APPLIED")] * 2


def test_a_deactivated_member_can_be_added_by_the_village_they_moved_to(
        district: District) -> None:
    origin = enrol(district)
    destination = enrol(district, "3522010002")
    nik = sample_nik(700)
    payload = origin.payload(niks=[nik])
    assert _results(district, origin, origin.seal(payload)) == [("accepted", "")]
    assert _results(district, destination, destination.next_bundle([nik])) == \
        [("rejected", "NIK_DUPLICATE_OTHER_VILLAGE")]
    records = payload["records"]
    assert isinstance(records, list)
    moved = {**records[0], "usulan": "0b1e5a3c-0000-4000-8000-000000000001",
             "kind": "deactivate", "reason": "pindah", "niks": [], "snapshot": None}
    deactivation = origin.payload(records=[moved])
    assert _results(district, origin, origin.seal(deactivation)) == [("accepted", "")]
    rng = random.Random(3)
    fresh = sample_records(rng, "", [nik])
    assert _results(district, destination,
                    destination.seal(destination.payload(records=fresh))) == [("accepted", "")]
