"""A throwaway PostgreSQL cluster for tests and benchmarks (never for production).

``initdb`` + ``pg_ctl`` from the server binaries in a fresh temp folder, listening on a free
loopback port and a unix socket in that folder, trust authentication for the local superuser.
PostgreSQL refuses to run as root: when we are root the cluster runs as the ``postgres`` user
through ``runuser``."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from typing import Final

__all__ = ["PgCluster", "find_bindir"]

_BINDIR_GLOB: Final = "/usr/lib/postgresql/*/bin"


def find_bindir() -> Path | None:
    """The newest installed PostgreSQL server bin folder holding initdb, or None."""
    candidates = sorted(glob.glob(_BINDIR_GLOB), key=lambda p: int(Path(p).parent.name)
                        if Path(p).parent.name.isdigit() else 0)
    for folder in reversed(candidates):
        if (Path(folder) / "initdb").exists():
            return Path(folder)
    configured = shutil.which("initdb")
    return Path(configured).parent if configured else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PgCluster:
    """``start()`` → ``url(dbname)`` / ``create_database(name)`` → ``stop()`` (removes it all)."""

    def __init__(self, bindir: Path, *, fsync: bool = True) -> None:
        self.bindir = bindir
        self.fsync = fsync
        self.base = Path(tempfile.mkdtemp(prefix="siksdesk-pg-"))
        self.data = self.base / "data"
        self.port = 0
        self._as_user: list[str] = []
        if os.geteuid() == 0:
            self._as_user = ["runuser", "-u", "postgres", "--"]
            shutil.chown(self.base, "postgres", "postgres")
        os.chmod(self.base, 0o700)

    def _run(self, *args: str, timeout: float = 120) -> None:
        subprocess.run([*self._as_user, *args], check=True, timeout=timeout,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def start(self) -> PgCluster:
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres",
                  "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync")
        self.port = _free_port()
        options = (f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 "
                   f"-c fsync={'on' if self.fsync else 'off'} -c max_connections=100 "
                   "-c shared_buffers=64MB")
        if not self.fsync:
            options += " -c synchronous_commit=off -c full_page_writes=off"
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-o", options, "-w",
                  "-t", "60", "-l", str(self.base / "server.log"), "start")
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')  # name chosen by the caller's code
        return self.url(name)

    def stop(self) -> None:
        try:
            if self.port:
                self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                          "-w", "stop", timeout=60)
        finally:
            shutil.rmtree(self.base, ignore_errors=True)
