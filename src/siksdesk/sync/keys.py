"""Key pairs of the sync parties, their key ids and fingerprints, and private-key files.

A party (a village laptop or the district) has an Ed25519 signing key and an X25519 encryption
key. Its public identity is the pair of raw 32-byte public keys; the key id and the fingerprint
are both derived from ``SHA-256(b"siksdesk-key-id-v1" + signing + encryption)``: the key id is
the first 16 bytes (hex in JSON), the fingerprint the first 15 bytes in base32, 24 characters in
six groups of four (compared by eye on both screens at registration).

Private-key files are small JSON documents, written atomically (temp name → fsync → rename) with
mode 0600 in a folder created with mode 0700; optionally encrypted with a passphrase (scrypt +
ChaCha20-Poly1305).
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from siksdesk.sync.errors import KeyFileError

__all__ = [
    "KEY_FILE_LIMIT",
    "KEY_ID_SIZE",
    "KeyPair",
    "PublicIdentity",
    "atomic_write",
    "b64decode_strict",
    "b64encode",
    "fingerprint",
    "key_id",
    "load_private",
]

KEY_ID_SIZE: Final = 16
KEY_FILE_LIMIT: Final = 64 * 1024
_KEY_ID_PREFIX: Final = b"siksdesk-key-id-v1"
_KEY_FILE_FORMAT: Final = "siksdesk-private-keys"
_KEY_FILE_AAD: Final = b"siksdesk-private-keys-v1"
_SCRYPT_N: Final = 2**15  # ≈ 0.1 s and 32 MiB: unlocking happens once per session
_SCRYPT_R: Final = 8
_SCRYPT_P: Final = 1


def b64encode(data: bytes) -> str:
    """Standard base64 with padding, as text."""
    return base64.b64encode(data).decode("ascii")


def b64decode_strict(text: str, size: int | None = None) -> bytes:
    """Decode standard base64 strictly (no stray characters); ``ValueError`` if malformed or not
    ``size`` bytes long."""
    try:
        data = base64.b64decode(text.encode("ascii"), validate=True)
    except (UnicodeEncodeError, binascii.Error) as exc:
        raise ValueError("not base64") from exc
    if b64encode(data) != text or (size is not None and len(data) != size):
        raise ValueError("not canonical base64 of the expected size")
    return data


def _digest(signing: bytes, encryption: bytes) -> bytes:
    return hashlib.sha256(_KEY_ID_PREFIX + signing + encryption).digest()


@dataclass(frozen=True, slots=True)
class PublicIdentity:
    """The public half of a party: raw Ed25519 signing key and raw X25519 encryption key."""

    signing: bytes
    encryption: bytes

    def __post_init__(self) -> None:
        if len(self.signing) != 32 or len(self.encryption) != 32:
            raise ValueError("public keys must be 32 bytes each")

    @property
    def key_id(self) -> bytes:
        """16-byte key id (``.hex()`` in JSON and in container headers)."""
        return _digest(self.signing, self.encryption)[:KEY_ID_SIZE]

    @property
    def fingerprint(self) -> str:
        """24 base32 characters in six groups of four, e.g. ``ABCD-EFGH-…``."""
        return fingerprint(self)

    def verify(self, signature: bytes, message: bytes) -> bool:
        """True if ``signature`` is this party's Ed25519 signature of ``message``."""
        try:
            Ed25519PublicKey.from_public_bytes(self.signing).verify(signature, message)
        except (InvalidSignature, ValueError):
            return False
        return True

    def encryption_public(self) -> X25519PublicKey:
        return X25519PublicKey.from_public_bytes(self.encryption)

    def to_b64(self) -> tuple[str, str]:
        """(signing, encryption) as base64 text, the form used in JSON files."""
        return b64encode(self.signing), b64encode(self.encryption)

    @classmethod
    def from_b64(cls, signing: str, encryption: str) -> PublicIdentity:
        """From base64 text; ``ValueError`` if either key is malformed."""
        return cls(b64decode_strict(signing, 32), b64decode_strict(encryption, 32))


def key_id(identity: PublicIdentity) -> bytes:
    """``SHA-256(b"siksdesk-key-id-v1" + signing + encryption)[:16]``."""
    return identity.key_id


def fingerprint(identity: PublicIdentity) -> str:
    """Base32 of the first 15 bytes of the key-id digest: 24 characters, six groups of four."""
    text = base64.b32encode(_digest(identity.signing, identity.encryption)[:15]).decode("ascii")
    return "-".join(text[i:i + 4] for i in range(0, 24, 4))


class KeyPair:
    """A party's private keys (Ed25519 signing + X25519 encryption)."""

    __slots__ = ("_identity", "encryption_private", "signing_private")

    def __init__(self, signing_private: Ed25519PrivateKey,
                 encryption_private: X25519PrivateKey) -> None:
        self.signing_private = signing_private
        self.encryption_private = encryption_private
        self._identity = PublicIdentity(
            signing_private.public_key().public_bytes_raw(),
            encryption_private.public_key().public_bytes_raw(),
        )

    @classmethod
    def generate(cls) -> KeyPair:
        """Fresh random keys (made on this machine; the private half never leaves it)."""
        return cls(Ed25519PrivateKey.generate(), X25519PrivateKey.generate())

    @classmethod
    def from_seeds(cls, signing_seed: bytes, encryption_seed: bytes) -> KeyPair:
        """From the raw 32-byte private keys (key files, fixed test vectors)."""
        return cls(Ed25519PrivateKey.from_private_bytes(signing_seed),
                   X25519PrivateKey.from_private_bytes(encryption_seed))

    @property
    def identity(self) -> PublicIdentity:
        return self._identity

    @property
    def key_id(self) -> bytes:
        return self._identity.key_id

    @property
    def fingerprint(self) -> str:
        return self._identity.fingerprint

    def sign(self, message: bytes) -> bytes:
        """64-byte Ed25519 signature."""
        return self.signing_private.sign(message)

    def seeds(self) -> tuple[bytes, bytes]:
        """The raw private keys (signing, encryption). Handle with care."""
        return (self.signing_private.private_bytes_raw(),
                self.encryption_private.private_bytes_raw())

    def __repr__(self) -> str:
        return f"KeyPair(key_id={self.key_id.hex()})"  # never the private keys

    def save_private(self, path: Path, passphrase: str | None = None) -> None:
        """Write the private keys to ``path`` atomically (mode 0600; a missing folder is made
        with mode 0700). With ``passphrase`` the keys are encrypted (scrypt + ChaCha20-Poly1305);
        without, the file relies on the file-system permissions of the laptop's account."""
        signing, encryption = self.seeds()
        document: dict[str, object] = {
            "format": _KEY_FILE_FORMAT, "version": 1, "key_id": self.key_id.hex(),
            "fingerprint": self.fingerprint,
        }
        if passphrase is None:
            document["protection"] = "none"
            document["keys"] = b64encode(signing + encryption)
        else:
            salt = secrets.token_bytes(16)
            box = ChaCha20Poly1305(_passphrase_key(passphrase, salt))
            document.update(protection="scrypt-chacha20poly1305", salt=b64encode(salt),
                            n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P,
                            keys=b64encode(box.encrypt(bytes(12), signing + encryption,
                                                       _KEY_FILE_AAD)))
        text = json.dumps(document, indent=2, sort_keys=True) + "\n"
        atomic_write(Path(path), text.encode("ascii"), mode=0o600)


def _passphrase_key(passphrase: str, salt: bytes, n: int = _SCRYPT_N) -> bytes:
    kdf = Scrypt(salt=salt, length=32, n=n, r=_SCRYPT_R, p=_SCRYPT_P)
    return kdf.derive(passphrase.encode("utf-8"))


def load_private(path: Path, passphrase: str | None = None) -> KeyPair:
    """Read a key file written by ``KeyPair.save_private``. Raises ``KeyFileError``:
    KEY_FILE_MISSING, KEY_FILE_BAD, KEY_FILE_NEEDS_PASSPHRASE, KEY_FILE_PASSPHRASE."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(KEY_FILE_LIMIT + 1)
    except FileNotFoundError as exc:
        raise KeyFileError("KEY_FILE_MISSING") from exc
    except OSError as exc:
        raise KeyFileError("KEY_FILE_BAD") from exc
    if len(raw) > KEY_FILE_LIMIT:
        raise KeyFileError("KEY_FILE_BAD")
    try:
        document = json.loads(raw.decode("utf-8"))
        if not isinstance(document, dict) or document.get("format") != _KEY_FILE_FORMAT \
                or document.get("version") != 1:
            raise KeyFileError("KEY_FILE_BAD")
        seeds = _unprotect(document, passphrase)
        pair = KeyPair.from_seeds(seeds[:32], seeds[32:])
    except (ValueError, TypeError, KeyError) as exc:  # UnicodeDecodeError is a ValueError
        raise KeyFileError("KEY_FILE_BAD") from exc
    if pair.key_id.hex() != document.get("key_id"):
        raise KeyFileError("KEY_FILE_BAD")
    return pair


def _unprotect(document: dict[str, object], passphrase: str | None) -> bytes:
    protection, keys = document.get("protection"), document.get("keys")
    if not isinstance(keys, str):
        raise ValueError("keys")
    if protection == "none":
        return b64decode_strict(keys, 64)
    if protection != "scrypt-chacha20poly1305":
        raise ValueError("protection")
    if passphrase is None:
        raise KeyFileError("KEY_FILE_NEEDS_PASSPHRASE")
    salt, n = document.get("salt"), document.get("n")
    if not isinstance(salt, str) or n != _SCRYPT_N:
        raise ValueError("kdf parameters")
    box = ChaCha20Poly1305(_passphrase_key(passphrase, b64decode_strict(salt, 16), n))
    try:
        return box.decrypt(bytes(12), b64decode_strict(keys, 64 + 16), _KEY_FILE_AAD)
    except InvalidTag as exc:
        raise KeyFileError("KEY_FILE_PASSPHRASE") from exc


def atomic_write(path: Path, data: bytes, *, mode: int = 0o600) -> None:
    """Write ``data`` to ``path`` safely: a temp name in the same folder → fsync → rename →
    fsync of the folder (POSIX). A missing folder is created with mode 0700. After a crash
    the file is either the old one or the complete new one."""
    path = Path(path)
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a directory for fsync; the rename is durable enough
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
