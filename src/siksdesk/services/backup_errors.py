"""Typed errors of the backup and restore use cases: a stable code, parameters (file and folder
names, counts — never personal data) and a message in Indonesian (default) or English."""

from __future__ import annotations

from typing import Final

_MESSAGES: Final[dict[str, tuple[str, str]]] = {
    "PASSPHRASE_TOO_SHORT": (
        "Kata sandi cadangan terlalu pendek: paling sedikit {minimum} karakter.",
        "The backup passphrase is too short: at least {minimum} characters."),
    "PASSPHRASE_MISMATCH": (
        "Kedua kata sandi tidak sama. Ketik kata sandi yang sama dua kali.",
        "The two passphrases differ. Type the same passphrase twice."),
    "BACKUP_NOT_ENCRYPTED": (
        "Berkas {file} bukan cadangan terenkripsi siksdesk.",
        "{file} is not an encrypted siksdesk backup."),
    "BACKUP_WRONG_PASSPHRASE": (
        "Kata sandi salah untuk berkas cadangan {file}. Tidak ada yang diubah.",
        "Wrong passphrase for the backup file {file}. Nothing was changed."),
    "BACKUP_DAMAGED": (
        "Berkas cadangan {file} rusak atau tidak lengkap (terpotong atau diubah). Tidak ada "
        "yang diubah; pakai cadangan lain.",
        "The backup file {file} is damaged or incomplete (cut short or altered). Nothing was "
        "changed; use another backup."),
    "BACKUP_NOT_VERIFIED": (
        "Salinan {file} gagal pemeriksaan integritas dan tidak dipakai. Rincian: {detail}",
        "The copy {file} failed the integrity check and was not used. Detail: {detail}"),
    "BACKUP_NOT_SIKSDESK": (
        "Berkas {file} bukan basis data siksdesk.",
        "{file} is not a siksdesk database."),
    "BACKUP_TOO_NEW": (
        "Cadangan {file} dibuat oleh versi siksdesk yang lebih baru (skema {revision}). "
        "Perbarui aplikasi dulu; tidak ada yang diubah.",
        "The backup {file} was made by a newer siksdesk (schema {revision}). Update the app "
        "first; nothing was changed."),
    "BACKUP_TRAINING_OVER_REAL": (
        "Cadangan {file} berisi desa latihan, sedangkan yang terbuka adalah desa sungguhan. "
        "Data latihan tidak boleh menimpa data desa; tidak ada yang diubah.",
        "The backup {file} holds the training village, but the open village is the real one. "
        "Training data may not replace the village's data; nothing was changed."),
    "BACKUP_READBACK_FAILED": (
        "Berkas {file} yang baru ditulis tidak terbaca kembali dengan benar; berkas itu dihapus. "
        "Coba flashdisk lain.",
        "The file {file} just written did not read back correctly and was removed. Try another "
        "USB stick."),
    "BACKUP_WRITE_FAILED": (
        "Cadangan tidak dapat ditulis ke {folder}: {reason}",
        "The backup could not be written to {folder}: {reason}"),
    "BACKUP_NOT_FOUND": (
        "Berkas cadangan {file} tidak ditemukan.",
        "The backup file {file} was not found."),
    "DATABASE_IN_USE": (
        "Basis data masih dibuka oleh program lain (mungkin jendela siksdesk yang lain). Tutup "
        "semuanya lalu ulangi pemulihan; tidak ada yang diubah.",
        "The database is still open in another program (perhaps another siksdesk window). "
        "Close it and restore again; nothing was changed."),
    "BACKUP_CANCELLED": (
        "Dibatalkan; tidak ada yang diubah.",
        "Cancelled; nothing was changed."),
}


class BackupError(Exception):
    """A backup/restore problem the operator can act on; ``str()`` is the code and the
    parameters (file names only), ``message(lang)`` the text for the operator."""

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params = params
        details = ", ".join(f"{k}={v}" for k, v in params.items())
        super().__init__(f"{code} ({details})" if details else code)

    def message(self, lang: str = "id") -> str:
        text_id, text_en = _MESSAGES[self.code]
        return (text_en if lang == "en" else text_id).format(**self.params)
