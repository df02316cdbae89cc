"""Building blocks of the BNBA planner: random UUIDs in bulk, the region check, and the
household, family and member values of a parsed row picked in the plan's key order."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import Any

from siksdesk.domain.import_problems import problem

from siksdesk.io.bnba_rows import ParsedRow  # isort: skip

_UUID_BATCH = 65_536


def uuid4s() -> Iterator[str]:
    """Random (version 4) UUID strings, as ``str(uuid.uuid4())`` gives them, from one
    ``os.urandom`` call per batch: a ``uuid.UUID`` object per record costs about 10 µs.

    Each batch comes out in ascending order, so the records of one table, created in order,
    also get ascending UUIDs: the UUID indexes (the table's own, the change log's) then take
    them as runs of appends rather than at random pages, a second less for 50,000 people.
    Every UUID is still fully random; only their order within an import follows the rows."""
    while True:
        raw = bytearray(os.urandom(16 * _UUID_BATCH))
        raw[6::16] = bytes(b & 0x0F | 0x40 for b in raw[6::16])  # version 4
        raw[8::16] = bytes(b & 0x3F | 0x80 for b in raw[8::16])  # RFC 4122 variant
        text = raw.hex()
        yield from sorted(f"{text[at:at + 8]}-{text[at + 8:at + 12]}-{text[at + 12:at + 16]}-"
                          f"{text[at + 16:at + 20]}-{text[at + 20:at + 32]}"
                          for at in range(0, len(text), 32))


class RegionCheck:
    """Is a row's region this village? Kemendagri (kec 2, desa 4 digits) or BPS (kec 3, desa 3)
    codes; an unknown BPS code is learnt when prov/kab agree and the file names one desa."""

    def __init__(self, kode_desa: str | None, kode_bps: str | None) -> None:
        self.kode_desa = kode_desa
        self.kode_bps = kode_bps
        self.learnt: set[str] = set()
        self._seen: dict[tuple[Any, ...], str | None] = {}

    def code_of(self, region: dict[str, str | None]) -> tuple[str | None, str]:
        """(the rejected code or None, the BPS candidate or "")."""
        key = tuple(region.items())  # a parser gives every row's codes in one order
        if key in self._seen:
            return self._seen[key], ""
        verdict, candidate = self._check(region)
        if not candidate:
            self._seen[key] = verdict
        return verdict, candidate

    def _check(self, region: dict[str, str | None]) -> tuple[str | None, str]:
        if self.kode_desa is None or not any(region.values()):
            return None, ""
        full = region.get("kode_wilayah")
        if full:
            return (None if full in (self.kode_desa, self.kode_bps) else full), ""
        prov, kab = region.get("kdprop") or "", region.get("kdkab") or ""
        kec, desa = region.get("kdkec") or "", region.get("kddesa") or ""
        shown = ".".join(p for p in (prov, kab, kec, desa) if p)
        if prov.zfill(2) + kab.zfill(2) != self.kode_desa[:4] or not kec or not desa:
            return (shown if prov or kab else None), ""
        kemendagri = kec.zfill(2) + desa.zfill(4)
        if len(kec) <= 2 and len(desa) == 4 and kemendagri == self.kode_desa[4:]:
            return None, ""
        bps = prov.zfill(2) + kab.zfill(2) + kec.zfill(3) + desa.zfill(3)
        if self.kode_bps is not None:
            return (None if bps == self.kode_bps else shown), ""
        if len(kec) <= 3 and len(desa) <= 3:
            return None, bps
        return shown, ""


def pick(source: dict[str, Any], keys: Sequence[str]) -> dict[str, Any]:
    """``{k: source.get(k) for k in keys}`` at C speed."""
    return dict(zip(keys, map(source.get, keys), strict=True))


class Picker:
    """``pick(source, keys)`` as one C-level merge into a template of ``keys`` when the
    source has no other key (the parser gives every row the same keys): the result's order,
    and so the columns of the change log's JSON, is the template's either way."""

    def __init__(self, keys: Sequence[str]) -> None:
        self.keys = list(keys)
        self.template: dict[str, Any] = dict.fromkeys(self.keys)

    def __call__(self, source: dict[str, Any]) -> dict[str, Any]:
        merged = self.template | source
        if len(merged) == len(self.template):
            return merged
        return pick(source, self.keys)


class RutaPicker(Picker):
    """``pick(row.ruta, keys)`` straight from the row's names and values (one dict, not
    two; filling a copy of the template never resizes it)."""

    def __init__(self, keys: Sequence[str]) -> None:
        super().__init__(keys)
        self.names: tuple[str, ...] | None = None
        self.inside = False

    def row(self, row: ParsedRow) -> dict[str, Any]:
        names, values = row.ruta_keys, row.ruta_values
        if names is not self.names:
            self.names, self.inside = names, self.template.keys() >= set(names)
        if not self.inside:
            return self(row.ruta)
        found = self.template.copy()
        found.update(zip(names, values, strict=True))  # a repeated name: its last value
        return found


def mark_differences(rows: list[ParsedRow]) -> None:
    """Warn on the rows of a household whose household values differ from its first row's."""
    first = rows[0]
    head = first.ruta_values
    for row in rows[1:]:
        if row.ruta_values != head and any(
                v is not None and v != f for v, f in zip(row.ruta_values, head, strict=True)):
            row.warnings.append(problem("ROW_HOUSEHOLD_DIFFERS", first=first.row).at(row.where))
