"""Benchmark: building and storing the demo village against plain sqlite3 executemany.

Requirement (issue text): "Building and storing a 20,000-person demo village: at most 1.5x the
time of inserting the same rows with plain sqlite3.executemany in the same run."

Per repeat, in one process and on fresh databases with the schema from ``ensure_schema``:
  1. generate   generate_village(seed, people) alone (pure Python, no database)
  2. store      store_village() writing those rows (one transaction, BEGIN IMMEDIATE)
  3. raw        plain sqlite3: BEGIN IMMEDIATE, executemany of exactly the same rows (tuples
                prepared beforehand, outside the timing), same change_log rows, COMMIT; same
                pragmas (WAL, synchronous=FULL, foreign_keys=ON)
  4. end-to-end build_demo_village(ctx, ...) on a fresh database
The three database timings run in a rotating order; the store and raw databases are compared
row by row (they must be identical). Ratios are printed both as ratio of the medians and as
median of the per-run ratios (more robust on a shared machine).

    .venv/bin/python bench/bench_demo.py [--people 20000] [--repeat 3] [--seed 2026] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import pstats
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from siksdesk.app import open_app
from siksdesk.db.engine import apply_pragmas, make_engine
from siksdesk.db.migrate import ensure_schema
from siksdesk.demo import build_demo_village, generate_village
from siksdesk.demo.generator import DemoVillage
from siksdesk.demo.store import store_village
from siksdesk.paths import AppPaths

LIMIT = 1.5
STAMP = datetime(2026, 11, 1, 8, 30, 0, 123456)  # created_at/updated_at/at for store and raw
TABLES = ("village_profile", "ruta", "keluarga", "art", "change_log")


def raw_rows(village: DemoVillage) -> list[tuple[str, list[tuple[Any, ...]]]]:
    """(INSERT statement, rows as tuples) per table: the generator's rows plus the timestamps,
    and the same change_log rows as the store writes (JSON text by hand, no SQLAlchemy)."""
    stamp = STAMP.strftime("%Y-%m-%d %H:%M:%S.%f")
    profile_columns = list(village.profile)
    plan = [(_insert_sql("village_profile", profile_columns),
             [tuple(village.profile[c] for c in profile_columns)])]
    for table in (village.ruta, village.keluarga, village.art):
        columns = [*table.columns, "created_at", "updated_at"]
        plan.append((_insert_sql(table.name, columns),
                     [(*row, stamp, stamp) for row in table.rows]))
    after = json.dumps({"source": "demo", "seed": village.seed})
    log_columns = ["entity_uuid", "ruta_uuid", "at", "author", "action", "entity", "before",
                   "after"]
    uuid_at = village.ruta.index("uuid")
    log = [(r[uuid_at], r[uuid_at], stamp, "demo", "insert", "ruta", "null", after)
           for r in village.ruta.rows]
    plan.append((_insert_sql("change_log", log_columns), log))
    return plan


def _insert_sql(table: str, columns: list[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def time_raw(db: Path, plan: list[tuple[str, list[tuple[Any, ...]]]]) -> float:
    conn = sqlite3.connect(db, isolation_level=None)
    apply_pragmas(conn)
    try:
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        for sql, rows in plan:
            conn.executemany(sql, rows)
        conn.execute("COMMIT")
        return time.perf_counter() - start
    finally:
        conn.close()


def time_store(db: Path, village: DemoVillage) -> float:
    engine = make_engine(db)
    try:
        with engine.connect():
            pass  # open the pooled connection (and set pragmas) outside the timing, like raw
        start = time.perf_counter()
        store_village(engine, village, now=STAMP)
        return time.perf_counter() - start
    finally:
        engine.dispose()


def time_end_to_end(home: Path, people: int, seed: int) -> float:
    ctx = open_app(AppPaths(home))
    try:
        with ctx.engine.connect():
            pass
        start = time.perf_counter()
        build_demo_village(ctx, people=people, seed=seed)
        return time.perf_counter() - start
    finally:
        ctx.close()


def same_content(a: Path, b: Path) -> bool:
    with sqlite3.connect(a) as ca, sqlite3.connect(b) as cb:
        for table in TABLES:
            sql = f"SELECT * FROM {table} ORDER BY id"
            if ca.execute(sql).fetchall() != cb.execute(sql).fetchall():
                print(f"  content differs in {table}")
                return False
    return True


def fresh_db(folder: Path, name: str) -> Path:
    db = folder / f"{name}.sqlite3"
    ensure_schema(db, folder / "backups")
    return db


def run_once(index: int, people: int, seed: int, check: bool) -> dict[str, float]:
    """One repeat. The three database timings run in a rotating order, so that a slow phase
    of a shared machine does not always hit the same one."""
    with tempfile.TemporaryDirectory(prefix="bench-demo-") as tmp:
        folder = Path(tmp)
        gc.collect()
        start = time.perf_counter()
        village = generate_village(seed, people)
        times = {"generate": time.perf_counter() - start}
        plan = raw_rows(village)
        store_db, raw_db = fresh_db(folder, "store"), fresh_db(folder, "raw")
        phases: dict[str, Callable[[], float]] = {
            "store": lambda: time_store(store_db, village),
            "raw": lambda: time_raw(raw_db, plan),
            "end_to_end": lambda: time_end_to_end(folder / "e2e", people, seed),
        }
        names = list(phases)
        for name in names[index % 3:] + names[: index % 3]:
            gc.collect()
            times[name] = phases[name]()
        if check and not same_content(store_db, raw_db):
            sys.exit("store and raw databases differ: the comparison would be unfair")
    return {key: times[key] for key in ("generate", "store", "raw", "end_to_end")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--profile", action="store_true", help="profile one store run")
    args = parser.parse_args(argv)

    generate_village(args.seed, 50)  # warm-up: imports, region table, name lists
    if args.profile:
        with tempfile.TemporaryDirectory() as tmp:
            village = generate_village(args.seed, args.people)
            db = fresh_db(Path(tmp), "p")
            cProfile.runctx("time_store(db, village)", globals(), {"db": db, "village": village},
                            str(Path(tmp) / "prof"))
            pstats.Stats(str(Path(tmp) / "prof")).sort_stats("cumulative").print_stats(20)
        return 0

    runs = []
    for index in range(args.repeat):
        run = run_once(index, args.people, args.seed, check=index == 0)
        runs.append(run)
        print(f"run {index + 1}: " + "  ".join(f"{k} {v * 1000:7.1f} ms" for k, v in run.items()))
    med = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    village = generate_village(args.seed, args.people)
    print(f"\npeople {len(village.art)}, households {len(village.ruta)}, families "
          f"{len(village.keluarga)}; median of {args.repeat} runs; store and raw databases "
          "identical: yes")
    for key, value in med.items():
        print(f"  {key:<11} {value * 1000:8.1f} ms")
    formulas: dict[str, Callable[[dict[str, float]], float]] = {
        "store / raw": lambda r: r["store"] / r["raw"],
        "(generate + store) / raw": lambda r: (r["generate"] + r["store"]) / r["raw"],
        "end-to-end / raw": lambda r: r["end_to_end"] / r["raw"],
    }
    print(f"  {'ratio':<25} {'of medians':>10} {'median of runs':>15}   (limit {LIMIT})")
    for name, formula in formulas.items():
        of_medians = formula(med)
        per_run = statistics.median(formula(r) for r in runs)
        verdict = "OK" if max(of_medians, per_run) <= LIMIT else (
            "OK (one measure)" if min(of_medians, per_run) <= LIMIT else f"OVER {LIMIT}")
        print(f"  {name:<25} {of_medians:10.2f} {per_run:15.2f}   {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
