"""Which pairs of people the duplicate finder compares at all (blocking).

Comparing everyone with everyone is n²/2 pairs: 1.25 billion at 50,000 people. Instead each
person gets a few *block keys*; only people sharing a key are compared. A duplicate has to agree
on at least one of them to be found:

* the birth date, with day and month in order (a swapped date falls in the same block);
* the sound key of the whole name with the birth year, with the mother's name, or with the
  No. KK (a typo in the date);
* the sound key of the last name part with the birth year (initials, a dropped "Siti");
* the mother's name with the birth year (a name spelt quite differently);
* the first 15 digits of the NIK (Excel's lost 16th digit, a copied NIK).

A block larger than ``MAX_BLOCK`` (a very common name in a large village) is compared as a
*sorted neighbourhood*: its people ordered by birth date, each compared with the next
``WINDOW`` only, so the work stays linear in the village size.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Sequence
from itertools import combinations
from typing import Final

from siksdesk.domain.duplicates import PreparedPerson

__all__ = ["MAX_BLOCK", "WINDOW", "block_keys", "candidate_pairs"]

MAX_BLOCK: Final = 120
WINDOW: Final = 40


def block_keys(person: PreparedPerson) -> list[Hashable]:
    facts, name, mother = person.facts, person.name, person.mother
    keys: list[Hashable] = []
    born = facts.tanggal_lahir
    if born is not None:
        year, day, month = born.year, born.day, born.month
        keys.append(("b", year, day, month) if day <= month else ("b", year, month, day))
        if name.last_key:
            keys.append(("ly", name.last_key, year))
            if " " in name.key:  # for one-part names "ly" is the same block
                keys.append(("ny", name.key, year))
        if mother.key:
            keys.append(("my", mother.key, year))
    if name.key:
        if mother.key:
            keys.append(("nm", name.key, mother.key))
        if facts.no_kk:
            keys.append(("nk", name.key, facts.no_kk))
    nik = facts.nik
    if nik and len(nik) >= 15:
        keys.append(("n", nik[:15]))
    return keys


def _block_pairs(members: list[int], people: Sequence[PreparedPerson]) -> Iterator[int]:
    """Pairs (encoded ``i * n + j``, i < j) of one block."""
    n = len(people)
    if len(members) <= MAX_BLOCK:
        yield from (i * n + j for i, j in combinations(members, 2))  # members ascend
        return

    def by_birth(index: int) -> tuple[int, int]:
        born = people[index].facts.tanggal_lahir
        return (born.toordinal() if born is not None else 0, index)

    ordered = sorted(members, key=by_birth)
    for at, i in enumerate(ordered):
        for j in ordered[at + 1:at + 1 + WINDOW]:
            yield i * n + j if i < j else j * n + i


def candidate_pairs(people: Sequence[PreparedPerson],
                    cancelled: Callable[[], bool] | None = None,
                    progress: Callable[[int, int], None] | None = None) -> list[tuple[int, int]]:
    """Index pairs (i < j) of ``people`` that share at least one block key, in index order.
    ``progress(done, len(people))`` while the blocks are built; ``cancelled()`` → ``[]``."""
    blocks: dict[Hashable, list[int]] = {}
    total = len(people)
    for index, person in enumerate(people):
        for key in block_keys(person):
            blocks.setdefault(key, []).append(index)
        if index % 4096 == 0:
            if cancelled is not None and cancelled():
                return []
            if progress is not None:
                progress(index, total)
    encoded: set[int] = set()
    for count, members in enumerate(blocks.values()):
        if len(members) > 1:
            encoded.update(_block_pairs(members, people))
        if cancelled is not None and count % 4096 == 0 and cancelled():
            return []
    blocks.clear()  # before the decoded list exists: a lower peak of memory
    if progress is not None:
        progress(total, total)
    return [divmod(code, total) for code in sorted(encoded)]
