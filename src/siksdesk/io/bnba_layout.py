"""Where each column of a village list (BNBA) goes: the targets an import can fill, the two
district layouts as column-mapping profiles driven by the variable catalogue, and header-row
detection (case, spacing, underscores and column order do not matter).

BDT-2015 / verivali-2020 headers come from the catalogue (``Variable.excel``). The Regsosek-2022
headers and its plain 1 = Ya / 2 = Tidak yes/no codes are a reconstruction *(unconfirmed)*: a file
that does not match is mapped once by the operator and remembered (``import_profile``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final

from siksdesk.domain.variables import (
    YES_NO_12,
    Entity,
    Layout,
    Variable,
    VarType,
    YesNoCodes,
    normalise_header,
    variables,
)


class Kind(StrEnum):
    TEXT = "text"
    PADDED = "padded"  # RT/RW: "3" -> "003"
    INT = "int"
    DECIMAL = "decimal"
    DATE = "date"
    NIK = "nik"
    KK = "kk"
    REGION = "region"
    FLAG = "flag"  # 1 = yes, empty = no (our own export's "number came from a numeric cell")
    VARIABLE = "variable"  # a catalogue variable
    IGNORE = "ignore"


class Part(StrEnum):
    REGION = "region"
    RUTA = "ruta"
    KELUARGA = "keluarga"
    ART = "art"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Target:
    key: str
    part: Part
    kind: Kind
    label_id: str
    label_en: str
    limit: int = 0  # text length or RT/RW width
    variable: Variable | None = None

    def label(self, lang: str = "id") -> str:
        return self.label_en if lang == "en" else self.label_id


IGNORE_KEY: Final = "_ignore"
_R, _K, _A, _G = Part.RUTA, Part.KELUARGA, Part.ART, Part.REGION

_BASE: Final[tuple[Target, ...]] = (
    Target("kdprop", _G, Kind.REGION, "Kode provinsi", "Province code"),
    Target("kdkab", _G, Kind.REGION, "Kode kabupaten/kota", "Regency code"),
    Target("kdkec", _G, Kind.REGION, "Kode kecamatan", "District code"),
    Target("kddesa", _G, Kind.REGION, "Kode desa", "Village code"),
    Target("kode_wilayah", _G, Kind.REGION, "Kode wilayah lengkap", "Full region code"),
    Target("idbdt", _R, Kind.TEXT, "ID rumah tangga (IDBDT)", "Household ID (IDBDT)", 40),
    Target("no_urut", _R, Kind.INT, "Nomor urut rumah tangga", "Household number"),
    Target("alamat", _R, Kind.TEXT, "Alamat", "Address", 200),
    Target("rt", _R, Kind.PADDED, "RT", "RT", 3),
    Target("rw", _R, Kind.PADDED, "RW", "RW", 3),
    Target("dusun", _R, Kind.TEXT, "Dusun", "Hamlet", 80),
    Target("tanggal_verivali", _R, Kind.DATE, "Tanggal verivali", "Verification date"),
    Target("pencacah", _R, Kind.TEXT, "Pencacah", "Enumerator", 80),
    Target("pemeriksa", _R, Kind.TEXT, "Pemeriksa", "Checker", 80),
    Target("latitude", _R, Kind.DECIMAL, "Lintang", "Latitude"),
    Target("longitude", _R, Kind.DECIMAL, "Bujur", "Longitude"),
    Target("no_kk", _K, Kind.KK, "Nomor KK", "Family card number (No. KK)"),
    Target("idartbdt", _A, Kind.TEXT, "ID anggota (IDARTBDT)", "Member ID (IDARTBDT)", 40),
    Target("nourut_art", _A, Kind.INT, "Nomor urut anggota", "Member number"),
    Target("nama", _A, Kind.TEXT, "Nama", "Name", 120),
    Target("nik", _A, Kind.NIK, "NIK", "NIK"),
    Target("temp_id", _A, Kind.TEXT, "Nomor sementara (tanpa NIK)", "Temporary ID (no NIK)", 20),
    Target("no_kk_from_number", _K, Kind.FLAG, "No. KK dari sel angka", "No. KK from a number"),
    Target("nik_from_number", _A, Kind.FLAG, "NIK dari sel angka", "NIK from a number"),
    Target("nama_krt", Part.NONE, Kind.IGNORE, "Nama kepala rumah tangga", "Head of household"),
    Target(IGNORE_KEY, Part.NONE, Kind.IGNORE, "(abaikan kolom ini)", "(ignore this column)"),
)


def _variable_target(var: Variable) -> Target:
    part = Part.RUTA if var.entity is Entity.RUTA else Part.ART
    return Target(var.key, part, Kind.VARIABLE, var.label_id, var.label_en, variable=var)


TARGETS: Final[tuple[Target, ...]] = (
    *_BASE[:16], *(_variable_target(v) for v in variables(Entity.RUTA)),
    *_BASE[16:-2], *(_variable_target(v) for v in variables(Entity.ART)), *_BASE[-2:],
)
TARGET_BY_KEY: Final[Mapping[str, Target]] = {t.key: t for t in TARGETS}
REQUIRED: Final = ("nama",)
HOUSEHOLD_KEYS: Final = ("idbdt", "no_kk")  # at least one of them

_BDT_BASE_HEADERS: Final[dict[str, tuple[str, ...]]] = {
    "kdprop": ("KDPROP",), "kdkab": ("KDKAB",), "kdkec": ("KDKEC",), "kddesa": ("KDDESA",),
    "kode_wilayah": ("Kode_wilayah", "Kode_desa_lengkap"),
    "idbdt": ("IDBDT", "ID_BDT", "IDDTKS"), "no_urut": ("Nourut_ruta", "No_urut_rt"),
    "alamat": ("Alamat",), "rt": ("RT",), "rw": ("RW",), "dusun": ("Dusun", "Nama_SLS"),
    "tanggal_verivali": ("Tgl_verivali",), "pencacah": ("Nama_pencacah",),
    "pemeriksa": ("Nama_pemeriksa",), "latitude": ("Latitude", "Lintang"),
    "longitude": ("Longitude", "Bujur"),
    "no_kk": ("Nomor_KK", "No_KK", "NoKK", "KK"), "idartbdt": ("IDARTBDT", "ID_ART"),
    "nourut_art": ("Nourut_art", "No_urut_art"),
    "nama": ("Nama", "Nama_ART"), "nik": ("NIK", "No_NIK"), "temp_id": ("Id_sementara",),
    "no_kk_from_number": ("KK_dari_angka",), "nik_from_number": ("NIK_dari_angka",),
    "nama_krt": ("Nama_KRT",), IGNORE_KEY: ("No", "Nomor"),
}

# Regsosek-2022 (DTSEN ground checks) *(unconfirmed reconstruction; correct here)*.
_REGSOSEK_BASE_HEADERS: Final[dict[str, tuple[str, ...]]] = {
    "kdprop": ("KODE_PROVINSI", "KODE_PROV"), "kdkab": ("KODE_KABUPATEN", "KODE_KAB"),
    "kdkec": ("KODE_KECAMATAN", "KODE_KEC"), "kddesa": ("KODE_DESA", "KODE_DESA_KEL"),
    "idbdt": ("ID_RUTA", "IDRUTA"), "alamat": ("ALAMAT",), "rt": ("RT",), "rw": ("RW",),
    "dusun": ("NAMA_SLS", "SLS"), "no_kk": ("NO_KK", "NOMOR_KK"), "idartbdt": ("ID_ART",),
    "nama": ("NAMA", "NAMA_LENGKAP"), "nik": ("NIK",), "nama_krt": ("NAMA_KRT",),
    IGNORE_KEY: ("NO", "NOMOR_URUT_BARIS"),
}


@dataclass(frozen=True, slots=True)
class Profile:
    """A column mapping: normalised header -> target key, plus yes/no codes where the layout
    writes them differently from the catalogue. A remembered profile carries the signature of
    the header row it was made for."""

    name: str
    headers: Mapping[str, str]
    yes_no: Mapping[str, YesNoCodes] = field(default_factory=dict)
    export_headers: Mapping[str, str] = field(default_factory=dict)  # key -> header to write
    signature: str = ""

    @property
    def builtin(self) -> bool:
        return not self.signature


def _layout_profile(name: str, base: Mapping[str, Sequence[str]],
                    variable_header: Mapping[str, str], yes_no: Mapping[str, YesNoCodes]
                    ) -> Profile:
    headers: dict[str, str] = {}
    canonical: dict[str, str] = {}
    for key, names in base.items():
        canonical[key] = names[0]
        for header in names:
            headers[normalise_header(header)] = key
    for key, header in variable_header.items():
        canonical[key] = header
        headers[normalise_header(header)] = key
    return Profile(name, headers, yes_no, canonical)


def _all_variables() -> Iterable[Variable]:
    yield from variables(Entity.RUTA)
    yield from variables(Entity.ART)


BDT2015: Final = _layout_profile(
    Layout.BDT2015.value, _BDT_BASE_HEADERS,
    {v.key: v.excel[Layout.BDT2015.value] for v in _all_variables()
     if Layout.BDT2015.value in v.excel}, {})
REGSOSEK2022: Final = _layout_profile(
    "regsosek2022", _REGSOSEK_BASE_HEADERS,
    {v.key: v.key.upper() for v in _all_variables()},
    {v.key: YES_NO_12 for v in _all_variables() if v.vtype is VarType.YESNO})
BUILTIN_PROFILES: Final = (BDT2015, REGSOSEK2022)


def signature(headers: Iterable[str]) -> str:
    """Order-insensitive fingerprint of a header row (what a remembered mapping is keyed by)."""
    names = sorted({normalise_header(h) for h in headers if normalise_header(h)})
    return hashlib.sha256("\x1f".join(names).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class HeaderMatch:
    row: int  # Excel row number of the header row
    headers: tuple[str, ...]  # as written, one per column ("" for an empty header cell)
    columns: Mapping[int, str]  # 0-based column index -> target key (ignored ones left out)
    unknown: tuple[int, ...]  # 0-based indices of headers no profile knows
    duplicates: tuple[str, ...]  # targets claimed by two columns
    profile: Profile
    signature: str

    @property
    def missing(self) -> tuple[str, ...]:
        mapped = set(self.columns.values())
        absent = [key for key in REQUIRED if key not in mapped]
        if not any(key in mapped for key in HOUSEHOLD_KEYS):
            absent.append("idbdt")
        return tuple(absent)

    @property
    def complete(self) -> bool:
        return not self.unknown and not self.missing and not self.duplicates


def match_headers(row: int, cells: Sequence[object], profile: Profile) -> HeaderMatch:
    headers = tuple("" if c is None else " ".join(str(c).split()) for c in cells)
    columns: dict[int, str] = {}
    unknown: list[int] = []
    claimed: dict[str, int] = {}
    duplicates: list[str] = []
    for index, header in enumerate(headers):
        norm = normalise_header(header)
        if not norm:
            continue
        key = profile.headers.get(norm)
        if key is None:
            unknown.append(index)
            continue
        if TARGET_BY_KEY[key].kind is Kind.IGNORE:
            continue
        if key in claimed:
            duplicates.append(header)
            continue
        claimed[key] = index
        columns[index] = key
    return HeaderMatch(row, headers, columns, tuple(unknown), tuple(duplicates), profile,
                       signature(headers))


def detect_header(rows: Iterable[tuple[int, Sequence[object]]],
                  profiles: Sequence[Profile]) -> HeaderMatch | None:
    """The first row (within the rows given) that maps best: a remembered profile with the
    same signature wins outright; otherwise the profile that recognises most columns, provided
    it finds the name and a household key."""
    best: HeaderMatch | None = None
    fallback: HeaderMatch | None = None
    for row, cells in rows:
        texts = [c for c in cells if isinstance(c, str) and c.strip()]
        if len(texts) < 2:
            continue
        sig = signature(texts)
        for profile in profiles:
            if profile.signature == sig:
                return match_headers(row, cells, profile)
        for profile in profiles:
            if not profile.builtin:
                continue
            match = match_headers(row, cells, profile)
            if fallback is None and len(texts) >= 3 and len(texts) == sum(
                    1 for c in cells if c not in (None, "")):
                fallback = match  # the first all-text row: a header nobody knows yet
            if match.missing and len(match.columns) < 3:
                continue
            if best is None or len(match.columns) > len(best.columns):
                best = match
        if best is not None and not best.missing:
            return best
    return best or fallback
