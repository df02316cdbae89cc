"""Indonesian personal names, normalised for comparison (the duplicate finder).

Three layers, each cached per distinct input:

* **tokens** — lower case, accents and apostrophes gone, punctuation split, titles and
  honorifics dropped (H., Hj., Drs., Ir., Bpk/Ibu, Alm., degrees such as S.Pd. or Amd.), every
  spelling of Muhammad/Abdul made one, the part after *bin*/*binti* kept apart (the father);
* **canonical spelling** per token — the pre-1972 spelling undone (oe→u, dj→j, tj→c, j→y, ch→kh
  in names that show old spelling), double letters single, a trailing h after a vowel dropped
  (Aminah/Amina, Soekarno/Sukarno, Djojo/Joyo, Achmad/Akhmad);
* **sound key** — a coarser form in which letters that sound alike in Indonesian or Javanese
  coincide (h silent, dh/th, f/v/p, q/k, sy/s): names with the same key "sound the same".

``name_similarity`` compares two normalised names and says *how* they match (same, same sound,
by initials, similar, different) with a score 0–100 from rapidfuzz on the canonical forms.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Final

from rapidfuzz import fuzz

__all__ = [
    "NameMatch",
    "NameMatchKind",
    "NormalName",
    "canonical_token",
    "name_similarity",
    "normalise_name",
    "sound_key",
]

# Titles and honorifics written before the name (dots removed).
PREFIX_TITLES: Final = frozenset({
    "h", "hj", "haji", "hajjah", "hajah", "kh", "kyai", "kiai", "ust", "ustadz", "ustad",
    "ustadzah", "dr", "drs", "dra", "ir", "prof", "bpk", "bapak", "pak", "ibu", "bu", "sdr",
    "sdri", "sdra", "alm", "almh", "almarhum", "almarhumah", "ny", "nyonya", "tn", "tuan", "nn",
    "nona", "raden", "rr", "rm", "anak", "by", "bayi",
})
# Academic degrees and diplomas written after the name (dots removed).
DEGREES: Final = frozenset({
    "spd", "spdi", "spdsd", "se", "sh", "shi", "ssos", "skom", "st", "sag", "sip", "skm", "ssi",
    "sp", "sked", "ked", "skep", "ners", "sfarm", "sthi", "sth", "ssit", "sst", "sikom", "sk",
    "mpd", "mm", "msi", "mag", "mh", "mt", "mkes", "mkom", "ma", "mpdi", "amd", "amdkeb",
    "amdkep", "amdkes", "amdfarm", "ama", "amapd", "apt", "bsc", "ba", "dr", "drs", "dra", "ir",
    "phd", "bidan", "gr",
})
MUHAMMAD: Final = frozenset({
    "muhammad", "muhamad", "muhammat", "muhamat", "mohammad", "mohamad", "mohammed", "mohamed",
    "mochammad", "mochamad", "mokhammad", "mokhamad", "muchammad", "muchamad", "mukhammad",
    "mukhamad", "mohd", "moch", "moh", "muh", "mhd", "mch", "mochd", "muhd", "mahammad",
})
ABDUL: Final = frozenset({"abdul", "abdoel", "abd", "abdu", "abdal"})
PATRONYM_MARKERS: Final = frozenset({"bin", "binti", "bt", "bte"})
# Parts of a name so common that leaving them out does not make another person.
FILLER: Final = frozenset({"siti", "sri", "nur", "muhammad", "abdul", "ahmad", "nurul", "dewi"})

_OLD_SPELLING: Final = ("oe", "dj", "tj", "sj", "nj", "ch")
_SPLIT: Final = re.compile(r"[^a-z.]+")
_DOUBLE: Final = re.compile(r"(.)\1+")


class NameMatchKind(StrEnum):
    SAME = "same"  # identical after normalisation
    SOUND = "sound"  # a spelling variant: same sound key
    INITIALS = "initials"  # an initial stands for a full name part ("S. Aminah")
    SIMILAR = "similar"
    DIFFERENT = "different"


@dataclass(frozen=True, slots=True)
class NormalName:
    tokens: tuple[str, ...]  # canonical spelling, titles dropped, without the bin/binti part
    patronym: tuple[str, ...]  # canonical tokens after bin/binti ("" when none)
    text: str  # " ".join(tokens)
    key: str  # sound keys of the tokens, sorted (order-insensitive), joined by spaces
    compact: str  # the tokens joined without spaces ("Nur Hayati" = "Nurhayati")
    has_initial: bool  # a one-letter part ("S. Aminah")
    last_key: str  # sound key of the last part longer than one letter ("" when none)

    @property
    def empty(self) -> bool:
        return not self.tokens


@dataclass(frozen=True, slots=True)
class NameMatch:
    score: int  # 0..100
    kind: NameMatchKind


EMPTY_NAME: Final = NormalName((), (), "", "", "", False, "")


def _ascii_lower(raw: str) -> str:
    decomposed = unicodedata.normalize("NFKD", raw)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"['`’‘ʼ´]", "", plain.lower())


def _chunks(text: str) -> list[tuple[str, bool]]:
    """Words as (compact letters, was written with dots). ``S.Pd.`` stays one chunk when it is a
    known degree or title; otherwise dotted chunks split (``M.Yusuf`` → m, yusuf)."""
    out: list[tuple[str, bool]] = []
    for chunk in _SPLIT.split(text):
        if not chunk.strip("."):
            continue
        compact = chunk.replace(".", "")
        if "." in chunk.strip(".") and compact not in DEGREES and compact not in PREFIX_TITLES:
            out.extend((part, True) for part in chunk.split(".") if part)
        else:
            out.append((compact, "." in chunk))
    return out


def _drop_degree_suffix(parts: list[str]) -> list[str]:
    """After the first comma only degrees usually follow ("Ahmad, S.Pd., M.Pd")."""
    kept = [parts[0]]
    for part in parts[1:]:
        words = [word for word, _ in _chunks(part)]
        if not all(word in DEGREES for word in words):
            kept.append(part)
    return kept


def _strip_titles(words: list[str]) -> list[str]:
    start, end = 0, len(words)
    while end - start > 1 and words[start] in PREFIX_TITLES:
        start += 1
    while end - start > 1 and words[end - 1] in DEGREES and len(words[end - 1]) > 1:
        end -= 1
    return words[start:end]


@lru_cache(maxsize=65_536)
def canonical_token(token: str) -> str:
    """One name part in today's spelling with double letters single and a final h after a vowel
    dropped. Muhammad and Abdul in any spelling become "muhammad" and "abdul"."""
    if token in MUHAMMAD:
        return "muhammad"
    if token in ABDUL:
        return "abdul"
    word = token
    if any(marker in word for marker in _OLD_SPELLING):
        word = re.sub(r"(?<![dtsn])j", "y", word)
        for old, new in (("dj", "j"), ("tj", "c"), ("sj", "sy"), ("nj", "ny"), ("oe", "u"),
                         ("ch", "kh")):
            word = word.replace(old, new)
    word = _DOUBLE.sub(r"\1", word)
    if len(word) > 3 and word.endswith("h") and word[-2] in "aiueo":
        word = word[:-1]
    if word in MUHAMMAD:  # "Mohamad" written "Mochammad" etc. after the rules above
        return "muhammad"
    return word


@lru_cache(maxsize=65_536)
def sound_key(token: str) -> str:
    """A coarse key of a canonical token: letters that sound alike coincide."""
    if len(token) <= 1:
        return token
    word = token.replace("kh", "h").replace("sy", "s").replace("q", "k").replace("x", "ks")
    word = word.replace("h", "")
    word = word.translate(_SOUND_TABLE)
    word = word.replace("ie", "i").replace("ai", "e").replace("au", "o")
    return _DOUBLE.sub(r"\1", word) or token


_SOUND_TABLE: Final = str.maketrans({"f": "p", "v": "p", "z": "s", "y": "i"})


@lru_cache(maxsize=65_536)
def normalise_name(raw: str | None) -> NormalName:
    """The comparable form of a name as typed or imported (``None`` or blank → empty)."""
    if not raw or not raw.strip():
        return EMPTY_NAME
    parts = _drop_degree_suffix(_ascii_lower(raw).split(","))
    words = [word for part in parts for word, _ in _chunks(part)]
    words = [word for word in words if word.isalpha()]
    own, father = words, []
    for at, word in enumerate(words):
        if word in PATRONYM_MARKERS and 0 < at < len(words) - 1:
            own, father = words[:at], words[at + 1:]
            break
    own = _strip_titles(own)
    if own and own[0] in PREFIX_TITLES and len(own) == 1 and father:
        own = []
    tokens = tuple(canonical_token(word) for word in own)
    patronym = tuple(canonical_token(word) for word in _strip_titles(father)) if father else ()
    key = " ".join(sorted(sound_key(token) for token in tokens))
    full = [token for token in tokens if len(token) > 1]
    return NormalName(tokens, patronym, " ".join(tokens), key, "".join(tokens),
                      len(full) < len(tokens), sound_key(full[-1]) if full else "")


def _token_similarity(a: str, b: str) -> tuple[float, bool]:
    """(score, an initial was used) for two canonical tokens."""
    if a == b:
        return 100.0, False
    if len(a) == 1 or len(b) == 1:
        initial, full = (a, b) if len(a) == 1 else (b, a)
        if len(full) > 1 and full[0] == initial:
            return (95.0 if full == "muhammad" else 88.0), True
        return 0.0, False
    if sound_key(a) == sound_key(b):
        return 95.0, False
    return fuzz.ratio(a, b), False


def _aligned(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[float, bool]:
    if len(a) == len(b):  # the greedy matching depends on which side leads: take the better
        return max(_aligned_from(a, b), _aligned_from(b, a))
    return _aligned_from(a, b) if len(a) < len(b) else _aligned_from(b, a)


def _aligned_from(short: tuple[str, ...], long_: tuple[str, ...]) -> tuple[float, bool]:
    """Match every part of the shorter name to its best unused part of the longer one; parts of
    the longer name left over lower the score (common fillers such as Siti or Muhammad less)."""
    free = list(range(len(long_)))
    total, initials = 0.0, False
    for token in short:
        best, best_at, best_initial = -1.0, -1, False
        for at in free:
            score, initial = _token_similarity(token, long_[at])
            if score > best:
                best, best_at, best_initial = score, at, initial
        free.remove(best_at)
        total += best
        initials = initials or best_initial
    weight = len(short) + sum(0.8 if long_[at] in FILLER else 0.5 for at in free)
    return total / len(short) * weight / len(long_), initials


@lru_cache(maxsize=1 << 17)
def name_similarity(a: NormalName, b: NormalName) -> NameMatch:
    """How alike two normalised names are. Two empty names never match. Cached: in a village
    the same pairs of names come back again and again."""
    if a.empty or b.empty:
        return NameMatch(0, NameMatchKind.DIFFERENT)
    if a.text == b.text:
        kind, score = NameMatchKind.SAME, 100.0
    elif a.key == b.key or a.compact == b.compact:
        kind, score = NameMatchKind.SOUND, 96.0
    else:
        kind, score = _compare_parts(a, b)
    if a.patronym and b.patronym and fuzz.ratio(" ".join(a.patronym), " ".join(b.patronym)) < 70:
        score -= 35  # "Ahmad bin Umar" and "Ahmad bin Salim" are two people
        kind = NameMatchKind.SIMILAR if score >= 75 else NameMatchKind.DIFFERENT
    return NameMatch(round(max(score, 0.0)), kind)


def _compare_parts(a: NormalName, b: NormalName) -> tuple[NameMatchKind, float]:
    sorted_ratio = fuzz.token_sort_ratio(a.text, b.text)
    aligned, initials = 0.0, False
    # Part by part only where it can say more than the whole: initials, or a part missing on
    # one side that the other still contains ("Siti Aminah" / "Aminah").
    if a.has_initial or b.has_initial or (
            len(a.tokens) != len(b.tokens) and fuzz.token_set_ratio(a.text, b.text) >= 60):
        aligned, initials = _aligned(a.tokens, b.tokens)
    if initials and aligned >= sorted_ratio and aligned >= 80:
        return NameMatchKind.INITIALS, aligned
    score = max(aligned, sorted_ratio)
    return (NameMatchKind.SIMILAR if score >= 75 else NameMatchKind.DIFFERENT), score
