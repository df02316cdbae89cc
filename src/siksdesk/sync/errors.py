"""Typed errors of the sync core, with bilingual messages for the operator.

Every error carries a stable English ``code`` and ``params``; ``message(lang)`` renders the text
for the operator (Indonesian by default, English with ``lang="en"``); ``str(exc)`` is the English
text. Parameters never carry personal data (no NIK, No. KK or name): at most a field path, a
number, a size or a key id.

Each class has its own ``MESSAGES`` table; ``message`` looks a code up along the class hierarchy,
so a module adds its own codes by subclassing::

    class OutboxError(SyncError):
        MESSAGES = {"NOTHING_TO_SEND": ("Tidak ada usulan untuk dikirim.", "Nothing to send.")}
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

__all__ = [
    "ContainerError",
    "EnrolmentError",
    "KeyFileError",
    "PayloadError",
    "SyncError",
]

Messages = Mapping[str, tuple[str, str]]  # code -> (Indonesian, English)


class _Params(dict[str, object]):
    """Format parameters that leave an unknown placeholder visible instead of failing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class SyncError(Exception):
    """Base of every sync error: ``code`` + ``params``, bilingual ``message(lang)``."""

    MESSAGES: ClassVar[Messages] = {
        "UNKNOWN": (
            "Terjadi kesalahan sinkronisasi ({code}).",
            "A synchronisation error occurred ({code}).",
        ),
    }

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params: dict[str, object] = params
        super().__init__(code)

    @classmethod
    def texts(cls, code: str) -> tuple[str, str] | None:
        """The (Indonesian, English) pair for ``code``, searching this class and its bases."""
        for klass in cls.__mro__:
            table = klass.__dict__.get("MESSAGES")
            if table is not None and code in table:
                pair: tuple[str, str] = table[code]
                return pair
        return None

    def message(self, lang: str = "id") -> str:
        """The operator's text in ``lang`` ("id" default, "en")."""
        pair = self.texts(self.code) or SyncError.MESSAGES["UNKNOWN"]
        template = pair[1] if lang.lower().startswith("en") else pair[0]
        return template.format_map(_Params({"code": self.code, **self.params}))

    def __str__(self) -> str:
        return self.message("en")

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r})"


_NOT_FROM_DEVICE_ID = "paket ini diubah atau bukan dari perangkat yang terdaftar"
_NOT_FROM_DEVICE_EN = "this package was changed or does not come from a registered device"


class ContainerError(SyncError):
    """A sync package (bundle, receipt or update file) was refused."""

    MESSAGES: ClassVar[Messages] = {
        "TOO_SHORT": (
            "Berkas paket terlalu pendek: berkas terpotong atau bukan paket SIKS-Desk.",
            "The package file is too short: it was cut off or is not a SIKS-Desk package.",
        ),
        "TOO_LARGE": (
            "Paket terlalu besar ({size} byte, batas {limit} byte).",
            "The package is too large ({size} bytes, limit {limit} bytes).",
        ),
        "BAD_MAGIC": (
            "Berkas ini bukan paket SIKS-Desk.",
            "This file is not a SIKS-Desk package.",
        ),
        "BAD_VERSION": (
            "Paket dibuat dengan format versi {version} yang tidak dikenal. Perbarui aplikasi.",
            "The package uses format version {version}, which is unknown. Update the app.",
        ),
        "BAD_KIND": (
            "Jenis paket salah: diharapkan {expected}, ternyata {found}.",
            "Wrong kind of package: expected {expected}, found {found}.",
        ),
        "BAD_FLAGS": (
            "Kepala paket berisi tanda yang tidak dikenal: paket rusak atau dari versi lain.",
            "The package header holds unknown flags: it is damaged or from another version.",
        ),
        "BAD_LENGTH": (
            "Panjang isi paket tidak cocok dengan ukuran berkas: berkas terpotong atau rusak.",
            "The package's content length does not match the file size: the file was cut "
            "off or damaged.",
        ),
        "UNKNOWN_SENDER": (
            "Paket dikirim oleh perangkat yang tidak terdaftar (kunci {key_id}).",
            "The package was sent by a device that is not registered (key {key_id}).",
        ),
        "REVOKED_SENDER": (
            "Paket dikirim oleh perangkat yang sudah dicabut (kunci {key_id}).",
            "The package was sent by a device that has been revoked (key {key_id}).",
        ),
        "BAD_SIGNATURE": (
            f"Tanda tangan paket tidak sah: {_NOT_FROM_DEVICE_ID}.",
            f"The package signature is not valid: {_NOT_FROM_DEVICE_EN}.",
        ),
        "WRONG_RECIPIENT": (
            "Paket ini ditujukan untuk penerima lain (kunci {key_id}), bukan untuk kita.",
            "This package is addressed to another recipient (key {key_id}), not to us.",
        ),
        "DECRYPT_FAILED": (
            "Isi paket tidak dapat dibuka dengan kunci kita: paket rusak.",
            "The package content cannot be opened with our key: the package is damaged.",
        ),
        "BAD_PAYLOAD": (
            "Isi paket rusak atau tidak dapat dibaca.",
            "The package content is damaged or cannot be read.",
        ),
        "INNER_MISMATCH": (
            f"Isi paket tidak cocok dengan kepalanya: {_NOT_FROM_DEVICE_ID}.",
            f"The package content does not match its header: {_NOT_FROM_DEVICE_EN}.",
        ),
        "EXPIRED": (
            "Paket sudah kedaluwarsa; minta paket yang baru.",
            "The package has expired; ask for a new one.",
        ),
    }


class KeyFileError(SyncError):
    """The private-key file of this laptop or of the district cannot be used."""

    MESSAGES: ClassVar[Messages] = {
        "KEY_FILE_MISSING": (
            "Berkas kunci perangkat tidak ditemukan.",
            "The device key file was not found.",
        ),
        "KEY_FILE_BAD": (
            "Berkas kunci perangkat rusak atau bukan berkas kunci SIKS-Desk.",
            "The device key file is damaged or is not a SIKS-Desk key file.",
        ),
        "KEY_FILE_PASSPHRASE": (
            "Kata sandi berkas kunci salah, atau berkas kunci rusak.",
            "The key file password is wrong, or the key file is damaged.",
        ),
        "KEY_FILE_NEEDS_PASSPHRASE": (
            "Berkas kunci ini dilindungi kata sandi; masukkan kata sandinya.",
            "This key file is protected by a password; please enter it.",
        ),
    }


class EnrolmentError(SyncError):
    """A district profile file or a device registration file was refused."""

    MESSAGES: ClassVar[Messages] = {
        "TOO_LARGE": (
            "Berkas terlalu besar untuk berkas pendaftaran ({size} byte, batas {limit} byte).",
            "The file is too large for an enrolment file ({size} bytes, limit {limit} bytes).",
        ),
        "NOT_JSON": (
            "Berkas ini bukan berkas profil atau pendaftaran SIKS-Desk (tidak dapat dibaca).",
            "This file is not a SIKS-Desk profile or registration file (it cannot be read).",
        ),
        "NOT_A_PROFILE": (
            "Berkas ini bukan berkas profil kabupaten (.siksdesk-profile) dari Dinas Sosial.",
            "This file is not a district profile file (.siksdesk-profile) from the Dinas Sosial.",
        ),
        "NOT_A_REGISTRATION": (
            "Berkas ini bukan berkas pendaftaran perangkat desa (.siksdesk-device).",
            "This file is not a village device registration file (.siksdesk-device).",
        ),
        "BAD_VERSION": (
            "Berkas dibuat dengan versi {version} yang tidak dikenal. Perbarui aplikasi.",
            "The file uses version {version}, which is unknown. Update the app.",
        ),
        "BAD_FIELD": (
            "Isian “{field}” di berkas tidak ada atau tidak sah.",
            "The entry “{field}” in the file is missing or not valid.",
        ),
        "VILLAGE_NOT_IN_DISTRICT": (
            "Kode desa {village_code} tidak termasuk kabupaten/kota {district_code}.",
            "Village code {village_code} does not belong to district {district_code}.",
        ),
        "BAD_SIGNATURE": (
            "Tanda tangan berkas tidak sah: berkas ini diubah setelah dibuat.",
            "The file's signature is not valid: the file was changed after it was made.",
        ),
        "KEY_ID_MISMATCH": (
            "ID kunci di berkas tidak cocok dengan kuncinya: berkas diubah atau rusak.",
            "The key id in the file does not match its keys: the file was changed or damaged.",
        ),
        "FINGERPRINT_MISMATCH": (
            "Sidik jari di berkas tidak cocok dengan kuncinya: berkas diubah atau rusak.",
            "The fingerprint in the file does not match its keys: the file was changed or "
            "damaged.",
        ),
    }


class PayloadError(SyncError):
    """The content of an opened package does not follow the agreed form."""

    MESSAGES: ClassVar[Messages] = {
        "BAD_FORMAT": (
            "Isi paket bukan jenis yang diharapkan ({expected}).",
            "The package content is not of the expected kind ({expected}).",
        ),
        "DUPLICATE": (
            "Isian “{field}” muncul dua kali di isi paket.",
            "The entry “{field}” appears twice in the package content.",
        ),
        "BAD_VERSION": (
            "Isi paket memakai versi {version} yang tidak dikenal. Perbarui aplikasi.",
            "The package content uses version {version}, which is unknown. Update the app.",
        ),
        "MISSING_FIELD": (
            "Isian “{field}” tidak ada di isi paket.",
            "The entry “{field}” is missing from the package content.",
        ),
        "UNKNOWN_FIELD": (
            "Isian “{field}” tidak dikenal di isi paket.",
            "The entry “{field}” in the package content is unknown.",
        ),
        "BAD_TYPE": (
            "Isian “{field}” berisi jenis data yang salah.",
            "The entry “{field}” holds the wrong type of data.",
        ),
        "BAD_VALUE": (
            "Isian “{field}” berisi nilai yang tidak sah.",
            "The entry “{field}” holds a value that is not valid.",
        ),
        "TOO_LONG": (
            "Isian “{field}” terlalu panjang (batas {limit} karakter).",
            "The entry “{field}” is too long (limit {limit} characters).",
        ),
        "TOO_MANY": (
            "Daftar “{field}” terlalu banyak isinya (batas {limit}).",
            "The list “{field}” has too many entries (limit {limit}).",
        ),
        "TOO_DEEP": (
            "Isian “{field}” terlalu bertingkat (batas {limit} tingkat).",
            "The entry “{field}” is nested too deeply (limit {limit} levels).",
        ),
        "BAD_UUID": (
            "Isian “{field}” bukan kode unik (UUID) yang sah.",
            "The entry “{field}” is not a valid unique id (UUID).",
        ),
        "BAD_NIK": (
            "Isian “{field}” bukan NIK 16 digit.",
            "The entry “{field}” is not a 16-digit NIK.",
        ),
        "BAD_DATE": (
            "Isian “{field}” bukan tanggal/waktu yang sah.",
            "The entry “{field}” is not a valid date or time.",
        ),
        "UNKNOWN_TYPE": (
            "Isian “{field}” memakai jenis yang tidak dikenal. Perbarui aplikasi.",
            "The entry “{field}” has a type that is unknown. Update the app.",
        ),
    }
