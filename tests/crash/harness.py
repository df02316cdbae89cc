"""Kill-9 harness: a worker (``tests.crash.driver``) edits, imports and exports on a small
village; it is SIGKILLed at a random moment; then the database must pass ``integrity_check``,
every change the worker reported ``SAVED`` must be there, and nothing may be half-written (an
import batch is there with all its households, its derived rows and its batch row, or not at
all). The next round starts on the same file, so recovery of a hot ``-wal`` is exercised too.
Linux/macOS only (fork, named pipes).
"""

from __future__ import annotations

import json
import os
import random
import re
import select
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[2]
SETUP_HOUSEHOLDS = 12
_TOKEN = re.compile(r"#(\d+)x(\d+)#")


@dataclass
class Ledger:
    """Everything reported SAVED so far (all rounds), and what was found."""

    edits: dict[tuple[int, int], int] = field(default_factory=dict)  # token -> ruta_id
    imports: set[str] = field(default_factory=set)
    exports: int = 0
    kills: int = 0
    integrity_failures: int = 0
    lost: list[str] = field(default_factory=list)  # saved changes missing afterwards
    half_written: list[str] = field(default_factory=list)
    early_exits: list[str] = field(default_factory=list)  # a worker that died by itself

    def summary(self) -> dict[str, object]:
        return {"kills": self.kills, "integrity_failures": self.integrity_failures,
                "saved_edits": len(self.edits), "saved_imports": len(self.imports),
                "saved_exports": self.exports, "saved_changes_lost": len(self.lost),
                "half_written": len(self.half_written), "early_exits": len(self.early_exits)}


def prepare_village(folder: Path) -> Path:
    """A fresh database with a village profile and SETUP_HOUSEHOLDS imported households."""
    from tests.crash.driver import KODE_DESA, import_households

    from siksdesk.db.engine import make_engine
    from siksdesk.db.migrate import ensure_schema
    from siksdesk.db.session import make_session_factory
    from siksdesk.models import VillageProfile

    folder.mkdir(parents=True, exist_ok=True)
    database = folder / "siksdesk.sqlite3"
    ensure_schema(database, folder / "backups")
    engine = make_engine(database)
    try:
        factory = make_session_factory(engine)
        with factory.begin() as session:
            session.add(VillageProfile(kode_desa=KODE_DESA, nama_desa="Kedaton",
                                       nama_kecamatan="Kapas", nama_kabupaten="Bojonegoro",
                                       nama_provinsi="Jawa Timur"))
        import_households(factory, folder, "setup.csv", SETUP_HOUSEHOLDS)
    finally:
        engine.dispose()
    return database


class Zygote:
    """The warm driver process; ``kill_round`` forks one worker and kills it."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process
        assert process.stdin is not None and process.stdout is not None
        self._in: IO[str] = process.stdin
        self._out: IO[str] = process.stdout

    def kill_round(self, run: int, database: Path, delay: float, seed: int) -> list[str]:
        """Start worker ``run``, SIGKILL it ``delay`` seconds after it is READY, return the
        lines it printed. A worker that exits by itself is reported as "EXIT <status>"."""
        fifo = database.parent / f".worker-{run}.fifo"
        os.mkfifo(fifo)
        try:
            self._in.write(f"run {run} {seed} {database} {fifo}\n")
            self._in.flush()
            pid = int(self._expect("PID").split()[1])
            with fifo.open("rb", buffering=0) as stream:
                said = _read_until(stream, lambda got: b"\n" in got, None)
                if said.startswith(b"READY\n"):
                    # Until the random moment of the crash, or the worker's own end if sooner.
                    said += _read_until(stream, lambda _got: False, time.monotonic() + delay)
                os.kill(pid, signal.SIGKILL)
                said += _read_until(stream, lambda _got: False, None)
            lines = said.decode("utf-8").splitlines()
            status = int(self._expect("EXIT").split()[2])
        finally:
            fifo.unlink(missing_ok=True)
        if not (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL):
            lines.append(f"EXIT {status}")
        return [line.strip() for line in lines if line.strip()]

    def _expect(self, word: str) -> str:
        line = self._out.readline()
        if not line.startswith(word):
            raise RuntimeError(f"driver said {line!r}, expected {word}")
        return line


def _read_until(stream: IO[bytes], enough: Callable[[bytes], bool], deadline: float | None
                ) -> bytes:
    """What the worker writes until ``enough(what was read)``, the ``deadline``
    (``time.monotonic``) or the end of its output, whichever comes first."""
    got = b""
    while not enough(got):
        wait = None if deadline is None else deadline - time.monotonic()
        if wait is not None and wait <= 0:
            break
        readable, _, _ = select.select([stream], [], [], wait)
        if not readable:
            break  # the deadline
        chunk = stream.read(65536)
        if not chunk:
            break  # the worker's end
        got += chunk
    return got


@contextmanager
def zygote() -> Iterator[Zygote]:
    process = subprocess.Popen([sys.executable, "-m", "tests.crash.driver", "serve"],
                               cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               text=True)
    try:
        yield Zygote(process)
    finally:
        assert process.stdin is not None
        process.stdin.close()
        process.wait(timeout=30)


def record(ledger: Ledger, lines: list[str], exports: Path) -> None:
    for line in lines:
        parts = line.split()
        if parts[:2] == ["SAVED", "edit"]:
            run, n = parts[3].split("x")
            ledger.edits[(int(run), int(n))] = int(parts[2])
        elif parts[:2] == ["SAVED", "import"]:
            ledger.imports.add(f"imp-{parts[2]}.csv")
        elif parts[:2] == ["SAVED", "export"]:
            ledger.exports += 1
            _check_export(ledger, exports / parts[2])
        elif parts[0] == "EXIT":
            ledger.early_exits.append(line)


def _check_export(ledger: Ledger, path: Path) -> None:
    if not path.exists():
        ledger.lost.append(f"export {path.name}")
    elif path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as book:
            if book.testzip() is not None:
                ledger.half_written.append(f"export {path.name}")
    elif not path.read_bytes().endswith(b"\n"):
        ledger.half_written.append(f"export {path.name}")


def check(ledger: Ledger, database: Path) -> None:
    """After a kill: integrity, every saved change present, nothing half-written."""
    with closing(sqlite3.connect(database)) as conn:
        verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if verdict != "ok":
            ledger.integrity_failures += 1
            return
        logged = {(int(a), int(b)) for text, in conn.execute(
            "SELECT after FROM change_log WHERE entity = 'ruta' AND after LIKE '%#%x%#%'")
            for a, b in _TOKEN.findall(text)}
        current = {rid: _token(alamat) for rid, alamat in conn.execute(
            "SELECT id, alamat FROM ruta")}
        batches = {name for name, in conn.execute(
            "SELECT file_name FROM import_batch WHERE kind = 'bnba'")}
        counts = conn.execute(
            "SELECT (SELECT count(*) FROM ruta), (SELECT count(*) FROM art), "
            "(SELECT count(*) FROM household_index)").fetchone()
    newest: dict[int, tuple[int, int]] = {}
    for token, ruta_id in ledger.edits.items():
        if token not in logged:
            ledger.lost.append(f"edit {token}")
        newest[ruta_id] = max(newest.get(ruta_id, (0, 0)), token)
    for ruta_id, token in newest.items():
        if current.get(ruta_id, (0, 0)) < token:  # a newer unreported save may be there
            ledger.lost.append(f"edit {token} (ruta {ruta_id} shows an older address)")
    ledger.lost += [f"import {name}" for name in ledger.imports - batches]
    imported = len(batches) - 1  # the setup import
    expected = SETUP_HOUSEHOLDS + 3 * imported
    if counts != (expected, 2 * expected, expected):
        ledger.half_written.append(f"counts {counts} for {imported} imports")


def _token(alamat: str) -> tuple[int, int]:
    found = _TOKEN.search(alamat)
    return (int(found.group(1)), int(found.group(2))) if found else (0, 0)


def clean_exports(exports: Path) -> None:
    for path in exports.glob("*"):
        path.unlink(missing_ok=True)


def crash_loop(folder: Path, kills: int, *, max_delay: float = 0.4, seed: int = 7) -> Ledger:
    """``kills`` rounds on one village in ``folder``; returns the ledger."""
    rng = random.Random(seed)
    database = prepare_village(folder)
    ledger = Ledger()
    with zygote() as driver:
        for run in range(1, kills + 1):
            delay, worker_seed = rng.uniform(0, max_delay), rng.randrange(1 << 30)
            lines = driver.kill_round(run, database, delay, worker_seed)
            ledger.kills += "EXIT" not in " ".join(lines)
            record(ledger, lines, folder / "exports")
            check(ledger, database)
            clean_exports(folder / "exports")
    return ledger


if __name__ == "__main__":
    result = crash_loop(Path(sys.argv[1]), int(sys.argv[2]))
    print(json.dumps(result.summary()))
