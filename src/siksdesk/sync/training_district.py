"""The built-in "Dinas latihan": a district receiver for the training village, so that a trainee
can seal a bundle, "send" it and get a receipt back without any real Dinas.

Nothing here is simulated. It is the real receiver (``siksdesk.district``: its SQLite database,
its key files, ``ingest`` and the signed receipt) initialised in training mode inside the
training village's data folder (``<home>/dinas-latihan/``), with keys generated there on first
use. The village side is the real one as well: the profile is imported through
``sync.device.import_profile``, the device is registered with its fingerprint, the bundle is the
sealed container from the outbox and the receipt goes through ``sync.inbox.import_bytes``.

Only a training village may use it (``is_demo`` in its village profile), and the receiver is
initialised with ``training=True``: the district refuses the bundles of a real village
(REAL_BUNDLE), and a real district refuses everything a training village seals
(TRAINING_BUNDLE, or TRAINING_MISMATCH at registration).

The receiver needs only SQLAlchemy (and alembic for its schema) beyond our own packages: no
HTTP server stack — the bundle is handed to ``ingest`` in the same process. It is imported
when first used, so reading ``training_state`` (every refresh of the page) does not load it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Final

from siksdesk.db.session import read_session
from siksdesk.models import SyncProfile, VillageProfile
from siksdesk.sync.device import device_keys, ensure_device, import_profile, registration_bytes
from siksdesk.sync.errors import Messages, SyncError
from siksdesk.sync.inbox import import_bytes
from siksdesk.sync.outbox import mark_sent, pending_containers
from siksdesk.sync.village_types import (
    Cancelled,
    ImportOutcome,
    Progress,
    SyncCancelled,
    SyncEnv,
    UploadResult,
    ignore,
    never,
)

if TYPE_CHECKING:
    from siksdesk.district.context import District

__all__ = ["FOLDER", "TrainingDistrictError", "TrainingLink", "TrainingState",
           "connect_training_district", "send_to_training_district", "training_district_home",
           "training_link", "training_state"]

log = logging.getLogger(__name__)

FOLDER: Final = "dinas-latihan"
DEVICE_NAME: Final = "Laptop latihan"
# The receiver's files inside FOLDER (siksdesk.district.context.KEY_FILE, keyring.MANIFEST):
# named here so that reading the page's state does not import the receiver.
KEY_FILE: Final = Path("keys") / "district.key"
KEY_MANIFEST: Final = Path("keys") / "keys.json"


class TrainingDistrictError(SyncError):
    MESSAGES: ClassVar[Messages] = {
        "NOT_TRAINING_VILLAGE": (
            "Dinas latihan hanya untuk desa latihan (data contoh). Desa ini desa yang "
            "sebenarnya: kirim ke Dinas Sosial yang sebenarnya.",
            "The training Dinas is only for the training village (practice data). This is a "
            "real village: send to the real district office.",
        ),
        "NO_VILLAGE_CODE": (
            "Desa latihan belum punya kode desa 10 digit.",
            "The training village has no 10-digit village code yet.",
        ),
        "OTHER_DISTRICT_PROFILE": (
            "Desa latihan ini sudah memakai profil latihan dari Dinas ({district}). Kirim paket "
            "ke sana (flashdisk atau server), bukan ke Dinas latihan bawaan.",
            "This training village already uses a training profile from the district "
            "({district}). Send the bundles there (USB stick or server), not to the built-in "
            "training Dinas.",
        ),
        "NOT_ANSWERED": (
            "Dinas latihan tidak menjawab paket no. {sequence}: {reason}",
            "The training Dinas did not answer bundle no. {sequence}: {reason}",
        ),
    }


@dataclass(frozen=True, slots=True)
class TrainingLink:
    """The training village's link with the built-in training Dinas."""

    district_code: str
    district_name: str
    fingerprint: str  # of the training Dinas's key, as the profile shows it
    created: bool  # the receiver was initialised by this call


@dataclass(frozen=True, slots=True)
class TrainingState:
    """What the "Kirim ke Dinas" page needs to know, read cheaply (no district database)."""

    training: bool  # the open village is the training village
    linked: bool  # its profile is the built-in training Dinas's (as far as the files say)
    other_profile: bool  # it holds another district's (training) profile


def training_district_home(env: SyncEnv) -> Path:
    return env.home / FOLDER


def training_state(env: SyncEnv) -> TrainingState:
    with read_session(env.sessions) as session:
        village = session.get(VillageProfile, 1)
        profile = session.get(SyncProfile, 1)
        training = bool(village is not None and village.is_demo)
        profile_key = profile.key_id if profile is not None else None
    ours = (training_district_home(env) / KEY_FILE).exists()
    linked = training and ours and profile_key is not None and \
        _manifest_mentions(training_district_home(env), profile_key)
    return TrainingState(training, linked, profile_key is not None and not linked)


def _manifest_mentions(home: Path, key_id: str) -> bool:
    """Whether the training Dinas's key manifest lists ``key_id`` (a text search is enough:
    sending checks it properly)."""
    try:
        return key_id in (home / KEY_MANIFEST).read_text(encoding="utf-8")
    except OSError:
        return False


def training_link(env: SyncEnv) -> TrainingLink | None:
    """The link when the village is connected to the built-in training Dinas (None: not yet,
    or linked to another district). Never creates anything."""
    from siksdesk.district.context import open_district

    home = training_district_home(env)
    if not (home / KEY_FILE).exists():
        return None
    with read_session(env.sessions) as session:
        profile = session.get(SyncProfile, 1)
        profile_key = profile.key_id if profile is not None else ""
    district = open_district(home)
    try:
        if district.identity.key_id != profile_key:
            return None
        return _link(district, created=False)
    finally:
        district.close()


def connect_training_district(env: SyncEnv, *, author: str) -> TrainingLink:
    """Make (first use) or open the training Dinas, import its profile into the village and
    register this laptop with it; each step only when not done yet. Raises
    TrainingDistrictError, VillageSyncError or DistrictError; the village database is
    unchanged unless the profile was imported."""
    from siksdesk.district.context import init_district, open_district

    code, village_name, kabupaten = _training_village(env)
    home = training_district_home(env)
    created = not (home / KEY_FILE).exists()
    if created:
        district = init_district(home, None, district_code=code[:4],
                                 district_name=f"Dinas Sosial {kabupaten} (latihan)".strip(),
                                 training=True)
        log.info("training district initialised")
    else:
        district = open_district(home)
    try:
        _enrol(env, district, code, village_name, author)
        return _link(district, created=created)
    finally:
        district.close()


def send_to_training_district(env: SyncEnv, *, author: str, progress: Progress = ignore,
                              cancelled: Cancelled = never) -> UploadResult:
    """"Kirim ke Dinas latihan": hand every bundle without a valid receipt to the training
    Dinas (oldest first) and import its signed receipt, as an upload would."""
    from siksdesk.district.context import open_district
    from siksdesk.district.ingest import ingest

    connect_training_district(env, author=author)
    district = open_district(training_district_home(env))
    try:
        pending = pending_containers(env)
        receipts: list[ImportOutcome] = []
        progress(0, len(pending))
        for done, (sequence, _sha, data) in enumerate(pending):
            if cancelled():
                raise SyncCancelled()
            result = ingest(district, data, now=env.clock())
            if result.receipt is None:  # refused before the device could be trusted
                reason = result.message("id") if result.error else result.reason_code
                raise TrainingDistrictError("NOT_ANSWERED", sequence=sequence, reason=reason)
            mark_sent(env, sequence, uploaded=True, attempts=1)
            receipts.append(import_bytes(env, result.receipt, author=author,
                                         name=f"dinas-latihan:{sequence}"))
            progress(done + 1, len(pending))
        return UploadResult(len(pending), tuple(receipts), len(pending_containers(env)), False)
    finally:
        district.close()


# --- parts -------------------------------------------------------------------------------------

def _training_village(env: SyncEnv) -> tuple[str, str, str]:
    with read_session(env.sessions) as session:
        village = session.get(VillageProfile, 1)
        if village is None or not village.is_demo:
            raise TrainingDistrictError("NOT_TRAINING_VILLAGE")
        code, name, kabupaten = village.kode_desa, village.nama_desa, village.nama_kabupaten
    if not (len(code) == 10 and code.isascii() and code.isdigit()):
        raise TrainingDistrictError("NO_VILLAGE_CODE")
    return code, name, kabupaten or ""


def _enrol(env: SyncEnv, district: District, code: str, village_name: str,
           author: str) -> None:
    from siksdesk.district.devices import device_info, make_village_profile, register_device
    from siksdesk.district.errors import DistrictError

    with read_session(env.sessions) as session:
        profile = session.get(SyncProfile, 1)
        profile_key = profile.key_id if profile is not None else None
        profile_name = profile.district_name if profile is not None else ""
    if profile_key is None:
        import_profile(env, make_village_profile(district, code, village_name), author=author)
    elif profile_key != district.identity.key_id:
        raise TrainingDistrictError("OTHER_DISTRICT_PROFILE", district=profile_name)
    ensure_device(env)
    keys = device_keys(env)
    try:
        device_info(district, keys.key_id.hex())
    except DistrictError as exc:
        if exc.code != "UNKNOWN_DEVICE":
            raise
        # The fingerprint is compared by eye at a real Dinas; here both sides are this laptop.
        register_device(district, registration_bytes(env, device_name=DEVICE_NAME),
                        keys.fingerprint)
        log.info("device registered with the training district")


def _link(district: District, *, created: bool) -> TrainingLink:
    identity = district.identity
    return TrainingLink(identity.district_code, identity.district_name,
                        district.keys.fingerprint, created)
