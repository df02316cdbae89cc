"""This laptop's side of enrolment: its device keys (``<home>/sync/device.key``, mode 0600, made on
first need), the district profile it imported (kept in the database) and the registration file
it writes for the district.

The database remembers which device key it sends with (``sync_device.key_id``): a key file that
changed under it (copied home folder, new laptop) is refused rather than silently starting a
second chain the district would see as a fork.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from siksdesk.db.session import read_session, unit_of_work
from siksdesk.models import SyncDevice, SyncDistrictKey, SyncProfile, VillageProfile
from siksdesk.models.base import utc_now
from siksdesk.sync import enrolment
from siksdesk.sync.container import SenderStatus
from siksdesk.sync.errors import KeyFileError
from siksdesk.sync.keys import KeyPair, PublicIdentity, atomic_write, fingerprint, load_private
from siksdesk.sync.village_types import (
    DeviceInfo,
    ProfileInfo,
    RegistrationInfo,
    SyncEnv,
    VillageSyncError,
)

log = logging.getLogger(__name__)

PROFILE_LIMIT = 64 * 1024


# --- device keys -------------------------------------------------------------------------------

def ensure_device(env: SyncEnv) -> DeviceInfo:
    """This laptop's device key, made (and saved, mode 0600) on first use."""
    try:
        pair = load_private(env.key_file)
        created = False
    except KeyFileError as exc:
        if exc.code != "KEY_FILE_MISSING":
            raise
        pair = KeyPair.generate()
        pair.save_private(env.key_file)
        created = True
        log.info("device key created: %s", pair.key_id.hex())
    return DeviceInfo(pair.key_id.hex(), pair.fingerprint, created)


def device_info(env: SyncEnv) -> DeviceInfo | None:
    """The device key's id and fingerprint, or None when there is none yet (never creates)."""
    if not env.key_file.exists():
        return None
    pair = load_private(env.key_file)
    return DeviceInfo(pair.key_id.hex(), pair.fingerprint, False)


def device_keys(env: SyncEnv) -> KeyPair:
    """The device's private keys (KeyFileError KEY_FILE_MISSING when never made)."""
    return load_private(env.key_file)


def bind_device(session: Session, keys: KeyPair) -> SyncDevice:
    """The database's device row, created for ``keys`` on first use; refuses another key."""
    device = session.get(SyncDevice, 1)
    if device is None:
        device = SyncDevice(id=1, key_id=keys.key_id.hex())
        session.add(device)
        session.flush()
    elif device.key_id != keys.key_id.hex():
        raise VillageSyncError("DEVICE_KEY_MISMATCH", key_id=keys.key_id.hex())
    return device


# --- the district profile ----------------------------------------------------------------------

def import_profile_file(env: SyncEnv, path: Path, *, author: str,
                        replace: bool = False) -> ProfileInfo:
    try:
        with open(path, "rb") as handle:
            data = handle.read(PROFILE_LIMIT + 1)
    except OSError as exc:
        raise VillageSyncError("FILE_UNREADABLE", file=Path(path).name) from exc
    return import_profile(env, data, author=author, replace=replace)


def import_profile(env: SyncEnv, data: bytes, *, author: str,
                   replace: bool = False) -> ProfileInfo:
    """Check and store the district profile (one transaction). Importing the same profile again
    changes nothing but the server address; one with other district keys needs ``replace``."""
    profile = enrolment.read_profile(data)
    identity = profile.identity
    keys = _device_for_enrolment(env)
    with unit_of_work(env.sessions, author, origin="sync") as session:
        _check_village(session, profile.village_code, profile.training)
        row = session.get(SyncProfile, 1)
        known = _known_key(session, identity.key_id.hex())
        if row is not None and row.key_id != identity.key_id.hex() and known is None \
                and not replace:
            raise VillageSyncError("PROFILE_DIFFERENT_DISTRICT", key_id=row.key_id)
        row = row or SyncProfile(id=1)
        row.district_code, row.district_name = profile.district_code, profile.district_name
        row.village_code, row.village_name = profile.village_code, profile.village_name
        row.key_id, row.server_url = identity.key_id.hex(), profile.server_url
        row.training, row.issued_at = profile.training, str(profile.issued_at)
        row.imported_at, row.imported_by = utc_now(), author
        row.profile_sha256 = hashlib.sha256(data).hexdigest()
        session.add(row)
        if known is None:
            session.add(SyncDistrictKey(key_id=identity.key_id.hex(), signing_key=identity.signing,
                                        encryption_key=identity.encryption,
                                        valid_from=utc_now(), source="profile"))
        bind_device(session, keys)
        session.flush()
        return profile_info_of(row)


def _device_for_enrolment(env: SyncEnv) -> KeyPair:
    ensure_device(env)
    return device_keys(env)


def _check_village(session: Session, code: str, training: bool) -> None:
    village = session.get(VillageProfile, 1)
    if village is not None and village.kode_desa and village.kode_desa != code:
        raise VillageSyncError("PROFILE_VILLAGE_MISMATCH", profile_village=code,
                               village=village.kode_desa)
    ours = bool(village is not None and village.is_demo)
    if training != ours:
        raise VillageSyncError("PROFILE_TRAINING_FOR_REAL" if training
                               else "PROFILE_REAL_FOR_TRAINING")


def check_training_mode(session: Session, profile: SyncProfile) -> None:
    """Before sealing: the bundle's training flag (the profile's) must be the village's own —
    training data never leaves as a real bundle, even with a profile imported before this
    check existed."""
    village = session.get(VillageProfile, 1)
    if profile.training != bool(village is not None and village.is_demo):
        raise VillageSyncError("TRAINING_MODE_MISMATCH")


def _known_key(session: Session, key_id: str) -> SyncDistrictKey | None:
    return session.scalars(select(SyncDistrictKey).where(SyncDistrictKey.key_id == key_id)
                           ).first()


def profile_info(env: SyncEnv) -> ProfileInfo | None:
    with read_session(env.sessions) as session:
        row = session.get(SyncProfile, 1)
        return profile_info_of(row) if row is not None else None


def profile_info_of(row: SyncProfile) -> ProfileInfo:
    return ProfileInfo(row.district_code, row.district_name, row.village_code,
                       row.village_name, row.key_id, _fingerprint_of(row), row.server_url,
                       row.training, row.issued_at, row.imported_at)


def _fingerprint_of(row: SyncProfile) -> str:
    session = Session.object_session(row)
    key = _known_key(session, row.key_id) if session is not None else None
    if key is None:
        return ""
    return fingerprint(PublicIdentity(key.signing_key, key.encryption_key))


def require_profile(session: Session) -> SyncProfile:
    row = session.get(SyncProfile, 1)
    if row is None:
        raise VillageSyncError("NOT_ENROLLED")
    return row


def district_recipient(session: Session, now: int) -> PublicIdentity:
    """The district key bundles are encrypted to: the one learnt last among those already
    valid. Learnt last, not latest ``valid_from``: a profile's key is stamped with the laptop's
    import time, which may be later than the ``valid_from`` of a rotation announced afterwards
    (an old profile file imported late, a skewed clock, the same second); the rotated key must
    still win."""
    moment = datetime.fromtimestamp(now, UTC).replace(tzinfo=None)
    key = session.scalars(select(SyncDistrictKey).where(SyncDistrictKey.valid_from <= moment)
                          .order_by(SyncDistrictKey.id.desc()).limit(1)).first()
    if key is None:
        key = session.scalars(select(SyncDistrictKey).order_by(SyncDistrictKey.id).limit(1)
                              ).first()
    if key is None:
        raise VillageSyncError("NOT_ENROLLED")
    return PublicIdentity(key.signing_key, key.encryption_key)


def district_lookup(session: Session) -> dict[bytes, SenderStatus]:
    """Every district key this laptop trusts, for ``container.verify``'s sender lookup."""
    return {bytes.fromhex(k.key_id): SenderStatus(PublicIdentity(k.signing_key,
                                                                 k.encryption_key))
            for k in session.scalars(select(SyncDistrictKey))}


# --- the registration file ---------------------------------------------------------------------

def registration_bytes(env: SyncEnv, *, device_name: str) -> bytes:
    ensure_device(env)
    keys = device_keys(env)
    with read_session(env.sessions) as session:
        code, name, training = _village_identity(session)
    return enrolment.make_registration(keys, village_code=code, village_name=name,
                                       device_name=device_name, training=training,
                                       created_at=datetime.fromtimestamp(env.clock(), UTC))


def write_registration(env: SyncEnv, path: Path, *, device_name: str) -> RegistrationInfo:
    """Write the device registration file for the district (public keys only)."""
    data = registration_bytes(env, device_name=device_name)
    keys = device_keys(env)
    try:
        atomic_write(Path(path), data, mode=0o644)
    except OSError as exc:
        raise VillageSyncError("WRITE_FAILED", folder=str(Path(path).parent)) from exc
    return RegistrationInfo(Path(path), keys.fingerprint, keys.key_id.hex())


def _village_identity(session: Session) -> tuple[str, str, bool]:
    profile = session.get(SyncProfile, 1)
    if profile is not None:
        return profile.village_code, profile.village_name, profile.training
    village = session.get(VillageProfile, 1)
    if village is None:
        raise VillageSyncError("NOT_ENROLLED")
    return village.kode_desa, village.nama_desa, village.is_demo
