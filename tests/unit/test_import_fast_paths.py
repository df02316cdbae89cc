"""The import's shortcuts give exactly what the full cell readers give: the per-column fast
paths of ``RowParser`` and the bulk UUIDs of the planner."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

import pytest

from siksdesk.domain.cells import CellError, CellFlag
from siksdesk.io.bnba_layout import BDT2015, HeaderMatch
from siksdesk.io.bnba_rows import RowParser
from siksdesk.services.bnba_plan import _uuid4s

KEYS = ("nama", "idbdt", "nik", "no_kk", "tanggal_lahir", "tanggal_verivali", "no_urut",
        "latitude")
SAMPLES: dict[str, list[Any]] = {
    "nik": ["3522011203870001", " 3522011203870001", "3522011203870001234", "35220112038700",
            "3,52E+15", "３５２２", 3522011203870001.0, "", None, CellFlag.EXCEL_ERROR],
    "no_kk": ["3522010101010001", "'3522010101010001", "", None],
    "tanggal_lahir": [date(1987, 3, 12), date(1870, 1, 1), date(2150, 1, 1),
                      datetime(1987, 3, 12, 8), 31851.0, "12-03-1987", "", None],
    "tanggal_verivali": [date(2020, 5, 1), date(1700, 1, 1), "2020-05-01", None],
    "no_urut": [12.0, 12.5, 7, "7", float("nan"), "x", None],
    "latitude": [-7.25, 112.0, float("nan"), "-7,25", 3, None],
}


def _parser() -> RowParser:
    match = HeaderMatch(1, KEYS, dict(enumerate(KEYS)), (), (), BDT2015, "test")
    return RowParser(match, "f.xlsx", "Sheet1", 1)


def _reference(parser: RowParser, key: str, raw: Any) -> tuple[str, Any]:
    column = next(c for c in parser.columns if c.target.key == key)
    try:
        return "ok", parser._value(column, raw, [], set())
    except CellError as exc:
        return "error", exc.problem.code


def _got(parser: RowParser, key: str, raw: Any) -> tuple[str, Any]:
    cells = ["Nama", "B1", *([None] * (len(KEYS) - 2))]
    cells[KEYS.index(key)] = raw
    row = parser.parse(5, cells)
    assert row is not None
    errors = [e for e in row.errors if e.where.column == KEYS.index(key) + 1]
    if errors:
        return "error", errors[0].code
    part = {"nik": row.art, "tanggal_lahir": row.art, "no_kk": row.keluarga}.get(key)
    return "ok", part[key] if part is not None else row.ruta[key]


@pytest.mark.parametrize(("key", "raw"), [(k, r) for k, raws in SAMPLES.items() for r in raws])
def test_fast_paths_agree_with_the_full_readers(key: str, raw: Any) -> None:
    parser = _parser()
    got = _got(parser, key, raw)
    expected = _reference(parser, key, raw)
    if expected[0] == "ok" and isinstance(expected[1], float) and expected[1] != expected[1]:
        assert got[0] == "ok" and got[1] != got[1]  # NaN
    else:
        assert got == expected
        assert type(got[1]) is type(expected[1])


def test_bulk_uuids_are_random_version_4_strings() -> None:
    made = _uuid4s()
    values = [next(made) for _ in range(10_000)]
    assert len(set(values)) == len(values)
    for value in values[:: 97]:
        parsed = uuid.UUID(value)
        assert str(parsed) == value
        assert parsed.version == 4 and parsed.variant == uuid.RFC_4122
