"""The household editor's service: load → draft → validate → one transaction with change log and
derived index; a rejected or failed save writes nothing."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from siksdesk.db.engine import make_engine
from siksdesk.db.migrate import ensure_schema
from siksdesk.db.session import make_session_factory, unit_of_work
from siksdesk.models import Art, ChangeLog, HouseholdIndex, Keluarga, RecordProblem, Ruta
from siksdesk.services import household_edit
from siksdesk.services.derived import rebuild_all
from siksdesk.services.household_edit import (
    EditConflict,
    EditRejected,
    FamilyDraft,
    HouseholdDraft,
    MemberDraft,
    known_dusun,
    load_household,
    new_family_draft,
    new_household_draft,
    new_member_draft,
    save_household,
    validate_draft,
)

HOUSING = {"hasil_verivali": 1, "status_bangunan": 1, "jenis_lantai": 9, "jenis_dinding": 4,
           "jenis_atap": 4, "sumber_air_minum": 6, "sumber_penerangan": 1,
           "bahan_bakar_masak": 8, "fasilitas_bab": 1, "luas_lantai": 36.5}
VALID_NIK = "3522011204780001"  # 12-04-1978, male
WIFE_NIK = "3522015708800002"  # 17-08-1980, female
BAD_NIK = "3522013204780001"  # day 32: a hard error


def _person(nama: str, nik: str | None, sex: int, hub: int, born: date) -> Art:
    return Art(no_urut=hub, nama=nama, nik=nik, temp_id=None if nik else "SMT-AAAAAAAA",
               jenis_kelamin=sex, hubungan_krt=hub, tanggal_lahir=born, keberadaan=1,
               status_kawin=2, nama_ibu_kandung="Sumini")


@pytest.fixture
def sessions(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    db = tmp_path / "v.sqlite3"
    ensure_schema(db, tmp_path / "backups")
    engine = make_engine(db)
    factory = make_session_factory(engine)
    with unit_of_work(factory, "setup") as session:
        ruta = Ruta(no_urut=1, alamat="Dsn. Krajan RT 001", dusun="Krajan", rt="001", rw="002",
                    **HOUSING)
        family = Keluarga(no_urut=1, no_kk="3522012304150003")
        family.anggota.extend([
            _person("Sutrisno", VALID_NIK, 1, 1, date(1978, 4, 12)),
            _person("Siti Aminah", WIFE_NIK, 2, 2, date(1980, 8, 17))])
        ruta.keluarga.append(family)
        session.add_all([ruta, Ruta(no_urut=7, alamat="Dsn. Ngasem", dusun="Ngasem")])
        session.flush()
        rebuild_all(session)
    yield factory
    engine.dispose()


def _ruta_id(sessions: sessionmaker[Session]) -> int:
    with sessions() as session:
        return session.scalars(select(Ruta.id).where(Ruta.no_urut == 1)).one()


def _load(sessions: sessionmaker[Session]) -> HouseholdDraft:
    with sessions() as session:
        return load_household(session, _ruta_id(sessions))


def _log(sessions: sessionmaker[Session]) -> list[ChangeLog]:
    with sessions() as session:
        return list(session.scalars(select(ChangeLog).where(ChangeLog.author != "setup")
                                    .order_by(ChangeLog.id)))


def _problems(sessions: sessionmaker[Session]) -> set[tuple[str, str]]:
    with sessions() as session:
        return {(p.code, p.field) for p in session.scalars(select(RecordProblem))}


def _member(draft: HouseholdDraft, index: int = 0, family: int = 0) -> MemberDraft:
    return draft.families[family].members[index]


def _with_member(draft: HouseholdDraft, index: int, family: int = 0,
                 **changes: Any) -> HouseholdDraft:
    values = changes.pop("values", None)
    member = _member(draft, index, family)
    if values is not None:
        changes["values"] = {**member.values, **values}
    members = list(draft.families[family].members)
    members[index] = dataclasses.replace(member, **changes)
    return _with_members(draft, members, family)


def _with_members(draft: HouseholdDraft, members: list[MemberDraft],
                  family: int = 0) -> HouseholdDraft:
    families = list(draft.families)
    families[family] = dataclasses.replace(families[family], members=tuple(members))
    return dataclasses.replace(draft, families=tuple(families))


def _snapshot(sessions: sessionmaker[Session]) -> tuple[Any, ...]:
    with sessions() as session:
        counts = tuple(session.scalar(select(func.count()).select_from(t))
                       for t in (Ruta, Keluarga, Art, ChangeLog, RecordProblem))
        return counts, load_household(session, _ruta_id(sessions))


def test_unchanged_roundtrip_writes_nothing(sessions: sessionmaker[Session]) -> None:
    draft = _load(sessions)
    result = save_household(sessions, draft, author="op")
    assert _log(sessions) == []
    assert result.draft == draft  # same values and the same version (updated_at untouched)
    assert result.ruta_id == draft.ruta_id


def test_field_changes_are_logged_before_and_after(sessions: sessionmaker[Session]) -> None:
    draft = _load(sessions)
    changed = dataclasses.replace(draft, alamat="Jl. Mawar 3",
                                  values={**draft.values, "jenis_lantai": 2})
    changed = _with_member(changed, 1, nama="Siti Aminah Rahayu")
    result = save_household(sessions, changed, author="operator-1")
    log = _log(sessions)
    by_entity = {entry.entity: entry for entry in log}
    assert {e.author for e in log} == {"operator-1"}
    assert by_entity["ruta"].before == {"alamat": "Dsn. Krajan RT 001", "jenis_lantai": 9}
    assert by_entity["ruta"].after == {"alamat": "Jl. Mawar 3", "jenis_lantai": 2}
    assert (by_entity["art"].before, by_entity["art"].after) == (
        {"nama": "Siti Aminah"}, {"nama": "Siti Aminah Rahayu"})
    assert result.draft.alamat == "Jl. Mawar 3"
    assert result.draft.updated_at != draft.updated_at


def test_add_member_gets_temp_id_and_remove_member_is_logged(
        sessions: sessionmaker[Session]) -> None:
    draft = _load(sessions)
    child = dataclasses.replace(new_member_draft(), nama="Budi", values={
        **new_member_draft().values, "hubungan_krt": 3, "jenis_kelamin": 1, "keberadaan": 5})
    added = save_household(sessions, _with_members(draft, [*draft.families[0].members, child]),
                           author="op").draft
    new = _member(added, 2)
    assert (new.nama, new.nik, new.no_urut) == ("Budi", None, 3)
    assert new.temp_id is not None and new.temp_id.startswith("SMT-") and len(new.temp_id) == 12
    assert ("ART_NO_NIK", "nik") in _problems(sessions)
    with sessions() as session:
        assert session.get(HouseholdIndex, draft.ruta_id).jumlah_art == 3  # type: ignore[union-attr]

    save_household(sessions, _with_members(added, list(added.families[0].members[:2])),
                   author="op")
    deleted = [e for e in _log(sessions) if e.action == "delete"]
    assert [(e.entity, e.before["nama"]) for e in deleted] == [("art", "Budi")]  # type: ignore[index]
    assert deleted[0].ruta_uuid == draft.uuid
    assert ("ART_NO_NIK", "nik") not in _problems(sessions)


def test_add_and_remove_a_family(sessions: sessionmaker[Session]) -> None:
    draft = _load(sessions)
    member = dataclasses.replace(new_member_draft(), nama="Joko", nik="3522010101900005")
    family = dataclasses.replace(new_family_draft(2), no_kk="3522010505200001",
                                 members=(member,))
    saved = save_household(sessions, dataclasses.replace(
        draft, families=(*draft.families, family)), author="op").draft
    assert [f.no_kk for f in saved.families] == ["3522012304150003", "3522010505200001"]
    assert saved.families[1].members[0].nama == "Joko"
    save_household(sessions, dataclasses.replace(saved, families=saved.families[:1]),
                   author="op")
    deleted = sorted(e.entity for e in _log(sessions) if e.action == "delete")
    assert deleted == ["art", "keluarga"]


def test_invalid_code_is_rejected_naming_the_field_and_nothing_is_written(
        sessions: sessionmaker[Session]) -> None:
    before = _snapshot(sessions)
    draft = _load(sessions)
    bad = dataclasses.replace(draft, alamat="x", values={**draft.values, "jenis_lantai": 14})
    bad = _with_member(bad, 0, values={"umur": 130})
    with pytest.raises(EditRejected) as caught:
        save_household(sessions, bad, author="op")
    errors = caught.value.field_errors
    assert [(e.path, e.message_id) for e in errors] == [
        ("jenis_lantai", "CODE_UNKNOWN"), ("families[0].members[0].umur", "OUT_OF_RANGE")]
    assert "Jenis lantai terluas" in errors[0].message() and "14" in errors[0].message()
    assert "Sutrisno" in errors[1].message() and "Umur" in errors[1].message()
    assert "Main floor material" in caught.value.message("en")
    assert _snapshot(sessions) == before


def test_missing_required_values_do_not_block(sessions: sessionmaker[Session]) -> None:
    draft = _load(sessions)
    emptied = _with_member(draft, 1, values={"nama_ibu_kandung": None})
    assert validate_draft(emptied) == []
    save_household(sessions, emptied, author="op")
    assert ("FIELD_MISSING", "nama_ibu_kandung") in _problems(sessions)
    save_household(sessions, _with_member(_load(sessions), 1,
                                          values={"nama_ibu_kandung": "Suminah"}), author="op")
    assert ("FIELD_MISSING", "nama_ibu_kandung") not in _problems(sessions)


def test_empty_name_and_overlong_text_are_rejected(sessions: sessionmaker[Session]) -> None:
    draft = _with_member(dataclasses.replace(_load(sessions), rt="0012"), 0, nama="  ")
    errors = validate_draft(draft)
    assert [(e.path, e.message_id) for e in errors] == [
        ("rt", "TOO_LONG"), ("families[0].members[0].nama", "NAME_EMPTY")]


def test_invalid_nik_blocks_unless_kept(sessions: sessionmaker[Session]) -> None:
    before = _snapshot(sessions)
    draft = _with_member(_load(sessions), 0, nik=BAD_NIK)
    with pytest.raises(EditRejected) as caught:
        save_household(sessions, draft, author="op")
    [error] = caught.value.field_errors
    assert (error.path, error.message_id) == ("families[0].members[0].nik", "NIK_DAY")
    assert error.message().startswith("Anggota “Sutrisno” — NIK: ")
    assert _snapshot(sessions) == before

    kept = frozenset({(_member(draft).uuid, "nik")})
    result = save_household(sessions, draft, author="op", kept=kept)
    assert _member(result.draft).nik == BAD_NIK
    assert any(f.problem.code == "NIK_DAY" and f.art_id == _member(draft).art_id
               for f in result.findings)
    # fixing it clears the problem from the derived index
    save_household(sessions, _with_member(result.draft, 0, nik=VALID_NIK), author="op")
    assert ("NIK_DAY", "nik") not in _problems(sessions)


def test_invalid_no_kk_blocks_unless_kept(sessions: sessionmaker[Session]) -> None:
    draft = _load(sessions)
    bad = dataclasses.replace(draft, families=(dataclasses.replace(
        draft.families[0], no_kk="99220123041500"),))
    with pytest.raises(EditRejected) as caught:
        save_household(sessions, bad, author="op")
    assert [e.path for e in caught.value.field_errors] == ["families[0].no_kk"]
    saved = save_household(sessions, bad, author="op",
                           kept=frozenset({(draft.families[0].uuid, "no_kk")}))
    assert saved.draft.families[0].no_kk == "99220123041500"


def test_real_nik_keeps_the_temp_id(sessions: sessionmaker[Session]) -> None:
    draft = _with_member(_load(sessions), 1, nik=None)
    saved = save_household(sessions, draft, author="op").draft
    temp = _member(saved, 1).temp_id
    assert temp and temp.startswith("SMT-")
    again = save_household(sessions, _with_member(saved, 1, nik=WIFE_NIK), author="op").draft
    assert (_member(again, 1).nik, _member(again, 1).temp_id) == (WIFE_NIK, temp)


def test_conflict_when_changed_elsewhere(sessions: sessionmaker[Session]) -> None:
    first = _load(sessions)
    second = _load(sessions)
    save_household(sessions, _with_member(second, 0, nama="Sutrisno Hadi"), author="other")
    before = _snapshot(sessions)
    with pytest.raises(EditConflict) as caught:
        save_household(sessions, dataclasses.replace(first, alamat="Jl. Baru"), author="op")
    assert "diubah di tempat lain" in caught.value.message()
    assert _snapshot(sessions) == before


def test_a_failing_save_writes_nothing(sessions: sessionmaker[Session],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    before = _snapshot(sessions)

    def broken(session: Session, ids: Any, **_: Any) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(household_edit, "refresh_households", broken)
    draft = _with_member(dataclasses.replace(_load(sessions), alamat="Jl. Baru"), 0,
                         nama="Sutrisno Hadi")
    with pytest.raises(RuntimeError, match="disk on fire"):
        save_household(sessions, draft, author="op")
    assert _snapshot(sessions) == before


def test_derived_index_follows_the_head_of_household(sessions: sessionmaker[Session]) -> None:
    draft = _with_member(_load(sessions), 0, values={"hubungan_krt": 3})
    save_household(sessions, draft, author="op")
    assert ("RUTA_NO_HEAD", "hubungan_krt") in _problems(sessions)
    with sessions() as session:
        row = session.get(HouseholdIndex, draft.ruta_id)
        assert row is not None and row.warnings >= 1
    save_household(sessions, _with_member(_load(sessions), 0, values={"hubungan_krt": 1}),
                   author="op")
    assert ("RUTA_NO_HEAD", "hubungan_krt") not in _problems(sessions)


def test_new_household(sessions: sessionmaker[Session]) -> None:
    with sessions() as session:
        draft = new_household_draft(session)
        assert known_dusun(session) == ["Krajan", "Ngasem"]
    assert (draft.ruta_id, draft.no_urut, len(draft.families)) == (None, 8, 1)
    head = dataclasses.replace(new_member_draft(), nama="Wati", nik="3522014505850003",
                               values={**new_member_draft().values, "hubungan_krt": 1,
                                       "jenis_kelamin": 2})
    family = dataclasses.replace(draft.families[0], members=(head,))
    draft = dataclasses.replace(draft, alamat="Dsn. Krajan", dusun="Krajan",
                                tanggal_verivali=date(2026, 10, 2), families=(family,))
    result = save_household(sessions, draft, author="op")
    assert result.draft.no_urut == 8 and result.draft.uuid == draft.uuid
    assert result.draft.families[0].members[0].nama == "Wati"
    with sessions() as session:
        row = session.get(HouseholdIndex, result.ruta_id)
        assert row is not None and row.nama_krt == "Wati"
    inserts = [(e.entity, e.ruta_uuid) for e in _log(sessions) if e.action == "insert"]
    assert inserts == [("ruta", draft.uuid), ("keluarga", draft.uuid), ("art", draft.uuid)]


def test_unknown_variable_is_a_programming_error(sessions: sessionmaker[Session]) -> None:
    draft = _load(sessions)
    with pytest.raises(ValueError, match="not a catalogue variable"):
        validate_draft(dataclasses.replace(draft, values={"no_such": 1}))


def test_family_draft_defaults() -> None:
    family = FamilyDraft(keluarga_id=None, no_kk=None, no_urut=1)
    assert family.members == () and len(family.uuid) == 36


def test_a_stored_wrong_nik_does_not_block_other_changes(
        sessions: sessionmaker[Session]) -> None:
    with unit_of_work(sessions, "import") as session:  # e.g. from the district's Excel file
        art = session.scalars(select(Art).where(Art.nama == "Sutrisno")).one()
        art.nik = BAD_NIK
    draft = dataclasses.replace(_load(sessions), alamat="Jl. Baru")
    assert save_household(sessions, draft, author="op").draft.alamat == "Jl. Baru"
    with pytest.raises(EditRejected):  # typing another wrong number is refused again
        save_household(sessions, _with_member(_load(sessions), 0, nik="3522013304780001"),
                       author="op")


def test_rejection_text_for_logs_names_no_person() -> None:
    from siksdesk.services.household_edit import EditRejected
    from siksdesk.services.household_validation import FieldError

    fields = [f.name for f in __import__("dataclasses").fields(FieldError)]
    values = {name: "x" for name in fields}
    values.update(path="families[0].members[1].nik", text_id="Anggota “Siti” — NIK salah",
                  text_en="Member “Siti” — bad NIK")
    error = EditRejected([FieldError(**values)])
    assert "Siti" not in str(error)
    assert "families[0].members[1].nik" in str(error)
    assert "Siti" in error.message("id")
