"""Benchmark: backups of the 50,000-person village (issue 7, "verified backups").

Figures, all on a copy of bench/out/desk-50000.sqlite3 (built by bench_desk.py; never modified):
  plain copy   shutil.copyfile of the closed database file — the baseline (no checks at all)
  backup       create_backup: SQLite backup API → integrity_check → fsync → rename → SHA-256 →
               manifest (what start-up, imports and "Cadangkan sekarang" do)
  usb          write_encrypted_backup: verified snapshot → argon2id + ChaCha20-Poly1305 chunks →
               fsync → rename → read back and compared
  verify       verify_backup of the plain copy (integrity_check + manifest hash)
  restore      restore_backup from the plain copy and from the encrypted file (decrypt into the
               data folder, integrity_check, revision check, before-restore backup, os.replace)

    .venv/bin/python bench/bench_backup.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

from siksdesk.services.backup_restore import restore_backup
from siksdesk.services.backups import create_backup, verify_backup, write_encrypted_backup

OUT = Path(__file__).resolve().parent / "out"
SOURCE = OUT / "desk-50000.sqlite3"
PASSPHRASE = "kata sandi bench"


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not SOURCE.exists():
        print(f"{SOURCE} is missing: run bench/bench_desk.py once to build it")
        return 1
    work = OUT / "backup-work"
    shutil.rmtree(work, ignore_errors=True)
    home, usb = work / "home", work / "usb"
    home.mkdir(parents=True)
    usb.mkdir()
    database = home / "siksdesk.sqlite3"
    with closing(sqlite3.connect(SOURCE)) as src, closing(sqlite3.connect(database)) as dst:
        src.backup(dst)  # a copy: the cached village is only read
    with closing(sqlite3.connect(database)) as conn:
        people = conn.execute("SELECT count(*) FROM art").fetchone()[0]
    times: dict[str, list[float]] = {k: [] for k in ("plain copy", "backup", "usb", "verify",
                                                     "restore plain", "restore usb")}
    sizes: dict[str, int] = {}
    for round_no in range(args.repeat):
        copy = work / f"plain-{round_no}.sqlite3"
        seconds, _ = timed(lambda: shutil.copyfile(database, copy))  # noqa: B023
        times["plain copy"].append(seconds)
        seconds, entry = timed(lambda: create_backup(database, home / "backups"))
        times["backup"].append(seconds)
        sizes["backup"] = entry.size
        seconds, written = timed(lambda: write_encrypted_backup(database, home, usb, PASSPHRASE))
        times["usb"].append(seconds)
        sizes["usb"] = written.size
        backup_file = home / "backups" / entry.file
        seconds, result = timed(lambda: verify_backup(backup_file, home=home))  # noqa: B023
        assert result.ok
        times["verify"].append(seconds)
        seconds, _ = timed(lambda: restore_backup(home, database, backup_file))  # noqa: B023
        times["restore plain"].append(seconds)
        seconds, _ = timed(lambda: restore_backup(home, database, written.path,  # noqa: B023
                                                  passphrase=PASSPHRASE))
        times["restore usb"].append(seconds)
        written.path.unlink()
        copy.unlink()
    median = {k: statistics.median(v) for k, v in times.items()}
    base = median["plain copy"]
    print(f"village: {people:,} people, database {database.stat().st_size / 1e6:.1f} MB; "
          f"backup {sizes['backup'] / 1e6:.1f} MB, encrypted file {sizes['usb'] / 1e6:.1f} MB "
          f"(median of {args.repeat})")
    for name, value in median.items():
        print(f"  {name:<14} {value * 1000:8.0f} ms   {value / base:6.1f}x plain copy")
    print(f"encrypted USB backup / verified backup = {median['usb'] / median['backup']:.2f}x; "
          f"encrypted USB backup / plain copy = {median['usb'] / base:.1f}x")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
