"""Benchmark: exporting the 50,000-person demo village's BNBA to .xlsx (issue 4, "Speed").

Requirement: "Exporting the same 50,000 people to .xlsx: at most 1.3x the time openpyxl's
write-only mode needs to write the same cells without styles."

    .venv/bin/python bench/bench_export.py [--people 50000] [--repeat 1] [--rebuild]

The village is the one bench_desk.py caches (bench/out/desk-<people>.sqlite3, built with
``siksdesk demo`` when missing). The table is ``services.bnba_export.bnba_table`` when that
module exists, else an equivalent bench-only table (one row per ART, ~40 ruta + art columns:
4 identifiers, 7 texts, 2 dates, 27 numbers). Its rows are read into memory once, then, in
alternating order per repeat:
  baseline  openpyxl write-only, ``append`` of exactly those values, no style at all
  xlsx      ``io.xlsx_export.write_xlsx`` (text identifiers, header style, frozen row, filter,
            widths, date format, formula neutralisation, atomic temp → fsync → rename)
  csv       ``io.csv_export.write_csv`` of the same rows (no target; for reference)
Then, in a fresh child process so that its RSS is the export's alone: the end-to-end export
(database → .xlsx through ``services.exports.run_export`` for ``bnba``, or the bench table
streamed from the database), with peak RSS. Prints figures and ratios, asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
LIMIT = 1.3
sys.path.insert(0, str(ROOT / "bench"))

from bench_desk import village  # noqa: E402  (the cached 50,000-person village)

from siksdesk.app import AppContext, open_app  # noqa: E402
from siksdesk.io.table import ColumnKind, ExportColumn, ExportTable  # noqa: E402
from siksdesk.paths import AppPaths  # noqa: E402

ID, TEXT, DATE, INT, DEC = (ColumnKind.IDENTIFIER, ColumnKind.TEXT, ColumnKind.DATE,
                            ColumnKind.INTEGER, ColumnKind.DECIMAL)
# (header, SQL expression, kind, personal) — a BDT-like layout for the bench only; the real
# BNBA layout is helper A's services.bnba_export (used as soon as it exists).
BENCH_COLUMNS: tuple[tuple[str, str, ColumnKind, bool], ...] = (
    ("IDBDT", "r.idbdt", ID, False), ("IDARTBDT", "a.idartbdt", ID, False),
    ("NIK", "a.nik", ID, True), ("NOKK", "k.no_kk", ID, True),
    ("Nomor_urut_rumah_tangga", "r.no_urut", INT, False), ("Alamat", "r.alamat", TEXT, False),
    ("RT", "r.rt", TEXT, False), ("RW", "r.rw", TEXT, False), ("Dusun", "r.dusun", TEXT, False),
    ("Tgl_verivali", "r.tanggal_verivali", DATE, False),
    ("Hasil_verivali", "r.hasil_verivali", INT, False),
    ("Sta_bangunan", "r.status_bangunan", INT, False),
    ("Sta_lahan", "r.status_lahan", INT, False), ("Luas_lantai", "r.luas_lantai", DEC, False),
    ("Lantai", "r.jenis_lantai", INT, False), ("Dinding", "r.jenis_dinding", INT, False),
    ("Atap", "r.jenis_atap", INT, False), ("Jumlah_kamar", "r.jumlah_kamar", INT, False),
    ("Sumber_airminum", "r.sumber_air_minum", INT, False),
    ("Sumber_penerangan", "r.sumber_penerangan", INT, False),
    ("Daya", "r.daya_listrik", INT, False), ("Bb_masak", "r.bahan_bakar_masak", INT, False),
    ("Fasbab", "r.fasilitas_bab", INT, False),
    ("Ada_tabung_gas", "r.ada_tabung_gas", INT, False),
    ("Ada_lemari_es", "r.ada_lemari_es", INT, False),
    ("Ada_sepeda_motor", "r.ada_sepeda_motor", INT, False),
    ("Prog_pkh", "r.prog_pkh", INT, False), ("Prog_bpnt", "r.prog_bpnt", INT, False),
    ("No_art", "a.no_urut", INT, False), ("Nama", "a.nama", TEXT, False),
    ("Hub_KRT", "a.hubungan_krt", INT, False), ("JnsKel", "a.jenis_kelamin", INT, False),
    ("Tmp_lahir", "a.tempat_lahir", TEXT, False), ("Tgl_lahir", "a.tanggal_lahir", DATE, False),
    ("Umur", "a.umur", INT, False), ("Sta_kawin", "a.status_kawin", INT, False),
    ("Pendidikan", "a.pendidikan_tertinggi", INT, False),
    ("Lapangan_usaha", "a.lapangan_usaha", INT, False),
    ("Status_pekerjaan", "a.status_pekerjaan", INT, False),
    ("Nama_ibu_kandung", "a.nama_ibu_kandung", TEXT, False),
)


def bench_table(ctx: AppContext, session: Any) -> ExportTable:
    """The BNBA table: helper A's when it exists, else the bench-only equivalent."""
    try:
        from siksdesk.services.bnba_export import bnba_table  # type: ignore[import-not-found]
    except ImportError:
        pass
    else:
        table = bnba_table(session, layout="bdt2015")
        assert isinstance(table, ExportTable)
        return table
    from datetime import date

    from sqlalchemy import text

    sql = ("SELECT " + ", ".join(expr for _, expr, _, _ in BENCH_COLUMNS)
           + " FROM art a JOIN keluarga k ON k.id = a.keluarga_id JOIN ruta r ON r.id = "
             "k.ruta_id ORDER BY r.no_urut, k.no_urut, a.no_urut")
    dates = [i for i, (_, _, kind, _) in enumerate(BENCH_COLUMNS) if kind is DATE]
    count = session.execute(text("SELECT count(*) FROM art")).scalar_one()

    def rows() -> Iterator[Sequence[object]]:
        for row in session.execute(text(sql)).yield_per(1000):
            values = list(row)
            for i in dates:  # raw SQL hands back ISO text
                values[i] = date.fromisoformat(values[i]) if values[i] else None
            yield values

    columns = tuple(ExportColumn(h, kind, personal) for h, _, kind, personal in BENCH_COLUMNS)
    return ExportTable("BNBA", columns, rows(), count)


def source_name() -> str:
    try:
        import siksdesk.services.bnba_export  # type: ignore[import-not-found]  # noqa: F401
    except ImportError:
        return "bench-only table (services.bnba_export not there yet)"
    return "services.bnba_export.bnba_table"


# --- the three writers ------------------------------------------------------------------------

def write_baseline(table: ExportTable, rows: list[Sequence[object]], path: Path) -> None:
    from openpyxl import Workbook  # type: ignore[import-untyped]

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(table.title)
    sheet.append([column.header for column in table.columns])
    for row in rows:
        sheet.append(row)
    workbook.save(path)


def write_ours(table: ExportTable, rows: list[Sequence[object]], path: Path) -> None:
    from siksdesk.io.xlsx_export import write_xlsx

    write_xlsx(ExportTable(table.title, table.columns, rows, len(rows)), path)


def write_ours_csv(table: ExportTable, rows: list[Sequence[object]], path: Path) -> None:
    from siksdesk.io.csv_export import write_csv

    write_csv(ExportTable(table.title, table.columns, rows, len(rows)), path)


def timed(fn: Callable[[], None]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def child(database: Path, target: Path) -> None:
    """Fresh process: database → .xlsx end to end; prints JSON with time, size and RSS."""
    from siksdesk.io.xlsx_export import write_xlsx

    ctx = open_app(AppPaths(OUT / "export-home"), database)
    reports = 0

    def progress(_done: int, _total: int) -> None:
        nonlocal reports
        reports += 1

    started = time.perf_counter()
    try:
        with ctx.sessions() as session:
            result = write_xlsx(bench_table(ctx, session), target, progress=progress)
    finally:
        ctx.close()
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "rows": result.rows, "bytes": result.size_bytes,
                      "progress_reports": reports,
                      "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    database = village(args.people, args.rebuild)
    OUT.mkdir(exist_ok=True)
    ctx = open_app(AppPaths(OUT / "export-home"), database)
    with ctx.sessions() as session:
        started = time.perf_counter()
        table = bench_table(ctx, session)
        rows = [tuple(row) for row in table.rows]
        read_s = time.perf_counter() - started
    ctx.close()
    cells = len(rows) * len(table.columns)
    print(f"source: {source_name()}")
    print(f"table: {len(rows):,} rows x {len(table.columns)} columns = {cells:,} cells "
          f"(read from the database in {read_s:.1f} s)")

    times: dict[str, list[float]] = {"baseline": [], "xlsx": [], "csv": []}
    writers = {"baseline": lambda: write_baseline(table, rows, OUT / "export-baseline.xlsx"),
               "xlsx": lambda: write_ours(table, rows, OUT / "export-ours.xlsx"),
               "csv": lambda: write_ours_csv(table, rows, OUT / "export-ours.csv")}
    for repeat in range(args.repeat):
        order = ["baseline", "xlsx", "csv"] if repeat % 2 == 0 else ["xlsx", "baseline", "csv"]
        for name in order:
            times[name].append(timed(writers[name]))
            print(f"  run {repeat + 1}: {name:<8} {times[name][-1]:7.2f} s", flush=True)
    ratios = [ours / base for ours, base in zip(times["xlsx"], times["baseline"], strict=True)]
    base, ours, csv_s = (statistics.median(times[k]) for k in ("baseline", "xlsx", "csv"))
    print()
    print(f"openpyxl write-only, no styles (baseline): {base:7.2f} s  "
          f"{len(rows) / base:8,.0f} rows/s  "
          f"{(OUT / 'export-baseline.xlsx').stat().st_size / 1e6:6.1f} MB")
    print(f"write_xlsx (styled, text identifiers):     {ours:7.2f} s  "
          f"{len(rows) / ours:8,.0f} rows/s  "
          f"{(OUT / 'export-ours.xlsx').stat().st_size / 1e6:6.1f} MB")
    print(f"write_csv:                                 {csv_s:7.2f} s  "
          f"{len(rows) / csv_s:8,.0f} rows/s  "
          f"{(OUT / 'export-ours.csv').stat().st_size / 1e6:6.1f} MB")
    verdict = "ok" if statistics.median(ratios) <= LIMIT else "OVER"
    print(f"ratio xlsx / baseline: {statistics.median(ratios):.2f}x "
          f"(per run: {', '.join(f'{r:.2f}' for r in ratios)}; target <= {LIMIT}x: {verdict})")
    print(f"this process's peak RSS (rows held in memory): "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")

    result = subprocess.run([sys.executable, __file__, "--child", str(database),
                             str(OUT / "export-e2e.xlsx")], capture_output=True, text=True,
                            check=True)
    report = json.loads(result.stdout.strip().splitlines()[-1])
    print(f"end to end, database -> .xlsx in a fresh process: {report['seconds']:.2f} s, "
          f"{report['rows']:,} rows, {report['bytes'] / 1e6:.1f} MB, "
          f"{report['progress_reports']} progress reports, peak RSS {report['rss_mb']:.0f} MB")


if __name__ == "__main__":
    main()
