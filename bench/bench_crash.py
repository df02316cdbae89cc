"""Benchmark: the kill -9 crash loop (issue 7, "crash proof") — at least 500 SIGKILLs of a
process that is editing households, importing BNBA files and exporting, each at a random moment;
after every kill ``PRAGMA integrity_check`` must say ok, every change reported SAVED must be in
the database (and in the change log), and no import may be half there.

The harness lives in tests/crash/ (the test suite runs 20 kills of it). Baseline for the time
figures, measured in the same run: one ``integrity_check`` of the same database.

    .venv/bin/python bench/bench_crash.py [--kills 500] [--max-delay 0.4] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.crash.harness import crash_loop  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=500)
    parser.add_argument("--max-delay", type=float, default=0.4,
                        help="seconds after READY within which the kill falls (uniform)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-crash-") as folder:
        start = time.perf_counter()
        ledger = crash_loop(Path(folder) / "village", args.kills, max_delay=args.max_delay,
                            seed=args.seed)
        elapsed = time.perf_counter() - start
        database = Path(folder) / "village" / "siksdesk.sqlite3"
        check_start = time.perf_counter()
        with closing(sqlite3.connect(database)) as conn:
            conn.execute("PRAGMA integrity_check").fetchone()
            households = conn.execute("SELECT count(*) FROM ruta").fetchone()[0]
        check_s = time.perf_counter() - check_start
    summary = ledger.summary()
    print(json.dumps(summary, indent=1))
    print(f"kills survived: {ledger.kills - ledger.integrity_failures}/{ledger.kills}; "
          f"integrity failures: {ledger.integrity_failures}; saved changes lost: "
          f"{len(ledger.lost)}; half-written: {len(ledger.half_written)}")
    saved = len(ledger.edits) + len(ledger.imports) + ledger.exports
    print(f"saved changes checked: {saved} ({saved / max(ledger.kills, 1):.1f} per kill); "
          f"village grew to {households} households")
    print(f"time: {elapsed:.1f} s for {ledger.kills} kills = {elapsed / ledger.kills:.3f} s per "
          f"kill; one integrity_check of the final database {check_s * 1000:.1f} ms "
          f"(kill round / integrity_check = {elapsed / ledger.kills / check_s:.0f}x)")
    for line in (ledger.lost + ledger.half_written + ledger.early_exits)[:20]:
        print("  PROBLEM:", line)
    failed = ledger.integrity_failures or ledger.lost or ledger.half_written or ledger.early_exits
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
