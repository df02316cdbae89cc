"""Benchmark: does the GUI stay responsive during the long tasks of the Excel exchange, on a
50,000-person village?

Each task runs as the app runs it, as a task of the real ``TaskRunner`` (a QThreadPool worker),
with the progress going to a real ``QProgressBar``, one after the other:

* import: ``preview_bnba`` then ``apply_bnba`` of the district file into an empty village
  (python-calamine adds its own worker threads);
* export: the BNBA list of the imported village to .xlsx (``run_export``, as the export dialog);
* duplicates: the duplicate finder over the imported village (``find_duplicates``, as the view).

A 5 ms ``QTimer`` on the GUI thread records how long the event loop went without running it.
The baseline is the same probe on the idle event loop for as long as the longest task took,
measured in the same run (the offscreen platform, a noisy machine: the idle loop has gaps too).

A gap above 100 ms is a freeze a user can notice (the house rule for work on the GUI thread).

    .venv/bin/python bench/bench_import_ui.py [--people 50000]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
OUT = Path(__file__).resolve().parent / "out"
sys.path.insert(0, str(Path(__file__).resolve().parent))


class GapProbe:
    """The longest wait between two ticks of a 5 ms timer on the GUI thread."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.gaps: list[float] = []
        self.worst: list[tuple[float, float]] = []  # (gap, seconds since start) of the largest
        self.started = self.last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        gap = now - self.last
        self.gaps.append(gap)
        if gap > 0.05:
            self.worst.append((gap, now - self.started))
        self.last = now

    def start(self) -> None:
        self.gaps.clear()
        self.worst.clear()
        self.started = self.last = time.perf_counter()
        self.timer.start()

    def stop(self) -> dict[str, float]:
        self.timer.stop()
        ordered = sorted(self.gaps) or [0.0]
        return {"largest_ms": ordered[-1] * 1000,
                "p99_ms": ordered[int(len(ordered) * 0.99) - 1 if len(ordered) > 1 else 0] * 1000,
                "over_100ms": float(sum(1 for gap in ordered if gap > 0.1))}


def _wait(done: list[Any]) -> None:
    """Run the event loop (the app's own, as a nested loop) until ``done`` holds something."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    check = QTimer()
    check.setInterval(20)
    check.timeout.connect(lambda: done and loop.quit())
    check.start()
    loop.exec()
    check.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=50_000)
    args = parser.parse_args()
    from bench_import import _bnba_file  # the same cached district file as the import bench

    source = _bnba_file(args.people, rebuild=False)
    work = OUT / "bench-import-ui-work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    os.environ["SIKSDESK_HOME"] = str(work)

    from PySide6.QtWidgets import QApplication, QProgressBar

    from siksdesk.app import open_app
    from siksdesk.db.session import read_session
    from siksdesk.paths import default_paths
    from siksdesk.services.bnba_import import apply_bnba, preview_bnba
    from siksdesk.services.duplicates import find_duplicates
    from siksdesk.services.exports import run_export
    from siksdesk.ui.tasks import TaskRunner

    app = QApplication(sys.argv[:1])
    app.setApplicationName("siksdesk-bench")
    bar = QProgressBar()
    bar.show()
    ctx = open_app(default_paths(), work / "village.sqlite3")
    runner = TaskRunner()
    probe = GapProbe()

    def progress(done_: int, total: int) -> None:
        bar.setMaximum(max(total, 1))
        bar.setValue(done_)

    def run_task(fn: Any) -> Any:
        done: list[Any] = []
        runner.run(fn, on_result=done.append, on_error=done.append, on_progress=progress)
        _wait(done)
        if isinstance(done[0], BaseException):
            raise done[0]
        return done[0]

    def import_file() -> Any:
        """As the import flow: the preview's plan comes back to the GUI thread, the commit
        task takes it over (and frees its records in slices), and the GUI thread keeps no
        reference (ui/bnba_import.py)."""
        held = [run_task(lambda report, cancelled: preview_bnba(
            ctx.sessions, source, progress=report, cancelled=cancelled))]

        return run_task(lambda report, cancelled: apply_bnba(
            ctx.sessions, held.pop(), author="bench", progress=report, cancelled=cancelled,
            free_writes=True))

    def export_file(report: Any, cancelled: Any) -> Any:
        return run_export(ctx.sessions, "bnba", work / "export.xlsx", progress=report,
                          cancelled=cancelled)

    def duplicates(report: Any, cancelled: Any) -> Any:
        with read_session(ctx.sessions) as session:
            return find_duplicates(session, progress=report, cancelled=cancelled)

    print(f"file: {source.name}; each task through the GUI's task runner")
    longest = 0.0
    worst_gap = 0.0
    tasks: tuple[tuple[str, Callable[[], Any]], ...] = (
        ("import", import_file),  # two tasks of its own
        ("export", lambda: run_task(export_file)),
        ("duplicates", lambda: run_task(duplicates)))
    for name, task in tasks:
        probe.start()
        started = time.perf_counter()
        task()
        seconds = time.perf_counter() - started
        busy = probe.stop()
        longest = max(longest, seconds)
        worst_gap = max(worst_gap, busy["largest_ms"])
        worst = ", ".join(f"{gap * 1000:.0f} ms at {at:.2f} s" for gap, at in
                          sorted(probe.worst, reverse=True)[:3])
        print(f"{name:<10} {seconds:6.2f} s: largest gap {busy['largest_ms']:4.0f} ms, "
              f"99th percentile {busy['p99_ms']:5.1f} ms, gaps over 100 ms: "
              f"{busy['over_100ms']:.0f}; over 50 ms: {worst or 'none'}")

    idle_done: list[Any] = []
    probe.start()
    from PySide6.QtCore import QTimer

    QTimer.singleShot(int(longest * 1000), lambda: idle_done.append(True))
    _wait(idle_done)
    idle = probe.stop()
    runner.wait_for_done()
    print(f"{'idle':<10} {longest:6.2f} s: largest gap {idle['largest_ms']:4.0f} ms, "
          f"99th percentile {idle['p99_ms']:5.1f} ms  (baseline: the event loop with no task)")
    print(f"largest gap of any task vs idle baseline: "
          f"{worst_gap / max(idle['largest_ms'], 1):.1f}x "
          "(target: no gap a user notices, i.e. none above 100 ms)")


if __name__ == "__main__":
    main()
