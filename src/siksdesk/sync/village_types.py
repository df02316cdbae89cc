"""What the village side of sync hands to its callers (the "Kirim ke Dinas" screens, the CLI):
the environment it works in, frozen DTOs and its typed errors. See /tmp/s3/village-api.md."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from sqlalchemy.orm import Session, sessionmaker

from siksdesk.sync.errors import Messages, SyncError

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


def never() -> bool:
    return False


def ignore(_done: int, _total: int) -> None:
    return None


def unix_now() -> int:
    return int(time.time())


@dataclass(frozen=True, slots=True)
class SyncEnv:
    """Where sync works: the database and the data folder (``<home>/sync/`` holds the device key
    and the marker file). ``clock`` gives unix seconds (tests inject a fixed one)."""

    sessions: sessionmaker[Session]
    home: Path
    clock: Callable[[], int] = field(default=unix_now)

    @property
    def folder(self) -> Path:
        return self.home / "sync"

    @property
    def key_file(self) -> Path:
        return self.folder / "device.key"

    @property
    def marker_file(self) -> Path:
        return self.folder / "marker.json"


class SyncCancelled(Exception):
    """The operator cancelled; nothing was written (a transaction, if any, rolled back)."""


class VillageSyncError(SyncError):
    """A village-side sync action was refused; the database is unchanged."""

    MESSAGES: ClassVar[Messages] = {
        "NOT_ENROLLED": (
            "Profil Dinas belum diimpor: impor berkas profil dari Dinas Sosial dulu.",
            "No district profile yet: import the profile file from the district office first.",
        ),
        "PROFILE_VILLAGE_MISMATCH": (
            "Profil ini untuk desa {profile_village}, bukan desa ini ({village}).",
            "This profile is for village {profile_village}, not this village ({village}).",
        ),
        "PROFILE_REAL_FOR_TRAINING": (
            "Desa ini desa latihan (data contoh): profil Dinas yang sebenarnya tidak dapat "
            "diimpor. Pakai Dinas latihan, atau profil latihan dari Dinas.",
            "This is the training village (practice data): a real district profile cannot be "
            "imported. Use the training Dinas, or a training profile from the district.",
        ),
        "PROFILE_TRAINING_FOR_REAL": (
            "Profil ini dari penerima latihan Dinas: desa yang sebenarnya tidak dapat "
            "didaftarkan ke sana.",
            "This profile comes from a training receiver: a real village cannot be enrolled "
            "with it.",
        ),
        "TRAINING_MODE_MISMATCH": (
            "Mode latihan desa ini tidak cocok dengan profil Dinas yang diimpor: tidak ada "
            "paket yang disegel. Impor profil Dinas yang sesuai.",
            "This village's training mode does not match the imported district profile: no "
            "bundle was sealed. Import the matching district profile.",
        ),
        "PROFILE_DIFFERENT_DISTRICT": (
            "Sudah ada profil Dinas lain (kunci {key_id}). Ganti hanya bila Dinas memintanya.",
            "Another district profile is already imported (key {key_id}). Replace it only if "
            "the district asks you to.",
        ),
        "NOTHING_TO_SEAL": (
            "Tidak ada usulan yang disetujui MusDes dan belum dikirim.",
            "There are no MusDes-approved proposals that have not been sent.",
        ),
        "RESTORED_NEEDS_CATCH_UP": (
            "Basis data dipulihkan dari cadangan (paket terakhir di laptop ini no. "
            "{marker_sequence}, di basis data no. {database_sequence}). Impor tanda terima "
            "terakhir dari Dinas sebelum mengirim lagi.",
            "The database was restored from a backup (last bundle on this laptop no. "
            "{marker_sequence}, in the database no. {database_sequence}). Import the "
            "district's latest receipt before sending again.",
        ),
        "DEVICE_REVOKED": (
            "Perangkat ini sudah dicabut oleh Dinas; hubungi Dinas Sosial.",
            "This device has been revoked by the district; contact the district office.",
        ),
        "DEVICE_KEY_MISMATCH": (
            "Kunci perangkat di folder data bukan kunci yang dipakai basis data ini "
            "(kunci {key_id}).",
            "The device key in the data folder is not the key this database sends with "
            "(key {key_id}).",
        ),
        "NOTHING_TO_SEND": (
            "Tidak ada paket yang menunggu dikirim.",
            "No bundle is waiting to be sent.",
        ),
        "WRITE_FAILED": (
            "Paket tidak dapat ditulis ke folder {folder}. Periksa flashdisk atau foldernya.",
            "The bundle could not be written to the folder {folder}. Check the USB stick or "
            "the folder.",
        ),
        "VERIFY_FAILED": (
            "Paket yang ditulis ke {file} tidak sama saat dibaca ulang: flashdisk rusak? "
            "Coba flashdisk lain.",
            "The bundle written to {file} differs when read back: a faulty USB stick? Try "
            "another one.",
        ),
        "NO_SERVER_URL": (
            "Alamat server Dinas belum diketahui.",
            "The district server address is not known.",
        ),
        "SERVER_REFUSED": (
            "Server Dinas menolak paket (HTTP {status}, {server_code}).",
            "The district server refused the bundle (HTTP {status}, {server_code}).",
        ),
        "RECEIPT_UNKNOWN_BUNDLE": (
            "Tanda terima ini untuk paket no. {sequence} yang tidak dikenal di laptop ini.",
            "This receipt answers bundle no. {sequence}, which this laptop does not know.",
        ),
        "RECEIPT_MISMATCH": (
            "Tanda terima ini tidak cocok dengan paket no. {sequence} yang dikirim.",
            "This receipt does not match bundle no. {sequence} as it was sent.",
        ),
        "UPDATE_OLD_VERSION": (
            "Pembaruan versi {version} sudah lama: versi {current} sudah diimpor.",
            "Update version {version} is old: version {current} has already been imported.",
        ),
        "UPDATE_EXPIRED": (
            "Pembaruan versi {version} sudah kedaluwarsa; minta yang baru dari Dinas.",
            "Update version {version} has expired; ask the district for a new one.",
        ),
        "WRONG_VILLAGE": (
            "Berkas ini untuk desa {found}, bukan desa ini ({village}).",
            "This file is for village {found}, not this village ({village}).",
        ),
        "FILE_UNREADABLE": (
            "Berkas {file} tidak dapat dibaca.",
            "The file {file} cannot be read.",
        ),
        "FILE_TOO_LARGE": (
            "Berkas {file} terlalu besar untuk paket SIKS-Desk.",
            "The file {file} is too large for a SIKS-Desk package.",
        ),
        "NOT_A_SYNC_FILE": (
            "Berkas {file} bukan tanda terima atau pembaruan dari Dinas.",
            "The file {file} is not a receipt or an update from the district.",
        ),
    }


@dataclass(frozen=True, slots=True)
class DeviceInfo:
    key_id: str  # hex
    fingerprint: str
    created: bool  # made by this call


@dataclass(frozen=True, slots=True)
class ProfileInfo:
    district_code: str
    district_name: str
    village_code: str
    village_name: str
    key_id: str
    fingerprint: str
    server_url: str
    training: bool
    issued_at: str
    imported_at: datetime


@dataclass(frozen=True, slots=True)
class RegistrationInfo:
    path: Path
    fingerprint: str
    key_id: str


@dataclass(frozen=True, slots=True)
class BundleInfo:
    sequence: int
    sha256: str
    sealed_at: datetime
    records: int
    counts: Mapping[str, int]  # per usulan kind
    state: str  # pending | held | refused | receipted
    written_at: datetime | None
    uploaded_at: datetime | None
    attempts: int
    last_error: str
    receipt_status: str
    receipt_reason: str


@dataclass(frozen=True, slots=True)
class SealedBundle:
    sequence: int
    sha256: str
    records: int
    counts: Mapping[str, int]
    meetings: int
    niks: int


@dataclass(frozen=True, slots=True)
class WrittenFile:
    path: Path
    sequence: int
    sha256: str
    bytes: int


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    kind: str  # receipt | update
    file: str
    sequence: int  # receipt: the bundle's sequence; update: its version
    duplicate: bool = False
    accepted: int = 0
    rejected: int = 0
    nik_issues: int = 0
    status: str = ""
    reason_code: str = ""
    caught_up: bool = False
    revoked: bool = False
    keys_rotated: bool = False


@dataclass(frozen=True, slots=True)
class UploadResult:
    sent: int
    receipts: tuple[ImportOutcome, ...]
    queued: int
    offline: bool
    error_code: str = ""


@dataclass(frozen=True, slots=True)
class FetchResult:
    receipts: tuple[ImportOutcome, ...]
    updates: tuple[ImportOutcome, ...]
    offline: bool
    error_code: str = ""


@dataclass(frozen=True, slots=True)
class SyncStatus:
    device: DeviceInfo | None
    profile: ProfileInfo | None
    exportable: int
    held_back: int
    bundles: tuple[BundleInfo, ...]
    unreceipted: int
    last_sequence: int
    acknowledged_through: int
    update_version: int
    revoked: bool
    needs_catch_up: bool
    marker_sequence: int
    blocked_code: str
