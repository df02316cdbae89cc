"""Bundle, receipt and update payloads: building, parsing and strict validation."""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from siksdesk.sync.container import Kind, SenderStatus, open_verified, seal, verify
from siksdesk.sync.errors import PayloadError
from siksdesk.sync.keys import KeyPair
from siksdesk.sync.payloads import (
    MAX_RECORDS,
    BundleRecord,
    Decision,
    DeviceRevoked,
    DistrictKeys,
    InvalidNikList,
    InvalidNikRow,
    MeetingRef,
    NikEntry,
    RecordResult,
    build_bundle_payload,
    build_receipt_payload,
    build_update_payload,
    parse_bundle,
    parse_receipt,
    parse_update,
)

VECTORS = Path(__file__).resolve().parents[2] / "tests" / "sync" / "vectors"
VILLAGE = KeyPair.from_seeds(b"\x51" * 32, b"\x52" * 32)
DISTRICT = KeyPair.from_seeds(b"\x61" * 32, b"\x62" * 32)
NIK = "3522014107900001"
MEETING = MeetingRef(uuid="7d3f1c2a-0b4e-4c5d-9e6f-1a2b3c4d5e6f", kind="musdes",
                     held_on="2026-10-20", place="Balai Desa", chair="Kepala Desa",
                     finalised_at="2026-10-20T14:05:00+07:00", finalised_by="kades",
                     decided_set_sha256="ab" * 32)
PROPS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def uid(n: int) -> str:
    return f"{n:08x}-0000-4000-8000-{n:012x}"


def record(n: int, kind: str = "correction") -> BundleRecord:
    return BundleRecord(
        usulan=uid(n), kind=kind, entity="art", entity_uuid=uid(1000 + n), ruta_uuid=uid(2000),
        reason="pindah", note="", changes={"nama": {"old": "A", "new": "B"}},
        meeting=MEETING.uuid, decision_note="setuju", decided_at="2026-10-20T13:40:00+07:00",
        niks=(NikEntry(uid(1000 + n), NIK),),
        snapshot={"ruta": {"uuid": uid(2000)}} if kind in {"new", "new_member"} else None)


RECORDS = (record(1), record(2, "new_member"), record(3, "deactivate"))


def bundle(**overrides: Any) -> dict[str, object]:
    args: dict[str, Any] = dict(village_code="3522010001", app_version="0.1.0",
                                audit_head="cd" * 32, acknowledged_through=0,
                                meetings=[MEETING], records=RECORDS)
    args.update(overrides)
    return build_bundle_payload(**args)


def opened(kind: Kind, payload: dict[str, object], training: bool = False) -> dict[str, object]:
    """``payload`` sealed and opened again, as the receiving side sees it."""
    sender, recipient = (VILLAGE, DISTRICT) if kind == Kind.BUNDLE else (DISTRICT, VILLAGE)
    data = seal(kind, payload, sender=sender, recipient=recipient.identity, sequence=3,
                previous=bytes(32), created_at=1, training=training)
    verified = verify(data, expected_kind=kind, recipient_key_id=recipient.key_id,
                      sender_lookup=lambda _: SenderStatus(sender.identity))
    return open_verified(verified, recipient)


def error(parse: Any, payload: object) -> PayloadError:
    with pytest.raises(PayloadError) as info:
        parse(payload)
    return info.value


# --- round trips --------------------------------------------------------------------------

def test_bundle_round_trip() -> None:
    parsed = parse_bundle(opened(Kind.BUNDLE, bundle(), training=True))
    assert parsed.records == RECORDS and parsed.meetings == (MEETING,)
    assert parsed.container is not None and parsed.container.training
    assert parsed.container.sequence == 3 and parsed.container.sender == VILLAGE.key_id.hex()
    assert (parsed.village_code, parsed.audit_head) == ("3522010001", "cd" * 32)


def test_dicts_and_dataclasses_build_the_same_payload() -> None:
    as_dicts = json.loads(json.dumps(bundle()))
    assert bundle(records=as_dicts["records"], meetings=as_dicts["meetings"]) == as_dicts


def test_receipt_round_trip() -> None:
    payload = build_receipt_payload(
        bundle_sha256=b"\x01" * 32, status="applied", issued_at="2026-10-31T09:00:00+07:00",
        last_applied_sequence=3, last_applied_sha256="01" * 32, reason_code="",
        results=[RecordResult(uid(1), "rejected", "NIK_INVALID", ""),
                 {"usulan": uid(2), "status": "accepted", "code": "ALREADY_APPLIED",
                  "note": ""}],
        district_audit_head="ef" * 32)
    receipt = parse_receipt(opened(Kind.RECEIPT, payload))
    assert receipt.bundle_sha256 == "01" * 32 and receipt.last_applied_sequence == 3
    assert receipt.results[0] == RecordResult(uid(1), "rejected", "NIK_INVALID", "")
    assert receipt.results[1].code == "ALREADY_APPLIED"


def test_update_round_trip() -> None:
    items = (InvalidNikList((InvalidNikRow(NIK, "B1", "B1-01", "Siti", "1990-07-01", ""),
                             InvalidNikRow("35220141", "B2", "B2-01", "Budi", "", "15 digit"))),
             Decision(uid(1), "rejected", "NIK_INVALID", "cek Dukcapil"),
             DeviceRevoked("ab" * 16, "laptop hilang"),
             DistrictKeys(*DISTRICT.identity.to_b64(), DISTRICT.key_id.hex(),
                          "2027-01-01T00:00:00+07:00"))
    payload = build_update_payload(village_code="3522010001", issued_at="2026-11-01",
                                   items=items)
    update = parse_update(opened(Kind.UPDATE, payload))
    assert update.items == items


def test_committed_vectors_parse() -> None:
    village, district = (KeyPair.from_seeds(bytes.fromhex(v["signing_seed"]),
                                            bytes.fromhex(v["encryption_seed"]))
                         for v in (json.loads((VECTORS / "vectors.json").read_text())[p]
                                   for p in ("village", "district")))

    def load(name: str, kind: Kind, me: KeyPair, sender: KeyPair) -> dict[str, object]:
        verified = verify((VECTORS / name).read_bytes(), expected_kind=kind,
                          recipient_key_id=me.key_id,
                          sender_lookup=lambda _: SenderStatus(sender.identity))
        return open_verified(verified, me)

    parsed = parse_bundle(load("bundle-1.siksdesk-bundle", Kind.BUNDLE, district, village))
    assert [r.kind for r in parsed.records] == ["new_member", "deactivate"]
    receipt = parse_receipt(load("receipt-1.siksdesk-receipt", Kind.RECEIPT, village, district))
    assert receipt.results[0].code == "NIK_INVALID"
    update = parse_update(load("update-1.siksdesk-update", Kind.UPDATE, village, district))
    assert isinstance(update.items[0], InvalidNikList)


# --- validation ---------------------------------------------------------------------------

def _with(payload: dict[str, object], path: tuple[object, ...], value: object) -> dict[str, Any]:
    """A deep copy with the value at ``path`` replaced (``...`` deletes it)."""
    result: Any = copy.deepcopy(payload)
    target = result
    for step in path[:-1]:
        target = target[step]
    if value is ...:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return dict(result)


SAMPLE = opened(Kind.BUNDLE, bundle())


@pytest.mark.parametrize(("path", "value", "code", "field"), [
    (("records", 1, "niks", 0, "nik"), "352201410790000", "BAD_NIK", "records[1].niks[0].nik"),
    (("records", 1, "niks", 0, "nik"), "３５２２０１４１０７９００００１", "BAD_NIK",
     "records[1].niks[0].nik"),
    (("records", 1, "niks", 0, "nik"), "٣٥٢٢٠١٤١٠٧٩٠٠٠٠١", "BAD_NIK", "records[1].niks[0].nik"),
    (("records", 1, "niks", 0, "nik"), "3522 0141 0790 0001", "TOO_LONG",
     "records[1].niks[0].nik"),
    (("records", 0, "niks", 0, "nik"), 3522014107900001, "BAD_TYPE", "records[0].niks[0].nik"),
    (("records", 0, "usulan"), uid(0xABC).upper(), "BAD_UUID", "records[0].usulan"),
    (("records", 2, "kind"), "merge", "BAD_VALUE", "records[2].kind"),
    (("records", 2, "note"), "x" * 4001, "TOO_LONG", "records[2].note"),
    (("records", 2, "decided_at"), "2026-02-30T10:00:00", "BAD_DATE", "records[2].decided_at"),
    (("records", 2, "meeting"), uid(99), "BAD_VALUE", "records[2].meeting"),
    (("records", 1, "snapshot"), None, "BAD_TYPE", "records[1].snapshot"),
    (("records", 0, "changes"), [], "BAD_TYPE", "records[0].changes"),
    (("records", 0, "extra"), 1, "UNKNOWN_FIELD", "records[0].extra"),
    (("records", 0, NIK), 1, "UNKNOWN_FIELD", "records[0].?"),
    (("records", 0, "reason"), ..., "MISSING_FIELD", "records[0].reason"),
    (("records", 0), "not an object", "BAD_TYPE", "records[0]"),
    (("records",), {}, "BAD_TYPE", "records"),
    (("meetings", 0, "held_on"), "20-10-2026", "BAD_DATE", "meetings[0].held_on"),
    (("meetings", 0, "decided_set_sha256"), "AB" * 32, "BAD_VALUE",
     "meetings[0].decided_set_sha256"),
    (("acknowledged_through",), True, "BAD_TYPE", "acknowledged_through"),
    (("acknowledged_through",), -1, "BAD_VALUE", "acknowledged_through"),
    (("acknowledged_through",), 2**64, "BAD_VALUE", "acknowledged_through"),
    (("village_code",), "352201000１", "BAD_VALUE", "village_code"),
    (("container", "kind"), "receipt", "BAD_VALUE", "container.kind"),
    (("container", "training"), 0, "BAD_TYPE", "container.training"),
    (("container",), ..., "MISSING_FIELD", "container"),
])
def test_bundle_field_errors(path: tuple[object, ...], value: object, code: str,
                             field: str) -> None:
    problem = error(parse_bundle, _with(SAMPLE, path, value))
    assert (problem.code, problem.params["field"]) == (code, field)
    text = problem.message("id") + problem.message("en") + str(problem)
    assert field in text and "3522" not in text.replace("3522010001", "")


def test_duplicates_are_refused() -> None:
    records = list(SAMPLE["records"])  # type: ignore[call-overload]
    assert error(parse_bundle, _with(SAMPLE, ("records",), [*records, records[0]])).code == \
        "DUPLICATE"
    meetings = list(SAMPLE["meetings"])  # type: ignore[call-overload]
    assert error(parse_bundle, _with(SAMPLE, ("meetings",), meetings * 2)).code == "DUPLICATE"


def test_free_form_json_is_bounded() -> None:
    deep: dict[str, object] = {"a": 1}
    for _ in range(9):
        deep = {"a": deep}
    assert error(parse_bundle, _with(SAMPLE, ("records", 0, "changes"), deep)).code == "TOO_DEEP"
    nan = _with(SAMPLE, ("records", 0, "changes"), {"a": [1.5, float("nan")]})
    assert error(parse_bundle, nan).params["field"] == "records[0].changes.a[1]"
    assert error(parse_bundle, _with(SAMPLE, ("records", 0, "changes"), {"k" * 101: 1})).code \
        == "BAD_VALUE"


def test_too_many_records_is_refused_before_looking_at_them() -> None:
    many = _with(SAMPLE, ("records",), ["not even an object"] * (MAX_RECORDS + 1))
    problem = error(parse_bundle, many)
    assert (problem.code, problem.params["limit"]) == ("TOO_MANY", MAX_RECORDS)


@pytest.mark.parametrize(("payload", "code"), [
    ({"format": "siksdesk-receipt", "version": 1}, "BAD_FORMAT"),
    ({"format": "siksdesk-bundle", "version": 2}, "BAD_VERSION"),
    ({"format": "siksdesk-bundle", "version": True}, "BAD_VERSION"),
    ([], "BAD_FORMAT"),
])
def test_format_and_version(payload: object, code: str) -> None:
    assert error(parse_bundle, payload).code == code


def test_builders_validate() -> None:
    as_dict = json.loads(json.dumps(bundle()))["records"][0]
    as_dict["niks"][0]["nik"] = "123"
    with pytest.raises(PayloadError) as info:
        bundle(records=[as_dict])
    assert info.value.params["field"] == "records[0].niks[0].nik"
    bad = dataclasses.replace(record(5), niks=(NikEntry(uid(5), "123"),))
    with pytest.raises(PayloadError) as info:
        bundle(records=[bad])
    assert info.value.params["field"] == "records[0].niks[0].nik"
    with pytest.raises(PayloadError):
        build_receipt_payload(bundle_sha256="xyz", status="applied", issued_at="2026-11-01",
                              last_applied_sequence=0, last_applied_sha256=bytes(32))
    with pytest.raises(PayloadError):
        build_update_payload(village_code="3522010001", issued_at="2026-11-01",
                             items=[DeviceRevoked("ab", "")])


def test_unknown_update_item_type() -> None:
    payload = opened(Kind.UPDATE, build_update_payload(
        village_code="3522010001", issued_at="2026-11-01",
        items=[Decision(uid(1), "accepted", "", "")]))
    items: Any = payload["items"]
    for item, code, field in (({"type": "wipe_all"}, "UNKNOWN_TYPE", "items[0].type"),
                              ({"usulan": uid(1)}, "UNKNOWN_TYPE", "items[0].type"),
                              ([1], "BAD_TYPE", "items[0]")):
        problem = error(parse_update, {**payload, "items": [item, *items]})
        assert (problem.code, problem.params["field"]) == (code, field)


def test_district_keys_must_be_consistent() -> None:
    item = DistrictKeys(*DISTRICT.identity.to_b64(), VILLAGE.key_id.hex(), "2027-01-01")
    with pytest.raises(PayloadError) as info:
        build_update_payload(village_code="3522010001", issued_at="2026-11-01", items=[item])
    assert info.value.params["field"] == "items[0].key_id"


def test_receipt_codes_are_shaped() -> None:
    payload = opened(Kind.RECEIPT, build_receipt_payload(
        bundle_sha256=bytes(32), status="held", issued_at="2026-11-01", reason_code="GAP",
        last_applied_sequence=0, last_applied_sha256=bytes(32)))
    assert parse_receipt(payload).reason_code == "GAP"
    for field, value in (("reason_code", "gap"), ("status", "ok"), ("bundle_sha256", "00")):
        assert error(parse_receipt, {**payload, field: value}).params["field"] == field


def test_every_payload_code_has_both_languages() -> None:
    for code in PayloadError.MESSAGES:
        problem = PayloadError(code, field="records[0].nik", limit=5, expected="x", version=2)
        assert "{" not in problem.message("id") + problem.message("en")


# --- property: any damage to a valid payload gives a PayloadError or a valid result -------

def _leaves(value: object, path: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _leaves(v, (*path, k))] or [path]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _leaves(v, (*path, i))] or [path]
    return [path]


LEAVES = [p for p in _leaves(SAMPLE) if p]
JUNK = st.none() | st.booleans() | st.integers() | st.text(max_size=40) | st.floats() | \
    st.lists(st.integers(), max_size=3) | st.dictionaries(st.text(max_size=5), st.integers(),
                                                          max_size=3)


@PROPS
@given(edits=st.lists(st.tuples(st.sampled_from(LEAVES), JUNK | st.just(...)), min_size=1,
                      max_size=3))
def test_property_damage_raises_only_payload_errors(edits: list[tuple[tuple[object, ...],
                                                                      object]]) -> None:
    payload = SAMPLE
    for path, value in edits:
        try:
            payload = _with(payload, path, value)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit removed the parent
    with contextlib.suppress(PayloadError):
        parse_bundle(payload)
