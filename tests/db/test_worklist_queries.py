"""The worklist service: counts per kind equal the stored problems, pages cover every problem
once, messages are translated and never show a full NIK, queries use the indexes."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event, select, update

from siksdesk.app import AppContext, open_app
from siksdesk.db.session import read_session, unit_of_work
from siksdesk.domain.problems import PROBLEM_CODES, Severity, Term
from siksdesk.domain.variables import Entity, variables
from siksdesk.models import Art, HouseholdIndex, Keluarga, Ruta
from siksdesk.paths import AppPaths
from siksdesk.services.derived import refresh_households
from siksdesk.services.worklist import (
    decode_params,
    field_label,
    households_with_problems,
    kind_family,
    kind_title,
    problem_counts,
    worklist_page,
)

demo = pytest.importorskip("siksdesk.demo")
FULL_NUMBER = re.compile(r"\d{16}")


@pytest.fixture(scope="module")
def village(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppContext]:
    """The default demo village (≈300 households), read-only for the tests of this module."""
    ctx = open_app(AppPaths(tmp_path_factory.mktemp("worklist")))
    demo.build_demo_village(ctx)
    yield ctx
    ctx.close()


@pytest.fixture
def small_village(tmp_path: Path) -> Iterator[AppContext]:
    """A small demo village a test may change."""
    ctx = open_app(AppPaths(tmp_path))
    demo.build_demo_village(ctx, people=150)
    yield ctx
    ctx.close()


def _sql(ctx: AppContext, query: str, *args: object) -> list[tuple[object, ...]]:
    with sqlite3.connect(ctx.database) as con:
        return con.execute(query, args).fetchall()


def _all_items(ctx: AppContext, code: str | None, limit: int = 37) -> list:
    items: list = []
    with read_session(ctx.sessions) as session:
        while page := worklist_page(session, code, len(items), limit):
            items.extend(page)
    return items


def test_counts_equal_direct_sql(village: AppContext) -> None:
    expected = {code: (count, households) for code, count, households in _sql(
        village, "SELECT code, COUNT(*), COUNT(DISTINCT ruta_id) FROM record_problem "
                 "GROUP BY code")}
    with read_session(village.sessions) as session:
        counts = problem_counts(session)
        assert households_with_problems(session) == _sql(
            village, "SELECT COUNT(DISTINCT ruta_id) FROM record_problem")[0][0]
    assert {k.code: (k.count, k.households) for k in counts} == expected
    assert len(expected) >= 5  # the demo village has several kinds of problems
    stored = dict(_sql(village, "SELECT code, MAX(severity) FROM record_problem GROUP BY code"))
    assert {k.code: k.severity.value for k in counts} == stored


def test_errors_come_first_then_the_most_frequent(village: AppContext) -> None:
    with read_session(village.sessions) as session:
        counts = problem_counts(session)
    keys = [(k.severity is not Severity.ERROR, -k.count) for k in counts]
    assert keys == sorted(keys)
    assert counts[0].severity is Severity.ERROR


def test_pages_cover_each_kind_exactly_once_in_household_order(village: AppContext) -> None:
    with read_session(village.sessions) as session:
        counts = problem_counts(session)
    for kind in counts:
        items = _all_items(village, kind.code)
        assert len(items) == kind.count
        assert len({item.problem_id for item in items}) == kind.count
        assert {item.code for item in items} == {kind.code}
        assert [(i.ruta_id, i.problem_id) for i in items] == sorted(
            (i.ruta_id, i.problem_id) for i in items)
    everything = _all_items(village, None, limit=50)
    assert len(everything) == sum(k.count for k in counts)


def test_items_name_the_member_or_the_head_and_the_household_number(
        village: AppContext) -> None:
    items = _all_items(village, None, limit=500)
    names = dict(_sql(village, "SELECT id, nama FROM art"))
    heads = dict(_sql(village, "SELECT ruta_id, nama_krt FROM household_index"))
    numbers = dict(_sql(village, "SELECT id, no_urut FROM ruta"))
    for item in items:
        assert item.nama == (names[item.art_id] if item.art_id else heads[item.ruta_id])
        assert item.ruta_no_urut == numbers[item.ruta_id]


def test_messages_are_bilingual_translate_terms_and_hide_numbers(village: AppContext) -> None:
    items = _all_items(village, None, limit=500)
    for item in items:
        assert item.message_id and item.message_en and item.message_id != item.message_en
        assert "?" not in item.message("id").replace("?)", "")  # every placeholder filled
        for text in (item.message_id, item.message_en, item.nama):
            assert not FULL_NUMBER.search(text)
    sex = [item for item in items if item.code == "NIK_SEX_MISMATCH"]
    assert sex, "the demo village has sex mismatches"
    for item in sex:
        assert re.search(r"laki-laki|perempuan", item.message_id)
        assert re.search(r"\bmale\b|\bfemale\b", item.message_en)
        assert "_by_nik" not in item.message_id + item.message_en


def test_decode_params_restores_terms() -> None:
    assert decode_params('{"nik_sex": "male_by_nik", "count": "2"}') == {
        "nik_sex": Term.MALE_BY_NIK, "count": "2"}
    assert decode_params("") == {}
    assert decode_params("not json") == {}
    assert decode_params("[1, 2]") == {}


def test_every_code_has_a_kind_title_in_both_languages() -> None:
    for code in PROBLEM_CODES:
        assert kind_family(code) != code, code
        assert kind_title(code, "id") != code and kind_title(code, "en") != code
    assert kind_title("NIK_DUPLICATE") == "NIK ganda"
    assert kind_title("NIK_SERIAL_ZERO", "en") == "Invalid NIK: serial 0000"
    assert kind_title("SOMETHING_NEW") == "SOMETHING_NEW"


def test_field_labels_come_from_the_catalogue() -> None:
    assert field_label("nik") == "NIK"
    assert field_label("no_kk", "en") == "Family card no."
    for entity in Entity:
        for var in variables(entity):
            assert field_label(var.key, "id") == var.label("id")


def test_problems_of_a_family_and_of_a_household_name_the_head(
        small_village: AppContext) -> None:
    ctx = small_village
    with unit_of_work(ctx.sessions, "test") as session:
        ruta_id = session.scalar(select(Ruta.id).order_by(Ruta.id).limit(1))
        assert ruta_id is not None
        session.execute(update(Keluarga).where(Keluarga.ruta_id == ruta_id).values(no_kk=None))
        session.execute(update(Ruta).where(Ruta.id == ruta_id)
                        .values(hasil_verivali=1, jenis_lantai=None))
        refresh_households(session, [ruta_id])
    with read_session(ctx.sessions) as session:
        head = session.scalar(select(HouseholdIndex.nama_krt)
                              .where(HouseholdIndex.ruta_id == ruta_id))
        kk = [i for i in worklist_page(session, "KK_MISSING", 0, 50) if i.ruta_id == ruta_id]
        missing = [i for i in worklist_page(session, "FIELD_MISSING", 0, 500)
                   if i.ruta_id == ruta_id and i.field == "jenis_lantai"]
    assert kk and all(i.art_id is None and i.keluarga_id and i.nama == head for i in kk)
    assert len(missing) == 1 and missing[0].art_id is None and missing[0].nama == head
    assert field_label("jenis_lantai", "id") in missing[0].message_id


def test_counts_follow_a_save(small_village: AppContext) -> None:
    ctx = small_village
    with read_session(ctx.sessions) as session:
        before = {k.code: k.count for k in problem_counts(session)}
        item = worklist_page(session, "ART_NO_NIK", 0, 1)[0]
    with unit_of_work(ctx.sessions, "test") as session:
        session.execute(update(Art).where(Art.id == item.art_id).values(nik="3522014101900013"))
        refresh_households(session, [item.ruta_id])
    with read_session(ctx.sessions) as session:
        after = {k.code: k.count for k in problem_counts(session)}
    assert after.get("ART_NO_NIK", 0) == before["ART_NO_NIK"] - 1


@pytest.mark.parametrize("code", ["NIK_DUPLICATE", None])
def test_page_query_walks_an_index_without_sorting(village: AppContext,
                                                   code: str | None) -> None:
    executed: list[tuple[str, object]] = []

    def capture(_conn, _cursor, statement, params, _context, _many) -> None:
        executed.append((statement, params))

    event.listen(village.engine, "before_cursor_execute", capture)
    try:
        with read_session(village.sessions) as session:
            worklist_page(session, code, 0, 10)
            statement, params = executed[-1]
            plan = " | ".join(row[-1] for row in session.connection().exec_driver_sql(
                "EXPLAIN QUERY PLAN " + statement, params))
    finally:
        event.remove(village.engine, "before_cursor_execute", capture)
    assert "USING INDEX" in plan and "TEMP B-TREE" not in plan, plan
