"""The district's "NIK tidak valid / tidak padan Dukcapil" list: matching its rows to the
village's people, issue statuses and the bilingual texts of the "Perbaikan NIK" worklist.

Matching order (district practice, issue 4): the NIK; then the district's member ID (IDARTBDT);
then the household ID (IDBDT) narrowed to one member by name or birth date; then name + birth
date. A key that finds several people ends the search as *ambiguous*: the operator decides, the
program never guesses. A NIK that Excel damaged is never used as a key.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Final

from siksdesk.domain import names

__all__ = [
    "DismissReason",
    "IssueStatus",
    "ListKeys",
    "Match",
    "MatchedBy",
    "PersonIndex",
    "PersonKeys",
    "dismiss_label",
    "issue_text",
    "matched_by_label",
    "normalise_name",
    "status_label",
]


class MatchedBy(StrEnum):
    NIK = "nik"
    IDARTBDT = "idartbdt"
    IDBDT = "idbdt"
    NAME_BIRTH = "name_birth"
    NONE = "none"  # nobody in the village
    AMBIGUOUS = "ambiguous"  # several people: the operator decides


class IssueStatus(StrEnum):
    OPEN = "open"
    FIXED = "fixed"
    DEACTIVATION = "deactivation"  # a deactivation usulan was made
    DISMISSED = "dismissed"


class DismissReason(StrEnum):
    """Why an issue is closed without a NIK fix or a deactivation."""

    NOT_IN_VILLAGE = "bukan_warga"  # the list names someone the village does not hold
    NIK_CORRECT = "nik_benar"  # Dukcapil confirmed the NIK; name/birth date were corrected


_LABELS: Final[dict[str, tuple[str, str]]] = {
    MatchedBy.NIK: ("NIK", "NIK"),
    MatchedBy.IDARTBDT: ("ID ART (IDARTBDT)", "member ID (IDARTBDT)"),
    MatchedBy.IDBDT: ("ID ruta (IDBDT) + nama", "household ID (IDBDT) + name"),
    MatchedBy.NAME_BIRTH: ("nama + tanggal lahir", "name + birth date"),
    MatchedBy.NONE: ("tidak ditemukan di data desa", "not found in the village data"),
    MatchedBy.AMBIGUOUS: ("lebih dari satu kemungkinan", "more than one candidate"),
    IssueStatus.OPEN: ("Belum ditangani", "Open"),
    IssueStatus.FIXED: ("NIK sudah diperbaiki", "NIK fixed"),
    IssueStatus.DEACTIVATION: ("Diusulkan nonaktif", "Proposed for deactivation"),
    IssueStatus.DISMISSED: ("Ditutup", "Closed"),
    DismissReason.NOT_IN_VILLAGE: ("Bukan warga desa ini", "Not a resident of this village"),
    DismissReason.NIK_CORRECT: ("NIK sudah benar (data lain diperbaiki)",
                                "NIK is correct (other data corrected)"),
}


def _label(key: str, lang: str) -> str:
    texts = _LABELS.get(key, (key, key))
    return texts[1] if lang == "en" else texts[0]


def matched_by_label(matched_by: str, lang: str = "id") -> str:
    return _label(MatchedBy(matched_by), lang)


def status_label(status: str, lang: str = "id") -> str:
    return _label(IssueStatus(status), lang)


def dismiss_label(reason: str, lang: str = "id") -> str:
    return _label(DismissReason(reason), lang)


# --- texts: row problems, refusals, rejections -------------------------------------------------
# Parameters are row numbers, column names, counts, masked numbers: never a name or full NIK.
_TEXTS: Final[dict[str, tuple[str, str]]] = {
    "ROW_NO_KEYS": (
        "Baris ini tidak punya NIK yang terbaca, ID (IDARTBDT/IDBDT), maupun nama: tidak bisa "
        "dicocokkan dengan siapa pun.",
        "This row has no readable NIK, no ID (IDARTBDT/IDBDT) and no name: it cannot be matched "
        "to anyone.",
    ),
    "ROW_NIK_UNUSABLE": (
        "Kolom {column}: NIK tidak dipakai untuk pencocokan ({reason}); dicocokkan dengan kunci "
        "lain.",
        "Column {column}: the NIK is not used for matching ({reason}); other keys are used.",
    ),
    "ROW_DATE_UNREADABLE": (
        "Kolom {column}: tanggal lahir tidak terbaca ({reason}).",
        "Column {column}: the birth date cannot be read ({reason}).",
    ),
    "ROW_NAME_DIFFERS": (
        "Cocok lewat NIK, tetapi nama di daftar Dinsos berbeda dengan nama di data desa.",
        "Matched by NIK, but the name on the district's list differs from the village data.",
    ),
    "ROW_NIK_DIFFERS": (
        "Orang ini di data desa memakai NIK lain ({village_nik}) daripada yang dilaporkan.",
        "In the village data this person has another NIK ({village_nik}) than the one reported.",
    ),
    "ROW_AMBIGUOUS": (
        "{count} orang di data desa cocok ({matched_by}); pilih sendiri, program tidak menebak.",
        "{count} people in the village data match ({matched_by}); choose yourself, the program "
        "does not guess.",
    ),
    "ROW_UNMATCHED": (
        "Tidak ditemukan di data desa.",
        "Not found in the village data.",
    ),
    "ROW_ALREADY_LISTED": (
        "Sudah ada di daftar Perbaikan NIK (dari impor sebelumnya atau baris lain di file ini).",
        "Already in the NIK-fix list (from an earlier import or another row of this file).",
    ),
    "LIST_NOT_RECOGNISED": (
        "File {file}, lembar {sheet}: baris judul kolom daftar NIK tidak valid tidak ditemukan. "
        "Diperlukan kolom NIK dan setidaknya satu dari NAMA, IDARTBDT atau IDBDT.",
        "File {file}, sheet {sheet}: no header row of an invalid-NIK list was found. A NIK "
        "column and at least one of NAMA, IDARTBDT or IDBDT are needed.",
    ),
    "LIST_EMPTY": (
        "File {file}, lembar {sheet}: daftar tidak berisi satu baris data pun.",
        "File {file}, sheet {sheet}: the list holds no data row.",
    ),
    "LIST_CHANGED": (
        "File {file} berubah sejak pratinjau. Buka pratinjau lagi sebelum mengimpor.",
        "The file {file} changed since the preview. Preview it again before importing.",
    ),
    "ISSUE_GONE": (
        "Data perbaikan NIK ini sudah tidak ada.",
        "This NIK-fix item no longer exists.",
    ),
    "ISSUE_NOT_OPEN": (
        "Data perbaikan NIK ini sudah ditangani ({status}).",
        "This NIK-fix item has already been handled ({status}).",
    ),
    "ISSUE_NO_PERSON": (
        "Baris ini belum terhubung ke seorang warga di data desa. Cari orangnya lewat daftar "
        "ruta, atau tutup baris ini bila memang bukan warga desa ini.",
        "This item is not linked to a person in the village data. Look the person up in the "
        "household list, or close the item if they are not a resident here.",
    ),
    "FIX_INVALID": (
        "NIK baru tidak valid: {problems}",
        "The new NIK is invalid: {problems}",
    ),
    "FIX_SAME_AS_REPORTED": (
        "NIK baru sama dengan NIK yang dilaporkan Dinsos tidak valid. Bila NIK ini memang "
        "benar menurut Dukcapil, perbaiki nama/tanggal lahir di data rumah tangga, lalu tutup "
        "baris ini dengan alasan “NIK sudah benar”.",
        "The new NIK equals the NIK the district reported as invalid. If Dukcapil confirms it "
        "is right, correct the name/birth date in the household, then close this item with "
        "“NIK is correct”.",
    ),
    "FIX_NIK_TAKEN": (
        "NIK ini sudah dipakai oleh {nama} (ruta no. {ruta_no}). Satu NIK hanya untuk satu "
        "orang: periksa kembali KTP/KK.",
        "This NIK is already used by {nama} (household no. {ruta_no}). One NIK belongs to one "
        "person: check the ID card / family card again.",
    ),
    "DEACTIVATION_REASON": (
        "Alasan nonaktif untuk NIK tidak padan hanya: {reasons}.",
        "For an unmatched NIK the deactivation reason can only be: {reasons}.",
    ),
}


def issue_text(code: str, lang: str = "id", /, **params: object) -> str:
    """The text for ``code`` in ``lang`` (unknown placeholders show as "?"). Parameters that are
    matching keys, statuses or reasons are shown as their label in ``lang``."""
    texts = _TEXTS.get(code)
    if texts is None:
        return code
    template = texts[1] if lang == "en" else texts[0]
    values = {k: _label(v, lang) if isinstance(v, MatchedBy | IssueStatus | DismissReason)
              else v for k, v in params.items()}
    return template.format_map(_Params(values))


class _Params(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "?"


# --- names --------------------------------------------------------------------------------------

def normalise_name(name: str | None) -> str:
    """Compare-form of a name (the duplicate finder's normaliser: case, accents, punctuation,
    titles and old spellings ignored). Matching compares these forms exactly: with the birth
    date or the household beside it, fuzzier would attach issues to the wrong person."""
    return names.normalise_name(name).text


# --- matching -----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True, repr=False)
class PersonKeys:
    """What the village holds about one person, for matching."""

    art_id: int
    ruta_id: int
    nik: str | None
    idartbdt: str | None
    idbdt: str | None  # the household's
    nama: str
    birth_date: date | None

    def __repr__(self) -> str:
        return f"PersonKeys(art_id={self.art_id}, ruta_id={self.ruta_id})"


@dataclass(frozen=True, slots=True, repr=False)
class ListKeys:
    """The usable keys of one list row (a damaged NIK is None here)."""

    nik: str | None = None
    idartbdt: str | None = None
    idbdt: str | None = None
    nama: str = ""
    birth_date: date | None = None

    def __repr__(self) -> str:
        return "ListKeys(…)"

    @property
    def usable(self) -> bool:
        return bool(self.nik or self.idartbdt or self.idbdt or normalise_name(self.nama))


@dataclass(frozen=True, slots=True)
class Match:
    matched_by: MatchedBy
    art_ids: tuple[int, ...] = ()  # one when matched, several when ambiguous
    key: MatchedBy | None = None  # for an ambiguous match: the key that found several
    name_differs: bool = False  # matched by NIK or ID, but the names disagree

    @property
    def art_id(self) -> int | None:
        return self.art_ids[0] if len(self.art_ids) == 1 and self.is_match else None

    @property
    def is_match(self) -> bool:
        return self.matched_by not in (MatchedBy.NONE, MatchedBy.AMBIGUOUS)


_NONE: Final = Match(MatchedBy.NONE)


def _clean_id(value: str | None) -> str | None:
    text = (value or "").strip()
    return text or None


@dataclass(slots=True)
class PersonIndex:
    """Look-up tables over the village's people (built once per import: ~0.1 s per 50,000)."""

    people: dict[int, PersonKeys] = field(default_factory=dict)
    by_nik: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_idartbdt: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_idbdt: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_name_birth: dict[tuple[str, date], list[int]] = field(
        default_factory=lambda: defaultdict(list))
    names: dict[int, str] = field(default_factory=dict)

    @classmethod
    def build(cls, people: Iterable[PersonKeys]) -> PersonIndex:
        index = cls()
        for person in people:
            index.add(person)
        return index

    def add(self, person: PersonKeys) -> None:
        art_id = person.art_id
        self.people[art_id] = person
        name = normalise_name(person.nama)
        self.names[art_id] = name
        if person.nik:
            self.by_nik[person.nik].append(art_id)
        if (idartbdt := _clean_id(person.idartbdt)) is not None:
            self.by_idartbdt[idartbdt].append(art_id)
        if (idbdt := _clean_id(person.idbdt)) is not None:
            self.by_idbdt[idbdt].append(art_id)
        if name and person.birth_date is not None:
            self.by_name_birth[(name, person.birth_date)].append(art_id)

    def match(self, keys: ListKeys) -> Match:
        name = normalise_name(keys.nama)
        if keys.nik and (found := self.by_nik.get(keys.nik)):
            return self._result(MatchedBy.NIK, found, name)
        idartbdt = _clean_id(keys.idartbdt)
        if idartbdt is not None and (found := self.by_idartbdt.get(idartbdt)):
            return self._result(MatchedBy.IDARTBDT, found, name)
        idbdt = _clean_id(keys.idbdt)
        if idbdt is not None and (members := self.by_idbdt.get(idbdt)):
            narrowed = self._narrow(members, name, keys.birth_date)
            if narrowed:
                return self._result(MatchedBy.IDBDT, narrowed, name)
        if name and keys.birth_date is not None:
            found = self.by_name_birth.get((name, keys.birth_date))
            if found:
                return self._result(MatchedBy.NAME_BIRTH, found, name)
        return _NONE

    def _narrow(self, members: Sequence[int], name: str, birth: date | None) -> list[int]:
        """Members of one household who fit the row's name, then its birth date."""
        found = list(members)
        if name:
            found = [a for a in found if self.names[a] == name]
        if len(found) > 1 and birth is not None:
            found = [a for a in found if self.people[a].birth_date == birth]
        return found  # several left: ambiguous

    def _result(self, key: MatchedBy, found: Sequence[int], name: str) -> Match:
        if len(found) > 1:
            return Match(MatchedBy.AMBIGUOUS, tuple(sorted(found)), key=key)
        art_id = found[0]
        differs = bool(name) and key is not MatchedBy.NAME_BIRTH and self.names[art_id] != name
        return Match(key, (art_id,), name_differs=differs)
