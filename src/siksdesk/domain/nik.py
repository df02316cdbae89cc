"""NIK (Nomor Induk Kependudukan): parse, validate and explain.

Layout ``PP KK CC DDMMYY SSSS``: province, kabupaten/kota, kecamatan of first registration, birth
date with day + 40 for women and a 2-digit year, then a serial from 0001. There is no check digit.

Speed matters (whole-village and whole-district files are checked at once), so everything that
depends only on the 6-digit region prefix or on the 6-digit date part is computed once and cached;
for a clean, valid NIK the work is a few slices, two dict look-ups and two object constructions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, Final

from siksdesk.domain.numbers import (
    DAYS_IN_MONTH,
    DUMMY_NUMBERS,
    FEMALE_DAY_OFFSET,
    MAX_AGE,
    age_on,
    as_date,
    clean_digits,
    date_part_check,
    find_duplicates,
    mask_identifier,
    today_local,
)
from siksdesk.domain.problems import Problem, Term, Verdict, shared_problem, verdict_of
from siksdesk.domain.regions import (
    RegionCheck,
    clear_region_caches,
    passing_region_checks,
    prefill_region_checks,
    region_check,
)

__all__ = [
    "NikCheck", "NikParts", "Sex", "check_nik", "check_nik_against_record", "clear_caches",
    "duplicate_problem", "find_duplicate_niks", "mask_nik", "nik_problems", "today_local",
]  # fmt: skip

FIELD: Final = "nik"
_new: Final = object.__new__


class Sex(StrEnum):
    MALE = "L"
    FEMALE = "P"


_FEMALE: Final = Sex.FEMALE
_MALE: Final = Sex.MALE


@dataclass(frozen=True, slots=True, repr=False)
class NikParts:
    province_code: str
    kabkota_code: str
    kecamatan_code: str
    province_name: str | None
    kabkota_name: str | None
    kecamatan_name: str | None
    birth_date: date | None  # century inferred; None if the date is impossible
    sex: Sex  # FEMALE when digits 7-8 exceed 40, even if the day itself is invalid
    serial: str

    def __repr__(self) -> str:
        # Region, birth date and serial together spell out the NIK: keep them out of logs.
        return (
            f"NikParts({self.province_code}{self.kabkota_code}{self.kecamatan_code} "
            f"{self.kecamatan_name!r}, sex={self.sex.value}, birth date and serial hidden)"
        )

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {name: getattr(self, name) for name in self.__slots__}
        data["birth_date"] = None if self.birth_date is None else self.birth_date.isoformat()
        data["sex"] = str(self.sex)
        return data


@dataclass(frozen=True, slots=True, repr=False)
class NikCheck:
    nik: str | None  # the cleaned 16 digits, or None
    verdict: Verdict
    problems: tuple[Problem, ...]
    parts: NikParts | None  # decoded whenever 16 digits were available

    def __repr__(self) -> str:  # masked, so that a logged result never carries a NIK
        nik = None if self.nik is None else mask_nik(self.nik)
        codes = [p.code for p in self.problems]
        return f"NikCheck(nik={nik!r}, verdict={self.verdict.value}, problems={codes})"

    def to_dict(self, lang: str = "id") -> dict[str, object]:
        """JSON-ready. ``input_ok`` means the input could be read as 16 digits at all."""
        return {
            "input_ok": self.nik is not None,
            "nik": self.nik,
            "nik_masked": None if self.nik is None else mask_nik(self.nik),
            "verdict": str(self.verdict),
            "problems": [p.to_dict(lang) for p in self.problems],
            "decoded": None if self.parts is None else self.parts.to_dict(),
        }


# --- the date part (DDMMYY), cached per "today" ------------------------------------------------

# (birth, sex, problems, has an error, may belong to a placeholder number)
_DateInfo = tuple[date | None, Sex, tuple[Problem, ...], bool, bool]
_DUMMY_DATE_PARTS: Final = frozenset(d[6:12] for d in DUMMY_NUMBERS)
_YY: Final = {f"{yy:02d}": yy for yy in range(100)}  # a dict hit is cheaper than int()


def _date_info(ddmmyy: str, today: date) -> _DateInfo:
    birth, female, problems, error = date_part_check(ddmmyy, FIELD, today)
    sex = _FEMALE if female else _MALE
    return (birth, sex, problems, error, ddmmyy in _DUMMY_DATE_PARTS)


class _DateCache:
    """Date parts decoded relative to one ``today``.

    ``plain`` holds only the problem-free ones, as DDMM -> [date or None for YY 00..99]: a small
    dict of short lists keeps the hot path's memory compact.
    """

    __slots__ = ("info", "plain", "today")

    def __init__(self, today: date) -> None:
        self.today = today
        self.info: dict[str, _DateInfo] = {}
        self.plain: dict[str, list[date | None]] = {}


_date_caches: dict[date, _DateCache] = {}
_PREFILL_AFTER: Final = 1_000  # distinct date parts (~15 ms of lazy work; a prefill is ~20 ms)
_last_date_cache = _DateCache(date.min)


def _date_cache(today: date, prefill: bool = False) -> _DateCache:
    global _last_date_cache
    today = as_date(today)
    cache = _date_caches.get(today)
    if cache is None:
        if len(_date_caches) >= 8:
            _date_caches.clear()
        cache = _DateCache(today)
        if prefill:
            _prefill(cache)
        _date_caches[today] = cache
    elif len(cache.info) >= 200_000:  # only possible with masses of garbage input
        cache.info.clear()
    _last_date_cache = cache
    return cache


def _prefill(cache: _DateCache) -> None:
    """Fill ``plain`` with every date of the century up to ``today`` (~73,000 entries), exactly
    what the lazy path would store one by one. 29 February stays lazy (leap years)."""
    today = cache.today
    if not 2000 <= today.year <= 2099:
        return
    for month in range(1, 13):
        for day in range(1, DAYS_IN_MONTH[month] + 1):
            if month == 2 and day == 29:
                continue
            # YY below the cut means 20YY (not after today), otherwise 19YY.
            cut = today.year - 2000 + ((month, day) <= (today.month, today.day))
            years: list[date | None] = [date(2000 + yy, month, day) for yy in range(cut)]
            years += [date(1900 + yy, month, day) for yy in range(cut, 100)]
            cache.plain[f"{day:02d}{month:02d}"] = years
            cache.plain[f"{day + FEMALE_DAY_OFFSET:02d}{month:02d}"] = years.copy()
    for part in _DUMMY_DATE_PARTS:
        dummy_years = cache.plain.get(part[0:4])
        if dummy_years is not None:
            dummy_years[int(part[4:6])] = None
    prefill_region_checks(FIELD)


def clear_caches() -> None:
    """Forget every derived table (the next check rebuilds them); for tests and benchmarks."""
    global _last_date_cache
    _date_caches.clear()
    _last_date_cache = _DateCache(date.min)
    clear_region_caches()


# --- the check ---------------------------------------------------------------------------------

_SERIAL_ZERO: Final = shared_problem("NIK_SERIAL_ZERO", FIELD)
_TRAILING_ZERO_ONLY: Final = (shared_problem("NIK_TRAILING_ZERO", FIELD),)
_DUMMY: Final = shared_problem("NIK_DUMMY", FIELD)
_LENGTH_15: Final = shared_problem("NIK_LENGTH_15", FIELD)
_VALID: Final = Verdict.VALID
_WARNING: Final = Verdict.WARNING
_INVALID: Final = Verdict.INVALID


# The frozen dataclass __init__ stores each field through object.__setattr__, which costs more
# than all the checking together. The hot path fills a mutable twin with the identical slot
# layout and then re-classes it (CPython allows __class__ assignment between such layouts); the
# result is an ordinary frozen NikParts / NikCheck. _probe_twins() verifies this at import time.
class _NikPartsTwin:
    __slots__ = NikParts.__slots__


class _NikCheckTwin:
    __slots__ = NikCheck.__slots__


def _probe_twins() -> bool:
    try:
        twin: Any = _new(_NikCheckTwin)
        twin.nik, twin.verdict, twin.problems, twin.parts = None, _INVALID, (), None
        twin.__class__ = NikCheck
    except TypeError:
        return False
    return bool(twin == NikCheck(None, _INVALID, (), None))


_TWINS: Final = _probe_twins()
_passing_regions: Final = passing_region_checks(FIELD)


def _result(
    nik: str,
    verdict: Verdict,
    problems: tuple[Problem, ...],
    region: RegionCheck,
    birth: date | None,
    sex: Sex,
) -> NikCheck:
    """NikCheck(nik, verdict, problems, NikParts(*region[:6], birth, sex, serial)), built fast."""
    if not _TWINS:
        return NikCheck(nik, verdict, problems, NikParts(*region[:6], birth, sex, nik[12:]))
    parts: Any = _new(_NikPartsTwin)
    province, kabkota, kecamatan, province_name, kabkota_name, kecamatan_name, _, _ = region
    parts.province_code = province
    parts.kabkota_code = kabkota
    parts.kecamatan_code = kecamatan
    parts.province_name = province_name
    parts.kabkota_name = kabkota_name
    parts.kecamatan_name = kecamatan_name
    parts.birth_date = birth
    parts.sex = sex
    parts.serial = nik[12:16]
    parts.__class__ = NikParts
    check: Any = _new(_NikCheckTwin)
    check.nik = nik
    check.verdict = verdict
    check.problems = problems
    check.parts = parts
    check.__class__ = NikCheck
    result: NikCheck = check
    return result


def check_nik(raw: object, *, today: date | None = None) -> NikCheck:
    """Check one NIK given as text (typed, pasted, from Excel) or number. Never raises."""
    dates = _last_date_cache
    if today is None:
        today = today_local()
        if dates.today is not today:
            # Checks against the clock are what bulk checks do: prefill the date table.
            dates = _date_cache(today, prefill=True)
    elif dates.today != today:
        dates = _date_cache(today)
    # For an ASCII-only string isdigit() accepts exactly 0-9, like re.fullmatch("[0-9]+", ASCII).
    if not (type(raw) is str and len(raw) == 16 and raw.isascii() and raw.isdigit()):
        digits, cleaning_problems = clean_digits(raw, FIELD)
        if digits is None:
            return NikCheck(None, _INVALID, cleaning_problems, None)
        if len(digits) != 16:
            length = (
                _LENGTH_15
                if len(digits) == 15
                else shared_problem("NIK_LENGTH", FIELD, count=len(digits))
            )
            return NikCheck(None, _INVALID, (*cleaning_problems, length), None)
        if cleaning_problems:
            return _check_digits(digits, cleaning_problems, dates)
        raw = digits
    # Fast path: region and date part seen before, neither with an error, date without remarks.
    region = _passing_regions.get(raw[0:6])
    years = dates.plain.get(raw[6:10])
    if region is None or years is None:
        return _check_digits(raw, (), dates)
    birth = years[_YY[raw[10:12]]]
    if birth is None:
        return _check_digits(raw, (), dates)
    problems = region[6]
    if raw[15] == "0":
        if raw[12:16] == "0000":
            return _check_digits(raw, (), dates)
        problems += _TRAILING_ZERO_ONLY
    sex = _FEMALE if raw[6] >= "4" else _MALE
    return _result(raw, _WARNING if problems else _VALID, problems, region, birth, sex)


def _check_digits(nik: str, problems: tuple[Problem, ...], dates: _DateCache) -> NikCheck:
    """The complete check of 16 ASCII digits; also fills the fast path's caches."""
    prefix = nik[0:6]
    region = region_check(prefix, FIELD)
    error = region[7]
    ddmmyy = nik[6:12]
    date_info = dates.info.get(ddmmyy)
    if date_info is None:
        date_info = dates.info[ddmmyy] = _date_info(ddmmyy, dates.today)
        if len(dates.info) == _PREFILL_AFTER:
            _prefill(dates)  # a bulk check: the whole table costs less than the lazy fills
    birth, sex, date_problems, date_error, maybe_dummy = date_info
    if birth is not None and not date_problems and not maybe_dummy:
        years = dates.plain.get(ddmmyy[0:4])
        if years is None:
            years = dates.plain[ddmmyy[0:4]] = [None] * 100
        years[int(ddmmyy[4:6])] = birth
    problems += region[6] + date_problems
    if nik[12:16] == "0000":
        problems += (_SERIAL_ZERO,)
        error = True
    elif nik[15] == "0":
        problems += _TRAILING_ZERO_ONLY
    if maybe_dummy and nik in DUMMY_NUMBERS:
        problems += (_DUMMY,)
        error = True
    # NUM_ problems from cleaning may carry an error too, hence verdict_of().
    verdict = _INVALID if error or date_error else verdict_of(problems)
    return _result(nik, verdict, problems, region, birth, sex)


# --- consistency with the record, duplicates, masking ------------------------------------------

find_duplicate_niks = find_duplicates  # NIK -> keys, for NIKs occurring at least twice
mask_nik = mask_identifier  # "352201********01"

_SEX_WORDS: Final[dict[str, Sex]] = {
    "l": Sex.MALE, "lk": Sex.MALE, "laki": Sex.MALE, "laki-laki": Sex.MALE, "laki laki": Sex.MALE,
    "pria": Sex.MALE, "m": Sex.MALE, "male": Sex.MALE, "1": Sex.MALE,
    "p": Sex.FEMALE, "pr": Sex.FEMALE, "perempuan": Sex.FEMALE, "wanita": Sex.FEMALE,
    "f": Sex.FEMALE, "female": Sex.FEMALE, "2": Sex.FEMALE,
}  # fmt: skip


def _coerce_sex(value: Sex | str | None) -> Sex | None:
    """Sex from an enum or the usual spellings (L/P, 1/2 as in BDT ``JNSKEL``); else None."""
    if value is None or isinstance(value, Sex):
        return value
    return _SEX_WORDS.get(str(value).strip().lower())


def check_nik_against_record(
    check: NikCheck,
    *,
    sex: Sex | str | None = None,
    birth_date: date | None = None,
    no_kk: str | None = None,
    today: date | None = None,
) -> tuple[Problem, ...]:
    """Warnings where the NIK disagrees with the rest of the person's record.

    Birth dates are compared on day, month and 2-digit year, so the century guess does not matter.
    An unreadable sex value is ignored rather than reported here.
    """
    nik, parts = check.nik, check.parts
    if nik is None or parts is None:
        return ()
    return _record_problems(
        nik, check.problems, parts.birth_date, parts.sex, sex, birth_date, no_kk, today
    )


def nik_problems(
    raw: object, *, sex: Sex | str | None, birth_date: date | None, no_kk: str | None, today: date
) -> tuple[tuple[Problem, ...], tuple[Problem, ...]]:
    """``(check.problems, check_nik_against_record(check, ...))`` for ``check = check_nik(raw)``,
    without building the check: the per-member work of a household check."""
    dates = _last_date_cache
    if dates.today != today:
        dates = _date_cache(today)
    if type(raw) is str and len(raw) == 16 and raw.isascii() and raw.isdigit():
        region = _passing_regions.get(raw[0:6])
        years = dates.plain.get(raw[6:10])
        if region is not None and years is not None:
            birth = years[_YY[raw[10:12]]]
            if birth is not None and raw[12:16] != "0000":  # check_nik's fast path
                problems = region[6]
                if raw[15] == "0":
                    problems += _TRAILING_ZERO_ONLY
                if birth_date is not None and type(birth_date) is date and birth_date == birth:
                    # Same day, month and year; a date part in ``plain`` is not too old.
                    birth_date = None
                nik_sex = _FEMALE if raw[6] >= "4" else _MALE
                if (
                    birth_date is None
                    and (sex is None or sex is nik_sex)
                    and (
                        no_kk is None
                        or (
                            no_kk != raw
                            and type(no_kk) is str
                            and no_kk.isascii()
                            and no_kk.isdigit()
                        )
                    )
                ):
                    return problems, ()  # the record agrees (what _record_problems finds)
                return problems, _record_problems(
                    raw, problems, birth, nik_sex, sex, birth_date, no_kk, today
                )
    check = check_nik(raw, today=today)
    record = check_nik_against_record(
        check, sex=sex, birth_date=birth_date, no_kk=no_kk, today=today
    )
    return check.problems, record


_FEMALE_BY_NIK: Final = (
    shared_problem("NIK_SEX_MISMATCH", FIELD, nik_sex=Term.FEMALE_BY_NIK, record_sex=Term.MALE),
)
_MALE_BY_NIK: Final = (
    shared_problem("NIK_SEX_MISMATCH", FIELD, nik_sex=Term.MALE_BY_NIK, record_sex=Term.FEMALE),
)
_NIK_EQUALS_KK: Final = shared_problem("NIK_EQUALS_KK", FIELD)


def _record_problems(
    nik: str,
    nik_problems: tuple[Problem, ...],
    nik_birth: date | None,
    nik_sex: Sex,
    sex: Sex | str | None,
    birth_date: date | None,
    no_kk: str | None,
    today: date | None,
) -> tuple[Problem, ...]:
    problems: tuple[Problem, ...] = ()
    if sex is not None:
        record_sex = sex if sex.__class__ is Sex else _coerce_sex(sex)
        if record_sex is not None and record_sex is not nik_sex:
            problems = _FEMALE_BY_NIK if nik_sex is Sex.FEMALE else _MALE_BY_NIK
    if birth_date is not None and nik_birth is not None:  # else NIK_DATE says it
        problems += _birth_problems(nik, nik_problems, birth_date, today)
    if no_kk is not None:
        if type(no_kk) is str and no_kk.isascii() and no_kk.isdigit():
            same = no_kk == nik  # clean_digits would return it unchanged
        else:
            same = clean_digits(no_kk, "no_kk")[0] == nik
        if same:
            problems += (_NIK_EQUALS_KK,)
    return problems


def _birth_problems(
    nik: str, nik_problems: tuple[Problem, ...], birth_date: date, today: date | None
) -> tuple[Problem, ...]:
    raw_day = int(nik[6:8])
    day = raw_day - FEMALE_DAY_OFFSET if raw_day > FEMALE_DAY_OFFSET else raw_day
    nik_dmy = (day, int(nik[8:10]), int(nik[10:12]))
    if nik_dmy != (birth_date.day, birth_date.month, birth_date.year % 100):
        in_nik = f"{day:02d}-{nik[8:10]}-{nik[10:12]}"
        recorded = f"{birth_date.day:02d}-{birth_date.month:02d}-{birth_date.year}"
        return (
            shared_problem("NIK_BIRTHDATE_MISMATCH", FIELD, nik_date=in_nik, record_date=recorded),
        )
    # The record knows the century the NIK cannot tell us.
    age = age_on(birth_date, today if today is not None else today_local())
    if age > MAX_AGE and not any(p.code == "NIK_TOO_OLD" for p in nik_problems):
        return (shared_problem("NIK_TOO_OLD", FIELD, age=age),)
    return ()


def duplicate_problem(count: int) -> Problem:
    """NIK_DUPLICATE for a NIK that :func:`find_duplicate_niks` found ``count`` times."""
    return shared_problem("NIK_DUPLICATE", FIELD, count=count)
