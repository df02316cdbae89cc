"""The problems of real district files, planted in a share of the demo people.

Each person carries at most one planted problem, so the NIK engine's findings can be compared
with ``DemoVillage.problems`` one to one (a NIK equal to the No. KK also disagrees with the
person's birth date, and sometimes sex: those follow-on warnings are expected).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import Any, Final

from siksdesk.demo.tables import DemoTable

TEMP_PREFIX: Final = "SMT-"
_TEMP_CHARS: Final = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class FieldProblem(StrEnum):
    NIK_EXCEL_TRUNCATED = "nik_excel_truncated"  # last digit lost in a numeric Excel cell
    IBU_KANDUNG_MISSING = "ibu_kandung_missing"
    NIK_MISSING = "nik_missing"  # no NIK yet: nik None, temp_id "SMT-…"
    NIK_SEX_OFFSET = "nik_sex_offset"  # woman's NIK without the +40, or man's with it
    NIK_DUPLICATE = "nik_duplicate"  # both people of each pair are listed
    NIK_EQUALS_KK = "nik_equals_kk"
    NIK_SERIAL_ZERO = "nik_serial_zero"
    # The same person registered again in another family: the name written another way, same
    # birth date and mother, a NIK of its own (what the duplicate finder is for); both listed.
    REGISTERED_TWICE = "registered_twice"


# Relative frequency among the problem people (field impression, adjustable).
PROBLEM_WEIGHTS: Final[dict[FieldProblem, int]] = {
    FieldProblem.NIK_EXCEL_TRUNCATED: 30, FieldProblem.IBU_KANDUNG_MISSING: 24,
    FieldProblem.NIK_MISSING: 12, FieldProblem.NIK_SEX_OFFSET: 10,
    FieldProblem.NIK_DUPLICATE: 8, FieldProblem.NIK_EQUALS_KK: 8,
    FieldProblem.NIK_SERIAL_ZERO: 8, FieldProblem.REGISTERED_TWICE: 8,
}
PAIRED: Final = (FieldProblem.NIK_DUPLICATE, FieldProblem.REGISTERED_TWICE)


def split_quota(quota: int) -> dict[FieldProblem, int]:
    """Largest-remainder split of ``quota`` people by PROBLEM_WEIGHTS; pairs stay pairs."""
    total = sum(PROBLEM_WEIGHTS.values())
    exact = {p: quota * w / total for p, w in PROBLEM_WEIGHTS.items()}
    counts = {p: int(v) for p, v in exact.items()}
    by_remainder = sorted(exact, key=lambda p: (counts[p] - exact[p], list(exact).index(p)))
    for problem in by_remainder[: quota - sum(counts.values())]:
        counts[problem] += 1
    for paired in PAIRED:
        if counts[paired] % 2:
            counts[paired] -= 1
            counts[FieldProblem.NIK_EXCEL_TRUNCATED] += 1
    return counts


class ProblemPlanter:
    """Plants the problems in the rows of ``art`` (changed in place)."""

    def __init__(self, rng: random.Random, art: DemoTable, keluarga: DemoTable,
                 art_family: Sequence[int]) -> None:
        self.rng, self.art, self.keluarga, self.art_family = rng, art, keluarga, art_family
        self.col = {name: at for at, name in enumerate(art.columns)}
        self.used: set[str] = set(art.column("nik"))
        self.taken: set[int] = set()
        self.temp_ids: set[str] = set()

    def plant(self, quota: int) -> dict[FieldProblem, tuple[str, ...]]:
        counts = split_quota(quota)
        size = len(self.art)
        order = self.rng.sample(range(size), min(size, 5 * quota + 200))  # candidates
        rows, col = self.art.rows, self.col
        found: dict[FieldProblem, list[int]] = {p: [] for p in FieldProblem}
        found[FieldProblem.NIK_DUPLICATE] = self._pairs(order, counts[FieldProblem.NIK_DUPLICATE])
        found[FieldProblem.REGISTERED_TWICE] = self._twice(
            order, counts[FieldProblem.REGISTERED_TWICE])
        heads = [i for i in order if rows[i][col["hubungan_kk"]] == 1]
        young_first = sorted(order, key=lambda i: rows[i][col["umur"]] > 4)
        steps: list[tuple[FieldProblem, Sequence[int], Callable[[int], bool]]] = [
            (FieldProblem.NIK_EQUALS_KK, heads, self._equals_kk),
            (FieldProblem.NIK_MISSING, young_first, self._missing),
            (FieldProblem.NIK_EXCEL_TRUNCATED, order, self._truncated),
            (FieldProblem.NIK_SEX_OFFSET, order, self._sex_offset),
            (FieldProblem.NIK_SERIAL_ZERO, order, self._serial_zero),
            (FieldProblem.IBU_KANDUNG_MISSING, order, self._no_mother_name),
        ]
        for problem, candidates, apply in steps:
            wanted, chosen = counts[problem], found[problem]
            for i in candidates:
                if len(chosen) >= wanted:
                    break
                if i not in self.taken and apply(i):
                    self.taken.add(i)
                    chosen.append(i)
        uuid = col["uuid"]
        return {p: tuple(rows[i][uuid] for i in found[p]) for p in FieldProblem}

    def _pairs(self, order: Sequence[int], people: int) -> list[int]:
        """Two people of the same sex born in the same year, in different families: the
        second gets the first one's NIK and birth date (a copying error that is hard to see)."""
        rows, col = self.art.rows, self.col
        sex, born, family = col["jenis_kelamin"], col["tanggal_lahir"], col["keluarga_id"]
        waiting: dict[tuple[int, str], int] = {}
        chosen: list[int] = []
        for i in order:
            if len(chosen) >= people:
                break
            key = (rows[i][sex], rows[i][born][:4])
            first = waiting.get(key)
            if first is None or rows[first][family] == rows[i][family]:
                waiting[key] = i
                continue
            del waiting[key]
            source = rows[first]
            self.art.replace(i, nik=source[col["nik"]], tanggal_lahir=source[born],
                             umur=source[col["umur"]])
            chosen += [first, i]
            self.taken.update((first, i))
        return chosen

    def _twice(self, order: Sequence[int], people: int) -> list[int]:
        """Two people of the same sex and birth year in different families: the second becomes
        the first registered again — another spelling of the name, the same birth date and
        mother, and a NIK of its own whose date digits agree (the NIK check cannot see it)."""
        rows, col = self.art.rows, self.col
        sex, born, family = col["jenis_kelamin"], col["tanggal_lahir"], col["keluarga_id"]
        waiting: dict[tuple[int, str], int] = {}  # born the same year: the family stays sane
        chosen: list[int] = []
        for i in order:
            if len(chosen) >= people:
                break
            if i in self.taken or rows[i][col["nik"]] is None:
                continue
            key = (rows[i][sex], rows[i][born][:4])
            first = waiting.get(key)
            if first is None or rows[first][family] == rows[i][family]:
                waiting[key] = i
                continue
            if not self._register_again(first, i):
                continue
            del waiting[key]
            chosen += [first, i]
            self.taken.update((first, i))
        return chosen

    def _register_again(self, first: int, i: int) -> bool:
        rows, col = self.art.rows, self.col
        source = rows[first]
        name = name_variant(source[col["nama"]], self.rng, female=source[col["jenis_kelamin"]] == 2)
        born: str = source[col["tanggal_lahir"]]  # ISO yyyy-mm-dd
        day = int(born[8:10]) + (40 if source[col["jenis_kelamin"]] == 2 else 0)
        own = self._nik(i)
        nik = f"{own[:6]}{day:02d}{born[5:7]}{born[2:4]}{own[12:]}"
        if name is None or not self._replace_nik(i, nik):
            return False
        self.art.replace(i, nama=name, tanggal_lahir=born, umur=source[col["umur"]],
                         nama_ibu_kandung=source[col["nama_ibu_kandung"]])
        return True

    def _nik(self, i: int) -> str:
        nik: str = self.art.rows[i][self.col["nik"]]
        return nik

    def _replace_nik(self, i: int, nik: str, **changes: Any) -> bool:
        if nik in self.used:
            return False
        self.used.add(nik)
        self.art.replace(i, nik=nik, **changes)
        return True

    def _equals_kk(self, i: int) -> bool:
        no_kk: str = self.keluarga.rows[self.art_family[i]][self.keluarga.index("no_kk")]
        return self._replace_nik(i, no_kk)

    def _missing(self, i: int) -> bool:
        while True:
            temp = TEMP_PREFIX + "".join(self.rng.choices(_TEMP_CHARS, k=8))
            if temp not in self.temp_ids:
                break
        self.temp_ids.add(temp)
        self.art.replace(i, nik=None, temp_id=temp)
        return True

    def _truncated(self, i: int) -> bool:
        nik = self._nik(i)
        if nik[12:15] == "000":
            return False  # 0001..0009 would become serial 0000, another problem
        return self._replace_nik(i, nik[:15] + "0", nik_from_number=True)

    def _sex_offset(self, i: int) -> bool:
        if self.art.rows[i][self.col["jenis_kelamin"]] == 1 and self.rng.random() < 0.7:
            return False  # mostly women whose +40 was forgotten
        nik = self._nik(i)
        day = int(nik[6:8])
        return self._replace_nik(i, f"{nik[:6]}{day - 40 if day > 40 else day + 40:02d}{nik[8:]}")

    def _serial_zero(self, i: int) -> bool:
        return self._replace_nik(i, self._nik(i)[:12] + "0000")

    def _no_mother_name(self, i: int) -> bool:
        self.art.replace(i, nama_ibu_kandung=None)
        return True


_MUHAMMAD: Final = ("muhammad", "muhamad", "mohammad", "mochammad")


def name_variant(name: str, rng: random.Random, *, female: bool) -> str | None:
    """The same name as a second registration might write it: with a pilgrim's title, the
    first name as an initial, old spelling (oe for u) or Muhammad shortened."""
    parts = name.split()
    if not parts:
        return None
    options = [("Hj. " if female else "H. ") + name]
    if len(parts) >= 2:
        options.append(f"{parts[0][0]}. {' '.join(parts[1:])}")
    if "u" in name:
        options.append(name.replace("u", "oe"))
    if parts[0].casefold() in _MUHAMMAD and len(parts) >= 2:
        options.append(" ".join(("Moh.", *parts[1:])))
    return rng.choice(options)
