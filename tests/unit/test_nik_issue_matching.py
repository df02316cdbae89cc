"""Matching rows of the district's invalid-NIK list to the village's people, and recognising
the list's header row (pure: no Qt, no database)."""

from __future__ import annotations

from datetime import date

import pytest

from siksdesk.domain.nik_issues import (
    IssueStatus,
    ListKeys,
    MatchedBy,
    PersonIndex,
    PersonKeys,
    issue_text,
    normalise_name,
)
from siksdesk.io.invalid_nik_layout import IDBDT, NIK, NOTE, map_headers, matches

BIRTH = date(1980, 5, 17)


def _person(art_id: int, *, ruta_id: int = 1, nik: str | None = None, idartbdt: str | None = None,
            idbdt: str | None = None, nama: str = "Sutrisno", birth: date | None = BIRTH,
            ) -> PersonKeys:
    return PersonKeys(art_id, ruta_id, nik, idartbdt, idbdt, nama, birth)


@pytest.fixture
def index() -> PersonIndex:
    return PersonIndex.build([
        _person(1, nik="3522011705800001", idartbdt="A-1", idbdt="R1", nama="Sutrisno"),
        _person(2, nik="3522015705850002", idartbdt="A-2", idbdt="R1", nama="Siti Aminah",
                birth=date(1985, 5, 17)),
        _person(3, nik="3522010101100003", idbdt="R1", nama="Budi", birth=date(2010, 1, 1)),
        _person(4, ruta_id=2, nik="3522010202900004", idbdt="R2", nama="Joko Susilo",
                birth=date(1990, 2, 2)),
        _person(5, ruta_id=3, nik="3522010202900005", idbdt="R3", nama="JOKO  SUSILO",
                birth=date(1990, 2, 2)),
        _person(6, ruta_id=4, nik="3522010303700006", idartbdt="DUP", nama="Sri"),
        _person(7, ruta_id=5, nik="3522010303700006", idartbdt="DUP", nama="Sri"),
    ])


def test_the_nik_wins_over_every_other_key(index: PersonIndex) -> None:
    match = index.match(ListKeys(nik="3522011705800001", idartbdt="A-2", nama="Siti Aminah"))
    assert (match.matched_by, match.art_id) == (MatchedBy.NIK, 1)
    assert match.name_differs  # shown to the operator, not a reason to doubt the NIK


def test_without_a_usable_nik_the_member_id_is_used(index: PersonIndex) -> None:
    match = index.match(ListKeys(nik=None, idartbdt=" A-2 ", nama="siti aminah"))
    assert (match.matched_by, match.art_id, match.name_differs) == (MatchedBy.IDARTBDT, 2, False)


def test_an_unknown_nik_falls_back_to_the_household_id_and_the_name(index: PersonIndex) -> None:
    match = index.match(ListKeys(nik="3171010101010001", idbdt="R1", nama="BUDI"))
    assert (match.matched_by, match.art_id) == (MatchedBy.IDBDT, 3)


def test_household_id_narrowed_by_birth_date_when_no_name(index: PersonIndex) -> None:
    match = index.match(ListKeys(idbdt="R1", birth_date=date(1985, 5, 17)))
    assert (match.matched_by, match.art_id) == (MatchedBy.IDBDT, 2)


def test_household_id_alone_with_several_members_is_ambiguous(index: PersonIndex) -> None:
    match = index.match(ListKeys(idbdt="R1"))
    assert match.matched_by is MatchedBy.AMBIGUOUS
    assert (match.art_ids, match.key, match.art_id) == ((1, 2, 3), MatchedBy.IDBDT, None)


def test_name_and_birth_date_match_after_normalisation(index: PersonIndex) -> None:
    match = index.match(ListKeys(nama="Siti  Aminah.", birth_date=date(1985, 5, 17)))
    assert (match.matched_by, match.art_id) == (MatchedBy.NAME_BIRTH, 2)


def test_two_people_with_the_same_name_and_birth_date_are_not_guessed(index: PersonIndex) -> None:
    match = index.match(ListKeys(nama="Joko Susilo", birth_date=date(1990, 2, 2)))
    assert (match.matched_by, match.art_ids) == (MatchedBy.AMBIGUOUS, (4, 5))
    assert match.key is MatchedBy.NAME_BIRTH


def test_a_key_shared_by_two_people_is_ambiguous(index: PersonIndex) -> None:
    assert index.match(ListKeys(nik="3522010303700006")).art_ids == (6, 7)
    assert index.match(ListKeys(idartbdt="DUP")).matched_by is MatchedBy.AMBIGUOUS


def test_nobody_matches(index: PersonIndex) -> None:
    match = index.match(ListKeys(nik="3171010101010001", nama="Orang Lain", birth_date=BIRTH))
    assert (match.matched_by, match.art_ids, match.is_match) == (MatchedBy.NONE, (), False)


def test_a_name_without_birth_date_is_not_enough(index: PersonIndex) -> None:
    assert index.match(ListKeys(nama="Sutrisno")).matched_by is MatchedBy.NONE


@pytest.mark.parametrize(("a", "b"), [
    ("  SITI   Aminah ", "Siti Aminah"),
    ("Hj. Siti-Aminah", "siti aminah"),
    ("Nurhasanah\u00a0", "NURHASANAH"),
    ("Désy", "Desy"),
    ("Moh. Soleh", "Muhammad Soleh"),
])
def test_names_compare_equal_after_normalisation(a: str, b: str) -> None:
    assert normalise_name(a) == normalise_name(b) != ""


def test_different_names_stay_different() -> None:
    assert normalise_name("Siti Aminah") != normalise_name("Siti Aisyah")
    assert normalise_name(None) == normalise_name(" . ") == ""


def test_keys_without_anything_usable() -> None:
    assert not ListKeys(nama=" . ").usable
    assert ListKeys(idbdt="R9").usable


def test_texts_are_bilingual_and_label_their_parameters() -> None:
    text_id = issue_text("ROW_AMBIGUOUS", "id", count=2, matched_by=MatchedBy.NAME_BIRTH)
    text_en = issue_text("ROW_AMBIGUOUS", "en", count=2, matched_by=MatchedBy.NAME_BIRTH)
    assert "nama + tanggal lahir" in text_id and "name + birth date" in text_en
    assert "Belum ditangani" in issue_text("ISSUE_NOT_OPEN", status=IssueStatus.OPEN)
    assert "?" in issue_text("ROW_NIK_UNUSABLE")  # a missing parameter never raises


@pytest.mark.parametrize("headers", [
    ["NO", "IDBDT", "IDARTBDT", "NIK", "NAMA", "TGL_LAHIR", "JENIS KELAMIN", "NO_KK",
     "KETERANGAN"],
    [" no ", "Id_Bdt", "nik", "Nama ART", "Tanggal Lahir", "Status"],
    ["NIK", "NAMA_ART", "ALAMAT", "ALASAN", None, None],
])
def test_invalid_nik_list_headers_are_recognised(headers: list[object]) -> None:
    assert matches(headers)


@pytest.mark.parametrize("headers", [
    ["NAMA", "TGL_LAHIR", "KETERANGAN"],  # no NIK column
    ["NIK", "KETERANGAN"],  # nothing else to identify the person by
    ["IDBDT", "KDPROP", "KDKAB", "KDKEC", "KDDESA", "Nama_KRT", "NIK", "NAMA", "Hub_KRT",
     "Sta_bangunan", "Ada_tabung_gas", "Ada_lemari_es"],  # the village list (BNBA)
    [1, 2, 3],
])
def test_other_sheets_are_not_taken_for_an_invalid_nik_list(headers: list[object]) -> None:
    assert not matches(headers)


def test_header_map_keeps_every_note_column_and_the_file_labels() -> None:
    mapped = map_headers(["ID_BDT", "NIK", "NAMA", "STATUS", "ALASAN"])
    assert mapped.columns[NOTE] == (3, 4)
    assert (mapped.first(NIK), mapped.first(IDBDT)) == (1, 0)
    assert mapped.label(0) == "ID_BDT"
