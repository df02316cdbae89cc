"""Fuzz: the Excel cell normaliser (domain.cells) over anything a reader can hand it.

Every parser, for every catalogue variable, given any cell value (text of any script and length,
floats with NaN/inf, huge integers, booleans, dates, the reader's CellFlags) returns a value of
the variable's type or raises CellError with a catalogued, bilingual problem whose message holds
no 16-digit number and whose ``str()`` is only its code. Long run: bench/fuzz_all.py."""

from __future__ import annotations

import re
from datetime import date, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from siksdesk.domain.cells import (
    CellError,
    CellFlag,
    clean_text,
    date_value,
    identifier_value,
    padded_number,
    region_digits,
    text_value,
    variable_value,
)
from siksdesk.domain.import_problems import IMPORT_CODES, ImportProblem
from siksdesk.domain.variables import Variable, VarType, all_variables

FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
VARIABLES = sorted(all_variables(), key=lambda v: (v.entity, v.key))
SIXTEEN = re.compile(r"[0-9]{16}")
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")  # a parameter left unfilled

DIGITISH = "0123456789０１２٣۴৫ .,-/'eE+\u00a0\u200b\ufeff\u2060#"
cell_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=DIGITISH, max_size=30),
    st.from_regex(r"\A[0-9]{1,2}[ -/.]?[A-Za-z]{3,9}\.?[ -/.]?[0-9]{2,5}\Z"),
    st.from_regex(r"\A[0-9]{1,5}[-/.][0-9]{1,3}[-/.][0-9]{1,5}( [0-9:.]{1,8})?\Z"),
    st.sampled_from(["#N/A", "#REF!", "#div/0!", "=A1", "TRUE", "-0", "1e400", "nan", "inf"]),
    st.integers(min_value=1, max_value=6000).map(lambda n: "9" * n),  # Excel allows 32767
    st.integers(min_value=1, max_value=6000).map(lambda n: "1" * n + ".0"),
)
cell = st.one_of(
    st.none(),
    cell_text,
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(),
    st.floats(min_value=-1e20, max_value=1e20).map(round).map(float),
    st.dates(min_value=date(1, 1, 1)),
    st.datetimes(min_value=datetime(1, 1, 1)),
    st.sampled_from(list(CellFlag)),
)


def assert_clear(error: CellError) -> None:
    found: ImportProblem = error.problem
    assert found.code in IMPORT_CODES
    assert str(error) == found.code  # str() of the exception: the code, no cell content
    for lang in ("id", "en"):
        text = found.message(lang)
        assert text and not PLACEHOLDER.search(text), (found.code, text)
        assert not SIXTEEN.search(text), (found.code, text)  # never a NIK in a message


def check_type(var: Variable, value: object) -> None:
    if value is None:
        return
    expected: dict[VarType, type | tuple[type, ...]] = {
        VarType.CODE: int, VarType.FLAGS: int, VarType.YESNO: bool, VarType.INT: int,
        VarType.DECIMAL: float, VarType.TEXT: str, VarType.DATE: date}
    assert isinstance(value, expected[var.vtype]), (var.key, value)
    if var.vtype is not VarType.DATE:
        assert var.allows(value), (var.key, value)


@FUZZ
@given(var=st.sampled_from(VARIABLES), raw=cell)
def test_every_variable_reads_any_cell_or_says_why(var: Variable, raw: object) -> None:
    warnings: list[ImportProblem] = []
    try:
        value = variable_value(var, raw, warnings)
    except CellError as error:
        assert_clear(error)
        return
    check_type(var, value)
    for warning in warnings:
        assert warning.code in IMPORT_CODES and not SIXTEEN.search(warning.message("en"))


@FUZZ
@given(raw=cell, field=st.sampled_from(["nik", "no_kk"]))
def test_identifier_cells(raw: object, field: str) -> None:
    try:
        digits, from_number = identifier_value(raw, field)
    except CellError as error:
        assert_clear(error)
        return
    assert digits is None or (digits.isascii() and digits.isdigit() and len(digits) <= 16)
    assert isinstance(from_number, bool)


@FUZZ
@given(raw=cell, width=st.integers(min_value=1, max_value=5), limit=st.integers(1, 200))
def test_text_region_and_padded_cells(raw: object, width: int, limit: int) -> None:
    for parse, check in (
            (clean_text, lambda v: v is None or (isinstance(v, str) and v == v.strip() and v)),
            (lambda r: text_value(r, limit), lambda v: v is None or len(v) <= limit),
            (lambda r: padded_number(r, width), lambda v: v is None or len(v) <= width),
            (region_digits, lambda v: v is None or (v.isascii() and v.isdigit()))):
        try:
            value = parse(raw)
        except CellError as error:
            assert_clear(error)
            continue
        assert check(value), (raw, value)


@FUZZ
@given(raw=cell)
def test_date_cells(raw: object) -> None:
    warnings: list[ImportProblem] = []
    try:
        found = date_value(raw, warnings)
    except CellError as error:
        assert_clear(error)
        return
    assert found is None or (isinstance(found, date) and 1880 <= found.year <= 2100)


# --- what the fuzzing found (kept as plain regression tests) -------------------------------

def test_a_nik_in_a_code_column_is_masked_in_the_message() -> None:
    var = next(v for v in VARIABLES if v.vtype is VarType.YESNO)
    try:
        variable_value(var, "3522011705800001", [])
    except CellError as error:
        assert "352201********01" in error.problem.message("id")
        assert_clear(error)
    else:
        raise AssertionError("a 16-digit code was accepted")


def test_a_huge_number_in_a_number_column_is_refused() -> None:
    var = next(v for v in VARIABLES if v.vtype is VarType.INT and v.maximum is not None)
    for raw in ("9" * 400, "9" * 5000, "9" * 400 + ".0"):
        try:
            variable_value(var, raw, [])
        except CellError as error:
            assert error.problem.code == "CELL_BAD_NUMBER"
        else:
            raise AssertionError(raw[:10])


def test_a_negative_region_code_is_refused() -> None:
    for raw in (-1.0, -3522):
        try:
            region_digits(raw)
        except CellError as error:
            assert error.problem.code == "CELL_BAD_REGION"
        else:
            raise AssertionError(raw)
