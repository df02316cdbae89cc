"""Opening the district receiver: the home folder (key files), the database, who we are.

The district's private keys live in ``<home>/keys/`` (``district.key`` from ``init``, one
``district-<key id>.key`` per rotation, the ``keys.json`` manifest: see ``keyring``; mode 0600,
folder 0700), written by ``siksdesk.sync.keys``; an optional passphrase (the same for every key
file) comes from SIKSDESK_DISTRICT_KEY_PASSPHRASE. The database holds the current key's public
half and the district's name and code."""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from siksdesk.district import db
from siksdesk.district.errors import DistrictError
from siksdesk.district.keyring import (
    FIRST_FILE,
    KEYS_DIR,
    KeyEntry,
    KeyRing,
    KeyRingCache,
    iso,
    load_ring,
    write_manifest,
)
from siksdesk.district.models import DistrictInfo
from siksdesk.sync.keys import KeyPair

KEY_FILE: Final = KEYS_DIR / FIRST_FILE
PASSPHRASE_ENV: Final = "SIKSDESK_DISTRICT_KEY_PASSPHRASE"
_DISTRICT_CODE = re.compile(r"[0-9]{4}", re.ASCII)


@dataclass(frozen=True, slots=True)
class Identity:
    district_code: str
    district_name: str
    server_url: str
    training: bool
    key_id: str  # hex


@dataclass(frozen=True, slots=True)
class District:
    """Everything a command or the server needs; made once, passed down."""

    home: Path
    engine: Engine
    factory: sessionmaker[Session]
    rings: KeyRingCache
    opened_as: Identity  # key_id as when opened; ``identity`` follows rotations

    @property
    def ring(self) -> KeyRing:
        return self.rings.get()

    @property
    def keys(self) -> KeyPair:
        """The current key pair: receipts and updates are signed with it."""
        return self.ring.current

    @property
    def identity(self) -> Identity:
        return replace(self.opened_as, key_id=self.keys.key_id.hex())

    def keys_for(self, recipient_key_id: bytes, now: int | None) -> KeyPair | None:
        """The private keys for a container sealed to ``recipient_key_id``: the current key or
        a retired one inside its overlap window at ``now`` (any we hold when ``now`` is None)."""
        return self.ring.for_recipient(recipient_key_id, now)

    def close(self) -> None:
        self.engine.dispose()


def key_path(home: Path) -> Path:
    return home / KEY_FILE


def passphrase() -> str | None:
    return os.environ.get(PASSPHRASE_ENV) or None


def _open_engine(home: Path, db_url: str | None) -> Engine:
    engine = db.make_engine(db.database_url(home, db_url))
    revision = db.current_revision(engine)
    if revision is not None and revision != db.head_revision():
        from alembic.script import ScriptDirectory

        known = {r.revision for r in ScriptDirectory(str(db.MIGRATIONS_DIR)).walk_revisions()}
        if revision not in known:
            engine.dispose()
            raise DistrictError("DATABASE_NEWER", revision=revision)
    if revision != db.head_revision():
        db.upgrade(engine)
    return engine


def _load_identity(factory: sessionmaker[Session]) -> Identity | None:
    with db.read_session(factory) as session:
        info = session.scalars(select(DistrictInfo).where(DistrictInfo.id == 1)).first()
        if info is None:
            return None
        return Identity(info.district_code, info.district_name, info.server_url,
                        info.training, info.key_id)


def open_district(home: Path, db_url: str | None = None) -> District:
    """Open an initialised receiver (schema upgraded when older). Raises DistrictError
    NOT_INITIALISED, or KeyFileError when the key file is missing or damaged."""
    if not key_path(home).exists():
        raise DistrictError("NOT_INITIALISED", home=str(home))
    engine = _open_engine(home, db_url)
    factory = db.session_factory(engine)
    identity = _load_identity(factory)
    if identity is None:
        engine.dispose()
        raise DistrictError("NOT_INITIALISED", home=str(home))
    try:
        ring = load_ring(home, identity.key_id, passphrase())
    except BaseException:
        engine.dispose()
        raise
    return District(home, engine, factory, _cache(home, factory, ring), identity)


def _cache(home: Path, factory: sessionmaker[Session], ring: KeyRing) -> KeyRingCache:
    def load() -> KeyRing:
        current = _load_identity(factory)
        if current is None:
            raise DistrictError("NOT_INITIALISED", home=str(home))
        return load_ring(home, current.key_id, passphrase())
    return KeyRingCache(home, ring, load)


def init_district(home: Path, db_url: str | None, *, district_code: str, district_name: str,
                  server_url: str = "", training: bool = False) -> District:
    """Create the key pair and the database. Refuses when either already exists."""
    if not _DISTRICT_CODE.fullmatch(district_code):
        raise DistrictError("BAD_DISTRICT_CODE")
    engine = _open_engine(home, db_url)
    factory = db.session_factory(engine)
    existing = _load_identity(factory)
    if existing is not None or key_path(home).exists():
        engine.dispose()
        code = existing.district_code if existing else district_code
        raise DistrictError("ALREADY_INITIALISED", district_code=code)
    keys = KeyPair.generate()
    keys.save_private(key_path(home), passphrase())
    entry = KeyEntry(keys.key_id.hex(), FIRST_FILE, iso(int(time.time())), None)
    write_manifest(home, [entry], keys.key_id.hex())
    identity = keys.identity
    with db.write_session(factory) as session:
        session.add(DistrictInfo(
            id=1, district_code=district_code, district_name=district_name,
            server_url=server_url, training=training, key_id=keys.key_id.hex(),
            signing_key=identity.signing, encryption_key=identity.encryption))
    made = Identity(district_code, district_name, server_url, training, keys.key_id.hex())
    return District(home, engine, factory, _cache(home, factory, KeyRing(keys)), made)
