"""What NIK and No. KK share: cleaning raw input as it arrives from typing, paste or Excel; the
DDMMYY part (digits 7-12); placeholder numbers; duplicates and masking.

Only ASCII 0-9 are digits here: Python's ``int()`` and ``str.isdigit()`` also accept full-width
and Arabic-Indic digits, which would silently turn look-alike input into a "valid" number.
"""

from __future__ import annotations

import calendar
import math
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from numbers import Integral
from typing import Final, TypeVar

from siksdesk.domain.problems import Problem, Term, shared_problem

__all__ = [
    "DAYS_IN_MONTH",
    "DUMMY_NUMBERS",
    "CleanedNumber",
    "age_on",
    "as_date",
    "clean_digits",
    "clean_identifier",
    "date_part_check",
    "find_duplicates",
    "is_clean_digits",
    "is_dummy_number",
    "mask_identifier",
    "real_date",
    "resolve_century",
    "today_local",
]


K = TypeVar("K")


@dataclass(frozen=True, slots=True)
class CleanedNumber:
    digits: str | None  # ASCII digits after cleaning, or None if not cleanable
    problems: tuple[Problem, ...]


def _whitespace_chars() -> str:
    # Every Unicode whitespace character lies below U+3001.
    return "".join(chr(cp) for cp in range(0x3001) if chr(cp).isspace())


# Invisible characters that pasting from web pages, PDFs and Excel leaves behind.
_INVISIBLE: Final = _whitespace_chars() + "\u200b\u200c\u200d\u2060\ufeff\u00ad"
# Separators people type inside numbers: dots, hyphen and the dash family, minus sign.
_SEPARATORS: Final = ".-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
# Excel's "this is text" marker, also after autocorrect turned it into a typographic quote.
_APOSTROPHES: Final = "'\u2018\u2019`"

_DROP_INVISIBLE: Final = str.maketrans("", "", _INVISIBLE)
_DROP_SEPARATORS: Final = str.maketrans("", "", _SEPARATORS)
_IGNORED: Final = frozenset(_INVISIBLE + _SEPARATORS)

_SCIENTIFIC: Final = re.compile(r"\+?[0-9]+(?:[.,][0-9]*)?[eE][+-]?[0-9]+", re.ASCII)
# "3522011708450000.0": a float that was turned into text (pandas, CSV exports).
# Only when the digits joined would not already make 16: "352201000100.0000" is a dotted NIK.
_FLOAT_TEXT: Final = re.compile(r"([0-9]{10,})[.,]0+", re.ASCII)
_EXCEL_ERROR: Final = re.compile(
    r"#(?:N/A|NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|SPILL!|CALC!|"
    r"GETTING_DATA|FIELD!|BLOCKED!|UNKNOWN!|CONNECT!|BUSY!)",
    re.IGNORECASE,
)

_FLOAT_EXACT_LIMIT: Final = float(2**53)  # above this a float cannot hold every integer


def is_clean_digits(value: str) -> bool:
    """True if ``value`` is non-empty and made only of ASCII 0-9 (no cleaning needed)."""
    # isdigit() alone would accept "３" or "٣"; isascii() first rules those out.
    return value.isascii() and value.isdigit()


def clean_identifier(raw: object, field: str) -> CleanedNumber:
    """Turn raw input into ASCII digits, explaining every problem on the way.

    ``field`` ("nik" or "no_kk") is copied into the problems. Never raises.
    """
    digits, problems = clean_digits(raw, field)
    return CleanedNumber(digits, problems)


Cleaned = tuple[str | None, tuple[Problem, ...]]  # (digits, problems) as in CleanedNumber


def clean_digits(raw: object, field: str) -> Cleaned:
    """:func:`clean_identifier` as a plain tuple, for hot loops."""
    if isinstance(raw, str):
        if raw.isascii() and raw.isdigit():
            return (raw if type(raw) is str else str(raw), ())
        return _clean_text(raw, field)
    if raw is None:
        return (None, (shared_problem("NUM_EMPTY", field),))
    if isinstance(raw, bool):
        return _bad_type(raw, field)
    if isinstance(raw, Integral):  # int, and numpy's integers from pandas
        return _from_integer(int(raw), field)
    if isinstance(raw, float):
        if math.isnan(raw):  # pandas and friends use NaN for an empty cell
            return (None, (shared_problem("NUM_EMPTY", field),))
        if math.isinf(raw) or not raw.is_integer():
            return (None, (shared_problem("NUM_NOT_INTEGER", field),))
        return _from_integer(int(raw), field, beyond_float=raw > _FLOAT_EXACT_LIMIT)
    if isinstance(raw, Decimal):
        if raw.is_nan():
            return (None, (shared_problem("NUM_EMPTY", field),))
        if not raw.is_finite() or raw != raw.to_integral_value():
            return (None, (shared_problem("NUM_NOT_INTEGER", field),))
        return _from_integer(int(raw), field)
    return _bad_type(raw, field)


def _bad_type(raw: object, field: str) -> Cleaned:
    return (None, (shared_problem("NUM_BAD_TYPE", field, type=type(raw).__name__),))


def _from_number_warning(digits: str, field: str, beyond_float: bool = False) -> Problem:
    # Excel keeps 15 significant digits and turns a 16th into 0; a float above 2**53 has lost
    # digits by itself. Either way the last digit is certainly unreliable.
    certain = len(digits) >= 16 and (digits[-1] == "0" or beyond_float)
    return shared_problem(
        "NUM_FROM_NUMBER", field, loss=Term.LOSS_CERTAIN if certain else Term.LOSS_POSSIBLE
    )


def _from_integer(value: int, field: str, beyond_float: bool = False) -> Cleaned:
    if value < 0:
        return (None, (shared_problem("NUM_NOT_INTEGER", field),))
    if value.bit_length() > 1100:  # beyond any float; str() refuses past 4,300 digits
        return _bad_type(value, field)
    digits = str(value)  # int formatting never uses an exponent
    return (digits, (_from_number_warning(digits, field, beyond_float),))


def _clean_text(raw: str, field: str) -> Cleaned:
    # split() drops exactly the str.isspace() characters; it is much faster than translate().
    text = "".join(raw.split())
    if not text.isascii():
        text = text.translate(_DROP_INVISIBLE)
    skip_apostrophe = bool(text) and text[0] in _APOSTROPHES
    if skip_apostrophe:
        text = text[1:]
    if not text:
        return (None, (shared_problem("NUM_EMPTY", field),))
    # The `in` tests only keep the regular expressions off the common path.
    if ("e" in text or "E" in text) and _SCIENTIFIC.fullmatch(text):
        return (None, (shared_problem("NUM_SCIENTIFIC", field),))
    if text[0] == "#" and _EXCEL_ERROR.fullmatch(text):
        return (None, (shared_problem("NUM_EXCEL_ERROR", field, text=text.upper()),))
    if "." in text or "," in text:
        float_text = _FLOAT_TEXT.fullmatch(text)
        if float_text and len(text) - 1 != 16:
            digits = float_text.group(1)
            return (digits, (_from_number_warning(digits, field),))
        text = text.replace(".", "")
    if "-" in text:
        text = text.replace("-", "")
    if not text.isascii():
        text = text.translate(_DROP_SEPARATORS)
    if not text:
        return (None, (shared_problem("NUM_EMPTY", field),))
    if text.isascii() and text.isdigit():  # ASCII-only, so exactly 0-9
        return (text, ())
    return (None, _character_problems(raw, field, skip_apostrophe))


def _shown(char: str) -> str:
    return char if char.isprintable() else f"U+{ord(char):04X}"


def _character_problems(raw: str, field: str, skip_apostrophe: bool) -> tuple[Problem, ...]:
    """The first non-ASCII digit and the first other bad character, by 1-based position."""
    found: dict[str, Problem] = {}
    for index, char in enumerate(raw, start=1):
        if char in _IGNORED or "0" <= char <= "9":
            continue
        if skip_apostrophe and char in _APOSTROPHES:
            skip_apostrophe = False  # only the first one, which is the leading marker
            continue
        skip_apostrophe = False
        code = "NUM_NON_ASCII_DIGIT" if char.isdigit() or char.isnumeric() else "NUM_BAD_CHARACTER"
        if code not in found:
            found[code] = shared_problem(code, field, position=index, char=_shown(char))
            if len(found) == 2:
                break
    if not found:  # cannot happen while _IGNORED matches what _clean_text drops; stay safe
        return (shared_problem("NUM_BAD_CHARACTER", field, position=1, char=_shown(raw[:1])),)
    return tuple(found.values())  # in order of position


# --- shared by NIK and No. KK: the DDMMYY part and placeholder numbers ---------------------------

_today_state: tuple[date, float, float] = (date.min, 0.0, 0.0)  # (today, valid from, valid until)


def today_local() -> date:
    """``date.today()`` (the same object all day), re-read only after local midnight."""
    global _today_state
    now = time.time()
    today, start, end = _today_state
    if not start <= now < end:
        today = date.today()
        start = datetime.combine(today, datetime.min.time()).timestamp()
        end = datetime.combine(today + timedelta(days=1), datetime.min.time()).timestamp()
        _today_state = (today, start, end)
    return today


# Indexed by month; February as in a leap year.
DAYS_IN_MONTH: Final = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def real_date(year: int, month: int, day: int) -> date | None:
    """The date, or None if it is not in the calendar (no exception)."""
    if not (1 <= month <= 12 and 1 <= year <= 9999) or not 1 <= day <= DAYS_IN_MONTH[month]:
        return None
    if month == 2 and day == 29 and not calendar.isleap(year):
        return None
    return date(year, month, day)


def resolve_century(day: int, month: int, yy: int, today: date) -> date | None:
    """19yy or 20yy: 20yy unless that is after ``today``; a century in which the date does not
    exist is never chosen. None if the date exists in neither."""
    late = real_date(2000 + yy, month, day)
    if late is not None and late <= today:
        return late
    early = real_date(1900 + yy, month, day)
    return early if early is not None else late


def as_date(value: date) -> date:
    """A plain date (a datetime cannot be compared with dates)."""
    return value if type(value) is date else date(value.year, value.month, value.day)


def age_on(birth: date, today: date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


FEMALE_DAY_OFFSET: Final = 40
MAX_AGE: Final = 110
# (date or None, female (NIK day + 40), problems, has an error)
DatePart = tuple[date | None, bool, tuple[Problem, ...], bool]


def _nik_day(dd: str) -> tuple[int, bool, Problem | None]:
    raw_day = int(dd)
    female = raw_day > FEMALE_DAY_OFFSET
    day = raw_day - FEMALE_DAY_OFFSET if female else raw_day
    # valid raw days: 01-31 (men) or 41-71 (women)
    return day, female, None if 1 <= day <= 31 else shared_problem("NIK_DAY", "nik", day=dd)


_NIK_DAYS: Final = {f"{n:02d}": _nik_day(f"{n:02d}") for n in range(100)}
_NIK_MONTHS: Final = {
    f"{n:02d}": None if 1 <= n <= 12 else shared_problem("NIK_MONTH", "nik", month=f"{n:02d}")
    for n in range(100)
}


def date_part_check(ddmmyy: str, field: str, today: date) -> DatePart:
    """Digits 7-12 of a NIK (birth date, day + 40 for women: hard rules) or of a No. KK
    (believed to be the recording date: the split is unconfirmed, so only a warning)."""
    if field != "nik":
        day, month, yy = int(ddmmyy[0:2]), int(ddmmyy[2:4]), int(ddmmyy[4:6])
        recorded = resolve_century(day, month, yy, today)
        if recorded is not None and recorded <= today:
            return (recorded, False, (), False)
        digits = f"{ddmmyy[0:2]}-{ddmmyy[2:4]}-{ddmmyy[4:6]}"
        return (None, False, (shared_problem("KK_DATE_UNUSUAL", field, digits=digits),), False)
    day, female, day_problem = _NIK_DAYS[ddmmyy[0:2]]
    month_problem = _NIK_MONTHS[ddmmyy[2:4]]
    if day_problem is not None:
        found = (day_problem,) if month_problem is None else (day_problem, month_problem)
        return (None, female, found, True)
    if month_problem is not None:
        return (None, female, (month_problem,), True)
    birth = resolve_century(day, int(ddmmyy[2:4]), int(ddmmyy[4:6]), today)
    if birth is None:
        parts = {"day": f"{day:02d}", "month": ddmmyy[2:4], "year": ddmmyy[4:6]}
        return (None, female, (shared_problem("NIK_DATE", field, **parts),), True)
    if birth > today:
        problem = shared_problem("NIK_FUTURE_BIRTH", field, date=birth.strftime("%d-%m-%Y"))
        return (birth, female, (problem,), False)
    if (age := age_on(birth, today)) > MAX_AGE:
        return (birth, female, (shared_problem("NIK_TOO_OLD", field, age=age),), False)
    return (birth, female, (), False)


DUMMY_NUMBERS: Final[frozenset[str]] = frozenset(
    [str(d) * 16 for d in range(10)]
    + [("1234567890" * 2)[i : i + 16] for i in range(10)]
    + [("9876543210" * 2)[i : i + 16] for i in range(10)]
)


def is_dummy_number(digits: str) -> bool:
    """All one digit, or a running 0123456789 sequence up or down."""
    return digits in DUMMY_NUMBERS


# --- duplicates and masking (NIK and No. KK alike) ------------------------------------------------


def find_duplicates(items: Iterable[tuple[K, object]]) -> dict[str, list[K]]:
    """Number -> keys of the records carrying it, for numbers that occur at least twice.

    Numbers are compared after cleaning (spaces, dots, apostrophe), so "3522 01..." and
    "352201..." are the same; unreadable or empty values are skipped.
    """
    seen: dict[str, list[K]] = {}
    for key, raw in items:
        digits = clean_digits(raw, "nik")[0]
        if digits:
            seen.setdefault(digits, []).append(key)
    return {number: keys for number, keys in seen.items() if len(keys) > 1}


def mask_identifier(number: str) -> str:
    """Keep the region prefix (6) and the last 2 digits, hide the birth date and serial:
    ``352201********01``. Values shorter than 10 are hidden completely."""
    if len(number) < 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 8) + number[-2:]
