"""Programmes, quotas and one-for-one replacement: checked with explanations, decided together
in the MusDes, locked with it, and counted for the next set once approved."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from accounts_support import (
    APPROVER,
    add_approver,
    fast_hashes,  # noqa: F401  (a fixture)
)
from musdes_village import PASSWORD, ruta_ids, ruta_uuid, village
from siksdesk.domain.musdes import AttendeeRole, Decision
from siksdesk.domain.usulan_rules import UsulanRuleError
from siksdesk.services import musdes
from siksdesk.services.programmes import (
    check_replacement_set,
    list_programmes,
    programme_facts,
    propose_replacement,
    set_beneficiaries,
    set_programme,
)
from siksdesk.services.proposals import exportable_proposals, mark_ready, withdraw

pytestmark = pytest.mark.usefixtures("fast_hashes")

@pytest.fixture
def factory(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    with village(tmp_path, households=3) as made:
        add_approver(made, PASSWORD)
        yield made


def _households(factory: sessionmaker[Session]) -> list[str]:
    return [ruta_uuid(factory, i) for i in ruta_ids(factory)]


def _meeting(factory: sessionmaker[Session]) -> int:
    meeting = musdes.create_meeting(factory, author="op", held_on=date(2026, 11, 20),
                                    place="Balai Desa", chair="Bapak Kades",
                                    note_taker="Sekdes")
    musdes.add_attendee(factory, meeting.id, author="op", name="Pendamping PKH",
                        role=AttendeeRole.PENDAMPING)
    return meeting.id


def test_quota_and_beneficiaries(factory: sessionmaker[Session]) -> None:
    a, b, _c = _households(factory)
    set_programme(factory, "PKH", quota=2, name="Program Keluarga Harapan", author="op")
    row = set_beneficiaries(factory, "PKH", [a, b, a], author="op", since=date(2025, 1, 1))
    assert (row.code, row.quota, row.beneficiaries) == ("PKH", 2, 2)
    assert set_programme(factory, "PKH", quota=3, author="op").name == "Program Keluarga Harapan"
    with factory() as session:
        assert [p.quota for p in list_programmes(session)] == [3]
        assert programme_facts(session, "PKH").beneficiaries == frozenset({a, b})
        with pytest.raises(UsulanRuleError) as error:
            programme_facts(session, "KIP")
    assert error.value.code == "PROGRAMME_NOT_FOUND"


def test_a_replacement_set_is_checked_decided_together_and_locked(
        factory: sessionmaker[Session]) -> None:
    a, b, c = _households(factory)
    set_programme(factory, "KKS", quota=2, author="op")
    set_beneficiaries(factory, "KKS", [a, b], author="op")
    good = propose_replacement(factory, "KKS", author="op", exit_ruta=a,
                               exit_reason="mampu", entry_ruta=c)
    extra = propose_replacement(factory, "KKS", author="op", exit_ruta=None, exit_reason=None,
                                entry_ruta=c)
    with factory() as session:
        check = check_replacement_set(session, "KKS")
    assert {f.code for f in check.findings} == {"REPL_ENTRY_TWICE", "REPL_QUOTA_EXCEEDED"}
    assert "kuota" in check.findings[-1].message().lower()

    mark_ready(factory, [good.id, extra.id], author="op")
    meeting_id = _meeting(factory)
    with pytest.raises(UsulanRuleError) as error:
        musdes.decide(factory, meeting_id, good.id, Decision.SETUJU, author="op")
    assert error.value.code == "MEETING_DECIDE_PAIRS_TOGETHER"
    with pytest.raises(UsulanRuleError) as error:
        musdes.decide_replacements(factory, meeting_id, "KKS", Decision.SETUJU, author="op")
    assert error.value.code == "MEETING_REPLACEMENTS_INVALID"
    with factory() as session:
        assert [r.status for r in musdes.agenda(session, meeting_id)] == ["ready", "ready"]

    withdraw(factory, extra.id, author="op")  # the operator drops the extra pair
    result = musdes.decide_replacements(factory, meeting_id, "KKS", Decision.SETUJU,
                                        author="op", note="sudah mampu, diganti")
    assert result.ok and (result.exits, result.entries, result.after) == (1, 1, 2)
    musdes.finalise(factory, meeting_id, APPROVER, PASSWORD, author="op")
    with factory() as session:
        assert [r.id for r in exportable_proposals(session)] == [good.id]
        assert programme_facts(session, "KKS").beneficiaries == frozenset({b, c})
        record = musdes.meeting_record(session, meeting_id)
        assert record.items[0].replacement == {"programme": "KKS", "exit_ruta": a,
                                               "exit_reason": "mampu", "entry_ruta": c}
    with pytest.raises(IntegrityError, match="finalised"), factory.begin() as session:
        session.execute(text("UPDATE replacement_pair SET entry_ruta_uuid = :b"), {"b": b})
    with pytest.raises(IntegrityError, match="finalised"), factory.begin() as session:
        session.execute(text("DELETE FROM replacement_pair"))


def test_the_entering_household_must_not_be_proposed_out(
        factory: sessionmaker[Session]) -> None:
    a, b, c = _households(factory)
    set_programme(factory, "PBI-JK", quota=5, author="op")
    set_beneficiaries(factory, "PBI-JK", [a], author="op")
    with factory.begin() as session:  # c's household is proposed for deactivation
        session.execute(text(
            "INSERT INTO usulan (uuid, kind, entity, entity_uuid, ruta_uuid, reason, note, "
            "source, status, created_at, created_by) VALUES ('x', 'deactivate', 'ruta', :c, "
            ":c, 'pindah', '', 'operator', 'draft', '2026-01-01', 'op')"), {"c": c})
    propose_replacement(factory, "PBI-JK", author="op", exit_ruta=a, exit_reason="meninggal",
                        entry_ruta=c)
    propose_replacement(factory, "PBI-JK", author="op", exit_ruta=None, exit_reason=None,
                        entry_ruta=b)
    with factory() as session:
        check = check_replacement_set(session, "PBI-JK")
    assert [(f.code, f.pair) for f in check.findings] == [("REPL_ENTRY_PROPOSED_OUT", 0)]
    with pytest.raises(UsulanRuleError) as error:
        propose_replacement(factory, "PBI-JK", author="op", exit_ruta=None, exit_reason=None,
                            entry_ruta=None)
    assert error.value.code == "REPL_EMPTY_PAIR"
