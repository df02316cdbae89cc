"""Shared by the fuzz tests: a throwaway district receiver and a content digest of its
database (compares contents, not file bytes)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import Engine, MetaData, select

from siksdesk.district.context import District, init_district
from siksdesk.district.devices import register_device
from siksdesk.district.samples import SampleVillage

_TABLES: dict[int, MetaData] = {}


def content_digest(engine: Engine) -> str:
    """Every row of every table, in a stable order."""
    meta = _TABLES.get(id(engine))
    if meta is None:
        meta = _TABLES[id(engine)] = MetaData()
        meta.reflect(engine)
    digest = hashlib.sha256()
    with engine.connect() as conn:
        for table in sorted(meta.sorted_tables, key=lambda t: t.name):
            rows = conn.execute(select(table)).all()
            digest.update(table.name.encode())
            for row in sorted(repr(tuple(r)) for r in rows):
                digest.update(row.encode())
    return digest.hexdigest()


def make_district(home: Path) -> District:
    return init_district(home, None, district_code="3522", district_name="Kab. Bojonegoro",
                         server_url="http://127.0.0.1:9")


def enrolled(district: District) -> SampleVillage:
    village = SampleVillage("3522010001", district.keys.identity)
    register_device(district, village.registration(), village.keys.fingerprint)
    return village
