"""Problems found in identifier input, their severities and the bilingual message catalogue.

Codes are stable English identifiers (``NUM_`` for raw-input cleaning, ``NIK_`` and ``KK_`` for
the two numbers). Messages are written for a village operator, not for an IT person. Parameters
are never the full NIK or No. KK: at most a few digits (a region code, a date, a count).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from types import MappingProxyType
from typing import Final

__all__ = [
    "LANGUAGES",
    "PROBLEM_CODES",
    "Problem",
    "Severity",
    "Term",
    "Verdict",
    "make_problem",
    "message_for",
    "shared_problem",
    "verdict_of",
]

LANGUAGES: Final = ("id", "en")


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Verdict(StrEnum):
    VALID = "valid"
    WARNING = "warning"  # valid, but something deserves a second look
    INVALID = "invalid"


class Term(StrEnum):
    """A parameter value that is itself a word and therefore must be translated."""

    MALE = "male"
    FEMALE = "female"
    MALE_BY_NIK = "male_by_nik"
    FEMALE_BY_NIK = "female_by_nik"
    LOSS_POSSIBLE = "loss_possible"
    LOSS_CERTAIN = "loss_certain"


_TERMS: Final[Mapping[Term, tuple[str, str]]] = {
    Term.MALE: ("laki-laki", "male"),
    Term.FEMALE: ("perempuan", "female"),
    Term.MALE_BY_NIK: ("laki-laki (tanggal tanpa +40)", "male (birth day without +40)"),
    Term.FEMALE_BY_NIK: ("perempuan (tanggal +40)", "female (birth day +40)"),
    Term.LOSS_POSSIBLE: (
        "digit terakhir mungkin sudah berubah",
        "the last digit may have changed",
    ),
    Term.LOSS_CERTAIN: (
        "Excel hanya menyimpan 15 digit, jadi digit ke-16 pasti tidak bisa dipercaya lagi",
        "Excel keeps only 15 digits, so the 16th digit certainly cannot be trusted",
    ),
}

_E, _W = Severity.ERROR, Severity.WARNING

_RETYPE_ID = "Ketik ulang dari KTP/KK asli."
_RETYPE_EN = "Please type it again from the ID card or family card."

_CATALOGUE: dict[str, tuple[Severity, str, str]] = {
    # --- raw input (shared by NIK and No. KK) ---
    "NUM_EMPTY": (_E, "Nomor belum diisi.", "The number is empty."),
    "NUM_SCIENTIFIC": (
        _E,
        "Nomor ini rusak oleh Excel: tertulis sebagai angka ilmiah (seperti 3.52201E+15), "
        "sehingga digit aslinya sudah hilang dan tidak bisa dipulihkan. " + _RETYPE_ID,
        "This number was damaged by Excel: it is written in scientific notation (like "
        "3.52201E+15), so the real digits are lost and cannot be recovered. " + _RETYPE_EN,
    ),
    "NUM_NON_ASCII_DIGIT": (
        _E,
        "Karakter ke-{position} (“{char}”) adalah angka dari huruf lain (misalnya angka lebar "
        "penuh atau angka Arab). Ketik ulang dengan angka biasa 0–9.",
        "Character {position} (“{char}”) is a digit from another script (for example full-width "
        "or Arabic digits). Please type it again with plain digits 0–9.",
    ),
    "NUM_BAD_CHARACTER": (
        _E,
        "Karakter ke-{position} (“{char}”) bukan angka. Nomor hanya boleh berisi angka 0–9.",
        "Character {position} (“{char}”) is not a digit. The number may contain only 0–9.",
    ),
    "NUM_EXCEL_ERROR": (
        _E,
        "Sel berisi kesalahan Excel ({text}), bukan nomor. Periksa rumus di file aslinya.",
        "The cell holds an Excel error ({text}), not a number. Check the formula in the file.",
    ),
    "NUM_NOT_INTEGER": (
        _E,
        "Sel berisi angka pecahan atau negatif, bukan nomor identitas. " + _RETYPE_ID,
        "The cell holds a fraction or a negative number, not an ID number. " + _RETYPE_EN,
    ),
    "NUM_BAD_TYPE": (
        _E,
        "Isi sel tidak bisa dibaca sebagai nomor (jenis data: {type}).",
        "The cell content cannot be read as a number (data type: {type}).",
    ),
    "NUM_FROM_NUMBER": (
        _W,
        "Nomor ini berasal dari sel angka Excel, bukan sel teks: {loss}. Cocokkan dengan KTP/KK "
        "asli, dan simpan kolom ini sebagai Teks.",
        "This number came from a numeric Excel cell, not a text cell: {loss}. Compare it with "
        "the ID card or family card, and store this column as Text.",
    ),
    # --- NIK ---
    "NIK_LENGTH": (
        _E,
        "NIK harus 16 digit, yang diisi {count} digit.",
        "A NIK must have 16 digits; this one has {count}.",
    ),
    "NIK_LENGTH_15": (
        _E,
        "NIK ini hanya 15 digit, kurang satu. Pada data lama sering ada satu digit yang hilang "
        "saat data dipindahkan. " + _RETYPE_ID,
        "This NIK has only 15 digits, one short. In old data a digit was often lost when the "
        "data was moved between systems. " + _RETYPE_EN,
    ),
    "NIK_DUMMY": (
        _E,
        "NIK ini terlihat seperti nomor isian sembarang (angka sama semua atau berurutan), "
        "bukan NIK asli.",
        "This NIK looks like a placeholder (all the same digit or a running sequence), not a "
        "real NIK.",
    ),
    "NIK_PROVINCE": (
        _E,
        "Kode provinsi {code} (2 digit pertama NIK) tidak pernah ada. Contoh kode yang benar: "
        "35 untuk Jawa Timur.",
        "Province code {code} (the first 2 digits of the NIK) has never existed. Example of a "
        "correct code: 35 for East Java.",
    ),
    "NIK_KABKOTA_UNKNOWN": (
        _W,
        "Kode kabupaten/kota {code} tidak ada di daftar kode wilayah sekarang. Bisa jadi ini kode "
        "lama sebelum pemekaran wilayah; mohon diperiksa.",
        "Regency/city code {code} is not in the current list of region codes. It may be an old "
        "code from before a region was split; please check.",
    ),
    "NIK_KECAMATAN_UNKNOWN": (
        _W,
        "Kode kecamatan {code} tidak ada di daftar kode wilayah sekarang. Bisa jadi ini kode lama "
        "sebelum pemekaran wilayah; mohon diperiksa.",
        "District (kecamatan) code {code} is not in the current list of region codes. It may be "
        "an old code from before a region was split; please check.",
    ),
    "NIK_DAY": (
        _E,
        "Tanggal lahir {day} tidak mungkin (digit ke-7 dan ke-8 harus 01–31 untuk laki-laki, "
        "atau 41–71 untuk perempuan karena tanggalnya ditambah 40).",
        "Birth day {day} is impossible (digits 7–8 must be 01–31 for men, or 41–71 for women, "
        "whose day has 40 added).",
    ),
    "NIK_MONTH": (
        _E,
        "Bulan lahir {month} tidak ada (harus 01–12).",
        "Birth month {month} does not exist (must be 01–12).",
    ),
    "NIK_DATE": (
        _E,
        "Tanggal lahir {day}-{month}-{year} tidak ada di kalender, baik tahun 19{year} maupun "
        "20{year}.",
        "Birth date {day}-{month}-{year} does not exist in the calendar, neither in 19{year} nor "
        "in 20{year}.",
    ),
    "NIK_FUTURE_BIRTH": (
        _W,
        "Tanggal lahir dari NIK ({date}) belum terjadi. Mohon periksa digit tanggal lahir.",
        "The birth date in the NIK ({date}) is in the future. Please check the date digits.",
    ),
    "NIK_TOO_OLD": (
        _W,
        "Menurut NIK, umur orang ini {age} tahun (lebih dari 110). Mohon periksa tanggal lahir.",
        "According to the NIK this person is {age} years old (over 110). Please check the birth "
        "date.",
    ),
    "NIK_SERIAL_ZERO": (
        _E,
        "Nomor urut NIK (4 digit terakhir) 0000 tidak pernah dipakai; nomor urut dimulai dari "
        "0001.",
        "The NIK serial (last 4 digits) 0000 is never issued; serials start at 0001.",
    ),
    "NIK_TRAILING_ZERO": (
        _W,
        "NIK ini berakhiran 0. Biasanya tidak apa-apa, tetapi pada data lama digit terakhir "
        "kadang berubah menjadi 0 saat dipindah lewat Excel. Jika ragu, cocokkan dengan KTP/KK.",
        "This NIK ends in 0. That is usually fine, but in old data the last digit sometimes "
        "turned into 0 when it went through Excel. If in doubt, compare with the ID card.",
    ),
    "NIK_SEX_MISMATCH": (
        _W,
        "NIK menunjukkan {nik_sex} tetapi jenis kelamin diisi {record_sex}.",
        "The NIK indicates {nik_sex} but the sex is recorded as {record_sex}.",
    ),
    "NIK_BIRTHDATE_MISMATCH": (
        _W,
        "Tanggal lahir di NIK ({nik_date}) berbeda dengan tanggal lahir yang diisi "
        "({record_date}).",
        "The birth date in the NIK ({nik_date}) differs from the recorded birth date "
        "({record_date}).",
    ),
    "NIK_EQUALS_KK": (
        _W,
        "NIK sama persis dengan No. KK. Biasanya ini salah salin; NIK dan No. KK selalu berbeda.",
        "The NIK is identical to the family card number (No. KK). This is usually a copy "
        "mistake; the two numbers are always different.",
    ),
    "NIK_DUPLICATE": (
        _W,
        "NIK ini dipakai {count} kali di desa ini (data ganda). Periksa apakah orangnya sama.",
        "This NIK is used {count} times in this village (duplicate). Check whether it is the "
        "same person.",
    ),
    # --- No. KK ---
    "KK_LENGTH": (
        _E,
        "No. KK harus 16 digit, yang diisi {count} digit.",
        "A family card number (No. KK) must have 16 digits; this one has {count}.",
    ),
    "KK_LENGTH_15": (
        _E,
        "No. KK ini hanya 15 digit, kurang satu. Pada data lama sering ada satu digit yang hilang "
        "saat data dipindahkan. " + _RETYPE_ID,
        "This family card number has only 15 digits, one short. In old data a digit was often "
        "lost when the data was moved between systems. " + _RETYPE_EN,
    ),
    "KK_DUMMY": (
        _E,
        "No. KK ini terlihat seperti nomor isian sembarang (angka sama semua atau berurutan).",
        "This family card number looks like a placeholder (all the same digit or a sequence).",
    ),
    "KK_PROVINCE": (
        _E,
        "Kode provinsi {code} (2 digit pertama No. KK) tidak pernah ada.",
        "Province code {code} (the first 2 digits of the No. KK) has never existed.",
    ),
    "KK_KABKOTA_UNKNOWN": (
        _W,
        "Kode kabupaten/kota {code} di No. KK tidak ada di daftar kode wilayah sekarang. Bisa "
        "jadi kode lama; mohon diperiksa.",
        "Regency/city code {code} in the No. KK is not in the current list of region codes. It "
        "may be an old code; please check.",
    ),
    "KK_KECAMATAN_UNKNOWN": (
        _W,
        "Kode kecamatan {code} di No. KK tidak ada di daftar kode wilayah sekarang. Bisa jadi "
        "kode lama; mohon diperiksa.",
        "District (kecamatan) code {code} in the No. KK is not in the current list of region "
        "codes. It may be an old code; please check.",
    ),
    "KK_DATE_UNUSUAL": (
        _W,
        "Digit ke-7 sampai ke-12 No. KK ({digits}) biasanya tanggal pencatatan, tetapi ini bukan "
        "tanggal yang wajar. Belum tentu salah; mohon diperiksa.",
        "Digits 7–12 of the No. KK ({digits}) are usually the recording date, but this is not a "
        "plausible date. Not necessarily wrong; please check.",
    ),
    "KK_SERIAL_ZERO": (
        _W,
        "Nomor urut No. KK (4 digit terakhir) 0000 tidak lazim; mohon diperiksa.",
        "The serial of the No. KK (last 4 digits) 0000 is unusual; please check.",
    ),
    "KK_MISSING": (
        _W,
        "No. KK keluarga ini belum diisi.",
        "This family's No. KK is empty.",
    ),
    # --- the record as a whole (domain.rules) ---
    "ART_NO_NIK": (
        _W,
        "Anggota ini belum punya NIK; sementara memakai nomor pengganti. Isi NIK begitu sudah "
        "diketahui (cek ke Dukcapil).",
        "This member has no NIK yet and uses a temporary identifier. Enter the NIK once known "
        "(check with Dukcapil).",
    ),
    "FIELD_MISSING": (
        _W,
        "Isian “{variable}” belum diisi.",
        "“{variable}” is not filled in.",
    ),
    "RUTA_NO_HEAD": (
        _W,
        "Rumah tangga ini tidak punya kepala rumah tangga (hubungan = 1) di antara anggota yang "
        "tinggal bersama.",
        "This household has no head (relation = 1) among the members living there.",
    ),
    "RUTA_MANY_HEADS": (
        _W,
        "Ada {count} anggota yang ditandai sebagai kepala rumah tangga; seharusnya hanya satu.",
        "{count} members are marked as head of household; there should be only one.",
    ),
}

PROBLEM_CODES: Final[Mapping[str, tuple[Severity, str, str]]] = MappingProxyType(_CATALOGUE)


class _Params(dict[str, object]):
    """Format arguments that never raise: a missing placeholder shows as '?'."""

    def __missing__(self, key: str) -> str:
        return "?"


def _format(code: str, lang: str, params: Iterable[tuple[str, object]]) -> str:
    entry = _CATALOGUE.get(code)
    if entry is None:
        return code
    en = lang.lower().startswith("en")
    values = _Params()
    for key, value in params:
        if isinstance(value, Term):
            value = _TERMS[value][1 if en else 0]
        elif key == "variable" and isinstance(value, str):
            value = _variable_label(value, en)
        values[key] = value
    return entry[2 if en else 1].format_map(values)


def _variable_label(key: str, en: bool) -> str:
    """A catalogue variable's label in the message's language (or the key itself)."""
    from siksdesk.domain.variables import Entity, variable

    for entity in Entity:
        try:
            return variable(entity, key).label("en" if en else "id")
        except KeyError:
            continue
    return {"nama": ("Nama", "Name")}.get(key, (key, key))[1 if en else 0]


def message_for(code: str, lang: str = "id", /, **params: object) -> str:
    """The message for ``code`` in ``lang`` ("id" or "en"; anything else falls back to "id")."""
    return _format(code, lang, params.items())


@dataclass(frozen=True, slots=True)
class Problem:
    code: str
    severity: Severity
    field: str  # "nik" or "no_kk"
    params: tuple[tuple[str, object], ...] = ()

    def message(self, lang: str = "id") -> str:
        return _format(self.code, lang, self.params)

    def to_dict(self, lang: str = "id") -> dict[str, str]:
        return {
            "code": self.code,
            "severity": str(self.severity),
            "field": self.field,
            "message": self.message(lang),
        }


def make_problem(code: str, field: str, /, **params: object) -> Problem:
    """A Problem with the catalogue's severity for ``code``."""
    return Problem(code, _CATALOGUE[code][0], field, tuple(params.items()))


@lru_cache(maxsize=4096)
def shared_problem(code: str, field: str, /, **params: str | int | Term) -> Problem:
    """Like :func:`make_problem`, but one shared instance per distinct (hashable) arguments."""
    return Problem(code, _CATALOGUE[code][0], field, tuple(params.items()))


def verdict_of(problems: Iterable[Problem]) -> Verdict:
    verdict = Verdict.VALID
    for problem in problems:
        if problem.severity is Severity.ERROR:
            return Verdict.INVALID
        verdict = Verdict.WARNING
    return verdict
