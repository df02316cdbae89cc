"""The duplicate finder over a database, and the operator's decisions on its pairs."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from siksdesk.app import open_app
from siksdesk.db.engine import make_engine
from siksdesk.db.migrate import ensure_schema
from siksdesk.db.session import make_session_factory, read_session, unit_of_work
from siksdesk.models import Art, DuplicateDecision, Keluarga, Ruta, Usulan
from siksdesk.paths import default_paths
from siksdesk.services.duplicates import (
    CandidatePair,
    DuplicateDecisionError,
    FinderCancelled,
    find_duplicates,
    keep_one,
    mark_not_duplicate,
)

SITI_NIK = "3522015708800002"
_TEMP = itertools.count(1)


def _art(nama: str, nik: str | None, sex: int, born: date | None, mother: str | None,
         no: int, hub: int = 1) -> Art:
    temp_id = None if nik else f"SMT-{next(_TEMP):08d}"
    return Art(no_urut=no, nama=nama, nik=nik, temp_id=temp_id,
               jenis_kelamin=sex, hubungan_krt=hub, tanggal_lahir=born, keberadaan=1,
               nama_ibu_kandung=mother)


def _household(no: int, dusun: str, rt: str, no_kk: str, *members: Art,
               aktif: bool = True) -> Ruta:
    ruta = Ruta(no_urut=no, alamat=f"Dsn. {dusun} RT {rt}", dusun=dusun, rt=rt, rw="002",
                aktif=aktif)
    family = Keluarga(no_urut=1, no_kk=no_kk)
    family.anggota.extend(members)
    ruta.keluarga.append(family)
    return ruta


@pytest.fixture
def sessions(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    """Five households: Siti Aminah twice (the true pair), twins, a father and son of the same
    name, siblings sharing their mother, and an inactive household holding another copy."""
    db = tmp_path / "v.sqlite3"
    ensure_schema(db, tmp_path / "backups")
    engine = make_engine(db)
    factory = make_session_factory(engine)
    with unit_of_work(factory, "setup") as session:
        session.add_all([
            _household(1, "Krajan", "001", "3522012304150003",
                       _art("Sutrisno", "3522011204780001", 1, date(1978, 4, 12), "Painem", 1),
                       _art("Siti Aminah", SITI_NIK, 2, date(1980, 8, 17), "Sumini", 2, 2),
                       _art("Hasan", "3522010106100003", 1, date(2010, 6, 1), "Siti Aminah", 3,
                            3),
                       _art("Husein", "3522010106100004", 1, date(2010, 6, 1), "Siti Aminah", 4,
                            3)),
            _household(2, "Ngasem", "004", "3522010101200001",
                       _art("Hj. S. Aminah", None, 2, date(1980, 8, 17), "Sumini", 1)),
            _household(3, "Krajan", "002", "3522010202200002",
                       _art("Ahmad Sholeh", "3522010204550001", 1, date(1955, 4, 2),
                            "Mbok Sarmi", 1),
                       _art("Ahmad Sholeh", "3522013009820003", 1, date(1982, 9, 30),
                            "Siti Romlah", 2, 3),
                       _art("Dwi Lestari", "3522014102900001", 2, date(1990, 2, 1),
                            "Siti Romlah", 3, 3),
                       _art("Tri Lestari", "3522014907930002", 2, date(1993, 7, 9),
                            "Siti Romlah", 4, 3)),
            _household(4, "Tegalrejo", "001", "3522010303200003",
                       _art("Siti Aminah", None, 2, date(1980, 8, 17), "Sumini", 1),
                       aktif=False),
        ])
    yield factory
    engine.dispose()


def _find(sessions: sessionmaker[Session], **kwargs: object) -> list[CandidatePair]:
    with read_session(sessions) as session:
        return list(find_duplicates(session, **kwargs).pairs)  # type: ignore[arg-type]


def _names(pair: CandidatePair) -> set[str]:
    return {pair.a.nama, pair.b.nama}


def test_finds_the_true_pair_and_nothing_else(sessions: sessionmaker[Session]) -> None:
    pairs = _find(sessions)
    assert [_names(pair) for pair in pairs] == [{"Siti Aminah", "Hj. S. Aminah"}]
    pair = pairs[0]
    assert pair.a.uuid < pair.b.uuid
    assert pair.score >= 80
    codes = {reason.code for reason in pair.reasons}
    assert {"DUP_NAME_INITIALS", "DUP_BIRTH_SAME", "DUP_MOTHER_SAME"} <= codes
    siti = pair.a if pair.a.nik else pair.b
    assert (siti.nik, siti.no_kk, siti.dusun, siti.rt, siti.ruta_no) == (
        SITI_NIK, "3522012304150003", "Krajan", "001", 1)


def test_low_threshold_shows_the_look_alikes_with_low_scores(
        sessions: sessionmaker[Session]) -> None:
    pairs = _find(sessions, min_score=0)
    by_names = {frozenset(_names(pair)): pair.score for pair in pairs}
    assert by_names[frozenset({"Hasan", "Husein"})] < 20
    assert by_names[frozenset({"Ahmad Sholeh"})] < 20
    assert [pair.score for pair in pairs] == sorted((pair.score for pair in pairs), reverse=True)
    assert not any("Tegalrejo" in (pair.a.dusun, pair.b.dusun) for pair in pairs)
    assert len(_find(sessions, min_score=0, limit=2)) == 2


def test_progress_reaches_the_end_and_cancel_stops(sessions: sessionmaker[Session]) -> None:
    reports: list[tuple[int, int]] = []
    with read_session(sessions) as session:
        result = find_duplicates(session, progress=lambda d, t: reports.append((d, t)))
    assert result.people == 9 and result.comparisons >= 1
    assert reports[-1][0] == reports[-1][1] > 0
    assert all(done <= total for done, total in reports)
    with read_session(sessions) as session, pytest.raises(FinderCancelled):
        find_duplicates(session, cancelled=lambda: True)


def test_not_a_duplicate_is_remembered(sessions: sessionmaker[Session]) -> None:
    pair = _find(sessions)[0]
    row = mark_not_duplicate(sessions, pair.b.uuid, pair.a.uuid, "operator", note="beda orang")
    assert (row.art_uuid_a, row.art_uuid_b, row.decision) == (pair.a.uuid, pair.b.uuid,
                                                              "not_duplicate")
    assert _find(sessions) == []
    with read_session(sessions) as session:
        assert find_duplicates(session).decided == 1
        stored = session.scalars(select(DuplicateDecision)).one()
        assert (stored.note, stored.decided_by) == ("beda orang", "operator")
        assert session.scalar(select(func.count()).select_from(Usulan)) == 0


def test_keep_one_proposes_the_other_for_deactivation(sessions: sessionmaker[Session]) -> None:
    pair = _find(sessions)[0]
    keep, drop = (pair.b, pair.a)
    row = keep_one(sessions, keep.uuid, drop.uuid, "operator", note="sama orangnya")
    assert row.decision == "keep_b" and row.usulan_id is not None
    with read_session(sessions) as session:
        usulan = session.get(Usulan, row.usulan_id)
        assert usulan is not None
        assert (usulan.kind, usulan.entity_uuid, usulan.reason, usulan.source, usulan.note) == (
            "deactivate", drop.uuid, "ganda", "duplicate", "sama orangnya")
    assert _find(sessions) == []
    # Changing one's mind updates the same decision row.
    keep_one(sessions, drop.uuid, keep.uuid, "operator")
    with read_session(sessions) as session:
        decisions = session.scalars(select(DuplicateDecision)).all()
        assert [d.decision for d in decisions] == ["keep_a"]


def test_bad_decisions_change_nothing(sessions: sessionmaker[Session]) -> None:
    pair = _find(sessions)[0]
    with pytest.raises(DuplicateDecisionError) as same:
        keep_one(sessions, pair.a.uuid, pair.a.uuid, "operator")
    with pytest.raises(DuplicateDecisionError) as unknown:
        mark_not_duplicate(sessions, pair.a.uuid, "no-such-uuid", "operator")
    assert same.value.code == "DUP_SAME_RECORD"
    assert unknown.value.code == "DUP_UNKNOWN_RECORD"
    assert "tidak ditemukan" in unknown.value.message()
    assert "Aminah" not in str(unknown.value) + str(same.value)
    with read_session(sessions) as session:
        assert session.scalar(select(func.count()).select_from(DuplicateDecision)) == 0
        assert session.scalar(select(func.count()).select_from(Usulan)) == 0


def test_demo_village_planted_nik_copies_are_found(tmp_home: Path) -> None:
    """The demo plants pairs of different people sharing a NIK (a copying error); it plants no
    name near-duplicates. Every planted pair is listed, as a copied NIK, and blocking keeps the
    comparisons linear in the village size."""
    from siksdesk.demo import FieldProblem, build_demo_village, generate_village

    ctx = open_app(default_paths())
    try:
        build_demo_village(ctx, people=1_100, seed=11)
        planted = generate_village(11, 1_100).problems[FieldProblem.NIK_DUPLICATE]
        with read_session(ctx.sessions) as session:
            result = find_duplicates(session)
    finally:
        ctx.close()
    found = {frozenset((pair.a.uuid, pair.b.uuid)) for pair in result.pairs if pair.same_nik}
    expected = {frozenset(planted[i:i + 2]) for i in range(0, len(planted), 2)}
    assert expected and expected <= found
    assert result.comparisons < result.people * 10
