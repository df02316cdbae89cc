"""Benchmark: sealing a bundle of changed records against serialising + compressing them.

Requirement (issue 6): "Sealing a bundle of 10,000 changed records: at most 1.5x the time of
serialising and compressing the same records without any cryptography, same run."

Per repeat, in one process, on the same payload dict (10,000 realistic bundle records, a
household snapshot on ≈20 % of them):
  1. baseline   canonical JSON (sorted keys, compact, UTF-8) + zlib level 6, no cryptography
  2. seal       container.seal: the same + padding, X25519/HKDF, ChaCha20-Poly1305, Ed25519
  3. open       container.verify + open_verified (signature, decrypt, bounded inflate, JSON)
  4. parse      payloads.parse_bundle on the opened payload (strict validation; information)
The phases run in a rotating order. Ratios are printed as ratio of the medians and as median
of the per-run ratios (more robust on a shared machine).

    .venv/bin/python bench/bench_seal.py [--records 10000] [--repeat 5] [--seed 2026]
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
import uuid
import zlib
from collections.abc import Callable

from siksdesk.sync.container import (
    Kind,
    SenderStatus,
    canonical_json,
    open_verified,
    seal,
    verify,
)
from siksdesk.sync.keys import KeyPair
from siksdesk.sync.payloads import build_bundle_payload, parse_bundle

LIMIT = 1.5
NAMES = ("Siti", "Budi", "Sri", "Agus", "Dewi", "Joko", "Wati", "Slamet", "Yanti", "Eko",
         "Rina", "Bambang", "Nur", "Hadi", "Lestari", "Supriyadi", "Aminah", "Darmo")
REASONS = ("pindah", "meninggal", "kelahiran", "perbaikan data", "salah ketik", "menikah")


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _nik(rng: random.Random) -> str:
    return f"352201{rng.randint(1, 71):02d}{rng.randint(1, 12):02d}{rng.randint(50, 99):02d}" \
           f"{rng.randint(1, 9999):04d}"


def _member(rng: random.Random, ruta: str) -> dict[str, object]:
    return {"uuid": _uuid(rng), "ruta_uuid": ruta, "nik": _nik(rng),
            "nama": f"{rng.choice(NAMES)} {rng.choice(NAMES)}", "jenis_kelamin": rng.randint(1, 2),
            "tanggal_lahir": f"{rng.randint(1940, 2024)}-{rng.randint(1, 12):02d}-"
                             f"{rng.randint(1, 28):02d}",
            "hubungan": rng.randint(1, 8), "status_kawin": rng.randint(1, 4),
            "pendidikan": rng.randint(1, 10), "pekerjaan": rng.randint(1, 20),
            "disabilitas": rng.random() < 0.05, "aktif": True}


def _snapshot(rng: random.Random, ruta: str) -> dict[str, object]:
    return {"ruta": {"uuid": ruta, "alamat": f"RT {rng.randint(1, 20):02d} RW "
                                             f"{rng.randint(1, 9):02d} Dusun {rng.choice(NAMES)}",
                     "luas_lantai": rng.randint(12, 120), "jenis_lantai": rng.randint(1, 9),
                     "sumber_air": rng.randint(1, 9), "penerangan": rng.randint(1, 4),
                     "aset": {"motor": rng.randint(0, 2), "kulkas": rng.random() < 0.3}},
            "keluarga": [{"uuid": _uuid(rng), "no_kk": _nik(rng)}],
            "art": [_member(rng, ruta) for _ in range(rng.randint(2, 6))]}


def make_records(count: int, seed: int, meeting: str) -> list[dict[str, object]]:
    rng = random.Random(seed)
    records: list[dict[str, object]] = []
    for _ in range(count):
        kind = rng.choices(("new_member", "new", "correction", "deactivate"), (12, 8, 60, 20))[0]
        ruta, art = _uuid(rng), _uuid(rng)
        changes: dict[str, object] = (
            {"aktif": False} if kind == "deactivate" else
            {"nama": {"old": rng.choice(NAMES), "new": rng.choice(NAMES)},
             "pekerjaan": {"old": rng.randint(1, 20), "new": rng.randint(1, 20)}})
        records.append({
            "usulan": _uuid(rng), "kind": kind, "entity": "art", "entity_uuid": art,
            "ruta_uuid": ruta, "reason": rng.choice(REASONS), "note": "",
            "changes": changes, "meeting": meeting,
            "decision_note": rng.choice(("", "disetujui musyawarah")),
            "decided_at": f"2026-10-20T{rng.randint(9, 15):02d}:{rng.randint(0, 59):02d}:00+07:00",
            "niks": [{"art": art, "nik": _nik(rng)}] if kind != "deactivate" else [],
            "snapshot": _snapshot(rng, ruta) if kind in {"new", "new_member"} else None,
        })
    return records


def run_once(index: int, payload: dict[str, object], village: KeyPair,
             district: KeyPair) -> dict[str, float]:
    sealed: list[bytes] = []
    opened: list[dict[str, object]] = []

    def baseline() -> None:
        zlib.compress(canonical_json(payload), 6)

    def do_seal() -> None:
        sealed.append(seal(Kind.BUNDLE, payload, sender=village, recipient=district.identity,
                           sequence=index + 1, previous=bytes(32), created_at=1_793_408_400))

    def do_open() -> None:
        verified = verify(sealed[-1], expected_kind=Kind.BUNDLE,
                          recipient_key_id=district.key_id,
                          sender_lookup=lambda _: SenderStatus(village.identity))
        opened.append(open_verified(verified, district))

    def do_parse() -> None:
        parse_bundle(opened[-1])

    phases: dict[str, Callable[[], None]] = {"baseline": baseline, "seal": do_seal}
    times: dict[str, float] = {}
    names = list(phases)
    for name in names[index % 2:] + names[: index % 2]:
        gc.collect()
        start = time.perf_counter()
        phases[name]()
        times[name] = time.perf_counter() - start
    for name, phase in (("open", do_open), ("parse", do_parse)):  # they need the sealed bytes
        gc.collect()
        start = time.perf_counter()
        phase()
        times[name] = time.perf_counter() - start
    times["size"] = len(sealed[-1])
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)

    meeting = {"uuid": str(uuid.UUID(int=args.seed, version=4)), "kind": "musdes",
               "held_on": "2026-10-20", "place": "Balai Desa", "chair": "Kepala Desa",
               "finalised_at": "2026-10-20T16:00:00+07:00", "finalised_by": "kades",
               "decided_set_sha256": "ab" * 32}
    records = make_records(args.records, args.seed, str(meeting["uuid"]))
    start = time.perf_counter()
    payload = build_bundle_payload(village_code="3522010001", app_version="0.1.0",
                                   audit_head="cd" * 32, meetings=[meeting], records=records)
    build = time.perf_counter() - start
    village, district = KeyPair.generate(), KeyPair.generate()
    run_once(0, payload, village, district)  # warm-up
    runs = []
    for index in range(args.repeat):
        run = run_once(index, payload, village, district)
        runs.append(run)
        print(f"run {index + 1}: " + "  ".join(f"{k} {v * 1000:7.1f} ms" for k, v in run.items()
                                              if k != "size"))
    med = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    json_size = len(canonical_json(payload))
    snapshots = sum(1 for r in records if r["snapshot"] is not None)
    print(f"\nrecords {len(records)} ({snapshots} with a household snapshot); canonical JSON "
          f"{json_size / 1e6:.2f} MB; sealed {med['size'] / 1e6:.2f} MB; median of "
          f"{args.repeat} runs; build_bundle_payload with validation {build * 1000:.1f} ms")
    for key in ("baseline", "seal", "open", "parse"):
        print(f"  {key:<9} {med[key] * 1000:8.1f} ms")
    formulas: dict[str, Callable[[dict[str, float]], float]] = {
        "seal / baseline": lambda r: r["seal"] / r["baseline"],
        "open / baseline": lambda r: r["open"] / r["baseline"],
    }
    print(f"  {'ratio':<18} {'of medians':>10} {'median of runs':>15}   (limit {LIMIT} for seal)")
    for name, formula in formulas.items():
        of_medians = formula(med)
        per_run = statistics.median(formula(r) for r in runs)
        verdict = "OK" if max(of_medians, per_run) <= LIMIT else (
            "OK (one measure)" if min(of_medians, per_run) <= LIMIT else f"OVER {LIMIT}")
        print(f"  {name:<18} {of_medians:10.2f} {per_run:15.2f}   "
              f"{verdict if name.startswith('seal') else '(information)'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
