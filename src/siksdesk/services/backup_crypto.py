"""The encrypted backup file ("Cadangkan ke USB"): a passphrase-derived key (argon2id) and
ChaCha20-Poly1305 over chunks, STREAM-style as in *age*.

Layout: a fixed header (magic, format version, argon2id parameters, salt, nonce prefix, chunk
size, key check) then the chunks, each ``chunk_size`` bytes of plaintext (the last one shorter,
possibly empty) + a 16-byte tag. Every chunk's nonce and associated data carry its index and a
"final" flag, and the associated data the whole header: a reordered, dropped, truncated or
appended chunk, or an edited header, fails authentication. The header holds no personal data.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import struct
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Final

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from siksdesk.services.backup_errors import BackupError

MAGIC: Final = b"SIKSBAK\x00"
VERSION: Final = 1
KDF_ARGON2ID: Final = 1
HEADER: Final = struct.Struct(">8sBBIIB16s7sI16s")
TAG: Final = 16
CHUNK_SIZE: Final = 1 << 20
# argon2-cffi's RFC 9106 "low memory" profile: ≈0.15 s and 64 MiB on the village laptop.
TIME_COST: Final = 3
MEMORY_KIB: Final = 64 * 1024
PARALLELISM: Final = 4
# Upper bounds accepted from a header: a crafted file must not make us allocate gigabytes.
_MAX_TIME_COST, _MAX_MEMORY_KIB, _MAX_CHUNK = 16, 1024 * 1024, 16 << 20
MIN_PASSPHRASE: Final = 8
FILE_SUFFIX: Final = ".siksbak"
Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


def _never() -> bool:
    return False


def _ignore(_done: int, _total: int) -> None:
    return None


@dataclass(frozen=True, slots=True)
class _Header:
    time_cost: int
    memory_kib: int
    parallelism: int
    salt: bytes
    nonce_prefix: bytes
    chunk_size: int
    key_check: bytes
    raw: bytes


def is_encrypted_backup(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise BackupError("PASSPHRASE_TOO_SHORT", minimum=MIN_PASSPHRASE)


def _keys(passphrase: str, salt: bytes, time_cost: int, memory_kib: int,
          parallelism: int) -> tuple[bytes, bytes]:
    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    master = hash_secret_raw(secret, salt, time_cost=time_cost, memory_cost=memory_kib,
                             parallelism=parallelism, hash_len=32, type=Type.ID)
    key = hmac.digest(master, b"siksdesk backup v1 key", "sha256")
    check = hmac.digest(master, b"siksdesk backup v1 check", "sha256")[:16]
    return key, check


def _nonce(prefix: bytes, index: int, final: bool) -> bytes:
    return prefix + struct.pack(">IB", index, int(final))


def _aad(header: bytes, index: int, final: bool) -> bytes:
    return header + struct.pack(">QB", index, int(final))


def encrypt_stream(source: BinaryIO, target: BinaryIO, passphrase: str, *, total: int = 0,
                   progress: Progress = _ignore, cancelled: Cancelled = _never) -> None:
    """Encrypt everything ``source`` holds into ``target`` (fresh salt, hence a fresh key)."""
    check_passphrase(passphrase)
    salt, prefix = secrets.token_bytes(16), secrets.token_bytes(7)
    key, check = _keys(passphrase, salt, TIME_COST, MEMORY_KIB, PARALLELISM)
    header = HEADER.pack(MAGIC, VERSION, KDF_ARGON2ID, TIME_COST, MEMORY_KIB, PARALLELISM, salt,
                         prefix, CHUNK_SIZE, check)
    target.write(header)
    aead = ChaCha20Poly1305(key)
    done = 0
    for index, (chunk, final) in enumerate(_chunks(source, CHUNK_SIZE)):
        if cancelled():
            raise BackupError("BACKUP_CANCELLED")
        target.write(aead.encrypt(_nonce(prefix, index, final), chunk,
                                  _aad(header, index, final)))
        done += len(chunk)
        progress(done, max(total, done))


def _chunks(source: BinaryIO, size: int) -> Iterator[tuple[bytes, bool]]:
    """(chunk, is_last) pairs; an empty source gives one empty final chunk."""
    current = source.read(size)
    while True:
        following = source.read(size)
        yield current, not following
        if not following:
            return
        current = following


def decrypt_stream(source: BinaryIO, passphrase: str, *, file_name: str,
                   total: int = 0, progress: Progress = _ignore,
                   cancelled: Cancelled = _never) -> Iterator[bytes]:
    """Plaintext chunks of an encrypted backup, each authenticated before it is yielded.
    Raises BackupError: BACKUP_NOT_ENCRYPTED, BACKUP_WRONG_PASSPHRASE, BACKUP_DAMAGED."""
    header = _read_header(source, file_name)
    key, check = _keys(passphrase, header.salt, header.time_cost, header.memory_kib,
                       header.parallelism)
    if not hmac.compare_digest(check, header.key_check):
        raise BackupError("BACKUP_WRONG_PASSPHRASE", file=file_name)
    aead = ChaCha20Poly1305(key)
    sealed = header.chunk_size + TAG
    done = len(header.raw)
    current = source.read(sealed)
    index = 0
    while True:
        if cancelled():
            raise BackupError("BACKUP_CANCELLED")
        following = source.read(sealed)
        final = not following
        if len(current) < TAG or (not final and len(current) != sealed):
            raise BackupError("BACKUP_DAMAGED", file=file_name)
        try:
            plain = aead.decrypt(_nonce(header.nonce_prefix, index, final), current,
                                 _aad(header.raw, index, final))
        except InvalidTag:
            raise BackupError("BACKUP_DAMAGED", file=file_name) from None
        done += len(current)
        progress(done, max(total, done))
        yield plain
        if final:
            return
        current, index = following, index + 1


def _read_header(source: BinaryIO, file_name: str) -> _Header:
    raw = source.read(HEADER.size)
    if len(raw) < HEADER.size or not raw.startswith(MAGIC):
        raise BackupError("BACKUP_NOT_ENCRYPTED", file=file_name)
    (_magic, version, kdf, time_cost, memory_kib, parallelism, salt, prefix, chunk_size,
     check) = HEADER.unpack(raw)
    if (version != VERSION or kdf != KDF_ARGON2ID or not 1 <= time_cost <= _MAX_TIME_COST
            or not 1 <= parallelism <= 16 or not 8 * parallelism <= memory_kib <= _MAX_MEMORY_KIB
            or not 1 <= chunk_size <= _MAX_CHUNK):
        raise BackupError("BACKUP_DAMAGED", file=file_name)
    return _Header(time_cost, memory_kib, parallelism, salt, prefix, chunk_size, check, raw)


def decrypt_to_file(source: Path, target: Path, passphrase: str, *,
                    progress: Progress = _ignore, cancelled: Cancelled = _never) -> str:
    """Decrypt ``source`` into ``target`` (fsynced); returns the plaintext's SHA-256. The
    caller removes ``target`` when this raises (it may hold part of the plaintext)."""
    digest = hashlib.sha256()
    with source.open("rb") as sealed, target.open("wb") as plain:
        for chunk in decrypt_stream(sealed, passphrase, file_name=source.name,
                                    total=source.stat().st_size, progress=progress,
                                    cancelled=cancelled):
            digest.update(chunk)
            plain.write(chunk)
        plain.flush()
        os.fsync(plain.fileno())
    return digest.hexdigest()


def plaintext_sha256(source: Path, passphrase: str, *, progress: Progress = _ignore,
                     cancelled: Cancelled = _never) -> str:
    """Decrypt and authenticate ``source`` without writing the plaintext anywhere."""
    digest = hashlib.sha256()
    with source.open("rb") as sealed:
        for chunk in decrypt_stream(sealed, passphrase, file_name=source.name,
                                    total=source.stat().st_size, progress=progress,
                                    cancelled=cancelled):
            digest.update(chunk)
    return digest.hexdigest()
