"""Turning one spreadsheet cell into a stored value, or saying why it cannot be.

Cells arrive as python-calamine or csv gives them: ``str``, ``float``, ``int``, ``bool``, ``date``,
``datetime`` or a :class:`CellFlag` that the reader put where the file holds an Excel error, a
formula without a stored value or the inside of a merged range. Parsers return the value or raise
:class:`CellError`; warnings go to the ``warnings`` list the caller passes. Only ASCII 0-9 count as
digits (``int("３")`` would accept a full-width digit).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Final

from siksdesk.domain.import_problems import (
    ImportProblem,
    identifier_problem,
    problem,
)
from siksdesk.domain.numbers import clean_digits, mask_identifier
from siksdesk.domain.problems import Severity
from siksdesk.domain.variables import Variable, VarType


class CellFlag(Enum):
    FORMULA_NO_VALUE = "CELL_FORMULA_NO_VALUE"
    EXCEL_ERROR = "CELL_EXCEL_ERROR"
    MERGED = "CELL_MERGED"


class CellError(Exception):
    def __init__(self, found: ImportProblem) -> None:
        super().__init__(found.code)
        self.problem = found


Warnings = list[ImportProblem]

_ZERO_WIDTH: Final = str.maketrans("", "", "\u200b\u200c\u200d\u2060\ufeff\u00ad")
_EXCEL_EPOCH: Final = date(1899, 12, 30)
_MAX_DIGITS: Final = 18  # a whole number in a cell: a NIK fits; 5,000 digits is no number
_EXCEL_ERRORS: Final = re.compile(
    r"#(?:N/A|NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|SPILL!|CALC!|GETTING_DATA)", re.IGNORECASE)


def _flag(raw: CellFlag) -> CellError:
    return CellError(problem(raw.value))


def _excel_error_text(text: str) -> bool:
    return text[:1] == "#" and _EXCEL_ERRORS.fullmatch(text) is not None


def clean_text(raw: object) -> str | None:
    """Text as stored: invisible characters dropped, runs of spaces (the non-breaking one too)
    made single, ends trimmed; empty becomes None. Numbers become their plain digits."""
    if raw is None:
        return None
    if type(raw) is str:
        if not raw.isascii():
            raw = raw.translate(_ZERO_WIDTH)
        text = " ".join(raw.split())
        if _excel_error_text(text):
            raise CellError(problem("CELL_EXCEL_ERROR"))
        return text or None
    if isinstance(raw, CellFlag):
        raise _flag(raw)
    if isinstance(raw, bool):
        return "1" if raw else "0"
    if isinstance(raw, float):
        return str(int(raw)) if raw.is_integer() else repr(raw)
    if isinstance(raw, int):
        return str(raw)
    if isinstance(raw, datetime):
        return raw.date().isoformat()
    if isinstance(raw, date):
        return raw.isoformat()
    return str(raw)


def text_value(raw: object, limit: int) -> str | None:
    text = clean_text(raw)
    if text is not None and len(text) > limit:
        raise CellError(problem("CELL_TOO_LONG", length=len(text), limit=limit))
    return text


def padded_number(raw: object, width: int) -> str | None:
    """RT/RW: "3", 3.0 and "003" all mean "003" (ASCII digits only); other text as it is."""
    text = clean_text(raw)
    if text is None:
        return None
    if text.isascii() and text.isdigit() and len(text) <= width:
        return text.zfill(width)
    if len(text) > width:
        raise CellError(problem("CELL_TOO_LONG", length=len(text), limit=width))
    return text


def _integer(raw: object, label: str) -> int | None:
    if raw is None:
        return None
    if type(raw) is float:
        if raw.is_integer():
            return int(raw)
        raise CellError(problem("CELL_BAD_NUMBER", variable=label))
    if type(raw) is int or type(raw) is bool:  # bool: the same key as 1/0 in a memo
        return int(raw)
    if isinstance(raw, CellFlag):
        raise _flag(raw)
    if isinstance(raw, str):
        text = "".join(raw.split())
        if not text:
            return None
        text = text[:-2] if text.endswith(".0") else text
        if text.isascii() and text.isdigit() and len(text) <= _MAX_DIGITS:
            return int(text)
        if any(ch.isdigit() for ch in text if not ch.isascii()):
            raise CellError(problem("CELL_NON_ASCII_DIGIT"))
        if _excel_error_text(text):
            raise CellError(problem("CELL_EXCEL_ERROR"))
    raise CellError(problem("CELL_BAD_NUMBER", variable=label))


def _decimal(raw: object, label: str) -> float | None:
    if raw is None:
        return None
    if isinstance(raw, CellFlag):
        raise _flag(raw)
    if isinstance(raw, int | float):
        return float(raw)
    if isinstance(raw, str):
        text = "".join(raw.split())
        if not text:
            return None
        if text.isascii() and re.fullmatch(r"-?[0-9]+(?:[.,][0-9]+)?", text):
            return float(text.replace(",", "."))
        if any(ch.isdigit() for ch in text if not ch.isascii()):
            raise CellError(problem("CELL_NON_ASCII_DIGIT"))
        if _excel_error_text(text):
            raise CellError(problem("CELL_EXCEL_ERROR"))
    raise CellError(problem("CELL_BAD_NUMBER", variable=label))


def _in_range(var: Variable, value: float) -> None:
    low, high = var.minimum, var.maximum
    if (low is not None and value < low) or (high is not None and value > high):
        whole = isinstance(value, int) or value.is_integer()
        shown = _shown(int(value) if whole else value)
        raise CellError(problem("CELL_OUT_OF_RANGE", value=shown, variable=var.label_id,
                                minimum=_plain(low), maximum=_plain(high)))


def _shown(value: object) -> object:
    """A cell's number as a message may show it: a long one (a NIK or No. KK in the wrong
    column) masked like a NIK on a public list."""
    text = str(value)
    return mask_identifier(text) if sum(ch.isdigit() for ch in text) >= 10 else value


def _plain(bound: float | None) -> str:
    if bound is None:
        return "…"
    return str(int(bound)) if float(bound).is_integer() else str(bound)


def variable_value(var: Variable, raw: object, warnings: Warnings) -> object:
    """A catalogue variable's stored value from a cell (codes checked, yes/no decoded)."""
    match var.vtype:
        case VarType.CODE | VarType.YESNO | VarType.FLAGS:
            return _coded(var, raw)
        case VarType.INT:
            number = _integer(raw, var.label_id)
            if number is not None:
                _in_range(var, number)
            return number
        case VarType.DECIMAL:
            decimal = _decimal(raw, var.label_id)
            if decimal is not None:
                _in_range(var, decimal)
            return decimal
        case VarType.TEXT:
            return text_value(raw, var.max_length)
        case VarType.DATE:
            return date_value(raw, warnings)
    raise AssertionError(var.vtype)


def _coded(var: Variable, raw: object) -> object:
    code = _integer(raw, var.label_id)
    if code is None:
        return None
    if var.vtype is VarType.YESNO and var.yes_no is not None:
        if code == var.yes_no.yes:
            return True
        if code == var.yes_no.no:
            return False
        allowed = f"{var.yes_no.yes} (ya), {var.yes_no.no} (tidak)"
    elif var.allows(code):
        return code
    else:
        allowed = ", ".join(str(c.value) for c in var.codes)
    raise CellError(problem("CELL_BAD_CODE", value=_shown(code), variable=var.label_id,
                            allowed=allowed))


# --- dates -----------------------------------------------------------------------------------

_MONTHS: Final = {
    name: number
    for number, names in enumerate((
        ("januari", "jan", "january"), ("februari", "feb", "pebruari", "peb", "february"),
        ("maret", "mar", "march"), ("april", "apr"), ("mei", "may"),
        ("juni", "jun", "june"), ("juli", "jul", "july"),
        ("agustus", "agu", "agt", "ags", "aug", "august"),
        ("september", "sep", "sept"), ("oktober", "okt", "oct", "october"),
        ("november", "nov", "nop", "nopember"), ("desember", "des", "dec", "december"),
    ), start=1)
    for name in names
}
_NUMERIC_DATE: Final = re.compile(r"([0-9]{1,4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,4})", re.ASCII)
_WORD_DATE: Final = re.compile(r"([0-9]{1,2})[- ]?([a-z]+)\.?[- ]?([0-9]{4})", re.ASCII)
_COMPACT: Final = re.compile(r"(1[89][0-9]{2}|20[0-9]{2})([01][0-9])([0-3][0-9])", re.ASCII)
_FIRST_YEAR: Final = 1880


def _checked(year: int, month: int, day: int) -> date:
    try:
        found = date(year, month, day)
    except ValueError:
        raise CellError(problem("CELL_BAD_DATE")) from None
    if not _FIRST_YEAR <= found.year <= 2100:
        raise CellError(problem("CELL_BAD_DATE"))
    return found


def date_value(raw: object, warnings: Warnings) -> date | None:
    """A date from a date cell, an Excel serial number, or text in the usual Indonesian ways
    (17-08-1945, 17/08/1945, 1945-08-17, 17 Agustus 1945, 19450817). Day first, as written in
    Indonesia; a date that can only be month first is read so with a warning."""
    if raw is None:
        return None
    if isinstance(raw, datetime):
        return _checked(raw.year, raw.month, raw.day)
    if isinstance(raw, date):
        return _checked(raw.year, raw.month, raw.day)
    if isinstance(raw, CellFlag):
        raise _flag(raw)
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        if float(raw).is_integer() and 1 <= raw <= 73050:  # up to 2099-12-31
            serial = _EXCEL_EPOCH + timedelta(days=int(raw))
            return _checked(serial.year, serial.month, serial.day)
        raise CellError(problem("CELL_BAD_DATE"))
    if not isinstance(raw, str):
        raise CellError(problem("CELL_BAD_DATE"))
    text = " ".join(raw.translate(_ZERO_WIDTH).split()).casefold()
    if not text:
        return None
    if not text.isascii():
        if any(ch.isdigit() for ch in text if not ch.isascii()):
            raise CellError(problem("CELL_NON_ASCII_DIGIT"))
        raise CellError(problem("CELL_BAD_DATE"))
    text = text.split(" ")[0] if re.fullmatch(r"\S+ [0-9:.]+", text) else text  # drop a time
    return _text_date(text, warnings)


def _text_date(text: str, warnings: Warnings) -> date:
    if match := _NUMERIC_DATE.fullmatch(text):
        first, second, third = (int(g) for g in match.groups())
        if len(match.group(1)) == 4:  # ISO: year-month-day
            return _checked(first, second, third)
        if len(match.group(3)) != 4:
            raise CellError(problem("CELL_BAD_DATE"))  # a 2-digit year is ambiguous
        if first > 12 or second <= 12:
            return _checked(third, second, first)
        found = _checked(third, first, second)
        warnings.append(problem("CELL_DATE_MONTH_FIRST", date=found.strftime("%d-%m-%Y")))
        return found
    if match := _WORD_DATE.fullmatch(text):
        month = _MONTHS.get(match.group(2))
        if month is None:
            raise CellError(problem("CELL_BAD_DATE"))
        return _checked(int(match.group(3)), month, int(match.group(1)))
    if match := _COMPACT.fullmatch(text):
        return _checked(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    raise CellError(problem("CELL_BAD_DATE"))


# --- NIK and No. KK ---------------------------------------------------------------------------

def identifier_value(raw: object, field: str) -> tuple[str | None, bool]:
    """(digits, came from a numeric cell). Cleaning removes spaces, dots, a leading apostrophe,
    non-breaking and zero-width characters; scientific notation, non-ASCII digits, other
    characters and more than 16 digits are errors. A numeric cell is accepted but flagged: the
    caller reports it as damaged by Excel."""
    if raw is None or raw == "":
        return None, False
    if isinstance(raw, CellFlag):
        raise _flag(raw)
    digits, found = clean_digits(raw, field)
    for item in found:
        if item.code == "NUM_EMPTY":
            return None, False
        if item.severity is Severity.ERROR:
            raise CellError(identifier_problem(item.code, item.params))
    if digits is None:  # pragma: no cover - clean_digits always explains a None
        raise CellError(problem("CELL_BAD_NUMBER", variable=field))
    if len(digits) > 16:
        code = "NIK_LENGTH" if field == "nik" else "KK_LENGTH"
        raise CellError(identifier_problem(code, (("count", len(digits)),)))
    from_number = any(item.code == "NUM_FROM_NUMBER" for item in found)
    return digits, from_number


def region_digits(raw: object) -> str | None:
    """A region code cell (KDPROP, KDKEC, "35.22.14.2010"): its ASCII digits."""
    if raw is None:
        return None
    if isinstance(raw, CellFlag):
        raise _flag(raw)
    if isinstance(raw, float) and raw.is_integer() and raw >= 0:
        return str(int(raw))
    if isinstance(raw, int) and not isinstance(raw, bool) and raw >= 0:
        return str(raw)
    if isinstance(raw, str):
        text = "".join(raw.split()).replace(".", "").lstrip("'")
        if not text:
            return None
        if text.isascii() and text.isdigit():
            return text
    raise CellError(problem("CELL_BAD_REGION"))
