"""Scoring a pair of people as a possible duplicate ("kemungkinan ganda").

Every piece of evidence adds or removes points and becomes a ``Reason`` (a stable code, its
parameters, the points): the score 0–100 is the sum, clamped, so the operator can always see why
a pair is listed. Names compare through ``domain.names`` (titles, spelling variants, initials).

Pairs that share a NIK are already a hard problem (``NIK_DUPLICATE`` in the worklist). They are
listed here too, never below ``SAME_NIK_FLOOR`` (the default threshold), because the operator
resolves them in the same way; when their names differ the reason says so: that is usually a NIK
copied onto the wrong person, to be fixed rather than deactivated.

Reason texts never contain a name or a full number: parameters are percentages and year counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from operator import ne
from typing import Final

from siksdesk.domain.names import NameMatchKind, NormalName, name_similarity, normalise_name

__all__ = [
    "DEFAULT_MIN_SCORE",
    "REASON_CODES",
    "SAME_NIK_FLOOR",
    "PairScore",
    "PersonFacts",
    "PreparedPerson",
    "Reason",
    "prepare",
    "reason_message",
    "score_pair",
]

DEFAULT_MIN_SCORE: Final = 50
SAME_NIK_FLOOR: Final = 50
MALE, FEMALE = 1, 2


@dataclass(frozen=True, slots=True)
class PersonFacts:
    """What the finder reads about one member, also what the operator sees side by side."""

    art_id: int
    uuid: str
    ruta_id: int
    keluarga_id: int
    nama: str
    nik: str | None
    no_kk: str | None
    tanggal_lahir: date | None
    jenis_kelamin: int | None  # 1 laki-laki, 2 perempuan
    nama_ibu_kandung: str | None
    dusun: str = ""
    rt: str = ""
    rw: str = ""
    alamat: str = ""
    ruta_no: int | None = None  # the household's no_urut (what the operator calls it)
    hubungan_krt: int | None = None
    keberadaan: int | None = None


@dataclass(frozen=True, slots=True)
class PreparedPerson:
    facts: PersonFacts
    name: NormalName
    mother: NormalName


def prepare(facts: PersonFacts) -> PreparedPerson:
    return PreparedPerson(facts, normalise_name(facts.nama), normalise_name(facts.nama_ibu_kandung))


# code -> (Indonesian, English); {percent} and {years} are the only parameters.
_TEXTS: Final[Mapping[str, tuple[str, str]]] = {
    "DUP_NIK_SAME": ("NIK sama", "Same NIK"),
    "DUP_NIK_SAME_OTHER_NAME": (
        "NIK sama tetapi namanya berbeda: kemungkinan NIK tersalin ke orang lain. Perbaiki NIK "
        "(Masalah data), jangan menonaktifkan orangnya.",
        "Same NIK but different names: the NIK was probably copied onto another person. Fix the "
        "NIK (Data problems) rather than deactivating the person."),
    "DUP_NIK_EXCEL": ("NIK sama kecuali digit terakhir yang menjadi 0 (rusak oleh Excel)",
                      "Same NIK except the last digit, turned into 0 (damaged by Excel)"),
    "DUP_NIK_NEAR": ("NIK hanya beda satu digit (mungkin salah ketik)",
                     "NIKs differ in one digit only (perhaps a typo)"),
    "DUP_NIK_SERIAL": (
        "NIK hanya beda nomor urut (4 digit terakhir): bisa saudara kembar, bisa juga satu "
        "orang yang terdaftar dua kali",
        "NIKs differ only in the serial (last 4 digits): twins, or one person registered twice"),
    "DUP_NIK_DIFFERENT": ("NIK berbeda", "Different NIKs"),
    "DUP_NAME_SAME": ("Nama sama", "Same name"),
    "DUP_NAME_SOUND": ("Nama sama bunyinya, ejaan berbeda", "Names sound the same, spelt "
                                                              "differently"),
    "DUP_NAME_INITIALS": ("Nama cocok dengan singkatan/inisial ({percent}%)",
                          "Names match by initials ({percent}%)"),
    "DUP_NAME_SIMILAR": ("Nama mirip ({percent}%)", "Similar names ({percent}%)"),
    "DUP_NAME_DIFFERENT": ("Nama berbeda ({percent}%)", "Different names ({percent}%)"),
    "DUP_BIRTH_SAME": ("Tanggal lahir sama", "Same birth date"),
    "DUP_BIRTH_SWAPPED": ("Tanggal lahir sama bila hari dan bulan ditukar",
                          "Same birth date with day and month swapped"),
    "DUP_BIRTH_SAME_YEAR": ("Tahun lahir sama, tanggal berbeda",
                            "Same birth year, different date"),
    "DUP_BIRTH_NEAR": ("Tahun lahir beda 1 tahun", "Birth years 1 year apart"),
    "DUP_BIRTH_DIFFERENT": ("Tahun lahir beda {years} tahun", "Birth years {years} years apart"),
    "DUP_SEX_SAME": ("Jenis kelamin sama", "Same sex"),
    "DUP_SEX_DIFFERENT": ("Jenis kelamin berbeda", "Different sex"),
    "DUP_MOTHER_SAME": ("Nama ibu kandung sama", "Same mother's name"),
    "DUP_MOTHER_SIMILAR": ("Nama ibu kandung mirip ({percent}%)",
                           "Similar mother's names ({percent}%)"),
    "DUP_MOTHER_DIFFERENT": ("Nama ibu kandung berbeda", "Different mother's names"),
    "DUP_KK_SAME": ("No. KK sama", "Same family card number"),
    "DUP_ADDRESS_SAME": ("Dusun dan RT sama", "Same dusun and RT"),
    "DUP_TWINS": (
        "Kemungkinan saudara kembar: satu keluarga, tanggal lahir sama, NIK berbeda",
        "Possibly twins: same family, same birth date, different NIKs"),
}
REASON_CODES: Final = frozenset(_TEXTS)


class _Params(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "?"


def reason_message(code: str, lang: str = "id", params: Iterable[tuple[str, object]] = ()) -> str:
    """The text for ``code`` in ``lang`` ("en" or Indonesian by default)."""
    texts = _TEXTS.get(code)
    if texts is None:
        return code
    return texts[1 if lang.lower().startswith("en") else 0].format_map(_Params(params))


@dataclass(frozen=True, slots=True)
class Reason:
    code: str
    points: int  # > 0 speaks for a duplicate, < 0 against
    params: tuple[tuple[str, object], ...] = ()

    @property
    def supports(self) -> bool:
        return self.points > 0

    def message(self, lang: str = "id") -> str:
        return reason_message(self.code, lang, self.params)


@dataclass(frozen=True, slots=True)
class PairScore:
    score: int  # 0..100
    reasons: tuple[Reason, ...]
    same_nik: bool


_Evidence = tuple[str, int, tuple[tuple[str, object], ...]]  # code, points, params
_NONE: Final[tuple[tuple[str, object], ...]] = ()
_NAME_CODES: Final = {NameMatchKind.SAME: ("DUP_NAME_SAME", 45),
                      NameMatchKind.SOUND: ("DUP_NAME_SOUND", 42),
                      NameMatchKind.INITIALS: ("DUP_NAME_INITIALS", 36)}
# The most a name and a mother's name can add: a pair whose other evidence already falls short
# by more is not compared by name at all (the finder's main saving).
_BEST_NAME, _BEST_MOTHER = 45, 14


def _name_evidence(a: NormalName, b: NormalName) -> tuple[_Evidence, bool]:
    """The name's evidence and whether the names are alike enough to be one person's."""
    match = name_similarity(a, b)
    percent = (("percent", match.score),)
    named = _NAME_CODES.get(match.kind)
    if named is not None:
        params = percent if match.kind is NameMatchKind.INITIALS else _NONE
        return (named[0], named[1], params), True
    if match.score >= 90:
        return ("DUP_NAME_SIMILAR", 32, percent), True
    if match.score >= 85:
        return ("DUP_NAME_SIMILAR", 24, percent), True
    if match.score >= 75:
        return ("DUP_NAME_SIMILAR", 14, percent), False
    return ("DUP_NAME_DIFFERENT", -25, percent), False


def _birth_evidence(a: date | None, b: date | None) -> _Evidence | None:
    if a is None or b is None:
        return None
    if a == b:
        return ("DUP_BIRTH_SAME", 30, _NONE)
    if a.year == b.year and a.day == b.month and a.month == b.day:
        return ("DUP_BIRTH_SWAPPED", 22, _NONE)
    years = abs(a.year - b.year)
    if years == 0:
        return ("DUP_BIRTH_SAME_YEAR", 6, _NONE)
    if years == 1:
        return ("DUP_BIRTH_NEAR", 0, _NONE)
    return ("DUP_BIRTH_DIFFERENT", -30, (("years", years),))


def _sex_evidence(a: int | None, b: int | None) -> _Evidence | None:
    if a not in (MALE, FEMALE) or b not in (MALE, FEMALE):
        return None
    return ("DUP_SEX_SAME", 4, _NONE) if a == b else ("DUP_SEX_DIFFERENT", -30, _NONE)


def _mother_evidence(a: NormalName, b: NormalName) -> _Evidence | None:
    if a.empty or b.empty:
        return None
    match = name_similarity(a, b)
    if match.kind in (NameMatchKind.SAME, NameMatchKind.SOUND):
        return ("DUP_MOTHER_SAME", _BEST_MOTHER, _NONE)
    if match.score >= 80:
        return ("DUP_MOTHER_SIMILAR", 9 if match.score >= 90 else 5,
                (("percent", match.score),))
    if match.score < 60:
        return ("DUP_MOTHER_DIFFERENT", -12, _NONE)
    return None


def _nik_evidence(a: str | None, b: str | None) -> _Evidence | None:
    """Same NIK (named later, once the names are compared), a NIK Excel cut short, a one-digit
    typo, two NIKs that differ only in the serial (issued for the same birth date: twins, or one
    person registered twice) or simply two NIKs."""
    if not a or not b:
        return None
    if a == b:
        return ("DUP_NIK_SAME", 45, _NONE)
    if len(a) != len(b):
        return _NIK_DIFFERENT
    if a[:-1] == b[:-1]:
        return ("DUP_NIK_EXCEL", 20, _NONE) if "0" in (a[-1], b[-1]) else _NIK_SERIAL
    if len(a) == 16 and a[:12] == b[:12]:
        return _NIK_SERIAL
    if sum(map(ne, a, b)) == 1:
        return ("DUP_NIK_NEAR", 10, _NONE)
    return _NIK_DIFFERENT


_NIK_DIFFERENT: Final[_Evidence] = ("DUP_NIK_DIFFERENT", -12, _NONE)
_NIK_SERIAL: Final[_Evidence] = ("DUP_NIK_SERIAL", -5, _NONE)
_KK_SAME: Final[_Evidence] = ("DUP_KK_SAME", 4, _NONE)
_ADDRESS_SAME: Final[_Evidence] = ("DUP_ADDRESS_SAME", 3, _NONE)


def score_pair(a: PreparedPerson, b: PreparedPerson, min_score: int = 0) -> PairScore | None:
    """The duplicate score of two people and the reasons behind it, or ``None`` when the score
    is below ``min_score`` (a pair sharing a NIK is never below ``SAME_NIK_FLOOR``)."""
    fa, fb = a.facts, b.facts
    found: list[_Evidence] = []
    points = 0
    for evidence in (_nik_evidence(fa.nik, fb.nik),
                     _birth_evidence(fa.tanggal_lahir, fb.tanggal_lahir),
                     _sex_evidence(fa.jenis_kelamin, fb.jenis_kelamin)):
        if evidence is not None:
            found.append(evidence)
            points += evidence[1]
    codes = {evidence[0] for evidence in found}
    same_nik = "DUP_NIK_SAME" in codes
    same_kk = bool(fa.no_kk) and fa.no_kk == fb.no_kk
    if same_kk:
        found.append(_KK_SAME)
        points += _KK_SAME[1]
    if fa.rt and fa.rt == fb.rt and fa.dusun and fa.dusun == fb.dusun:
        found.append(_ADDRESS_SAME)
        points += _ADDRESS_SAME[1]
    floor = SAME_NIK_FLOOR if same_nik else 0
    if points + _BEST_NAME + _BEST_MOTHER < min_score and floor < min_score:
        return None
    name, names_alike = _name_evidence(a.name, b.name)
    points += name[1]
    if max(points + _BEST_MOTHER, floor) < min_score:
        return None
    mother = _mother_evidence(a.mother, b.mother)
    if mother is not None:
        found.append(mother)
        points += mother[1]
    if ((same_kk or fa.keluarga_id == fb.keluarga_id) and "DUP_BIRTH_SAME" in codes
            and ("DUP_NIK_DIFFERENT" in codes or "DUP_NIK_SERIAL" in codes)
            and name[0] not in ("DUP_NAME_SAME", "DUP_NAME_SOUND")):
        found.append(("DUP_TWINS", -25, _NONE))
        points -= 25
    score = max(floor, min(100, max(0, points)))
    if score < min_score:
        return None
    if same_nik and not names_alike:
        found[0] = ("DUP_NIK_SAME_OTHER_NAME", 45, _NONE)
    found.insert(0, name)
    found.sort(key=lambda e: -abs(e[1]))
    return PairScore(score, tuple(Reason(code, pts, params) for code, pts, params in found),
                     same_nik)
