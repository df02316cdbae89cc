"""Synthetic village bundles for the district's tests and benchmarks (no real data).

Built directly with ``siksdesk.sync.container.seal`` and ``payloads.build_bundle_payload``: the
village outbox is not needed to exercise the receiver."""

from __future__ import annotations

import hashlib
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from siksdesk.sync.container import Kind, container_sha256, seal
from siksdesk.sync.enrolment import make_registration
from siksdesk.sync.keys import KeyPair, PublicIdentity
from siksdesk.sync.payloads import build_bundle_payload

__all__ = ["SampleVillage", "sample_nik", "sample_records"]

CREATED_AT = 1_790_000_000


def sample_nik(index: int, district: str = "3522") -> str:
    """A NIK that ``check_nik`` finds valid, distinct for every ``index`` < 9 million."""
    serial = index % 999 + 1
    rest = index // 999
    day, rest = rest % 28 + 1, rest // 28
    month, rest = rest % 12 + 1, rest // 12
    kecamatan = rest % 28 + 1
    year = 50 + (rest // 28) % 50
    return f"{district}{kecamatan:02d}{day:02d}{month:02d}{year:02d}{serial:04d}"


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _meeting(rng: random.Random) -> dict[str, object]:
    return {"uuid": _uuid(rng), "kind": "musdes", "held_on": "2026-10-01",
            "place": "Balai Desa", "chair": "Kepala Desa", "finalised_at": "2026-10-01T10:00:00",
            "finalised_by": "kades", "decided_set_sha256": hashlib.sha256(b"set").hexdigest()}


def sample_records(rng: random.Random, meeting: str, niks: Sequence[str],
                   kind: str = "new_member") -> list[dict[str, object]]:
    """One record per NIK: a new member (ART) with a small household snapshot."""
    records: list[dict[str, object]] = []
    for nik in niks:
        art, ruta = _uuid(rng), _uuid(rng)
        records.append({
            "usulan": _uuid(rng), "kind": kind, "entity": "art", "entity_uuid": art,
            "ruta_uuid": ruta, "reason": "", "note": "", "changes": {"hubungan": 3},
            "meeting": meeting, "decision_note": "disetujui", "decided_at": "2026-10-01T10:00:00",
            "niks": [{"art": art, "nik": nik}],
            "snapshot": {"ruta": ruta, "art": [{"uuid": art, "nama": "Warga Contoh",
                                                "nik": nik, "hubungan": 3}]},
        })
    return records


@dataclass
class SampleVillage:
    """One village laptop: its keys, its registration file and the chain of bundles it seals."""

    village_code: str
    district: PublicIdentity
    training: bool = False
    keys: KeyPair = field(default_factory=KeyPair.generate)
    sequence: int = 0
    last_sha: bytes = bytes(32)
    rng: random.Random = field(init=False)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.keys.key_id)  # distinct uuids for every laptop

    def registration(self, device_name: str = "Laptop kantor desa") -> bytes:
        return make_registration(self.keys, village_code=self.village_code,
                                 village_name=f"Desa {self.village_code[-3:]}",
                                 device_name=device_name,
                                 created_at=datetime(2026, 10, 1, tzinfo=UTC),
                                 training=self.training)

    def payload(self, records: Sequence[dict[str, object]] | None = None,
                niks: Sequence[str] = ()) -> dict[str, object]:
        meeting = _meeting(self.rng)
        if records is None:
            records = sample_records(self.rng, str(meeting["uuid"]), niks)
        else:
            records = [{**r, "meeting": meeting["uuid"]} for r in records]
        return build_bundle_payload(village_code=self.village_code, app_version="0.1.0",
                                    meetings=[meeting], records=records)

    def seal(self, payload: dict[str, object], *, sequence: int | None = None,
             previous: bytes | None = None, training: bool | None = None,
             signer: KeyPair | None = None, recipient: PublicIdentity | None = None) -> bytes:
        """Seal ``payload`` as the next bundle (or at an explicit ``sequence``/``previous``)
        and advance the chain when sealed at the next number."""
        seq = self.sequence + 1 if sequence is None else sequence
        prev = self.last_sha if previous is None else previous
        data = seal(Kind.BUNDLE, payload, sender=signer or self.keys,
                    recipient=recipient or self.district, sequence=seq, previous=prev,
                    created_at=CREATED_AT + seq,
                    training=self.training if training is None else training)
        if sequence is None and previous is None:
            self.sequence, self.last_sha = seq, container_sha256(data)
        return data

    def next_bundle(self, niks: Sequence[str] = (), **kwargs: object) -> bytes:
        return self.seal(self.payload(niks=niks), **kwargs)  # type: ignore[arg-type]
