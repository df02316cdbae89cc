"""Fuzz: the NIK / No. KK parser beyond tests/unit/test_nik_properties.py — any Python object a
caller may pass (huge integers and Decimals, bytes, long text of every script, surrogates)
gives a result with catalogued, bilingual problems and never raises; masking never shows more
than the region prefix and the last two digits. Long run: bench/fuzz_all.py."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from siksdesk.domain.kk import KkCheck, check_kk
from siksdesk.domain.nik import NikCheck, check_nik, mask_nik
from siksdesk.domain.numbers import clean_identifier, mask_identifier
from siksdesk.domain.problems import PROBLEM_CODES, Severity, Verdict

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TODAY = date(2026, 5, 1)

anything = st.one_of(
    st.none(), st.booleans(), st.binary(max_size=20),
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=30),
    st.text(alphabet=st.characters(categories=["Nd", "Zs", "Cf", "Pd", "Po"]), max_size=24),
    st.integers(), st.integers(min_value=0, max_value=2**40).map(lambda n: 10 ** (n % 6000)),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.sampled_from([Decimal("1e5000"), Decimal("-0"), Decimal("3522011705800001.000")]),
    st.floats(), st.dates(), st.lists(st.integers(), max_size=2), st.just(object()),
    st.integers(min_value=1, max_value=50_000).map(lambda n: "3" * n),
    st.from_regex(r"\A\s*'?[0-9]{4}[ .\-]?[0-9]{4}[ .\-]?[0-9]{4}[ .\-]?[0-9]{4}\s*\Z"),
)


def assert_consistent(result: NikCheck | KkCheck) -> None:
    has_error = any(p.severity is Severity.ERROR for p in result.problems)
    assert (result.verdict is Verdict.INVALID) == has_error
    assert (result.verdict is Verdict.VALID) == (not result.problems)
    for found in result.problems:
        assert found.code in PROBLEM_CODES
        params = dict(found.params)
        assert not any(re.search(r"[0-9]{16}", str(v)) for v in params.values())
        for lang in ("id", "en"):
            text = found.message(lang)
            assert text and not re.search(r"\{[a-z_]+\}", text), text
    result.to_dict("id")
    result.to_dict("en")


@FUZZ
@given(raw=anything)
def test_any_object_gets_an_answer(raw: object) -> None:
    nik, kk = check_nik(raw, today=TODAY), check_kk(raw, today=TODAY)
    assert_consistent(nik)
    assert_consistent(kk)
    cleaned = clean_identifier(raw, "nik")
    assert cleaned.digits is None or re.fullmatch(r"[0-9]+", cleaned.digits, re.ASCII)


@settings(FUZZ, max_examples=50)
@given(digits=st.from_regex(r"\A[0-9]{10,20}\Z"))
def test_masking_hides_the_middle(digits: str) -> None:
    masked = mask_identifier(digits)
    assert len(masked) == len(digits)
    assert masked[:6] == digits[:6] and masked[-2:] == digits[-2:]
    assert set(masked[6:-2]) <= {"*"}
    if len(digits) == 16:
        assert mask_nik(digits) == masked


def test_an_integer_too_long_to_print_is_a_bad_type() -> None:  # found by the fuzzing
    for raw in (10**5000, Decimal("1e5000")):
        assert [p.code for p in check_nik(raw).problems] == ["NUM_BAD_TYPE"]
        assert [p.code for p in check_kk(raw).problems] == ["NUM_BAD_TYPE"]
