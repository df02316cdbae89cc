"""The restored-from-backup rule.

A marker file outside the database (``<home>/sync/marker.json``: device key id, last sealed
sequence and hash) survives a restore of the database from a backup. When the marker is ahead
of the database, bundles were sealed (and maybe delivered) that this database no longer knows:
sealing again would reuse their sequence numbers (a fork at the district). So sealing is
refused (RESTORED_NEEDS_CATCH_UP) until a receipt from the district shows it has applied at
least the marker's sequence; the database then chains its next bundle to the district's last
applied one (``sync_device.base_sequence`` / ``base_sha256``).

The marker is written after the sealing transaction commits: a crash in between leaves the
marker behind the database, which is harmless (the database is the truth; the next seal
rewrites it).
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from siksdesk.models import SyncBundle, SyncDevice
from siksdesk.sync.keys import atomic_write
from siksdesk.sync.village_types import SyncEnv, VillageSyncError

log = logging.getLogger(__name__)

_FORMAT = "siksdesk-sync-marker"
_HEX64 = re.compile(r"[0-9a-f]{64}", re.ASCII)
_HEX32 = re.compile(r"[0-9a-f]{32}", re.ASCII)


@dataclass(frozen=True, slots=True)
class Marker:
    key_id: str
    sequence: int
    sha256: str


def read_marker(env: SyncEnv) -> Marker | None:
    """The marker, or None when there is none (or it is unreadable: logged, then ignored —
    the database stays the truth)."""
    try:
        raw = env.marker_file.read_bytes()
    except FileNotFoundError:
        return None
    except OSError:
        log.warning("sync marker unreadable; ignored")
        return None
    try:
        doc = json.loads(raw[:4096].decode("utf-8"))
        marker = Marker(str(doc["key_id"]), int(doc["sequence"]), str(doc["sha256"]))
    except (ValueError, KeyError, TypeError):
        log.warning("sync marker damaged; ignored")
        return None
    if doc.get("format") != _FORMAT or not _HEX32.fullmatch(marker.key_id) \
            or not _HEX64.fullmatch(marker.sha256) or marker.sequence < 1:
        log.warning("sync marker not in the expected form; ignored")
        return None
    return marker


def write_marker(env: SyncEnv, marker: Marker) -> None:
    doc = {"format": _FORMAT, "version": 1, "key_id": marker.key_id,
           "sequence": marker.sequence, "sha256": marker.sha256}
    atomic_write(env.marker_file, (json.dumps(doc, sort_keys=True) + "\n").encode("ascii"))


def chain_head(session: Session) -> tuple[int, str]:
    """The last sequence this database has sealed or caught up to, and its hash ("" for 0)."""
    last = session.scalars(select(SyncBundle).order_by(SyncBundle.sequence.desc()).limit(1)
                           ).first()
    device = session.get(SyncDevice, 1)
    base_seq = device.base_sequence if device is not None else 0
    base_sha = device.base_sha256 if device is not None else ""
    if last is not None and last.sequence >= base_seq:
        return last.sequence, last.sha256
    return base_seq, base_sha


def database_sequence(session: Session) -> int:
    return chain_head(session)[0]


def needs_catch_up(env: SyncEnv, session: Session, device_key_id: str) -> Marker | None:
    """The marker when it is ahead of this database for this device (sealing must wait)."""
    marker = read_marker(env)
    if marker is None or marker.key_id != device_key_id:
        return None
    return marker if marker.sequence > database_sequence(session) else None


def check_can_seal(env: SyncEnv, session: Session, device_key_id: str) -> None:
    marker = needs_catch_up(env, session, device_key_id)
    if marker is not None:
        raise VillageSyncError("RESTORED_NEEDS_CATCH_UP", marker_sequence=marker.sequence,
                               database_sequence=database_sequence(session))


def catch_up_to(session: Session, device: SyncDevice, sequence: int, sha256: str) -> bool:
    """Adopt the district's last applied bundle as the chain base when it is ahead of this
    database (only possible after a restore). Returns True when the base moved."""
    if sequence <= database_sequence(session) or not _HEX64.fullmatch(sha256):
        return False
    device.base_sequence, device.base_sha256 = sequence, sha256
    # bundles the district already has (this database sealed them before the backup point)
    # need not travel again; their own receipts may still come (fetch) with the results
    session.flush()
    return True


def max_bundle_sequence(session: Session) -> int:
    return int(session.scalar(select(func.max(SyncBundle.sequence))) or 0)
