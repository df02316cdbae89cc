"""Property tests: NIK / No. KK checking never raises, is self-consistent and round-trips."""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from siksdesk.domain.kk import KkCheck, check_kk
from siksdesk.domain.nik import (
    NikCheck,
    Sex,
    check_nik,
    check_nik_against_record,
    duplicate_problem,
)
from siksdesk.domain.numbers import clean_identifier
from siksdesk.domain.problems import PROBLEM_CODES, Problem, Severity, Term, Verdict
from siksdesk.domain.regions import region_table

TODAY = date(2026, 5, 1)
PROPS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

near_nik_text = st.one_of(
    st.from_regex(r"\A[0-9]{16}\Z"),
    st.from_regex(r"\A['\u2019]?[0-9 .\-\u00a0\u200b]{10,24}\Z"),
    st.from_regex(r"\A[0-9]{1,3}[.,][0-9]{1,6}[eE][+-]?[0-9]{1,3}\Z"),
    st.from_regex(r"\A[0-9０-９٠-٩a-zA-Z#/!]{14,18}\Z"),
)
raw_inputs = st.one_of(
    st.none(),
    st.text(),
    st.text(alphabet=string.digits + " .-'\u00a0\u200b\ufeffeE+,"),
    near_nik_text,
    st.integers(min_value=-(10**17), max_value=10**17),
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=1e14, max_value=1e17),
)


def assert_catalogued(problems: tuple[Problem, ...]) -> None:
    formatter = string.Formatter()
    for problem in problems:
        assert problem.code in PROBLEM_CODES
        severity, text_id, text_en = PROBLEM_CODES[problem.code]
        assert problem.severity is severity
        params = dict(problem.params)
        assert not any(re.search(r"[0-9]{16}", str(v)) for v in params.values())  # never a NIK
        for template in (text_id, text_en):
            names = {name for _, name, _, _ in formatter.parse(template) if name}
            assert names <= params.keys(), (problem.code, names - params.keys())
            template.format(**params)  # strict: a missing placeholder raises KeyError


def assert_consistent(result: NikCheck | KkCheck) -> None:
    has_error = any(p.severity is Severity.ERROR for p in result.problems)
    assert (result.verdict is Verdict.INVALID) == has_error
    assert (result.verdict is Verdict.VALID) == (not result.problems)
    assert_catalogued(result.problems)
    result.to_dict("id")
    result.to_dict("en")


@PROPS
@given(raw_inputs)
def test_check_nik_never_raises_and_is_consistent(raw: object) -> None:
    result = check_nik(raw, today=TODAY)
    assert_consistent(result)
    assert (result.nik is None) == (result.parts is None)
    if result.nik is not None:
        assert len(result.nik) == 16 and result.nik.isascii() and result.nik.isdigit()
        assert_catalogued(
            check_nik_against_record(
                result, sex="P", birth_date=date(1900, 2, 28), no_kk=result.nik, today=TODAY
            )
        )


@PROPS
@given(raw_inputs)
def test_check_kk_never_raises_and_is_consistent(raw: object) -> None:
    result = check_kk(raw, today=TODAY)
    assert_consistent(result)
    assert (result.no_kk is None) == (result.region is None)


@PROPS
@given(raw_inputs)
def test_clean_identifier_yields_ascii_digits_or_an_error(raw: object) -> None:
    cleaned = clean_identifier(raw, "nik")
    assert_catalogued(cleaned.problems)
    if cleaned.digits is None:
        assert any(p.severity is Severity.ERROR for p in cleaned.problems)
    else:
        assert cleaned.digits.isascii() and cleaned.digits.isdigit()
        assert all(p.severity is Severity.WARNING for p in cleaned.problems)


PREFIXES = sorted(region_table())
WINDOW_START = date(TODAY.year - 100, TODAY.month, TODAY.day) + timedelta(days=1)


@PROPS
@given(
    prefix=st.sampled_from(PREFIXES),
    born=st.dates(min_value=WINDOW_START, max_value=TODAY),
    sex=st.sampled_from(Sex),
    serial=st.integers(min_value=1, max_value=9999),
)
def test_built_nik_decodes_back(prefix: str, born: date, sex: Sex, serial: int) -> None:
    day = born.day + (40 if sex is Sex.FEMALE else 0)
    raw = f"{prefix}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"
    result = check_nik(raw, today=TODAY)
    assert result.verdict is not Verdict.INVALID
    parts = result.parts
    assert parts is not None
    region = region_table()[prefix]
    assert (parts.province_code, parts.kabkota_code, parts.kecamatan_code) == (
        prefix[0:2],
        prefix[2:4],
        prefix[4:6],
    )
    assert (parts.province_name, parts.kabkota_name, parts.kecamatan_name) == region.names
    assert parts.birth_date == born
    assert parts.sex is sex
    assert parts.serial == f"{serial:04d}"
    expected = [] if serial % 10 else ["NIK_TRAILING_ZERO"]
    assert [p.code for p in result.problems] == expected
    assert check_nik_against_record(result, sex=sex, birth_date=born, today=TODAY) == ()


@PROPS
@given(
    prefix=st.sampled_from(PREFIXES),
    rest=st.from_regex(r"\A[0-7][0-9](0[1-9]|1[0-2])[0-9]{6}\Z"),
    junk=st.lists(st.sampled_from([" ", "\u00a0", "\u202f", "\u200b", "\ufeff", ".", "-", "\t"])),
    apostrophe=st.booleans(),
    data=st.data(),
)
def test_formatting_does_not_change_the_result(
    prefix: str, rest: str, junk: list[str], apostrophe: bool, data: st.DataObject
) -> None:
    plain = prefix + rest
    chars = list(plain)
    for piece in junk:
        chars.insert(data.draw(st.integers(min_value=0, max_value=len(chars))), piece)
    noisy = ("'" if apostrophe else "") + "".join(chars)
    assert check_nik(noisy, today=TODAY) == check_nik(plain, today=TODAY)


@PROPS
@given(st.from_regex(r"\A[0-9]{16}\Z"), st.dates(min_value=date(1950, 1, 1)))
def test_same_answer_whatever_was_cached_before(raw: str, today: date) -> None:
    first = check_nik(raw, today=today)
    check_nik(raw, today=today + timedelta(days=1))  # a different day's cache in between
    assert check_nik(raw, today=today) == first


# Every catalogued code must be reachable; each entry produces problems containing its code.
TRIGGERS: dict[str, Callable[[], tuple[Problem, ...]]] = {
    "NUM_EMPTY": lambda: check_nik(None).problems,
    "NUM_SCIENTIFIC": lambda: check_nik("3.52201E+15").problems,
    "NUM_NON_ASCII_DIGIT": lambda: check_nik("３５２２０１１７０８４５０００１").problems,
    "NUM_BAD_CHARACTER": lambda: check_nik("3522O11708450001").problems,
    "NUM_EXCEL_ERROR": lambda: check_nik("#N/A").problems,
    "NUM_NOT_INTEGER": lambda: check_nik(-1).problems,
    "NUM_BAD_TYPE": lambda: check_nik(b"1").problems,
    "NUM_FROM_NUMBER": lambda: check_nik(3171011708450001).problems,
    "NIK_LENGTH": lambda: check_nik("123").problems,
    "NIK_LENGTH_15": lambda: check_nik("317101170845001").problems,
    "NIK_DUMMY": lambda: check_nik("1111111111111111").problems,
    "NIK_PROVINCE": lambda: check_nik("9971011708450001").problems,
    "NIK_KABKOTA_UNKNOWN": lambda: check_nik("9101011708450001").problems,
    "NIK_KECAMATAN_UNKNOWN": lambda: check_nik("3171991708450001").problems,
    "NIK_DAY": lambda: check_nik("3171013508450001").problems,
    "NIK_MONTH": lambda: check_nik("3171011713450001").problems,
    "NIK_DATE": lambda: check_nik("3171013002900001").problems,
    "NIK_FUTURE_BIRTH": lambda: check_nik("3171012902000001", today=date(1999, 1, 1)).problems,
    "NIK_TOO_OLD": lambda: check_nik("3171010101100001", today=date(2130, 1, 1)).problems,
    "NIK_SERIAL_ZERO": lambda: check_nik("3171011708450000").problems,
    "NIK_TRAILING_ZERO": lambda: check_nik("3171011708450010").problems,
    "NIK_SEX_MISMATCH": lambda: check_nik_against_record(
        check_nik("3171011708450001"), sex=Sex.FEMALE
    ),
    "NIK_BIRTHDATE_MISMATCH": lambda: check_nik_against_record(
        check_nik("3171011708450001"), birth_date=date(1945, 8, 16)
    ),
    "NIK_EQUALS_KK": lambda: check_nik_against_record(
        check_nik("3171011708450001"), no_kk="3171011708450001"
    ),
    "NIK_DUPLICATE": lambda: (duplicate_problem(2),),
    "KK_LENGTH": lambda: check_kk("123").problems,
    "KK_LENGTH_15": lambda: check_kk("317101150320000").problems,
    "KK_DUMMY": lambda: check_kk("2222222222222222").problems,
    "KK_PROVINCE": lambda: check_kk("9971011503200007").problems,
    "KK_KABKOTA_UNKNOWN": lambda: check_kk("9101011503200007").problems,
    "KK_KECAMATAN_UNKNOWN": lambda: check_kk("3171991503200007").problems,
    "KK_DATE_UNUSUAL": lambda: check_kk("3171013303200007").problems,
    "KK_SERIAL_ZERO": lambda: check_kk("3171011503200000").problems,
}


# Codes in the shared catalogue that other modules produce (domain.rules).
OTHER_MODULES_CODES = {"KK_MISSING"}


def test_every_code_has_a_trigger() -> None:
    ours = {c for c in PROBLEM_CODES if c.startswith(("NUM_", "NIK_", "KK_"))}
    assert TRIGGERS.keys() == ours - OTHER_MODULES_CODES
    for code, trigger in TRIGGERS.items():
        problems = trigger()
        assert code in [p.code for p in problems], code
        assert_catalogued(problems)


def test_terms_are_translated() -> None:
    problem = check_nik_against_record(check_nik("3171015708450001"), sex="L")[0]
    assert dict(problem.params)["nik_sex"] is Term.FEMALE_BY_NIK
    assert "perempuan" in problem.message("id") and "female" in problem.message("en")
