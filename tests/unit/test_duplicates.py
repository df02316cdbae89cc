"""Scoring pairs of people: true duplicates score high, look-alike relatives stay low."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from itertools import count

import pytest
from hypothesis import given
from hypothesis import strategies as st

from siksdesk.domain.duplicate_blocks import MAX_BLOCK, WINDOW, candidate_pairs
from siksdesk.domain.duplicates import (
    DEFAULT_MIN_SCORE,
    REASON_CODES,
    SAME_NIK_FLOOR,
    PairScore,
    PersonFacts,
    prepare,
    reason_message,
    score_pair,
)

_ids = count(1)
KK = "3522012304150003"


def person(nama: str, born: date | None = date(1980, 8, 17), sex: int | None = 2,
           mother: str | None = "Sumini", nik: str | None = None, kk: str | None = KK,
           family: int = 1, dusun: str = "Krajan", rt: str = "001") -> PersonFacts:
    art_id = next(_ids)
    return PersonFacts(art_id=art_id, uuid=f"u-{art_id:05d}", ruta_id=family,
                       keluarga_id=family, nama=nama, nik=nik, no_kk=kk, tanggal_lahir=born,
                       jenis_kelamin=sex, nama_ibu_kandung=mother, dusun=dusun, rt=rt)


def score(a: PersonFacts, b: PersonFacts) -> PairScore:
    result = score_pair(prepare(a), prepare(b))
    assert result is not None
    return result


def codes(result: PairScore) -> set[str]:
    return {reason.code for reason in result.reasons}


# --- true pairs ---------------------------------------------------------------------------------
def test_same_person_typed_twice_with_initial_and_no_nik() -> None:
    a = person("Siti Aminah", nik="3522015708800002")
    b = person("S. Aminah", kk="3522010101200001", family=2, rt="003")
    result = score(a, b)
    assert result.score >= 80
    assert {"DUP_NAME_INITIALS", "DUP_BIRTH_SAME", "DUP_MOTHER_SAME"} <= codes(result)


def test_old_and_new_spelling_with_title() -> None:
    a = person("Soekarno", sex=1, mother="Ida Ayu Nyoman Rai")
    b = person("H. Sukarno", sex=1, mother="Ida Ayu Nyoman Rai", family=2)
    result = score(a, b)
    assert result.score >= 90
    assert "DUP_NAME_SAME" in codes(result)


def test_day_and_month_swapped() -> None:
    a = person("Achmad Fauzi", born=date(1975, 3, 5), sex=1, mother="Hj. Fatimah")
    b = person("Ahmad Fauzi", born=date(1975, 5, 3), sex=1, mother="Fatimah", family=2)
    result = score(a, b)
    assert result.score >= 75
    assert {"DUP_NAME_SOUND", "DUP_BIRTH_SWAPPED", "DUP_MOTHER_SAME"} <= codes(result)


def test_nik_cut_short_by_excel() -> None:
    a = person("Muhammad Yusuf", sex=1, nik="3522011204780013")
    b = person("Moch. Yusuf", sex=1, nik="3522011204780010", family=2)
    result = score(a, b)
    assert result.score == 100
    assert "DUP_NIK_EXCEL" in codes(result)


def test_same_nik_same_name_is_certain() -> None:
    a = person("Sutrisno", sex=1, nik="3522011204780001")
    b = person("Sutrisno", sex=1, nik="3522011204780001", family=2)
    result = score(a, b)
    assert result.score == 100 and result.same_nik
    assert "DUP_NIK_SAME" in codes(result)


def test_same_nik_on_another_person_is_listed_as_a_copied_nik() -> None:
    a = person("Jatmiko", sex=1, mother="Warsini", nik="3522011204780001")
    b = person("Cahyadi", sex=1, mother="Painem", nik="3522011204780001", family=2)
    result = score(a, b)
    assert result.same_nik
    assert result.score == SAME_NIK_FLOOR >= DEFAULT_MIN_SCORE
    assert "DUP_NIK_SAME_OTHER_NAME" in codes(result)
    assert score_pair(prepare(a), prepare(b), min_score=DEFAULT_MIN_SCORE) is not None


# --- look-alike non-pairs -----------------------------------------------------------------------
def test_siblings_sharing_their_mother_are_not_duplicates() -> None:
    a = person("Dwi Lestari", born=date(1990, 2, 1), nik="3522014102900001")
    b = person("Tri Lestari", born=date(1993, 7, 9), nik="3522014907930002")
    result = score(a, b)
    assert result.score < 30
    assert "DUP_BIRTH_DIFFERENT" in codes(result)


def test_twins_with_rhyming_names_are_not_duplicates() -> None:
    a = person("Hasan", born=date(2010, 6, 1), sex=1, nik="3522010106100003")
    b = person("Husein", born=date(2010, 6, 1), sex=1, nik="3522010106100004")
    result = score(a, b)
    assert result.score < 20
    assert {"DUP_TWINS", "DUP_NIK_SERIAL"} <= codes(result)


def test_twins_with_near_identical_names_stay_below_the_threshold() -> None:
    a = person("Nur Aini", born=date(2012, 1, 9), nik="3522014901120001")
    b = person("Nur Aina", born=date(2012, 1, 9), nik="3522014901120002")
    result = score(a, b)
    assert result.score < DEFAULT_MIN_SCORE
    assert score_pair(prepare(a), prepare(b), min_score=DEFAULT_MIN_SCORE) is None


def test_father_and_son_with_the_same_name() -> None:
    father = person("Ahmad Sholeh", born=date(1955, 4, 2), sex=1, mother="Mbok Sarmi",
                    nik="3522010204550001")
    son = person("Ahmad Sholeh", born=date(1982, 9, 30), sex=1, mother="Siti Romlah",
                 nik="3522013009820003")
    result = score(father, son)
    assert result.score < 20
    assert {"DUP_NAME_SAME", "DUP_BIRTH_DIFFERENT", "DUP_MOTHER_DIFFERENT"} <= codes(result)


def test_namesakes_with_different_fathers() -> None:
    a = person("Ahmad bin Umar", born=None, sex=1, mother=None)
    b = person("Ahmad bin Salim", born=None, sex=1, mother=None, family=2)
    assert score(a, b).score < 20


def test_husband_and_wife_differ_in_sex() -> None:
    a = person("Sri Rahayu", sex=2)
    b = person("Sri Rahayu", sex=1, family=2)
    result = score(a, b)
    assert "DUP_SEX_DIFFERENT" in codes(result)
    assert result.score < 70


def test_missing_facts_are_neutral() -> None:
    a = person("Siti Aminah", born=None, sex=None, mother=None, kk=None)
    b = person("Siti Aminah", born=None, sex=None, mother=None, kk=None, family=2, dusun="")
    result = score(a, b)
    assert [reason.code for reason in result.reasons] == ["DUP_NAME_SAME"]


# --- reasons ------------------------------------------------------------------------------------
def test_reasons_explain_the_score_in_both_languages() -> None:
    a = person("Siti Aminah", nik="3522015708800002")
    b = person("S. Aminah", born=date(1980, 1, 1), family=2)
    result = score(a, b)
    assert sum(reason.points for reason in result.reasons) == result.score
    for reason in result.reasons:
        assert reason.code in REASON_CODES
        indonesian, english = reason.message(), reason.message("en")
        assert indonesian and english and indonesian != english
        assert "Aminah" not in indonesian + english and "?" not in indonesian
    assert reason_message("DUP_BIRTH_DIFFERENT", "en", [("years", 3)]) == \
        "Birth years 3 years apart"


@given(st.sampled_from(["Siti Aminah", "S. Aminah", "Sri Rahayu", "Hasan", "Ahmad Sholeh"]),
       st.sampled_from(["Siti Aminah", "Sitti Aminah", "Husein", "Ahmad Soleh", "Sukarno"]),
       st.dates(date(1940, 1, 1), date(2025, 12, 31)), st.dates(date(1940, 1, 1),
                                                                date(2025, 12, 31)),
       st.sampled_from([1, 2, None]), st.sampled_from([1, 2, None]))
def test_score_is_symmetric_and_bounded(name_a: str, name_b: str, born_a: date, born_b: date,
                                        sex_a: int | None, sex_b: int | None) -> None:
    a = prepare(person(name_a, born=born_a, sex=sex_a))
    b = prepare(person(name_b, born=born_b, sex=sex_b, family=2))
    ab, ba = score_pair(a, b), score_pair(b, a)
    assert ab is not None and ba is not None
    assert ab.score == ba.score and 0 <= ab.score <= 100
    assert sorted(ab.reasons, key=repr) == sorted(ba.reasons, key=repr)
    assert (score_pair(a, b, min_score=ab.score) is not None)
    assert score_pair(a, b, min_score=ab.score + 1) is None


# --- blocking -----------------------------------------------------------------------------------
def test_blocks_find_the_pairs_without_comparing_everyone() -> None:
    people = [person(f"Orang {chr(65 + i % 26)}{i}", born=date(1950 + i % 60, 1 + i % 12,
                                                              1 + i % 28),
                     mother=f"Ibu {i}", nik=None, kk=f"35220101012{i:05d}", family=i)
              for i in range(400)]
    twin = replace(people[7], art_id=9999, uuid="u-twin", nama="Orang H7 ", keluarga_id=500)
    swapped = replace(people[30], art_id=9998, uuid="u-swap", ruta_id=501, keluarga_id=501,
                      tanggal_lahir=date(1980, 7, 1))
    prepared = [prepare(p) for p in [*people, twin, swapped]]
    pairs = set(candidate_pairs(prepared))
    assert (7, 400) in pairs  # same name and date
    assert len(pairs) < 400 * 399 // 20


def test_a_huge_block_is_compared_in_a_window() -> None:
    size = MAX_BLOCK * 3
    people = [prepare(person("Kartika", born=date(1960 + i % 40, 1 + i % 12, 1 + i % 28),
                             mother=None, kk=None, family=i)) for i in range(size)]
    pairs = candidate_pairs(people)
    assert len(pairs) <= size * WINDOW * 2
    assert all(i < j for i, j in pairs)


def test_cancelled_blocking_returns_nothing() -> None:
    people = [prepare(person("Kartika", family=i)) for i in range(10)]
    assert candidate_pairs(people, lambda: True) == []


@pytest.mark.parametrize("born", [date(1980, 3, 5), date(1980, 5, 3)])
def test_swapped_dates_share_a_block(born: date) -> None:
    a = prepare(person("Siti", born=date(1980, 3, 5), mother=None, kk=None))
    b = prepare(person("Bunga", born=born, mother=None, kk=None, family=2))
    assert candidate_pairs([a, b]) == [(0, 1)]
