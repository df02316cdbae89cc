"""Benchmark: the streaming sheet checks of io/file_guard.py (``sheet_pieces`` cutting the sheet,
``SheetGuard.check`` on every piece) over the 50,000-person BNBA file, the current code against
the plain reference it replaced.

The reference is the code kept in tests/unit/file_guard_reference.py (the checks as they
were before the speed work; tests/unit/test_file_guard_equivalence.py proves the new code
equivalent). This is main-thread time during the import's read: python-calamine waits for the
GIL while it runs. Per repeat, in rotating order:

  cut     inflate the worksheet and cut it into pieces (``sheet_pieces`` / the reference)
  cut*    the same cutting from the inflated XML in memory: the part that holds the GIL
          (zlib releases it while inflating)
  check   SheetGuard.check on every piece, then finish()

Both must give the same pieces and the same scan (checked once).

    .venv/bin/python bench/bench_guard.py [--repeat 3] [--file bench/out/bnba-50000.xlsx]
"""

from __future__ import annotations

import argparse
import io
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from siksdesk.io import file_guard as fg

ROOT = Path(__file__).resolve().parent.parent
FILE = ROOT / "bench" / "out" / "bnba-50000.xlsx"
PART = "xl/worksheets/sheet1.xml"


def reference() -> Any:
    sys.path.insert(0, str(ROOT / "tests" / "unit"))
    import file_guard_reference

    return file_guard_reference


Cutter = Callable[[zipfile.ZipFile, bytes, int], Iterator[tuple[str, bytes]]]


def cutters(ref: Any, old: bool) -> dict[str, Cutter]:
    if old:
        return {"cut": lambda archive, xml, block: ref.reference_pieces(
                    archive.open(PART), block, fg.READ_BYTES),
                "cut*": lambda archive, xml, block: ref.reference_pieces(
                    io.BytesIO(xml), block, fg.READ_BYTES)}
    return {"cut": lambda archive, xml, block: fg.sheet_pieces(archive, PART, block),
            "cut*": lambda archive, xml, block: fg._pieces(io.BytesIO(xml), block)}


def check_all(guard: Any, pieces: list[tuple[str, bytes]]) -> Any:
    for kind, data in pieces:
        guard.check(kind, data)
    return guard.finish()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--file", type=Path, default=FILE)
    args = parser.parse_args()
    if not args.file.exists():
        sys.exit(f"{args.file} is missing: bench/bench_import.py writes it")
    ref = reference()
    archive = zipfile.ZipFile(args.file)
    block = fg.block_size(archive)
    total = archive.getinfo(PART).file_size
    xml = archive.read(PART)
    pieces = list(fg.sheet_pieces(archive, PART, block))
    assert pieces == list(cutters(ref, True)["cut"](archive, xml, block)), "different pieces"
    new_scan = check_all(fg.SheetGuard("BNBA", total, block), pieces)
    old_scan = check_all(ref.ReferenceGuard("BNBA", total, block), pieces)
    assert (new_scan.rows, new_scan.flags, new_scan.merged) == (
        old_scan.rows, old_scan.flags, old_scan.merged), "different scans"
    print(f"{args.file.name}: {total / 2**20:.0f} MB of sheet XML in {len(pieces)} pieces "
          f"of {block / 2**20:.0f} MB, {new_scan.rows} rows")

    runs: dict[tuple[str, str], list[float]] = {}
    for repeat in range(args.repeat):
        order = ["old", "new"] if repeat % 2 == 0 else ["new", "old"]
        for which in order:
            for phase, cut in cutters(ref, which == "old").items():
                started = time.perf_counter()
                for _ in cut(archive, xml, block):
                    pass
                runs.setdefault((which, phase), []).append(time.perf_counter() - started)
            guard = (ref.ReferenceGuard if which == "old" else fg.SheetGuard)("BNBA", total, block)
            started = time.perf_counter()
            check_all(guard, pieces)
            runs.setdefault((which, "check"), []).append(time.perf_counter() - started)
    best = {key: min(times) for key, times in runs.items()}
    print(f"{'':8}{'old s':>9}{'new s':>9}{'new/old':>9}   (best of {args.repeat})")
    for phase in ("cut", "cut*", "check"):
        old, new = best["old", phase], best["new", phase]
        print(f"{phase:8}{old:9.3f}{new:9.3f}{new / old:9.2f}")
    for name, first in (("total", "cut"), ("GIL*", "cut*")):
        old = best["old", first] + best["old", "check"]
        new = best["new", first] + best["new", "check"]
        print(f"{name:8}{old:9.3f}{new:9.3f}{new / old:9.2f}   ({first} + check)")


if __name__ == "__main__":
    main()
