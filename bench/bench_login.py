"""Benchmark: one ``log_in`` (argon2-cffi defaults) against a bare ``PasswordHasher.verify``
measured in the same run, and the timing of the refusals: a wrong password (verify + counting
write) and an unknown username (a dummy verify, no write) should cost about the same, so the
answer time does not tell whether a username exists.

    .venv/bin/python bench/bench_login.py [--repeat 15]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from argon2 import PasswordHasher

from siksdesk.db.engine import make_engine
from siksdesk.db.migrate import ensure_schema
from siksdesk.db.session import make_session_factory, unit_of_work
from siksdesk.domain.accounts import AccountError, AccountRole
from siksdesk.services.accounts import NewAccount, add_account, log_in

PASSWORD = "sandi-bench-1"


def _median_ms(fn: Callable[[int], object], repeat: int) -> float:
    times = []
    for n in range(repeat):
        start = time.perf_counter()
        fn(n)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _refused(fn: Callable[[], object]) -> None:
    try:
        fn()
    except AccountError:
        return
    raise AssertionError("expected a refusal")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    hasher = PasswordHasher()
    print(f"argon2id defaults: t={hasher.time_cost} m={hasher.memory_cost} KiB "
          f"p={hasher.parallelism}")
    stored = hasher.hash(PASSWORD)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.sqlite3"
        ensure_schema(db, Path(folder) / "backups")
        engine = make_engine(db)
        factory = make_session_factory(engine)
        with unit_of_work(factory, "bench") as session:
            add_account(session, NewAccount("siti", "Siti", AccountRole.OPERATOR, PASSWORD),
                        created_by="bench")
        base = datetime(2026, 1, 1)
        # far apart in (injected) time, so the growing delay never refuses without checking
        later = [base + timedelta(hours=n) for n in range(args.repeat * 2)]
        # interleaved, so a busy machine slows all four alike
        samples: dict[str, list[float]] = {k: [] for k in ("verify", "login", "wrong",
                                                           "unknown")}
        steps: dict[str, Callable[[int], object]] = {
            "verify": lambda _n: hasher.verify(stored, PASSWORD),
            "login": lambda n: log_in(factory, "siti", PASSWORD, now=later[2 * n]),
            "wrong": lambda n: _refused(lambda: log_in(factory, "siti", "salah-salah",
                                                       now=later[2 * n + 1])),
            "unknown": lambda n: _refused(lambda: log_in(factory, "tidak-ada", "salah-salah",
                                                         now=later[2 * n + 1])),
        }
        for n in range(args.repeat):
            for key, step in steps.items():
                samples[key].append(_median_ms(lambda _i, s=step, n=n: s(n), 1))
        verify, login, wrong, unknown = (statistics.median(samples[k]) for k in steps)
        engine.dispose()
    print(f"bare verify        median {verify:7.1f} ms")
    print(f"log_in (success)   median {login:7.1f} ms")
    print(f"wrong password     median {wrong:7.1f} ms  (verify + counting write)")
    print(f"unknown username   median {unknown:7.1f} ms  (dummy verify, no write)")
    print(f"ratio log_in/verify: {login / verify:.2f}; unknown/wrong: {unknown / wrong:.2f}")


if __name__ == "__main__":
    main()
