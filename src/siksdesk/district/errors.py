"""The district receiver's own error codes (bilingual, in the style of ``siksdesk.sync.errors``).

Parameters are key ids, village codes, sequence numbers and file names — never a NIK or name."""

from __future__ import annotations

from typing import ClassVar

from siksdesk.sync.errors import Messages, SyncError

__all__ = ["DistrictError"]


class DistrictError(SyncError):
    """Something the district operator can act on; nothing was changed."""

    MESSAGES: ClassVar[Messages] = {
        "NOT_INITIALISED": (
            "Penerima kabupaten belum disiapkan di {home}: jalankan dulu "
            "'siksdesk-district init'.",
            "The district receiver is not set up in {home}: run 'siksdesk-district init' "
            "first.",
        ),
        "ALREADY_INITIALISED": (
            "Penerima kabupaten sudah disiapkan (kode {district_code}); tidak ada yang diubah.",
            "The district receiver is already set up (code {district_code}); nothing changed.",
        ),
        "BAD_DISTRICT_CODE": (
            "Kode kabupaten/kota harus 4 digit (misalnya 3522).",
            "The district code must be 4 digits (for example 3522).",
        ),
        "BAD_VILLAGE_CODE": (
            "Kode desa harus 10 digit kode Kemendagri dan diawali kode kabupaten "
            "{district_code}.",
            "The village code must be the 10-digit Kemendagri code starting with district "
            "code {district_code}.",
        ),
        "FINGERPRINT_TYPED_MISMATCH": (
            "Sidik jari yang diketik tidak cocok dengan berkas pendaftaran. Sidik jari berkas: "
            "{fingerprint}. Perangkat TIDAK didaftarkan; bandingkan lagi dengan layar laptop "
            "desa.",
            "The fingerprint typed does not match the registration file. The file's "
            "fingerprint: {fingerprint}. The device was NOT registered; compare again with the "
            "village laptop's screen.",
        ),
        "TRAINING_MISMATCH": (
            "Mode latihan tidak cocok: perangkat {mode_device}, penerima kabupaten {mode_ours}.",
            "Training mode does not match: the device is {mode_device}, this receiver is "
            "{mode_ours}.",
        ),
        "TRAINING_BUNDLE": (
            "Paket ini dari desa latihan (data contoh) dan ditolak: penerima ini menerima data "
            "yang sebenarnya. Tidak ada yang diterapkan.",
            "This bundle comes from a training village (practice data) and was refused: this "
            "receiver takes real data. Nothing was applied.",
        ),
        "REAL_BUNDLE": (
            "Paket ini berisi data desa yang sebenarnya dan ditolak: penerima ini hanya untuk "
            "latihan. Tidak ada yang diterapkan; kirim ke Dinas Sosial yang sebenarnya.",
            "This bundle holds a real village's data and was refused: this receiver is for "
            "training only. Nothing was applied; send it to the real district office.",
        ),
        "DEVICE_ALREADY_REGISTERED": (
            "Perangkat dengan kunci {key_id} sudah terdaftar untuk desa {village_code}.",
            "The device with key {key_id} is already registered for village {village_code}.",
        ),
        "DEVICE_REVOKED": (
            "Perangkat dengan kunci {key_id} sudah dicabut dan tidak dapat didaftarkan lagi.",
            "The device with key {key_id} has been revoked and cannot be registered again.",
        ),
        "UNKNOWN_DEVICE": (
            "Tidak ada perangkat terdaftar dengan kunci {key_id}.",
            "No registered device has key {key_id}.",
        ),
        "NO_RECEIPT": (
            "Belum ada tanda terima untuk perangkat {key_id}{sequence_text}.",
            "There is no receipt yet for device {key_id}{sequence_text}.",
        ),
        "VILLAGE_MISMATCH": (
            "Paket menyebut desa {found}, tetapi perangkat terdaftar untuk desa {expected}.",
            "The package names village {found}, but the device is registered for village "
            "{expected}.",
        ),
        "BODY_TOO_LARGE": (
            "Kiriman terlalu besar (batas {limit} byte).",
            "The upload is too large (limit {limit} bytes).",
        ),
        "BODY_TIMEOUT": (
            "Kiriman terlalu lambat dan dihentikan; coba kirim lagi.",
            "The upload was too slow and was stopped; please send it again.",
        ),
        "BAD_CONTENT_TYPE": (
            "Kiriman harus berjenis {expected}.",
            "The upload must be of type {expected}.",
        ),
        "BAD_REQUEST": (
            "Permintaan tidak sah: {detail}.",
            "Bad request: {detail}.",
        ),
        "NOT_FOUND": ("Alamat tidak dikenal.", "Unknown address."),
        "BUSY": (
            "Server sedang sibuk; coba kirim lagi sebentar lagi.",
            "The server is busy; please send again in a moment.",
        ),
        "FILE_UNREADABLE": (
            "Berkas {file} tidak dapat dibaca.",
            "The file {file} cannot be read.",
        ),
        "FILE_EXISTS": (
            "Berkas {file} sudah ada; pilih nama lain.",
            "The file {file} already exists; choose another name.",
        ),
        "BAD_EXPIRY": (
            "Masa berlaku pembaruan harus antara 1 dan 3650 hari.",
            "An update must be valid for between 1 and 3650 days.",
        ),
        "BAD_OVERLAP": (
            "Masa tumpang tindih kunci harus antara 0 dan 3650 hari.",
            "The key overlap must be between 0 and 3650 days.",
        ),
        "KEYS_CHANGED": (
            "Kunci kabupaten baru saja diganti oleh proses lain; tidak ada yang diubah. "
            "Periksa 'status' lalu coba lagi bila perlu.",
            "The district keys were just changed by another process; nothing changed. Check "
            "'status' and try again if needed.",
        ),
        "KEY_MANIFEST_BAD": (
            "Daftar kunci {file} rusak atau tidak dikenal; perbaiki dari cadangan.",
            "The key list {file} is damaged or unknown; restore it from a backup.",
        ),
        "EMPTY_LIST": (
            "Daftar {file} tidak berisi baris NIK yang dapat dipakai.",
            "The list {file} holds no usable NIK row.",
        ),
        "LIST_REJECTED": (
            "Daftar {file} tidak dapat dipakai: {detail}",
            "The list {file} cannot be used: {detail}",
        ),
        "DATABASE_ERROR": (
            "Basis data kabupaten tidak dapat dipakai saat ini ({detail}); tidak ada yang "
            "diubah. Coba lagi atau periksa servernya.",
            "The district database cannot be used right now ({detail}); nothing was changed. "
            "Try again or check the database server.",
        ),
        "DATABASE_NEWER": (
            "Basis data kabupaten dibuat oleh versi yang lebih baru (skema {revision}). "
            "Perbarui siksdesk.",
            "The district database was made by a newer version (schema {revision}). Update "
            "siksdesk.",
        ),
    }
