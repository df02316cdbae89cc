"""Enrolment files: the district profile and the device registration (signed JSON).

The district gives each village a **profile file** (``*.siksdesk-profile``: district public keys,
village code, server address); the village laptop answers with a **device registration file**
(``*.siksdesk-device``: its public keys, village code, fingerprint). Each file is UTF-8 JSON
signed by the file's own Ed25519 key over the canonical JSON without ``"signature"``. A self
signature proves only that the file is intact and that its author holds the key; trust comes from
comparing the fingerprint shown on both screens at registration.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from siksdesk.sync.container import canonical_json
from siksdesk.sync.errors import EnrolmentError
from siksdesk.sync.keys import KeyPair, PublicIdentity, b64decode_strict, b64encode

__all__ = [
    "MAX_FILE",
    "PROFILE_FORMAT",
    "PROFILE_SUFFIX",
    "REGISTRATION_FORMAT",
    "REGISTRATION_SUFFIX",
    "DeviceRegistration",
    "DistrictProfile",
    "make_profile",
    "make_registration",
    "read_profile",
    "read_registration",
]

MAX_FILE: Final = 64 * 1024
PROFILE_FORMAT: Final = "siksdesk-district-profile"
REGISTRATION_FORMAT: Final = "siksdesk-device-registration"
PROFILE_SUFFIX: Final = ".siksdesk-profile"
REGISTRATION_SUFFIX: Final = ".siksdesk-device"
_VERSION: Final = 1
_PROFILE_KEYS: Final = frozenset({
    "format", "version", "district_code", "district_name", "village_code", "village_name",
    "signing_key", "encryption_key", "key_id", "server_url", "issued_at", "training",
    "signature"})
_REGISTRATION_KEYS: Final = frozenset({
    "format", "version", "village_code", "village_name", "device_name", "signing_key",
    "encryption_key", "key_id", "fingerprint", "created_at", "training", "signature"})
_URL = re.compile(r"https?://[!-~]{1,490}", re.ASCII)


@dataclass(frozen=True, slots=True)
class DistrictProfile:
    """A district profile file, checked."""

    district_code: str  # 4 digits (kabupaten/kota)
    district_name: str
    village_code: str  # 10 digits (Kemendagri)
    village_name: str
    identity: PublicIdentity
    server_url: str  # "" when the district has no server
    issued_at: str  # ISO 8601
    training: bool

    @property
    def key_id(self) -> bytes:
        return self.identity.key_id

    @property
    def fingerprint(self) -> str:
        return self.identity.fingerprint


@dataclass(frozen=True, slots=True)
class DeviceRegistration:
    """A device registration file, checked."""

    village_code: str
    village_name: str
    device_name: str
    identity: PublicIdentity
    created_at: str  # ISO 8601
    training: bool

    @property
    def key_id(self) -> bytes:
        return self.identity.key_id

    @property
    def fingerprint(self) -> str:
        return self.identity.fingerprint


def _iso(value: str | datetime) -> str:
    return value.isoformat(timespec="seconds") if isinstance(value, datetime) else value


def _signed_file(document: dict[str, object], key: KeyPair) -> bytes:
    document = {**document, "signature": b64encode(key.sign(canonical_json(document)))}
    return (json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


def make_profile(district: KeyPair, *, district_code: str, district_name: str,
                 village_code: str, village_name: str, issued_at: str | datetime,
                 server_url: str = "", training: bool = False) -> bytes:
    """The profile file for one village, signed by the district. EnrolmentError (BAD_FIELD,
    VILLAGE_NOT_IN_DISTRICT) when an argument would make an unreadable file."""
    signing, encryption = district.identity.to_b64()
    data = _signed_file({
        "format": PROFILE_FORMAT, "version": _VERSION, "district_code": district_code,
        "district_name": district_name, "village_code": village_code,
        "village_name": village_name, "signing_key": signing, "encryption_key": encryption,
        "key_id": district.key_id.hex(), "server_url": server_url,
        "issued_at": _iso(issued_at), "training": training}, district)
    read_profile(data)  # the same checks as the receiving side
    return data


def make_registration(device: KeyPair, *, village_code: str, village_name: str,
                      device_name: str, created_at: str | datetime,
                      training: bool = False) -> bytes:
    """The registration file of this laptop, signed by its own key."""
    signing, encryption = device.identity.to_b64()
    data = _signed_file({
        "format": REGISTRATION_FORMAT, "version": _VERSION, "village_code": village_code,
        "village_name": village_name, "device_name": device_name, "signing_key": signing,
        "encryption_key": encryption, "key_id": device.key_id.hex(),
        "fingerprint": device.fingerprint, "created_at": _iso(created_at),
        "training": training}, device)
    read_registration(data)
    return data


def read_profile(data: bytes) -> DistrictProfile:
    """Check and read a district profile file. EnrolmentError: TOO_LARGE, NOT_JSON,
    NOT_A_PROFILE, BAD_VERSION, BAD_FIELD, BAD_SIGNATURE, KEY_ID_MISMATCH,
    VILLAGE_NOT_IN_DISTRICT."""
    fields = _Fields(_load(data, PROFILE_FORMAT, "NOT_A_PROFILE"), _PROFILE_KEYS)
    identity = fields.verified_identity()
    profile = DistrictProfile(
        district_code=fields.text("district_code", _digits(4)),
        district_name=fields.text("district_name", _name(200)),
        village_code=fields.text("village_code", _digits(10)),
        village_name=fields.text("village_name", _name(200)),
        identity=identity,
        server_url=fields.text("server_url", lambda s: s == "" or bool(_URL.fullmatch(s))),
        issued_at=fields.text("issued_at", _is_iso),
        training=fields.flag("training"),
    )
    if not profile.village_code.startswith(profile.district_code):
        raise EnrolmentError("VILLAGE_NOT_IN_DISTRICT", village_code=profile.village_code,
                             district_code=profile.district_code)
    return profile


def read_registration(data: bytes) -> DeviceRegistration:
    """Check and read a device registration file. EnrolmentError: TOO_LARGE, NOT_JSON,
    NOT_A_REGISTRATION, BAD_VERSION, BAD_FIELD, BAD_SIGNATURE, KEY_ID_MISMATCH,
    FINGERPRINT_MISMATCH."""
    fields = _Fields(_load(data, REGISTRATION_FORMAT, "NOT_A_REGISTRATION"),
                     _REGISTRATION_KEYS)
    identity = fields.verified_identity()
    if fields.text("fingerprint", _name(40)) != identity.fingerprint:
        raise EnrolmentError("FINGERPRINT_MISMATCH")
    return DeviceRegistration(
        village_code=fields.text("village_code", _digits(10)),
        village_name=fields.text("village_name", _name(200)),
        device_name=fields.text("device_name", _name(100)),
        identity=identity,
        created_at=fields.text("created_at", _is_iso),
        training=fields.flag("training"),
    )


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise ValueError("duplicate key")
    return result


def _load(data: bytes, expected_format: str, wrong_code: str) -> dict[str, object]:
    if len(data) > MAX_FILE:
        raise EnrolmentError("TOO_LARGE", size=len(data), limit=MAX_FILE)
    try:
        document = json.loads(bytes(data).decode("utf-8-sig"), object_pairs_hook=_no_duplicates)
    except (ValueError, RecursionError) as exc:
        raise EnrolmentError("NOT_JSON") from exc
    if not isinstance(document, dict) or document.get("format") != expected_format:
        raise EnrolmentError(wrong_code)
    version = document.get("version")
    if type(version) is not int or version != _VERSION:
        raise EnrolmentError("BAD_VERSION", version=str(version)[:20])
    return document


def _digits(count: int) -> Callable[[str], bool]:
    return lambda s: bool(re.fullmatch(f"[0-9]{{{count}}}", s, re.ASCII))


def _name(limit: int) -> Callable[[str], bool]:
    return lambda s: len(s.strip()) > 0 and len(s) <= limit and not any(
        unicodedata.category(c) in {"Cc", "Cf", "Zl", "Zp"} for c in s)


def _is_iso(text: str) -> bool:
    if len(text) > 40:
        return False
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


class _Fields:
    """Typed access to a parsed file's fields; every failure names the field."""

    def __init__(self, document: dict[str, object], allowed: frozenset[str]) -> None:
        self.document = document
        for name in sorted(set(document) ^ allowed):
            raise EnrolmentError("BAD_FIELD", field=name[:40])

    def text(self, name: str, check: Callable[[str], bool]) -> str:
        value = self.document.get(name)
        if not isinstance(value, str) or not check(value):
            raise EnrolmentError("BAD_FIELD", field=name)
        return value

    def flag(self, name: str) -> bool:
        value = self.document.get(name)
        if not isinstance(value, bool):
            raise EnrolmentError("BAD_FIELD", field=name)
        return value

    def verified_identity(self) -> PublicIdentity:
        """The file's keys, after checking its self-signature and its key id."""
        try:
            identity = PublicIdentity.from_b64(self.text("signing_key", bool),
                                               self.text("encryption_key", bool))
        except ValueError as exc:
            raise EnrolmentError("BAD_FIELD", field="signing_key/encryption_key") from exc
        try:
            signature = b64decode_strict(self.text("signature", bool), 64)
        except ValueError as exc:
            raise EnrolmentError("BAD_FIELD", field="signature") from exc
        unsigned = {k: v for k, v in self.document.items() if k != "signature"}
        try:
            message = canonical_json(unsigned)
        except ValueError as exc:  # NaN or Infinity cannot have been signed
            raise EnrolmentError("BAD_SIGNATURE") from exc
        if not identity.verify(signature, message):
            raise EnrolmentError("BAD_SIGNATURE")
        if self.text("key_id", _hex32) != identity.key_id.hex():
            raise EnrolmentError("KEY_ID_MISMATCH")
        return identity


def _hex32(text: str) -> bool:
    return bool(re.fullmatch(r"[0-9a-f]{32}", text, re.ASCII))
