"""Cross-field checks on one household: identifiers, consistency with the record, required
fields, the head of household. Pure: the caller gathers facts, this returns findings.

Village-wide duplicates need every NIK at once; ``find_duplicate_niks`` in ``nik`` does that and
the caller adds ``duplicate_problem`` findings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from siksdesk.domain.kk import check_kk
from siksdesk.domain.nik import check_nik, check_nik_against_record
from siksdesk.domain.problems import Problem, make_problem
from siksdesk.domain.variables import Entity, Variable, variables

# Keberadaan codes of members who still live in the household (tinggal bersama, anggota baru).
PRESENT = frozenset({1, 5})
_PRESENT_OR_UNKNOWN = PRESENT | {0}  # keberadaan not filled counts as present
HEAD_OF_HOUSEHOLD = 1
VERIFIED = 1  # hasil verivali "selesai diverivali"
SEX_BY_CODE = {1: "L", 2: "P"}


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

    def add(problem: Problem, field_key: str | None = None) -> None:
        found.append(Finding(field_key or problem.field, problem, art_id=member.art_id,
                             keluarga_id=member.keluarga_id))

    if not member.nama.strip():
        add(make_problem("FIELD_MISSING", "nama", variable="nama"))
    if member.nik is None:
        add(make_problem("ART_NO_NIK", "nik"))
    else:
        check = check_nik(member.nik, today=today)
        for problem in check.problems:
            add(problem)
        if member.nik_from_number:
            add(make_problem("NUM_FROM_NUMBER", "nik", loss=_loss_term()))
        sex = SEX_BY_CODE.get(_int(member.values.get("jenis_kelamin")))
        birth = member.values.get("tanggal_lahir")
        for problem in check_nik_against_record(
            check, sex=sex, birth_date=birth if isinstance(birth, date) else None,
            no_kk=member.no_kk, today=today,
        ):
            add(problem)
    if _int(member.values.get("keberadaan")) in _PRESENT_OR_UNKNOWN:
        for var in _required(Entity.ART):
            if member.values.get(var.key) in (None, ""):
                add(make_problem("FIELD_MISSING", var.key, variable=var.key), var.key)
    return found


def family_findings(family: FamilyFacts, *, today: date) -> list[Finding]:
    if family.no_kk is None:
        problems: Sequence[Problem] = (make_problem("KK_MISSING", "no_kk"),)
    else:
        problems = check_kk(family.no_kk, today=today).problems
        if family.no_kk_from_number:
            problems = (*problems, make_problem("NUM_FROM_NUMBER", "no_kk", loss=_loss_term()))
    return [Finding("no_kk", p, keluarga_id=family.keluarga_id) for p in problems]


def household_findings(ruta_values: Mapping[str, object], families: Iterable[FamilyFacts],
                       members: Iterable[MemberFacts], *, today: date) -> list[Finding]:
    members = list(members)
    found: list[Finding] = []
    for family in families:
        found.extend(family_findings(family, today=today))
    for member in members:
        found.extend(member_findings(member, today=today))
    verified = _int(ruta_values.get("hasil_verivali")) in (0, VERIFIED)
    if verified:
        for var in _required(Entity.RUTA):
            if ruta_values.get(var.key) is None:
                found.append(Finding(var.key, make_problem("FIELD_MISSING", var.key,
                                                           variable=var.key)))
        present = [m for m in members if _int(m.values.get("keberadaan")) in _PRESENT_OR_UNKNOWN]
        heads = [m for m in present if _int(m.values.get("hubungan_krt")) == HEAD_OF_HOUSEHOLD]
        if present and not heads:
            found.append(Finding("hubungan_krt", make_problem("RUTA_NO_HEAD", "hubungan_krt")))
        elif len(heads) > 1:
            for head in heads:
                found.append(Finding("hubungan_krt",
                                     make_problem("RUTA_MANY_HEADS", "hubungan_krt",
                                                  count=len(heads)), art_id=head.art_id))
    return found


@cache
def _required(entity: Entity) -> tuple[Variable, ...]:
    return tuple(v for v in variables(entity) if v.required)


def _int(value: object) -> int:
    """Codes as int; 0 stands for "not filled" so a missing code never matches a real one."""
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _loss_term() -> object:
    from siksdesk.domain.problems import Term

    return Term.LOSS_POSSIBLE
