"""What the "Riwayat" view shows: a household's changes field by field (from change_log, each
with the audit entry that covers it) and the audit chain's entries, newest first. DTOs only."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from siksdesk.models import Art, Keluarga, Ruta, Usulan

MAX_ENTRIES: Final = 2000


@dataclass(frozen=True, slots=True)
class ChangeLine:
    """One line of a household's history: one field of one change (or an added/removed
    record, or a proposal's status move)."""

    at: str
    author: str
    origin: str
    entity: str  # ruta | keluarga | art | usulan
    label: str  # the member's name, the family's No. KK, a proposal kind
    action: str  # insert | update | delete | the audit action for a proposal
    field: str
    before: str
    after: str
    audit_id: int  # the chain entry covering the change (0: none)


@dataclass(frozen=True, slots=True)
class AuditEntryRow:
    id: int
    at: str
    author: str
    origin: str
    action: str
    entity: str
    entity_uuid: str
    change_count: int
    tables: str  # "art: update 1 · ruta: insert 1"
    fields: str  # "nama, nik"
    hash: str


_COVERING: Final = ("(SELECT a.id FROM audit_log a WHERE a.change_through >= c.id "
                    "ORDER BY a.change_through, a.id LIMIT 1)")


def ruta_uuid_of(session: Session, ruta_id: int) -> str | None:
    return session.scalar(select(Ruta.uuid).where(Ruta.id == ruta_id))


def household_history(session: Session, ruta_uuid: str) -> tuple[ChangeLine, ...]:
    """Oldest first: every change-log row of the household, then its proposals' entries."""
    rows = session.execute(text(
        f"SELECT c.at, c.author, c.origin, c.action, c.entity, c.entity_uuid, c.before, "
        f"c.after, coalesce({_COVERING}, 0) FROM change_log c WHERE c.ruta_uuid = :uuid "
        "ORDER BY c.id"), {"uuid": ruta_uuid}).all()
    labels = _labels(session, ruta_uuid, rows)
    lines: list[ChangeLine] = []
    for at, author, origin, action, entity, uuid, before, after, audit_id in rows:
        old, new = _values(before), _values(after)
        head = (_time(at), author, origin, entity, labels.get(uuid, ""), action)
        if action == "update":
            lines += [ChangeLine(*head, key, _shown(old.get(key)), _shown(new.get(key)),
                                 audit_id) for key in sorted(set(old) | set(new))]
        else:
            lines.append(ChangeLine(*head, "", "", "", audit_id))
    return tuple(lines) + _proposal_lines(session, ruta_uuid)


def _proposal_lines(session: Session, ruta_uuid: str) -> tuple[ChangeLine, ...]:
    kinds = dict(session.execute(select(Usulan.uuid, Usulan.kind)
                                 .where(Usulan.ruta_uuid == ruta_uuid)).all())
    if not kinds:
        return ()
    found = session.execute(text(
        "SELECT id, at, author, origin, action, entity_uuid, summary FROM audit_log "
        "WHERE entity = 'usulan' AND entity_uuid IN (SELECT uuid FROM usulan "
        "WHERE ruta_uuid = :uuid) ORDER BY id"), {"uuid": ruta_uuid}).all()
    lines = []
    for entry_id, at, author, origin, action, uuid, summary in found:
        status = _status_move(summary, uuid)
        lines.append(ChangeLine(_time(at), author, origin, "usulan", str(kinds.get(uuid, "")),
                                action, "status" if status else "", status[0], status[1],
                                entry_id))
    return tuple(lines)


def _status_move(summary: str, uuid: str) -> tuple[str, str]:
    for record in _values(summary).get("records", []):
        if isinstance(record, dict) and record.get("uuid") == uuid and record.get("status"):
            old, new = record["status"]
            return _shown(old), _shown(new)
    return "", ""


def _labels(session: Session, ruta_uuid: str, rows: Sequence[Any]) -> dict[str, str]:
    """Member names and No. KK as they are now, else as the change recorded them."""
    labels: dict[str, str] = {}
    for _at, _a, _o, _act, entity, uuid, before, after, _id in rows:
        key = {"art": "nama", "keluarga": "no_kk"}.get(entity)
        if key:
            value = _values(after).get(key) or _values(before).get(key)
            if value:
                labels[uuid] = str(value)
    current = session.execute(
        select(Art.uuid, Art.nama).join(Keluarga, Art.keluarga_id == Keluarga.id)
        .join(Ruta, Keluarga.ruta_id == Ruta.id).where(Ruta.uuid == ruta_uuid))
    labels.update({uuid: nama for uuid, nama in current if nama})
    return labels


def audit_entries(session: Session, limit: int = MAX_ENTRIES) -> tuple[AuditEntryRow, ...]:
    rows = session.execute(text(
        "SELECT id, at, author, origin, action, entity, entity_uuid, change_count, summary, "
        "hash FROM audit_log ORDER BY id DESC LIMIT :limit"), {"limit": limit}).all()
    return tuple(AuditEntryRow(i, _time(at), author, origin, action, entity, uuid, count,
                               *describe(summary), digest)
                 for i, at, author, origin, action, entity, uuid, count, summary, digest in rows)


def describe(summary: str) -> tuple[str, str]:
    """(tables and counts, changed field names) of an entry's summary, for a list."""
    value = _values(summary)
    tables = value.get("tables", {})
    counts = " · ".join(
        f"{table}: " + ", ".join(f"{action} {n}" for action, n in sorted(actions.items()))
        for table, actions in sorted(tables.items()) if isinstance(actions, dict))
    fields = value.get("fields", {})
    names = sorted({f for group in fields.values() if isinstance(group, list) for f in group})
    return counts, ", ".join(names)


def _values(raw: Any) -> dict[str, Any]:
    if not raw:
        return {}
    try:
        value = json.loads(raw) if isinstance(raw, str) else raw
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def _time(at: Any) -> str:
    """Stored UTC text to the laptop's local "YYYY-MM-DD HH:MM"."""
    try:
        moment = datetime.fromisoformat(str(at).replace(" ", "T"))
    except ValueError:
        return str(at)[:16]
    return moment.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")
