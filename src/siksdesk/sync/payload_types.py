"""Typed, frozen views of the sync payloads (see ``payloads`` for building and parsing).

Field names are exactly the JSON keys of the contract (docs/bundle-format.md). Hashes and key
ids are lowercase hex text, times ISO 8601 text, dates ``YYYY-MM-DD``: the dataclasses carry
the validated JSON values unchanged, so ``as_dict`` gives back the same JSON.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar, Final

__all__ = [
    "Bundle",
    "BundleRecord",
    "ContainerInfo",
    "Decision",
    "DeviceRevoked",
    "DistrictKeys",
    "InvalidNikList",
    "InvalidNikRow",
    "MeetingRef",
    "NikEntry",
    "Receipt",
    "RecordResult",
    "Update",
    "UpdateItem",
    "as_dict",
]

UUID: Final = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
NIK: Final = r"[0-9]{16}"
HEX32: Final = r"[0-9a-f]{32}"
HEX64: Final = r"[0-9a-f]{64}"
AUDIT_HEAD: Final = r"(?:[0-9a-f]{2}){0,64}"  # "" before the first audited change
CODE: Final = r"(?:[A-Z][A-Z0-9_]{0,63})?"  # "" or a problem code such as NIK_INVALID
DATE: Final = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
OPTIONAL_DATE: Final = f"(?:{DATE})?"
DATETIME: Final = (r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}"
                   r"(?:\.[0-9]{1,6})?)?(?:Z|[+-][0-9]{2}:[0-9]{2})?)?")


@dataclass(frozen=True, slots=True)
class ContainerInfo:
    """The payload's own copy of the container header (``open_verified`` checked it)."""

    kind: str  # bundle | receipt | update
    sender: str  # key id, hex
    recipient: str
    sequence: int
    previous: str  # SHA-256, hex
    created_at: int
    expires_at: int
    training: bool


@dataclass(frozen=True, slots=True)
class MeetingRef:
    """A finalised MusDes (or SPTJM) whose decisions records refer to."""

    uuid: str
    kind: str  # musdes | sptjm
    held_on: str
    place: str
    chair: str
    finalised_at: str
    finalised_by: str
    decided_set_sha256: str


@dataclass(frozen=True, slots=True)
class NikEntry:
    """A NIK a record introduces or sets, for the district's cross-village checks."""

    art: str  # ART uuid
    nik: str  # 16 ASCII digits


@dataclass(frozen=True, slots=True)
class BundleRecord:
    """One approved usulan."""

    usulan: str
    kind: str  # new | new_member | correction | deactivate | replacement
    entity: str  # ruta | keluarga | art
    entity_uuid: str
    ruta_uuid: str
    reason: str
    note: str
    changes: Mapping[str, object]
    meeting: str  # uuid of a MeetingRef in the same bundle
    decision_note: str
    decided_at: str
    niks: tuple[NikEntry, ...]
    snapshot: Mapping[str, object] | None  # required for new / new_member


@dataclass(frozen=True, slots=True)
class Bundle:
    container: ContainerInfo | None  # None only for a payload validated before sealing
    village_code: str
    app_version: str
    audit_head: str
    acknowledged_through: int
    meetings: tuple[MeetingRef, ...]
    records: tuple[BundleRecord, ...]


@dataclass(frozen=True, slots=True)
class RecordResult:
    usulan: str
    status: str  # accepted | rejected
    code: str  # "" | NIK_INVALID | NIK_DUPLICATE_OTHER_VILLAGE | ALREADY_APPLIED | …
    note: str


@dataclass(frozen=True, slots=True)
class Receipt:
    container: ContainerInfo | None
    bundle_sha256: str
    status: str  # applied | held | rejected
    reason_code: str  # "" | FORK | TRAINING_BUNDLE | …
    results: tuple[RecordResult, ...]
    last_applied_sequence: int
    last_applied_sha256: str
    village_audit_head: str
    district_audit_head: str
    issued_at: str


@dataclass(frozen=True, slots=True)
class InvalidNikRow:
    nik: str  # digits only, possibly malformed: it is a list of bad numbers
    idbdt: str
    idartbdt: str
    nama: str
    tgl_lahir: str  # YYYY-MM-DD or ""
    keterangan: str


@dataclass(frozen=True, slots=True)
class InvalidNikList:
    TYPE: ClassVar[str] = "invalid_nik"
    rows: tuple[InvalidNikRow, ...]


@dataclass(frozen=True, slots=True)
class Decision:
    TYPE: ClassVar[str] = "decision"
    usulan: str
    status: str  # accepted | rejected
    code: str
    note: str


@dataclass(frozen=True, slots=True)
class DeviceRevoked:
    TYPE: ClassVar[str] = "device_revoked"
    key_id: str
    reason: str


@dataclass(frozen=True, slots=True)
class DistrictKeys:
    """New district keys (rotation); the update carrying them is signed by the old key."""

    TYPE: ClassVar[str] = "district_keys"
    signing_key: str  # base64
    encryption_key: str
    key_id: str
    valid_from: str


UpdateItem = InvalidNikList | Decision | DeviceRevoked | DistrictKeys


@dataclass(frozen=True, slots=True)
class Update:
    container: ContainerInfo | None
    village_code: str
    issued_at: str
    items: tuple[UpdateItem, ...]


def as_dict(value: object) -> dict[str, object]:
    """A payload part as its JSON object: dataclasses converted (update items get their
    ``"type"``), mappings copied."""
    if isinstance(value, Mapping):
        return dict(value)
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        raise TypeError(f"cannot convert {type(value).__name__} to a payload object")
    result: dict[str, object] = {}
    item_type = getattr(value, "TYPE", None)
    if isinstance(item_type, str):
        result["type"] = item_type
    for field in dataclasses.fields(value):
        result[field.name] = _json_value(getattr(value, field.name))
    return result


def _json_value(value: object) -> object:
    if isinstance(value, tuple | list):
        return [_json_value(v) for v in value]
    if isinstance(value, Mapping):
        return dict(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return as_dict(value)
    return value
