"""Cell normalisation for the Excel import: identifiers, codes, dates, text."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from siksdesk.domain.cells import (
    CellError,
    CellFlag,
    clean_text,
    date_value,
    identifier_value,
    padded_number,
    variable_value,
)
from siksdesk.domain.variables import Entity, variable

DIGITS16 = st.text(alphabet="0123456789", min_size=16, max_size=16)
DECORATION = st.sampled_from(["", " ", "\u00a0", "\u200b", "\ufeff", "\t", "\u2060"])


@given(DIGITS16, st.lists(DECORATION, min_size=17, max_size=17), st.booleans())
def test_decorated_text_identifier_cleans_to_its_digits(digits: str, noise: list[str],
                                                        apostrophe: bool) -> None:
    text = "".join(n + d for n, d in zip(noise, digits, strict=False)) + noise[-1]
    if apostrophe:
        text = "'" + text
    assert identifier_value(text, "nik") == (digits, False)


@given(DIGITS16, st.integers(min_value=0, max_value=15),
       st.sampled_from(["３", "٣", "۳", "৩", "\uff10"]))
def test_non_ascii_digit_is_rejected(digits: str, at: int, foreign: str) -> None:
    with pytest.raises(CellError) as caught:
        identifier_value(digits[:at] + foreign + digits[at + 1:], "nik")
    assert caught.value.problem.code == "CELL_IDENTIFIER"
    assert "0–9" in caught.value.problem.detail("id")


@given(st.integers(min_value=10**15, max_value=9_900_000_000_000_000))
def test_numeric_cell_identifier_is_flagged_never_silent(number: int) -> None:
    digits, from_number = identifier_value(float(number), "nik")
    assert from_number is True
    assert digits is not None and len(digits) == 16


@pytest.mark.parametrize("text", ["3.52201E+15", "3,52201E+15", "3.522015708450E15"])
def test_scientific_notation_is_damaged_by_excel(text: str) -> None:
    with pytest.raises(CellError) as caught:
        identifier_value(text, "nik")
    assert "rusak oleh Excel" in caught.value.problem.detail("id")


@given(st.dates(min_value=date(1900, 3, 1), max_value=date(2099, 12, 31)))
def test_every_date_spelling_reads_back(day: date) -> None:
    months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
              "September", "Oktober", "November", "Desember"]
    spellings: list[object] = [
        day, datetime(day.year, day.month, day.day), day.strftime("%d-%m-%Y"),
        day.strftime("%d/%m/%Y"), day.isoformat(), day.strftime("%Y%m%d"),
        f"{day.day} {months[day.month - 1]} {day.year}",
        float((day - date(1899, 12, 30)).days),
    ]
    for spelling in spellings:
        warnings: list[object] = []
        assert date_value(spelling, warnings) == day, spelling  # type: ignore[arg-type]


def test_month_first_date_is_read_with_a_warning() -> None:
    warnings: list = []
    assert date_value("08/17/1945", warnings) == date(1945, 8, 17)
    assert [w.code for w in warnings] == ["CELL_DATE_MONTH_FIRST"]


@pytest.mark.parametrize("bad", ["31-02-1990", "17-08-45", "kemarin", "٣١-٠١-١٩٩٠", 2.5e6])
def test_bad_dates_are_refused(bad: object) -> None:
    with pytest.raises(CellError):
        date_value(bad, [])


def test_alternating_yes_no_codes_read_right() -> None:
    gas, kulkas = variable(Entity.RUTA, "ada_tabung_gas"), variable(Entity.RUTA, "ada_lemari_es")
    assert variable_value(gas, 1.0, []) is True and variable_value(gas, "2", []) is False
    assert variable_value(kulkas, 3, []) is True and variable_value(kulkas, 4.0, []) is False
    with pytest.raises(CellError) as caught:
        variable_value(kulkas, 1, [])
    assert "3 (ya), 4 (tidak)" in caught.value.problem.detail("id")


def test_codes_outside_the_list_are_refused() -> None:
    with pytest.raises(CellError) as caught:
        variable_value(variable(Entity.RUTA, "status_bangunan"), 9, [])
    assert caught.value.problem.code == "CELL_BAD_CODE"


@pytest.mark.parametrize(("raw", "expected"), [
    (" Budi\u00a0 Santoso\u200b ", "Budi Santoso"), ("", None), ("   ", None), (12.0, "12"),
])
def test_text_is_cleaned(raw: object, expected: str | None) -> None:
    assert clean_text(raw) == expected


def test_flags_and_excel_errors_are_errors_not_empty() -> None:
    for flag in CellFlag:
        with pytest.raises(CellError) as caught:
            clean_text(flag)
        assert caught.value.problem.code == flag.value
    with pytest.raises(CellError):
        clean_text("#N/A")


def test_rt_is_padded() -> None:
    assert padded_number(3.0, 3) == "003" and padded_number("07", 3) == "007"
