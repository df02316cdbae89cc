"""What the "Kirim ke Dinas" page shows: one snapshot read by a runner task (``read_snapshot``)
and the two tables over it — the bundles (sequence, sealed, records by kind, state, how and when
they travelled, attempts, last problem) and the proposals held back with the reason.

The snapshot holds DTOs only (``SyncStatus`` from the sync service, plain strings for the
held-back proposals); nothing here keeps a session.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from sqlalchemy.orm import Session

from siksdesk.db.session import read_session
from siksdesk.domain.musdes import UsulanKind, UsulanStatus
from siksdesk.services.exports import village_name
from siksdesk.services.proposal_context import (
    kind_label,
    read_households,
    status_label,
    subject_names,
)
from siksdesk.services.proposals import held_back
from siksdesk.sync.device import ensure_device
from siksdesk.sync.errors import ContainerError, PayloadError, SyncError
from siksdesk.sync.status import sync_status
from siksdesk.sync.village_types import BundleInfo, SyncEnv, SyncStatus, VillageSyncError
from siksdesk.ui.list_model import RIGHT_ALIGNED, ListTableModel

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
# Proposals that have left (or were withdrawn on purpose) are not "held back" for the operator.
_GONE = frozenset({UsulanStatus.TERKIRIM.value, UsulanStatus.DITERIMA_DINAS.value,
                   UsulanStatus.DITOLAK_DINAS.value, UsulanStatus.DITARIK.value})
_KIND_ORDER = {k.value: n for n, k in enumerate(UsulanKind)}


@dataclass(frozen=True, slots=True)
class HeldEntry:
    usulan_id: int
    ruta_id: int | None
    household: str
    kind: str
    subject: str
    status: str
    reason: str  # HeldBack.message(lang)


@dataclass(frozen=True, slots=True)
class SyncSnapshot:
    status: SyncStatus
    held: tuple[HeldEntry, ...]
    village_name: str

    @property
    def last_sent(self) -> datetime | None:
        moments = [m for b in self.status.bundles for m in (b.written_at, b.uploaded_at)
                   if m is not None]
        return max(moments) if moments else None


def read_snapshot(env: SyncEnv, lang: str) -> SyncSnapshot:
    """Everything the page shows (runs on a worker). Makes the device key on first use, so the
    fingerprint can always be shown."""
    ensure_device(env)
    status = sync_status(env)
    with read_session(env.sessions) as session:
        held = read_held(session, lang)
        name = village_name(session)
    return SyncSnapshot(status, held, name)


def read_held(session: Session, lang: str) -> tuple[HeldEntry, ...]:
    items = [h for h in held_back(session) if h.usulan.status not in _GONE]
    rows = [h.usulan for h in items]
    households = read_households(session, {r.ruta_uuid for r in rows}, lang, detail=False)
    names = subject_names(session, rows)
    entries = []
    for item in items:
        row = item.usulan
        facts = households.get(row.ruta_uuid)
        entries.append(HeldEntry(
            row.id, facts.ruta_id if facts else None, facts.title() if facts else "",
            kind_label(row.kind, lang), names.get(row.entity_uuid, "") if row.entity == "art"
            else "", status_label(row.status, lang), item.message(lang)))
    entries.sort(key=lambda e: (e.reason, e.household, e.usulan_id))
    return tuple(entries)


def local_time(moment: datetime | None) -> str:
    """A stored UTC moment as local "dd-mm-yyyy HH:MM" ("" for None)."""
    if moment is None:
        return ""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone().strftime("%d-%m-%Y %H:%M")


def problem_text(code: str, lang: str) -> str:
    """A stored problem code (a bundle's last error, a receipt reason) for the operator."""
    if not code:
        return ""
    if code == "OFFLINE":
        return QCoreApplication.translate("SyncModels", "server out of reach")
    if code == "GAP":
        return QCoreApplication.translate("SyncModels", "an earlier bundle has not reached the "
                                          "district yet")
    if code == "FORK":
        return QCoreApplication.translate("SyncModels", "the district already has another "
                                          "bundle with this number (fork)")
    if code == "TRAINING_BUNDLE":
        return QCoreApplication.translate("SyncModels", "training and real data mixed up")
    if code == "REAL_BUNDLE":
        return QCoreApplication.translate("SyncModels", "real data sent to a training Dinas")
    if code.startswith("HTTP_"):
        return code
    for kind in (VillageSyncError, ContainerError, PayloadError):
        texts = kind.texts(code)
        if texts and texts != SyncError.MESSAGES["UNKNOWN"] and "{" not in texts[0]:
            return kind(code).message(lang)
    return code


def counts_text(counts: Mapping[str, int], lang: str) -> str:
    ordered = sorted(counts.items(), key=lambda kv: _KIND_ORDER.get(kv[0], 99))
    return ", ".join(f"{n} {kind_label(kind, lang).lower()}" for kind, n in ordered if n)


def records_text(records: int, counts: Mapping[str, int], lang: str) -> str:
    """"4 perbaikan data", or "5: 3 perbaikan data, 2 nonaktif" for mixed kinds."""
    kinds = [k for k, n in counts.items() if n]
    if len(kinds) == 1 and counts[kinds[0]] == records:
        return f"{records} {kind_label(kinds[0], lang).lower()}"
    return f"{records}: {counts_text(counts, lang)}" if kinds else str(records)


def state_text(bundle: BundleInfo) -> str:
    match bundle.state:
        case "pending":
            return QCoreApplication.translate("SyncModels", "Waiting for receipt")
        case "held":
            return QCoreApplication.translate("SyncModels", "Held by the district")
        case "refused":
            return QCoreApplication.translate("SyncModels", "Refused")
        case "receipted":
            return QCoreApplication.translate("SyncModels", "Received")
    return bundle.state


def travel_text(bundle: BundleInfo) -> str:
    parts = []
    if bundle.written_at is not None:
        parts.append(QCoreApplication.translate("SyncModels", "folder {when}").format(
            when=local_time(bundle.written_at)))
    if bundle.uploaded_at is not None:
        parts.append(QCoreApplication.translate("SyncModels", "server {when}").format(
            when=local_time(bundle.uploaded_at)))
    return "; ".join(parts) or QCoreApplication.translate("SyncModels", "not yet")


(COL_SEQUENCE, COL_SEALED, COL_RECORDS, COL_STATE, COL_SENT, COL_ATTEMPTS,
 COL_PROBLEM) = range(7)


class BundleModel(ListTableModel):
    CONTEXT = "SyncModels"
    HEADERS = (
        QT_TRANSLATE_NOOP("SyncModels", "No."),
        QT_TRANSLATE_NOOP("SyncModels", "Sealed"),
        QT_TRANSLATE_NOOP("SyncModels", "Proposals"),
        QT_TRANSLATE_NOOP("SyncModels", "State"),
        QT_TRANSLATE_NOOP("SyncModels", "Sent"),
        QT_TRANSLATE_NOOP("SyncModels", "Attempts"),
        QT_TRANSLATE_NOOP("SyncModels", "Last problem"),
    )

    def __init__(self, lang: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.lang = lang

    def bundle_at(self, row: int) -> BundleInfo | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def cell(self, bundle: BundleInfo, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(bundle, column)
        if role == SORT_ROLE:
            return {COL_SEQUENCE: bundle.sequence, COL_SEALED: bundle.sealed_at,
                    COL_RECORDS: bundle.records, COL_ATTEMPTS: bundle.attempts
                    }.get(column, self._display(bundle, column))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_SEQUENCE, COL_ATTEMPTS):
            return RIGHT_ALIGNED
        if role == Qt.ItemDataRole.ToolTipRole and column in (COL_STATE, COL_RECORDS):
            return QCoreApplication.translate("SyncModels", "Bundle hash: {sha}").format(
                sha=bundle.sha256)
        return None

    def _display(self, bundle: BundleInfo, column: int) -> str:
        match column:
            case 0:
                return str(bundle.sequence)
            case 1:
                return local_time(bundle.sealed_at)
            case 2:
                return records_text(bundle.records, bundle.counts, self.lang)
            case 3:
                return state_text(bundle)
            case 4:
                return travel_text(bundle)
            case 5:
                return str(bundle.attempts)
            case 6:
                return problem_text(bundle.receipt_reason or bundle.last_error, self.lang)
        return ""


(COL_H_HOUSEHOLD, COL_H_KIND, COL_H_SUBJECT, COL_H_STATUS, COL_H_REASON) = range(5)


class HeldModel(ListTableModel):
    CONTEXT = "SyncModels"
    HEADERS = (
        QT_TRANSLATE_NOOP("SyncModels", "Household"),
        QT_TRANSLATE_NOOP("SyncModels", "Kind"),
        QT_TRANSLATE_NOOP("SyncModels", "Member"),
        QT_TRANSLATE_NOOP("SyncModels", "Status"),
        QT_TRANSLATE_NOOP("SyncModels", "Why it is not sent"),
    )

    def entry_at(self, row: int) -> HeldEntry | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def cell(self, entry: HeldEntry, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            return (entry.household, entry.kind, entry.subject, entry.status,
                    entry.reason)[column] if 0 <= column < 5 else None
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_H_REASON:
            return entry.reason
        return None


def error_text(error: BaseException, lang: str) -> str | None:
    """The operator's text for a sync refusal; None for anything else (a bug: not swallowed)."""
    return error.message(lang) if isinstance(error, SyncError) else None
