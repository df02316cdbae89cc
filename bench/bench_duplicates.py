"""Benchmark: the duplicate finder ("Kemungkinan ganda") on the 50,000-person demo village.

    .venv/bin/python bench/bench_duplicates.py [--people 50000] [--sample 400] [--rebuild]

The village is the one bench_desk.py builds and caches (bench/out/desk-50000.sqlite3); it is
only read. In one process, in this order:
  1. finder (cold)  find_duplicates() in a fresh process: name caches empty; time per phase,
                    pairs compared vs n²/2, candidates, score histogram, progress reports,
                    peak RSS (ru_maxrss: nothing else has run yet)
  2. finder (warm)  the same again (the normalised names are cached in the process)
  3. baseline read  the finder's people query alone on a plain sqlite3 connection
  4. baseline brute rapidfuzz's C loop (process.extract, token_sort_ratio) of ``--sample``
                    names against all n names, extrapolated to every pair of the village: what
                    comparing all n²/2 pairs by name alone would cost
Prints figures and ratios, asserts nothing.
"""

from __future__ import annotations

import argparse
import itertools
import resource
import sqlite3
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_desk import village  # the cached 50,000-person village
from rapidfuzz import fuzz, process

from siksdesk.db.engine import make_engine
from siksdesk.db.session import make_session_factory, read_session
from siksdesk.domain.duplicate_blocks import candidate_pairs
from siksdesk.domain.duplicates import prepare
from siksdesk.domain.names import normalise_name
from siksdesk.services import duplicates as service


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_finder(database: Path, label: str) -> float:
    engine = make_engine(database)
    sessions = make_session_factory(engine)
    reports: list[float] = []
    started = time.perf_counter()
    with read_session(sessions) as session:
        result = service.find_duplicates(
            session, progress=lambda _d, _t: reports.append(time.perf_counter()))
    elapsed = time.perf_counter() - started
    engine.dispose()
    n = result.people
    all_pairs = n * (n - 1) // 2
    print(f"\n{label}: {elapsed:.2f} s for {n:,} people")
    print(f"  pairs compared      {result.comparisons:,} of {all_pairs:,} "
          f"(1 in {all_pairs / max(result.comparisons, 1):,.0f}; "
          f"{result.comparisons / max(n, 1):.1f} per person)")
    print(f"  candidates (≥ 50)   {result.above_threshold:,}  "
          f"sharing a NIK {sum(p.same_nik for p in result.pairs):,}")
    histogram = Counter(min(p.score // 10 * 10, 90) for p in result.pairs)
    print("  score histogram     " + "  ".join(f"{k}-{k + 9}: {histogram[k]}"
                                              for k in sorted(histogram)))
    gaps = [b - a for a, b in itertools.pairwise(reports)]
    print(f"  progress reports    {len(reports)} (longest gap {max(gaps, default=0):.2f} s)")
    return elapsed


def phases(database: Path) -> None:
    """Where the time goes (warm caches): load, normalise, block, score."""
    engine = make_engine(database)
    sessions = make_session_factory(engine)
    with read_session(sessions) as session, service._gc_paused():
        t0 = time.perf_counter()
        facts = service.load_people(session)
        t1 = time.perf_counter()
        people = [prepare(person) for person in facts]
        t2 = time.perf_counter()
        pairs = candidate_pairs(people)
        t3 = time.perf_counter()
        found = service._score_all(people, pairs, set(), 50, lambda _d, _t: None,
                                   lambda: False)
        t4 = time.perf_counter()
    engine.dispose()
    print(f"  phases (warm)       load {t1 - t0:.2f} s · normalise {t2 - t1:.2f} s · "
          f"block {t3 - t2:.2f} s · score {t4 - t3:.2f} s ({len(found[0])} kept)")


def baseline_read(database: Path) -> float:
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    started = time.perf_counter()
    rows = conn.execute(service._PEOPLE_SQL).fetchall()
    elapsed = time.perf_counter() - started
    conn.close()
    print(f"\nbaseline read: {elapsed:.2f} s for {len(rows):,} rows (the finder's query, plain "
          "sqlite3, no objects)")
    return elapsed


def baseline_brute(database: Path, sample: int) -> float:
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    names = [normalise_name(row[0]).text for row in conn.execute("SELECT nama FROM art")]
    conn.close()
    queries = names[::max(len(names) // sample, 1)][:sample]
    started = time.perf_counter()
    hits = 0
    for query in queries:
        hits += len(process.extract(query, names, scorer=fuzz.token_sort_ratio,
                                    score_cutoff=85, limit=None))
    elapsed = time.perf_counter() - started
    per_pair = elapsed / (len(queries) * len(names))
    n = len(names)
    estimate = per_pair * n * (n - 1) / 2
    print(f"\nbaseline brute force: {len(queries)} names × {n:,} in {elapsed:.2f} s "
          f"({per_pair * 1e9:.0f} ns per pair in C, {hits:,} hits ≥ 85) → all n²/2 pairs by "
          f"name alone ≈ {estimate:.0f} s")
    return estimate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--sample", type=int, default=400)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    database = village(args.people, args.rebuild)
    print(f"village: {database}")
    cold = run_finder(database, "finder (cold)")
    rss = _rss_mb()
    print(f"  peak RSS            {rss:.0f} MB (process total after the cold run)")
    warm = run_finder(database, "finder (warm)")
    phases(database)
    read = baseline_read(database)
    brute = baseline_brute(database, args.sample)
    print("\nsummary")
    print(f"  finder cold / read baseline     {cold / read:6.1f}×  ({cold:.2f} s vs {read:.2f} s)")
    print(f"  finder warm / read baseline     {warm / read:6.1f}×")
    print(f"  brute-force estimate / finder   {brute / cold:6.0f}×  (name only, C loop, "
          f"{brute:.0f} s vs {cold:.2f} s)")
    print(f"  peak RSS                        {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
