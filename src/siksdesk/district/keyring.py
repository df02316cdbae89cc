"""The district's key ring: the current key pair and the retired ones, each with the end of its
overlap window.

Files in ``<home>/keys/`` (folder 0700, key files 0600):

* ``district.key`` — the key pair made by ``init``;
* ``district-<key id>.key`` — each key pair made by ``rotate-keys``;
* ``keys.json`` — the manifest: ``{"format": "siksdesk-district-keys", "version": 1,
  "current": "<key id>", "keys": [{"key_id", "file", "added_at", "valid_until"}]}`` where
  ``valid_until`` is an ISO time (bundles sealed to that key are accepted before it) or null.

The database (``district_info.key_id``) decides which key is current: ``rotate-keys`` writes the
new key file and the manifest first and switches the database last, so a crash in between leaves
the old key current and the new one unused (never accepted: a retired key needs a window).
A receiver without a manifest (made before rotation existed) has ``district.key`` alone."""

from __future__ import annotations

import json
import os
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from siksdesk.district.errors import DistrictError
from siksdesk.sync.keys import KeyPair, atomic_write, load_private

__all__ = ["KeyEntry", "KeyRing", "KeyRingCache", "load_ring", "manifest_stamp",
           "read_manifest", "rotated_entries", "write_manifest"]

KEYS_DIR: Final = Path("keys")
FIRST_FILE: Final = "district.key"
MANIFEST: Final = KEYS_DIR / "keys.json"
FORMAT: Final = "siksdesk-district-keys"
MANIFEST_LIMIT: Final = 256 * 1024
_FILE = re.compile(r"district(-[0-9a-f]{32})?\.key", re.ASCII)
_KEY_ID = re.compile(r"[0-9a-f]{32}", re.ASCII)


@dataclass(frozen=True, slots=True)
class KeyEntry:
    key_id: str  # hex
    file: str  # a name inside <home>/keys/
    added_at: str  # ISO
    valid_until: int | None  # unix seconds; None: no window (the current key, or never used)


@dataclass(frozen=True, slots=True)
class KeyRing:
    current: KeyPair
    retired: tuple[tuple[KeyPair, int | None], ...] = ()  # (keys, end of the overlap window)

    def for_recipient(self, key_id: bytes, now: int | None) -> KeyPair | None:
        """The private keys for a container addressed to ``key_id``: the current key, or a
        retired one still inside its window (any retired one we hold when ``now`` is None)."""
        if key_id == self.current.key_id:
            return self.current
        for pair, until in self.retired:
            if pair.key_id == key_id and (now is None or (until is not None and now < until)):
                return pair
        return None

    def accepted(self, now: int) -> tuple[KeyPair, ...]:
        """Every key a bundle may be sealed to at ``now``."""
        return (self.current, *(p for p, until in self.retired
                                if until is not None and now < until))


def key_file(home: Path, name: str) -> Path:
    return home / KEYS_DIR / name


def new_key_file_name(key_id: str) -> str:
    return f"district-{key_id}.key"


def iso(moment: int) -> str:
    return datetime.fromtimestamp(moment, UTC).isoformat(timespec="seconds")


def _bad(home: Path) -> DistrictError:
    return DistrictError("KEY_MANIFEST_BAD", file=str(home / MANIFEST))


def read_manifest(home: Path) -> list[KeyEntry]:
    """The manifest's entries ([] when there is none). DistrictError KEY_MANIFEST_BAD."""
    path = home / MANIFEST
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MANIFEST_LIMIT + 1)
    except FileNotFoundError:
        return []
    try:
        document = json.loads(raw.decode("utf-8"))
        if len(raw) > MANIFEST_LIMIT or not isinstance(document, dict) \
                or document.get("format") != FORMAT or document.get("version") != 1:
            raise ValueError("format")
        return [_entry(item) for item in document["keys"]]
    except (ValueError, TypeError, KeyError) as exc:
        raise _bad(home) from exc


def _entry(item: object) -> KeyEntry:
    if not isinstance(item, dict):
        raise TypeError("entry")
    key_id, name, added, until = (item["key_id"], item["file"], item["added_at"],
                                  item["valid_until"])
    if not (isinstance(key_id, str) and _KEY_ID.fullmatch(key_id) and isinstance(name, str)
            and _FILE.fullmatch(name) and isinstance(added, str)):
        raise ValueError("entry")
    if until is None:
        return KeyEntry(key_id, name, added, None)
    if not isinstance(until, str):
        raise TypeError("valid_until")
    moment = datetime.fromisoformat(until)
    if moment.tzinfo is None:
        raise ValueError("valid_until without a zone")
    return KeyEntry(key_id, name, added, int(moment.timestamp()))


def write_manifest(home: Path, entries: Sequence[KeyEntry], current: str) -> None:
    document = {"format": FORMAT, "version": 1, "current": current, "keys": [
        {"key_id": e.key_id, "file": e.file, "added_at": e.added_at,
         "valid_until": None if e.valid_until is None else iso(e.valid_until)}
        for e in entries]}
    text = json.dumps(document, indent=2, sort_keys=True) + "\n"
    atomic_write(home / MANIFEST, text.encode("ascii"), mode=0o600)


def manifest_stamp(home: Path) -> tuple[int, int, int] | None:
    """Changes whenever the manifest is rewritten (atomic rename: a new inode)."""
    try:
        stat = os.stat(home / MANIFEST)
    except FileNotFoundError:
        return None
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)


def _with_first(home: Path, entries: list[KeyEntry], passphrase: str | None
                ) -> tuple[list[KeyEntry], dict[str, KeyPair]]:
    """The entries plus ``district.key`` when the manifest does not list it, loaded."""
    pairs: dict[str, KeyPair] = {}
    if all(e.file != FIRST_FILE for e in entries):
        first = load_private(key_file(home, FIRST_FILE), passphrase)
        entries = [KeyEntry(first.key_id.hex(), FIRST_FILE, "", None), *entries]
        pairs[first.key_id.hex()] = first
    for entry in entries:
        if entry.key_id in pairs:
            continue
        pair = load_private(key_file(home, entry.file), passphrase)
        if pair.key_id.hex() != entry.key_id:
            raise _bad(home)
        pairs[entry.key_id] = pair
    return entries, pairs


def load_ring(home: Path, current: str, passphrase: str | None) -> KeyRing:
    """All key pairs of the receiver with ``current`` (the database's key id) as the current
    one. DistrictError NOT_INITIALISED when that key is not held; KeyFileError on a bad file."""
    entries, pairs = _with_first(home, read_manifest(home), passphrase)
    if current not in pairs:
        raise DistrictError("NOT_INITIALISED", home=str(home))
    retired = tuple((pairs[e.key_id], e.valid_until) for e in entries if e.key_id != current)
    return KeyRing(pairs[current], retired)


def rotated_entries(home: Path, old: str, new: str, until: int, now: int,
                    passphrase: str | None) -> list[KeyEntry]:
    """The manifest after a rotation from ``old`` to ``new``: the old key's window ends at
    ``until``; a key left without a window by an interrupted rotation is closed now."""
    entries, _ = _with_first(home, read_manifest(home), passphrase)
    closed = [replace(e, valid_until=until if e.key_id == old else now)
              if e.valid_until is None else e for e in entries if e.key_id != new]
    return [*closed, KeyEntry(new, new_key_file_name(new), iso(now), None)]


class KeyRingCache:
    """The ring a long-running receiver uses, reloaded when the manifest is rewritten (by
    ``rotate-keys`` in another process), so ``serve`` need not be restarted."""

    def __init__(self, home: Path, ring: KeyRing, load: Callable[[], KeyRing]) -> None:
        self._home = home
        self._ring = ring
        self._load = load
        self._stamp = manifest_stamp(home)
        self._lock = threading.Lock()

    def get(self) -> KeyRing:
        stamp = manifest_stamp(self._home)
        if stamp == self._stamp:
            return self._ring
        with self._lock:
            if stamp != self._stamp:
                self._ring = self._load()
                self._stamp = stamp
            return self._ring
