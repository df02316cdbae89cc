"""Container v1: round trip, the check order, every byte flip and truncation, the Davis
re-signing attack, inner/outer mismatch, bounded decompression, and the committed vectors."""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import json
import struct
import sys
import tracemalloc
import zlib
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import ClassVar

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from siksdesk.sync import container as c
from siksdesk.sync.container import (
    HEADER_SIZE,
    Header,
    Kind,
    SenderStatus,
    Verified,
    check_not_expired,
    container_sha256,
    open_verified,
    padme,
    read_header,
    seal,
    verify,
)
from siksdesk.sync.errors import ContainerError, Messages, SyncError
from siksdesk.sync.keys import KeyPair, PublicIdentity

ROOT = Path(__file__).resolve().parents[2]
VECTORS = ROOT / "tests" / "sync" / "vectors"
VILLAGE, OTHER_VILLAGE, DISTRICT, STRANGER = (
    KeyPair.from_seeds(bytes([i]) * 32, bytes([i + 100]) * 32) for i in (1, 2, 3, 4))
REGISTERED = {VILLAGE.key_id: VILLAGE.identity, OTHER_VILLAGE.key_id: OTHER_VILLAGE.identity}
NIK = "3522014107900001"
PAYLOAD: dict[str, object] = {
    "format": "test", "records": [{"nik": NIK, "nama": "Siti Contoh",
                                   "id": hashlib.sha256(bytes([i])).hexdigest()[:24]}
                                  for i in range(20)],
}
PROPS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def lookup(revoked: frozenset[bytes] = frozenset()) -> Callable[[bytes], SenderStatus]:
    return lambda key_id: SenderStatus(REGISTERED.get(key_id), key_id in revoked)


def make(kind: Kind = Kind.BUNDLE, payload: dict[str, object] | None = None,
         **overrides: object) -> bytes:
    args: dict[str, object] = dict(sender=VILLAGE, recipient=DISTRICT.identity, sequence=7,
                                   previous=bytes(range(32)), created_at=1_700_000_000,
                                   ephemeral=X25519PrivateKey.from_private_bytes(b"\x05" * 32))
    args.update(overrides)
    return seal(kind, PAYLOAD if payload is None else payload, **args)  # type: ignore[arg-type]


SAMPLE = make()


def check(data: bytes, *, kind: Kind = Kind.BUNDLE, recipient: KeyPair = DISTRICT,
          revoked: frozenset[bytes] = frozenset(), max_json: int = c.MAX_JSON) -> dict[str, object]:
    verified = verify(data, expected_kind=kind, recipient_key_id=recipient.key_id,
                      sender_lookup=lookup(revoked))
    return open_verified(verified, recipient, max_json=max_json)


def code_of(data: bytes, **kwargs: object) -> str:
    with pytest.raises(ContainerError) as info:
        check(data, **kwargs)  # type: ignore[arg-type]
    return info.value.code


def resign(body: bytes, key: KeyPair) -> bytes:
    """Replace the signature: ``body`` is everything before it."""
    return body + key.sign(b"siksdesk-container-v1\x00" + body)


def with_header(data: bytes, **fields: object) -> bytes:
    """The container with some header fields rewritten (signature left stale)."""
    header = dataclasses.replace(read_header(data), **fields)  # type: ignore[arg-type]
    return header.pack() + data[HEADER_SIZE:]


# --- round trip ---------------------------------------------------------------------------

@pytest.mark.parametrize("kind", list(Kind))
def test_round_trip_every_kind(kind: Kind) -> None:
    data = make(kind, training=True, expires_at=1_800_000_000)
    opened = check(data, kind=kind)
    inner = opened.pop("container")
    assert opened == PAYLOAD
    assert inner == {"kind": kind.label, "sender": VILLAGE.key_id.hex(),
                     "recipient": DISTRICT.key_id.hex(), "sequence": 7,
                     "previous": bytes(range(32)).hex(), "created_at": 1_700_000_000,
                     "expires_at": 1_800_000_000, "training": True}
    header = read_header(data)
    assert (header.kind, header.training, header.sequence, header.sender_key_id,
            header.recipient_key_id) == (kind, True, 7, VILLAGE.key_id, DISTRICT.key_id)


def test_verified_carries_hash_and_sender() -> None:
    verified = verify(SAMPLE, expected_kind=Kind.BUNDLE, recipient_key_id=DISTRICT.key_id,
                      sender_lookup=lookup())
    assert verified.sha256 == container_sha256(SAMPLE)
    assert verified.sender == VILLAGE.identity


def test_fresh_ephemeral_key_each_time() -> None:
    first = seal(Kind.BUNDLE, PAYLOAD, sender=VILLAGE, recipient=DISTRICT.identity, sequence=1,
                 previous=bytes(32), created_at=1)
    second = seal(Kind.BUNDLE, PAYLOAD, sender=VILLAGE, recipient=DISTRICT.identity, sequence=1,
                  previous=bytes(32), created_at=1)
    assert read_header(first).ephemeral != read_header(second).ephemeral
    assert first[HEADER_SIZE:-64] != second[HEADER_SIZE:-64]


def test_no_personal_data_in_clear() -> None:
    for needle in (NIK.encode(), b"Siti", b"Contoh", b"records"):
        assert needle not in SAMPLE


def test_length_is_padded() -> None:
    sizes = {len(make(payload={"x": "a" * n})) for n in range(1000, 1040)}
    assert len(sizes) < 10  # 40 different payload sizes fall into a few Padmé buckets


def test_sender_cannot_open_its_own_container() -> None:
    verified = verify(SAMPLE, expected_kind=Kind.BUNDLE, recipient_key_id=DISTRICT.key_id,
                      sender_lookup=lookup())
    with pytest.raises(ContainerError) as info:
        open_verified(verified, VILLAGE)
    assert info.value.code == "WRONG_RECIPIENT"
    forged = Verified(dataclasses.replace(verified.header, recipient_key_id=VILLAGE.key_id),
                      verified.sender, verified.data, verified.sha256)
    with pytest.raises(ContainerError) as info:
        open_verified(forged, VILLAGE)
    assert info.value.code == "DECRYPT_FAILED"


# --- every flip, every truncation ---------------------------------------------------------

def test_sample_is_small() -> None:
    assert 600 < len(SAMPLE) < 2048


@pytest.mark.parametrize("mask", [0x01, 0x80, 0xFF])
def test_every_single_byte_flip_is_rejected(mask: int) -> None:
    for index in range(len(SAMPLE)):
        data = bytearray(SAMPLE)
        data[index] ^= mask
        with pytest.raises(ContainerError):
            check(bytes(data))


def test_every_truncation_and_extension_is_rejected() -> None:
    for size in range(len(SAMPLE)):
        with pytest.raises(ContainerError) as info:
            check(SAMPLE[:size])
        assert info.value.code in {"TOO_SHORT", "BAD_LENGTH"}
    assert code_of(SAMPLE + b"\x00") == "BAD_LENGTH"


# --- the check order ----------------------------------------------------------------------

@pytest.mark.parametrize(("fields", "code"), [
    ({"kind": Kind.RECEIPT}, "BAD_KIND"),
    ({"training": True}, "BAD_SIGNATURE"),
    ({"sender_key_id": STRANGER.key_id}, "UNKNOWN_SENDER"),
    ({"sender_key_id": OTHER_VILLAGE.key_id}, "BAD_SIGNATURE"),
    ({"recipient_key_id": OTHER_VILLAGE.key_id}, "BAD_SIGNATURE"),
    ({"sequence": 8}, "BAD_SIGNATURE"),
    ({"length": 2**63}, "BAD_LENGTH"),
    ({"length": 0}, "BAD_LENGTH"),
])
def test_header_edits_are_refused(fields: dict[str, object], code: str) -> None:
    assert code_of(with_header(SAMPLE, **fields)) == code


@pytest.mark.parametrize(("offset", "value", "code"), [
    (0, b"SIKSDESC", "BAD_MAGIC"), (8, b"\x02", "BAD_VERSION"), (9, b"\x04", "BAD_KIND"),
    (9, b"\x00", "BAD_KIND"), (10, b"\x02", "BAD_FLAGS"), (11, b"\x01", "BAD_FLAGS"),
])
def test_format_is_checked_before_the_sender(offset: int, value: bytes, code: str) -> None:
    data = SAMPLE[:offset] + value + SAMPLE[offset + len(value):]
    with pytest.raises(ContainerError) as info:
        verify(data, expected_kind=Kind.BUNDLE, recipient_key_id=DISTRICT.key_id,
               sender_lookup=lambda _: pytest.fail("sender looked up before the format check"))
    assert info.value.code == code


def test_unknown_sender() -> None:
    stranger = make(sender=STRANGER)
    assert code_of(stranger) == "UNKNOWN_SENDER"


def test_lookup_returning_another_identity_is_unknown() -> None:
    with pytest.raises(ContainerError) as info:
        verify(SAMPLE, expected_kind=Kind.BUNDLE, recipient_key_id=DISTRICT.key_id,
               sender_lookup=lambda _: SenderStatus(OTHER_VILLAGE.identity))
    assert info.value.code == "UNKNOWN_SENDER"


def test_revoked_sender_is_refused_before_the_signature() -> None:
    broken = SAMPLE[:-1] + bytes([SAMPLE[-1] ^ 1])
    assert code_of(broken, revoked=frozenset({VILLAGE.key_id})) == "REVOKED_SENDER"
    assert code_of(SAMPLE, revoked=frozenset({VILLAGE.key_id})) == "REVOKED_SENDER"


def test_wrong_recipient_after_a_valid_signature() -> None:
    assert code_of(SAMPLE, recipient=OTHER_VILLAGE) == "WRONG_RECIPIENT"
    broken = SAMPLE[:-1] + bytes([SAMPLE[-1] ^ 1])
    assert code_of(broken, recipient=OTHER_VILLAGE) == "BAD_SIGNATURE"


def test_expiry_is_judged_on_the_signed_header() -> None:
    header = read_header(make(Kind.UPDATE, expires_at=1_700_000_100))
    check_not_expired(header, 1_700_000_099)
    with pytest.raises(ContainerError) as info:
        check_not_expired(header, 1_700_000_100)
    assert info.value.code == "EXPIRED"
    check_not_expired(read_header(SAMPLE), 2**40)  # 0 = never


# --- Davis: re-signing and swapping -------------------------------------------------------

def test_resigned_by_another_registered_device_keeping_the_sender_fails() -> None:
    assert code_of(resign(SAMPLE[:-64], OTHER_VILLAGE)) == "BAD_SIGNATURE"


def test_resigned_by_another_registered_device_as_itself_fails() -> None:
    """Strip the signature, claim to be OTHER_VILLAGE, re-sign: the header is the AAD of the
    ciphertext, so decryption fails; the inner object would name VILLAGE anyway."""
    body = with_header(SAMPLE, sender_key_id=OTHER_VILLAGE.key_id)[:-64]
    stolen = resign(body, OTHER_VILLAGE)
    verified = verify(stolen, expected_kind=Kind.BUNDLE, recipient_key_id=DISTRICT.key_id,
                      sender_lookup=lookup())
    assert verified.sender == OTHER_VILLAGE.identity
    with pytest.raises(ContainerError) as info:
        open_verified(verified, DISTRICT)
    assert info.value.code == "DECRYPT_FAILED"


@pytest.mark.parametrize("fields", [
    {"sequence": 8}, {"kind": Kind.RECEIPT}, {"previous": bytes(32)}, {"training": True},
    {"created_at": 1}, {"expires_at": 5}, {"recipient_key_id": OTHER_VILLAGE.key_id},
])
def test_header_changed_and_resigned_by_the_sender_fails_to_decrypt(
        fields: dict[str, object]) -> None:
    data = resign(with_header(SAMPLE, **fields)[:-64], VILLAGE)
    recipient = OTHER_VILLAGE if "recipient_key_id" in fields else DISTRICT
    kind = fields.get("kind", Kind.BUNDLE)
    assert code_of(data, kind=kind, recipient=recipient) in {"DECRYPT_FAILED", "WRONG_RECIPIENT"}


def test_swapped_sender_and_recipient_fields() -> None:
    swapped = with_header(SAMPLE, sender_key_id=DISTRICT.key_id,
                          recipient_key_id=VILLAGE.key_id)
    assert code_of(swapped) == "UNKNOWN_SENDER"


def test_ciphertext_from_another_container_fails() -> None:
    other = make(payload={"format": "other"}, ephemeral=None)
    ciphertext = other[HEADER_SIZE:-64]
    header = dataclasses.replace(read_header(SAMPLE), length=len(ciphertext))
    assert code_of(resign(header.pack() + ciphertext, VILLAGE)) == "DECRYPT_FAILED"


# --- inner / outer mismatch ---------------------------------------------------------------

def _lying(change: Callable[[dict[str, object]], object]) -> bytes:
    header = Header(Kind.BUNDLE, False, VILLAGE.key_id, DISTRICT.key_id, 7, bytes(32),
                    1_700_000_000, 0, 0)
    return c._seal_with_inner(header, PAYLOAD, change(header.inner()), sender=VILLAGE,
                              recipient=DISTRICT.identity, ephemeral=None)


LIES: list[Callable[[dict[str, object]], object]] = [
    lambda d: {**d, "sequence": 6}, lambda d: {**d, "sender": OTHER_VILLAGE.key_id.hex()},
    lambda d: {**d, "recipient": OTHER_VILLAGE.key_id.hex()}, lambda d: {**d, "kind": "receipt"},
    lambda d: {**d, "training": True}, lambda d: {**d, "training": 0},
    lambda d: {**d, "sequence": 7.0}, lambda d: {**d, "previous": "ff" * 32},
    lambda d: {**d, "expires_at": 1}, lambda d: {**d, "extra": 1},
    lambda d: {k: v for k, v in d.items() if k != "created_at"}, lambda d: "not an object",
    lambda d: {}, lambda d: None,
]


@pytest.mark.parametrize("change", LIES)
def test_inner_container_must_equal_the_header(
        change: Callable[[dict[str, object]], object]) -> None:
    assert code_of(_lying(change)) == "INNER_MISMATCH"


def test_an_honest_inner_object_opens() -> None:
    assert check(_lying(lambda d: d))["format"] == "test"


# --- malformed plaintext inside a validly signed container --------------------------------

def _sealed_plaintext(plaintext: bytes) -> bytes:
    header = Header(Kind.BUNDLE, False, VILLAGE.key_id, DISTRICT.key_id, 7, bytes(32), 1, 0, 0)
    return c._seal_plaintext(header, plaintext, sender=VILLAGE, recipient=DISTRICT.identity,
                             ephemeral=None)


def _framed(compressed: bytes, pad: int | None = None, size: int | None = None) -> bytes:
    body = struct.pack(">I", len(compressed) if size is None else size) + compressed
    padding = padme(len(body)) - len(body) if pad is None else pad
    return body + bytes(padding)


@pytest.mark.parametrize("plaintext", [
    _framed(zlib.compress(b"[1, 2]")),  # not an object
    _framed(zlib.compress(b"{\"a\": NaN}")),
    _framed(zlib.compress(b"{\"a\": 1, \"a\": 2}")),  # duplicate key
    _framed(zlib.compress(b"{\"a\": \"\xff\"}")),  # not UTF-8
    _framed(zlib.compress(b"[" * 100_000 + b"]" * 100_000)),
    _framed(b"not zlib at all"),
    _framed(zlib.compress(b"{}")[:-3]),  # stream cut short
    _framed(zlib.compress(b"{}") + b"tail"),  # data after the stream
    _framed(zlib.compress(b"{}"), size=2**31),  # length beyond the plaintext
    _framed(zlib.compress(b"{}"), pad=700),  # not the Padmé length
    _framed(zlib.compress(b"{}"), pad=0) + b"\x01",
])
def test_malformed_plaintext_is_bad_payload(plaintext: bytes) -> None:
    assert code_of(_sealed_plaintext(plaintext)) in {"BAD_PAYLOAD", "DECRYPT_FAILED"}


def test_short_plaintext_is_refused_before_decrypting() -> None:
    assert code_of(_sealed_plaintext(b"\x00\x00")) == "TOO_SHORT"


def test_zlib_bomb_is_refused_within_bounds() -> None:
    bomb = make(payload={"format": "bomb", "x": "0" * 20_000_000})
    assert len(bomb) < 64 * 1024
    tracemalloc.start()
    try:
        assert code_of(bomb, max_json=1_000_000) == "TOO_LARGE"
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4_000_000  # never near the 20 MB the bomb expands to
    assert check(bomb, max_json=30_000_000)["format"] == "bomb"


def test_oversized_container_is_refused_before_reading() -> None:
    with pytest.raises(ContainerError) as info:
        read_header(SAMPLE, max_size=len(SAMPLE) - 1)
    assert info.value.code == "TOO_LARGE"
    huge = SAMPLE[:HEADER_SIZE] + bytes(c.MAX_CONTAINER)
    assert code_of(huge) == "TOO_LARGE"


def test_seal_refuses_bad_arguments() -> None:
    for overrides in ({"previous": b"short"}, {"sequence": -1}, {"created_at": 2**63}):
        with pytest.raises(ValueError):
            make(**overrides)
    with pytest.raises(ValueError):
        make(payload={"x": float("nan")})


# --- Padmé --------------------------------------------------------------------------------

def test_padme() -> None:
    assert [padme(n) for n in (0, 1, 2, 3, 9, 100, 1000, 1025, 100_000)] == [
        0, 1, 2, 3, 10, 104, 1024, 1088, 100_352]
    previous = 0
    for n in range(1, 70_000, 7):
        padded = padme(n)
        assert n <= padded <= n * 1.12 + 1 and padded >= previous
        previous = padded


# --- properties ---------------------------------------------------------------------------

JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-2**53, 2**53) | st.text(max_size=20)
    | st.floats(allow_nan=False, allow_infinity=False),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=20)


@PROPS
@given(payload=st.dictionaries(st.text(max_size=8).filter(lambda k: k != "container"), JSON,
                               max_size=6),
       sequence=st.integers(0, 2**63 - 1), training=st.booleans(), kind=st.sampled_from(Kind))
def test_property_round_trip(payload: dict[str, object], sequence: int, training: bool,
                             kind: Kind) -> None:
    data = seal(kind, payload, sender=VILLAGE, recipient=DISTRICT.identity, sequence=sequence,
                previous=bytes(32), created_at=0, training=training)
    opened = check(data, kind=kind)
    assert opened.pop("container") == read_header(data).inner()
    assert json.dumps(opened, sort_keys=True) == json.dumps(payload, sort_keys=True)


MUTATION = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, len(SAMPLE) - 1), st.integers(1, 255)),
    st.tuples(st.just("cut"), st.integers(0, len(SAMPLE) - 1), st.integers(1, 200)),
    st.tuples(st.just("insert"), st.integers(0, len(SAMPLE)), st.binary(min_size=1, max_size=9)),
    st.tuples(st.just("overwrite"), st.integers(0, len(SAMPLE) - 1), st.binary(min_size=1,
                                                                                max_size=40)),
)


def _mutate(data: bytes, mutation: tuple[str, int, object]) -> bytes:
    kind, at, arg = mutation
    at = at % (len(data) + 1)  # an earlier cut may have shortened the data
    if kind == "flip":
        assert isinstance(arg, int)
        if at == len(data):
            return data
        return data[:at] + bytes([data[at] ^ arg]) + data[at + 1:]
    if kind == "cut":
        assert isinstance(arg, int)
        return data[:at] + data[at + arg:]
    assert isinstance(arg, bytes)
    if kind == "insert":
        return data[:at] + arg + data[at:]
    return data[:at] + arg + data[at + len(arg):]


@PROPS
@given(mutations=st.lists(MUTATION, min_size=1, max_size=4))
def test_property_mutations_only_raise_container_errors(
        mutations: list[tuple[str, int, object]]) -> None:
    data = SAMPLE
    for mutation in mutations:
        data = _mutate(data, mutation)
    if data == SAMPLE:
        return
    with pytest.raises(ContainerError):
        check(data)


# --- errors -------------------------------------------------------------------------------

def test_every_container_code_has_both_languages() -> None:
    for code in ContainerError.MESSAGES:
        error = ContainerError(code, size=1, limit=2, key_id="ab", version=3, expected="bundle",
                               found="receipt")
        assert error.message("id") and error.message("en") and str(error) == error.message("en")
        assert "{" not in error.message("id") + error.message("en")


def test_subclass_adds_its_own_codes() -> None:
    class OutboxError(SyncError):
        MESSAGES: ClassVar[Messages] = {
            "NOTHING": ("Tidak ada {count} usulan.", "No {count} proposals.")}

    assert OutboxError("NOTHING", count=3).message() == "Tidak ada 3 usulan."
    assert str(OutboxError("NOTHING", count=3)) == "No 3 proposals."
    assert "XYZ" in OutboxError("XYZ").message("en")  # unknown code: generic text with the code
    assert OutboxError("NOTHING").message() == "Tidak ada {count} usulan."


# --- committed vectors --------------------------------------------------------------------

def _vector_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_sync_vectors",
                                                  ROOT / "scripts" / "make_sync_vectors.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_sync_vectors", module)
    spec.loader.exec_module(module)
    return module


def test_vectors_reproduce_byte_for_byte() -> None:
    built = _vector_script().build_vectors()
    committed = {p.name: p.read_bytes() for p in VECTORS.iterdir()}
    assert set(built) == set(committed)
    for name, data in built.items():
        assert data == committed[name], name


def test_vectors_open_with_the_committed_keys() -> None:
    manifest = json.loads((VECTORS / "vectors.json").read_text())
    village, district = (
        KeyPair.from_seeds(bytes.fromhex(manifest[p]["signing_seed"]),
                           bytes.fromhex(manifest[p]["encryption_seed"]))
        for p in ("village", "district"))
    assert village.key_id.hex() == manifest["village"]["key_id"]
    assert district.fingerprint == manifest["district"]["fingerprint"]
    known: dict[bytes, PublicIdentity] = {village.key_id: village.identity,
                                          district.key_id: district.identity}

    def open_file(name: str, kind: Kind, me: KeyPair) -> dict[str, object]:
        data = (VECTORS / name).read_bytes()
        verified = verify(data, expected_kind=kind, recipient_key_id=me.key_id,
                          sender_lookup=lambda k: SenderStatus(known.get(k)))
        return open_verified(verified, me)

    bundle = open_file("bundle-1.siksdesk-bundle", Kind.BUNDLE, district)
    receipt = open_file("receipt-1.siksdesk-receipt", Kind.RECEIPT, village)
    update = open_file("update-1.siksdesk-update", Kind.UPDATE, village)
    assert bundle["format"] == "siksdesk-bundle"
    bundle_hash = container_sha256((VECTORS / "bundle-1.siksdesk-bundle").read_bytes()).hex()
    assert receipt["bundle_sha256"] == bundle_hash
    assert update["container"]["expires_at"] > 0  # type: ignore[index]
