"""Cross-field checks on one household: identifiers, consistency with the record, required
fields, the head of household. Pure: the caller gathers facts, this returns findings.

Village-wide duplicates need every NIK at once; ``find_duplicate_niks`` in ``nik`` does that and
the caller adds ``duplicate_problem`` findings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Final

from siksdesk.domain.kk import kk_problems
from siksdesk.domain.nik import Sex, nik_problems
from siksdesk.domain.problems import Problem, Term, make_problem
from siksdesk.domain.variables import Entity, Variable, variables

# Keberadaan codes of members who still live in the household (tinggal bersama, anggota baru).
PRESENT = frozenset({1, 5})
_PRESENT_OR_UNKNOWN = PRESENT | {0}  # keberadaan not filled counts as present
HEAD_OF_HOUSEHOLD = 1
VERIFIED = 1  # hasil verivali "selesai diverivali"
SEX_BY_CODE = {1: "L", 2: "P"}
_SEX_BY_CODE: Final = {1: Sex.MALE, 2: Sex.FEMALE}  # the same values, as nik_problems wants them
# Problems without varying parameters: a Problem is immutable, so one instance serves every finding.
_EMPTY: Final = (None, "")
_NAMA_MISSING: Final = make_problem("FIELD_MISSING", "nama", variable="nama")
_NO_NIK: Final = make_problem("ART_NO_NIK", "nik")
_NIK_FROM_NUMBER: Final = make_problem("NUM_FROM_NUMBER", "nik", loss=Term.LOSS_POSSIBLE)
_KK_FROM_NUMBER: Final = make_problem("NUM_FROM_NUMBER", "no_kk", loss=Term.LOSS_POSSIBLE)
_KK_MISSING: Final = make_problem("KK_MISSING", "no_kk")
_NO_HEAD: Final = make_problem("RUTA_NO_HEAD", "hubungan_krt")


@dataclass(frozen=True, slots=True)
class MemberFacts:
    art_id: int
    nama: str
    nik: str | None
    nik_from_number: bool = False
    temp_id: str | None = None
    no_kk: str | None = None
    keluarga_id: int | None = None
    values: Mapping[str, object] = field(default_factory=dict)  # catalogue variables


@dataclass(frozen=True, slots=True)
class FamilyFacts:
    keluarga_id: int
    no_kk: str | None
    no_kk_from_number: bool = False


@dataclass(frozen=True, slots=True)
class Finding:
    field: str  # column key: "nik", "no_kk", "nama", a catalogue variable key …
    problem: Problem
    art_id: int | None = None
    keluarga_id: int | None = None


def member_findings(member: MemberFacts, *, today: date) -> list[Finding]:
    found: list[Finding] = []
    keberadaan = member.values.get("keberadaan")
    present = _int(keberadaan) in _PRESENT_OR_UNKNOWN
    _add_member_findings(found, member, present, today)
    return found


def _add_member_findings(found: list[Finding], member: MemberFacts, present: bool,
                         today: date) -> None:
    art_id, keluarga_id, values = member.art_id, member.keluarga_id, member.values
    if not member.nama.strip():
        found.append(Finding("nama", _NAMA_MISSING, art_id, keluarga_id))
    nik = member.nik
    if nik is None:
        found.append(Finding("nik", _NO_NIK, art_id, keluarga_id))
    else:
        code = values.get("jenis_kelamin")
        birth = values.get("tanggal_lahir")
        nik_found, record_found = nik_problems(
            nik, sex=_SEX_BY_CODE.get(code if type(code) is int else _int(code)),
            birth_date=birth if isinstance(birth, date) else None, no_kk=member.no_kk,
            today=today,
        )
        for problem in nik_found:
            found.append(Finding(problem.field, problem, art_id, keluarga_id))
        if member.nik_from_number:
            found.append(Finding("nik", _NIK_FROM_NUMBER, art_id, keluarga_id))
        for problem in record_found:
            found.append(Finding(problem.field, problem, art_id, keluarga_id))
    if present:
        get = values.get
        for key, problem in _missing_problems(Entity.ART):
            if get(key) in _EMPTY:
                found.append(Finding(key, problem, art_id, keluarga_id))


def family_findings(family: FamilyFacts, *, today: date) -> list[Finding]:
    keluarga_id = family.keluarga_id
    if family.no_kk is None:
        return [Finding("no_kk", _KK_MISSING, keluarga_id=keluarga_id)]
    problems = kk_problems(family.no_kk, today=today)
    if family.no_kk_from_number:
        problems += (_KK_FROM_NUMBER,)
    return [Finding("no_kk", p, keluarga_id=keluarga_id) for p in problems]


def household_findings(ruta_values: Mapping[str, object], families: Iterable[FamilyFacts],
                       members: Iterable[MemberFacts], *, today: date) -> list[Finding]:
    found: list[Finding] = []
    for family in families:
        found.extend(family_findings(family, today=today))
    any_present = False
    heads: list[MemberFacts] = []
    for member in members:
        values = member.values
        keberadaan = values.get("keberadaan")
        present = (keberadaan if type(keberadaan) is int else _int(keberadaan)
                   ) in _PRESENT_OR_UNKNOWN
        _add_member_findings(found, member, present, today)
        if present:
            any_present = True
            relation = values.get("hubungan_krt")
            if (relation if type(relation) is int else _int(relation)) == HEAD_OF_HOUSEHOLD:
                heads.append(member)
    if _int(ruta_values.get("hasil_verivali")) in (0, VERIFIED):
        for key, problem in _missing_problems(Entity.RUTA):
            if ruta_values.get(key) is None:
                found.append(Finding(key, problem))
        if any_present and not heads:
            found.append(Finding("hubungan_krt", _NO_HEAD))
        elif len(heads) > 1:
            many = make_problem("RUTA_MANY_HEADS", "hubungan_krt", count=len(heads))
            for head in heads:
                found.append(Finding("hubungan_krt", many, art_id=head.art_id))
    return found


@cache
def _required(entity: Entity) -> tuple[Variable, ...]:
    return tuple(v for v in variables(entity) if v.required)


@cache
def _missing_problems(entity: Entity) -> tuple[tuple[str, Problem], ...]:
    """(key, its FIELD_MISSING problem) per required variable."""
    return tuple((v.key, make_problem("FIELD_MISSING", v.key, variable=v.key))
                 for v in _required(entity))


def _int(value: object) -> int:
    """Codes as int; 0 stands for "not filled" so a missing code never matches a real one."""
    return value if isinstance(value, int) and not isinstance(value, bool) else 0

