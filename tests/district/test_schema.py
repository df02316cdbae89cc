"""The district migrations build exactly the models' schema; the package keeps its layer."""

from __future__ import annotations

import ast
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from siksdesk.district import db
from siksdesk.district.context import District
from siksdesk.district.models import DistrictBase

PACKAGE = Path(db.__file__).resolve().parent


def test_upgrade_from_empty_matches_the_models(district: District) -> None:
    assert db.current_revision(district.engine) == db.head_revision()
    with district.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, DistrictBase.metadata) == []


def test_sqlite_pragmas(sqlite_district: District) -> None:
    with sqlite_district.engine.connect() as connection:
        pragmas = [connection.exec_driver_sql(f"PRAGMA {name}").scalar()
                   for name in ("journal_mode", "synchronous", "foreign_keys")]
    assert pragmas == ["wal", 2, 1]


def test_the_district_package_keeps_out_of_the_village_layers() -> None:
    forbidden = ("siksdesk.ui", "siksdesk.services", "siksdesk.models", "siksdesk.db",
                 "PySide6", "shiboken6")
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                     [node.module] if isinstance(node, ast.ImportFrom) and node.module else [])
            offenders += [f"{path.name}: {n}" for n in names
                          if any(n == f or n.startswith(f + ".") for f in forbidden)]
    assert offenders == []
