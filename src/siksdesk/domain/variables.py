"""The variable catalogue: one declarative source for every household and member variable.

Models (columns), validation, forms and Excel mapping all read these definitions. Adding a
variable means adding one entry to ``catalogue_ruta``/``catalogue_art`` plus an alembic revision.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum


class Entity(StrEnum):
    RUTA = "ruta"
    ART = "art"


class VarType(StrEnum):
    CODE = "code"  # one value from a code list
    YESNO = "yesno"  # stored as bool; Excel uses 1/2 or 3/4, see ``YesNoCodes``
    FLAGS = "flags"  # bitmask of code values (e.g. kartu identitas)
    INT = "int"
    DECIMAL = "decimal"
    TEXT = "text"
    DATE = "date"


class Layout(StrEnum):
    """Excel layouts the district sends; values are profile keys."""

    BDT2015 = "bdt2015"  # BDT-2015 / verivali-2020


@dataclass(frozen=True, slots=True)
class Code:
    value: int
    label_id: str
    label_en: str

    def label(self, lang: str = "id") -> str:
        return self.label_en if lang == "en" else self.label_id


@dataclass(frozen=True, slots=True)
class YesNoCodes:
    """How a yes/no item is written in the district's Excel files."""

    yes: int
    no: int


YES_NO_12 = YesNoCodes(1, 2)
YES_NO_34 = YesNoCodes(3, 4)


@dataclass(frozen=True, slots=True)
class Variable:
    key: str  # attribute and column name
    entity: Entity
    section: str  # key into SECTIONS
    label_id: str
    label_en: str
    vtype: VarType
    codes: tuple[Code, ...] = ()
    required: bool = False
    minimum: float | None = None
    maximum: float | None = None
    max_length: int = 120
    yes_no: YesNoCodes | None = None
    excel: Mapping[str, str] = field(default_factory=dict)  # layout -> column header
    help_id: str = ""  # a short explanation for tooltips and the guide (catalogue_help)
    help_en: str = ""

    def label(self, lang: str = "id") -> str:
        return self.label_en if lang == "en" else self.label_id

    def help(self, lang: str = "id") -> str:
        return self.help_en if lang == "en" else self.help_id

    def code(self, value: int) -> Code | None:
        for code in self.codes:
            if code.value == value:
                return code
        return None

    def allows(self, value: object) -> bool:
        """True when ``value`` is acceptable for this variable (None means "not filled")."""
        if value is None:
            return not self.required
        match self.vtype:
            case VarType.CODE:
                return isinstance(value, int) and self.code(value) is not None
            case VarType.YESNO:
                return isinstance(value, bool)
            case VarType.FLAGS:
                all_bits = sum(c.value for c in self.codes)
                return isinstance(value, int) and value >= 0 and value & ~all_bits == 0
            case VarType.INT | VarType.DECIMAL:
                if isinstance(value, bool) or not isinstance(value, int | float):
                    return False
                if self.vtype is VarType.INT and not isinstance(value, int):
                    return False
                low_ok = self.minimum is None or value >= self.minimum
                high_ok = self.maximum is None or value <= self.maximum
                return low_ok and high_ok
            case VarType.TEXT:
                return isinstance(value, str) and len(value) <= self.max_length
            case VarType.DATE:
                from datetime import date

                return isinstance(value, date)
        return False


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    label_id: str
    label_en: str
    entity: Entity


SECTIONS: tuple[Section, ...] = (
    Section("status", "Status verivali", "Verification status", Entity.RUTA),
    Section("perumahan", "Perumahan", "Housing", Entity.RUTA),
    Section("aset", "Aset", "Assets", Entity.RUTA),
    Section("lahan", "Lahan dan rumah lain", "Land and other houses", Entity.RUTA),
    Section("ternak", "Ternak", "Livestock", Entity.RUTA),
    Section("usaha", "Usaha", "Business", Entity.RUTA),
    Section("program_ruta", "Program (rumah tangga)", "Programmes (household)", Entity.RUTA),
    Section("identitas", "Identitas", "Identity", Entity.ART),
    Section("kesehatan", "Kesehatan", "Health", Entity.ART),
    Section("pendidikan", "Pendidikan", "Education", Entity.ART),
    Section("pekerjaan", "Pekerjaan", "Work", Entity.ART),
    Section("program_art", "Program (anggota)", "Programmes (member)", Entity.ART),
)


def with_help(items: tuple[Variable, ...],
              texts: Mapping[str, tuple[str, str]]) -> tuple[Variable, ...]:
    """``items`` with their (Indonesian, English) explanations from ``texts``."""
    return tuple(
        replace(var, help_id=texts[var.key][0], help_en=texts[var.key][1])
        if var.key in texts else var
        for var in items
    )


def codes(*items: tuple[int, str, str]) -> tuple[Code, ...]:
    return tuple(Code(v, lid, len_) for v, lid, len_ in items)


def variables(entity: Entity) -> tuple[Variable, ...]:
    from siksdesk.domain.catalogue_art import ART_VARIABLES
    from siksdesk.domain.catalogue_ruta import RUTA_VARIABLES

    return RUTA_VARIABLES if entity is Entity.RUTA else ART_VARIABLES


def all_variables() -> Iterator[Variable]:
    yield from variables(Entity.RUTA)
    yield from variables(Entity.ART)


def variable(entity: Entity, key: str) -> Variable:
    for var in variables(entity):
        if var.key == key:
            return var
    raise KeyError(f"{entity}.{key}")


def by_excel_column(entity: Entity, layout: str) -> dict[str, Variable]:
    """Header (normalised: lower case, no spaces/underscores) -> variable, for one layout."""
    return {
        normalise_header(var.excel[layout]): var
        for var in variables(entity)
        if layout in var.excel
    }


def normalise_header(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def excel_to_value(var: Variable, raw: int | None) -> object:
    """Decode an Excel code into the stored value (yes/no codes become bool)."""
    if raw is None:
        return None
    if var.vtype is VarType.YESNO and var.yes_no is not None:
        if raw == var.yes_no.yes:
            return True
        if raw == var.yes_no.no:
            return False
        raise ValueError(f"{var.key}: {raw} is neither {var.yes_no.yes} nor {var.yes_no.no}")
    return raw


def value_to_excel(var: Variable, value: object) -> object:
    if value is None:
        return None
    if var.vtype is VarType.YESNO and var.yes_no is not None:
        return var.yes_no.yes if value else var.yes_no.no
    return value
