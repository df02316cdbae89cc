"""The derived-table shortcuts give what the plain code gives: ``PlanFacts`` reads a value
mapping into its stored form by class combination and dict merges (compared with reading each
value on its own), and the search document and problem rows of ``derived`` are built as the
plain formulas build them."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from siksdesk.domain.problems import make_problem
from siksdesk.domain.rules import FamilyFacts, Finding, MemberFacts
from siksdesk.services.bnba_derived import _ART_HEAD, _Columns, _convert, _kind, _Unsure
from siksdesk.services.bnba_state import ART_TABLE, RUTA_TABLE
from siksdesk.services.derived import (
    ART_KEYS,
    RUTA_HEAD,
    RUTA_KEYS,
    _problem_values,
    _search_document,
)

VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 3), st.just(2**63), st.sampled_from([2.0, 2.5]),
    st.just(float(2**64)), st.sampled_from(["", "x"]), st.just(date(2020, 1, 2)),
    st.just(datetime(2020, 1, 2, 3, 4)))


def _plain(table: Any, keys: tuple[str, ...], fill: dict[str, Any],
           values: dict[str, Any]) -> list[Any]:
    """Each value on its own: the fill, then the class check, then ``_convert``."""
    same = {"text": {str}, "int": {int}, "real": {float}, "bool": {bool}, "date": {date}}
    found = []
    for key in keys:
        value = values.get(key)
        if value is None:
            value = fill.get(key)
        if value is not None and value.__class__ not in same.get(_kind(table, key), set()):
            value = _convert(_kind(table, key), value)
        found.append(value)
    return found


def _check(table: Any, head: tuple[str, ...], named: tuple[str, ...], fill: dict[str, Any],
           samples: list[dict[str, Any]]) -> None:
    columns = _Columns(table, head, named, fill)
    for values in samples:  # one reader for all: what it remembers is used again
        try:
            expected: Any = _plain(table, (*head, *named), fill, values)
        except _Unsure:
            expected = _Unsure
        try:
            got_head, got_named = columns.read(values)
            got: Any = [*got_head, *got_named.values()]
            assert list(got_named) == list(named)
        except _Unsure:
            got = _Unsure
        assert got == expected
        if got is not _Unsure:
            assert [v.__class__ for v in got] == [v.__class__ for v in expected]


def _samples(keys: tuple[str, ...]) -> st.SearchStrategy[list[dict[str, Any]]]:
    names = st.sampled_from([*keys, "idartbdt", "no_urut", "extra"])
    return st.lists(st.dictionaries(names, VALUES, max_size=12), max_size=6)


@given(data=st.data())
def test_member_values_read_as_each_value_on_its_own(data: st.DataObject) -> None:
    samples = data.draw(_samples((*_ART_HEAD, *ART_KEYS[:8])))
    _check(ART_TABLE, _ART_HEAD, ART_KEYS, {"nik_from_number": False}, samples)


@given(data=st.data())
def test_household_values_read_as_each_value_on_its_own(data: st.DataObject) -> None:
    samples = data.draw(_samples((*RUTA_HEAD, *RUTA_KEYS[:8])))
    _check(RUTA_TABLE, RUTA_HEAD, RUTA_KEYS, {"alamat": "", "rt": "", "rw": "", "dusun": ""},
           samples)


def test_the_generated_values_reach_conversions_and_refusals() -> None:
    columns = _Columns(RUTA_TABLE, RUTA_HEAD, RUTA_KEYS, {"alamat": ""})
    real = next(k for k in RUTA_KEYS if _kind(RUTA_TABLE, k) == "real")
    head, named = columns.read({real: 3, "extra": 1})
    assert head[0] == "" and named[real] == 3.0 and type(named[real]) is float
    assert "extra" not in named
    try:
        columns.read({"alamat": date(2020, 1, 2)})
    except _Unsure:
        pass
    else:
        raise AssertionError("a date in a text column is not certain")


def _plain_document(head: Any, families: Any, people: Any) -> str:
    parts = [head[0], head[1], f"RT {head[2]} RW {head[3]}", head[4] or ""]
    parts += [f.no_kk or "" for f in families]
    for person in people:
        parts += [person.nama, person.nik or "", person.temp_id or ""]
    return " | ".join(p for p in parts if p)


TEXTS = st.one_of(st.none(), st.sampled_from(["", "a", "Sri"]))


@given(head=st.tuples(st.sampled_from(["", "Jl. A"]), st.sampled_from(["", "Krajan"]),
                      st.sampled_from(["", "001"]), st.sampled_from(["", "002"]), TEXTS),
       kks=st.lists(TEXTS, max_size=3),
       people=st.lists(st.tuples(st.sampled_from(["", "Budi"]), TEXTS, TEXTS), max_size=3))
def test_search_document_as_the_plain_formula(head: tuple[Any, ...], kks: list[Any],
                                              people: list[tuple[Any, ...]]) -> None:
    families = [FamilyFacts(at, kk) for at, kk in enumerate(kks)]
    members = [MemberFacts(at, nama, nik, temp_id=temp) for at, (nama, nik, temp) in
               enumerate(people)]
    assert _search_document(head, families, members) == _plain_document(head, families, members)


def test_problem_rows_as_the_named_rows_were() -> None:
    with_params = Finding("nik", make_problem("NIK_DUPLICATE", "nik", count=2), art_id=3,
                          keluarga_id=2)
    plain = Finding("nama", make_problem("FIELD_MISSING", "nama", variable="nama"))
    row = _problem_values(7, with_params)
    assert row[:6] == (7, 3, 2, "nik", "NIK_DUPLICATE", with_params.problem.severity.value)
    assert json.loads(row[6]) == {"count": "2"}
    assert _problem_values(1, plain)[1:3] == (None, None)
    empty = Finding("no_kk", make_problem("KK_MISSING", "no_kk"))
    assert _problem_values(1, empty)[6] == ""
