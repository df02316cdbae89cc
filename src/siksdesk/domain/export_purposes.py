"""Export purposes ("Keperluan"): per export list, which columns a purpose keeps and whether NIK
and No. KK are masked. UU PDP 27/2022 asks to share only what a purpose needs, so a list posted
on the village notice board carries names and places but no birth dates, mothers' names, asset
or housing answers, and never a full NIK or No. KK.

Columns are named by stable keys (``ExportColumn.key``): for the BNBA the registry's own field
keys, for the other lists the keys given in ``services.export_tables``. ``lengkap`` keeps every
column (``columns is None``) and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

__all__ = [
    "DEFAULT_PURPOSE", "PURPOSE_KEYS", "ExportPurpose", "UnknownPurpose", "export_purpose",
    "purposes_for",
]  # fmt: skip

DEFAULT_PURPOSE: Final = "lengkap"
PURPOSE_KEYS: Final = ("lengkap", "pengumuman", "pendataan")


@dataclass(frozen=True, slots=True)
class ExportPurpose:
    key: str  # lengkap | pengumuman | pendataan
    label_id: str
    label_en: str
    mask_identifiers: bool  # NIK and No. KK always masked for this purpose
    columns: tuple[str, ...] | None = None  # the column keys kept, in table order; None = all

    def label(self, lang: str = "id") -> str:
        return self.label_en if lang.lower().startswith("en") else self.label_id

    def keeps(self, column_key: str) -> bool:
        return self.columns is None or column_key in self.columns


class UnknownPurpose(ValueError):
    """A purpose that is not offered for this list. ``str()`` names only the keys."""

    def __init__(self, what: str, purpose: str) -> None:
        self.what, self.purpose = what, purpose
        super().__init__(f"purpose {purpose!r} is not offered for the list {what!r}")


_LENGKAP: Final = ExportPurpose("lengkap", "Lengkap — untuk Dinas Sosial",
                                "Complete — for the Dinas Sosial", mask_identifiers=False)
_PENGUMUMAN: Final = ("Pengumuman publik (papan desa)", "Public notice (village board)")
_PENDATAAN: Final = ("Pendataan lapangan (pencacah)", "Field survey (enumerator)")


def _pengumuman(columns: tuple[str, ...]) -> ExportPurpose:
    return ExportPurpose("pengumuman", *_PENGUMUMAN, mask_identifiers=True, columns=columns)


def _pendataan(columns: tuple[str, ...]) -> ExportPurpose:
    return ExportPurpose("pendataan", *_PENDATAAN, mask_identifiers=True, columns=columns)


# The BNBA posted for the public test (uji publik): who is in the list and where they live.
_BNBA_PUBLIC: Final = ("no_urut", "rt", "rw", "dusun", "nama_krt", "no_kk", "nama", "nik",
                       "nourut_art")
# What an enumerator needs to find the household and the person; no birth date, no answers.
_BNBA_FIELD: Final = ("idbdt", "no_urut", "alamat", "rt", "rw", "dusun", "latitude",
                      "longitude", "nama_krt", "no_kk", "idartbdt", "nama", "nik", "temp_id",
                      "nourut_art", "keberadaan", "hubungan_krt", "hubungan_kk",
                      "jenis_kelamin", "umur")
_PROBLEMS_FIELD: Final = ("no_urut", "dusun", "rt", "rw", "alamat", "nama", "nik", "no_kk",
                          "jenis", "kolom", "keterangan")
# The MusDes result as posted: who, where, what was proposed and what became of it.
_USULAN_PUBLIC: Final = ("jenis", "alasan", "nama", "nik", "alamat", "status")
_USULAN_FIELD: Final = ("jenis", "alasan", "nama", "nik", "no_kk", "alamat", "status",
                        "catatan")
_NIK_FIELD: Final = ("nik_dinas", "nama_dinas", "catatan_dinas", "nama", "nik", "no_kk",
                     "alamat", "status")

_PURPOSES: Final[dict[str, tuple[ExportPurpose, ...]]] = {
    "bnba": (_LENGKAP, _pengumuman(_BNBA_PUBLIC), _pendataan(_BNBA_FIELD)),
    # Data problems and NIK corrections are the office's working lists: never posted.
    "masalah": (_LENGKAP, _pendataan(_PROBLEMS_FIELD)),
    "usulan": (_LENGKAP, _pengumuman(_USULAN_PUBLIC), _pendataan(_USULAN_FIELD)),
    "perbaikan-nik": (_LENGKAP, _pendataan(_NIK_FIELD)),
}


def purposes_for(what: str) -> tuple[ExportPurpose, ...]:
    """The purposes offered for the list ``what``, ``lengkap`` first (only ``lengkap`` for a
    list this module does not know)."""
    return _PURPOSES.get(what, (_LENGKAP,))


def export_purpose(what: str, purpose: str = DEFAULT_PURPOSE) -> ExportPurpose:
    """The purpose ``purpose`` of the list ``what``; ``UnknownPurpose`` if it is not offered."""
    for candidate in purposes_for(what):
        if candidate.key == purpose:
            return candidate
    raise UnknownPurpose(what, purpose)
