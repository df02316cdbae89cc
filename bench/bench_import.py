"""Benchmark: importing a 50,000-person BNBA file (issue 4, "Speed").

The file is the demo village exported in the district layout (BDT-2015, one row per member, about
100 columns), cached as bench/out/bnba-<N>.xlsx. Every measurement runs in a fresh child process
(so peak memory is that of one job, Rust allocations of python-calamine included):

* baseline: python-calamine opens the file and reads every cell (``iter_rows``);
* import: file checks, read, validate, dry run (``preview_bnba``) and commit (``apply_bnba``)
  into an empty database, derived tables included;
* re-import: the same file again over the imported village (every row "unchanged").

The commit includes the verified backup written before every import (``backups/``); its
time is shown apart.

Progress: the largest gap between two progress reports during the import (the issue asks for at
least 5 reports a second, i.e. gaps of at most 0.2 s).

The machines here are noisy (±20% from one run to the next): each measurement is repeated
(``--repeat``, default 2; the import and re-import pair into a fresh database each time); the
fastest run of each is compared with the fastest baseline, and each run with the baseline
measured just before it (the median of those ratios).

    .venv/bin/python bench/bench_import.py [--people 50000] [--rebuild] [--repeat 2]
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "out"


def _village(people: int) -> Path:
    cached = OUT / f"desk-{people}.sqlite3"
    if not cached.exists():
        OUT.mkdir(exist_ok=True)
        subprocess.run([sys.executable, "-m", "siksdesk", "demo", "--people", str(people),
                        "--db", str(cached)], check=True, env=_env(OUT / "desk-home"))
    return cached


def _env(home: Path) -> dict[str, str]:
    import os

    return {**os.environ, "SIKSDESK_HOME": str(home)}


def _bnba_file(people: int, rebuild: bool) -> Path:
    target = OUT / f"bnba-{people}.xlsx"
    if target.exists() and not rebuild:
        return target
    work = OUT / "bench-import-work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    copy = work / "village.sqlite3"
    shutil.copyfile(_village(people), copy)
    started = time.perf_counter()
    _child("export", str(copy), str(target), home=work)
    print(f"exported the BNBA file in {time.perf_counter() - started:.1f} s")
    return target


def _child(*args: str, home: Path) -> dict[str, Any]:
    done = subprocess.run([sys.executable, __file__, "--child", *args], check=True,
                          capture_output=True, text=True, env=_env(home))
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(args: list[str]) -> None:
    job = args[0]
    if job == "export":
        from siksdesk.app import open_app
        from siksdesk.io.xlsx_export import write_xlsx
        from siksdesk.paths import default_paths
        from siksdesk.services.bnba_export import bnba_table

        ctx = open_app(default_paths(), Path(args[1]))
        with ctx.sessions() as session:
            write_xlsx(bnba_table(session), Path(args[2]))
        print(json.dumps({}))
    elif job == "calamine":
        import python_calamine

        started = time.perf_counter()
        book = python_calamine.CalamineWorkbook.from_path(args[1])
        sheet = book.get_sheet_by_name(book.sheet_names[0])
        cells = 0
        for row in sheet.iter_rows():
            for _value in row:
                cells += 1
        print(json.dumps({"seconds": time.perf_counter() - started, "cells": cells,
                          "peak_mb": _peak_mb()}))
    elif job == "import":
        print(json.dumps(_import(Path(args[1]), Path(args[2]))))


def _import(file: Path, database: Path) -> dict[str, Any]:
    from siksdesk.app import open_app
    from siksdesk.paths import default_paths
    from siksdesk.services import bnba_import
    from siksdesk.services.bnba_import import apply_bnba, preview_bnba

    ctx = open_app(default_paths(), database)
    stamps: list[float] = []
    backup: list[float] = []
    verified_backup = bnba_import.backup_before_import

    def timed_backup(*args: Any, **kwargs: Any) -> Any:  # counted in the import, shown apart
        began = time.perf_counter()
        try:
            return verified_backup(*args, **kwargs)
        finally:
            backup.append(time.perf_counter() - began)

    bnba_import.backup_before_import = timed_backup  # type: ignore[assignment]

    def progress(_done: int, _total: int) -> None:
        stamps.append(time.perf_counter())

    started = time.perf_counter()
    stamps.append(started)
    plan = preview_bnba(ctx.sessions, file, progress=progress)
    previewed = time.perf_counter()
    apply_bnba(ctx.sessions, plan, author="bench", progress=progress)
    ended = time.perf_counter()
    stamps.append(ended)
    gaps = [b - a for a, b in itertools.pairwise(stamps)]
    ctx.close()
    return {"seconds": ended - started, "preview": previewed - started,
            "apply": ended - previewed, "backup": sum(backup), "counts": plan.counts,
            "peak_mb": _peak_mb(),
            "reports": len(stamps) - 2, "max_gap": max(gaps)}


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2:])
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--repeat", type=int, default=2)
    options = parser.parse_args()
    file = _bnba_file(options.people, options.rebuild)
    work = OUT / "bench-import-work"
    runs: dict[str, list[dict[str, Any]]] = {"baseline": [], "import": [], "re-import": []}
    for attempt in range(max(options.repeat, 1)):
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        runs["baseline"].append(_child("calamine", str(file), home=work))
        database = work / "import.sqlite3"
        for label in ("import", "re-import"):
            runs[label].append(_child("import", str(file), str(database), home=work))
        base_s = float(runs["baseline"][-1]["seconds"])
        print(f"run {attempt + 1}: baseline {base_s:.2f} s, import "
              f"{runs['import'][-1]['seconds']:.2f} s "
              f"({runs['import'][-1]['seconds'] / base_s:.2f}x), re-import "
              f"{runs['re-import'][-1]['seconds']:.2f} s "
              f"({runs['re-import'][-1]['seconds'] / base_s:.2f}x)")
    fastest = {label: min(found, key=lambda r: float(r["seconds"]))
               for label, found in runs.items()}
    base = fastest["baseline"]
    print(f"file: {file.name}, {file.stat().st_size / 2**20:.1f} MB, {base['cells']:,} cells")
    print(f"baseline  python-calamine reads every cell: {base['seconds']:6.2f} s, "
          f"peak {base['peak_mb']:.0f} MB")
    for label in ("import", "re-import"):
        got = fastest[label]
        peak = max(float(r["peak_mb"]) for r in runs[label])  # the worst run's memory
        print(f"{label:9} end to end: {got['seconds']:6.2f} s "
              f"(preview {got['preview']:.2f} s + commit {got['apply']:.2f} s, of which "
              f"the verified backup {got['backup']:.2f} s) = "
              f"{got['seconds'] / base['seconds']:.2f}x baseline (target <= 2x), "
              f"peak {peak:.0f} MB (target <= 400), {got['reports']} progress "
              f"reports, largest gap {got['max_gap']:.2f} s (target <= 0.2), {got['counts']}")
        paired = sorted(float(r["seconds"]) / float(b["seconds"])
                        for r, b in zip(runs[label], runs["baseline"], strict=True))
        print(f"          each run against its own baseline: "
              f"{', '.join(f'{x:.2f}x' for x in paired)} (median {statistics.median(paired):.2f}x)")


if __name__ == "__main__":
    main()
