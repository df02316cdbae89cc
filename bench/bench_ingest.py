"""Benchmark: district ingest of village bundles against plain executemany of the same rows.

Requirement (issue 6): "District ingest of 430 village bundles of 300 records each: at most 3×
the time of inserting the same rows with plain executemany, same run, on SQLite; report
PostgreSQL too."

Setup (not timed): a district with 430 registered devices (one per village) and one sealed
bundle of 300 new-member records per village (valid, distinct NIKs).
  ingest    siksdesk.district.ingest.ingest() for every bundle: verify, decrypt, parse, check
            every record, apply, audit chain, sign + encrypt + store the receipt; one
            transaction per bundle
  raw       the driver alone (sqlite3 / psycopg), one transaction per bundle, executemany of
            the rows the ingest wrote for that bundle (bundle row with its bytes, 300
            applied_record rows with the same JSON text, 300 nik_index rows, the receipt
            bytes, the audit entry, the device update); rows prepared beforehand
Both on fresh databases of the same migrated schema with the same durability settings (SQLite
WAL + synchronous=FULL; PostgreSQL in a throwaway cluster with fsync on). The raw run copies
the rows the ingest run wrote, so both write identical data.

    .venv/bin/python bench/bench_ingest.py [--villages 430] [--records 300]
                                           [--backends sqlite,postgresql]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

from siksdesk.district.context import District, init_district
from siksdesk.district.devcluster import PgCluster, find_bindir
from siksdesk.district.devices import register_device
from siksdesk.district.ingest import ingest
from siksdesk.district.samples import SampleVillage, sample_nik
from siksdesk.sync.keys import KeyPair

LIMIT = 3.0
TABLES = ("bundle", "applied_record", "nik_index", "receipt", "audit_entry")


def make_bundles(district_keys: KeyPair, villages: int, records: int
                 ) -> tuple[list[SampleVillage], list[bytes]]:
    made, bundles = [], []
    for number in range(villages):
        village = SampleVillage(f"3522{number // 999 + 1:03d}{number % 999 + 1:03d}",
                                district_keys.identity)
        start = number * records
        bundles.append(village.next_bundle([sample_nik(start + i) for i in range(records)]))
        made.append(village)
    return made, bundles


def fresh_district(home: Path, url: str | None, keys: KeyPair,
                   villages: Sequence[SampleVillage]) -> District:
    district = init_district(home, url, district_code="3522", district_name="Bench")
    keys.save_private(home / "keys" / "district.key")  # the bundles were sealed to these keys
    district.close()
    with district.engine.begin() as conn:
        conn.execute(text("UPDATE district_info SET key_id = :k, signing_key = :s, "
                          "encryption_key = :e"),
                     {"k": keys.key_id.hex(), "s": keys.identity.signing,
                      "e": keys.identity.encryption})
    from siksdesk.district.context import open_district

    district = open_district(home, url)
    for village in villages:
        register_device(district, village.registration(), village.keys.fingerprint)
    return district


CPU: dict[str, float] = {}  # process CPU seconds per timed run (the machine may be shared)


def run_ingest(district: District, bundles: Sequence[bytes]) -> float:
    start, cpu = time.perf_counter(), time.process_time()
    for data in bundles:
        result = ingest(district, data)
        if result.outcome != "applied":
            raise SystemExit(f"bundle not applied: {result.outcome} {result.reason_code}")
    CPU["ingest"] = time.process_time() - cpu
    return time.perf_counter() - start


def written_rows(engine: Engine) -> dict[str, tuple[list[str], list[tuple[Any, ...]]]]:
    """The rows the ingest wrote, per table, grouped later by bundle id."""
    found: dict[str, tuple[list[str], list[tuple[Any, ...]]]] = {}
    with engine.connect() as conn:
        for table in TABLES:
            result = conn.execute(text(f"SELECT * FROM {table} ORDER BY 1"))
            found[table] = (list(result.keys()), [tuple(row) for row in result])
    return found


def plan(rows: dict[str, tuple[list[str], list[tuple[Any, ...]]]]
         ) -> list[list[tuple[str, list[tuple[Any, ...]]]]]:
    """Per bundle: (INSERT statement with %s or ? later, rows) for each table."""
    per_bundle: dict[int, list[tuple[str, list[tuple[Any, ...]]]]] = {}
    for table in TABLES:
        columns, table_rows = rows[table]
        key = columns.index("id") if table == "bundle" else columns.index("bundle_id")
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({{marks}})"
        groups: dict[int, list[tuple[Any, ...]]] = {}
        for row in table_rows:
            groups.setdefault(row[key], []).append(row)
        for bundle_id, group in groups.items():
            per_bundle.setdefault(bundle_id, []).append((sql.replace(
                "{marks}", ", ".join(["{m}"] * len(columns))), group))
    return [per_bundle[k] for k in sorted(per_bundle)]


def run_raw(connect: Callable[[], Any], mark: str, steps: list[list[tuple[str, list[Any]]]],
            begin: str, device_sql: str) -> float:
    conn = connect()
    try:
        cursor = conn.cursor()
        start, cpu = time.perf_counter(), time.process_time()
        for bundle_steps in steps:
            cursor.execute(begin)
            for sql, group in bundle_steps:
                cursor.executemany(sql.replace("{m}", mark), group)
            cursor.execute(device_sql)
            cursor.execute("COMMIT")
        CPU["raw"] = time.process_time() - cpu
        return time.perf_counter() - start
    finally:
        conn.close()


def empty_copy_sqlite(folder: Path, keys: KeyPair, villages: Sequence[SampleVillage]) -> Path:
    district = fresh_district(folder, None, keys, villages)
    district.close()
    return folder / "district.sqlite3"


def bench_sqlite(keys: KeyPair, villages: Sequence[SampleVillage], bundles: Sequence[bytes],
                 work: Path) -> tuple[float, float]:
    district = fresh_district(work / "ingest", None, keys, villages)
    took = run_ingest(district, bundles)
    rows = written_rows(district.engine)
    district.close()
    target = empty_copy_sqlite(work / "raw", keys, villages)

    def connect() -> sqlite3.Connection:
        conn = sqlite3.connect(target, isolation_level=None)
        for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON"):
            conn.execute(f"PRAGMA {pragma}")
        return conn

    raw = run_raw(connect, "?", plan(rows), "BEGIN IMMEDIATE",
                  "UPDATE device SET last_applied_sequence = last_applied_sequence + 1 "
                  "WHERE id = 1")
    return took, raw


def bench_postgresql(keys: KeyPair, villages: Sequence[SampleVillage],
                     bundles: Sequence[bytes], work: Path) -> tuple[float, float] | None:
    bindir = find_bindir()
    if bindir is None:
        print("postgresql: skipped (no server binaries)")
        return None
    import psycopg

    cluster = PgCluster(bindir, fsync=True).start()
    try:
        district = fresh_district(work / "pg-ingest", cluster.create_database("ingest"), keys,
                                  villages)
        took = run_ingest(district, bundles)
        rows = written_rows(district.engine)
        district.close()
        raw_url = cluster.create_database("raw")
        fresh_district(work / "pg-raw", raw_url, keys, villages).close()
        dsn = f"host=127.0.0.1 port={cluster.port} user=postgres dbname=raw"
        raw = run_raw(lambda: psycopg.connect(dsn, autocommit=True), "%s", plan(rows), "BEGIN",
                      "UPDATE device SET last_applied_sequence = last_applied_sequence + 1 "
                      "WHERE id = 1")
        return took, raw
    finally:
        cluster.stop()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--villages", type=int, default=430)
    parser.add_argument("--records", type=int, default=300)
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args(argv)
    keys = KeyPair.generate()
    start = time.perf_counter()
    villages, bundles = make_bundles(keys, args.villages, args.records)
    size = sum(len(b) for b in bundles)
    print(f"{args.villages} bundles x {args.records} records sealed in "
          f"{time.perf_counter() - start:.1f} s ({size / 1e6:.1f} MB)")
    worst = 0.0
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as folder:
        for backend in args.backends.split(","):
            work = Path(folder) / backend
            measured = (bench_sqlite(keys, villages, bundles, work) if backend == "sqlite"
                        else bench_postgresql(keys, villages, bundles, work))
            if measured is None:
                continue
            took, raw = measured
            ratio = took / raw
            worst = max(worst, ratio) if backend == "sqlite" else worst
            print(f"{backend:10s} ingest {took:6.2f} s ({took / len(bundles) * 1000:5.1f} ms/"
                  f"bundle, {len(bundles) * args.records / took:,.0f} records/s)   raw "
                  f"executemany {raw:6.2f} s   ratio {ratio:4.2f}x (limit {LIMIT}x)")
            print(f"{'':10s} CPU of this process: ingest {CPU['ingest']:.2f} s, raw "
                  f"{CPU['raw']:.2f} s (PostgreSQL's own CPU not included); load average "
                  f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print("PASS" if worst <= LIMIT else "FAIL", f"(SQLite ratio {worst:.2f}x)")
    return 0 if worst <= LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
