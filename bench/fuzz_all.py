"""The long fuzz run of issue 7 item 5: every hypothesis property of each target with many more
examples than the test suite gives it, printing per target the cases run, failures and time.

    .venv/bin/python bench/fuzz_all.py                    # default: ≈5–10 minutes in all
    .venv/bin/python bench/fuzz_all.py --examples 2000    # per property
    .venv/bin/python bench/fuzz_all.py --only upload xlsx --scale 0.2

Each target runs as its own pytest process with this file as a plugin (``-p fuzz_all``): the
plugin raises ``max_examples`` of every hypothesis test it collects and counts the calls of
each test body (``test.hypothesis.inner_test``; shrinking calls included). A failure prints
its minimal example in the pytest output shown below the table. The suite's own runs (tests/fuzz
and the property tests in tests/unit) use the modest counts written in the tests."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES_ENV = "SIKSDESK_FUZZ_EXAMPLES"
STATS_ENV = "SIKSDESK_FUZZ_STATS"


@dataclass(frozen=True)
class Target:
    name: str
    paths: tuple[str, ...]
    examples: int  # per property at --scale 1


TARGETS = (
    Target("nik", ("tests/unit/test_nik_properties.py", "tests/fuzz/test_fuzz_nik.py"), 1500),
    Target("cells", ("tests/unit/test_import_cells.py", "tests/fuzz/test_fuzz_cells.py"), 2000),
    Target("bundle", ("tests/unit/test_sync_container.py", "tests/unit/test_sync_payloads.py",
                      "tests/fuzz/test_fuzz_bundle.py"), 800),
    Target("upload", ("tests/fuzz/test_fuzz_upload.py",), 500),
    Target("xlsx", ("tests/fuzz/test_fuzz_xlsx.py",), 700),
)


# --- the pytest plugin side ----------------------------------------------------------------

_calls: dict[str, int] = {}


def _counting(nodeid: str, inner: Callable[..., Any]) -> Callable[..., Any]:
    def counted(*args: Any, **kwargs: Any) -> Any:
        _calls[nodeid] = _calls.get(nodeid, 0) + 1
        return inner(*args, **kwargs)

    return counted


def pytest_collection_modifyitems(items: list[Any]) -> None:
    examples = os.environ.get(EXAMPLES_ENV)
    if examples is None:
        return
    from hypothesis import settings

    for item in items:
        test = getattr(item, "obj", None)
        handle = getattr(test, "hypothesis", None)
        if handle is None:
            continue
        # The test's own settings, with more examples (an internal attribute: bench only).
        own = getattr(test, "_hypothesis_internal_use_settings", settings())
        test._hypothesis_internal_use_settings = settings(  # type: ignore[union-attr]
            own, max_examples=int(examples))
        handle.inner_test = _counting(item.nodeid, handle.inner_test)


def pytest_sessionfinish(session: Any, exitstatus: int) -> None:
    path = os.environ.get(STATS_ENV)
    if path is None:
        return
    failed = [r.nodeid for r in session.items if getattr(r, "_fuzz_failed", False)]
    Path(path).write_text(json.dumps({"calls": _calls, "failed": failed}))


def pytest_runtest_makereport(item: Any, call: Any) -> None:
    if call.when == "call" and call.excinfo is not None:
        item._fuzz_failed = True


# --- the script side -----------------------------------------------------------------------

def run_target(target: Target, examples: int) -> tuple[int, list[str], float, str]:
    with tempfile.TemporaryDirectory() as folder:
        stats = Path(folder) / "stats.json"
        env = {**os.environ, EXAMPLES_ENV: str(examples), STATS_ENV: str(stats),
               "PYTHONPATH": os.pathsep.join([str(ROOT / "bench"),
                                              os.environ.get("PYTHONPATH", "")])}
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "fuzz_all", "-p", "no:cacheprovider",
             *target.paths],
            cwd=ROOT, env=env, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - started
        if not stats.exists():
            return 0, [f"pytest did not finish (exit {done.returncode})"], elapsed, \
                done.stdout + done.stderr
        result = json.loads(stats.read_text())
    return sum(result["calls"].values()), result["failed"], elapsed, done.stdout + done.stderr


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=None,
                        help="examples per property for every target (default: per target)")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="multiply the per-target defaults (e.g. 0.1 for a quick look)")
    parser.add_argument("--only", nargs="*", choices=[t.name for t in TARGETS], default=None)
    args = parser.parse_args(argv)
    chosen = [t for t in TARGETS if args.only is None or t.name in args.only]
    print(f"{'target':<8} {'examples/prop':>13} {'cases run':>10} {'failures':>9} "
          f"{'time s':>8} {'cases/s':>8}")
    outputs: list[tuple[str, str]] = []
    total_cases = total_failures = 0
    total_time = 0.0
    for target in chosen:
        examples = args.examples or max(1, int(target.examples * args.scale))
        cases, failed, elapsed, output = run_target(target, examples)
        total_cases += cases
        total_failures += len(failed)
        total_time += elapsed
        print(f"{target.name:<8} {examples:>13} {cases:>10} {len(failed):>9} {elapsed:>8.1f} "
              f"{cases / elapsed if elapsed else 0:>8.1f}", flush=True)
        if failed:
            outputs.append((target.name, output))
    print(f"{'all':<8} {'':>13} {total_cases:>10} {total_failures:>9} {total_time:>8.1f}")
    for name, output in outputs:
        print(f"\n--- {name}: failures ---\n{output[-6000:]}")
    return 1 if total_failures else 0


if __name__ == "__main__":
    sys.exit(main())
