"""Every edit saved through the household editor becomes or joins a proposal; the operator
groups, edits, withdraws and marks them ready."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from musdes_village import load, ruta_ids, ruta_uuid, village, with_member, with_members
from siksdesk.domain.usulan_rules import UsulanRuleError
from siksdesk.models import Art
from siksdesk.services.household_edit import (
    new_household_draft,
    new_member_draft,
    save_household,
)
from siksdesk.services.proposals import (
    back_to_draft,
    edit_proposal,
    list_proposals,
    mark_ready,
    pending_for_household,
    proposals_by_household,
    withdraw,
)
from siksdesk.services.usulan import UsulanRow

NEW_NIK = "3522016203900007"


@pytest.fixture
def factory(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    with village(tmp_path) as made:
        yield made


def _open(factory: sessionmaker[Session]) -> list[UsulanRow]:
    with factory() as session:
        return list_proposals(session, statuses=("draft", "ready"))


def _all(factory: sessionmaker[Session]) -> list[UsulanRow]:
    with factory() as session:
        return list_proposals(session)


def test_imported_data_and_unchanged_saves_propose_nothing(
        factory: sessionmaker[Session]) -> None:
    first = ruta_ids(factory)[0]
    save_household(factory, load(factory, first), author="op")
    assert _all(factory) == []


def test_field_corrections_collect_before_and_after_per_record(
        factory: sessionmaker[Session]) -> None:
    first = ruta_ids(factory)[0]
    draft = dataclasses.replace(load(factory, first), alamat="Jl. Mawar 3")
    save_household(factory, with_member(draft, 0, nama="Kepala Satu", nik=NEW_NIK),
                   author="op")
    by_entity = {row.entity: row for row in _open(factory)}
    assert set(by_entity) == {"ruta", "art"}
    assert {r.kind for r in by_entity.values()} == {"correction"}
    assert by_entity["ruta"].changes == (("alamat", "Dsn. Krajan 1", "Jl. Mawar 3"),)
    assert by_entity["art"].changes == (("nama", "Kepala 1", "Kepala Satu"),
                                        ("nik", "3522011204780001", NEW_NIK))
    assert by_entity["art"].source == "edit" and by_entity["art"].created_by == "op"

    # a second edit joins: first before kept, newest after; an edit back drops out
    draft = dataclasses.replace(load(factory, first), alamat="Dsn. Krajan 1")
    save_household(factory, with_member(draft, 0, nama="Kepala Esa"), author="op")
    rows = _all(factory)
    assert len(rows) == 2
    art_row = next(r for r in rows if r.entity == "art")
    assert art_row.id == by_entity["art"].id and art_row.status == "draft"
    assert art_row.changes[0] == ("nama", "Kepala 1", "Kepala Esa")
    ruta_row = next(r for r in rows if r.entity == "ruta")
    assert ruta_row.status == "withdrawn" and ruta_row.changes == ()


def test_a_new_member_is_one_proposal_until_it_is_deleted_again(
        factory: sessionmaker[Session]) -> None:
    first = ruta_ids(factory)[0]
    draft = load(factory, first)
    child = dataclasses.replace(new_member_draft(), nama="Anak Baru", nik=NEW_NIK,
                                values={**draft.families[0].members[0].values,
                                        "hubungan_krt": 3, "keberadaan": 5})
    save_household(factory, with_members(draft, [*draft.families[0].members, child]),
                   author="op")
    (row,) = _open(factory)
    assert (row.kind, row.entity, row.entity_uuid) == ("new_member", "art", child.uuid)

    draft = load(factory, first)
    save_household(factory, with_member(draft, 2, nama="Anak Baru Sekali"), author="op")
    assert [r.id for r in _open(factory)] == [row.id]  # the edit joined it

    draft = load(factory, first)
    save_household(factory, with_members(draft, list(draft.families[0].members[:2])),
                   author="op")
    assert _open(factory) == [] and _all(factory)[0].status == "withdrawn"


def test_a_new_household_is_one_proposal(factory: sessionmaker[Session]) -> None:
    with factory() as session:
        draft = new_household_draft(session)
    head = dataclasses.replace(new_member_draft(), nama="Warga Baru", nik=NEW_NIK,
                               values={**load(factory, ruta_ids(factory)[0])
                                       .families[0].members[0].values})
    draft = dataclasses.replace(draft, alamat="Dsn. Ngasem", values={
        **load(factory, ruta_ids(factory)[0]).values})
    result = save_household(factory, with_members(draft, [head]), author="op")
    (row,) = _open(factory)
    assert (row.kind, row.entity, row.entity_uuid) == ("new", "ruta", draft.uuid)
    save_household(factory, dataclasses.replace(result.draft, alamat="Dsn. Ngasem 2"),
                   author="op")
    assert [r.id for r in _open(factory)] == [row.id]


def test_a_member_marked_deceased_becomes_a_deactivation_with_its_reason(
        factory: sessionmaker[Session]) -> None:
    first = ruta_ids(factory)[0]
    save_household(factory, with_member(load(factory, first), 1, values={"keberadaan": 2}),
                   author="op")
    (row,) = _open(factory)
    assert (row.kind, row.reason) == ("deactivate", "meninggal")
    assert row.changes == (("keberadaan", 1, 2),)
    assert mark_ready(factory, [row.id], author="op")[0].status == "ready"


def test_deleting_a_member_needs_a_reason_before_it_is_ready(
        factory: sessionmaker[Session]) -> None:
    first = ruta_ids(factory)[0]
    draft = load(factory, first)
    save_household(factory, with_members(draft, [draft.families[0].members[0]]), author="op")
    (row,) = _open(factory)
    assert (row.kind, row.reason) == ("deactivate", "")
    with pytest.raises(UsulanRuleError) as error:
        mark_ready(factory, [row.id], author="op")
    assert error.value.code == "USULAN_REASON_MISSING"
    assert _open(factory)[0].status == "draft"  # nothing written
    edited = edit_proposal(factory, row.id, author="op", reason="pindah", note="ke Surabaya")
    assert (edited.reason, edited.note) == ("pindah", "ke Surabaya")
    assert mark_ready(factory, [row.id], author="op")[0].status == "ready"


def test_an_edit_after_ready_sends_the_proposal_back_to_draft(
        factory: sessionmaker[Session]) -> None:
    first = ruta_ids(factory)[0]
    save_household(factory, with_member(load(factory, first), 0, nama="A"), author="op")
    (row,) = _open(factory)
    mark_ready(factory, [row.id], author="op")
    save_household(factory, with_member(load(factory, first), 0, nama="B"), author="op")
    (again,) = _open(factory)
    assert again.id == row.id and again.status == "draft"
    mark_ready(factory, [row.id], author="op")
    assert back_to_draft(factory, row.id, author="op").status == "draft"


def test_withdrawing_keeps_the_registry_edit_and_a_new_edit_starts_over(
        factory: sessionmaker[Session]) -> None:
    first = ruta_ids(factory)[0]
    save_household(factory, with_member(load(factory, first), 0, nama="Kepala Satu"),
                   author="op")
    (row,) = _open(factory)
    assert withdraw(factory, row.id, author="op", note="salah ketik").status == "withdrawn"
    with factory() as session:
        assert session.scalars(select(Art.nama).where(Art.uuid == row.entity_uuid)).one() \
            == "Kepala Satu"
    with pytest.raises(UsulanRuleError) as error:
        mark_ready(factory, [row.id], author="op")
    assert error.value.code == "USULAN_TRANSITION"
    with pytest.raises(UsulanRuleError):
        withdraw(factory, row.id, author="op")
    save_household(factory, with_member(load(factory, first), 0, nama="Kepala Dua"),
                   author="op")
    (fresh,) = _open(factory)
    assert fresh.id != row.id
    assert fresh.changes == (("nama", "Kepala Satu", "Kepala Dua"),)


def test_proposals_group_by_household_and_show_as_pending(
        factory: sessionmaker[Session]) -> None:
    first, second, third = ruta_ids(factory)
    for ruta_id in (second, first):
        save_household(factory, with_member(load(factory, ruta_id), 0, nama="X"), author="op")
        save_household(factory, with_member(load(factory, ruta_id), 1, nama="Y"), author="op")
    with factory() as session:
        groups = proposals_by_household(session)
        assert [g.ruta_uuid for g in groups] == [ruta_uuid(factory, second),
                                                 ruta_uuid(factory, first)]
        assert [len(g.proposals) for g in groups] == [2, 2]
        assert len(pending_for_household(session, ruta_uuid(factory, first))) == 2
        assert pending_for_household(session, ruta_uuid(factory, third)) == []
