"""The process the crash harness kills: edits households, imports BNBA files and exports, in a
loop, printing ``SAVED ...`` to stdout only after each commit (or atomic file write) returned.

``python -m tests.crash.driver serve`` is a warm "zygote": it imports siksdesk once, then for
each ``run <n> <seed> <db> <fifo>`` line on stdin forks a worker whose stdout is the named pipe
``fifo`` and answers ``PID <pid>`` on its own stdout, then ``EXIT <pid> <status>`` when the
worker has died. Forking a warm process makes a round cost milliseconds instead of the 1-2 s
of importing SQLAlchemy and the app again, so the benchmark affords hundreds of kills.

Lines a worker prints (tokens are ``<run>x<n>``):
``READY`` · ``SAVED edit <ruta_id> <token>`` · ``SAVED import <token>`` ·
``SAVED export <file name>``.
"""

from __future__ import annotations

import csv
import dataclasses
import os
import random
import shutil
import sys
import traceback
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from siksdesk.db.engine import make_engine
from siksdesk.db.session import make_session_factory, read_session
from siksdesk.models import Art, Ruta
from siksdesk.services.bnba_import import apply_bnba, preview_bnba
from siksdesk.services.exports import run_export
from siksdesk.services.household_edit import load_household, save_household

KODE_DESA = "3522142010"
HEADERS = ["KDPROP", "KDKAB", "KDKEC", "KDDESA", "IDBDT", "Alamat", "RT", "RW", "Nama_KRT",
           "Sta_bangunan", "Ada_tabung_gas", "Ada_lemari_es", "Nomor_KK", "IDARTBDT", "Nama",
           "NIK", "Hub_KRT", "JNS_KEL", "Tgl_lahir"]
HOUSEHOLDS_PER_IMPORT = 3
PEOPLE_PER_HOUSEHOLD = 2
AUTHOR = "crash-driver"


def _birth(person: int) -> tuple[int, int, int]:
    return 1 + person % 28, 1 + (person // 28) % 12, 50 + (person // 336) % 40


def nik_for(person: int, *, woman: bool = False) -> str:
    """A well-formed, unique NIK for the ``person``-th person (Kec. Kapas; a woman's birth day
    is written + 40)."""
    day, month, year = _birth(person)
    serial = 1 + person // 13_440
    return f"352214{day + 40 * woman:02d}{month:02d}{year:02d}{serial:04d}"


def bnba_rows(first_household: int, households: int, first_person: int) -> list[list[Any]]:
    rows: list[list[Any]] = []
    person = first_person
    for house in range(first_household, first_household + households):
        idbdt = f"{KODE_DESA}{house:06d}"
        kk = f"352214010109{house % 10_000:04d}"
        for member in range(1, PEOPLE_PER_HOUSEHOLD + 1):
            woman = member == 2
            day, month, year = _birth(person)
            rows.append(["35", "22", "14", "2010", idbdt, f"Jl. Uji {house}", "001", "002",
                         f"Kepala {house}", 1, 1, 3, kk, f"{idbdt}{member:02d}",
                         f"Warga {house}-{member}", nik_for(person, woman=woman), member,
                         2 if woman else 1, f"{day:02d}-{month:02d}-19{year}"])
            person += 1
    return rows


def write_csv(path: Path, rows: list[list[Any]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        writer.writerows(rows)
    return path


def import_households(factory: sessionmaker[Session], folder: Path, name: str,
                      households: int) -> int:
    """Import ``households`` new households (numbered after the ones there); the batch id."""
    with read_session(factory) as session:
        ruta = int(session.scalar(select(func.count()).select_from(Ruta)) or 0)
        art = int(session.scalar(select(func.count()).select_from(Art)) or 0)
    path = write_csv(folder / name, bnba_rows(ruta + 1, households, art + 1))
    try:
        plan = preview_bnba(factory, path)
        return apply_bnba(factory, plan, author=AUTHOR).batch_id
    finally:
        path.unlink(missing_ok=True)


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _edit(factory: sessionmaker[Session], rng: random.Random, token: str, *,
          say: bool = True) -> None:
    with read_session(factory) as session:
        ids = list(session.scalars(select(Ruta.id)))
        ruta_id = rng.choice(ids)
        draft = load_household(session, ruta_id)
    save_household(factory, dataclasses.replace(draft, alamat=f"Jl. Uji #{token}#"),
                   author=AUTHOR)
    if say:
        _say(f"SAVED edit {ruta_id} {token}")


def work(run: int, seed: int, database: Path) -> None:
    """The worker's loop: runs until killed."""
    rng = random.Random(seed)
    engine = make_engine(database)
    factory = make_session_factory(engine)
    scratch = database.parent / "scratch"
    exports = database.parent / "exports"
    scratch.mkdir(exist_ok=True)
    exports.mkdir(exist_ok=True)
    _say("READY")
    for n in range(1, 1_000_000):
        token = f"{run}x{n}"
        roll = rng.random()
        if roll < 0.6:
            _edit(factory, rng, token)
        elif roll < 0.85:
            import_households(factory, scratch, f"imp-{token}.csv", HOUSEHOLDS_PER_IMPORT)
            _say(f"SAVED import {token}")
        else:
            name = f"bnba-{token}.{rng.choice(['xlsx', 'csv'])}"
            run_export(factory, "bnba", exports / name)
            _say(f"SAVED export {name}")


def warm_up(database: Path) -> None:
    """Run each operation once on a scratch copy of ``database`` (in the zygote, before any
    fork): lazy imports, mapper configuration and SQLAlchemy's statement caches are then
    ready in every worker. Every connection is closed again before forking."""
    import sqlite3
    from contextlib import closing

    folder = database.parent / "warm-up"
    folder.mkdir(exist_ok=True)
    scratch = folder / "scratch.sqlite3"
    with closing(sqlite3.connect(database)) as source, closing(sqlite3.connect(scratch)) as copy:
        source.backup(copy)
    engine = make_engine(scratch)
    try:
        factory = make_session_factory(engine)
        _edit(factory, random.Random(0), "0x0", say=False)
        import_households(factory, folder, "warm.csv", 1)
        run_export(factory, "bnba", folder / "warm.xlsx")
        run_export(factory, "bnba", folder / "warm.csv")
    finally:
        engine.dispose()
        shutil.rmtree(folder)


def serve() -> None:
    """The zygote: one forked worker per ``run`` command."""
    warmed = False
    for line in sys.stdin:
        parts = line.split()
        if not parts or parts[0] != "run":
            continue
        run, seed, database, fifo = int(parts[1]), int(parts[2]), Path(parts[3]), parts[4]
        if not warmed:
            warm_up(database)
            warmed = True
        pid = os.fork()
        if pid == 0:  # the worker
            try:
                fd = os.open(fifo, os.O_WRONLY)
                os.dup2(fd, 1)
                sys.stdout = os.fdopen(1, "w", buffering=1, closefd=False)
                work(run, seed, database)
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(3)  # only reached on an error: the harness reports the exit status
        _say(f"PID {pid}")
        _pid, status = os.waitpid(pid, 0)
        _say(f"EXIT {pid} {status}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["serve"]:
        serve()
    else:  # one worker in this process: python -m tests.crash.driver RUN SEED DB
        work(int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]))
