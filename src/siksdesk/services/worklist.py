"""The "Masalah data" worklist: every stored problem, counted per kind and paged per kind.

Reads ``record_problem`` (kept current by ``services.derived`` on every save, import and demo
build). Counting scans the covering index ``(code, ruta_id)``; a page of one kind walks the same
index in ``(ruta_id, id)`` order, so both stay in the milliseconds on a 50,000-person village.
Messages come from the bilingual catalogue in ``domain.problems``; their parameters never hold a
full NIK or No. KK, and any long digit run is masked again here as a last line of defence.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Final

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from siksdesk.domain.nik import mask_nik
from siksdesk.domain.problems import PROBLEM_CODES, Severity, Term, message_for
from siksdesk.domain.variables import Entity, variable
from siksdesk.models import Art, HouseholdIndex, RecordProblem, Ruta

__all__ = [
    "KindCount",
    "WorkItem",
    "field_label",
    "households_with_problems",
    "kind_family",
    "kind_title",
    "problem_counts",
    "worklist_page",
]

_TERM_VALUES: Final = {term.value: term for term in Term}
_LONG_DIGITS: Final = re.compile(r"\d{15,}")

# --- kind names: a short title per code family, plus a detail where a family has several codes
_FAMILIES: Final[dict[str, tuple[str, str]]] = {
    "nik_invalid": ("NIK tidak valid", "Invalid NIK"),
    "nik_check": ("NIK perlu diperiksa", "NIK needs a check"),
    "nik_duplicate": ("NIK ganda", "Duplicate NIK"),
    "nik_record": ("NIK tidak cocok dengan data", "NIK does not match the record"),
    "no_nik": ("Belum punya NIK", "No NIK yet"),
    "number": ("Nomor tidak terbaca", "Unreadable number"),
    "excel": ("Rusak oleh Excel", "Damaged by Excel"),
    "kk": ("No. KK bermasalah", "Family card number problem"),
    "field_missing": ("Isian wajib kosong", "Required field empty"),
    "head": ("Kepala rumah tangga", "Head of household"),
}

_KINDS: Final[dict[str, tuple[str, str, str]]] = {  # code → (family, detail id, detail en)
    "NUM_EMPTY": ("number", "kosong", "empty"),
    "NUM_NON_ASCII_DIGIT": ("number", "angka huruf lain", "foreign digits"),
    "NUM_BAD_CHARACTER": ("number", "bukan angka", "not a digit"),
    "NUM_SCIENTIFIC": ("excel", "angka ilmiah", "scientific notation"),
    "NUM_EXCEL_ERROR": ("excel", "kesalahan rumus", "formula error"),
    "NUM_NOT_INTEGER": ("excel", "pecahan atau negatif", "fraction or negative"),
    "NUM_BAD_TYPE": ("excel", "jenis data salah", "wrong data type"),
    "NUM_FROM_NUMBER": ("excel", "sel angka", "numeric cell"),
    "NIK_LENGTH": ("nik_invalid", "jumlah digit salah", "wrong length"),
    "NIK_LENGTH_15": ("nik_invalid", "hanya 15 digit", "only 15 digits"),
    "NIK_DUMMY": ("nik_invalid", "nomor sembarang", "placeholder"),
    "NIK_PROVINCE": ("nik_invalid", "kode provinsi", "province code"),
    "NIK_DAY": ("nik_invalid", "tanggal lahir", "birth day"),
    "NIK_MONTH": ("nik_invalid", "bulan lahir", "birth month"),
    "NIK_DATE": ("nik_invalid", "tanggal tidak ada", "no such date"),
    "NIK_SERIAL_ZERO": ("nik_invalid", "nomor urut 0000", "serial 0000"),
    "NIK_KABKOTA_UNKNOWN": ("nik_check", "kode kabupaten/kota", "regency code"),
    "NIK_KECAMATAN_UNKNOWN": ("nik_check", "kode kecamatan", "district code"),
    "NIK_FUTURE_BIRTH": ("nik_check", "lahir di masa depan", "born in the future"),
    "NIK_TOO_OLD": ("nik_check", "umur lebih dari 110", "older than 110"),
    "NIK_TRAILING_ZERO": ("nik_check", "berakhiran 0", "ends in 0"),
    "NIK_EQUALS_KK": ("nik_check", "sama dengan No. KK", "same as No. KK"),
    "NIK_SEX_MISMATCH": ("nik_record", "jenis kelamin", "sex"),
    "NIK_BIRTHDATE_MISMATCH": ("nik_record", "tanggal lahir", "birth date"),
    "NIK_DUPLICATE": ("nik_duplicate", "", ""),
    "ART_NO_NIK": ("no_nik", "", ""),
    "KK_LENGTH": ("kk", "jumlah digit salah", "wrong length"),
    "KK_LENGTH_15": ("kk", "hanya 15 digit", "only 15 digits"),
    "KK_DUMMY": ("kk", "nomor sembarang", "placeholder"),
    "KK_PROVINCE": ("kk", "kode provinsi", "province code"),
    "KK_KABKOTA_UNKNOWN": ("kk", "kode kabupaten/kota", "regency code"),
    "KK_KECAMATAN_UNKNOWN": ("kk", "kode kecamatan", "district code"),
    "KK_DATE_UNUSUAL": ("kk", "tanggal tidak wajar", "unusual date"),
    "KK_SERIAL_ZERO": ("kk", "nomor urut 0000", "serial 0000"),
    "KK_MISSING": ("kk", "belum diisi", "empty"),
    "FIELD_MISSING": ("field_missing", "", ""),
    "RUTA_NO_HEAD": ("head", "tidak ada", "none"),
    "RUTA_MANY_HEADS": ("head", "lebih dari satu", "more than one"),
}

_FIELDS: Final[dict[str, tuple[str, str]]] = {
    "nik": ("NIK", "NIK"),
    "no_kk": ("No. KK", "Family card no."),
    "nama": ("Nama", "Name"),
}


def _en(lang: str) -> bool:
    return lang.lower().startswith("en")


def kind_family(code: str) -> str:
    """The family key of a problem code ("nik_invalid", "kk", …; the code itself if unknown)."""
    return _KINDS[code][0] if code in _KINDS else code


def kind_title(code: str, lang: str = "id") -> str:
    """A short name for a kind of problem: "NIK tidak valid: nomor urut 0000"."""
    kind = _KINDS.get(code)
    if kind is None:
        return code
    family, detail_id, detail_en = kind
    title = _FAMILIES[family][1 if _en(lang) else 0]
    detail = detail_en if _en(lang) else detail_id
    return f"{title}: {detail}" if detail else title


def field_label(field: str, lang: str = "id") -> str:
    """The column a problem points at, in words (a catalogue label, "NIK", "No. KK", …)."""
    fixed = _FIELDS.get(field)
    if fixed is not None:
        return fixed[1 if _en(lang) else 0]
    for entity in (Entity.ART, Entity.RUTA):
        try:
            return variable(entity, field).label("en" if _en(lang) else "id")
        except KeyError:
            continue
    return field


def severity_of(code: str) -> Severity:
    entry = PROBLEM_CODES.get(code)
    return entry[0] if entry is not None else Severity.WARNING


@dataclass(frozen=True, slots=True)
class KindCount:
    code: str
    severity: Severity
    count: int  # problems of this kind
    households: int  # households with at least one of them


@dataclass(frozen=True, slots=True)
class WorkItem:
    problem_id: int
    ruta_id: int
    ruta_no_urut: int | None
    art_id: int | None
    keluarga_id: int | None
    field: str
    code: str
    severity: Severity
    nama: str  # the member's name, or the head of household's for a household/family problem
    message_id: str
    message_en: str

    def message(self, lang: str = "id") -> str:
        return self.message_en if _en(lang) else self.message_id


def problem_counts(session: Session) -> list[KindCount]:
    """One entry per problem code present: errors first, then the most frequent."""
    rows = session.execute(
        select(RecordProblem.code, func.count(), func.count(RecordProblem.ruta_id.distinct()))
        .group_by(RecordProblem.code)
    ).all()
    counts = [KindCount(code, severity_of(code), count, households)
              for code, count, households in rows]
    counts.sort(key=lambda k: (k.severity is not Severity.ERROR, -k.count, k.code))
    return counts


def households_with_problems(session: Session) -> int:
    return session.scalar(select(func.count(RecordProblem.ruta_id.distinct()))) or 0


def worklist_page(session: Session, code: str | None, offset: int = 0,
                  limit: int = 200) -> list[WorkItem]:
    """Problems of one kind (``None``: every kind) in household order: ``limit`` rows from
    ``offset``."""
    query = (
        select(RecordProblem.id, RecordProblem.ruta_id, Ruta.no_urut, RecordProblem.art_id,
               RecordProblem.keluarga_id, RecordProblem.field, RecordProblem.code,
               RecordProblem.severity, RecordProblem.params,
               func.coalesce(Art.nama, HouseholdIndex.nama_krt, ""))
        .join(Ruta, Ruta.id == RecordProblem.ruta_id)
        .outerjoin(Art, Art.id == RecordProblem.art_id)
        .outerjoin(HouseholdIndex, HouseholdIndex.ruta_id == RecordProblem.ruta_id)
        .order_by(RecordProblem.ruta_id, RecordProblem.id)
        .offset(offset).limit(limit)
    )
    if code is not None:
        query = query.where(RecordProblem.code == code)
    items = []
    for pid, ruta_id, no_urut, art_id, kel_id, field, pcode, severity, params, nama in \
            session.execute(query):
        values = decode_params(params)
        items.append(WorkItem(
            problem_id=pid, ruta_id=ruta_id, ruta_no_urut=no_urut, art_id=art_id,
            keluarga_id=kel_id, field=field, code=pcode, severity=_severity(severity, pcode),
            nama=nama or "",
            message_id=_masked(message_for(pcode, "id", **values)),
            message_en=_masked(message_for(pcode, "en", **values)),
        ))
    return items


def decode_params(raw: str) -> dict[str, object]:
    """The stored JSON parameters, with words (``Term`` values) turned back into ``Term`` so
    that the message translates them."""
    if not raw:
        return {}
    try:
        loaded = json.loads(raw)
    except ValueError:
        return {}
    if not isinstance(loaded, dict):
        return {}
    return {str(key): _TERM_VALUES.get(value, value) if isinstance(value, str) else value
            for key, value in loaded.items()}


def _severity(stored: str, code: str) -> Severity:
    try:
        return Severity(stored)
    except ValueError:
        return severity_of(code)


def _masked(text: str) -> str:
    return _LONG_DIGITS.sub(lambda m: mask_nik(m.group()), text)
