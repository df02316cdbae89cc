"""Indonesian names normalised for the duplicate finder: titles, spelling variants, initials."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from siksdesk.domain.names import (
    NameMatchKind,
    canonical_token,
    name_similarity,
    normalise_name,
    sound_key,
)


def _match(a: str, b: str) -> tuple[int, NameMatchKind]:
    result = name_similarity(normalise_name(a), normalise_name(b))
    return result.score, result.kind


@pytest.mark.parametrize(("raw", "text"), [
    ("  SITI   aminah ", "siti amina"),
    ("H. Ahmad Fauzi", "ahmad fauzi"),
    ("Hj. Siti Khadijah", "siti khadija"),
    ("Drs. H. Abd. Rahman, M.Pd.", "abdul rahman"),
    ("Ir. Bambang Sutrisno, S.T., M.T.", "bambang sutrisno"),
    ("Sri Wahyuni, S.Pd.", "sri wahyuni"),
    ("Dwi Lestari S.E.", "dwi lestari"),
    ("Rina Amd.Keb", "rina"),
    ("Bpk. Sutrisno", "sutrisno"),
    ("Ibu Sumini", "sumini"),
    ("Alm. Soejono", "suyono"),
    ("Almarhumah Hajjah Fatimah", "fatima"),
    ("Sdr. Joko", "joko"),
    ("Moch. Yusuf", "muhammad yusuf"),
    ("Mochammad Yusuf", "muhammad yusuf"),
    ("Mohamad Yusuf", "muhammad yusuf"),
    ("Muh. Yusuf", "muhammad yusuf"),
    ("M.Yusuf", "m yusuf"),
    ("Ma'ruf Amin", "maruf amin"),
    ("Soekarno", "sukarno"),
    ("Djoko Tjahjono", "joko cahyono"),
    ("Achmad", "akhmad"),
    ("Sitti Aminah", "siti amina"),
    ("Ahmad bin Abdullah", "ahmad"),
    ("Siti Aisyah binti Umar", "siti aisya"),
    ("Ásih Ñoman", "asi noman"),
])
def test_normalised_text(raw: str, text: str) -> None:
    assert normalise_name(raw).text == text


def test_the_bin_part_is_kept_apart_as_the_father() -> None:
    name = normalise_name("Ahmad bin Abdullah")
    assert name.tokens == ("ahmad",)
    assert name.patronym == ("abdula",)


def test_a_title_alone_is_still_a_name() -> None:
    assert normalise_name("Haji").text == "haji"
    assert normalise_name("").empty and normalise_name(None).empty
    assert normalise_name(" ., ").empty


def test_a_single_letter_at_the_end_is_an_initial_not_a_degree() -> None:
    assert normalise_name("Aminah S.").tokens == ("amina", "s")


@pytest.mark.parametrize(("old", "new"), [
    ("soekarno", "sukarno"), ("djoko", "joko"), ("tjahjo", "cahyo"), ("soejono", "suyono"),
    ("njoman", "nyoman"), ("sjamsul", "syamsul"), ("achmad", "akhmad"), ("abdullah", "abdula"),
    ("mochamad", "muhammad"), ("joko", "joko"), ("jaya", "jaya"),
])
def test_old_spelling_only_where_the_name_shows_it(old: str, new: str) -> None:
    assert canonical_token(old) == new


@pytest.mark.parametrize(("a", "b"), [
    ("Achmad", "Ahmad"), ("Akhmad", "Ahmad"), ("Syaiful", "Saiful"), ("Ramadhan", "Ramadan"),
    ("Sofia", "Sophia"), ("Khadijah", "Hadijah"), ("Qomariah", "Komariah"),
])
def test_sound_alike_spellings_share_a_key(a: str, b: str) -> None:
    assert sound_key(canonical_token(a.lower())) == sound_key(canonical_token(b.lower()))


@pytest.mark.parametrize(("a", "b", "kind"), [
    ("Soekarno", "Sukarno", NameMatchKind.SAME),
    ("Djoko Susilo", "Joko Susilo", NameMatchKind.SAME),
    ("H. Muhammad Yusuf", "Moch. Yusuf", NameMatchKind.SAME),
    ("Siti Aminah", "SITI AMINAH, S.Pd.", NameMatchKind.SAME),
    ("Achmad Fauzi", "Ahmad Fauzi", NameMatchKind.SOUND),
    ("Syaiful Anwar", "Saiful Anwar", NameMatchKind.SOUND),
    ("Nur Hayati", "Nurhayati", NameMatchKind.SOUND),
    ("Siti Aminah", "S. Aminah", NameMatchKind.INITIALS),
    ("Muhammad Yusuf", "M. Yusuf", NameMatchKind.INITIALS),
    ("Bambang Sutrisno", "Bambang S.", NameMatchKind.INITIALS),
])
def test_one_person_written_two_ways(a: str, b: str, kind: NameMatchKind) -> None:
    score, found = _match(a, b)
    assert found is kind
    assert score >= 85


@pytest.mark.parametrize(("a", "b"), [
    ("Siti Aminah", "Aminah"),
    ("Muhammad Rizki", "Rizki"),
    ("Sri Wahyuni", "Sri Wahyuningsih"),
])
def test_a_dropped_or_extended_part_is_similar(a: str, b: str) -> None:
    score, kind = _match(a, b)
    assert kind is NameMatchKind.SIMILAR
    assert 75 <= score < 100


@pytest.mark.parametrize(("a", "b"), [
    ("Hasan", "Husein"),  # twins' names
    ("Kartika", "Kartini"),
    ("Sutrisno", "Sumarni"),
    ("S. Aminah", "Sri Rahayu"),
])
def test_different_people(a: str, b: str) -> None:
    score, kind = _match(a, b)
    assert kind is NameMatchKind.DIFFERENT
    assert score < 75


def test_a_shared_common_part_is_not_enough_to_be_alike() -> None:
    score, kind = _match("Siti Aminah", "Siti Maemunah")
    assert kind is NameMatchKind.SIMILAR
    assert score < 85  # the scorer counts "alike" from 85


def test_a_different_father_separates_namesakes() -> None:
    same_father, _ = _match("Ahmad bin Umar", "Ahmad bin Oemar")
    other_father, kind = _match("Ahmad bin Umar", "Ahmad bin Salim")
    assert same_father == 100
    assert kind is NameMatchKind.DIFFERENT and other_father < 75


def test_an_empty_name_never_matches() -> None:
    assert _match("", "") == (0, NameMatchKind.DIFFERENT)
    assert _match("Siti", "")[1] is NameMatchKind.DIFFERENT


_WORDS = st.sampled_from(["siti", "aminah", "sri", "wahyuni", "ahmad", "fauzi", "joko", "budi",
                          "santoso", "muhammad", "yusuf", "nur", "hayati", "s", "m", "a"])
_NAMES = st.lists(_WORDS, min_size=1, max_size=4).map(" ".join)
_TITLES = st.sampled_from(["H.", "Hj.", "Drs.", "Ir.", "Bpk.", "Ibu", "Alm."])
_DEGREES = st.sampled_from([", S.Pd.", ", S.E.", ", S.H.", " Amd.", ", M.Pd"])


@given(_NAMES, _NAMES)
def test_similarity_is_symmetric_and_bounded(a: str, b: str) -> None:
    ab = name_similarity(normalise_name(a), normalise_name(b))
    ba = name_similarity(normalise_name(b), normalise_name(a))
    assert ab == ba
    assert 0 <= ab.score <= 100


@given(_NAMES)
def test_a_name_matches_itself(a: str) -> None:
    assert name_similarity(normalise_name(a), normalise_name(a)).score == 100


@given(_NAMES, _TITLES, _DEGREES, st.sampled_from([" ", "  ", "\t"]))
def test_titles_case_and_spacing_do_not_change_the_name(name: str, title: str, degree: str,
                                                        space: str) -> None:
    decorated = f"{title} {name.upper().replace(' ', space)}{degree}"
    assert normalise_name(decorated).text == normalise_name(name).text


@given(_NAMES)
def test_normalising_twice_changes_nothing(name: str) -> None:
    once = normalise_name(name)
    assert normalise_name(once.text).text == once.text
