"""One read-only look at the sync link (the "Kirim ke Dinas" page, ``siksdesk sync status``)."""

from __future__ import annotations

from sqlalchemy import select

from siksdesk.db.session import read_session
from siksdesk.models import SyncBundle, SyncDevice, SyncProfile
from siksdesk.services.proposals import exportable_proposals, held_back
from siksdesk.sync.catch_up import database_sequence, read_marker
from siksdesk.sync.device import device_info, profile_info_of
from siksdesk.sync.outbox import UNRECEIPTED, bundle_info
from siksdesk.sync.village_types import DeviceInfo, SyncEnv, SyncStatus

RECENT = 20


def sync_status(env: SyncEnv) -> SyncStatus:
    device = device_info(env)
    marker = read_marker(env)
    with read_session(env.sessions) as session:
        profile_row = session.get(SyncProfile, 1)
        profile = profile_info_of(profile_row) if profile_row is not None else None
        state = session.get(SyncDevice, 1)
        bundles = list(session.scalars(select(SyncBundle).order_by(SyncBundle.sequence.desc())
                                       .limit(RECENT)))
        waiting = list(session.scalars(select(SyncBundle).where(
            SyncBundle.state.in_(UNRECEIPTED)).order_by(SyncBundle.sequence)))
        shown = {b.sequence: b for b in [*bundles, *waiting]}
        exportable = len(exportable_proposals(session))
        held = len(held_back(session))
        db_sequence = database_sequence(session)
        infos = tuple(bundle_info(shown[s]) for s in sorted(shown))
    revoked = state is not None and state.revoked_at is not None
    key_id = state.key_id if state is not None else (device.key_id if device else "")
    catch_up = marker is not None and marker.key_id == key_id and marker.sequence > db_sequence
    return SyncStatus(
        device=device, profile=profile, exportable=exportable, held_back=held, bundles=infos,
        unreceipted=len(waiting), last_sequence=db_sequence,
        acknowledged_through=state.acknowledged_through if state is not None else 0,
        update_version=state.update_version if state is not None else 0, revoked=revoked,
        needs_catch_up=catch_up, marker_sequence=marker.sequence if marker else 0,
        blocked_code=_blocked(device, profile is not None, state, revoked, catch_up,
                              exportable))


def _blocked(device: DeviceInfo | None, enrolled: bool, state: SyncDevice | None,
             revoked: bool, catch_up: bool, exportable: int) -> str:
    if not enrolled or device is None:
        return "NOT_ENROLLED"
    if state is not None and state.key_id != device.key_id:
        return "DEVICE_KEY_MISMATCH"
    if revoked:
        return "DEVICE_REVOKED"
    if catch_up:
        return "RESTORED_NEEDS_CATCH_UP"
    return "" if exportable else "NOTHING_TO_SEAL"
