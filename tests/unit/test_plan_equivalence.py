"""The import planner's shortcuts give exactly the plain path's plan: a household that matches
nothing stored (every household of an empty village) is planned by a lean path, the values are
picked by template merges; the plan (outcomes, writes, the order of every values mapping, which
becomes the change log's JSON) is compared with the full path on generated files, in an empty
village and in one that already holds some of the file's people."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from siksdesk.domain.import_problems import Location, problem
from siksdesk.io.bnba_rows import ParsedRow
from siksdesk.services import bnba_plan
from siksdesk.services.bnba_plan import Planner, RegionCheck
from siksdesk.services.bnba_plan_parts import Picker, RutaPicker, pick
from siksdesk.services.bnba_state import DbRecord, DbState

RUTA_KEYS = ["idbdt", "no_urut", "alamat", "rt", "luas_lantai", "ada_ac"]
PARSER_RUTA = ("rt", "luas_lantai", "ada_ac", "idbdt", "no_urut", "alamat")  # the parser's order
KELUARGA_KEYS = ["no_kk", "no_kk_from_number"]
ART_KEYS = ["idartbdt", "nama", "nik", "jenis_kelamin", "tanggal_lahir", "nourut_art",
            "nik_from_number", "temp_id"]
NIKS = ["3522011203870001", "3522014503900002", "3522010101010003", "3522010202020004"]
KKS = ["3522010101010101", "3522010101010202", "3522010101010303"]
TEMPS = ["SMT-AAAAAAAA", "SMT-BBBBBBBB"]

person = st.fixed_dictionaries({
    "nik": st.sampled_from([None, *NIKS]),
    "idartbdt": st.sampled_from([None, "A1", "A2", "A3", "A4", "A5"]),
    "temp_id": st.sampled_from([None, *TEMPS]),
    "nourut": st.sampled_from([None, 1, 2, 3]),
    "no_kk": st.sampled_from([None, *KKS]),
    "from_number": st.booleans(),
    "differs": st.booleans(),  # household values unlike the first row's
    "damaged": st.booleans(),  # a CELL_NUMBER_DAMAGED warning on the NIK
})
household = st.tuples(st.sampled_from([None, "B1", "B2", "B3", "B4"]),
                      st.lists(person, min_size=1, max_size=4))
files = st.fixed_dictionaries({
    "households": st.lists(household, min_size=1, max_size=8),
    "temp_mapped": st.booleans(),  # without the column, rows carry no temp_id key
    "ruta_no": st.booleans(),
    "stored": st.booleans(),  # the village already holds household B1 and person A1
    "unsent": st.booleans(),  # ... with a local edit not yet sent
})


def _rows(spec: dict[str, Any]) -> list[ParsedRow]:
    rows: list[ParsedRow] = []
    number = 2
    for idbdt, people in spec["households"]:
        for at, who in enumerate(people):
            where = Location("f.xlsx", "Data", number)
            ruta = {"rt": "001", "luas_lantai": 30.0 + (at if who["differs"] else 0),
                    "ada_ac": who["differs"] or None, "idbdt": idbdt,
                    "no_urut": (7 if spec["ruta_no"] else None), "alamat": "Jl. Mawar"}
            art: dict[str, Any] = {"nik_from_number": who["from_number"], "jenis_kelamin": 1,
                                   "idartbdt": who["idartbdt"], "nama": f"Orang {number}",
                                   "nik": who["nik"], "tanggal_lahir": date(1990, 1, 2),
                                   "nourut_art": who["nourut"]}
            if spec["temp_mapped"]:
                art["temp_id"] = who["temp_id"]
            warnings = [problem("CELL_NUMBER_DAMAGED", field="nik").at(where)] if who[
                "damaged"] else []
            rows.append(ParsedRow(
                number, {"kdprop": "35", "kdkab": "22"}, tuple(ruta[k] for k in PARSER_RUTA),
                PARSER_RUTA, {"no_kk_from_number": False, "no_kk": who["no_kk"]}, art, [],
                warnings, where, idbdt))
            number += 1
    return rows


def _state(spec: dict[str, Any]) -> DbState:
    empty = DbState({}, {}, {}, {}, {}, {}, {}, {}, set(), 0, None, None, 1)
    if not spec["stored"]:
        return empty
    ruta = DbRecord(1, "r-1", 0, 1, {"idbdt": "B1", "no_urut": 1, "alamat": "Jl. Lama",
                                     "rt": "002", "luas_lantai": 30.0, "ada_ac": False})
    keluarga = DbRecord(1, "k-1", 1, 1, {"no_kk": KKS[0], "no_kk_from_number": False})
    art = DbRecord(1, "a-1", 1, 2, {"idartbdt": "A1", "nik": NIKS[0], "temp_id": TEMPS[0],
                                    "nik_from_number": False, "nama": "Lama",
                                    "jenis_kelamin": 2, "tanggal_lahir": None})
    return DbState({1: ruta}, {1: keluarga}, {1: art}, {"B1": 1}, {"A1": 1}, {NIKS[0]: 1},
                   {TEMPS[0]: 1}, {1: [1]}, {"r-1"} if spec["unsent"] else set(), 5, None,
                   None, 2)


def _counter(prefix: str) -> Callable[[], str]:
    made = iter(range(1, 1_000_000))
    return lambda: f"{prefix}{next(made)}"


def _plan(spec: dict[str, Any], monkeypatch: pytest.MonkeyPatch, *, lean: bool) -> Any:
    monkeypatch.setattr(bnba_plan, "new_temp_id", _counter("SMT-T"))
    rows = _rows(spec)
    state = _state(spec)
    planner = Planner(state, RUTA_KEYS, KELUARGA_KEYS, ART_KEYS)
    planner.new_uuid = _counter("u-")
    if not lean:  # the full path for every household
        planner._matching, planner._lean = True, False
    kept = planner.screen(rows, RegionCheck(None, None))
    planner.plan(kept, lambda _done, _total: None, lambda: False)
    writes = planner.writes()
    ordered = [[(x.uuid, list(x.values.items())) for x in part]
               for part in (writes.new_ruta, writes.new_keluarga, writes.new_art)]
    return ([planner.outcomes[r.row] for r in rows], writes, ordered, planner.next_ruta_no,
            planner.used_temp_ids, [(r.errors, r.warnings) for r in rows])


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=files)
def test_lean_path_plans_exactly_as_the_full_path(spec: dict[str, Any],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as patch:
        lean = _plan(spec, patch, lean=True)
    with monkeypatch.context() as patch:
        full = _plan(spec, patch, lean=False)
    assert lean == full


def test_the_generated_files_reach_every_outcome(monkeypatch: pytest.MonkeyPatch) -> None:
    """The comparison above is not vacuous: new, updated, conflicting and rejected rows occur,
    and the lean path plans the new household."""
    lean_calls: list[int] = []
    plain = Planner._new_household

    def counted(planner: Planner, rows: list[ParsedRow]) -> None:
        lean_calls.append(len(rows))
        plain(planner, rows)

    monkeypatch.setattr(Planner, "_new_household", counted)
    spec = {"households": [("B1", [{"nik": NIKS[0], "idartbdt": "A1", "temp_id": None,
                                     "nourut": None, "no_kk": KKS[0], "from_number": False,
                                     "differs": False, "damaged": False}]),
                           ("B2", [{"nik": NIKS[1], "idartbdt": "A1", "temp_id": None,
                                    "nourut": 2, "no_kk": None, "from_number": True,
                                    "differs": False, "damaged": True},
                                   {"nik": NIKS[2], "idartbdt": "A2", "temp_id": TEMPS[1],
                                    "nourut": 2, "no_kk": KKS[1], "from_number": False,
                                    "differs": True, "damaged": False}])],
            "temp_mapped": True, "ruta_no": False, "stored": True, "unsent": False}
    outcomes = _plan(spec, monkeypatch, lean=True)[0]
    assert [o.status.value for o in outcomes] == ["update", "rejected", "new"]
    assert lean_calls == [1]
    spec["unsent"] = True
    outcomes = _plan(spec, monkeypatch, lean=True)[0]
    assert outcomes[0].status.value == "conflict"


def _dicts(keys: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    names = st.sampled_from([*keys, "other", "more"])
    return st.dictionaries(names, st.one_of(st.none(), st.integers(), st.text(max_size=3)))


@given(keys=st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), max_size=6), data=st.data())
def test_pickers_give_the_plain_pick_in_its_order(keys: list[str], data: st.DataObject) -> None:
    source = data.draw(_dicts(keys))
    expected = pick(source, keys)
    got = Picker(keys)(source)
    assert got == expected and list(got) == list(expected)
    names = tuple(data.draw(st.lists(st.sampled_from([*keys, "x", "y"]), max_size=7)))
    values = tuple(data.draw(st.lists(st.integers(), min_size=len(names),
                                      max_size=len(names))))
    row = ParsedRow(2, {}, values, names, {}, {}, [], [], Location())
    picker = RutaPicker(keys)
    for _again in range(2):  # the second call uses what the first one learnt
        got = picker.row(row)
        expected = pick(row.ruta, keys)
        assert got == expected and list(got) == list(expected)


def test_ruta_picker_refuses_a_short_row_as_the_row_does() -> None:
    row = ParsedRow(2, {}, (1,), ("a", "b"), {}, {}, [], [], Location())
    with pytest.raises(ValueError, match="shorter"):
        _ = row.ruta
    with pytest.raises(ValueError, match="shorter"):
        RutaPicker(["a", "b"]).row(row)
