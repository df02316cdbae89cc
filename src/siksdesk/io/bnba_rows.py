"""One BNBA row -> the values it gives for the household, the family and the member, with the
problems found (each naming its column). Parsing a 50,000-row file touches millions of cells, so
every column gets a reader made once, and readers of coded columns remember what each distinct
raw value meant (the same few codes repeat down a column).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from operator import getitem, itemgetter
from typing import Any, Final

from siksdesk.domain.cells import (
    CellError,
    Warnings,
    date_value,
    identifier_value,
    padded_number,
    region_digits,
    text_value,
    variable_value,
)
from siksdesk.domain.import_problems import ImportProblem, Location, problem
from siksdesk.domain.variables import Entity, Variable, VarType
from siksdesk.io.bnba_layout import TARGET_BY_KEY, HeaderMatch, Kind, Part, Target

Parser = Callable[[Any, Warnings], Any]
_MISSING: Final = object()
_MEMO_LIMIT: Final = 65_536  # distinct values remembered per column
_FIRST_YEAR: Final = 1880  # the years ``date_value`` accepts
_LAST_YEAR: Final = 2100


@dataclass(slots=True)
class ParsedRow:
    row: int  # Excel row number
    region: dict[str, Any]
    ruta_values: tuple[Any, ...]  # in ``ruta_keys`` order (compared as a whole)
    ruta_keys: tuple[str, ...]
    keluarga: dict[str, Any]
    art: dict[str, Any]
    errors: list[ImportProblem]
    warnings: list[ImportProblem]
    where: Location  # file, sheet and row (for problems about the whole row)
    idbdt: str | None = None

    @property
    def rejected(self) -> bool:
        return bool(self.errors)

    @property
    def ruta(self) -> dict[str, Any]:
        return dict(zip(self.ruta_keys, self.ruta_values, strict=True))


def _variable_parser(var: Variable, yes_no: Mapping[str, Any]) -> Parser:
    scheme = yes_no.get(var.key)
    if scheme is not None and var.vtype is VarType.YESNO:
        var = replace(var, yes_no=scheme)
    return lambda raw, warnings: variable_value(var, raw, warnings)


def _flag(raw: Any, _warnings: Warnings) -> bool:
    text = "" if raw is None else str(raw).strip()
    return text in ("1", "1.0", "Y", "y", "Ya", "ya", "True", "true")


def _number_parser(target: Target) -> Parser:
    vtype = VarType.INT if target.kind is Kind.INT else VarType.DECIMAL
    var = Variable(target.key, Entity.RUTA, "", target.label_id, target.label_en, vtype)
    return lambda raw, warnings: variable_value(var, raw, warnings)


def _parser(target: Target, yes_no: Mapping[str, Any]) -> tuple[Parser | None, bool]:
    """(parser, whether results may be remembered per distinct raw value)."""
    match target.kind:
        case Kind.TEXT:
            limit = target.limit
            return (lambda raw, _w: text_value(raw, limit)), False
        case Kind.PADDED:
            width = target.limit
            return (lambda raw, _w: padded_number(raw, width)), True
        case Kind.INT | Kind.DECIMAL:  # household number, coordinates: nearly all differ
            return _number_parser(target), False
        case Kind.DATE:
            return date_value, False
        case Kind.REGION:
            return (lambda raw, _w: region_digits(raw)), True
        case Kind.FLAG:
            return _flag, True
        case Kind.VARIABLE:
            assert target.variable is not None
            parse = _variable_parser(target.variable, yes_no)
            return parse, target.variable.vtype not in (VarType.TEXT, VarType.DATE)
    return None, False  # NIK and No. KK: identifier_value; IGNORE never reaches here


def _getter(indexes: Sequence[int]) -> Callable[[Sequence[Any]], tuple[Any, ...]]:
    if not indexes:
        return lambda _cells: ()
    if len(indexes) == 1:
        only = indexes[0]
        return lambda cells: (cells[only],)
    return itemgetter(*indexes)


_QUICK_NONE: Final = 0
_QUICK_DIGITS: Final = 1  # NIK, No. KK: a text cell of at most 16 ASCII digits is the value
_QUICK_DATE: Final = 2  # a date cell within the years ``date_value`` accepts is the value
_QUICK_INT: Final = 3  # a whole float is the int (no range: the household number)
_QUICK_FLOAT: Final = 4  # a float is the value (no range: coordinates)


def _quick(target: Target) -> int:
    """Which common case of a non-remembered column may skip the full parser; every other
    value still goes through it (same result, the fast path only avoids the call)."""
    if target.kind in (Kind.NIK, Kind.KK):
        return _QUICK_DIGITS
    if target.kind is Kind.DATE or (target.variable is not None
                                    and target.variable.vtype is VarType.DATE):
        return _QUICK_DATE
    if target.kind is Kind.INT:
        return _QUICK_INT
    if target.kind is Kind.DECIMAL:
        return _QUICK_FLOAT
    return _QUICK_NONE


def _text_limit(target: Target) -> int:
    """The length limit of a plain text column (0: not plain text)."""
    if target.kind is Kind.TEXT:
        return target.limit
    if target.variable is not None and target.variable.vtype is VarType.TEXT:
        return target.variable.max_length
    return 0


@dataclass(frozen=True, slots=True)
class _Column:
    index: int
    target: Target
    parse: Parser | None
    header: str
    cache: dict[Any, Any] | None  # raw value -> value (coded columns; errors never kept)


class RowParser:
    """Parses data rows under a header match; knows the file/sheet for locations."""

    def __init__(self, match: HeaderMatch, file_name: str, sheet: str, first_column: int
                 ) -> None:
        self.file_name = file_name
        self.sheet = sheet
        self.first_column = first_column
        yes_no = match.profile.yes_no
        columns: list[_Column] = []
        for index, key in sorted(match.columns.items()):
            parse, remembered = _parser(TARGET_BY_KEY[key], yes_no)
            columns.append(_Column(index, TARGET_BY_KEY[key], parse, match.headers[index],
                                   {"": None, None: None} if remembered else None))
        # Remembered columns first: their cells are looked up in one C-level map per row.
        self.columns = [c for c in columns if c.cache is not None] + [
            c for c in columns if c.cache is None]
        self.coded = [c for c in self.columns if c.cache is not None]
        self.others = [(c, _text_limit(c.target), _quick(c.target))
                       for c in self.columns[len(self.coded):]]
        self.caches: list[dict[Any, Any]] = [c.cache for c in self.coded if c.cache is not None]
        self.misses = (_MISSING,) * len(self.coded)
        self.coded_cells = _getter([c.index for c in self.coded])
        self.width = max((c.index for c in self.columns), default=-1) + 1
        self.parts = {part: self._slots(part) for part in Part}
        self.ruta_keys = tuple(key for key, _slot in self.parts[Part.RUTA])
        self.ruta_cells = _getter([at for _key, at in self.parts[Part.RUTA]])
        self.art_keys = tuple(key for key, _slot in self.parts[Part.ART])
        self.art_cells = _getter([at for _key, at in self.parts[Part.ART]])
        self.idbdt_at = self.ruta_keys.index("idbdt") if "idbdt" in self.ruta_keys else None
        self.name_slot = next((at for at, c in enumerate(self.columns)
                               if c.target.key == "nama"), None)

    def _slots(self, part: Part) -> tuple[tuple[str, int], ...]:
        return tuple((c.target.key, at) for at, c in enumerate(self.columns)
                     if c.target.part is part)

    def where(self, row: int, column: _Column | None = None) -> Location:
        if column is None:
            return Location(self.file_name, self.sheet, row)
        return Location(self.file_name, self.sheet, row, self.first_column + column.index,
                        column.header)

    def parse(self, row: int, cells: Sequence[Any]) -> ParsedRow | None:
        """None for an empty row."""
        if not any(cells):
            return None
        if len(cells) < self.width:
            cells = [*cells, *([None] * (self.width - len(cells)))]
        errors: list[ImportProblem] = []
        warnings: list[ImportProblem] = []
        numbers: set[str] = set()
        raws = self.coded_cells(cells)
        try:
            values: list[Any] = list(map(getitem, self.caches, raws))
        except (KeyError, TypeError):  # a value not seen before in its column, or a bad one
            values = list(map(dict.get, self.caches, raws, self.misses))
            for at, column in enumerate(self.coded):
                if values[at] is _MISSING:
                    values[at] = self._slow(column, raws[at], row, (errors, warnings), numbers)
        for column, limit, quick in self.others:
            raw = cells[column.index]
            cls = raw.__class__
            if limit and cls is str and raw.isascii():
                text = " ".join(raw.split())  # the common case of clean_text, inlined
                if not text:
                    values.append(None)
                    continue
                if len(text) <= limit and text[0] != "#":
                    values.append(text)
                    continue
            elif quick:
                if quick == _QUICK_DIGITS:
                    if cls is str and raw.isascii() and raw.isdigit() and len(raw) <= 16:
                        values.append(raw)
                        continue
                elif quick == _QUICK_DATE:
                    if cls is date and _FIRST_YEAR <= raw.year <= _LAST_YEAR:
                        values.append(raw)
                        continue
                elif cls is float and (quick == _QUICK_FLOAT or raw.is_integer()):
                    values.append(raw if quick == _QUICK_FLOAT else int(raw))
                    continue
            values.append(None if raw is None or raw == "" else self._slow(
                column, raw, row, (errors, warnings), numbers))
        return self._row(row, values, errors, warnings, numbers)

    def _slow(self, column: _Column, raw: Any, row: int,
              found_lists: tuple[list[ImportProblem], list[ImportProblem]],
              numbers: set[str]) -> Any:
        errors, warnings = found_lists
        found: Warnings = []
        cache = column.cache
        try:
            value = self._value(column, raw, found, numbers)
        except CellError as exc:
            errors.append(exc.problem.at(self.where(row, column)))
            return None
        if cache is not None and not found and len(cache) < _MEMO_LIMIT:
            cache[raw] = value
        warnings.extend(w.at(self.where(row, column)) for w in found)
        return value

    @staticmethod
    def _value(column: _Column, raw: Any, found: Warnings, numbers: set[str]) -> Any:
        if column.parse is not None:
            return column.parse(raw, found)
        field = "nik" if column.target.kind is Kind.NIK else "no_kk"
        digits, from_number = identifier_value(raw, field)
        if from_number:
            numbers.add(field)
            found.append(problem("CELL_NUMBER_DAMAGED", field=field))
        return digits

    def _row(self, row: int, values: list[Any], errors: list[ImportProblem],
             warnings: list[ImportProblem], numbers: set[str]) -> ParsedRow:
        parts = self.parts
        art = dict(zip(self.art_keys, self.art_cells(values), strict=True))
        keluarga = {key: values[at] for key, at in parts[Part.KELUARGA]}
        art["nik_from_number"] = bool(art.get("nik_from_number") or "nik" in numbers)
        keluarga["no_kk_from_number"] = bool(keluarga.get("no_kk_from_number")
                                             or "no_kk" in numbers)
        ruta_values = self.ruta_cells(values)
        if self.name_slot is not None and not values[self.name_slot] and not errors:
            errors.append(problem("CELL_REQUIRED").at(
                self.where(row, self.columns[self.name_slot])))
        idbdt = ruta_values[self.idbdt_at] if self.idbdt_at is not None else None
        return ParsedRow(row, {key: values[at] for key, at in parts[Part.REGION]}, ruta_values,
                         self.ruta_keys, keluarga, art, errors, warnings, self.where(row), idbdt)
