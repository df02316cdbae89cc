"""Household/member cross-field rules (pure)."""

from __future__ import annotations

from datetime import date

from siksdesk.domain.rules import FamilyFacts, MemberFacts, household_findings, member_findings

TODAY = date(2026, 11, 23)
FULL_ART = {"keberadaan": 1, "hubungan_krt": 1, "jenis_kelamin": 2, "status_kawin": 2,
            "nama_ibu_kandung": "Sumini", "tanggal_lahir": date(1945, 8, 17)}
FULL_RUTA = {"hasil_verivali": 1, "status_bangunan": 1, "jenis_lantai": 9, "jenis_dinding": 4,
             "jenis_atap": 4, "sumber_air_minum": 6, "sumber_penerangan": 1,
             "bahan_bakar_masak": 8, "fasilitas_bab": 1}


def codes(findings: list) -> list[str]:  # type: ignore[type-arg]
    return sorted(f.problem.code for f in findings)


def member(**values: object) -> MemberFacts:
    nik = values.pop("nik", "3522015708450001")
    return MemberFacts(art_id=1, nama="Siti", nik=nik, no_kk="3522012304150003",  # type: ignore[arg-type]
                       values={**FULL_ART, **values})


def test_consistent_member_has_no_findings() -> None:
    assert member_findings(member(), today=TODAY) == []


def test_record_disagreeing_with_the_nik_is_flagged() -> None:
    found = member_findings(member(jenis_kelamin=1, tanggal_lahir=date(1945, 8, 18)), today=TODAY)
    assert codes(found) == ["NIK_BIRTHDATE_MISMATCH", "NIK_SEX_MISMATCH"]
    assert {f.field for f in found} == {"nik"} and {f.art_id for f in found} == {1}


def test_missing_required_member_field_names_the_field() -> None:
    found = member_findings(member(nama_ibu_kandung=None), today=TODAY)
    assert codes(found) == ["FIELD_MISSING"]
    assert found[0].field == "nama_ibu_kandung"
    assert "Nama gadis ibu kandung" in found[0].problem.message()


def test_absent_member_needs_no_survey_answers() -> None:
    assert member_findings(member(keberadaan=2, nama_ibu_kandung=None), today=TODAY) == []


def test_member_without_nik_is_flagged_softly() -> None:
    found = member_findings(member(nik=None), today=TODAY)
    assert codes(found) == ["ART_NO_NIK"]


def test_household_head_rules() -> None:
    fam = [FamilyFacts(1, "3522012304150003")]
    no_head = household_findings(FULL_RUTA, fam, [member(hubungan_krt=3)], today=TODAY)
    assert codes(no_head) == ["RUTA_NO_HEAD"]
    two = [member(), MemberFacts(2, "Budi", "3522011708450002", no_kk="3522012304150003",
                                 values={**FULL_ART, "jenis_kelamin": 1})]
    assert codes(household_findings(FULL_RUTA, fam, two, today=TODAY)) == ["RUTA_MANY_HEADS"] * 2


def test_missing_housing_answers_only_for_verified_households() -> None:
    fam = [FamilyFacts(1, "3522012304150003")]
    partial = {**FULL_RUTA, "jenis_lantai": None}
    assert codes(household_findings(partial, fam, [member()], today=TODAY)) == ["FIELD_MISSING"]
    not_found = {**partial, "hasil_verivali": 2}
    assert household_findings(not_found, fam, [member()], today=TODAY) == []


def test_family_without_kk_and_bad_kk() -> None:
    assert codes(household_findings(FULL_RUTA, [FamilyFacts(1, None)], [], today=TODAY)) == [
        "KK_MISSING"]
    found = household_findings(FULL_RUTA, [FamilyFacts(1, "3522012304150000", True)], [],
                               today=TODAY)
    assert "NUM_FROM_NUMBER" in codes(found)
