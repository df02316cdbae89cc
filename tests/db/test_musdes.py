"""The whole MusDes flow on services: edits → proposals → ready → meeting → decisions →
finalisation with the Kepala Desa's password → locked in the database → the export gate."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from accounts_support import (
    APPROVER,
    add_approver,
    fast_hashes,  # noqa: F401  (a fixture)
)
from musdes_village import PASSWORD, load, ruta_ids, village, with_member
from siksdesk.db.schema_version import HEAD_REVISION
from siksdesk.domain.accounts import AccountError
from siksdesk.domain.musdes import AttendeeRole, Decision, MeetingKind
from siksdesk.domain.usulan_rules import UsulanRuleError
from siksdesk.models import MusdesAttendee, MusdesMeeting, Usulan
from siksdesk.services import musdes
from siksdesk.services.household_edit import save_household
from siksdesk.services.proposals import (
    carry_forward,
    exportable_proposals,
    held_back,
    list_proposals,
    mark_ready,
)

LOCK_TRIGGERS = {"musdes_meeting_locked_insert", "musdes_meeting_locked_update",
                 "musdes_meeting_locked_delete", "musdes_attendee_locked_insert",
                 "musdes_attendee_locked_update", "musdes_attendee_locked_delete",
                 "usulan_locked_insert", "usulan_locked_update", "usulan_locked_delete",
                 "replacement_pair_locked_insert", "replacement_pair_locked_update",
                 "replacement_pair_locked_delete"}


pytestmark = pytest.mark.usefixtures("fast_hashes")


@pytest.fixture
def factory(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    with village(tmp_path) as made:
        add_approver(made, PASSWORD)
        yield made


def _four_ready_proposals(factory: sessionmaker[Session]) -> list[int]:
    first, second = ruta_ids(factory)[:2]
    save_household(factory, with_member(load(factory, first), 0, nama="Kepala Satu"),
                   author="op")
    save_household(factory, with_member(load(factory, first), 1, values={"keberadaan": 2}),
                   author="op")
    save_household(factory, with_member(load(factory, second), 0, nama="Kepala Dua"),
                   author="op")
    save_household(factory, with_member(load(factory, second), 1, nama="Istri Dua"),
                   author="op")
    with factory() as session:
        ids = [row.id for row in list_proposals(session)]
    assert len(ids) == 4
    mark_ready(factory, ids, author="op")
    return ids


def _meeting(factory: sessionmaker[Session]) -> int:
    meeting = musdes.create_meeting(factory, author="op", held_on=date(2026, 11, 20),
                                    place="Balai Desa", agenda="Usulan DTKS",
                                    chair="Bapak Kades", note_taker="Sekdes")
    musdes.add_attendee(factory, meeting.id, author="op", name="Bu Ketua",
                        role=AttendeeRole.BPD, title="Ketua BPD")
    musdes.add_attendee(factory, meeting.id, author="op", name="Pak RT",
                        role=AttendeeRole.RT_RW, title="RT 001")
    return meeting.id


def _decided_meeting(factory: sessionmaker[Session]) -> tuple[int, list[int]]:
    ids = _four_ready_proposals(factory)
    meeting_id = _meeting(factory)
    for usulan_id, decision in zip(ids, (Decision.SETUJU, Decision.SETUJU, Decision.TOLAK,
                                         Decision.TUNDA), strict=True):
        musdes.decide(factory, meeting_id, usulan_id, decision, author="op", note="dibahas")
    return meeting_id, ids


def test_the_whole_flow_ends_in_a_locked_meeting_and_an_honest_export_gate(
        factory: sessionmaker[Session]) -> None:
    ids = _four_ready_proposals(factory)
    meeting_id = _meeting(factory)
    with factory() as session:
        items = musdes.agenda(session, meeting_id)  # grouped by household
        assert sorted(r.id for r in items) == sorted(ids)
        assert [r.ruta_uuid for r in items] == sorted(r.ruta_uuid for r in items)
    for usulan_id, decision in zip(ids, (Decision.SETUJU, Decision.SETUJU, Decision.TOLAK,
                                         Decision.TUNDA), strict=True):
        musdes.decide(factory, meeting_id, usulan_id, decision, author="op", note="dibahas")
    # changing one's mind while the meeting is open is fine
    musdes.decide(factory, meeting_id, ids[1], None, author="op")
    musdes.decide(factory, meeting_id, ids[1], Decision.SETUJU, author="op")
    with factory() as session:
        summary = musdes.summary(session, meeting_id)
        assert (summary.decided, summary.undecided) == (4, 0)
        assert summary.by_decision == (("approve", 2), ("reject", 1), ("defer", 1))
        # decided, but not finalised: nothing may leave yet
        assert exportable_proposals(session) == []
        assert {h.code for h in held_back(session)} == {"HELD_NOT_FINALISED"}

    meeting = musdes.finalise(factory, meeting_id, APPROVER, PASSWORD, author="op")
    assert meeting.status == "finalised" and meeting.finalised_by == "Bapak Kades"
    assert meeting.decided_set_sha256 is not None and len(meeting.decided_set_sha256) == 64
    with factory() as session:
        assert musdes.verify_meeting(session, meeting_id)
        assert [r.id for r in exportable_proposals(session)] == ids[:2]
        held = {h.usulan.id: h for h in held_back(session)}
        assert {i: h.code for i, h in held.items()} == {ids[2]: "HELD_REJECTED",
                                                       ids[3]: "HELD_DEFERRED"}
        assert held[ids[2]].message() == "Ditolak oleh MusDes."
        assert held[ids[2]].message("en") == "Rejected by the MusDes."

    # the service refuses …
    with pytest.raises(UsulanRuleError) as error:
        musdes.decide(factory, meeting_id, ids[2], Decision.SETUJU, author="op")
    assert error.value.code == "MEETING_FINALISED"
    with pytest.raises(UsulanRuleError):
        musdes.add_attendee(factory, meeting_id, author="op", name="X", role=AttendeeRole.KPM)
    # … and so does the database, for the ORM and for raw SQL
    with pytest.raises(IntegrityError, match="finalised"), factory.begin() as session:
        session.get_one(Usulan, ids[2]).decision = "approve"
    with pytest.raises(IntegrityError, match="finalised"), factory.begin() as session:
        session.execute(update(Usulan).where(Usulan.id == ids[0]).values(note="diubah"))
    with pytest.raises(IntegrityError, match="finalised"), factory.begin() as session:
        session.execute(text("UPDATE usulan SET status = 'approved' WHERE id = :id"),
                        {"id": ids[3]})
    with pytest.raises(IntegrityError, match="finalised"), factory.begin() as session:
        session.get_one(MusdesMeeting, meeting_id).place = "Di tempat lain"
    with pytest.raises(IntegrityError, match="finalised"), factory.begin() as session:
        session.execute(text("DELETE FROM musdes_attendee"))
    with pytest.raises(IntegrityError, match="finalised"), factory.begin() as session:
        session.execute(text("DELETE FROM usulan WHERE id = :id"), {"id": ids[0]})
    with factory() as session:
        assert musdes.verify_meeting(session, meeting_id)
        assert session.scalar(select(Usulan.decision).where(Usulan.id == ids[2])) == "reject"


def test_later_status_moves_of_approved_items_stay_possible(
        factory: sessionmaker[Session], tmp_path: Path) -> None:
    meeting_id, ids = _decided_meeting(factory)
    musdes.finalise(factory, meeting_id, APPROVER, PASSWORD, author="op")
    with factory.begin() as session:  # the sync layer later marks what it sent …
        session.execute(text("UPDATE usulan SET status = 'sent', sent_at = '2026-11-21' "
                             "WHERE id = :id"), {"id": ids[0]})
    with factory.begin() as session:  # … and what the district answered
        row = session.get_one(Usulan, ids[0])
        row.status, row.dinas_note = "accepted_by_dinas", "padan"
    for bad in ("UPDATE usulan SET status = 'sent' WHERE id = :id",  # rejected is final
                "UPDATE usulan SET status = 'approved' WHERE id = :id"):
        with pytest.raises(IntegrityError), factory.begin() as session:
            session.execute(text(bad), {"id": ids[2]})
    with pytest.raises(IntegrityError), factory.begin() as session:  # status + content
        session.execute(text("UPDATE usulan SET status = 'sent', decision_note = 'x' "
                             "WHERE id = :id"), {"id": ids[1]})
    with factory() as session:
        assert musdes.verify_meeting(session, meeting_id)  # the moves are outside the hash
        assert [r.id for r in exportable_proposals(session)] == [ids[1]]
        codes = {h.usulan.id: h.code for h in held_back(session)}
        assert codes[ids[0]] == "HELD_DINAS_DECIDED"


def test_a_wrong_password_changes_nothing(factory: sessionmaker[Session]) -> None:
    meeting_id, _ids = _decided_meeting(factory)
    with factory() as session:
        before = (session.get_one(MusdesMeeting, meeting_id).status,
                  [(u.id, u.status, u.decision) for u in session.scalars(select(Usulan))])
    with pytest.raises(AccountError) as error:
        musdes.finalise(factory, meeting_id, APPROVER, "bukan-sandinya", author="op")
    assert error.value.code == "LOGIN_FAILED"
    assert "salah" in error.value.message() and "Wrong" in error.value.message("en")
    with factory() as session:
        after = (session.get_one(MusdesMeeting, meeting_id).status,
                 [(u.id, u.status, u.decision) for u in session.scalars(select(Usulan))])
        assert after == before and exportable_proposals(session) == []


def test_a_meeting_in_progress_is_resumed_and_checked_before_finalising(
        factory: sessionmaker[Session]) -> None:
    ids = _four_ready_proposals(factory)
    meeting = musdes.create_meeting(factory, author="op", held_on=date(2026, 11, 20))
    with pytest.raises(UsulanRuleError) as error:
        musdes.finalise(factory, meeting.id, APPROVER, PASSWORD, author="op")
    assert error.value.code == "MEETING_DETAILS_MISSING"
    assert "tempat" in error.value.message() and "place" in error.value.message("en")
    musdes.update_meeting(factory, meeting.id, author="op", place="Balai Desa",
                          chair="Bapak Kades", note_taker="Sekdes")
    with pytest.raises(UsulanRuleError) as error:
        musdes.finalise(factory, meeting.id, APPROVER, PASSWORD, author="op")
    assert error.value.code == "MEETING_NO_ATTENDEES"
    musdes.add_attendee(factory, meeting.id, author="op", name="Bu BPD", role=AttendeeRole.BPD)
    with pytest.raises(UsulanRuleError) as error:
        musdes.finalise(factory, meeting.id, APPROVER, PASSWORD, author="op")
    assert error.value.code == "MEETING_NO_DECISIONS"
    musdes.decide(factory, meeting.id, ids[0], Decision.SETUJU, author="op")
    with factory() as session:  # "resume": everything is in the rows
        (open_meeting,) = musdes.list_meetings(session)
        assert open_meeting.status == "open" and len(open_meeting.attendees) == 1
        assert musdes.summary(session, meeting.id).undecided == 3
    musdes.finalise(factory, meeting.id, APPROVER, PASSWORD, author="op")
    with factory() as session:  # the undecided ones wait for the next meeting
        assert [r.id for r in list_proposals(session, statuses=("ready",))] == ids[1:]


def test_sptjm_records_the_heads_statement_instead_of_a_meeting(
        factory: sessionmaker[Session]) -> None:
    ids = _four_ready_proposals(factory)
    sptjm = musdes.create_sptjm(factory, author="op", held_on=date(2026, 11, 22),
                                chair="Bapak Kades", statement="")
    assert sptjm.kind == MeetingKind.SPTJM
    with pytest.raises(UsulanRuleError) as error:
        musdes.add_attendee(factory, sptjm.id, author="op", name="X", role=AttendeeRole.BPD)
    assert error.value.code == "MEETING_ATTENDEES_SPTJM"
    musdes.decide(factory, sptjm.id, ids[0], Decision.SETUJU, author="op")
    with pytest.raises(UsulanRuleError) as error:
        musdes.finalise(factory, sptjm.id, APPROVER, PASSWORD, author="op")
    assert error.value.code == "SPTJM_NO_STATEMENT"
    musdes.update_meeting(factory, sptjm.id, author="op",
                          statement="Saya bertanggung jawab penuh atas data ini.")
    musdes.finalise(factory, sptjm.id, APPROVER, PASSWORD, author="op")
    with factory() as session:
        assert [r.id for r in exportable_proposals(session)] == [ids[0]]
        record = musdes.meeting_record(session, sptjm.id)
        assert record.kind == "sptjm" and record.statement.startswith("Saya")


def test_a_deferred_proposal_is_carried_forward_as_a_new_draft(
        factory: sessionmaker[Session]) -> None:
    meeting_id, ids = _decided_meeting(factory)
    musdes.finalise(factory, meeting_id, APPROVER, PASSWORD, author="op")
    copy = carry_forward(factory, ids[3], author="op")
    assert (copy.status, copy.previous_id, copy.changes) == ("draft", ids[3], copy.changes)
    with factory() as session:
        original = session.get_one(Usulan, ids[3])
        assert (original.status, original.meeting_id) == ("deferred", meeting_id)
        assert copy.changes == (("nama", "Istri 2", "Istri Dua"),)
    with pytest.raises(UsulanRuleError):
        carry_forward(factory, ids[0], author="op")  # only deferred ones
    with pytest.raises(UsulanRuleError) as twice:
        carry_forward(factory, ids[3], author="op")  # and only once
    assert twice.value.code == "USULAN_ALREADY_CARRIED"


def test_lock_triggers_exist_and_a_meeting_cannot_be_born_finalised(
        factory: sessionmaker[Session], tmp_path: Path) -> None:
    with sqlite3.connect(tmp_path / "v.sqlite3") as conn:
        names = {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert names >= LOCK_TRIGGERS
        with pytest.raises(sqlite3.IntegrityError, match="created open"):
            conn.execute("INSERT INTO musdes_meeting (uuid, kind, status, held_on, place, "
                         "agenda, chair, note_taker, statement, created_at, created_by) VALUES "
                         "('m', 'musdes', 'finalised', '2026-01-01', '', '', '', '', '', "
                         "'2026-01-01', 'x')")


def test_an_open_meetings_rows_are_not_locked(factory: sessionmaker[Session]) -> None:
    meeting_id, ids = _decided_meeting(factory)
    with factory.begin() as session:
        session.execute(update(Usulan).where(Usulan.id == ids[0]).values(decision_note="x"))
        session.execute(update(MusdesAttendee).values(title="t"))
        session.get_one(MusdesMeeting, meeting_id).place = "Aula"
    with factory() as session:
        assert session.get_one(MusdesMeeting, meeting_id).place == "Aula"


def test_upgrading_keeps_existing_proposals_valid(tmp_path: Path) -> None:
    from alembic import command

    from siksdesk.db.engine import make_engine
    from siksdesk.db.migrate import alembic_config, current_revision, ensure_schema

    db = tmp_path / "old.sqlite3"
    ensure_schema(db, tmp_path / "backups")
    engine = make_engine(db)
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0003")
    engine.dispose()
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO usulan (uuid, kind, entity, entity_uuid, ruta_uuid, reason, "
                     "note, source, status, created_at, created_by) VALUES ('u', 'deactivate', "
                     "'art', 'a', 'r', 'ganda', '', 'duplicate', 'draft', '2026-01-01', 'op')")
    assert ensure_schema(db, tmp_path / "backups") == "upgraded"
    assert current_revision(db) == HEAD_REVISION
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT kind, status, changes, meeting_id, decision_note "
                            "FROM usulan").fetchall() == [("deactivate", "draft", "{}", None,
                                                           "")]
