"""Applying a verified receipt or update inside the import transaction (see ``inbox``)."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from siksdesk.domain.musdes import Role, UsulanStatus, allowed
from siksdesk.domain.nik_issues import ListKeys
from siksdesk.io.invalid_nik_rows import ListRow, NikList
from siksdesk.models import (
    Art,
    Keluarga,
    Ruta,
    SyncBundle,
    SyncBundleItem,
    SyncDevice,
    SyncDistrictKey,
    SyncProfile,
    SyncReceipt,
    SyncUpdate,
    Usulan,
)
from siksdesk.models.base import utc_now
from siksdesk.services.nik_issues import store_nik_list
from siksdesk.sync.audit_head import check_receipt_head
from siksdesk.sync.catch_up import catch_up_to, database_sequence, needs_catch_up
from siksdesk.sync.container import Verified
from siksdesk.sync.keys import PublicIdentity
from siksdesk.sync.payload_types import (
    Decision,
    DeviceRevoked,
    DistrictKeys,
    InvalidNikList,
    InvalidNikRow,
    Receipt,
    Update,
)
from siksdesk.sync.village_types import ImportOutcome, SyncEnv, VillageSyncError

_NIK = re.compile(r"[0-9]{16}", re.ASCII)
NIK_CODES = frozenset({"NIK_INVALID", "NIK_DUPLICATE_OTHER_VILLAGE"})
_STATE = {"applied": "receipted", "held": "held", "rejected": "refused"}
_DINAS = {"accepted": UsulanStatus.DITERIMA_DINAS, "rejected": UsulanStatus.DITOLAK_DINAS}


# --- receipts ----------------------------------------------------------------------------------

def apply_receipt(env: SyncEnv, session: Session, device: SyncDevice, verified: Verified,
                  receipt: Receipt, author: str, name: str) -> ImportOutcome:
    header = verified.header
    if receipt.bundle_sha256 != header.previous.hex():
        raise VillageSyncError("RECEIPT_MISMATCH", sequence=header.sequence)
    blocked = needs_catch_up(env, session, device.key_id) is not None
    bundle = session.scalars(select(SyncBundle).where(SyncBundle.sequence == header.sequence)
                             ).first()
    if bundle is None and header.sequence <= database_sequence(session):
        raise VillageSyncError("RECEIPT_UNKNOWN_BUNDLE", sequence=header.sequence)
    if bundle is not None and bundle.sha256 != receipt.bundle_sha256:
        raise VillageSyncError("RECEIPT_MISMATCH", sequence=header.sequence)
    if bundle is not None:
        check_receipt_head(bundle, receipt)
    accepted = rejected = issues = 0
    # A "held" receipt that turns up after the "applied" one (an old copy on a USB stick) is
    # history: it must not make a receipted bundle look held again.
    stale = bundle is not None and bundle.state == "receipted" and receipt.status != "applied"
    if bundle is not None and not stale:
        bundle.state = _STATE[receipt.status] if bundle.state != "receipted" else bundle.state
        bundle.receipt_status, bundle.receipt_reason = receipt.status, receipt.reason_code[:60]
        bundle.receipted_at = utc_now()
        if receipt.status == "applied":
            accepted, rejected, issues = _apply_results(session, bundle, receipt, author)
    device.acknowledged_through = max(device.acknowledged_through,
                                      receipt.last_applied_sequence)
    catch_up_to(session, device, receipt.last_applied_sequence, receipt.last_applied_sha256)
    caught_up = blocked and needs_catch_up(env, session, device.key_id) is None
    session.add(SyncReceipt(sha256=verified.sha256.hex(), bundle_sequence=header.sequence,
                            bundle_sha256=receipt.bundle_sha256, status=receipt.status,
                            reason_code=receipt.reason_code[:60],
                            last_applied_sequence=receipt.last_applied_sequence,
                            last_applied_sha256=receipt.last_applied_sha256,
                            district_audit_head=receipt.district_audit_head[:64],
                            issued_at=receipt.issued_at, accepted=accepted, rejected=rejected,
                            imported_by=author))
    session.flush()
    return ImportOutcome("receipt", name, header.sequence, accepted=accepted, rejected=rejected,
                         nik_issues=issues, status=receipt.status,
                         reason_code=receipt.reason_code, caught_up=caught_up)


def _apply_results(session: Session, bundle: SyncBundle, receipt: Receipt,
                   author: str) -> tuple[int, int, int]:
    items = {u.uuid: u for u in session.scalars(
        select(Usulan).join(SyncBundleItem, SyncBundleItem.usulan_id == Usulan.id)
        .where(SyncBundleItem.bundle_id == bundle.id))}
    moved: Counter[str] = Counter()
    nik_rows: list[ListRow] = []
    for result in receipt.results:
        usulan = items.get(result.usulan)
        if usulan is None:
            continue  # not in this bundle: a district's mistake must not move other rows
        if dinas_move(usulan, result.status, result.code, result.note):
            moved[result.status] += 1
        if result.status == "rejected" and result.code in NIK_CODES:
            nik_rows.extend(_rows_for(session, usulan, result.code, result.note))
    issues = _to_worklist(session, nik_rows, f"tanda-terima-{bundle.sequence:06d}",
                          bundle.sha256, author)
    return moved["accepted"], moved["rejected"], issues


def dinas_move(usulan: Usulan, status: str, code: str, note: str) -> bool:
    """sent → accepted/rejected by the district; anything else (already decided) is left."""
    target = _DINAS[status]
    if not allowed(usulan.status, target, Role.DINAS):
        return False
    usulan.status, usulan.dinas_at = target.value, utc_now()
    shown = code if code != "ALREADY_APPLIED" else ""
    usulan.dinas_note = (f"{shown}: {note}" if shown and note else shown or note)[:500]
    return True


def _rows_for(session: Session, usulan: Usulan, code: str, note: str) -> list[ListRow]:
    """Worklist rows for a record the district refused for a NIK: the member(s) whose NIK the
    record introduced, as the registry holds them now."""
    query = (select(Art.nik, Art.idartbdt, Art.nama, Art.tanggal_lahir, Ruta.idbdt)
             .join(Keluarga, Art.keluarga_id == Keluarga.id)
             .join(Ruta, Keluarga.ruta_id == Ruta.id))
    if usulan.entity == "art":
        query = query.where(Art.uuid == usulan.entity_uuid)
    else:
        query = query.where(Ruta.uuid == usulan.ruta_uuid)
    text = f"{code}: {note}" if note else code
    return [_list_row(nik or "", idbdt or "", idart or "", nama, born, text)
            for nik, idart, nama, born, idbdt in session.execute(query) if nik]


def _list_row(nik: str, idbdt: str, idartbdt: str, nama: str, born: date | None,
              note: str) -> ListRow:
    keys = ListKeys(nik=nik if _NIK.fullmatch(nik) else None, idartbdt=idartbdt or None,
                    idbdt=idbdt or None, nama=nama, birth_date=born)
    return ListRow(source_row=0, keys=keys, reported_nik=nik, reported_name=nama,
                   reported_birth_date=born, reported_idbdt=idbdt, note=note[:200])


def _to_worklist(session: Session, rows: list[ListRow], file_name: str, sha: str,
                 author: str) -> int:
    if not rows:
        return 0
    numbered = [ListRow(n, r.keys, r.reported_nik, r.reported_name, r.reported_birth_date,
                        r.reported_idbdt, r.note) for n, r in enumerate(rows, 1)]
    nik_list = NikList(file_name=file_name, sheet="", header_row=0, sha256=sha,
                       rows=tuple(numbered))
    result = store_nik_list(session, nik_list, author=author, profile="sync")
    return result.preview.to_store


# --- updates -----------------------------------------------------------------------------------

def apply_update(env: SyncEnv, session: Session, device: SyncDevice, verified: Verified,
                 update: Update, author: str, name: str) -> ImportOutcome:
    header = verified.header
    profile = session.get(SyncProfile, 1)
    if profile is not None and update.village_code != profile.village_code:
        raise VillageSyncError("WRONG_VILLAGE", found=update.village_code,
                               village=profile.village_code)
    if header.sequence <= device.update_version:
        raise VillageSyncError("UPDATE_OLD_VERSION", version=header.sequence,
                               current=device.update_version)
    if header.expires_at == 0 or env.clock() >= header.expires_at:
        raise VillageSyncError("UPDATE_EXPIRED", version=header.sequence)
    counts: Counter[str] = Counter()
    accepted = rejected = issues = 0
    revoked = rotated = False
    nik_rows: list[ListRow] = []
    for item in update.items:
        if isinstance(item, InvalidNikList):
            counts["invalid_nik"] += len(item.rows)
            nik_rows.extend(_update_row(row) for row in item.rows)
        elif isinstance(item, Decision):
            counts["decision"] += 1
            usulan = session.scalars(select(Usulan).where(Usulan.uuid == item.usulan)).first()
            if usulan is not None and dinas_move(usulan, item.status, item.code, item.note):
                accepted += item.status == "accepted"
                rejected += item.status == "rejected"
        elif isinstance(item, DeviceRevoked):
            counts["device_revoked"] += 1
            if item.key_id == device.key_id and device.revoked_at is None:
                device.revoked_at, device.revoked_reason = utc_now(), item.reason[:200]
                revoked = True
        elif isinstance(item, DistrictKeys):
            counts["district_keys"] += 1
            rotated = _add_key(session, item) or rotated
    issues = _to_worklist(session, nik_rows, f"pembaruan-v{header.sequence:06d}",
                          verified.sha256.hex(), author)
    device.update_version, device.update_sha256 = header.sequence, verified.sha256.hex()
    session.add(SyncUpdate(version=header.sequence, sha256=verified.sha256.hex(),
                           issued_at=update.issued_at, expires_at=header.expires_at,
                           counts=dict(counts), imported_by=author))
    session.flush()
    return ImportOutcome("update", name, header.sequence, accepted=accepted, rejected=rejected,
                         nik_issues=issues, revoked=revoked, keys_rotated=rotated)


def _update_row(row: InvalidNikRow) -> ListRow:
    born = date.fromisoformat(row.tgl_lahir) if row.tgl_lahir else None
    return _list_row(row.nik, row.idbdt, row.idartbdt, row.nama, born, row.keterangan)


def _add_key(session: Session, item: DistrictKeys) -> bool:
    if session.scalar(select(SyncDistrictKey.id).where(SyncDistrictKey.key_id == item.key_id)):
        return False
    identity = PublicIdentity.from_b64(item.signing_key, item.encryption_key)
    valid_from = datetime.fromisoformat(item.valid_from)
    if valid_from.tzinfo is not None:
        valid_from = valid_from.astimezone(UTC).replace(tzinfo=None)
    session.add(SyncDistrictKey(key_id=item.key_id, signing_key=identity.signing,
                                encryption_key=identity.encryption, valid_from=valid_from,
                                source="update"))
    return True
