"""The JSON payloads inside containers: bundle, receipt and update.

``build_*_payload`` returns the dict handed to ``container.seal`` (which adds ``"container"``);
``parse_*`` takes the dict returned by ``container.open_verified`` and returns typed frozen
dataclasses, after strict validation: exact key sets, types, string lengths, list lengths, UUID
and NIK shapes. A ``PayloadError`` names the field path (``records[12].niks[0].nik``) but never
the value. Item and row classes live in ``payload_types``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Final

from siksdesk.sync.errors import PayloadError
from siksdesk.sync.keys import PublicIdentity
from siksdesk.sync.payload_check import Obj, check_json
from siksdesk.sync.payload_types import (
    AUDIT_HEAD,
    CODE,
    HEX32,
    HEX64,
    Bundle,
    BundleRecord,
    ContainerInfo,
    Decision,
    DeviceRevoked,
    DistrictKeys,
    InvalidNikList,
    InvalidNikRow,
    MeetingRef,
    NikEntry,
    Receipt,
    RecordResult,
    Update,
    UpdateItem,
    as_dict,
)

__all__ = [
    "BUNDLE_FORMAT",
    "MAX_ITEMS",
    "MAX_RECORDS",
    "RECEIPT_FORMAT",
    "UPDATE_FORMAT",
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
    "build_bundle_payload",
    "build_receipt_payload",
    "build_update_payload",
    "parse_bundle",
    "parse_receipt",
    "parse_update",
]

BUNDLE_FORMAT: Final = "siksdesk-bundle"
RECEIPT_FORMAT: Final = "siksdesk-receipt"
UPDATE_FORMAT: Final = "siksdesk-update"
VERSION: Final = 1
MAX_RECORDS: Final = 200_000
MAX_MEETINGS: Final = 10_000
MAX_NIKS: Final = 1_000
MAX_ITEMS: Final = 10_000
NOTE: Final = 4_000
SHORT: Final = 200
RECORD_KINDS: Final = frozenset({"new", "new_member", "correction", "deactivate", "replacement"})
ENTITIES: Final = frozenset({"ruta", "keluarga", "art"})
MEETING_KINDS: Final = frozenset({"musdes", "sptjm"})
RECEIPT_STATUSES: Final = frozenset({"applied", "held", "rejected"})
RESULT_STATUSES: Final = frozenset({"accepted", "rejected"})
NEEDS_SNAPSHOT: Final = frozenset({"new", "new_member"})

_TOP = {"format", "version", "container"}
_BUNDLE_KEYS = frozenset(_TOP | {"village_code", "app_version", "audit_head",
                                 "acknowledged_through", "meetings", "records"})
_RECEIPT_KEYS = frozenset(_TOP | {"bundle_sha256", "status", "reason_code", "results",
                                  "last_applied_sequence", "last_applied_sha256",
                                  "village_audit_head", "district_audit_head", "issued_at"})
_UPDATE_KEYS = frozenset(_TOP | {"village_code", "issued_at", "items"})
_CONTAINER_KEYS = frozenset({"kind", "sender", "recipient", "sequence", "previous", "created_at",
                             "expires_at", "training"})
_MEETING_KEYS = frozenset({"uuid", "kind", "held_on", "place", "chair", "finalised_at",
                           "finalised_by", "decided_set_sha256"})
_RECORD_KEYS = frozenset({"usulan", "kind", "entity", "entity_uuid", "ruta_uuid", "reason",
                          "note", "changes", "meeting", "decision_note", "decided_at", "niks",
                          "snapshot"})
_NIK_KEYS = frozenset({"art", "nik"})
_RESULT_KEYS = frozenset({"usulan", "status", "code", "note"})
_ROW_KEYS = frozenset({"nik", "idbdt", "idartbdt", "nama", "tgl_lahir", "keterangan"})
_ITEM_KEYS: Final[Mapping[str, frozenset[str]]] = {
    "invalid_nik": frozenset({"type", "rows"}),
    "decision": frozenset({"type", "usulan", "status", "code", "note"}),
    "device_revoked": frozenset({"type", "key_id", "reason"}),
    "district_keys": frozenset({"type", "signing_key", "encryption_key", "key_id",
                                "valid_from"}),
}
VILLAGE_RE: Final = re.compile(r"[0-9]{10}", re.ASCII)
ROW_NIK_RE: Final = re.compile(r"[0-9]{0,20}", re.ASCII)  # an invalid-NIK list names bad ones
HEX32_RE: Final = re.compile(HEX32, re.ASCII)
HEX64_RE: Final = re.compile(HEX64, re.ASCII)
CODE_RE: Final = re.compile(CODE, re.ASCII)
AUDIT_RE: Final = re.compile(AUDIT_HEAD, re.ASCII)


# --- bundle ---------------------------------------------------------------------------------

def build_bundle_payload(*, village_code: str, app_version: str, audit_head: str = "",
                         acknowledged_through: int = 0,
                         meetings: Iterable[MeetingRef | Mapping[str, object]] = (),
                         records: Iterable[BundleRecord | Mapping[str, object]] = (),
                         validate: bool = True) -> dict[str, object]:
    """The bundle payload (without ``"container"``). Records and meetings may be dataclasses or
    plain dicts of the same shape. With ``validate`` (default) it is checked exactly like the
    district will check it, so a bad bundle is refused before it is sealed."""
    payload: dict[str, object] = {
        "format": BUNDLE_FORMAT, "version": VERSION, "village_code": village_code,
        "app_version": app_version, "audit_head": audit_head,
        "acknowledged_through": acknowledged_through,
        "meetings": [as_dict(m) for m in meetings],
        "records": [as_dict(r) for r in records],
    }
    if validate:
        _bundle_body(Obj(payload, "", _BUNDLE_KEYS - {"container"}))
    return payload


def parse_bundle(payload: Mapping[str, object]) -> Bundle:
    """Validate an opened bundle payload. PayloadError naming the field on any problem."""
    obj = _top(payload, _BUNDLE_KEYS, BUNDLE_FORMAT)
    return _bundle_body(obj, _container(obj, "bundle"))


def _bundle_body(obj: Obj, container: ContainerInfo | None = None) -> Bundle:
    meetings = tuple(_meeting(Obj(item, path, _MEETING_KEYS))
                     for path, item in obj.items("meetings", MAX_MEETINGS))
    known = {m.uuid for m in meetings}
    if len(known) != len(meetings):
        raise PayloadError("DUPLICATE", field="meetings[].uuid")
    records = tuple(_record(Obj(item, path, _RECORD_KEYS), known)
                    for path, item in obj.items("records", MAX_RECORDS))
    if len({r.usulan for r in records}) != len(records):
        raise PayloadError("DUPLICATE", field="records[].usulan")
    return Bundle(container=container, village_code=obj.text("village_code", 10, VILLAGE_RE),
                  app_version=obj.text("app_version", 40), audit_head=obj.text(
                      "audit_head", 128, AUDIT_RE),
                  acknowledged_through=obj.number("acknowledged_through"),
                  meetings=meetings, records=records)


def _meeting(obj: Obj) -> MeetingRef:
    return MeetingRef(
        uuid=obj.uuid("uuid"), kind=obj.choice("kind", MEETING_KINDS),
        held_on=obj.date("held_on"), place=obj.text("place", SHORT),
        chair=obj.text("chair", SHORT), finalised_at=obj.moment("finalised_at"),
        finalised_by=obj.text("finalised_by", SHORT),
        decided_set_sha256=obj.text("decided_set_sha256", 64, HEX64_RE))


def _record(obj: Obj, meetings: set[str]) -> BundleRecord:
    kind = obj.choice("kind", RECORD_KINDS)
    meeting = obj.uuid("meeting")
    if meeting not in meetings:
        raise PayloadError("BAD_VALUE", field=obj.field("meeting"))
    raw_snapshot = obj.value("snapshot")
    snapshot = None
    if raw_snapshot is not None or kind in NEEDS_SNAPSHOT:
        snapshot = check_json(raw_snapshot, obj.field("snapshot"))
    niks = tuple(NikEntry(art=n.uuid("art"), nik=n.nik("nik"))
                 for n in (Obj(item, path, _NIK_KEYS)
                           for path, item in obj.items("niks", MAX_NIKS)))
    return BundleRecord(
        usulan=obj.uuid("usulan"), kind=kind,
        entity=obj.choice("entity", ENTITIES), entity_uuid=obj.uuid("entity_uuid"),
        ruta_uuid=obj.uuid("ruta_uuid"), reason=obj.text("reason", SHORT),
        note=obj.text("note", NOTE),
        changes=check_json(obj.value("changes"), obj.field("changes")),
        meeting=meeting, decision_note=obj.text("decision_note", NOTE),
        decided_at=obj.moment("decided_at"), niks=niks,
        snapshot=snapshot)


# --- receipt --------------------------------------------------------------------------------

def build_receipt_payload(*, bundle_sha256: bytes | str, status: str, issued_at: str,
                          last_applied_sequence: int, last_applied_sha256: bytes | str,
                          results: Iterable[RecordResult | Mapping[str, object]] = (),
                          reason_code: str = "", village_audit_head: str = "",
                          district_audit_head: str = "",
                          validate: bool = True) -> dict[str, object]:
    """The receipt payload (without ``"container"``). Hashes may be bytes or hex."""
    payload: dict[str, object] = {
        "format": RECEIPT_FORMAT, "version": VERSION, "bundle_sha256": _hex(bundle_sha256),
        "status": status, "reason_code": reason_code,
        "results": [as_dict(r) for r in results],
        "last_applied_sequence": last_applied_sequence,
        "last_applied_sha256": _hex(last_applied_sha256),
        "village_audit_head": village_audit_head, "district_audit_head": district_audit_head,
        "issued_at": issued_at,
    }
    if validate:
        _receipt_body(Obj(payload, "", _RECEIPT_KEYS - {"container"}))
    return payload


def parse_receipt(payload: Mapping[str, object]) -> Receipt:
    """Validate an opened receipt payload."""
    obj = _top(payload, _RECEIPT_KEYS, RECEIPT_FORMAT)
    return _receipt_body(obj, _container(obj, "receipt"))


def _receipt_body(obj: Obj, container: ContainerInfo | None = None) -> Receipt:
    results = tuple(_result(Obj(item, path, _RESULT_KEYS))
                    for path, item in obj.items("results", MAX_RECORDS))
    return Receipt(
        container=container, bundle_sha256=obj.text("bundle_sha256", 64, HEX64_RE),
        status=obj.choice("status", RECEIPT_STATUSES),
        reason_code=obj.text("reason_code", 64, CODE_RE), results=results,
        last_applied_sequence=obj.number("last_applied_sequence"),
        last_applied_sha256=obj.text("last_applied_sha256", 64, HEX64_RE),
        village_audit_head=obj.text("village_audit_head", 128, AUDIT_RE),
        district_audit_head=obj.text("district_audit_head", 128, AUDIT_RE),
        issued_at=obj.moment("issued_at"))


def _result(obj: Obj) -> RecordResult:
    return RecordResult(usulan=obj.uuid("usulan"),
                        status=obj.choice("status", RESULT_STATUSES),
                        code=obj.text("code", 64, CODE_RE), note=obj.text("note", NOTE))


# --- update ---------------------------------------------------------------------------------

def build_update_payload(*, village_code: str, issued_at: str, items: Sequence[UpdateItem],
                         validate: bool = True) -> dict[str, object]:
    """The update payload (without ``"container"``)."""
    payload: dict[str, object] = {
        "format": UPDATE_FORMAT, "version": VERSION, "village_code": village_code,
        "issued_at": issued_at, "items": [as_dict(item) for item in items],
    }
    if validate:
        _update_body(Obj(payload, "", _UPDATE_KEYS - {"container"}))
    return payload


def parse_update(payload: Mapping[str, object]) -> Update:
    """Validate an opened update payload; an unknown item ``"type"`` is refused."""
    obj = _top(payload, _UPDATE_KEYS, UPDATE_FORMAT)
    return _update_body(obj, _container(obj, "update"))


def _update_body(obj: Obj, container: ContainerInfo | None = None) -> Update:
    items = tuple(_item(item, path) for path, item in obj.items("items", MAX_ITEMS))
    return Update(container=container,
                  village_code=obj.text("village_code", 10, VILLAGE_RE),
                  issued_at=obj.moment("issued_at"), items=items)


def _item(value: object, path: str) -> UpdateItem:
    kind = value.get("type") if isinstance(value, dict) else None
    if not isinstance(kind, str) or kind not in _ITEM_KEYS:
        if not isinstance(value, dict):
            raise PayloadError("BAD_TYPE", field=path, expected="object")
        raise PayloadError("UNKNOWN_TYPE", field=f"{path}.type")
    obj = Obj(value, path, _ITEM_KEYS[kind])
    if kind == "invalid_nik":
        return InvalidNikList(rows=tuple(_row(Obj(row, p, _ROW_KEYS))
                                         for p, row in obj.items("rows", MAX_RECORDS)))
    if kind == "decision":
        return Decision(usulan=obj.uuid("usulan"),
                        status=obj.choice("status", RESULT_STATUSES),
                        code=obj.text("code", 64, CODE_RE), note=obj.text("note", NOTE))
    if kind == "device_revoked":
        return DeviceRevoked(key_id=obj.text("key_id", 32, HEX32_RE),
                             reason=obj.text("reason", SHORT))
    return _district_keys(obj)


def _row(obj: Obj) -> InvalidNikRow:
    return InvalidNikRow(
        nik=obj.text("nik", 20, ROW_NIK_RE), idbdt=obj.text("idbdt", 64),
        idartbdt=obj.text("idartbdt", 64), nama=obj.text("nama", SHORT),
        tgl_lahir=obj.date("tgl_lahir", optional=True),
        keterangan=obj.text("keterangan", NOTE))


def _district_keys(obj: Obj) -> DistrictKeys:
    item = DistrictKeys(signing_key=obj.text("signing_key", 44),
                        encryption_key=obj.text("encryption_key", 44),
                        key_id=obj.text("key_id", 32, HEX32_RE),
                        valid_from=obj.moment("valid_from"))
    try:
        identity = PublicIdentity.from_b64(item.signing_key, item.encryption_key)
    except ValueError as exc:
        raise PayloadError("BAD_VALUE", field=obj.field("signing_key")) from exc
    if identity.key_id.hex() != item.key_id:
        raise PayloadError("BAD_VALUE", field=obj.field("key_id"))
    return item


# --- shared ---------------------------------------------------------------------------------

def _hex(value: bytes | str) -> str:
    return value.hex() if isinstance(value, bytes) else value


def _top(payload: Mapping[str, object], keys: frozenset[str], expected: str) -> Obj:
    if not isinstance(payload, Mapping) or payload.get("format") != expected:
        raise PayloadError("BAD_FORMAT", expected=expected)
    version = payload.get("version")
    if type(version) is not int or version != VERSION:
        raise PayloadError("BAD_VERSION", version=str(version)[:20])
    return Obj(payload, "", keys)


def _container(obj: Obj, kind: str) -> ContainerInfo:
    inner = Obj(obj.value("container"), "container", _CONTAINER_KEYS)
    if inner.text("kind", 8) != kind:
        raise PayloadError("BAD_VALUE", field="container.kind")
    return ContainerInfo(
        kind=kind, sender=inner.text("sender", 32, HEX32_RE),
        recipient=inner.text("recipient", 32, HEX32_RE), sequence=inner.number("sequence"),
        previous=inner.text("previous", 64, HEX64_RE), created_at=inner.number("created_at"),
        expires_at=inner.number("expires_at"), training=inner.flag("training"))
