"""No. KK (Nomor Kartu Keluarga): parse, validate and explain.

16 digits: the issuing region (6, same table as the NIK), then what is believed to be the
recording date DDMMYY (no +40) and a serial. That split is unconfirmed, so only the format and
the province are hard errors; everything about digits 7-16 is a warning at most.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from siksdesk.domain.numbers import (
    DUMMY_NUMBERS,
    DatePart,
    as_date,
    clean_digits,
    date_part_check,
    mask_identifier,
    today_local,
)
from siksdesk.domain.problems import Problem, Verdict, shared_problem, verdict_of
from siksdesk.domain.regions import region_check

__all__ = ["KkCheck", "check_kk", "clear_caches", "kk_problems"]

FIELD: Final = "no_kk"

RegionNames = tuple[str | None, str | None, str | None]  # province, kabupaten/kota, kecamatan


@dataclass(frozen=True, slots=True, repr=False)
class KkCheck:
    no_kk: str | None  # the cleaned 16 digits, or None
    verdict: Verdict
    problems: tuple[Problem, ...]
    region: RegionNames | None  # names (None where unknown) whenever 16 digits were available
    recorded_date: date | None  # digits 7-12 read as DDMMYY, if that is a plausible date

    def __repr__(self) -> str:  # masked, so that a logged result never carries a No. KK
        no_kk = None if self.no_kk is None else mask_identifier(self.no_kk)
        codes = [p.code for p in self.problems]
        return f"KkCheck(no_kk={no_kk!r}, verdict={self.verdict.value}, problems={codes})"

    def to_dict(self, lang: str = "id") -> dict[str, object]:
        """JSON-ready. ``input_ok`` means the input could be read as 16 digits at all."""
        return {
            "input_ok": self.no_kk is not None,
            "no_kk": self.no_kk,
            "verdict": str(self.verdict),
            "problems": [p.to_dict(lang) for p in self.problems],
            "decoded": None
            if self.region is None
            else {
                "province_code": self.no_kk[0:2] if self.no_kk else None,
                "kabkota_code": self.no_kk[2:4] if self.no_kk else None,
                "kecamatan_code": self.no_kk[4:6] if self.no_kk else None,
                "province_name": self.region[0],
                "kabkota_name": self.region[1],
                "kecamatan_name": self.region[2],
                "recorded_date": None
                if self.recorded_date is None
                else self.recorded_date.isoformat(),
                "serial": self.no_kk[12:16] if self.no_kk else None,
            },
        }


def check_kk(raw: object, *, today: date | None = None) -> KkCheck:
    """Check one No. KK given as text or number. Never raises."""
    today = today_local() if today is None else as_date(today)
    if type(raw) is str and len(raw) == 16 and raw.isascii() and raw.isdigit():
        digits = raw
        cleaning: tuple[Problem, ...] = ()
    else:
        cleaned, cleaning = clean_digits(raw, FIELD)
        if cleaned is None:
            return KkCheck(None, Verdict.INVALID, cleaning, None, None)
        if len(cleaned) != 16:
            return KkCheck(None, Verdict.INVALID, (*cleaning, _length_problem(cleaned)), None, None)
        digits = cleaned
    problems, region, recorded = _check_digits(digits, cleaning, today)
    return KkCheck(digits, verdict_of(problems), problems, region, recorded)


def kk_problems(raw: object, *, today: date) -> tuple[Problem, ...]:
    """``check_kk(raw, today=today).problems``, without building the check."""
    if type(raw) is str and len(raw) == 16 and raw.isascii() and raw.isdigit():
        return _check_digits(raw, (), as_date(today))[0]
    return check_kk(raw, today=today).problems


def _length_problem(digits: str) -> Problem:
    if len(digits) == 15:
        return shared_problem("KK_LENGTH_15", FIELD)
    return shared_problem("KK_LENGTH", FIELD, count=len(digits))


_SERIAL_ZERO: Final = (shared_problem("KK_SERIAL_ZERO", FIELD),)
_DUMMY: Final = (shared_problem("KK_DUMMY", FIELD),)
# (today, DDMMYY -> its date_part_check): swapped as one object, so a thread never pairs a
# "today" with another day's table.
_dates: tuple[date, dict[str, DatePart]] = (date.min, {})


def clear_caches() -> None:
    """Forget the decoded date parts; for tests and benchmarks."""
    global _dates
    _dates = (date.min, {})


def _date_part(ddmmyy: str, today: date) -> DatePart:
    global _dates
    day, table = _dates
    if day != today:
        table = {}
        _dates = (today, table)
    found = table.get(ddmmyy)
    if found is None:
        if len(table) >= 20_000:  # bad input can bring up to a million date parts
            table.clear()
        found = table[ddmmyy] = date_part_check(ddmmyy, FIELD, today)
    return found


def _check_digits(
    digits: str, cleaning: tuple[Problem, ...], today: date
) -> tuple[tuple[Problem, ...], RegionNames, date | None]:
    """Problems, region names and recorded date of 16 ASCII digits."""
    problems = cleaning + _DUMMY if digits in DUMMY_NUMBERS else cleaning
    region = region_check(digits[0:6], FIELD)
    recorded, _, date_problems, _ = _date_part(digits[6:12], today)
    problems += region[6] + date_problems
    if digits[12:16] == "0000":
        problems += _SERIAL_ZERO
    return problems, region[3:6], recorded
