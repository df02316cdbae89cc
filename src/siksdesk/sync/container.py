"""Container v1: the signed and encrypted byte format of bundles, receipts and updates.

Layout (all integers big-endian; see docs/bundle-format.md)::

    0    8  magic b"SIKSDESK"           52  32  previous (SHA-256 or zeros)
    8    1  format version = 1          84   8  created_at (unix seconds)
    9    1  kind 1|2|3                  92   8  expires_at (0 = never)
    10   1  flags (bit0 training)       100 32  ephemeral X25519 public key
    11   1  reserved = 0                132  8  ciphertext length L
    12  16  sender key id               140  L  ChaCha20-Poly1305(plaintext), AAD = bytes[0:140]
    28  16  recipient key id            140+L 64 Ed25519 signature over
    44   8  sequence                             b"siksdesk-container-v1\\x00" + bytes[0:140+L]

Plaintext = u32 n + zlib(canonical JSON, n bytes) + zero padding to the Padmé length.

``verify`` checks, in this order and before any decryption or parsing: size → format → sender
known → sender not revoked → signature → recipient. ``open_verified`` then decrypts, decompresses
within bounds, parses the JSON and checks that its ``"container"`` object repeats the header.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import struct
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import IntEnum
from typing import Final

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from siksdesk.sync.errors import ContainerError
from siksdesk.sync.keys import KEY_ID_SIZE, KeyPair, PublicIdentity

__all__ = [
    "FORMAT_VERSION",
    "HEADER_SIZE",
    "MAGIC",
    "MAX_CONTAINER",
    "MAX_JSON",
    "SIGNATURE_SIZE",
    "Header",
    "Kind",
    "SenderStatus",
    "Verified",
    "canonical_json",
    "check_not_expired",
    "container_sha256",
    "open_verified",
    "padme",
    "read_header",
    "seal",
    "verify",
]

MAGIC: Final = b"SIKSDESK"
FORMAT_VERSION: Final = 1
HEADER_SIZE: Final = 140
SIGNATURE_SIZE: Final = 64
TAG_SIZE: Final = 16
MAX_CONTAINER: Final = 64 * 1024 * 1024
MAX_JSON: Final = 256 * 1024 * 1024
FLAG_TRAINING: Final = 0x01
_DOMAIN: Final = b"siksdesk-container-v1"
_SIGNED_PREFIX: Final = _DOMAIN + b"\x00"
_NONCE: Final = bytes(12)  # the key is derived afresh for every container and used once
_HEADER: Final = struct.Struct(">8sBBBB16s16sQ32sQQ32sQ")
_U32: Final = struct.Struct(">I")
_MAX_INT: Final = 2**63 - 1  # fits JSON consumers that use signed 64-bit integers
_MIN_CONTAINER: Final = HEADER_SIZE + _U32.size + TAG_SIZE + SIGNATURE_SIZE


class Kind(IntEnum):
    BUNDLE = 1  # village → district
    RECEIPT = 2  # district → village
    UPDATE = 3  # district → village

    @property
    def label(self) -> str:
        """The word used in the payload's ``"container"`` object."""
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Header:
    """The cleartext header. No personal data: ids, numbers, hashes, times, a length."""

    kind: Kind
    training: bool
    sender_key_id: bytes
    recipient_key_id: bytes
    sequence: int
    previous: bytes
    created_at: int
    expires_at: int
    length: int  # ciphertext length L
    ephemeral: bytes = bytes(32)

    def pack(self) -> bytes:
        flags = FLAG_TRAINING if self.training else 0
        return _HEADER.pack(MAGIC, FORMAT_VERSION, int(self.kind), flags, 0, self.sender_key_id,
                            self.recipient_key_id, self.sequence, self.previous,
                            self.created_at, self.expires_at, self.ephemeral, self.length)

    def inner(self) -> dict[str, object]:
        """The ``"container"`` object the payload must carry."""
        return {"kind": self.kind.label, "sender": self.sender_key_id.hex(),
                "recipient": self.recipient_key_id.hex(), "sequence": self.sequence,
                "previous": self.previous.hex(), "created_at": self.created_at,
                "expires_at": self.expires_at, "training": self.training}


@dataclass(frozen=True, slots=True)
class SenderStatus:
    """What the receiver knows of a sender key id: its identity (None = unknown), revoked?"""

    identity: PublicIdentity | None
    revoked: bool = False


@dataclass(frozen=True, slots=True)
class Verified:
    """A container whose size, format, sender and signature were checked."""

    header: Header
    sender: PublicIdentity
    data: bytes
    sha256: bytes


def canonical_json(value: object) -> bytes:
    """Canonical JSON: sorted keys, no spaces, UTF-8, no NaN/Infinity."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def container_sha256(data: bytes) -> bytes:
    """SHA-256 of all bytes of a container (the "bundle hash")."""
    return hashlib.sha256(data).digest()


def padme(length: int) -> int:
    """Padmé padded length (Nikitin et al. 2019): at most ≈12 % overhead, leaking only
    O(log log L) bits of the true length."""
    if length < 2:
        return length
    exponent = length.bit_length() - 1
    last_bits = exponent - exponent.bit_length()
    mask = (1 << last_bits) - 1 if last_bits > 0 else 0
    return (length + mask) & ~mask


def _check_int(name: str, value: int) -> None:
    if not 0 <= value <= _MAX_INT:
        raise ValueError(f"{name} out of range")


def seal(kind: Kind, payload: Mapping[str, object], *, sender: KeyPair,
         recipient: PublicIdentity, sequence: int, previous: bytes, created_at: int,
         expires_at: int = 0, training: bool = False,
         ephemeral: X25519PrivateKey | None = None, level: int = 6) -> bytes:
    """Seal ``payload`` (a JSON object; its ``"container"`` key is set here from the header)
    for ``recipient``, signed by ``sender``. ``ephemeral`` is for reproducible test vectors
    only: a real container always uses a fresh one. ``ValueError`` on bad arguments."""
    if len(previous) != 32:
        raise ValueError("previous must be 32 bytes")
    for name, value in (("sequence", sequence), ("created_at", created_at),
                        ("expires_at", expires_at)):
        _check_int(name, value)
    header = Header(Kind(kind), training, sender.key_id, recipient.key_id, sequence, previous,
                    created_at, expires_at, 0)
    return _seal_with_inner(header, payload, header.inner(), sender=sender, recipient=recipient,
                            ephemeral=ephemeral, level=level)


def _seal_with_inner(header: Header, payload: Mapping[str, object], inner: object, *,
                     sender: KeyPair, recipient: PublicIdentity,
                     ephemeral: X25519PrivateKey | None, level: int = 6) -> bytes:
    """Seal with an explicit inner ``"container"`` object (tests craft lying ones here)."""
    compressed = zlib.compress(canonical_json({**payload, "container": inner}), level)
    size = _U32.size + len(compressed)
    plaintext = b"".join((_U32.pack(len(compressed)), compressed, bytes(padme(size) - size)))
    return _seal_plaintext(header, plaintext, sender=sender, recipient=recipient,
                           ephemeral=ephemeral)


def _seal_plaintext(header: Header, plaintext: bytes, *, sender: KeyPair,
                    recipient: PublicIdentity, ephemeral: X25519PrivateKey | None) -> bytes:
    """Encrypt and sign ``plaintext`` as is (tests craft malformed plaintexts here). The
    header's ``length`` and ``ephemeral`` are filled in."""
    length = len(plaintext) + TAG_SIZE
    if HEADER_SIZE + length + SIGNATURE_SIZE > MAX_CONTAINER:
        raise ContainerError("TOO_LARGE", size=HEADER_SIZE + length + SIGNATURE_SIZE,
                             limit=MAX_CONTAINER)
    eph = ephemeral if ephemeral is not None else X25519PrivateKey.generate()
    eph_pub = eph.public_key().public_bytes_raw()
    head = dataclasses.replace(header, length=length, ephemeral=eph_pub).pack()
    key = _derive(eph.exchange(recipient.encryption_public()), eph_pub, recipient.encryption)
    body = head + ChaCha20Poly1305(key).encrypt(_NONCE, plaintext, head)
    return body + sender.sign(_SIGNED_PREFIX + body)


def _derive(shared: bytes, eph_pub: bytes, recipient_pub: bytes) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=eph_pub + recipient_pub,
                info=_DOMAIN)
    return hkdf.derive(shared)


def read_header(data: bytes, *, max_size: int = MAX_CONTAINER) -> Header:
    """Parse and check the header's size and format (nothing here is trusted yet).
    ContainerError: TOO_SHORT, TOO_LARGE, BAD_MAGIC, BAD_VERSION, BAD_KIND, BAD_FLAGS,
    BAD_LENGTH."""
    if len(data) > max_size:
        raise ContainerError("TOO_LARGE", size=len(data), limit=max_size)
    if len(data) < _MIN_CONTAINER:
        raise ContainerError("TOO_SHORT")
    (magic, version, kind, flags, reserved, sender, recipient, sequence, previous, created_at,
     expires_at, ephemeral, length) = _HEADER.unpack_from(data, 0)
    if magic != MAGIC:
        raise ContainerError("BAD_MAGIC")
    if version != FORMAT_VERSION:
        raise ContainerError("BAD_VERSION", version=version)
    if kind not in Kind._value2member_map_:
        raise ContainerError("BAD_KIND", expected="bundle/receipt/update", found=kind)
    if flags & ~FLAG_TRAINING or reserved:
        raise ContainerError("BAD_FLAGS")
    if length < _U32.size + TAG_SIZE or HEADER_SIZE + length + SIGNATURE_SIZE != len(data):
        raise ContainerError("BAD_LENGTH")
    return Header(Kind(kind), bool(flags & FLAG_TRAINING), sender, recipient, sequence,
                  previous, created_at, expires_at, length, ephemeral)


def verify(data: bytes, *, expected_kind: Kind, recipient_key_id: bytes,
           sender_lookup: Callable[[bytes], SenderStatus],
           max_size: int = MAX_CONTAINER) -> Verified:
    """Check a container without decrypting or parsing anything, in this order: size →
    format (incl. ``expected_kind``) → sender known → not revoked → signature → recipient.
    The caller then checks sequence, previous and expiry on ``Verified.header``."""
    data = bytes(data)
    header = read_header(data, max_size=max_size)
    if header.kind != expected_kind:
        raise ContainerError("BAD_KIND", expected=Kind(expected_kind).label,
                             found=header.kind.label)
    status = sender_lookup(header.sender_key_id)
    identity = status.identity
    if identity is None or identity.key_id != header.sender_key_id:
        raise ContainerError("UNKNOWN_SENDER", key_id=header.sender_key_id.hex())
    if status.revoked:
        raise ContainerError("REVOKED_SENDER", key_id=header.sender_key_id.hex())
    split = HEADER_SIZE + header.length
    if not identity.verify(data[split:], _SIGNED_PREFIX + data[:split]):
        raise ContainerError("BAD_SIGNATURE")
    if len(recipient_key_id) != KEY_ID_SIZE or header.recipient_key_id != recipient_key_id:
        raise ContainerError("WRONG_RECIPIENT", key_id=header.recipient_key_id.hex())
    return Verified(header, identity, data, container_sha256(data))


def check_not_expired(header: Header, now: int) -> None:
    """ContainerError EXPIRED if ``expires_at`` is set and ``now`` (unix seconds) reached it."""
    if header.expires_at and now >= header.expires_at:
        raise ContainerError("EXPIRED")


def open_verified(verified: Verified, recipient: KeyPair, *,
                  max_json: int = MAX_JSON) -> dict[str, object]:
    """Decrypt → bounded decompress → parse JSON → check the inner ``"container"`` object
    equals the header. ContainerError: WRONG_RECIPIENT, DECRYPT_FAILED, TOO_LARGE,
    BAD_PAYLOAD, INNER_MISMATCH."""
    header, data = verified.header, verified.data
    if recipient.key_id != header.recipient_key_id:
        raise ContainerError("WRONG_RECIPIENT", key_id=header.recipient_key_id.hex())
    try:
        shared = recipient.encryption_private.exchange(
            X25519PublicKey.from_public_bytes(header.ephemeral))
        key = _derive(shared, header.ephemeral, recipient.identity.encryption)
        plaintext = ChaCha20Poly1305(key).decrypt(
            _NONCE, data[HEADER_SIZE:HEADER_SIZE + header.length], data[:HEADER_SIZE])
    except (InvalidTag, ValueError) as exc:
        raise ContainerError("DECRYPT_FAILED") from exc
    document = _parse(_inflate(plaintext, max_json))
    if canonical_json(document.get("container")) != canonical_json(header.inner()):
        raise ContainerError("INNER_MISMATCH")
    return document


def _inflate(plaintext: bytes, max_json: int) -> bytes:
    (size,) = _U32.unpack_from(plaintext, 0)
    if _U32.size + size > len(plaintext) or padme(_U32.size + size) != len(plaintext) \
            or any(plaintext[_U32.size + size:]):
        raise ContainerError("BAD_PAYLOAD")
    inflater = zlib.decompressobj()
    try:
        text = inflater.decompress(plaintext[_U32.size:_U32.size + size], max_json + 1)
    except zlib.error as exc:
        raise ContainerError("BAD_PAYLOAD") from exc
    if len(text) > max_json or inflater.unconsumed_tail:
        raise ContainerError("TOO_LARGE", size=f">{max_json}", limit=max_json)
    if not inflater.eof or inflater.unused_data:
        raise ContainerError("BAD_PAYLOAD")
    return text


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise ValueError("duplicate key")
    return result


def _reject_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e999: json reads it as inf, which no canonical form has
        raise ValueError("number out of range")
    return value


def _parse(text: bytes) -> dict[str, object]:
    try:
        document = json.loads(text.decode("utf-8"), object_pairs_hook=_no_duplicates,
                              parse_constant=_reject_constant, parse_float=_finite_float)
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
        raise ContainerError("BAD_PAYLOAD") from exc
    if not isinstance(document, dict):
        raise ContainerError("BAD_PAYLOAD")
    return document
