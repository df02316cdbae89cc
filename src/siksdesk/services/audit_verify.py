"""``verify_chain``: walk the audit chain and report the first entry that was edited, removed or
moved, or change_log rows that no longer match the digest their entry recorded.

Checks, in id order: ids run 1, 2, 3… (a gap: an entry was removed); each ``prev_hash`` is the
previous entry's hash (else moved when the value is another entry's hash, otherwise the entry
before was replaced); the hash recomputed from the stored values; the change_log rows in the
entry's id range (count and digest). Then: no change_log row after the last entry's range, and
every audit head sealed into a bundle is still in the chain (a cut-off tail shows there).
Reads only; run it inside one read transaction for a consistent snapshot.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Final

from sqlalchemy.orm import Session

from siksdesk.db.session import driver_connection
from siksdesk.domain.audit_chain import (
    CHANGE_COLUMNS,
    ENTRY_COLUMNS,
    GENESIS,
    ChangeDigest,
    EntryFields,
    entry_hash,
)

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

_MESSAGES: Final[Mapping[str, tuple[str, str]]] = {
    "ENTRY_REMOVED": (
        "Catatan audit no. {entry} hilang: catatan itu dihapus dari rantai.",
        "Audit entry no. {entry} is missing: it was removed from the chain.",
    ),
    "ENTRY_REORDERED": (
        "Catatan audit no. {entry} tidak berada di urutannya: urutan rantai diubah.",
        "Audit entry no. {entry} is out of its place: the order of the chain was changed.",
    ),
    "CHAIN_BROKEN": (
        "Catatan audit no. {entry} tidak menyambung ke catatan sebelumnya: catatan sebelumnya "
        "diganti atau dihapus.",
        "Audit entry no. {entry} does not link to the entry before it: that entry was replaced "
        "or removed.",
    ),
    "ENTRY_EDITED": (
        "Catatan audit no. {entry} telah diubah setelah ditulis.",
        "Audit entry no. {entry} was changed after it was written.",
    ),
    "CHANGES_EDITED": (
        "Riwayat perubahan no. {first}–{last} (catatan audit no. {entry}) telah diubah, "
        "ditambah atau dihapus: {found} baris, seharusnya {expected}.",
        "Change-log rows {first}–{last} (audit entry no. {entry}) were edited, added or "
        "removed: {found} rows, expected {expected}.",
    ),
    "CHANGES_UNCOVERED": (
        "{count} baris riwayat perubahan (mulai no. {first}) tidak tercatat dalam rantai audit.",
        "{count} change-log rows (from no. {first}) are not covered by the audit chain.",
    ),
    "BUNDLE_HEAD_MISSING": (
        "Kepala rantai yang dikirim dalam paket no. {sequence} tidak ada lagi di rantai: "
        "catatan audit telah dihapus.",
        "The chain head sent in bundle no. {sequence} is no longer in the chain: audit entries "
        "were removed.",
    ),
}


@dataclass(frozen=True, slots=True)
class AuditProblem:
    code: str
    entry: int  # the audit entry where the walk stopped (0: none)
    params: Mapping[str, int] = field(default_factory=dict)

    def message(self, lang: str = "id") -> str:
        indonesian, english = _MESSAGES[self.code]
        template = english if lang.lower().startswith("en") else indonesian
        return template.format(entry=self.entry, **self.params)


@dataclass(frozen=True, slots=True)
class VerifyReport:
    entries: int  # entries checked before the first problem (all when ok)
    changes: int  # change_log rows checked
    head: str  # the last entry's hash ("" when the chain is empty)
    problem: AuditProblem | None

    @property
    def ok(self) -> bool:
        return self.problem is None


class AuditCancelled(Exception):
    """The operator cancelled a verification; nothing was changed."""


_ENTRIES_SQL: Final = (f"SELECT {', '.join(ENTRY_COLUMNS)}, prev_hash, hash FROM audit_log "
                       "ORDER BY id")
_RANGE_SQL: Final = (f"SELECT {', '.join(CHANGE_COLUMNS)} FROM change_log "
                     "WHERE id > ? AND id <= ? ORDER BY id")


def verify_chain(conn: sqlite3.Connection, progress: Progress | None = None,
                 cancelled: Cancelled | None = None) -> VerifyReport:
    hashes = {str(r[0]) for r in conn.execute("SELECT hash FROM audit_log")}
    total = len(hashes)
    walk = _Walk(conn)
    for row in conn.execute(_ENTRIES_SQL).fetchall():
        problem = walk.step(row, hashes)
        if problem is not None:
            return walk.report(problem)
        if walk.entries % 200 == 0:
            if cancelled is not None and cancelled():
                raise AuditCancelled()
            if progress is not None:
                progress(walk.entries, total)
    if progress is not None:
        progress(total, total)
    return walk.report(_uncovered(conn, walk.through) or _bundle_heads(conn, hashes))


def verify_session(session: Session, progress: Progress | None = None,
                   cancelled: Cancelled | None = None) -> VerifyReport:
    """``verify_chain`` inside the session's (read) transaction: one consistent snapshot."""
    return verify_chain(driver_connection(session), progress, cancelled)


class _Walk:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.entries = self.changes = self.through = self.last_id = 0
        self.prev_hash = GENESIS

    def report(self, problem: AuditProblem | None) -> VerifyReport:
        head = self.prev_hash if self.last_id else ""
        return VerifyReport(self.entries, self.changes, head, problem)

    def step(self, row: tuple[object, ...], hashes: set[str]) -> AuditProblem | None:
        fields = EntryFields(*row[:len(ENTRY_COLUMNS)])  # type: ignore[arg-type]
        prev_hash, stored = str(row[-2]), str(row[-1])
        if fields.id != self.last_id + 1:
            return AuditProblem("ENTRY_REMOVED", self.last_id + 1)
        if prev_hash != self.prev_hash:
            code = "ENTRY_REORDERED" if prev_hash in hashes else "CHAIN_BROKEN"
            return AuditProblem(code, fields.id)
        if entry_hash(prev_hash, fields) != stored or fields.change_through < self.through:
            return AuditProblem("ENTRY_EDITED", fields.id)
        problem = self._changes(fields)
        if problem is not None:
            return problem
        self.entries += 1
        self.changes += fields.change_count
        self.last_id, self.prev_hash, self.through = fields.id, stored, fields.change_through
        return None

    def _changes(self, fields: EntryFields) -> AuditProblem | None:
        digest = ChangeDigest()
        cursor = self.conn.execute(_RANGE_SQL, (self.through, fields.change_through))
        while rows := cursor.fetchmany(2000):
            digest.update(rows)
        if digest.count == fields.change_count and digest.hexdigest() == fields.change_sha256:
            return None
        return AuditProblem("CHANGES_EDITED", fields.id, {
            "first": self.through + 1, "last": fields.change_through, "found": digest.count,
            "expected": fields.change_count})


def _uncovered(conn: sqlite3.Connection, through: int) -> AuditProblem | None:
    count, first = conn.execute("SELECT count(*), min(id) FROM change_log WHERE id > ?",
                                (through,)).fetchone()
    if not count:
        return None
    return AuditProblem("CHANGES_UNCOVERED", 0, {"count": int(count), "first": int(first)})


def _bundle_heads(conn: sqlite3.Connection, hashes: set[str]) -> AuditProblem | None:
    for sequence, head in conn.execute("SELECT sequence, audit_head FROM sync_bundle "
                                       "WHERE audit_head != '' ORDER BY sequence"):
        if head not in hashes:
            return AuditProblem("BUNDLE_HEAD_MISSING", 0, {"sequence": int(sequence)})
    return None
