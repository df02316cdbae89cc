"""The audit chain's hashing rules (pure Python; see docs/audit-trail.md).

* An entry's hash is ``SHA-256(prev_hash ‖ canonical JSON of the entry)``, ``prev_hash`` as its
  64 ASCII hex characters (64 zeros before the first entry), the JSON holding every stored column
  of the entry except ``prev_hash`` and ``hash`` themselves (the id included, so a moved entry
  no longer matches).
* The change digest of an entry is SHA-256 of the compact JSON array (non-ASCII escaped) of the
  ``change_log`` rows it covers, each row an array of its stored SQLite values in
  ``CHANGE_COLUMNS`` order — exactly as stored, so editing one character of a logged value
  changes the digest.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

import orjson

FORMAT_VERSION: Final = 1
GENESIS: Final = "0" * 64
CHANGE_COLUMNS: Final = ("id", "at", "author", "origin", "action", "entity", "entity_uuid",
                         "ruta_uuid", "before", "after")
# Stored values of an entry in the order of the audit_log columns that the hash covers.
ENTRY_COLUMNS: Final = ("id", "at", "author", "origin", "action", "entity", "entity_uuid",
                        "change_through", "change_count", "change_sha256", "summary")

_ENCODE: Final = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True,
                                  allow_nan=False).encode
# Rows: non-ASCII escaped as \uXXXX (≈30 % faster to encode than UTF-8 output on import sizes).
_ROWS: Final = json.JSONEncoder(ensure_ascii=True, separators=(",", ":"), allow_nan=False).encode
_PLAIN: Final = frozenset({int, str, type(None)})


def rows_json(rows: Sequence[Sequence[Any]]) -> bytes:
    """``_ROWS(rows)`` as ASCII bytes. orjson gives the same bytes (7x faster) for rows of
    ints, strings and None whose output is plain ASCII without DEL (which ``json`` escapes);
    anything else (non-ASCII text, floats, bools, huge ints) goes through ``json`` itself."""
    if {type(value) for row in rows for value in row} <= _PLAIN:
        try:
            data = orjson.dumps(rows)
        except orjson.JSONEncodeError:  # an int beyond 64 bits, a lone surrogate
            data = b""
        if data and data.isascii() and b"\x7f" not in data:
            return data
    return _ROWS(rows).encode("ascii")


def canonical(value: Any) -> bytes:
    """Keys sorted, no spaces, UTF-8, no NaN — the same rules as the sync payloads."""
    return _ENCODE(value).encode("utf-8")


@dataclass(frozen=True, slots=True)
class EntryFields:
    """What an entry's hash covers (``summary`` as its stored canonical JSON text)."""

    id: int
    at: str
    author: str
    origin: str
    action: str
    entity: str
    entity_uuid: str
    change_through: int
    change_count: int
    change_sha256: str
    summary: str

    def as_dict(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in ENTRY_COLUMNS} | {"v": FORMAT_VERSION}


def entry_hash(prev_hash: str, fields: EntryFields) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + canonical(fields.as_dict())).hexdigest()


def summary_text(summary: Mapping[str, Any]) -> str:
    return canonical(dict(summary)).decode("utf-8")


class ChangeDigest:
    """Streaming digest of change_log rows: feed chunks of stored rows in id order."""

    def __init__(self) -> None:
        self._hash = hashlib.sha256(b"[")
        self.count = 0
        self.last_id = 0

    def update(self, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        if self.count:
            self._hash.update(b",")
        # One C-encoder call per chunk: "[[...],[...]]" minus its outer brackets.
        self._hash.update(rows_json(rows)[1:-1])
        self.count += len(rows)
        self.last_id = int(rows[-1][0])

    def hexdigest(self) -> str:
        final = self._hash.copy()
        final.update(b"]")
        return final.hexdigest()


def digest_rows(rows: Iterable[Sequence[Any]]) -> str:
    digest = ChangeDigest()
    digest.update(list(rows))
    return digest.hexdigest()
