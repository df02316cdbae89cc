"""Write the committed sync test vectors to tests/sync/vectors/ (docs/bundle-format.md).

Every input is fixed — private keys derived from fixed labels, a fixed ephemeral key per
container, fixed times — so the output is byte-for-byte reproducible (Ed25519 signatures are
deterministic). tests/unit/test_sync_container.py rebuilds them with ``build_vectors()`` and
compares with the committed files; run this script only when the format version changes.

    .venv/bin/python scripts/make_sync_vectors.py [--out tests/sync/vectors]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from siksdesk.sync.container import Kind, container_sha256, seal
from siksdesk.sync.enrolment import make_profile, make_registration
from siksdesk.sync.keys import KeyPair
from siksdesk.sync.payloads import (
    Decision,
    InvalidNikList,
    InvalidNikRow,
    RecordResult,
    build_bundle_payload,
    build_receipt_payload,
    build_update_payload,
)

OUT = Path(__file__).resolve().parents[1] / "tests" / "sync" / "vectors"
CREATED_AT = 1_793_408_400  # 2026-10-31 08:00 WIB (01:00 UTC), an arbitrary fixed moment
MEETING = "7d3f1c2a-0b4e-4c5d-9e6f-1a2b3c4d5e6f"
USULAN = ("0f8e7d6c-5b4a-4938-8271-605f4e3d2c1b", "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d")
# A made-up NIK of the right shape; the vectors hold no real person.
NIK = "3522014107900001"


def seed(label: str) -> bytes:
    """A fixed 32-byte private key: SHA-256 of a label (documented in docs/bundle-format.md)."""
    return hashlib.sha256(f"siksdesk test vector: {label}".encode()).digest()


def parties() -> tuple[KeyPair, KeyPair]:
    """(village device, district) with fixed keys."""
    village = KeyPair.from_seeds(seed("village signing"), seed("village encryption"))
    district = KeyPair.from_seeds(seed("district signing"), seed("district encryption"))
    return village, district


def ephemeral(name: str) -> X25519PrivateKey:
    return X25519PrivateKey.from_private_bytes(seed(f"ephemeral {name}"))


def bundle_payload() -> dict[str, object]:
    meeting = {"uuid": MEETING, "kind": "musdes", "held_on": "2026-10-20",
               "place": "Balai Desa Contoh", "chair": "Kepala Desa Contoh",
               "finalised_at": "2026-10-20T14:05:00+07:00", "finalised_by": "kades",
               "decided_set_sha256": hashlib.sha256(b"decided set").hexdigest()}
    new_member: dict[str, object] = {
        "usulan": USULAN[0], "kind": "new_member", "entity": "art",
        "entity_uuid": "2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091",
        "ruta_uuid": "3c4d5e6f-7081-4923-8b4c-5d6e7f809102", "reason": "kelahiran",
        "note": "", "changes": {"nama": "Contoh Anak", "hubungan": 3},
        "meeting": MEETING, "decision_note": "disetujui", "decided_at": "2026-10-20T13:40:00+07:00",
        "niks": [{"art": "2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091", "nik": NIK}],
        "snapshot": {"ruta": {"uuid": "3c4d5e6f-7081-4923-8b4c-5d6e7f809102"}, "art": 4}}
    deactivate: dict[str, object] = {
        "usulan": USULAN[1], "kind": "deactivate", "entity": "art",
        "entity_uuid": "4d5e6f70-8192-4a34-9c5d-6e7f80910213",
        "ruta_uuid": "3c4d5e6f-7081-4923-8b4c-5d6e7f809102", "reason": "meninggal",
        "note": "", "changes": {"aktif": False}, "meeting": MEETING, "decision_note": "",
        "decided_at": "2026-10-20T13:45:00+07:00", "niks": [], "snapshot": None}
    return build_bundle_payload(village_code="3522010001", app_version="0.1.0",
                                audit_head=hashlib.sha256(b"audit").hexdigest(),
                                acknowledged_through=0, meetings=[meeting],
                                records=[new_member, deactivate])


def build_vectors() -> dict[str, bytes]:
    """File name → bytes of every vector, including the manifest ``vectors.json``."""
    village, district = parties()
    files: dict[str, bytes] = {}
    bundle = seal(Kind.BUNDLE, bundle_payload(), sender=village, recipient=district.identity,
                  sequence=1, previous=bytes(32), created_at=CREATED_AT,
                  ephemeral=ephemeral("bundle"))
    files["bundle-1.siksdesk-bundle"] = bundle
    digest = container_sha256(bundle)
    receipt = build_receipt_payload(
        bundle_sha256=digest, status="applied", issued_at="2026-10-31T09:00:00+07:00",
        last_applied_sequence=1, last_applied_sha256=digest,
        results=[RecordResult(USULAN[0], "rejected", "NIK_INVALID", ""),
                 RecordResult(USULAN[1], "accepted", "", "")],
        village_audit_head=hashlib.sha256(b"audit").hexdigest(),
        district_audit_head=hashlib.sha256(b"district audit").hexdigest())
    files["receipt-1.siksdesk-receipt"] = seal(
        Kind.RECEIPT, receipt, sender=district, recipient=village.identity, sequence=1,
        previous=digest, created_at=CREATED_AT + 60, ephemeral=ephemeral("receipt"))
    update = build_update_payload(
        village_code="3522010001", issued_at="2026-10-31T10:00:00+07:00",
        items=[InvalidNikList((InvalidNikRow(NIK, "B1", "B1-01", "Contoh Anak", "1990-07-01",
                                             "NIK tidak padan"),)),
               Decision(USULAN[1], "accepted", "", "")])
    files["update-1.siksdesk-update"] = seal(
        Kind.UPDATE, update, sender=district, recipient=village.identity, sequence=1,
        previous=bytes(32), created_at=CREATED_AT + 120, expires_at=CREATED_AT + 120 + 86_400 * 30,
        ephemeral=ephemeral("update"))
    files["district.siksdesk-profile"] = make_profile(
        district, district_code="3522", district_name="Kabupaten Contoh",
        village_code="3522010001", village_name="Desa Contoh", server_url="http://127.0.0.1:8765",
        issued_at="2026-10-01T08:00:00+07:00")
    files["village.siksdesk-device"] = make_registration(
        village, village_code="3522010001", village_name="Desa Contoh",
        device_name="Laptop Kantor Desa", created_at="2026-10-01T09:00:00+07:00")
    files["vectors.json"] = _manifest(village, district, files)
    return files


def _manifest(village: KeyPair, district: KeyPair, files: dict[str, bytes]) -> bytes:
    def party(name: str, pair: KeyPair) -> dict[str, str]:
        signing, encryption = pair.seeds()
        return {"signing_seed": signing.hex(), "encryption_seed": encryption.hex(),
                "signing_public": pair.identity.signing.hex(),
                "encryption_public": pair.identity.encryption.hex(),
                "key_id": pair.key_id.hex(), "fingerprint": pair.fingerprint,
                "seed_labels": f"SHA-256('siksdesk test vector: {name} signing'), "
                               f"SHA-256('siksdesk test vector: {name} encryption')"}
    manifest = {
        "note": "Test keys only: published, never use them for real data.",
        "village": party("village", village), "district": party("district", district),
        "ephemeral_seeds": {n: seed(f"ephemeral {n}").hex()
                            for n in ("bundle", "receipt", "update")},
        "files": {name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
                  for name, data in sorted(files.items())},
    }
    return (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode("ascii")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in build_vectors().items():
        (args.out / name).write_bytes(data)
        print(f"{name:<28} {len(data):6d} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
