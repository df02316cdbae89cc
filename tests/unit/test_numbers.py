"""clean_identifier: raw NIK / No. KK input as it arrives from typing, pasting and Excel."""

from __future__ import annotations

from decimal import Decimal

import pytest

from siksdesk.domain.numbers import CleanedNumber, clean_identifier, is_clean_digits
from siksdesk.domain.problems import Severity, Term

NIK = "3522011708450001"


def codes(result: CleanedNumber) -> list[str]:
    return [p.code for p in result.problems]


def param(result: CleanedNumber, code: str, name: str) -> object:
    problem = next(p for p in result.problems if p.code == code)
    return dict(problem.params)[name]


# --- text that only needs tidying ----------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        NIK,
        f" {NIK} ",
        "3522 0117 0845 0001",
        "3522\t0117\t0845\t0001",
        "3522\u00a00117\u00a00845\u00a00001",  # non-breaking space
        "3522\u202f0117\u202f0845\u202f0001",  # narrow non-breaking space
        "\ufeff3522\u200b0117\u200c0845\u200d0001\u2060",  # BOM and zero-width characters
        "3522.0117.0845.0001",
        "352201-170845-0001",
        "352201\u2013170845\u20130001",  # en dash
        "'" + NIK,  # Excel's text marker
        "\u2019" + NIK,  # the marker after autocorrect
        " '" + NIK,
        NIK + "\r\n",
    ],
)
def test_tidy_text_cleans_to_plain_digits(raw: str) -> None:
    assert clean_identifier(raw, "nik") == CleanedNumber(NIK, ())


def test_only_one_leading_apostrophe_is_removed() -> None:
    result = clean_identifier("''" + NIK, "nik")
    assert result.digits is None
    assert codes(result) == ["NUM_BAD_CHARACTER"]
    assert param(result, "NUM_BAD_CHARACTER", "position") == 2


def test_apostrophe_inside_the_number_is_a_bad_character() -> None:
    result = clean_identifier("3522'" + NIK[4:], "nik")
    assert codes(result) == ["NUM_BAD_CHARACTER"]
    assert param(result, "NUM_BAD_CHARACTER", "position") == 5


def test_field_is_copied_into_problems() -> None:
    assert clean_identifier("", "no_kk").problems[0].field == "no_kk"


# --- empty ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("raw", [None, "", "   ", "\u00a0\u200b", "'", " - . ", float("nan")])
def test_empty(raw: object) -> None:
    result = clean_identifier(raw, "nik")
    assert result.digits is None
    assert codes(result) == ["NUM_EMPTY"]
    assert result.problems[0].severity is Severity.ERROR


def test_zero_is_not_empty() -> None:
    assert clean_identifier("0", "nik") == CleanedNumber("0", ())


# --- Excel's scientific notation -----------------------------------------------------------------


@pytest.mark.parametrize(
    "raw", ["3.52201E+15", "3,52201e15", "3.52201e+15 ", "'3.52201E+15", "3E15", "3.5220117E+015"]
)
def test_scientific_notation_text_is_a_hard_error(raw: str) -> None:
    result = clean_identifier(raw, "nik")
    assert result.digits is None
    assert codes(result) == ["NUM_SCIENTIFIC"]
    assert "rusak oleh Excel" in result.problems[0].message("id")
    assert "cannot be recovered" in result.problems[0].message("en")


@pytest.mark.parametrize("raw", ["352201E", "E15", "3.52201F+15"])
def test_not_quite_scientific_is_a_bad_character(raw: str) -> None:
    assert codes(clean_identifier(raw, "nik")) == ["NUM_BAD_CHARACTER"]


# --- numbers from numeric Excel cells ------------------------------------------------------------


def test_int_keeps_digits_with_a_warning() -> None:
    result = clean_identifier(3522011708450001, "nik")
    assert result.digits == NIK
    assert codes(result) == ["NUM_FROM_NUMBER"]
    assert result.problems[0].severity is Severity.WARNING
    assert param(result, "NUM_FROM_NUMBER", "loss") is Term.LOSS_POSSIBLE


def test_sixteen_digits_ending_in_zero_from_a_number_are_certainly_damaged() -> None:
    result = clean_identifier(3522011708450000, "nik")
    assert param(result, "NUM_FROM_NUMBER", "loss") is Term.LOSS_CERTAIN
    assert "pasti" in result.problems[0].message("id")
    assert "certainly" in result.problems[0].message("en")


def test_float_is_formatted_without_exponent() -> None:
    result = clean_identifier(3.52201170845e15, "nik")
    assert result.digits == "3522011708450000"
    assert param(result, "NUM_FROM_NUMBER", "loss") is Term.LOSS_CERTAIN


def test_float_beyond_exact_range_is_certainly_damaged() -> None:
    # Above 2**53 a float cannot hold every integer, whatever the last digit says.
    result = clean_identifier(9171011708450001.0, "nik")
    assert result.digits is not None and len(result.digits) == 16
    assert param(result, "NUM_FROM_NUMBER", "loss") is Term.LOSS_CERTAIN


def test_short_number_may_be_damaged() -> None:
    result = clean_identifier(352201.0, "nik")
    assert result.digits == "352201"
    assert param(result, "NUM_FROM_NUMBER", "loss") is Term.LOSS_POSSIBLE


def test_float_text_from_a_conversion_counts_as_number() -> None:
    result = clean_identifier("3522011708450000.0", "nik")
    assert result.digits == "3522011708450000"
    assert codes(result) == ["NUM_FROM_NUMBER"]


def test_decimal_is_accepted_like_a_number() -> None:
    result = clean_identifier(Decimal("3522011708450001"), "nik")
    assert result.digits == NIK
    assert codes(result) == ["NUM_FROM_NUMBER"]


@pytest.mark.parametrize(
    "raw", [-3522011708450001, 3522.5, float("inf"), float("-inf"), Decimal("1.5"), Decimal("Inf")]
)
def test_fractional_negative_or_infinite_numbers(raw: object) -> None:
    result = clean_identifier(raw, "nik")
    assert result.digits is None
    assert codes(result) == ["NUM_NOT_INTEGER"]


@pytest.mark.parametrize("raw", [True, b"3522011708450001", ["3522"], object()])
def test_unsupported_types(raw: object) -> None:
    result = clean_identifier(raw, "nik")
    assert result.digits is None
    assert codes(result) == ["NUM_BAD_TYPE"]
    assert type(raw).__name__ in result.problems[0].message()


# --- digits from other scripts and other characters ---------------------------------------------


@pytest.mark.parametrize(
    ("raw", "char"),
    [
        ("３５２２０１１７０８４５０００１", "３"),  # full-width
        ("٣٥٢٢٠١١٧٠٨٤٥٠٠٠١", "٣"),  # Arabic-Indic
        ("۳۵۲۲۰۱۱۷۰۸۴۵۰۰۰۱", "۳"),  # Extended Arabic-Indic (Persian)
        ("३५२२०११७०८४५०००१", "३"),  # Devanagari
    ],
)
def test_non_ascii_digits_are_rejected(raw: str, char: str) -> None:
    # int() and str.isdigit() would accept all of these.
    assert int(raw) == 3522011708450001
    result = clean_identifier(raw, "nik")
    assert result.digits is None
    assert codes(result) == ["NUM_NON_ASCII_DIGIT"]
    assert param(result, "NUM_NON_ASCII_DIGIT", "position") == 1
    assert param(result, "NUM_NON_ASCII_DIGIT", "char") == char


def test_one_full_width_digit_among_ascii() -> None:
    result = clean_identifier("352201170845000１", "nik")
    assert codes(result) == ["NUM_NON_ASCII_DIGIT"]
    assert param(result, "NUM_NON_ASCII_DIGIT", "position") == 16


def test_superscript_digit_is_not_a_digit_here() -> None:
    assert codes(clean_identifier("352201170845000²", "nik")) == ["NUM_NON_ASCII_DIGIT"]


def test_letter_reports_position_and_character() -> None:
    result = clean_identifier("3522O11708450001", "nik")  # letter O for zero
    assert result.digits is None
    assert codes(result) == ["NUM_BAD_CHARACTER"]
    message = result.problems[0].message("id")
    assert "ke-5" in message and "“O”" in message
    assert "Character 5" in result.problems[0].message("en")


def test_both_kinds_reported_in_position_order() -> None:
    result = clean_identifier("12x4５", "nik")
    assert codes(result) == ["NUM_BAD_CHARACTER", "NUM_NON_ASCII_DIGIT"]


def test_position_counts_the_raw_text_including_spaces() -> None:
    result = clean_identifier("3522 01x7", "nik")
    assert param(result, "NUM_BAD_CHARACTER", "position") == 8


def test_invisible_control_character_is_shown_by_code_point() -> None:
    result = clean_identifier("3522\x0701", "nik")
    assert param(result, "NUM_BAD_CHARACTER", "char") == "U+0007"


@pytest.mark.parametrize("raw", ["#N/A", "#n/a", "#VALUE!", "#REF!", " #DIV/0! "])
def test_excel_error_values(raw: str) -> None:
    result = clean_identifier(raw, "nik")
    assert codes(result) == ["NUM_EXCEL_ERROR"]
    assert "#" in result.problems[0].message()


def test_hash_with_digits_is_not_an_excel_error() -> None:
    assert codes(clean_identifier("#3522", "nik")) == ["NUM_BAD_CHARACTER"]


def test_formula_text_is_a_bad_character() -> None:
    assert codes(clean_identifier("=A1", "nik")) == ["NUM_BAD_CHARACTER"]


def test_str_subclass_gives_plain_str() -> None:
    class Cell(str):
        pass

    digits = clean_identifier(Cell(NIK), "nik").digits
    assert digits == NIK and type(digits) is str


def test_is_clean_digits() -> None:
    assert is_clean_digits(NIK)
    assert not is_clean_digits("")
    assert not is_clean_digits("３５")
    assert not is_clean_digits("35 22")
