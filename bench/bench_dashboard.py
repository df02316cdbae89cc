"""Benchmark: the Rekap dashboard on the 50,000-person demo village (issue 8, "Speed").

    .venv/bin/python bench/bench_dashboard.py [--people 50000] [--runs 5] [--rebuild]

The village is bench_desk.py's cached bench/out/desk-<N>.sqlite3, copied (never modified) to
bench/out/dashboard-<N>.sqlite3, where programmes with quotas and beneficiaries and a few
hundred proposals are added so every chart has bars. Qt runs offscreen unless QT_QPA_PLATFORM
says otherwise. Prints figures and ratios, asserts nothing.

(a) start-up   runs alternating the order, each timed from spawn to the "shown" line:
               ``python -m siksdesk`` with SIKSDESK_EXIT_AFTER_SHOW=1 (the app's main window
               alone, as bench_desk.py times it); the same main window built by a small harness
               (the baseline for the ratio: the harness and the dashboard run differ only by the
               dashboard); and the harness with the dashboard as the first page (a tab beside the
               list, as the desk will place it) — the line printed once the dashboard has
               received its figures from the worker thread and painted them. Target: dashboard
               ≤ 2× the main window alone (medians).
(b) the parts  in this process: reading every figure (services.rekap.read_rekap, on the worker
               thread in the app) and putting them on screen (DashboardView.show_rekap, the only
               GUI-thread work), medians over the runs.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_desk import EXIT_ENV, OUT, _env, _timed, village

HARNESS = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
import siksdesk.ui.launch as launch
from siksdesk.paths import default_paths
from siksdesk.ui.main_window import MainWindow

database, mode = Path(sys.argv[1]), sys.argv[2]
ctx = launch.open_app(default_paths(), database, check_current=False)
app = launch.ensure_qapplication()
launch.install_translator(app, None)
runner = launch.TaskRunner()
with ctx.reader.snapshot() as conn:
    summary = launch.village_summary(conn)
window = MainWindow(ctx, runner, lang=None, log_path=None)
window.set_village(summary)

def report(what):
    print(f"SIKSDESK_EXIT_AFTER_SHOW: {what} rows={window.model.rowCount()}", flush=True)
    window.close()

if mode == "dashboard":
    from PySide6.QtWidgets import QTabWidget
    from siksdesk.ui.dashboard import DashboardView

    dashboard = DashboardView(ctx.reader, runner, None,
                              baseline_file=ctx.paths.home / "rekap-baseline.json")
    tabs = QTabWidget()
    tabs.addTab(dashboard, "Rekap")
    tabs.addTab(window.takeCentralWidget(), "Daftar ruta")
    window.setCentralWidget(tabs)
    dashboard.loaded.connect(lambda: QTimer.singleShot(0, lambda: report(
        f"dashboard households={dashboard.rekap.households}")))
    window.show()
    dashboard.refresh()
else:
    window.show()
    QTimer.singleShot(0, lambda: report("main window"))
code = app.exec()
runner.wait_for_done()
ctx.close()
sys.exit(code)
"""


def dashboard_village(people: int, rebuild: bool) -> Path:
    """A copy of bench_desk's village with programmes and proposals added (made once)."""
    source = village(people, rebuild)
    target = OUT / f"dashboard-{people}.sqlite3"
    if target.exists() and not rebuild and _has_programmes(target):
        return target
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    _add_programmes_and_proposals(target)
    return target


def _has_programmes(database: Path) -> bool:
    try:
        with sqlite3.connect(database) as conn:
            return bool(conn.execute("SELECT count(*) FROM programme").fetchone()[0])
    except sqlite3.Error:
        return False


def _add_programmes_and_proposals(database: Path) -> None:
    from sqlalchemy import select

    from siksdesk.app import open_app
    from siksdesk.db.session import unit_of_work
    from siksdesk.models import Ruta, Usulan
    from siksdesk.paths import default_paths
    from siksdesk.services.programmes import set_beneficiaries, set_programme

    ctx = open_app(default_paths(_env()), database)
    try:
        factory = ctx.sessions
        with factory() as session:
            uuids = list(session.scalars(select(Ruta.uuid).order_by(Ruta.id)))
        n = len(uuids)
        for code, share, quota_share in (("PKH", 7, 8), ("KKS/BPNT", 4, 4), ("PBI-JK", 2, 3),
                                         ("BLT-DD", 29, 30)):
            set_programme(factory, code, quota=n * quota_share // 100, author="bench")
            set_beneficiaries(factory, code, uuids[::100 // share], author="bench")
        statuses = ("draft",) * 200 + ("ready",) * 120 + ("approved",) * 80 + ("sent",) * 40
        with unit_of_work(factory, "bench", origin="import") as session:
            for index, status in enumerate(statuses):
                uuid = uuids[(index * 37) % n]
                session.add(Usulan(kind="correction", entity="ruta", entity_uuid=uuid,
                                   ruta_uuid=uuid, reason="", source="operator",
                                   created_by="bench", status=status, changes={}))
    finally:
        ctx.close()


# -- (a) start-up ------------------------------------------------------------------------------
def bench_startup(database: Path, runs: int) -> None:
    print("\n(a) start-up to the window shown and populated (spawn → shown line)")
    commands = {
        "app": ([sys.executable, "-m", "siksdesk", "--db", str(database)],
                _env(**{EXIT_ENV: "1"})),
        "window": ([sys.executable, "-c", HARNESS, str(database), "window"], _env()),
        "dashboard": ([sys.executable, "-c", HARNESS, str(database), "dashboard"], _env()),
    }
    for command, env in commands.values():  # warm the file cache (and write the baseline)
        _timed(command, env)
    times: dict[str, list[float]] = {name: [] for name in commands}
    shown: dict[str, str] = {}
    order = list(commands)
    for run in range(runs):
        for name in order if run % 2 == 0 else reversed(order):
            seconds, line = _timed(*commands[name])
            times[name].append(seconds)
            shown[name] = line.strip()
        print(f"    run {run + 1}: python -m siksdesk {times['app'][-1] * 1000:6.0f} ms   "
              f"main window {times['window'][-1] * 1000:6.0f} ms   main window + dashboard "
              f"{times['dashboard'][-1] * 1000:6.0f} ms")
    for name in order:
        print(f"    {name:<9} reported: {shown[name]}")
    median = {name: statistics.median(values) for name, values in times.items()}
    ratios = [d / w for d, w in zip(times["dashboard"], times["window"], strict=True)]
    print(f"    medians: python -m siksdesk {median['app'] * 1000:.0f} ms, main window "
          f"{median['window'] * 1000:.0f} ms, main window + dashboard "
          f"{median['dashboard'] * 1000:.0f} ms")
    print(f"    dashboard / main window alone: {median['dashboard'] / median['window']:.2f}x "
          f"(median of per-run ratios {statistics.median(ratios):.2f}x; target <= 2x)")
    print(f"    dashboard / python -m siksdesk: {median['dashboard'] / median['app']:.2f}x")


# -- (b) the parts -----------------------------------------------------------------------------
def bench_parts(database: Path, runs: int) -> None:
    from PySide6.QtWidgets import QApplication

    from siksdesk.db.reader import Reader
    from siksdesk.services.rekap import read_rekap
    from siksdesk.ui.dashboard import DashboardView
    from siksdesk.ui.dashboard_parts import read_labels
    from siksdesk.ui.tasks import SyncTaskRunner

    print("\n(b) the parts, in process")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    reader = Reader(database)
    reads, shows = [], []
    view = DashboardView(reader, SyncTaskRunner(), "id")
    view.resize(1366, 768)
    view.show()
    labels = read_labels("id")
    for _ in range(runs):
        started = time.perf_counter()
        with reader.snapshot() as conn:
            rekap = read_rekap(conn)
        reads.append(time.perf_counter() - started)
        started = time.perf_counter()
        view.show_rekap(rekap, labels)
        view.repaint()
        app.processEvents()
        shows.append(time.perf_counter() - started)
    print(f"    read every figure (worker thread): median {statistics.median(reads) * 1000:.1f} "
          f"ms over {runs} runs ({rekap.households} households, {rekap.people} people, "
          f"{len(rekap.rt)} RT, {len(rekap.programmes)} programmes, "
          f"{sum(u.proposals for u in rekap.usulan)} proposals)")
    print(f"    show them (GUI thread, incl. one repaint): median "
          f"{statistics.median(shows) * 1000:.1f} ms")
    view.close()
    reader.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    database = dashboard_village(args.people, args.rebuild)
    print(f"village: {database.name}; Qt platform {os.environ['QT_QPA_PLATFORM']}; "
          f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.2f}")
    bench_startup(database, args.runs)
    bench_parts(database, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
