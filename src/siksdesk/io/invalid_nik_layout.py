"""Column layout of the district's invalid-NIK list ("NIK tidak valid" / "NIK tidak padan
Dukcapil"): header synonyms and auto-detection.

District files differ in case, spacing, punctuation and column order ("ID_BDT", "IDBDT",
"Tanggal Lahir", "TGL_LAHIR", ...); headers are compared in a compact form (letters and digits
only, lower case). Several note columns (KETERANGAN, STATUS, ALASAN) are all kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

__all__ = [
    "KIND",
    "NOTE",
    "SYNONYMS",
    "HeaderMap",
    "compact_header",
    "map_headers",
    "matches",
]

KIND: Final = "invalid-nik"

NO, IDBDT, IDARTBDT, NIK, NAMA = "no", "idbdt", "idartbdt", "nik", "nama"
TGL_LAHIR, JENIS_KELAMIN, NO_KK, NOTE = "tgl_lahir", "jenis_kelamin", "no_kk", "keterangan"
OTHER = "other"  # known columns of such lists that the import does not use (address, region)

# compact header -> target key
SYNONYMS: Final[dict[str, str]] = {
    **dict.fromkeys(("no", "nomor", "nourut", "urut"), NO),
    **dict.fromkeys(("idbdt", "idruta", "idrumahtangga", "idbdtruta"), IDBDT),
    **dict.fromkeys(("idartbdt", "idart", "idanggota", "idartruta"), IDARTBDT),
    **dict.fromkeys(("nik", "nikart", "noktp", "nomorktp", "nomorindukkependudukan",
                     "niktidakvalid", "niktidakpadan"), NIK),
    **dict.fromkeys(("nama", "namaart", "namalengkap", "namaanggota", "namapenerima", "nmart",
                     "namasesuaiktp"), NAMA),
    **dict.fromkeys(("tgllahir", "tanggallahir", "tgllhr", "tanggallhr", "tgllahirart",
                     "tanggallahirart"), TGL_LAHIR),
    **dict.fromkeys(("jeniskelamin", "jk", "jnskel", "jnskelamin", "lp", "kelamin"),
                    JENIS_KELAMIN),
    **dict.fromkeys(("nokk", "kk", "nomorkk", "nomorkartukeluarga", "nokartukeluarga"), NO_KK),
    **dict.fromkeys(("keterangan", "ket", "status", "alasan", "statuspadan", "keteranganpadan",
                     "hasilpadan", "statusdukcapil", "keterangandukcapil", "catatan",
                     "statusnik", "keterangannik", "alasantidakvalid", "hasilverifikasi"), NOTE),
    **dict.fromkeys(("alamat", "rt", "rw", "dusun", "desa", "kelurahan", "desakelurahan",
                     "kecamatan", "kabupaten", "kabkota", "kabupatenkota", "provinsi",
                     "tempatlahir", "tmplahir", "umur", "hubkrt", "hubungan", "namakrt",
                     "namaibukandung", "namaibu"), OTHER),
}

# A sheet is taken for such a list when most of its headers are known ones: the village list
# (BNBA) also has NIK and name columns, but dozens of others.
_MIN_KNOWN_SHARE: Final = 0.6
_NON_ALNUM: Final = re.compile(r"[^0-9a-z]+")


def compact_header(value: object) -> str:
    """"ID_BDT " -> "idbdt", "Tanggal Lahir" -> "tanggallahir"; None and numbers -> ""."""
    if not isinstance(value, str):
        return ""
    return _NON_ALNUM.sub("", value.casefold())


@dataclass(frozen=True, slots=True)
class HeaderMap:
    """Where each target column is (0-based indexes) and how the file names it."""

    columns: dict[str, tuple[int, ...]]  # target key -> column indexes (first one wins, but
    #                                      the note takes them all)
    labels: dict[int, str]  # column index -> the header as written in the file
    known: int  # non-empty headers recognised
    total: int  # non-empty headers

    def first(self, key: str) -> int | None:
        found = self.columns.get(key)
        return found[0] if found else None

    def label(self, index: int) -> str:
        return self.labels.get(index, "")

    @property
    def usable(self) -> bool:
        has_key = any(k in self.columns for k in (NAMA, IDARTBDT, IDBDT))
        return NIK in self.columns and has_key and self.known >= _MIN_KNOWN_SHARE * self.total


def map_headers(headers: Sequence[object]) -> HeaderMap:
    columns: dict[str, list[int]] = {}
    labels: dict[int, str] = {}
    known = total = 0
    for index, header in enumerate(headers):
        compact = compact_header(header)
        if not compact:
            continue
        total += 1
        labels[index] = str(header).strip()
        key = SYNONYMS.get(compact)
        if key is None:
            continue
        known += 1
        if key != OTHER:
            columns.setdefault(key, []).append(index)
    return HeaderMap({k: tuple(v) for k, v in columns.items()}, labels, known, total)


def matches(headers: Sequence[object]) -> bool:
    """True when ``headers`` look like the header row of an invalid-NIK list."""
    return map_headers(headers).usable
