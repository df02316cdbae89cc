"""The derived-table facts of the households an import creates, built from the plan in memory
instead of read back after the write (``derived.HouseholdFacts``).

Each value is given exactly as SQLite stores and ``derived`` reads it: the bound value
(dates as ISO text, bool as 0/1), the column's type affinity (an int in a REAL column reads
back as a float, a whole float in an INTEGER column as an int), then the read converters
(ISO text -> date, 0/1 -> bool). A household with a value whose round trip is not certain, or
whose member order would rest on a tie, is left out: ``derived`` reads that one.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from operator import attrgetter
from typing import Any, Final

from sqlalchemy import Boolean, Date, DateTime, Float, Integer, String, Table

from siksdesk.domain.rules import FamilyFacts, MemberFacts
from siksdesk.services.bnba_state import ART_TABLE, KELUARGA_TABLE, RUTA_TABLE
from siksdesk.services.bnba_types import NewArt, NewKeluarga, NewRuta, Writes
from siksdesk.services.derived import ART_KEYS, RUTA_HEAD, RUTA_KEYS, HouseholdFacts
from siksdesk.services.gc_pause import release_entries

_ART_HEAD: Final = ("nama", "nik", "nik_from_number", "temp_id")


class _Unsure(Exception):
    """This value's stored form is not certain: the household is read from the database."""


_NONE: Final = type(None)
# column kind -> the value classes that read back unchanged
_SAME: Final = {"text": {str, _NONE}, "int": {int, _NONE}, "real": {float, _NONE},
                "bool": {bool, _NONE}, "date": {date, _NONE}}


def _kind(table: Table, key: str) -> str:
    kind = table.c[key].type
    if isinstance(kind, DateTime):
        return "other"
    if isinstance(kind, Date):
        return "date"
    if isinstance(kind, Boolean):
        return "bool"
    if isinstance(kind, Float):
        return "real"
    if isinstance(kind, Integer):  # SmallInteger included
        return "int"
    return "text" if isinstance(kind, String) else "other"


def _convert(kind: str, value: Any) -> Any:
    """The rare value not of its column's own class: what reads back, or _Unsure."""
    cls = value.__class__
    if kind == "real" and cls in (int, bool):
        return float(value)
    if kind == "int" and cls is bool:
        return int(value)
    if kind == "int" and cls is float and value.is_integer() and abs(value) < 2**63:
        return int(value)
    if kind == "bool" and cls is int:
        return bool(value)
    raise _Unsure


class _Columns:
    """Reads the stored form of one table's columns from a value mapping: the ``head``
    columns as a list, the ``named`` ones as a dict (keys in ``named`` order). Which values
    need ``_convert`` depends only on their classes: that is worked out once per combination
    of classes (a few hundred in a village) and remembered."""

    def __init__(self, table: Table, head: Sequence[str], named: Sequence[str],
                 fill: Mapping[str, Any]) -> None:
        self.head = list(head)
        self.blank: dict[str, Any] = dict.fromkeys(named)
        self.names = list(self.blank)
        self.extra: list[str] = []  # keys of the values that are not ``named`` (seen so far)
        self.head_fill = [(at, fill[key]) for at, key in enumerate(head) if key in fill]
        self.named_fill = [(key, fill[key]) for key in self.blank if key in fill]
        self.kinds = [_kind(table, key) for key in (*head, *self.blank)]
        self.odd: dict[tuple[type, ...], list[tuple[int, str]]] = {}

    def read(self, values: Mapping[str, Any]) -> tuple[list[Any], dict[str, Any]]:
        head = list(map(values.get, self.head))
        for at, default in self.head_fill:
            if head[at] is None:
                head[at] = default
        named = self._named(values) if self.blank else {}
        for key, default in self.named_fill:
            if named[key] is None:
                named[key] = default
        classes = (*map(type, head), *map(type, named.values()))
        odd = self.odd.get(classes)
        if odd is None:
            odd = self._odd(classes)
        for at, kind in odd:
            if at < len(head):
                head[at] = _convert(kind, head[at])
            else:
                key = self.names[at - len(head)]
                named[key] = _convert(kind, named[key])
        return head, named

    def _named(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """``{key: values.get(key) for key in named}``, as one C-level merge into a copy of
        the blank (never resized) less the keys it does not name."""
        named = self.blank | (values if type(values) is dict else dict(values))
        if len(named) > len(self.blank):
            for key in self.extra:
                named.pop(key, None)
            if len(named) > len(self.blank):
                more = [key for key in named if key not in self.blank]
                self.extra += more
                for key in more:
                    del named[key]
        return named

    def _odd(self, classes: tuple[type, ...]) -> list[tuple[int, str]]:
        """The positions whose class does not read back unchanged."""
        odd = [(at, kind) for at, (kind, cls) in enumerate(zip(self.kinds, classes, strict=True))
               if cls is not _NONE and cls not in _SAME.get(kind, ())]
        if len(self.odd) < _REMEMBERED:
            self.odd[classes] = odd
        return odd


_REMEMBERED: Final = 4_096  # combinations of classes per table


class PlanFacts:
    """Collects the facts of the households a plan creates, from what the writer bound."""

    def __init__(self, fills: Mapping[str, Sequence[tuple[str, Any]]]) -> None:
        self.ruta = _Columns(RUTA_TABLE, RUTA_HEAD, RUTA_KEYS, dict(fills["ruta"]))
        self.art = _Columns(ART_TABLE, _ART_HEAD, ART_KEYS, dict(fills["art"]))
        self.keluarga = _Columns(KELUARGA_TABLE, ("no_kk", "no_kk_from_number"), (),
                                 dict(fills["keluarga"]))

    def build(self, writes: Writes, ruta_ids: Mapping[str, int],
              keluarga_ids: Mapping[str, int], first_art: int) -> KnownHouseholds:
        """Facts of every new household all of whose families and members are new (its
        id -> facts; made when asked for, so that the derived refresh keeps reporting
        progress); households also touched by an update are left out."""
        updated = {u.ruta_uuid for u in writes.updates}
        families: dict[str, list[NewKeluarga]] = {}
        for family in writes.new_keluarga:
            families.setdefault(family.ruta_uuid, []).append(family)
        members: dict[str, list[tuple[int, NewArt]]] = {}
        for at, art in enumerate(writes.new_art):
            members.setdefault(art.keluarga_uuid, []).append((first_art + at, art))
        rutas = {ruta_ids[r.uuid]: r for r in writes.new_ruta if r.uuid not in updated}
        return KnownHouseholds(self, rutas, families, members, keluarga_ids)

    def household(self, ruta: NewRuta, ruta_id: int, families: list[NewKeluarga],
                  members: Mapping[str, list[tuple[int, NewArt]]],
                  keluarga_ids: Mapping[str, int]) -> HouseholdFacts:
        if len(families) > 1:
            if _tied(f.no_urut for f in families):
                raise _Unsure
            families = sorted(families, key=_NO_URUT)
        if any(f.ruta_id is not None for f in families):
            raise _Unsure
        head, ruta_values = self.ruta.read(ruta.values)
        fams: list[FamilyFacts] = []
        people: list[MemberFacts] = []
        read_art = self.art.read
        for family in families:
            keluarga_id = keluarga_ids[family.uuid]
            (no_kk, from_number), _none = self.keluarga.read(family.values)
            fams.append(FamilyFacts(keluarga_id, no_kk, bool(from_number)))
            own = members.get(family.uuid, [])
            if len(own) > 1:
                if _tied(art.no_urut for _id, art in own):
                    raise _Unsure  # the database's order of equal numbers is not ours to guess
                own = sorted(own, key=_member_no)
            for art_id, art in own:
                if art.keluarga_id is not None:
                    raise _Unsure
                (nama, nik, from_number, temp_id), values = read_art(art.values)
                people.append(MemberFacts(
                    art_id=art_id, keluarga_id=keluarga_id, no_kk=no_kk, nama=nama, nik=nik,
                    nik_from_number=bool(from_number), temp_id=temp_id, values=values))
        return HouseholdFacts(ruta_id, tuple(head), ruta_values, fams, people)


_NO_URUT: Final = attrgetter("no_urut")


def _member_no(item: tuple[int, NewArt]) -> int:
    return item[1].no_urut


class KnownHouseholds(Mapping[int, HouseholdFacts]):
    """Household id -> facts, each made on first access; a household whose facts are not
    certain is absent (KeyError), so ``derived`` reads it."""

    def __init__(self, facts: PlanFacts, rutas: dict[int, NewRuta],
                 families: Mapping[str, list[NewKeluarga]],
                 members: Mapping[str, list[tuple[int, NewArt]]],
                 keluarga_ids: Mapping[str, int]) -> None:
        self._facts = facts
        self._rutas = rutas
        self._families = families
        self._members = members
        self._keluarga_ids = keluarga_ids
        self._made: dict[int, HouseholdFacts | None] = {}

    def __getitem__(self, ruta_id: int) -> HouseholdFacts:
        if ruta_id not in self._made:
            ruta = self._rutas.get(ruta_id)
            found = None
            if ruta is not None:
                try:
                    found = self._facts.household(ruta, ruta_id,
                                                  self._families.get(ruta.uuid, []),
                                                  self._members, self._keluarga_ids)
                except _Unsure:
                    found = None
            self._made[ruta_id] = found
        made = self._made[ruta_id]
        if made is None:
            raise KeyError(ruta_id)
        return made

    def __iter__(self) -> Iterator[int]:
        return (ruta_id for ruta_id in self._rutas if ruta_id in self)

    def release(self) -> None:
        """Free the facts made so far while other threads keep running (see
        ``gc_pause.release_entries``); the mapping is empty afterwards."""
        release_entries(self._made)
        self._rutas = {}

    def __len__(self) -> int:
        return sum(1 for _ruta_id in self)


def _tied(numbers: Any) -> bool:
    seen = list(numbers)
    return len(seen) != len(set(seen))


__all__ = ["KnownHouseholds", "PlanFacts"]
