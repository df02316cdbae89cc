"""Load: 430 villages uploading at once to a real uvicorn server over loopback.

Requirement (issue 6): "Load: 430 villages uploading at once over loopback (bounded concurrency
and duration), 10 % of uploads repeated: every bundle applied exactly once, no error response
other than for the deliberate bad cases."

Setup (not timed): a district with 430 registered devices, one sealed bundle per village; the
server is ``siksdesk-district serve`` in its own process (uvicorn). Then 32 concurrent httpx
async clients send the 430 bundles, plus a repeat of 10 % of them (sent concurrently with the
rest, so some repeats race their original), plus deliberate bad cases (garbage, a device that
is not registered, an oversized body). Checked afterwards: every good upload answered 200
with a receipt, every repeat got the identical receipt bytes as "applied" or "duplicate", bad
cases got their 4xx, and the database holds each bundle and each record exactly once.

    .venv/bin/python bench/bench_load.py [--villages 430] [--records 300] [--clients 32]
                                         [--backend sqlite|postgresql] [--timeout 600]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import httpx
from sqlalchemy import func, select

from siksdesk.district.context import open_district
from siksdesk.district.devcluster import PgCluster, _free_port, find_bindir
from siksdesk.district.models import AppliedRecord, Bundle, Device
from siksdesk.district.samples import SampleVillage, sample_nik
from siksdesk.sync.keys import KeyPair

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_ingest import fresh_district, make_bundles

BAD_CASES = 12


def start_server(home: Path, url: str | None, port: int) -> subprocess.Popen[bytes]:
    args = [sys.executable, "-m", "siksdesk.district.cli", "--home", str(home)]
    if url:
        args += ["--db-url", url]
    args += ["serve", "--host", "127.0.0.1", "--port", str(port)]
    return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_ready(base: str, server: subprocess.Popen[bytes], limit: float = 60) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if server.poll() is not None:
            detail = server.stderr.read().decode() if server.stderr else ""
            raise SystemExit(f"server exited: {detail}")
        try:
            if httpx.get(f"{base}/v1/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise SystemExit("server did not start")


def bad_uploads(keys: KeyPair) -> list[tuple[str, bytes, int]]:
    stranger = SampleVillage("3522999001", keys.identity)
    cases = [("garbage", b"SIKSDESK" + bytes(300), 422),
             ("unknown device", stranger.next_bundle([sample_nik(9_000_000)]), 403),
             ("oversized", bytes(64 * 1024 * 1024 + 1), 413)]
    return [cases[i % len(cases)] for i in range(BAD_CASES)]


async def upload_all(base: str, jobs: list[tuple[str, bytes, int]], clients: int,
                     timeout: float) -> list[tuple[str, int, bytes, float, str]]:
    queue: asyncio.Queue[tuple[str, bytes, int]] = asyncio.Queue()
    for job in jobs:
        queue.put_nowait(job)
    results: list[tuple[str, int, bytes, float, str]] = []
    limits = httpx.Limits(max_connections=clients)

    async def worker(client: httpx.AsyncClient) -> None:
        while not queue.empty():
            name, data, _expected = queue.get_nowait()
            start = time.perf_counter()
            try:
                answer = await client.post("/v1/bundles", content=data)
                status, body, outcome = (answer.status_code, answer.content,
                                         answer.headers.get("X-Siksdesk-Outcome", ""))
            except httpx.HTTPError as error:  # the server may close on an oversized body
                status, body, outcome = 0, b"", type(error).__name__
            results.append((name, status, body, time.perf_counter() - start, outcome))

    async with httpx.AsyncClient(base_url=base, timeout=timeout, limits=limits) as client:
        await asyncio.wait_for(asyncio.gather(*(worker(client) for _ in range(clients))),
                               timeout)
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--villages", type=int, default=430)
    parser.add_argument("--records", type=int, default=300)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args(argv)
    keys = KeyPair.generate()
    villages, bundles = make_bundles(keys, args.villages, args.records)
    rng = random.Random(2026)
    repeats = rng.sample(range(len(bundles)), max(1, len(bundles) // 10))
    jobs = [(f"v{i}", data, 200) for i, data in enumerate(bundles)]
    jobs += [(f"v{i}", bundles[i], 200) for i in repeats]
    jobs += [(f"bad:{name}", data, status) for name, data, status in bad_uploads(keys)]
    rng.shuffle(jobs)
    cluster = None
    with tempfile.TemporaryDirectory(prefix="bench-load-") as folder:
        url = None
        if args.backend == "postgresql":
            bindir = find_bindir()
            if bindir is None:
                raise SystemExit("no PostgreSQL server binaries")
            cluster = PgCluster(bindir, fsync=True).start()
            url = cluster.create_database("load")
        home = Path(folder) / "home"
        fresh_district(home, url, keys, villages).close()
        port = _free_port()
        server = start_server(home, url, port)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_ready(base, server)
            start = time.perf_counter()
            results = asyncio.run(upload_all(base, jobs, args.clients, args.timeout))
            took = time.perf_counter() - start
        finally:
            server.terminate()
            server.wait(timeout=30)
        ok = report(results, jobs, took, args)
        ok = check_database(home, url, args) and ok
        if cluster is not None:
            cluster.stop()
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


def report(results: list[tuple[str, int, bytes, float, str]],
           jobs: list[tuple[str, bytes, int]], took: float, args: argparse.Namespace) -> bool:
    good = [r for r in results if not r[0].startswith("bad:")]
    bad = [r for r in results if r[0].startswith("bad:")]
    latencies = sorted(r[3] for r in good)
    outcomes = Counter(r[4] for r in good)
    print(f"{args.backend}: {len(results)} uploads ({len(good)} good incl. "
          f"{len(good) - args.villages} repeats, {len(bad)} deliberate bad) by {args.clients} "
          f"clients in {took:.1f} s: {len(good) / took:.1f} bundles/s, "
          f"{len(good) * args.records / took:,.0f} records/s")
    print(f"latency p50 {statistics.median(latencies) * 1000:.0f} ms, p95 "
          f"{latencies[int(0.95 * (len(latencies) - 1))] * 1000:.0f} ms, max "
          f"{latencies[-1] * 1000:.0f} ms; outcomes {dict(outcomes)}; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    errors = [r for r in good if r[1] != 200]
    receipts: dict[str, set[bytes]] = {}
    for name, _status, body, _t, _o in good:
        receipts.setdefault(name, set()).add(body)
    differing = [n for n, bodies in receipts.items() if len(bodies) != 1]
    expected = {name: status for name, _d, status in jobs}
    wrong_bad = [(n, s) for n, s, _b, _t, _o in bad if s not in (expected[n], 0)]
    print(f"good uploads answered non-200: {len(errors)}; repeats whose receipt bytes differ: "
          f"{len(differing)}; bad cases answered otherwise than expected: {len(wrong_bad)} "
          f"({Counter(s for _n, s, _b, _t, _o in bad)})")
    return not errors and not differing and not wrong_bad and outcomes["applied"] == args.villages


def check_database(home: Path, url: str | None, args: argparse.Namespace) -> bool:
    district = open_district(home, url)
    try:
        with district.factory() as session:
            applied = session.scalar(select(func.count()).select_from(Bundle)
                                     .where(Bundle.state == "applied"))
            others = session.scalar(select(func.count()).select_from(Bundle)
                                    .where(Bundle.state != "applied"))
            records = session.scalar(select(func.count()).select_from(AppliedRecord))
            sequences = Counter(session.scalars(select(Device.last_applied_sequence)))
    finally:
        district.close()
    print(f"database: {applied} bundles applied, {others} other bundle rows, {records} "
          f"records, devices by last sequence {dict(sequences)}")
    return (applied == args.villages and others == 0
            and records == args.villages * args.records and sequences == {1: args.villages})


if __name__ == "__main__":
    sys.exit(main())
