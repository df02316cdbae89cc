"""Benchmark: the household checks (domain.rules.household_findings) over a 50,000-person demo
village, the current code against the plain reference it replaced.

The reference is ``reference_household_findings`` from tests/unit/test_rules_equivalence.py
(the straightforward code as it was before the speed work, which that test proves equivalent),
calling check_nik as the old code did, with the date-table prefill (new) switched off.
The facts of all households are read once from bench/out/desk-50000.sqlite3 (opened read-only;
built with ``siksdesk demo`` if missing) by services.derived.read_facts, exactly as the derived
refresh reads them. Then, per repeat and in rotating order:

  cold   the NIK/KK caches cleared first, as in the first refresh of a process (an import)
  warm   caches filled by a previous pass, as in later refreshes (edits, rebuild_all)

Both implementations must return equal findings for every household (checked once).

    .venv/bin/python bench/bench_rules.py [--repeat 3] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import importlib.util
import os
import pstats
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from siksdesk.domain import kk, nik
from siksdesk.domain.rules import household_findings
from siksdesk.services.derived import HouseholdFacts, read_facts

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
DATABASE = OUT / "desk-50000.sqlite3"
TODAY = date(2026, 11, 1)
Check = Callable[..., list[Any]]


def reference() -> Check:
    path = ROOT / "tests" / "unit" / "test_rules_equivalence.py"
    spec = importlib.util.spec_from_file_location("rules_reference", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.__dict__["reference_nik_check"] = nik.check_nik  # what the old code called
    check: Check = module.__dict__["reference_household_findings"]

    def old(*args: Any, **kwargs: Any) -> list[Any]:
        # The old check_nik decoded every date part lazily: no table prefill.
        setattr(nik, "_PREFILL_AFTER", 10**12)  # noqa: B010
        try:
            return check(*args, **kwargs)
        finally:
            setattr(nik, "_PREFILL_AFTER", prefill_after)  # noqa: B010

    prefill_after = nik._PREFILL_AFTER
    return old


def households() -> list[HouseholdFacts]:
    if not DATABASE.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "SIKSDESK_HOME": str(OUT / "desk-home")}
        subprocess.run([sys.executable, "-m", "siksdesk", "demo", "--people", "50000",
                        "--db", str(DATABASE)], env=env, check=True)
    conn = sqlite3.connect(f"file:{DATABASE}?mode=ro", uri=True)
    try:
        ids = [row[0] for row in conn.execute("SELECT id FROM ruta ORDER BY id")]
        facts = read_facts(conn.cursor(), ids)
    finally:
        conn.close()
    return [facts[i] for i in ids]


def run(check: Check, facts: list[HouseholdFacts]) -> list[list[Any]]:
    return [check(h.values, h.families, h.people, today=TODAY) for h in facts]


def clear() -> None:
    nik.clear_caches()
    kk.clear_caches()


def timed(check: Check, facts: list[HouseholdFacts], cold: bool) -> float:
    if cold:
        clear()
    else:
        run(check, facts)  # the caches as a previous refresh left them
    start = time.perf_counter()
    run(check, facts)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    facts = households()
    people = sum(len(h.people) for h in facts)
    plain, fast = reference(), household_findings
    expected, got = run(plain, facts), run(fast, facts)
    assert got == expected, "the current checks differ from the reference"
    print(f"{len(facts)} households, {people} people, "
          f"{sum(map(len, got))} findings (identical in both)")
    times: dict[tuple[str, str], list[float]] = {}
    pairs = [("reference", plain), ("current", fast)]
    for repeat in range(args.repeat):
        for mode in ("cold", "warm"):
            order = pairs if repeat % 2 == 0 else pairs[::-1]
            for name, check in order:
                times.setdefault((mode, name), []).append(timed(check, facts, mode == "cold"))
    for mode in ("cold", "warm"):
        ref, cur = min(times[(mode, "reference")]), min(times[(mode, "current")])
        print(f"  {mode}: reference {ref:6.3f} s   current {cur:6.3f} s   "
              f"speed-up {ref / cur:4.2f}x   (best of {args.repeat}; per person "
              f"{ref / people * 1e6:4.1f} -> {cur / people * 1e6:4.1f} µs)")
    if args.profile:
        clear()
        profiler = cProfile.Profile()
        profiler.runcall(run, fast, facts)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(12)


if __name__ == "__main__":
    main()
