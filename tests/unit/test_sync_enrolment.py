"""District profile and device registration files: signed JSON, strictly read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from siksdesk.sync.container import canonical_json
from siksdesk.sync.enrolment import (
    MAX_FILE,
    make_profile,
    make_registration,
    read_profile,
    read_registration,
)
from siksdesk.sync.errors import EnrolmentError
from siksdesk.sync.keys import KeyPair, b64encode

VECTORS = Path(__file__).resolve().parents[2] / "tests" / "sync" / "vectors"
DISTRICT = KeyPair.from_seeds(b"\x31" * 32, b"\x32" * 32)
DEVICE = KeyPair.from_seeds(b"\x41" * 32, b"\x42" * 32)
PROFILE_ARGS: dict[str, object] = dict(
    district_code="3522", district_name="Kabupaten Contoh", village_code="3522010001",
    village_name="Desa Contoh", server_url="https://dinsos.example.go.id/siks",
    issued_at="2026-10-01T08:00:00+07:00")


def profile(**overrides: object) -> bytes:
    return make_profile(DISTRICT, **{**PROFILE_ARGS, **overrides})  # type: ignore[arg-type]


def registration(**overrides: object) -> bytes:
    args: dict[str, object] = dict(village_code="3522010001", village_name="Desa Contoh",
                                   device_name="Laptop Kantor Desa",
                                   created_at="2026-10-01T09:00:00+07:00")
    return make_registration(DEVICE, **{**args, **overrides})  # type: ignore[arg-type]


def edited(data: bytes, key: KeyPair | None = None, /, **changes: object) -> bytes:
    """The file with some fields changed; re-signed by ``key`` when given."""
    document = {**json.loads(data), **changes}
    document = {k: v for k, v in document.items() if v is not ...}
    if key is not None:
        document.pop("signature", None)
        document["signature"] = b64encode(key.sign(canonical_json(document)))
    return json.dumps(document).encode()


def code_of(reader: object, data: bytes) -> str:
    with pytest.raises(EnrolmentError) as info:
        reader(data)  # type: ignore[operator]
    return info.value.code


def test_profile_round_trip() -> None:
    read = read_profile(profile())
    assert (read.district_code, read.village_code, read.server_url, read.training) == (
        "3522", "3522010001", "https://dinsos.example.go.id/siks", False)
    assert read.identity == DISTRICT.identity and read.key_id == DISTRICT.key_id
    assert read.fingerprint == DISTRICT.fingerprint
    assert read_profile(profile(server_url="", training=True)).training


def test_registration_round_trip() -> None:
    read = read_registration(registration(training=True))
    assert (read.village_code, read.device_name, read.training) == (
        "3522010001", "Laptop Kantor Desa", True)
    assert read.identity == DEVICE.identity and read.fingerprint == DEVICE.fingerprint
    assert json.loads(registration())["fingerprint"] == DEVICE.fingerprint


def test_the_signature_covers_content_not_layout() -> None:
    compact = json.dumps(json.loads(profile()), separators=(",", ":")).encode()
    assert read_profile(compact).village_code == "3522010001"
    assert read_profile(b"\xef\xbb\xbf" + profile()).district_code == "3522"  # a BOM


def test_each_file_is_refused_as_the_other() -> None:
    assert code_of(read_registration, profile()) == "NOT_A_REGISTRATION"
    assert code_of(read_profile, registration()) == "NOT_A_PROFILE"


@pytest.mark.parametrize("field", ["village_code", "village_name", "server_url", "training",
                                   "district_code", "issued_at", "encryption_key"])
def test_any_change_breaks_the_signature(field: str) -> None:
    values = {"village_code": "3522010002", "village_name": "Desa Lain",
              "server_url": "http://evil.example", "training": True, "district_code": "3522",
              "issued_at": "2026-10-02T08:00:00+07:00",
              "encryption_key": DEVICE.identity.to_b64()[1]}
    data = edited(profile(district_code="3522"), **{field: values[field]})
    if field == "district_code":
        data = edited(profile(), district_name="Kabupaten Lain")
    assert code_of(read_profile, data) in {"BAD_SIGNATURE", "KEY_ID_MISMATCH"}


def test_keys_swapped_and_resigned_give_another_fingerprint() -> None:
    """A self-signed file proves integrity, not origin: swapped keys make a valid file with a
    different fingerprint, which is what the operator compares on both screens."""
    signing, encryption = DEVICE.identity.to_b64()
    forged = edited(profile(), DEVICE, signing_key=signing, encryption_key=encryption,
                    key_id=DEVICE.key_id.hex())
    assert read_profile(forged).fingerprint != DISTRICT.fingerprint


def test_key_id_and_fingerprint_must_match_the_keys() -> None:
    assert code_of(read_profile, edited(profile(), DISTRICT, key_id="00" * 16)) == \
        "KEY_ID_MISMATCH"
    assert code_of(read_registration, edited(registration(), DEVICE,
                                             fingerprint="AAAA-AAAA-AAAA-AAAA-AAAA-AAAA")) == \
        "FINGERPRINT_MISMATCH"


@pytest.mark.parametrize(("data", "code"), [
    (b"x" * (MAX_FILE + 1), "TOO_LARGE"),
    (b"{not json", "NOT_JSON"),
    (b"\xff\xfe{}", "NOT_JSON"),
    (b"[]", "NOT_A_PROFILE"),
    (b'{"format": "siksdesk-district-profile", "format": "x"}', "NOT_JSON"),
])
def test_unreadable_files(data: bytes, code: str) -> None:
    assert code_of(read_profile, data) == code


@pytest.mark.parametrize(("changes", "code"), [
    ({"version": 2}, "BAD_VERSION"), ({"version": True}, "BAD_VERSION"),
    ({"version": "1"}, "BAD_VERSION"), ({"extra": 1}, "BAD_FIELD"),
    ({"server_url": ...}, "BAD_FIELD"),
    ({"signing_key": "AAAA"}, "BAD_FIELD"), ({"training": "false"}, "BAD_FIELD"),
    ({"village_code": "352201000１"}, "BAD_FIELD"),
])
def test_malformed_fields(changes: dict[str, object], code: str) -> None:
    assert code_of(read_profile, edited(profile(), DISTRICT, **changes)) == code


def test_malformed_or_missing_signature() -> None:
    assert code_of(read_profile, edited(profile(), signature="abc")) == "BAD_FIELD"
    assert code_of(read_profile, edited(profile(), signature=...)) == "BAD_FIELD"
    other = json.loads(registration())["signature"]
    assert code_of(read_profile, edited(profile(), signature=other)) == "BAD_SIGNATURE"


@pytest.mark.parametrize(("overrides", "code"), [
    ({"village_code": "3521010001"}, "VILLAGE_NOT_IN_DISTRICT"),
    ({"village_code": "352201000"}, "BAD_FIELD"),
    ({"district_code": "35a2"}, "BAD_FIELD"),
    ({"server_url": "ftp://dinsos.example"}, "BAD_FIELD"),
    ({"server_url": "http://a b"}, "BAD_FIELD"),
    ({"village_name": "Desa\u200bContoh"}, "BAD_FIELD"),
    ({"village_name": "   "}, "BAD_FIELD"),
    ({"district_name": "x" * 201}, "BAD_FIELD"),
    ({"issued_at": "kemarin"}, "BAD_FIELD"),
])
def test_make_profile_refuses_what_read_would_refuse(overrides: dict[str, object],
                                                      code: str) -> None:
    with pytest.raises(EnrolmentError) as info:
        profile(**overrides)
    assert info.value.code == code
    assert info.value.message("id") and info.value.message("en")


def test_messages_never_repeat_field_values() -> None:
    with pytest.raises(EnrolmentError) as info:
        registration(device_name="Laptop\nBudi 3522014107900001")
    assert info.value.params == {"field": "device_name"}
    assert "3522014107900001" not in str(info.value) + info.value.message()


def test_committed_vectors_read() -> None:
    manifest = json.loads((VECTORS / "vectors.json").read_text())
    district = read_profile((VECTORS / "district.siksdesk-profile").read_bytes())
    village = read_registration((VECTORS / "village.siksdesk-device").read_bytes())
    assert district.fingerprint == manifest["district"]["fingerprint"]
    assert village.key_id.hex() == manifest["village"]["key_id"]
