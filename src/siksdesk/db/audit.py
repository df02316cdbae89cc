"""Appending to the audit chain, inside the caller's write transaction (docs/audit-trail.md).

Works on the plain sqlite3 connection of the transaction, so the ORM units of work (through the
session hooks in ``audit_hooks``) and the driver-level bulk writers (demo village, BNBA import)
share one code path. The entry covers every change_log row above the head's ``change_through``:
writes are serialised by BEGIN IMMEDIATE, so those are exactly this transaction's rows.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from siksdesk.domain.audit_chain import (
    CHANGE_COLUMNS,
    GENESIS,
    ChangeDigest,
    EntryFields,
    entry_hash,
    summary_text,
)
from siksdesk.models.base import utc_now

# Tables whose changes (besides the registry's, which reach change_log) make an audit entry.
AUDITED_TABLES: Final = frozenset({
    "usulan", "replacement_pair", "musdes_meeting", "musdes_attendee", "account",
    "programme", "programme_beneficiary", "nik_issue", "import_batch", "duplicate_decision",
    "village_profile", "sync_profile", "sync_district_key",
})
_MUSDES: Final = frozenset({"musdes_meeting", "musdes_attendee"})
_USULAN: Final = frozenset({"usulan", "replacement_pair"})
_BY_ORIGIN: Final = frozenset({"import", "demo", "sync"})
MAX_RECORDS: Final = 20  # records named in a summary; the rest are counted
MAX_FIELDS: Final = 60
CHUNK: Final = 2000
_CHANGES_SQL: Final = (f"SELECT {', '.join(CHANGE_COLUMNS)} FROM change_log "
                       "WHERE id > ? ORDER BY id")


@dataclass(frozen=True, slots=True)
class AuditHead:
    id: int  # 0: no entry yet
    hash: str  # GENESIS when empty
    change_through: int

    @property
    def wire(self) -> str:
        """The head as a bundle carries it: "" before the first entry."""
        return self.hash if self.id else ""


def read_head(conn: sqlite3.Connection) -> AuditHead:
    row = conn.execute("SELECT id, hash, change_through FROM audit_log "
                       "ORDER BY id DESC LIMIT 1").fetchone()
    if row is None:
        return AuditHead(0, GENESIS, 0)
    return AuditHead(int(row[0]), str(row[1]), int(row[2]))


class _ChangeStats:
    """Digest plus the summary's counts of the covered change_log rows (no values kept)."""

    def __init__(self) -> None:
        self.digest = ChangeDigest()
        self.tables: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.fields: defaultdict[str, set[str]] = defaultdict(set)
        self.households: set[str] = set()

    def add(self, rows: list[tuple[Any, ...]]) -> None:
        self.digest.update(rows)
        for row in rows:
            action, entity, ruta_uuid = row[4], row[5], row[7]
            self.tables[entity][action] += 1
            if ruta_uuid:
                self.households.add(ruta_uuid)
            if action == "update" and row[9]:
                self.fields[entity].update(_keys(row[9]))


def _keys(text: str) -> Iterable[str]:
    try:
        value = json.loads(text)
    except ValueError:
        return ()
    return value.keys() if isinstance(value, dict) else ()


def _read_changes(conn: sqlite3.Connection, after: int,
                  stats: _ChangeStats | None = None) -> _ChangeStats:
    stats = stats or _ChangeStats()
    cursor = conn.execute(_CHANGES_SQL, (after,))
    while rows := cursor.fetchmany(CHUNK):
        stats.add(rows)
    return stats


class FedChanges:
    """change_log rows a bulk writer inserted with explicit, consecutive ids, fed here as
    written (each row a sequence of its stored values in ``CHANGE_COLUMNS`` order, ids
    ascending): the entry then needs not read and re-encode them at commit. Put it in
    ``session.info[FED_KEY]``; ``append_entry`` checks that it covers exactly the rows it
    claims and reads whatever else the transaction logged."""

    def __init__(self, first_id: int) -> None:
        self.first_id = first_id
        self.stats = _ChangeStats()

    def add(self, rows: list[tuple[Any, ...]]) -> None:
        if rows and int(rows[0][0]) != self.first_id + self.stats.digest.count:
            raise ValueError("change_log rows fed out of order")
        self.stats.add(rows)


FED_KEY: Final = "audit_fed_changes"


def _covered(conn: sqlite3.Connection, after: int, fed: FedChanges | None) -> _ChangeStats:
    """The stats of every change_log row after ``after``: the fed ones when they are exactly
    the rows stored from ``after + 1`` on (else everything is read), then any later ones."""
    if fed is None or not fed.stats.digest.count or fed.first_id != after + 1:
        return _read_changes(conn, after)
    last = fed.stats.digest.last_id
    stored = conn.execute("SELECT count(*) FROM change_log WHERE id > ? AND id <= ?",
                          (after, last)).fetchone()[0]
    if int(stored) != fed.stats.digest.count:
        return _read_changes(conn, after)
    return _read_changes(conn, last, fed.stats)


def append_entry(conn: sqlite3.Connection, *, author: str, origin: str,
                 action: str | None = None, records: Iterable[Mapping[str, Any]] = (),
                 note: Mapping[str, Any] | None = None, force: bool = False,
                 fed: FedChanges | None = None) -> AuditHead | None:
    """Append the entry for the current transaction; None when nothing audited changed (and
    not ``force``). ``records`` describe non-registry changes (table, action, uuid, fields,
    status); ``note`` adds caller facts to the summary (never personal data); ``fed``: see
    ``FedChanges``."""
    head = read_head(conn)
    stats = _covered(conn, head.change_through, fed)
    listed = list(records)
    if not stats.digest.count and not listed and not force:
        return None
    summary = _summary(stats, listed, note)
    entity, entity_uuid = _subject(stats, listed)
    fields = EntryFields(
        id=head.id + 1, at=utc_now().isoformat(timespec="microseconds"),
        author=(author or "system")[:80], origin=origin[:10],
        action=(action or _action(origin, stats, listed))[:20], entity=entity,
        entity_uuid=entity_uuid,
        change_through=stats.digest.last_id if stats.digest.count else head.change_through,
        change_count=stats.digest.count, change_sha256=stats.digest.hexdigest(),
        summary=summary_text(summary))
    digest = entry_hash(head.hash, fields)
    conn.execute(
        "INSERT INTO audit_log (id, at, author, origin, action, entity, entity_uuid, "
        "change_through, change_count, change_sha256, summary, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (fields.id, fields.at, fields.author, fields.origin, fields.action, fields.entity,
         fields.entity_uuid, fields.change_through, fields.change_count, fields.change_sha256,
         fields.summary, head.hash, digest))
    return AuditHead(fields.id, digest, fields.change_through)


def _action(origin: str, stats: _ChangeStats, records: list[Mapping[str, Any]]) -> str:
    if origin in _BY_ORIGIN:
        return origin
    if stats.digest.count:
        return "edit"
    tables = {str(r.get("table", "")) for r in records}
    if tables & _MUSDES:
        return "musdes"
    if tables & _USULAN:
        return "usulan"
    return "edit"


def _subject(stats: _ChangeStats, records: list[Mapping[str, Any]]) -> tuple[str, str]:
    """The one household (or the one record) the transaction changed, else ("", "")."""
    if len(stats.households) == 1:
        return "ruta", next(iter(stats.households))
    if not stats.digest.count:
        named = {(str(r["table"]), str(r.get("uuid", ""))) for r in records}
        if len(named) == 1:
            table, uuid = next(iter(named))
            if uuid:
                return table, uuid
    return "", ""


def _summary(stats: _ChangeStats, records: list[Mapping[str, Any]],
             note: Mapping[str, Any] | None) -> dict[str, Any]:
    tables: dict[str, dict[str, int]] = {t: dict(c) for t, c in stats.tables.items()}
    for record in records:
        counts = tables.setdefault(str(record["table"]), {})
        action = str(record["action"])
        counts[action] = counts.get(action, 0) + int(record.get("rows", 1))
    summary: dict[str, Any] = {"tables": tables}
    if stats.fields:
        summary["fields"] = {t: sorted(f)[:MAX_FIELDS] for t, f in stats.fields.items()}
    if stats.households:
        summary["households"] = len(stats.households)
    named = [dict(r) for r in records if r.get("uuid")]
    if named:
        summary["records"] = named[:MAX_RECORDS]
        if len(named) > MAX_RECORDS:
            summary["more_records"] = len(named) - MAX_RECORDS
    if note:
        summary["note"] = dict(note)
    return summary
