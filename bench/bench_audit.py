"""Benchmark: what the audit chain costs (issue 7, item 2).

* import: ``apply_bnba`` of a BNBA file (default 5,000 people, bench/out/bnba-<N>.xlsx as
  bench_import.py builds it) into an empty database, with the audit entry (normal) and with the
  before-commit hook switched off (baseline), alternated, best of ``--rounds``; the ratio is
  the audit's share of the write.
* verify: ``verify_chain`` over the imported database, and over a 50,000-person demo village
  (bench/out/desk-50000.sqlite3, copied) with ``--demo``.

    .venv/bin/python bench/bench_audit.py [--people 5000] [--rounds 3] [--demo]
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_import

OUT = bench_import.OUT
APPEND_SECONDS: list[float] = []


def _apply(file: Path, database: Path, audited: bool) -> tuple[float, float]:
    from siksdesk.app import open_app
    from siksdesk.db import audit_hooks
    from siksdesk.paths import default_paths
    from siksdesk.services.bnba_import import apply_bnba, preview_bnba

    original, append = audit_hooks.install_audit_hooks, audit_hooks.append_entry
    if not audited:
        audit_hooks.install_audit_hooks = lambda factory: None  # type: ignore[assignment]
    else:
        def timed(*args: object, **kwargs: object) -> object:
            started = time.perf_counter()
            try:
                return append(*args, **kwargs)  # type: ignore[arg-type]
            finally:
                APPEND_SECONDS.append(time.perf_counter() - started)

        audit_hooks.append_entry = timed  # type: ignore[assignment]
    try:
        ctx = open_app(default_paths({"SIKSDESK_HOME": str(database.parent)}), database)
        begun = time.perf_counter()
        plan = preview_bnba(ctx.sessions, file)
        started = time.perf_counter()
        apply_bnba(ctx.sessions, plan, author="bench")
        ended = time.perf_counter()
        ctx.close()
    finally:
        audit_hooks.install_audit_hooks, audit_hooks.append_entry = original, append
    return ended - started, ended - begun


def _verify(database: Path) -> tuple[float, int, int, bool]:
    from siksdesk.services.audit_verify import verify_chain

    with sqlite3.connect(database) as conn:
        started = time.perf_counter()
        report = verify_chain(conn)
        return time.perf_counter() - started, report.entries, report.changes, report.ok


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--demo", action="store_true", help="also verify a 50,000-person demo")
    args = parser.parse_args()
    file = bench_import._bnba_file(args.people, False)
    work = OUT / "bench-audit-work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    times: dict[bool, list[float]] = {True: [], False: []}
    whole: dict[bool, list[float]] = {True: [], False: []}
    for round_no in range(args.rounds):
        for audited in ((False, True) if round_no % 2 else (True, False)):
            for suffix in ("-wal", "-shm"):
                (work / f"v-{audited}.sqlite3{suffix}").unlink(missing_ok=True)
            (work / f"v-{audited}.sqlite3").unlink(missing_ok=True)
            apply_s, whole_s = _apply(file, work / f"v-{audited}.sqlite3", audited)
            times[audited].append(apply_s)
            whole[audited].append(whole_s)
    base, audited = min(times[False]), min(times[True])
    print(f"apply_bnba {args.people:,} people, best of {args.rounds}: "
          f"baseline (no audit hook) {base:.2f} s, with audit entry {audited:.2f} s, "
          f"ratio {audited / base:.3f}x")
    base_all, audited_all = min(whole[False]), min(whole[True])
    print(f"preview + apply (what the operator waits for): baseline {base_all:.2f} s, "
          f"with audit {audited_all:.2f} s, ratio {audited_all / base_all:.3f}x")
    share = sorted(APPEND_SECONDS)[len(APPEND_SECONDS) // 2]  # median over the rounds
    print(f"the append itself (read + digest {args.people:,} people's change rows + insert): "
          f"median {share * 1000:.0f} ms = {share / audited:.1%} of the best audited apply")
    seconds, entries, changes, ok = _verify(work / "v-True.sqlite3")
    print(f"verify after the import: {seconds * 1000:.0f} ms, {entries} entries, "
          f"{changes:,} change-log rows, ok={ok}")
    if args.demo:
        from siksdesk.db.migrate import ensure_schema

        copy = work / "demo.sqlite3"
        with sqlite3.connect(bench_import._village(50000)) as source, \
                sqlite3.connect(copy) as target:
            source.backup(target)
        started = time.perf_counter()
        state = ensure_schema(copy, work / "backups")  # an older cache gets the baseline entry
        print(f"ensure_schema on the demo copy: {state} in {time.perf_counter() - started:.2f} s")
        seconds, entries, changes, ok = _verify(copy)
        print(f"verify 50,000-person demo: {seconds * 1000:.0f} ms, {entries} entries, "
              f"{changes:,} change-log rows, ok={ok}")


if __name__ == "__main__":
    main()
