"""Fuzz: the bundle parser, container and payload together, as the district receives them.

* arbitrary bytes, and bytes that start like a container: only a SyncError, never anything else;
* byte mutations of a valid bundle (flip, cut, insert, overwrite, splice with another bundle)
  through verify → open → parse_bundle: a SyncError, and ``ingest`` leaves the district database
  exactly as it was (content digest);
* a validly signed and sealed bundle whose JSON text was mutated before sealing: ``parse_bundle``
  accepts it or raises a SyncError, and ``ingest`` answers (refusal with a receipt, or applied)
  without raising.
Long run: bench/fuzz_all.py."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator

import pytest
from fuzz_support import content_digest, enrolled, make_district
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from siksdesk.district.context import District
from siksdesk.district.ingest import REFUSED, ingest
from siksdesk.district.samples import SampleVillage, sample_nik
from siksdesk.sync import container as c
from siksdesk.sync.container import (
    MAGIC,
    Header,
    Kind,
    SenderStatus,
    canonical_json,
    open_verified,
    padme,
    verify,
)
from siksdesk.sync.errors import SyncError
from siksdesk.sync.payloads import parse_bundle

FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> Iterator[District]:
    made = make_district(tmp_path_factory.mktemp("fuzz-district") / "home")
    try:
        yield made
    finally:
        made.close()


@pytest.fixture(scope="module")
def sample(district: District) -> tuple[SampleVillage, bytes, bytes]:
    """A registered village and two valid bundles of it (sequence 1 and another 1)."""
    village = enrolled(district)
    first = village.seal(village.payload(niks=[sample_nik(1), sample_nik(2)]), sequence=1,
                         previous=bytes(32))
    other = village.seal(village.payload(niks=[sample_nik(3)]), sequence=1, previous=bytes(32))
    return village, first, other


def parse(district: District, data: bytes) -> None:
    """The district's whole reading of an upload; raises only what a caller must handle."""
    known = {}
    verified = verify(data, expected_kind=Kind.BUNDLE, recipient_key_id=district.keys.key_id,
                      sender_lookup=lambda key: SenderStatus(known.get(key)))
    parse_bundle(open_verified(verified, district.keys))


MUTATION = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 2**20), st.integers(1, 255)),
    st.tuples(st.just("cut"), st.integers(0, 2**20), st.integers(1, 4000)),
    st.tuples(st.just("truncate"), st.integers(0, 2**20), st.just(0)),
    st.tuples(st.just("insert"), st.integers(0, 2**20), st.binary(min_size=1, max_size=64)),
    st.tuples(st.just("overwrite"), st.integers(0, 2**20), st.binary(min_size=1, max_size=64)),
    st.tuples(st.just("splice"), st.integers(0, 2**20), st.integers(0, 2**20)),
)


def mutate(data: bytes, other: bytes, mutation: tuple[str, int, object]) -> bytes:
    kind, where, arg = mutation
    at = where % (len(data) + 1)
    if kind == "flip" and at < len(data):
        assert isinstance(arg, int)
        return data[:at] + bytes([data[at] ^ arg]) + data[at + 1:]
    if kind == "cut":
        assert isinstance(arg, int)
        return data[:at] + data[at + arg:]
    if kind == "truncate":
        return data[:at]
    if kind == "splice":  # our head, another valid bundle's tail
        assert isinstance(arg, int)
        return data[:at] + other[arg % (len(other) + 1):]
    if isinstance(arg, bytes):
        return data[:at] + arg + data[at + (len(arg) if kind == "overwrite" else 0):]
    return data


@FUZZ
@given(data=st.one_of(st.binary(max_size=4096),
                      st.binary(max_size=2048).map(lambda b: MAGIC + b)))
def test_arbitrary_bytes_raise_only_sync_errors(district: District, data: bytes) -> None:
    with pytest.raises(SyncError):
        parse(district, data)


@FUZZ
@given(mutations=st.lists(MUTATION, min_size=1, max_size=4))
def test_mutated_bundles_are_refused_and_change_nothing(
        district: District, sample: tuple[SampleVillage, bytes, bytes],
        mutations: list[tuple[str, int, object]]) -> None:
    _, data, other = sample
    for mutation in mutations:
        data = mutate(data, other, mutation)
    if data in (sample[1], sample[2]):
        return
    before = content_digest(district.engine)
    result = ingest(district, data)
    assert result.outcome == REFUSED and result.receipt is None
    assert result.error is not None and result.error.message("id") != result.error.message("en")
    assert content_digest(district.engine) == before


def _seal_text(village: SampleVillage, text: bytes, sequence: int) -> bytes:
    header = Header(Kind.BUNDLE, False, village.keys.key_id, village.district.key_id, sequence,
                    bytes(32), 1_790_000_000, 0, 0)
    compressed = zlib.compress(text)
    size = 4 + len(compressed)
    plaintext = struct.pack(">I", len(compressed)) + compressed + bytes(padme(size) - size)
    return c._seal_plaintext(header, plaintext, sender=village.keys,
                             recipient=village.district, ephemeral=None)


TEXT_EDIT = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 2**20), st.sampled_from(b'{}[]",:0123456789tfn\\')),
    st.tuples(st.just("cut"), st.integers(0, 2**20), st.integers(1, 40)),
    st.tuples(st.just("insert"), st.integers(0, 2**20),
              st.sampled_from([b'"x":1,', b"[", b"]", b"null", b'"\\ud800"', b"1e999", b"-0",
                               b'"' + "\u202e".encode() + b'"', b"9" * 40])),
)


@settings(FUZZ, max_examples=25)  # enrols a device per example
@given(edits=st.lists(TEXT_EDIT, min_size=1, max_size=3))
def test_signed_bundles_with_mutated_json_get_an_answer(
        district: District, edits: list[tuple[str, int, object]]) -> None:
    village = enrolled(district)  # a fresh device: sequence 1 is always the next one
    header_inner = Header(Kind.BUNDLE, False, village.keys.key_id, village.district.key_id, 1,
                          bytes(32), 1_790_000_000, 0, 0).inner()
    text = canonical_json({**village.payload(niks=[sample_nik(7)]), "container": header_inner})
    for kind, where, arg in edits:
        at = where % (len(text) + 1)
        if kind == "flip" and at < len(text):
            assert isinstance(arg, int)
            text = text[:at] + bytes([arg]) + text[at + 1:]
        elif kind == "cut":
            assert isinstance(arg, int)
            text = text[:at] + text[at + arg:]
        elif isinstance(arg, bytes):
            text = text[:at] + arg + text[at:]
    data = _seal_text(village, text, 1)
    verified = verify(data, expected_kind=Kind.BUNDLE, recipient_key_id=district.keys.key_id,
                      sender_lookup=lambda _key: SenderStatus(village.keys.identity))
    try:
        parse_bundle(open_verified(verified, district.keys))
    except SyncError as error:
        assert error.message("id") and error.message("en")
    result = ingest(district, data)  # stored with its receipt either way; never raises
    assert result.receipt is not None or result.outcome == REFUSED


def test_the_sample_itself_is_applied(district: District,
                                      sample: tuple[SampleVillage, bytes, bytes]) -> None:
    """The mutation test above would pass vacuously if the sample could not be ingested."""
    assert ingest(district, sample[1]).outcome == "applied"


def test_an_infinite_number_in_a_signed_bundle_is_bad_payload(district: District) -> None:
    """Found by the long run: ``1e999`` parsed as inf, and comparing the inner header raised
    a bare ValueError (a 500 at the upload endpoint)."""
    village = enrolled(district)
    inner = Header(Kind.BUNDLE, False, village.keys.key_id, village.district.key_id, 1,
                   bytes(32), 1_790_000_000, 0, 0).inner()
    text = canonical_json({**village.payload(niks=[sample_nik(8)]), "container": inner})
    data = _seal_text(village, text.replace(b'"created_at":1790000000', b'"created_at":1e999'),
                      1)
    verified = verify(data, expected_kind=Kind.BUNDLE, recipient_key_id=district.keys.key_id,
                      sender_lookup=lambda _key: SenderStatus(village.keys.identity))
    with pytest.raises(SyncError) as caught:
        open_verified(verified, district.keys)
    assert caught.value.code == "BAD_PAYLOAD"
    result = ingest(district, data)
    assert (result.outcome, result.reason_code) == (REFUSED, "BAD_PAYLOAD")
