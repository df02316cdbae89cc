"""What blocks saving a household draft: catalogue codes and ranges, text lengths, and NIK/No. KK
hard errors (unless the operator keeps them, or the number is already stored). Each error names
its place in the draft ("families[0].members[1].nik") and the field, in Indonesian and English.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from siksdesk.domain.kk import check_kk
from siksdesk.domain.nik import check_nik
from siksdesk.domain.numbers import clean_identifier
from siksdesk.domain.problems import Problem, Severity, Verdict
from siksdesk.domain.variables import Entity, Variable, VarType, variables

if TYPE_CHECKING:
    from siksdesk.services.household_edit import HouseholdDraft

_RUTA_VARS = {v.key: v for v in variables(Entity.RUTA)}
_ART_VARS = {v.key: v for v in variables(Entity.ART)}
HEADER_TEXT_LIMITS = {"alamat": 200, "rt": 3, "rw": 3, "dusun": 80, "pencacah": 80, "pemeriksa": 80}
NAMA_LIMIT = 120
KEEP_NIK, KEEP_KK = "nik", "no_kk"

_FIELD_LABELS = {  # non-catalogue fields: (Indonesian, English)
    "alamat": ("Alamat", "Address"), "rt": ("RT", "RT"), "rw": ("RW", "RW"),
    "dusun": ("Dusun", "Hamlet (dusun)"), "pencacah": ("Pencacah", "Enumerator"),
    "pemeriksa": ("Pemeriksa", "Checker"), "no_urut": ("No. urut", "Number"),
    "nama": ("Nama", "Name"), "nik": ("NIK", "NIK"), "no_kk": ("No. KK", "Family card no."),
}
_MESSAGES = {  # message_id -> (Indonesian, English)
    "CODE_UNKNOWN": ("Kode {value} tidak ada dalam daftar “{field}”.",
                     "Code {value} is not in the list for “{field}”."),
    "OUT_OF_RANGE": ("“{field}” harus antara {minimum} dan {maximum}; yang diisi {value}.",
                     "“{field}” must be between {minimum} and {maximum}; it is {value}."),
    "WRONG_TYPE": ("Isian “{field}” tidak bisa dibaca ({value}).",
                   "“{field}” cannot be read ({value})."),
    "TOO_LONG": ("“{field}” terlalu panjang: paling banyak {maximum} karakter.",
                 "“{field}” is too long: at most {maximum} characters."),
    "NAME_EMPTY": ("Nama anggota belum diisi.", "The member's name is empty."),
    "NOT_DIGITS": ("“{field}” hanya boleh berisi angka 0–9, paling banyak 16 digit.",
                   "“{field}” may contain only the digits 0–9, at most 16."),
}


@dataclass(frozen=True, slots=True)
class FieldError:
    path: str  # "alamat", "jenis_lantai", "families[0].no_kk", "families[0].members[1].nik"
    message_id: str  # a code of _MESSAGES or a NIK/KK problem code
    text_id: str  # Indonesian, naming the field
    text_en: str

    def message(self, lang: str = "id") -> str:
        return self.text_en if lang == "en" else self.text_id


def validate_draft(draft: HouseholdDraft, kept: frozenset[tuple[str, str]] = frozenset(),
                   stored: Mapping[str, str | None] | None = None) -> list[FieldError]:
    """Everything that blocks saving, in form order. Missing required values do not block:
    field data arrive incomplete and must still be stored; they show up as findings. A NIK or
    No. KK blocks only when it is new: ``stored`` (uuid → number in the database) may hold a
    wrong number already — imported, or kept earlier — which stays flagged, not blocking."""
    stored = stored or {}
    errors: list[FieldError] = []
    for key, limit in HEADER_TEXT_LIMITS.items():
        text = getattr(draft, key) or ""
        if len(text) > limit:
            errors.append(_error(key, "TOO_LONG", key, maximum=limit))
    errors += _value_errors(draft.values, _RUTA_VARS, "")
    for f_index, family in enumerate(draft.families):
        prefix = f"families[{f_index}]."
        who = (f"Keluarga {f_index + 1}", f"Family {f_index + 1}")
        errors += _identifier_errors(family.no_kk, prefix + "no_kk", who,
                                     kept=(family.uuid, KEEP_KK) in kept,
                                     stored=stored.get(family.uuid))
        for m_index, member in enumerate(family.members):
            m_prefix = f"{prefix}members[{m_index}]."
            name = member.nama.strip()
            who = (f"Anggota “{name}”" if name else f"Anggota {m_index + 1} keluarga {f_index + 1}",
                   f"Member “{name}”" if name else f"Member {m_index + 1} of family {f_index + 1}")
            if not name:
                errors.append(_error(m_prefix + "nama", "NAME_EMPTY", "nama", who=who))
            elif len(name) > NAMA_LIMIT:
                errors.append(_error(m_prefix + "nama", "TOO_LONG", "nama", who=who,
                                     maximum=NAMA_LIMIT))
            errors += _identifier_errors(member.nik, m_prefix + "nik", who,
                                         kept=(member.uuid, KEEP_NIK) in kept,
                                         stored=stored.get(member.uuid))
            errors += _value_errors(member.values, _ART_VARS, m_prefix, who)
    return errors


def _identifier_errors(raw: str | None, path: str, who: tuple[str, str], *, kept: bool,
                       stored: str | None) -> list[FieldError]:
    """Hard errors of a NIK or No. KK (empty is allowed: the rules report it as a warning).
    ``kept``: the operator keeps a wrong number as a warning; it must still be digits."""
    if not raw:
        return []
    key = path.rsplit(".", 1)[-1]
    digits = clean_identifier(raw, key).digits
    if digits is None or len(digits) > 16:
        return [_error(path, "NOT_DIGITS", key, who=who)]
    if kept or digits == stored:
        return []
    check = check_nik(digits) if key == "nik" else check_kk(digits)
    if check.verdict is not Verdict.INVALID:
        return []
    return [_error(path, problem.code, key, who=who, problem=problem)
            for problem in check.problems if problem.severity is Severity.ERROR]


def _value_errors(values: Mapping[str, object], catalogue: Mapping[str, Variable], prefix: str,
                  who: tuple[str, str] | None = None) -> list[FieldError]:
    errors = []
    for key, value in values.items():
        var = catalogue.get(key)
        if var is None:
            raise ValueError(f"{key!r} is not a catalogue variable here")
        if value is None or var.allows(value):
            continue
        errors.append(_value_error(prefix + key, var, value, who))
    return errors


def _value_error(path: str, var: Variable, value: object,
                 who: tuple[str, str] | None) -> FieldError:
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if var.vtype is VarType.CODE and number:
        return _error(path, "CODE_UNKNOWN", var.key, who=who, value=value)
    if var.vtype in (VarType.INT, VarType.DECIMAL) and number:
        return _error(path, "OUT_OF_RANGE", var.key, who=who, value=value,
                      minimum=_bound(var.minimum), maximum=_bound(var.maximum))
    if var.vtype is VarType.TEXT and isinstance(value, str):
        return _error(path, "TOO_LONG", var.key, who=who, maximum=var.max_length)
    return _error(path, "WRONG_TYPE", var.key, who=who, value=repr(value)[:40])


def _bound(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"


def _error(path: str, message_id: str, key: str, *, who: tuple[str, str] | None = None,
           problem: Problem | None = None, **params: object) -> FieldError:
    """A FieldError whose texts name the field (and the member or family: "Anggota “Siti” —
    NIK: …"); the message comes from _MESSAGES or from a NIK/KK ``problem``."""
    var = _RUTA_VARS.get(key) or _ART_VARS.get(key)
    label = (var.label_id, var.label_en) if var else _FIELD_LABELS.get(key, (key, key))
    texts = [problem.message(lang) if problem is not None
             else _MESSAGES[message_id][i].format(field=label[i], **params)
             for i, lang in enumerate(("id", "en"))]
    if who is not None:
        texts = [f"{who[i]} — {label[i]}: {texts[i]}" for i in range(2)]
    return FieldError(path, message_id, texts[0], texts[1])
