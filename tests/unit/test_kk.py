"""check_kk: format and region are checked hard, the (unconfirmed) date part only softly."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from siksdesk.domain.kk import KkCheck, check_kk
from siksdesk.domain.problems import Severity, Verdict

TODAY = date(2026, 5, 1)
GAMBIR = "317101"


def kk(prefix: str = GAMBIR, ddmmyy: str = "150320", serial: str = "0007") -> str:
    return prefix + ddmmyy + serial


def check(raw: object, today: date = TODAY) -> KkCheck:
    return check_kk(raw, today=today)


def codes(result: KkCheck) -> list[str]:
    return [p.code for p in result.problems]


def test_valid_kk_decodes_region_and_date() -> None:
    result = check(kk())
    assert result == KkCheck(
        no_kk="3171011503200007",
        verdict=Verdict.VALID,
        problems=(),
        region=("DKI Jakarta", "Kota Jakarta Pusat", "Gambir"),
        recorded_date=date(2020, 3, 15),
    )


def test_problems_name_the_kk_field() -> None:
    result = check(kk(serial="0000"))
    assert {p.field for p in result.problems} == {"no_kk"}


@pytest.mark.parametrize("raw", ["317101150320000", "31710115032000071", "3171"])
def test_length(raw: str) -> None:
    result = check(raw)
    assert result.verdict is Verdict.INVALID
    assert result.no_kk is None and result.region is None
    assert codes(result) == (["KK_LENGTH_15"] if len(raw) == 15 else ["KK_LENGTH"])


def test_length_message_has_the_count() -> None:
    assert "4 digit" in check("3171").problems[0].message()


@pytest.mark.parametrize("province", ["00", "54", "99"])
def test_province_that_never_existed_is_a_hard_error(province: str) -> None:
    result = check(kk(prefix=province + "7101"))
    assert codes(result) == ["KK_PROVINCE"]
    assert result.verdict is Verdict.INVALID
    assert result.region == (None, None, None)


def test_unknown_kabupaten_is_a_warning() -> None:
    result = check(kk(prefix="910101"))
    assert codes(result) == ["KK_KABKOTA_UNKNOWN"]
    assert result.verdict is Verdict.WARNING
    assert result.region == ("Papua", None, None)


def test_unknown_kecamatan_is_a_warning() -> None:
    result = check(kk(prefix="317199"))
    assert codes(result) == ["KK_KECAMATAN_UNKNOWN"]
    assert result.verdict is Verdict.WARNING


@pytest.mark.parametrize("ddmmyy", ["330320", "151320", "000000", "300220", "550320"])
def test_date_part_that_is_no_date_is_only_a_warning(ddmmyy: str) -> None:
    result = check(kk(ddmmyy=ddmmyy))
    assert codes(result) == ["KK_DATE_UNUSUAL"]
    assert result.verdict is Verdict.WARNING  # the DDMMYY split is unconfirmed: never reject
    assert result.recorded_date is None
    assert result.problems[0].severity is Severity.WARNING


def test_date_part_in_the_future_is_unusual() -> None:
    assert codes(check(kk(ddmmyy="290200"), today=date(1999, 1, 1))) == ["KK_DATE_UNUSUAL"]


@pytest.mark.parametrize(
    ("ddmmyy", "expected"),
    [("290200", date(2000, 2, 29)), ("010526", date(2026, 5, 1)), ("020526", date(1926, 5, 2))],
)
def test_date_part_century(ddmmyy: str, expected: date) -> None:
    result = check(kk(ddmmyy=ddmmyy))
    assert codes(result) == []
    assert result.recorded_date == expected


def test_serial_zero_is_only_a_warning() -> None:
    result = check(kk(serial="0000"))
    assert codes(result) == ["KK_SERIAL_ZERO"]
    assert result.verdict is Verdict.WARNING
    assert codes(check(kk(serial="0001"))) == []


def test_dummy() -> None:
    assert "KK_DUMMY" in codes(check("1111111111111111"))
    assert "KK_DUMMY" not in codes(check("1111111111111112"))


def test_bad_inputs() -> None:
    assert codes(check(3.17101150320e15)) == ["NUM_FROM_NUMBER", "KK_SERIAL_ZERO"]
    assert codes(check(3171011503200007)) == ["NUM_FROM_NUMBER"]
    assert codes(check("3.17101E+15")) == ["NUM_SCIENTIFIC"]
    assert codes(check("３１７１０１１５０３２０００００７")) == ["NUM_NON_ASCII_DIGIT"]
    assert codes(check("3171 0115\u00a00320\u200b0007")) == []
    assert codes(check("'3171011503200007")) == []
    assert codes(check(None)) == ["NUM_EMPTY"]
    assert check("3171x11503200007").verdict is Verdict.INVALID


def test_repr_masks_the_number_and_datetime_today_works() -> None:
    result = check_kk(kk(), today=datetime(2026, 5, 1, 8, 0))
    assert result == check(kk())
    assert "3171011503200007" not in repr(result) and "317101********07" in repr(result)


def test_to_dict_is_json_ready() -> None:
    data = check(kk()).to_dict("en")
    assert json.loads(json.dumps(data)) == data
    assert data["input_ok"] is True and data["verdict"] == "valid"
    decoded = data["decoded"]
    assert isinstance(decoded, dict)
    assert decoded["kecamatan_name"] == "Gambir"
    assert decoded["recorded_date"] == "2020-03-15"
    assert decoded["serial"] == "0007"
    bad = check("abc").to_dict()
    assert bad["input_ok"] is False and bad["decoded"] is None
    assert bad["problems"][0]["code"] == "NUM_BAD_CHARACTER"  # type: ignore[index]
