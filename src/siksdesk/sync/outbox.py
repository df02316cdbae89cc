"""The outbox: seal the next bundle from the proposals the export gate lets through.

``seal_next`` runs in ONE transaction: it takes ``proposals.exportable_proposals`` (approved in a
finalised MusDes/SPTJM, not yet sent), builds the records (contract: meetings referenced, NIKs
introduced, a household snapshot for new households/members), seals the container with the next
sequence number chained to the previous bundle's hash, stores the container bytes, and moves the
proposals approved → sent. The container is kept byte for byte and re-sent unchanged until a
valid receipt arrives. The marker file is written after the commit (see ``catch_up``).

The plaintext payload only ever exists in memory: what is stored and written is the sealed
container, encrypted to the district.
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import CursorResult, insert, select, update
from sqlalchemy.orm import Session

import siksdesk
from siksdesk.db.audit import read_head
from siksdesk.db.session import driver_connection, read_session, unit_of_work
from siksdesk.domain.musdes import Role, UsulanStatus, check_transition
from siksdesk.models import SyncBundle, SyncBundleItem, SyncDevice, SyncProfile, Usulan
from siksdesk.models.base import utc_now
from siksdesk.services.proposals import exportable_proposals
from siksdesk.sync import snapshot
from siksdesk.sync.catch_up import Marker, chain_head, check_can_seal, write_marker
from siksdesk.sync.container import Kind, container_sha256, read_header, seal
from siksdesk.sync.device import (
    bind_device,
    check_training_mode,
    device_keys,
    district_recipient,
    require_profile,
)
from siksdesk.sync.keys import KeyPair
from siksdesk.sync.payloads import build_bundle_payload
from siksdesk.sync.village_types import (
    BundleInfo,
    Cancelled,
    Progress,
    SealedBundle,
    SyncCancelled,
    SyncEnv,
    VillageSyncError,
    ignore,
    never,
)

log = logging.getLogger(__name__)

PENDING, HELD, REFUSED, RECEIPTED = "pending", "held", "refused", "receipted"
UNRECEIPTED = (PENDING, HELD, REFUSED)


def seal_next(env: SyncEnv, *, author: str, progress: Progress = ignore,
              cancelled: Cancelled = never) -> SealedBundle:
    """Seal every exportable proposal into the next bundle (see the module doc).
    VillageSyncError: NOT_ENROLLED, TRAINING_MODE_MISMATCH, DEVICE_KEY_MISMATCH,
    DEVICE_REVOKED, RESTORED_NEEDS_CATCH_UP, NOTHING_TO_SEAL; SyncCancelled (nothing written)."""
    keys = _keys(env)
    with unit_of_work(env.sessions, author, origin="sync") as session:
        profile = require_profile(session)
        check_training_mode(session, profile)
        device = bind_device(session, keys)
        if device.revoked_at is not None:
            raise VillageSyncError("DEVICE_REVOKED")
        check_can_seal(env, session, device.key_id)
        rows = exportable_proposals(session)
        if not rows:
            raise VillageSyncError("NOTHING_TO_SEAL")
        sealed = _seal(env, session, profile, device, keys, [r.id for r in rows], author,
                       progress, cancelled)
    write_marker(env, Marker(keys.key_id.hex(), sealed.sequence, sealed.sha256))
    log.info("bundle %d sealed: %d records", sealed.sequence, sealed.records)
    return sealed


def _keys(env: SyncEnv) -> KeyPair:
    if not env.key_file.exists():
        raise VillageSyncError("NOT_ENROLLED")
    return device_keys(env)


def _seal(env: SyncEnv, session: Session, profile: SyncProfile, device: SyncDevice,
          keys: KeyPair, ids: list[int], author: str, progress: Progress,
          cancelled: Cancelled) -> SealedBundle:
    usulans = list(session.scalars(select(Usulan).where(Usulan.id.in_(ids)).order_by(Usulan.id)))
    total = len(usulans) + 1
    progress(0, total)
    meetings = snapshot.meetings(session, {u.meeting_id for u in usulans if u.meeting_id})
    snapshots = snapshot.households(session, snapshot.snapshot_households(usulans))
    records = []
    for done, usulan in enumerate(usulans, 1):
        if cancelled():
            raise SyncCancelled()
        meeting = meetings[usulan.meeting_id] if usulan.meeting_id is not None else None
        records.append(snapshot.record(usulan, meeting["uuid"] if meeting else "", snapshots))
        if done % 500 == 0:
            progress(done, total)
    sequence, previous_hex = chain_head(session)
    sequence += 1
    previous = bytes.fromhex(previous_hex) if previous_hex else bytes(32)
    now = env.clock()
    # The head before this transaction's own entry (which records the seal itself).
    audit_head = read_head(driver_connection(session)).wire
    payload = build_bundle_payload(
        village_code=profile.village_code, app_version=siksdesk.__version__,
        audit_head=audit_head, acknowledged_through=device.acknowledged_through,
        meetings=[meetings[k] for k in sorted(meetings, key=lambda k: str(meetings[k]["uuid"]))],
        records=records)
    data = seal(Kind.BUNDLE, payload, sender=keys, recipient=district_recipient(session, now),
                sequence=sequence, previous=previous, created_at=now,
                training=profile.training)
    if cancelled():
        raise SyncCancelled()
    return _store(session, data, sequence, previous, usulans, records, len(meetings), author,
                  audit_head)


def _store(session: Session, data: bytes, sequence: int, previous: bytes,
           usulans: list[Usulan], records: list[dict[str, object]], meetings: int,
           author: str, audit_head: str) -> SealedBundle:
    header = read_header(data)
    sha = container_sha256(data).hex()
    counts = dict(Counter(u.kind for u in usulans))
    niks = sum(len(r["niks"]) for r in records if isinstance(r["niks"], list))
    bundle = SyncBundle(sequence=sequence, sha256=sha, previous_sha256=previous.hex(),
                        recipient_key_id=header.recipient_key_id.hex(), container=data,
                        created_at=header.created_at, sealed_by=author, records=len(usulans),
                        counts=counts, meetings=meetings, niks=niks, state=PENDING,
                        audit_head=audit_head)
    session.add(bundle)
    session.flush()
    for usulan in usulans:  # the gate let only approved rows through; the rule says so too
        check_transition(usulan.status, UsulanStatus.TERKIRIM, Role.OPERATOR)
    ids = [u.id for u in usulans]
    moved = 0
    for start in range(0, len(ids), 500):  # Core: 10,000 ORM updates would take seconds
        moved += cast(CursorResult[Any], session.execute(
            update(Usulan).where(Usulan.id.in_(ids[start:start + 500]),
                                 Usulan.status == UsulanStatus.DISETUJUI.value)
            .values(status=UsulanStatus.TERKIRIM.value, sent_at=utc_now())
            .execution_options(synchronize_session=False))).rowcount
    if moved != len(ids):
        raise RuntimeError("proposals changed while sealing")  # rolled back
    session.execute(insert(SyncBundleItem), [{"bundle_id": bundle.id, "usulan_id": i}
                                             for i in ids])
    return SealedBundle(sequence, sha, len(usulans), counts, meetings, niks)


# --- reading -----------------------------------------------------------------------------------

def bundle_info(bundle: SyncBundle) -> BundleInfo:
    return BundleInfo(bundle.sequence, bundle.sha256, bundle.sealed_at, bundle.records,
                      dict(bundle.counts or {}), bundle.state, bundle.written_at,
                      bundle.uploaded_at, bundle.attempts, bundle.last_error,
                      bundle.receipt_status, bundle.receipt_reason)


def bundle_list(env: SyncEnv, *, include_receipted: bool = False) -> list[BundleInfo]:
    with read_session(env.sessions) as session:
        return [bundle_info(b) for b in unreceipted(session, include_receipted)]


def unreceipted(session: Session, include_receipted: bool = False) -> list[SyncBundle]:
    query = select(SyncBundle).order_by(SyncBundle.sequence)
    if not include_receipted:
        query = query.where(SyncBundle.state.in_(UNRECEIPTED))
    return list(session.scalars(query))


def pending_containers(env: SyncEnv) -> list[tuple[int, str, bytes]]:
    """(sequence, sha256 hex, container bytes) of every bundle without a valid receipt."""
    with read_session(env.sessions) as session:
        return [(b.sequence, b.sha256, b.container) for b in unreceipted(session)]


def mark_sent(env: SyncEnv, sequence: int, *, written: bool = False, uploaded: bool = False,
              error: str = "", attempts: int = 0) -> None:
    """Remember how a bundle last travelled (no registry data change)."""
    with unit_of_work(env.sessions, "sync", origin="sync") as session:
        bundle = session.scalars(select(SyncBundle).where(SyncBundle.sequence == sequence)
                                 ).one()
        now = datetime.now(UTC).replace(tzinfo=None)
        if written:
            bundle.written_at = now
        if uploaded:
            bundle.uploaded_at = now
        bundle.attempts += attempts
        bundle.last_error = error[:60]
