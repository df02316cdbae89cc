"""The household list's "has an open usulan" filter (draft or ready, nothing else)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from musdes_village import load, ruta_ids, village
from siksdesk.db.session import driver_connection
from siksdesk.domain.musdes import OPEN_STATUSES, UsulanStatus
from siksdesk.models import Usulan
from siksdesk.services import household_list
from siksdesk.services.household_edit import save_household
from siksdesk.services.household_list import HouseholdQuery, count_matching, list_page
from siksdesk.services.proposals import list_proposals, mark_ready, withdraw

PENDING = HouseholdQuery(only_pending_usulan=True)


@pytest.fixture
def factory(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    with village(tmp_path, households=3) as made:
        yield made


def _edit_address(factory: sessionmaker[Session], ruta_id: int, alamat: str) -> int:
    save_household(factory, dataclasses.replace(load(factory, ruta_id), alamat=alamat),
                   author="op")
    with factory() as session:
        return max(row.id for row in list_proposals(session))


def _pending_ids(factory: sessionmaker[Session], query: HouseholdQuery = PENDING) -> list[int]:
    with factory() as session:
        conn = driver_connection(session)
        rows = [row.household.id for row in list_page(conn, query)]
        assert count_matching(conn, query) == len(rows)
        return rows


def test_the_pending_statuses_are_the_domain_open_statuses() -> None:
    assert set(household_list.PENDING_USULAN_STATUSES) == {s.value for s in OPEN_STATUSES}
    assert Usulan.__tablename__ == household_list.USULAN_TABLE


def test_only_households_with_a_draft_or_ready_usulan_match(
        factory: sessionmaker[Session]) -> None:
    first, second, third = ruta_ids(factory)
    assert _pending_ids(factory) == []
    assert len(_pending_ids(factory, HouseholdQuery())) == 3  # off: the filter does nothing

    _edit_address(factory, first, "Jl. Mawar 1")  # draft
    ready = _edit_address(factory, second, "Jl. Melati 2")
    mark_ready(factory, [ready], author="op")
    assert _pending_ids(factory) == [first, second]

    withdrawn = _edit_address(factory, third, "Jl. Kenanga 3")
    withdraw(factory, withdrawn, author="op")
    assert _pending_ids(factory) == [first, second]


def test_decided_proposals_no_longer_count(factory: sessionmaker[Session]) -> None:
    first = ruta_ids(factory)[0]
    usulan_id = _edit_address(factory, first, "Jl. Mawar 1")
    with factory.begin() as session:  # as the meeting would leave it (no trigger: not final)
        session.get_one(Usulan, usulan_id).status = UsulanStatus.DISETUJUI.value
    assert _pending_ids(factory) == []


def test_the_filter_combines_with_the_others(factory: sessionmaker[Session]) -> None:
    first, second, _ = ruta_ids(factory)
    _edit_address(factory, first, "Jl. Mawar 1")
    _edit_address(factory, second, "Jl. Melati 2")
    assert _pending_ids(factory, dataclasses.replace(PENDING, text="melati")) == [second]
    assert _pending_ids(factory, HouseholdQuery(text="melati")) == [second]
    assert _pending_ids(factory, dataclasses.replace(PENDING, text="kenanga")) == []
