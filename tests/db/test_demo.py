"""The demo village: deterministic, realistic, planted problems, safe storage, CLI."""

from __future__ import annotations

import itertools
import json
import os
import sqlite3
import subprocess
import sys
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, create_engine, select

from siksdesk.app import AppContext, open_app
from siksdesk.db.session import read_session, unit_of_work
from siksdesk.demo import (
    REFERENCE_DATE,
    DemoCancelled,
    DemoVillage,
    DemoVillageExists,
    FieldProblem,
    build_demo_village,
    generate_village,
)
from siksdesk.demo.generator import uuid4_from_bits
from siksdesk.demo.store import TableWriter
from siksdesk.domain.variables import Entity, variables
from siksdesk.models import Art, ChangeLog, Ruta, VillageProfile
from siksdesk.paths import default_paths

SMALL = 400


@pytest.fixture(scope="module")
def small() -> DemoVillage:
    return generate_village(7, SMALL)


@pytest.fixture(scope="module")
def default() -> DemoVillage:
    return generate_village()


@pytest.fixture
def ctx(tmp_home: Path) -> Iterator[AppContext]:
    context = open_app(default_paths())
    yield context
    context.close()


def _people(village: DemoVillage) -> list[dict[str, Any]]:
    return village.art.records()


def _db_rows(ctx: AppContext, table: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(ctx.database) as conn:
        return conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()


def _snapshot(ctx: AppContext) -> dict[str, list[tuple[Any, ...]]]:
    return {t: _db_rows(ctx, t) for t in ("village_profile", "ruta", "keluarga", "art",
                                          "change_log")}


# --- generation ---------------------------------------------------------------------------------

def test_same_seed_gives_the_same_village_uuids_included() -> None:
    first, second = generate_village(11, 300), generate_village(11, 300)
    for table in ("ruta", "keluarga", "art"):
        assert getattr(first, table).rows == getattr(second, table).rows
    assert first.problems == second.problems and first.profile == second.profile
    assert generate_village(12, 300).art.rows != first.art.rows


@pytest.mark.parametrize("people", [1, 2, 5, 37, SMALL, 2_345])
def test_people_count_is_exact(people: int) -> None:
    village = generate_village(3, people)
    assert len(village.art) == people
    starts = village.art_start
    assert len(starts) == len(village.ruta) + 1 and starts[-1] == people
    assert all(a < b for a, b in itertools.pairwise(starts)), "no empty household"


def test_default_size_is_a_typical_village(default: DemoVillage) -> None:
    assert len(default.ruta) == 300
    assert 1_000 <= len(default.art) <= 1_300
    two_families = sum(b - a == 2 for a, b in itertools.pairwise(default.keluarga_start))
    assert 0.08 <= two_families / 300 <= 0.22


def test_people_out_of_range_is_refused() -> None:
    for people in (0, 50_001):
        with pytest.raises(ValueError):
            generate_village(1, people)


def test_uuid_helper_matches_the_uuid_module() -> None:
    for bits in (0, 1, 2**128 - 1, 0x1234567890ABCDEF1234567890ABCDEF):
        assert uuid4_from_bits(bits) == str(uuid.UUID(int=bits, version=4))


def test_every_catalogue_value_is_allowed(default: DemoVillage) -> None:
    missing_mother = set(default.problems[FieldProblem.IBU_KANDUNG_MISSING])
    for entity, records in ((Entity.RUTA, default.ruta.records()),
                            (Entity.ART, _people(default))):
        for var in variables(entity):
            bad = [r[var.key] for r in records if not var.allows(r[var.key])
                   and not (var.key == "nama_ibu_kandung" and r["uuid"] in missing_mother)]
            assert bad == [], f"{entity}.{var.key}: {bad[:5]}"


def test_relationships_are_consistent(default: DemoVillage) -> None:
    people = _people(default)
    by_ruta: dict[int, list[dict[str, Any]]] = defaultdict(list)
    by_family: dict[int, list[dict[str, Any]]] = defaultdict(list)
    ruta_of = dict(zip(default.keluarga.column("id"), default.keluarga.column("ruta_id"),
                       strict=True))
    for person in people:
        by_family[person["keluarga_id"]].append(person)
        by_ruta[ruta_of[person["keluarga_id"]]].append(person)
    for members in by_ruta.values():
        heads = [p for p in members if p["hubungan_krt"] == 1]
        assert len(heads) == 1
        for p in members:
            if p["hubungan_krt"] == 2:
                assert p["jenis_kelamin"] != heads[0]["jenis_kelamin"]
            if p["hubungan_krt"] == 6:
                assert p["umur"] - heads[0]["umur"] >= 15
    for members in by_family.values():
        heads = [p for p in members if p["hubungan_kk"] == 1]
        assert len(heads) == 1
        parents = [p for p in members if p["hubungan_kk"] in (1, 2)]
        for p in members:
            if p["hubungan_kk"] == 2:
                assert p["jenis_kelamin"] != heads[0]["jenis_kelamin"]
                assert p["status_kawin"] == heads[0]["status_kawin"] == 2
            if p["hubungan_kk"] == 3:
                assert all(parent["umur"] - p["umur"] >= 15 for parent in parents)
    assert Counter(p["keberadaan"] for p in people).most_common(1)[0][0] == 1


@pytest.mark.parametrize("fixture", ["small", "default"])
def test_about_eight_percent_carry_a_problem(fixture: str,
                                             request: pytest.FixtureRequest) -> None:
    village: DemoVillage = request.getfixturevalue(fixture)
    counts = village.problem_counts
    share = sum(counts.values()) / len(village.art)
    assert 0.05 <= share <= 0.12
    assert all(counts[p.value] > 0 for p in FieldProblem), counts
    everyone = [u for uuids in village.problems.values() for u in uuids]
    assert len(everyone) == len(set(everyone)), "at most one planted problem per person"


def test_duplicates_are_really_duplicated(default: DemoVillage) -> None:
    people = {p["uuid"]: p for p in _people(default)}
    niks = Counter(p["nik"] for p in people.values() if p["nik"] is not None)
    duplicated = {nik for nik, n in niks.items() if n > 1}
    planted = default.problems[FieldProblem.NIK_DUPLICATE]
    assert {people[u]["nik"] for u in planted} == duplicated
    assert all(niks[nik] == 2 for nik in duplicated)
    assert len(duplicated) * 2 == len(planted)


def test_people_without_nik_carry_a_temporary_id(default: DemoVillage) -> None:
    people = _people(default)
    without = [p for p in people if p["nik"] is None]
    assert {p["uuid"] for p in without} == set(default.problems[FieldProblem.NIK_MISSING])
    temp_ids = [p["temp_id"] for p in without]
    assert all(t.startswith("SMT-") and len(t) == 12 for t in temp_ids)
    assert len(set(temp_ids)) == len(temp_ids)
    assert all(p["temp_id"] is None for p in people if p["nik"] is not None)


def test_nik_engine_finds_exactly_the_planted_problems(default: DemoVillage) -> None:
    nik_mod = pytest.importorskip("siksdesk.domain.nik")
    kk_mod = pytest.importorskip("siksdesk.domain.kk")
    no_kk = dict(zip(default.keluarga.column("id"), default.keluarga.column("no_kk"),
                     strict=True))
    planted = {u: p for p, uuids in default.problems.items() for u in uuids}
    expected = {FieldProblem.NIK_EXCEL_TRUNCATED: "NIK_TRAILING_ZERO",
                FieldProblem.NIK_SERIAL_ZERO: "NIK_SERIAL_ZERO",
                FieldProblem.NIK_SEX_OFFSET: "NIK_SEX_MISMATCH",
                FieldProblem.NIK_EQUALS_KK: "NIK_EQUALS_KK"}
    people = _people(default)
    for p in people:
        if p["nik"] is None:
            continue
        check = nik_mod.check_nik(p["nik"], today=REFERENCE_DATE)
        against = nik_mod.check_nik_against_record(
            check, sex=str(p["jenis_kelamin"]), birth_date=p["tanggal_lahir"],
            no_kk=no_kk[p["keluarga_id"]], today=REFERENCE_DATE)
        codes = {x.code for x in (*check.problems, *against)}
        problem = planted.get(p["uuid"])
        if problem in expected:
            assert expected[problem] in codes, (problem, codes)
        else:
            assert codes == set(), (problem, codes)
        assert p["nik_from_number"] == (problem is FieldProblem.NIK_EXCEL_TRUNCATED)
    duplicates = nik_mod.find_duplicate_niks((p["uuid"], p["nik"]) for p in people)
    assert {u for uuids in duplicates.values() for u in uuids} == set(
        default.problems[FieldProblem.NIK_DUPLICATE])
    for number in no_kk.values():
        assert kk_mod.check_kk(number, today=REFERENCE_DATE).problems == ()


# --- storage ------------------------------------------------------------------------------------

def test_build_stores_the_village_with_its_profile(ctx: AppContext) -> None:
    summary = build_demo_village(ctx, people=SMALL, seed=7)
    assert (summary.households, summary.people) == (len(generate_village(7, SMALL).ruta), SMALL)
    with read_session(ctx.sessions) as session:
        profile = session.get(VillageProfile, 1)
        assert profile is not None and profile.is_demo
        assert len(profile.kode_desa) == 10 and profile.kode_desa.startswith("352214")
        assert (profile.nama_desa, profile.nama_kecamatan, profile.nama_kabupaten,
                profile.nama_provinsi) == ("Kedaton", "Kapas", "Bojonegoro", "Jawa Timur")


def test_stored_values_read_back_through_the_orm_are_allowed(ctx: AppContext) -> None:
    build_demo_village(ctx, people=SMALL, seed=7)
    with read_session(ctx.sessions) as session:
        for model, entity in ((Ruta, Entity.RUTA), (Art, Entity.ART)):
            for obj in session.scalars(select(model)):
                for var in variables(entity):
                    value = getattr(obj, var.key)
                    assert var.allows(value) or (var.key == "nama_ibu_kandung" and value is None)
    with unit_of_work(ctx.sessions, "operator") as session:  # the ORM can edit demo rows
        session.scalars(select(Art)).first().nama = "Nama Baru"  # type: ignore[union-attr]


def test_change_log_names_the_source(ctx: AppContext) -> None:
    build_demo_village(ctx, people=SMALL, seed=7)
    with read_session(ctx.sessions) as session:
        entries = list(session.scalars(select(ChangeLog)))
        ruta_uuids = set(session.scalars(select(Ruta.uuid)))
    assert len(entries) == len(ruta_uuids)
    assert {(e.action, e.entity, e.author) for e in entries} == {("insert", "ruta", "demo")}
    assert {e.entity_uuid for e in entries} == ruta_uuids
    assert all(e.ruta_uuid == e.entity_uuid and e.before is None for e in entries)
    assert {json.dumps(e.after, sort_keys=True) for e in entries} == {
        json.dumps({"source": "demo", "seed": 7}, sort_keys=True)}


def test_default_build_reports_progress(ctx: AppContext) -> None:
    calls: list[tuple[int, int]] = []
    summary = build_demo_village(ctx, progress=lambda done, total: calls.append((done, total)))
    assert summary.households == 300 and summary.is_demo
    assert calls[0] == (0, 300) and calls[-1] == (300, 300)


def test_non_empty_database_is_refused_unchanged(ctx: AppContext) -> None:
    build_demo_village(ctx, people=200, seed=1)
    before = _snapshot(ctx)
    with pytest.raises(DemoVillageExists) as error:
        build_demo_village(ctx, people=300, seed=2)
    assert "--replace" in str(error.value) and "sudah berisi data" in str(error.value)
    assert _snapshot(ctx) == before


def test_replace_backs_up_then_replaces(ctx: AppContext) -> None:
    build_demo_village(ctx, people=200, seed=1)
    old = {r[1] for r in _db_rows(ctx, "ruta")}
    summary = build_demo_village(ctx, people=300, seed=2, replace=True)
    assert summary.people == 300
    backups = list(ctx.paths.backups.glob("*before-demo-replace*.sqlite3"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as conn:
        assert {r[0] for r in conn.execute("SELECT uuid FROM ruta")} == old
    new = {r[1] for r in _db_rows(ctx, "ruta")}
    assert new.isdisjoint(old)
    log = Counter((r[3], r[6] in old) for r in _db_rows(ctx, "change_log"))
    assert log[("delete", True)] == len(old) and log[("insert", False)] == len(new)


@pytest.mark.parametrize("with_existing_data", [False, True])
def test_cancel_leaves_the_database_unchanged(ctx: AppContext, with_existing_data: bool) -> None:
    if with_existing_data:
        build_demo_village(ctx, people=200, seed=1)
    before = _snapshot(ctx)
    progress: list[int] = []
    with pytest.raises(DemoCancelled):
        build_demo_village(ctx, people=3_000, seed=5, replace=True,
                           progress=lambda done, _total: progress.append(done),
                           cancelled=lambda: any(progress))
    assert progress, "cancelled after rows had been written inside the transaction"
    assert _snapshot(ctx) == before


def test_table_writer_shifts_ids_and_fills_columns_it_does_not_know() -> None:
    metadata = MetaData()
    table = Table("t", metadata, Column("id", Integer, primary_key=True),
                  Column("parent_id", Integer), Column("name", String(10)),
                  Column("later_optional", String(10)), Column("later_flag", Integer, default=7),
                  Column("created_at", DateTime), Column("note", String(20)))
    engine = create_engine("sqlite://")
    metadata.create_all(engine)
    with engine.begin() as conn:
        writer = TableWriter(conn, table, ("id", "parent_id", "name"),
                             {"created_at": datetime(2026, 1, 2, 3, 4, 5), "note": "Jum'at"},
                             {"id": 10, "parent_id": 0})
        writer.write([(1, 5, "a"), (2, 5, "b")])
        rows = conn.exec_driver_sql("SELECT * FROM t ORDER BY id").fetchall()
    stamp = "2026-01-02 03:04:05.000000"
    assert rows == [(11, 5, "a", None, 7, stamp, "Jum'at"), (12, 5, "b", None, 7, stamp, "Jum'at")]
    with engine.connect() as conn, pytest.raises(ValueError, match="no column"):
        TableWriter(conn, table, ("id", "nope"), {}, {})


# --- command line -------------------------------------------------------------------------------

def test_cli_builds_then_refuses_a_second_time(tmp_path: Path) -> None:
    db = tmp_path / "v.sqlite3"
    env = {**os.environ, "SIKSDESK_HOME": str(tmp_path), "PYTHONIOENCODING": "utf-8"}
    command = [sys.executable, "-m", "siksdesk", "demo", "--people", "200", "--seed", "7",
               "--db", str(db)]
    first = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120,
                           check=False)
    assert first.returncode == 0, first.stderr
    assert "200 ART" in first.stdout and " ruta" in first.stdout
    second = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120,
                            check=False)
    assert second.returncode == 1
    assert "sudah berisi data" in second.stdout and "--replace" in second.stdout


def test_people_registered_twice_are_found_by_the_duplicate_finder(
        ctx: AppContext, small: DemoVillage) -> None:
    from siksdesk.db.session import read_session
    from siksdesk.services.duplicates import find_duplicates

    build_demo_village(ctx, people=SMALL, seed=7)
    planted = small.problems[FieldProblem.REGISTERED_TWICE]
    assert planted and len(planted) % 2 == 0
    with read_session(ctx.sessions) as session:
        found = find_duplicates(session)
    pairs = {frozenset((pair.a.uuid, pair.b.uuid)) for pair in found.pairs}
    for first, second in zip(planted[::2], planted[1::2], strict=True):
        assert frozenset((first, second)) in pairs
