"""The Rekap figures equal direct SQL counts on the demo village, and every figure the
dashboard lets the operator click lists exactly the households it counts."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from rekap_village import OUTSIDER, STATUSES, add_rekap_data, add_sync_rows, ensure_sync_tables
from siksdesk.app import AppContext, open_app
from siksdesk.demo import build_demo_village
from siksdesk.domain.musdes import UsulanStatus
from siksdesk.domain.problems import PROBLEM_CODES
from siksdesk.paths import default_paths
from siksdesk.services import rekap as rekap_service
from siksdesk.services.household_list import (
    NOT_VERIFIED,
    HouseholdQuery,
    count_matching,
    list_page,
)
from siksdesk.services.rekap import QUALITY, Rekap, read_rekap, sync_facts, with_baseline


@pytest.fixture(scope="module")
def village(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppContext]:
    home = tmp_path_factory.mktemp("rekap-home")
    ctx = open_app(default_paths({"SIKSDESK_HOME": str(home)}))
    build_demo_village(ctx, people=1_100)
    add_rekap_data(ctx.sessions)
    yield ctx
    ctx.close()


@pytest.fixture(scope="module")
def rekap(village: AppContext) -> Rekap:
    with village.reader.snapshot() as conn:
        return read_rekap(conn)


@pytest.fixture
def conn(village: AppContext) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(village.database)
    yield connection
    connection.close()


def _pairs(conn: sqlite3.Connection, sql: str) -> dict[object, int]:
    return {key: int(n) for key, n in conn.execute(sql)}


def _ids(conn_reader: AppContext, query: HouseholdQuery) -> set[int]:
    with conn_reader.reader.snapshot() as c:
        return {row.household.id for row in list_page(c, query, limit=100_000)}


def test_households_and_people_per_dusun_and_rt(rekap: Rekap,
                                                conn: sqlite3.Connection) -> None:
    households = _pairs(conn, "SELECT dusun, count(*) FROM ruta GROUP BY dusun")
    people = _pairs(conn, "SELECT r.dusun, count(*) FROM art a JOIN keluarga k "
                          "ON k.id = a.keluarga_id JOIN ruta r ON r.id = k.ruta_id GROUP BY 1")
    assert {a.dusun: a.households for a in rekap.dusun} == households
    assert {a.dusun: a.people for a in rekap.dusun} == people
    assert rekap.households == conn.execute("SELECT count(*) FROM ruta").fetchone()[0]
    assert rekap.people == conn.execute("SELECT count(*) FROM art").fetchone()[0]
    per_rt = {(d, t): int(n) for d, t, n in conn.execute(
        "SELECT dusun, rt, count(*) FROM ruta GROUP BY dusun, rt")}
    assert {(a.dusun, a.rt): a.households for a in rekap.rt} == per_rt
    assert len(rekap.dusun) >= 3 and len(rekap.rt) > len(rekap.dusun)


def test_verivali_progress(rekap: Rekap, conn: sqlite3.Connection) -> None:
    direct = _pairs(conn, "SELECT coalesce(hasil_verivali, 0), count(*) FROM ruta GROUP BY 1")
    assert {v.code: v.households for v in rekap.verivali} == direct
    assert rekap.verified == conn.execute(
        "SELECT count(*) FROM ruta WHERE hasil_verivali IS NOT NULL").fetchone()[0]


def test_data_quality_counts(rekap: Rekap, conn: sqlite3.Connection) -> None:
    def households(where: str) -> int:
        return int(conn.execute(
            f"SELECT count(DISTINCT ruta_id) FROM record_problem WHERE {where}").fetchone()[0])

    assert rekap.quality_of("nik_invalid").households == households(
        "field = 'nik' AND severity = 'error'")
    assert rekap.quality_of("errors").households == households("severity = 'error'")
    assert rekap.quality_of("warnings").households == households("severity = 'warning'")
    assert rekap.quality_of("nik_duplicate").households == households("code = 'NIK_DUPLICATE'")
    assert rekap.quality_of("missing").households == households(
        "code IN ('FIELD_MISSING', 'ART_NO_NIK', 'KK_MISSING')")
    warnings = rekap.quality_of("warnings")
    assert warnings.problems == conn.execute(
        "SELECT count(*) FROM record_problem WHERE severity = 'warning'").fetchone()[0]
    assert warnings.people == conn.execute("SELECT count(DISTINCT art_id) FROM record_problem "
                                           "WHERE severity = 'warning'").fetchone()[0]
    # the demo village plants problems of every kind counted here
    assert all(q.households > 0 for q in rekap.quality)
    assert rekap.problem_households == conn.execute(
        "SELECT count(DISTINCT ruta_id) FROM record_problem").fetchone()[0]


def test_programme_coverage_and_proposals(rekap: Rekap, conn: sqlite3.Connection) -> None:
    coverage = {p.code: (p.quota, p.beneficiaries, p.listed) for p in rekap.programmes}
    assert coverage == {"BLT-DD": (10, 0, 0), "KKS": (25, 28, 28), "PKH": (40, 30, 31)}
    assert conn.execute("SELECT count(*) FROM programme_beneficiary WHERE ruta_uuid = ?",
                        (OUTSIDER,)).fetchone()[0] == 1
    assert [(u.status, u.proposals) for u in rekap.usulan] == list(STATUSES.items())
    direct = _pairs(conn, "SELECT status, count(DISTINCT ruta_uuid) FROM usulan GROUP BY 1")
    assert {u.status: u.households for u in rekap.usulan} == direct
    assert rekap.pending_households == conn.execute(
        "SELECT count(DISTINCT ruta_uuid) FROM usulan WHERE status IN ('draft', 'ready')"
    ).fetchone()[0]


def test_every_clickable_figure_lists_exactly_its_households(
        village: AppContext, rekap: Rekap, conn: sqlite3.Connection) -> None:
    checks: list[tuple[HouseholdQuery, int]] = [
        *((HouseholdQuery(dusun=a.dusun), a.households) for a in rekap.dusun),
        *((HouseholdQuery(dusun=a.dusun, rt=a.rt), a.households) for a in rekap.rt),
        *((HouseholdQuery(hasil_verivali=v.code), v.households) for v in rekap.verivali),
        *((HouseholdQuery(problem=QUALITY[q.key]), q.households) for q in rekap.quality),
        *((HouseholdQuery(programme=p.code), p.beneficiaries) for p in rekap.programmes),
        *((HouseholdQuery(usulan_status=u.status), u.households) for u in rekap.usulan),
        (HouseholdQuery(only_problems=True), rekap.problem_households),
        (HouseholdQuery(only_pending_usulan=True), rekap.pending_households),
    ]
    with village.reader.snapshot() as c:
        for query, expected in checks:
            assert count_matching(c, query) == expected, query
    pkh = {int(i) for (i,) in conn.execute(
        "SELECT r.id FROM ruta r JOIN programme_beneficiary b ON b.ruta_uuid = r.uuid "
        "JOIN programme g ON g.id = b.programme_id WHERE g.code = 'PKH'")}
    assert _ids(village, HouseholdQuery(programme="PKH")) == pkh
    invalid = {int(i) for (i,) in conn.execute(
        "SELECT ruta_id FROM record_problem WHERE field = 'nik' AND severity = 'error'")}
    assert _ids(village, HouseholdQuery(problem=QUALITY["nik_invalid"])) == invalid
    assert _ids(village, HouseholdQuery(hasil_verivali=NOT_VERIFIED)) == {
        int(i) for (i,) in conn.execute("SELECT id FROM ruta WHERE hasil_verivali IS NULL")}


def test_last_import_and_edits_since(rekap: Rekap) -> None:
    assert rekap.last_import is not None
    assert rekap.last_import.kind == "bnba"
    assert rekap.last_import.edited_since == 1


def test_sync_facts_say_never_without_tables_and_read_them_when_present(
        rekap: Rekap, tmp_path: Path, village: AppContext) -> None:
    with sqlite3.connect(village.database) as original:
        has_tables = rekap_service.table_exists(original, "sync_bundle")
    original.close()
    if not has_tables:
        assert rekap.sync == rekap_service.SyncFacts(available=False)
    copy = tmp_path / "copy.sqlite3"
    with sqlite3.connect(village.database) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    source.close()
    target.close()
    ensure_sync_tables(copy)
    with sqlite3.connect(copy) as empty:
        assert sync_facts(empty) == rekap_service.SyncFacts(available=True)
    empty.close()
    add_sync_rows(copy)
    with sqlite3.connect(copy) as filled:
        facts = sync_facts(filled)
    filled.close()
    assert (facts.last_sent_sequence, facts.last_sent_at) == (2, "2026-11-22 08:10:00")
    assert (facts.last_receipt_sequence, facts.last_receipt_status) == (1, "applied")
    assert facts.pending_bundles == 1


def test_change_since_the_last_import_is_remembered_per_batch(rekap: Rekap,
                                                             tmp_path: Path) -> None:
    path = tmp_path / "data" / "rekap-baseline.json"
    first = with_baseline(rekap, path)
    assert path.exists() and all(q.change == 0 for q in first.quality)
    fewer = dataclasses.replace(rekap, quality=tuple(
        dataclasses.replace(q, households=q.households - 1) for q in rekap.quality))
    assert all(q.change == -1 for q in with_baseline(fewer, path).quality)
    assert rekap.last_import is not None
    newer = dataclasses.replace(fewer, last_import=dataclasses.replace(
        rekap.last_import, batch_id=rekap.last_import.batch_id + 1))
    assert all(q.change == 0 for q in with_baseline(newer, path).quality)  # a new baseline
    path.write_text("{not json", encoding="utf-8")
    assert all(q.change == 0 for q in with_baseline(rekap, path).quality)
    no_import = dataclasses.replace(rekap, last_import=None)
    assert all(q.change is None for q in with_baseline(no_import, path).quality)
    assert [p.name for p in path.parent.iterdir()] == ["rekap-baseline.json"]  # no temp left


def test_codes_kept_equal_to_the_domain() -> None:
    from siksdesk.models import Programme, ProgrammeBeneficiary
    from siksdesk.services import household_list

    assert Programme.__tablename__ == household_list.PROGRAMME_TABLE
    assert ProgrammeBeneficiary.__tablename__ == household_list.BENEFICIARY_TABLE
    assert tuple(s.value for s in UsulanStatus) == rekap_service.USULAN_STATUSES
    for problem in QUALITY.values():
        assert set(problem.codes) <= set(PROBLEM_CODES)
