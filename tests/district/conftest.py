"""District receiver fixtures: a home folder, SQLite or a throwaway PostgreSQL cluster.

The PostgreSQL cluster (initdb + pg_ctl in a temp folder, loopback port) is started once per
session and removed at the end; each test gets a fresh database in it. Without the server
binaries the PostgreSQL variants are skipped — unless SIKSDESK_REQUIRE_POSTGRES=1 (CI), then
they fail."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from siksdesk.district.context import District, init_district
from siksdesk.district.devcluster import PgCluster, find_bindir
from siksdesk.district.devices import register_device
from siksdesk.district.samples import SampleVillage

VILLAGE = "3522010001"
_names = itertools.count(1)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    bindir = find_bindir()
    if bindir is None:
        reason = "PostgreSQL server binaries (initdb) not installed"
        if os.environ.get("SIKSDESK_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"{reason}, but SIKSDESK_REQUIRE_POSTGRES=1")
        pytest.skip(reason)
    cluster = PgCluster(bindir, fsync=False).start()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> str | None:
    if request.param == "sqlite":
        return None
    cluster: PgCluster = request.getfixturevalue("pg_cluster")
    return cluster.create_database(f"district_{os.getpid()}_{next(_names)}")


def make_district(home: Path, db_url: str | None, *, training: bool = False) -> District:
    return init_district(home, db_url, district_code="3522", district_name="Kab. Bojonegoro",
                         server_url="http://127.0.0.1:9", training=training)


@pytest.fixture
def district(tmp_path: Path, db_url: str | None) -> Iterator[District]:
    made = make_district(tmp_path / "home", db_url)
    try:
        yield made
    finally:
        made.close()


@pytest.fixture
def sqlite_district(tmp_path: Path) -> Iterator[District]:
    made = make_district(tmp_path / "home", None)
    try:
        yield made
    finally:
        made.close()


def enrol(district: District, village_code: str = VILLAGE, *,
          training: bool = False) -> SampleVillage:
    village = SampleVillage(village_code, district.keys.identity, training=training)
    register_device(district, village.registration(), village.keys.fingerprint)
    return village


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "postgres: runs against a throwaway PostgreSQL server "
                            "(part of the default run; skipped without the server binaries)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Marked here, not in the fixture's params: the marker is registered by this conftest, and
    # pytest checks strict markers when a module-level ``pytest.mark.x`` is first touched.
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and callspec.params.get("db_url") == "postgresql":
            item.add_marker("postgres")
