"""Benchmark: start-up of the built application (dist/siksdesk/siksdesk) vs ``python -m siksdesk``.

    .venv/bin/python bench/bench_built_start.py [--pairs 9] [--people N] [--no-build]

Both start on the same demo village (the default ≈300 households, or ``--people N``, built once
under bench/out/built-start/) with SIKSDESK_EXIT_AFTER_SHOW=1 and are timed from spawn to the
line the main window prints once it is shown and holds its first page (the mechanism of
bench/bench_desk.py). Paired runs alternating which goes first, after one warm-up run of each
(file cache); medians and the median per-pair ratio. Also: the built folder's size and what its
largest parts are. The build is brought up to date first (``packaging/build.py --reuse``) unless
--no-build. Qt runs offscreen unless QT_QPA_PLATFORM says otherwise. Prints, asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out" / "built-start"
APP_DIR = ROOT / "dist" / "siksdesk"
EXIT_ENV = "SIKSDESK_EXIT_AFTER_SHOW"
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _env(home: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "SIKSDESK_HOME": str(home), **extra}


def _timed(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    """Seconds from spawning ``command`` to its "shown" line."""
    started = time.perf_counter()
    with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True) as process:
        assert process.stdout is not None and process.stderr is not None
        elapsed, shown = None, ""
        for line in process.stdout:
            if line.startswith(EXIT_ENV) and elapsed is None:
                elapsed, shown = time.perf_counter() - started, line
        stderr = process.stderr.read()
        process.wait()
    if process.returncode != 0 or elapsed is None:
        raise SystemExit(f"{command} failed ({process.returncode}):\n{stderr}")
    return elapsed, shown


def village(people: int | None) -> Path:
    """A home folder holding the demo village (built once with ``python -m siksdesk demo``)."""
    home = OUT / f"home-{people or 'default'}"
    if (home / "siksdesk.sqlite3").exists():
        return home
    home.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "siksdesk", "demo"]
    if people:
        command += ["--people", str(people)]
    subprocess.run(command, env=_env(home), check=True)
    return home


def build(no_build: bool) -> None:
    if not no_build:
        started = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py"), "--reuse"],
                       check=True)
        print(f"build step (reused when unchanged): {time.perf_counter() - started:.0f} s")
    if not (APP_DIR / "siksdesk").exists():
        raise SystemExit(f"{APP_DIR / 'siksdesk'} missing: run packaging/build.py")


def sizes() -> None:
    def size(path: Path) -> int:
        if path.is_file():
            return path.lstat().st_size
        return sum(p.lstat().st_size for p in path.rglob("*")
                   if p.is_file() and not p.is_symlink())

    internal = APP_DIR / "_internal"
    total = size(APP_DIR)
    print(f"\nbuilt folder {APP_DIR.relative_to(ROOT)}: {total / 1e6:.0f} MB "
          f"in {sum(1 for _ in APP_DIR.rglob('*'))} files; largest parts:")
    parts = sorted(((size(p), p) for p in [*internal.iterdir(), APP_DIR / "siksdesk"]
                    if not p.is_symlink()), reverse=True)
    for bytes_, path in parts[:8]:
        print(f"    {bytes_ / 1e6:6.1f} MB  {path.relative_to(APP_DIR)}")


def startup(home: Path, pairs: int) -> None:
    database = home / "siksdesk.sqlite3"
    built_cmd = [str(APP_DIR / "siksdesk"), "--db", str(database)]
    python_cmd = [sys.executable, "-m", "siksdesk", "--db", str(database)]
    env = _env(home, **{EXIT_ENV: "1"})
    _timed(built_cmd, env)  # warm the file cache for both
    _timed(python_cmd, env)
    built, python, ratios = [], [], []
    shown = ""
    print(f"\nstart-up to the main window shown and populated ({pairs} pairs)")
    for pair in range(pairs):
        if pair % 2:
            built_s, shown = _timed(built_cmd, env)
            python_s, _ = _timed(python_cmd, env)
        else:
            python_s, _ = _timed(python_cmd, env)
            built_s, shown = _timed(built_cmd, env)
        built.append(built_s)
        python.append(python_s)
        ratios.append(built_s / python_s)
        print(f"    pair {pair + 1}: built {built_s * 1000:6.0f} ms   python -m siksdesk "
              f"{python_s * 1000:6.0f} ms   ratio {built_s / python_s:4.2f}")
    print(f"    window reported: {shown.strip()}")
    print(f"    median built {statistics.median(built) * 1000:.0f} ms, python -m siksdesk "
          f"{statistics.median(python) * 1000:.0f} ms; median ratio built/python "
          f"{statistics.median(ratios):.2f}x")


def cli(home: Path, pairs: int) -> None:
    """For scale: a command-line call (``nik check``) from spawn to exit."""
    nik = "3522015708450001"
    commands = {"built": [str(APP_DIR / "siksdesk"), "nik", "check", nik],
                "python": [sys.executable, "-m", "siksdesk", "nik", "check", nik]}
    times: dict[str, list[float]] = {name: [] for name in commands}
    for pair in range(pairs):
        for name in (("built", "python") if pair % 2 else ("python", "built")):
            started = time.perf_counter()
            subprocess.run(commands[name], env=_env(home), check=True, capture_output=True)
            times[name].append(time.perf_counter() - started)
    built, python = (statistics.median(times[name]) for name in ("built", "python"))
    print(f"\nnik check, spawn to exit: median built {built * 1000:.0f} ms, python -m siksdesk "
          f"{python * 1000:.0f} ms; ratio {built / python:.2f}x")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=9)
    parser.add_argument("--people", type=int, default=None)
    parser.add_argument("--no-build", action="store_true", help="use dist/siksdesk as it is")
    args = parser.parse_args()
    build(args.no_build)
    home = village(args.people)
    sizes()
    startup(home, args.pairs)
    cli(home, args.pairs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
