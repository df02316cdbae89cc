"""Benchmark: "set up the real village" on a 50,000-person training village (issue 7, item 1).

Figures, each on a fresh copy of the cached demo village (bench/out/desk-50000.sqlite3, built
by bench_desk.py; else dashboard-50000.sqlite3; else built here with ``siksdesk demo``):
  plain copy   shutil.copyfile of the closed database — the baseline (no checks at all)
  verified     db.backup.copy_verified: backup API → integrity_check → fsync → rename (what the
               move does to the training village before anything else changes)
  set-up       services.village_setup.start_real_village: real database built in a work folder
               (migrations + profile + two accounts with argon2id at its defaults), training
               village copied and checked, folders moved into latihan/, atomic switch
Ratios are against the plain copy and against the verified copy measured in the same run.

    .venv/bin/python bench/bench_village_setup.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

from siksdesk.app import open_app
from siksdesk.db.backup import copy_verified
from siksdesk.domain.accounts import AccountRole
from siksdesk.paths import AppPaths
from siksdesk.services.accounts import NewAccount
from siksdesk.services.village_setup import VillageSetup, start_real_village

OUT = Path(__file__).resolve().parent / "out"
CANDIDATES = (OUT / "desk-50000.sqlite3", OUT / "dashboard-50000.sqlite3")
SETUP = VillageSetup("3522142011", "Sukamaju", "Kapas", "Bojonegoro", "Jawa Timur",
                     NewAccount("siti", "Siti Aminah", AccountRole.OPERATOR, "rahasia-siti"),
                     NewAccount("kades", "Kepala Desa", AccountRole.KEPALA_DESA,
                                "rahasia-kades"))


def source() -> Path:
    for path in CANDIDATES:
        if path.exists():
            return path
    OUT.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "siksdesk", "demo", "--db", str(CANDIDATES[0]),
                    "--people", "50000"], check=True)
    return CANDIDATES[0]


def timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def training_home(template: Path, folder: Path) -> AppPaths:
    """A data folder holding a current-schema copy of ``template`` (outside the timing)."""
    paths = AppPaths(folder)
    paths.ensure()
    with closing(sqlite3.connect(template)) as src, closing(
            sqlite3.connect(paths.database)) as dst:
        src.backup(dst)
    open_app(paths).close()  # migrate now, not inside the timed set-up
    return paths


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    template = source()
    runs: dict[str, list[float]] = {"plain copy": [], "verified": [], "set-up": []}
    with tempfile.TemporaryDirectory(dir=OUT) as scratch:
        root = Path(scratch)
        paths = training_home(template, root / "template")
        size = paths.database.stat().st_size
        for i in range(args.repeat):
            home = root / f"run{i}"
            shutil.copytree(paths.home, home)
            runs["plain copy"].append(timed(lambda h=home: shutil.copyfile(
                h / "siksdesk.sqlite3", h / "plain.sqlite3")))
            runs["verified"].append(timed(lambda h=home: copy_verified(
                h / "siksdesk.sqlite3", h / "verified.sqlite3")))
            (home / "plain.sqlite3").unlink()
            (home / "verified.sqlite3").unlink()
            runs["set-up"].append(timed(lambda h=home: start_real_village(AppPaths(h), SETUP)))
            shutil.rmtree(home)
    print(f"training village: {template.name}, {size / 1e6:.1f} MB, {args.repeat} runs")
    medians = {name: statistics.median(values) for name, values in runs.items()}
    for name, value in medians.items():
        print(f"  {name:<11} median {value:6.3f} s  "
              f"(runs: {', '.join(f'{v:.3f}' for v in runs[name])})")
    print(f"  set-up / plain copy = {medians['set-up'] / medians['plain copy']:.1f}x, "
          f"set-up / verified copy = {medians['set-up'] / medians['verified']:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
