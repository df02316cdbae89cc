"""The typed, bilingual refusals of the village set-up and the kode desa check the wizard runs
as the operator types (no Qt, no database)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from siksdesk.domain.accounts import AccountError
from siksdesk.domain.regions import RegionStatus, lookup_region
from siksdesk.sync.errors import SyncError

__all__ = ["NAME_FIELDS", "NAME_LIMIT", "KodeDesaCheck", "SetupProblem", "VillageSetupError",
           "check_kode_desa", "error_message", "problem"]

NAME_LIMIT: Final = 100  # village_profile's String(100) columns
_SEPARATORS: Final = re.compile(r"[\s.\-/]+")
_TEN_DIGITS: Final = re.compile(r"[0-9]{10}", re.ASCII)

NAME_FIELDS: Final[dict[str, tuple[str, str]]] = {
    "nama_desa": ("Nama desa", "Village name"),
    "nama_kecamatan": ("Nama kecamatan", "Kecamatan name"),
    "nama_kabupaten": ("Nama kabupaten/kota", "Kabupaten/kota name"),
    "nama_provinsi": ("Nama provinsi", "Province name"),
}

_MESSAGES: Final[dict[str, tuple[str, str]]] = {
    "KODE_DESA_FORMAT": (
        "Kode desa harus 10 angka, mis. 3522142010 (boleh ditulis 35.22.14.2010).",
        "The village code has 10 digits, e.g. 3522142010 (35.22.14.2010 is fine too)."),
    "KODE_DESA_PROVINCE": (
        "Kode provinsi {code} tidak pernah ada: periksa dua angka pertama.",
        "Province code {code} never existed: check the first two digits."),
    "KODE_DESA_NUMBER": (
        "Empat angka terakhir (nomor desa) tidak boleh 0000.",
        "The last four digits (the village number) cannot be 0000."),
    "KODE_DESA_KABKOTA_UNKNOWN": (
        "Kabupaten/kota {code} tidak ada di daftar kode; isi nama-namanya sendiri.",
        "Kabupaten/kota {code} is not in the code list; type the names yourself."),
    "KODE_DESA_KECAMATAN_UNKNOWN": (
        "Kecamatan {code} tidak ada di daftar kode; isi nama kecamatan sendiri.",
        "Kecamatan {code} is not in the code list; type its name yourself."),
    "NAME_MISSING": ("{field} belum diisi.", "{field} is empty."),
    "NAME_TOO_LONG": ("{field} terlalu panjang (paling banyak {limit} huruf).",
                      "{field} is too long (at most {limit} characters)."),
    "ROLE_WRONG": (
        "Akun pertama harus satu Operator dan satu Kepala Desa.",
        "The first accounts must be one operator and one village head."),
    "SAME_USERNAME": (
        "Operator dan Kepala Desa harus memakai nama pengguna yang berbeda.",
        "The operator and the village head need different usernames."),
    "VILLAGE_EXISTS": (
        "Basis data ini sudah berisi desa dengan {households} ruta; desa baru tidak dibuat "
        "di atasnya.",
        "This database already holds a village with {households} households; no new village "
        "is made on top of it."),
    "PROFILE_OTHER_VILLAGE": (
        "Profil Dinas ini untuk desa {profile_village}, bukan {village}. Minta profil yang "
        "benar ke Dinas, atau lewati langkah ini.",
        "This district profile is for village {profile_village}, not {village}. Ask the "
        "district for the right one, or skip this step."),
    "PROFILE_IS_TRAINING": (
        "Ini profil Dinas untuk latihan; desa sungguhan memerlukan profil yang sebenarnya.",
        "This is a training district profile; a real village needs the real one."),
    "NOT_TRAINING": (
        "Basis data yang terbuka bukan desa latihan; tidak ada yang dipindahkan.",
        "The open database is not a training village; nothing was moved."),
    "TRAINING_IN_USE": (
        "Desa latihan masih dibuka program lain (jendela siksdesk kedua?). Tutup dulu, lalu "
        "coba lagi. Tidak ada yang diubah.",
        "The training village is still open elsewhere (a second siksdesk window?). Close it "
        "and try again. Nothing was changed."),
    "TRAINING_COPY_FAILED": (
        "Salinan desa latihan tidak lolos pemeriksaan ({detail}); tidak ada yang diubah.",
        "The copy of the training village failed its check ({detail}); nothing was changed."),
    "MOVE_FAILED": (
        "Berkas di folder {folder} tidak dapat dipindahkan; tidak ada yang diubah.",
        "Files in the folder {folder} could not be moved; nothing was changed."),
    "RESTORE_FAILED": (
        "Penyiapan gagal dan tidak semua berkas dapat dikembalikan. Desa latihan tersimpan "
        "utuh di {folder}; hubungi pendamping.",
        "Set-up failed and not every file could be put back. The training village is kept "
        "intact in {folder}; ask for help."),
    "NO_VILLAGE": (
        "Belum ada profil desa di basis data ini.",
        "This database has no village profile yet."),
    "ACCOUNTS_EXIST": (
        "Basis data ini sudah memiliki akun; akun baru dibuat oleh Kepala Desa lewat menu Akun.",
        "This database already has accounts; the village head adds new ones in the Accounts "
        "menu."),
}


class _Params(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "?"


@dataclass(frozen=True, slots=True)
class SetupProblem:
    """A code + params with a bilingual message (no personal data in params)."""

    code: str
    params: tuple[tuple[str, str], ...] = ()

    def message(self, lang: str = "id") -> str:
        en = lang.lower().startswith("en")
        values = _Params(self.params)
        field = values.get("field")
        if isinstance(field, str) and field in NAME_FIELDS:
            values["field"] = NAME_FIELDS[field][1 if en else 0]
        return _MESSAGES[self.code][1 if en else 0].format_map(values)


def problem(code: str, /, **params: object) -> SetupProblem:
    if code not in _MESSAGES:
        raise KeyError(code)
    return SetupProblem(code, tuple((k, str(v)) for k, v in params.items()))


class VillageSetupError(Exception):
    """The set-up was refused; nothing was written. ``str()`` is the Indonesian message."""

    def __init__(self, code: str, /, **params: object) -> None:
        self.problem = problem(code, **params)
        super().__init__(self.problem.message("id"))

    @property
    def code(self) -> str:
        return self.problem.code

    def message(self, lang: str = "id") -> str:
        return self.problem.message(lang)


def error_message(exc: BaseException, lang: str = "id") -> str | None:
    """The operator's text for a refusal of this module, an account rule or a district profile
    file; None for anything else (a bug: the crash dialog reports it)."""
    if isinstance(exc, VillageSetupError | AccountError | SyncError):
        return exc.message(lang)
    return None


# --- the kode desa -------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class KodeDesaCheck:
    """A typed kode desa, checked as the operator types. ``code`` is the 10 digits when the
    code is acceptable (``notes`` may still hold warnings); the names are those the code list
    knows (None where it does not)."""

    code: str | None
    error: SetupProblem | None
    notes: tuple[SetupProblem, ...]
    provinsi: str | None = None
    kabupaten: str | None = None
    kecamatan: str | None = None

    @property
    def ok(self) -> bool:
        return self.code is not None

    def explanation(self, lang: str = "id") -> str:
        """"35 Jawa Timur · 22 Bojonegoro · 14 Kedungadem · desa no. 2010" for a good code."""
        if self.code is None:
            return ""
        en = lang.lower().startswith("en")
        unknown = "(not in the list)" if en else "(tidak ada di daftar)"
        number = self.code[6:]
        kind = {"1": ("kelurahan", "kelurahan"), "2": ("desa", "village")}.get(number[0])
        last = f"{kind[1 if en else 0]} no. {number}" if kind else \
            ("no. " if en else "nomor ") + number
        return " · ".join((f"{self.code[0:2]} {self.provinsi or unknown}",
                           f"{self.code[2:4]} {self.kabupaten or unknown}",
                           f"{self.code[4:6]} {self.kecamatan or unknown}", last))


def check_kode_desa(text: str) -> KodeDesaCheck:
    """Check a Kemendagri kode desa (PP KK CC NNNN; dots, dashes and spaces are ignored) against
    the region code list. An unknown kabupaten or kecamatan is a warning (the list may be older
    than the region), a province that never existed or a malformed code an error."""
    digits = _SEPARATORS.sub("", text)
    if not _TEN_DIGITS.fullmatch(digits):
        return KodeDesaCheck(None, problem("KODE_DESA_FORMAT"), ())
    region = lookup_region(digits[:6])
    if region.status is RegionStatus.PROVINCE_NEVER_EXISTED:
        return KodeDesaCheck(None, problem("KODE_DESA_PROVINCE", code=digits[:2]), ())
    if digits[6:] == "0000":
        return KodeDesaCheck(None, problem("KODE_DESA_NUMBER"), ())
    notes: tuple[SetupProblem, ...] = ()
    if region.status is RegionStatus.KABKOTA_UNKNOWN:
        notes = (problem("KODE_DESA_KABKOTA_UNKNOWN", code=digits[:4]),)
    elif region.status is RegionStatus.KECAMATAN_UNKNOWN:
        notes = (problem("KODE_DESA_KECAMATAN_UNKNOWN", code=digits[:6]),)
    kabupaten = region.kabkota_name.removeprefix("Kab. ") if region.kabkota_name else None
    return KodeDesaCheck(digits, None, notes, region.province_name, kabupaten,
                         region.kecamatan_name)
