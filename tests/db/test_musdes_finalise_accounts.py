"""Finalising a MusDes by account: only a Kepala Desa, never one who made a proposal in the
meeting; a wrong password changes nothing but counts towards the growing delay."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from accounts_support import (
    APPROVER,
    add_approver,
    add_user,
    fast_hashes,  # noqa: F401  (a fixture)
)
from musdes_village import PASSWORD, load, ruta_ids, village, with_member
from siksdesk.domain.accounts import AccountError
from siksdesk.domain.musdes import AttendeeRole, Decision
from siksdesk.models import MusdesMeeting, Usulan
from siksdesk.services import musdes
from siksdesk.services.accounts import active_approvers, set_disabled
from siksdesk.services.household_edit import save_household
from siksdesk.services.proposals import exportable_proposals, list_proposals, mark_ready

pytestmark = pytest.mark.usefixtures("fast_hashes")
OPERATOR_PW = "sandi-operator-1"


@pytest.fixture
def factory(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    with village(tmp_path) as made:
        add_approver(made, PASSWORD)
        add_approver(made, "kades-kedua-22", username="wakil", display_name="Ibu Wakil")
        add_user(made, "siti", OPERATOR_PW)
        yield made


def _meeting(factory: sessionmaker[Session], author: str) -> int:
    """One approved correction made by ``author`` (a username), in a complete meeting."""
    first = ruta_ids(factory)[0]
    save_household(factory, with_member(load(factory, first), 0, nama="Kepala Baru"),
                   author=author)
    with factory() as session:
        ids = [r.id for r in list_proposals(session)]
    mark_ready(factory, ids, author=author)
    meeting = musdes.create_meeting(factory, author="siti", held_on=date(2026, 11, 20),
                                    place="Balai Desa", chair="Bapak Kades", note_taker="Sekdes")
    musdes.add_attendee(factory, meeting.id, author="siti", name="Bu BPD",
                        role=AttendeeRole.BPD)
    for usulan_id in ids:
        musdes.decide(factory, meeting.id, usulan_id, Decision.SETUJU, author="siti")
    return meeting.id


def _state(factory: sessionmaker[Session], meeting_id: int) -> tuple[object, ...]:
    with factory() as session:
        meeting = session.get_one(MusdesMeeting, meeting_id)
        return (meeting.status, meeting.finalised_by, meeting.decided_set_sha256,
                tuple(session.execute(select(Usulan.id, Usulan.status)).all()))


def _failures(db: Path, username: str) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT failed_attempts FROM account WHERE username = ?",
                                (username,)).fetchone()[0])


def test_the_kepala_desa_finalises_and_is_named_by_display_name(
        factory: sessionmaker[Session]) -> None:
    meeting_id = _meeting(factory, "siti")
    row = musdes.finalise(factory, meeting_id, " KADES ", PASSWORD, author="siti")
    assert (row.status, row.finalised_by) == ("finalised", "Bapak Kades")
    with factory() as session:
        assert len(exportable_proposals(session)) == 1


def test_self_approval_is_refused(factory: sessionmaker[Session]) -> None:
    meeting_id = _meeting(factory, APPROVER)  # the Kepala Desa edited the registry himself
    before = _state(factory, meeting_id)
    with pytest.raises(AccountError) as error:
        musdes.finalise(factory, meeting_id, APPROVER, PASSWORD, author="siti")
    assert error.value.code == "SELF_APPROVAL" and "kades" in str(error.value)
    assert _state(factory, meeting_id) == before
    row = musdes.finalise(factory, meeting_id, "wakil", "kades-kedua-22", author="siti")
    assert row.finalised_by == "Ibu Wakil"


def test_an_operator_cannot_finalise(factory: sessionmaker[Session]) -> None:
    meeting_id = _meeting(factory, "siti")
    before = _state(factory, meeting_id)
    with pytest.raises(AccountError) as error:
        musdes.finalise(factory, meeting_id, "siti", OPERATOR_PW, author="siti")
    assert error.value.code == "NOT_APPROVER"
    assert error.value.message("en") == "Only a village head's account may finalise a meeting."
    assert _state(factory, meeting_id) == before


def test_a_wrong_password_changes_nothing_but_counts(factory: sessionmaker[Session],
                                                     tmp_path: Path) -> None:
    meeting_id = _meeting(factory, "siti")
    before = _state(factory, meeting_id)
    for _ in range(3):
        with pytest.raises(AccountError) as error:
            musdes.finalise(factory, meeting_id, APPROVER, "bukan-sandinya", author="siti")
        assert error.value.code == "LOGIN_FAILED"
    assert _state(factory, meeting_id) == before
    db = tmp_path / "v.sqlite3"
    assert _failures(db, APPROVER) == 3
    with pytest.raises(AccountError) as error:  # now even the right one must wait
        musdes.finalise(factory, meeting_id, APPROVER, PASSWORD, author="siti")
    assert error.value.code == "LOGIN_WAIT" and 0 < int(str(error.value.params["seconds"])) <= 5
    assert _state(factory, meeting_id) == before and _failures(db, APPROVER) == 3


def test_a_disabled_kepala_desa_cannot_finalise(factory: sessionmaker[Session]) -> None:
    meeting_id = _meeting(factory, "siti")
    set_disabled(factory, approver="wakil", approver_password="kades-kedua-22",
                 username=APPROVER, disabled=True)
    with pytest.raises(AccountError) as error:
        musdes.finalise(factory, meeting_id, APPROVER, PASSWORD, author="siti")
    assert error.value.code == "ACCOUNT_DISABLED"
    with factory() as session:
        assert [a.username for a in active_approvers(session)] == ["wakil"]
