"""The dry run: parsed rows + what the database holds -> one outcome per row and the exact
writes. Households are the rows sharing an IDBDT (or, without one, a No. KK); people are matched
by IDARTBDT, then NIK, then temporary ID; families by No. KK within their household.

An empty cell never clears a stored value (the district's list may simply not carry it); a NIK
from a numeric Excel cell never replaces a NIK typed as text.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from siksdesk.domain.import_problems import ImportProblem, Location, problem, reject
from siksdesk.domain.numbers import mask_identifier
from siksdesk.services.bnba_state import DbRecord, DbState
from siksdesk.services.bnba_types import (
    FieldChange,
    NewArt,
    NewKeluarga,
    NewRuta,
    RowOutcome,
    RowStatus,
    Update,
    Writes,
)
from siksdesk.services.household_edit import new_temp_id

from siksdesk.io.bnba_rows import ParsedRow  # isort: skip

_NO_KK = object()
_UUID_BATCH = 65_536


def _uuid4s() -> Iterator[str]:
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
        key = tuple(sorted(region.items()))
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


class Planner:
    def __init__(self, state: DbState, ruta_keys: Sequence[str], keluarga_keys: Sequence[str],
                 art_keys: Sequence[str]) -> None:
        self.state = state
        self.ruta_keys = list(ruta_keys)
        self.keluarga_keys = list(keluarga_keys)
        self.art_keys = list(art_keys)
        self.outcomes: dict[int, RowOutcome] = {}
        self.new_ruta: list[NewRuta] = []
        self.new_keluarga: list[NewKeluarga] = []
        self.new_art: list[NewArt] = []
        self.updates: list[Update] = []
        self.used_temp_ids = set(state.art_by_temp_id)
        self.next_ruta_no = state.next_ruta_no
        self.file_niks: dict[str, int] = {}
        self._last_no: dict[int, int] | None = None
        self.new_uuid = _uuid4s().__next__

    # --- row checks ---------------------------------------------------------------------------

    def screen(self, rows: Sequence[ParsedRow], region: RegionCheck,
               progress: Callable[[int, int], None] | None = None) -> list[ParsedRow]:
        """Rows that may be planned; the others get their REJECTED outcome."""
        kept: list[ParsedRow] = []
        seen: dict[tuple[str, str], int] = {}
        candidates: dict[str, list[ParsedRow]] = {}
        for count, row in enumerate(rows, start=1):
            if progress is not None and count % 2_000 == 0:
                progress(count, len(rows))
            if not row.rejected:
                code, candidate = region.code_of(row.region)
                if code is not None:
                    row.errors.append(problem("ROW_OTHER_VILLAGE", code=code).at(_at(row)))
                elif candidate:
                    candidates.setdefault(candidate, []).append(row)
            if not row.rejected:
                self._check_duplicate(row, seen)
            if not (row.idbdt or row.keluarga.get("no_kk")) and not row.rejected:
                row.errors.append(problem("ROW_NO_HOUSEHOLD").at(_at(row)))
            if row.rejected:
                self._reject(row)
            else:
                kept.append(row)
        if candidates:
            # The desa most rows name is this village; rows naming another one are not.
            winner = max(candidates, key=lambda code: len(candidates[code]))
            if len(candidates[winner]) * 2 > sum(len(rows_of) for rows_of in candidates.values()):
                region.learnt.add(winner)
                candidates.pop(winner)
            for code, rows_of in candidates.items():
                for row in rows_of:
                    row.errors.append(problem("ROW_OTHER_VILLAGE", code=code).at(_at(row)))
                    self._reject(row)
            kept = [row for row in kept if not row.rejected]
        return kept

    def _check_duplicate(self, row: ParsedRow, seen: dict[tuple[str, str], int]) -> None:
        nik = row.art.get("nik")
        if nik:
            self.file_niks[nik] = self.file_niks.get(nik, 0) + 1
        for key in ("idartbdt", "temp_id"):  # a NIK twice is a data problem, not a reject
            value = row.art.get(key)
            if value:
                first = seen.setdefault((key, value), row.row)
                if first != row.row:
                    row.errors.append(problem("ROW_DUPLICATE_PERSON", first=first).at(_at(row)))
                    return

    def _reject(self, row: ParsedRow) -> None:
        self.outcomes[row.row] = _outcome(row, RowStatus.REJECTED, (),
                                          (*row.errors, *row.warnings))

    # --- households ---------------------------------------------------------------------------

    def plan(self, rows: Sequence[ParsedRow], progress: Callable[[int, int], None],
             cancelled: Callable[[], bool]) -> None:
        groups: dict[tuple[str, str], list[ParsedRow]] = {}
        for row in rows:
            key = ("idbdt", row.idbdt) if row.idbdt else ("kk", row.keluarga["no_kk"])
            groups.setdefault(key, []).append(row)
        done = 0
        for members in groups.values():
            self._household(members)
            done += len(members)
            if done % 500 < len(members):
                if cancelled():
                    raise reject("IMPORT_CANCELLED")
                progress(done, len(rows))

    def _match_art(self, row: ParsedRow) -> int | None:
        state = self.state
        for key, index in (("idartbdt", state.art_by_idartbdt), ("nik", state.art_by_nik),
                           ("temp_id", state.art_by_temp_id)):
            value = row.art.get(key)
            if key == "nik" and value and self.file_niks.get(value, 0) > 1:
                continue  # the same NIK on two rows of the file names nobody for sure
            if value and value in index:
                return index[value]
        return None

    def _household(self, rows: list[ParsedRow]) -> None:
        state = self.state
        matched = {row.row: self._match_art(row) for row in rows}
        idbdt = rows[0].idbdt
        ruta_id = state.ruta_by_idbdt.get(idbdt) if idbdt else None
        if ruta_id is None:
            ruta_id = next((state.ruta_of_art(a) for a in matched.values() if a), None)
        moved = [r for r in rows if matched[r.row] and state.ruta_of_art(
            matched[r.row]) != ruta_id]  # type: ignore[arg-type]
        for row in moved:
            row.errors.append(problem("ROW_MOVES_FAMILY").at(_at(row)))
            self._reject(row)
        rows = [r for r in rows if not r.rejected]
        if not rows:
            return
        first = rows[0]
        first_ruta = first.ruta
        for row in rows[1:]:
            if row.ruta_values != first.ruta_values and any(
                    v is not None and v != f for v, f in zip(row.ruta_values, first.ruta_values,
                                                             strict=True)):
                row.warnings.append(problem("ROW_HOUSEHOLD_DIFFERS", first=first.row).at(
                    _at(row)))
        writes = _HouseholdWrites()
        if ruta_id is None:
            ruta_uuid = self.new_uuid()
            values = _pick(first_ruta, self.ruta_keys)
            if values.get("no_urut") is None:
                values["no_urut"] = self.next_ruta_no
                self.next_ruta_no += 1
            writes.new_ruta.append(NewRuta(ruta_uuid, values))
            conflict = False
        else:
            ruta = state.ruta[ruta_id]
            ruta_uuid = ruta.uuid
            conflict = ruta_uuid in state.unsent_ruta_uuids
            update = _diff("ruta", ruta, ruta_id, ruta_uuid, first_ruta, self.ruta_keys)
            if update is not None:
                writes.add(first.row, update)
        families = self._families(rows, ruta_id, ruta_uuid, matched, writes)
        for row in rows:
            self._member(row, matched[row.row], families[row.row], ruta_id, ruta_uuid, writes)
        self._settle(rows, writes, conflict)

    def _families(self, rows: list[ParsedRow], ruta_id: int | None, ruta_uuid: str,
                  matched: dict[int, int | None], writes: _HouseholdWrites
                  ) -> dict[int, tuple[int | None, str]]:
        """Row -> (existing keluarga id or None, keluarga uuid)."""
        state = self.state
        existing = [state.keluarga[k] for k in state.keluarga_by_ruta.get(ruta_id or -1, [])]
        by_kk = {k.values["no_kk"]: k for k in existing if k.values["no_kk"]}
        chosen: dict[Any, tuple[int | None, str]] = {}
        result: dict[int, tuple[int | None, str]] = {}
        next_no = max((k.no_urut for k in existing), default=0) + 1
        default_kk = next((r.keluarga.get("no_kk") for r in rows if r.keluarga.get("no_kk")),
                          _NO_KK)
        for row in rows:
            no_kk = row.keluarga.get("no_kk") or default_kk
            if no_kk not in chosen:
                record = by_kk.get(no_kk) if no_kk is not _NO_KK else None
                art_id = matched[row.row]
                if record is None and art_id is not None:
                    record = state.keluarga[state.art[art_id].parent]
                if record is None and no_kk is _NO_KK and existing:
                    record = existing[0]
                if record is None:
                    uuid = self.new_uuid()
                    values = _pick(row.keluarga, self.keluarga_keys)
                    values["no_kk_from_number"] = bool(values.get("no_kk_from_number"))
                    writes.new_keluarga.append(NewKeluarga(uuid, ruta_uuid, ruta_id, next_no,
                                                           values))
                    next_no += 1
                    chosen[no_kk] = (None, uuid)
                else:
                    chosen[no_kk] = (record.id, record.uuid)
                    update = _diff("keluarga", record, ruta_id or 0, ruta_uuid, row.keluarga,
                                   self.keluarga_keys)
                    if update is not None:
                        writes.add(row.row, update)
            result[row.row] = chosen[no_kk]
        return result

    def _member(self, row: ParsedRow, art_id: int | None, family: tuple[int | None, str],
                ruta_id: int | None, ruta_uuid: str, writes: _HouseholdWrites) -> None:
        keluarga_id, keluarga_uuid = family
        if art_id is not None and self.state.art[art_id].parent != keluarga_id:
            row.errors.append(problem("ROW_MOVES_FAMILY").at(_at(row)))
            return
        if art_id is None:
            values = _pick(row.art, self.art_keys)
            values["nik_from_number"] = bool(values.get("nik_from_number"))
            if not values.get("nik"):
                values["nik_from_number"] = False
                temp = values.get("temp_id")
                if not temp or temp in self.used_temp_ids:
                    values["temp_id"] = new_temp_id()
            elif values.get("temp_id") in self.used_temp_ids:
                values["temp_id"] = None
            temp_id = values.get("temp_id")
            if isinstance(temp_id, str):
                self.used_temp_ids.add(temp_id)
            writes.new_art_for(row.row, NewArt(self.new_uuid(), keluarga_uuid, keluarga_id,
                                               ruta_uuid, 0, values))
            return
        record = self.state.art[art_id]
        given = dict(row.art)
        given.pop("temp_id", None)  # only used to find the person
        given.pop("nourut_art", None)  # members are not renumbered by an import
        stored_nik = record.values.get("nik")
        if given.get("nik") and given.get("nik_from_number") and stored_nik \
                and not record.values.get("nik_from_number") and given["nik"] != stored_nik:
            damaged = [w for w in row.warnings if w.code == "CELL_NUMBER_DAMAGED"
                       and ("field", "nik") in w.params]
            where = damaged[0].where if damaged else _at(row)
            row.warnings[:] = [w for w in row.warnings if w not in damaged]
            row.warnings.append(problem("CELL_NUMBER_KEPT").at(where))
            given.pop("nik")
        if given.get("nik") == stored_nik or not given.get("nik"):
            given.pop("nik_from_number", None)  # the flag belongs to a new number only
        elif "nik_from_number" in self.art_keys:
            given["nik_from_number"] = bool(given.get("nik_from_number"))
        update = _diff("art", record, ruta_id or 0, ruta_uuid, given, self.art_keys)
        if update is not None:
            writes.add(row.row, update)

    def _settle(self, rows: list[ParsedRow], writes: _HouseholdWrites, conflict: bool) -> None:
        rejected = {row.row for row in rows if row.rejected}
        for row in rows:
            if row.rejected:
                self._reject(row)
                continue
            changes = writes.changes.get(row.row, ())
            is_new = row.row in writes.new_rows
            status = RowStatus.NEW if is_new else (
                RowStatus.UPDATE if changes else RowStatus.UNCHANGED)
            found: tuple[ImportProblem, ...] = tuple(row.warnings)
            if (conflict and status is RowStatus.UPDATE) or (conflict and is_new):
                status = RowStatus.CONFLICT
                found = (problem("ROW_LOCAL_EDIT").at(_at(row)), *found)
            self.outcomes[row.row] = _outcome(row, status, changes, found)
        if conflict:
            return
        self.new_ruta.extend(writes.new_ruta)
        self.new_keluarga.extend(writes.new_keluarga)
        per_family: dict[str, int] = {}
        for row_number, art in writes.new_art:
            if row_number in rejected:
                continue
            base = per_family.get(art.keluarga_uuid)
            if base is None:
                base = self._last_member_no(art.keluarga_id)
            values = dict(art.values)
            number = values.pop("nourut_art", None) or base + 1
            per_family[art.keluarga_uuid] = max(base, number)
            self.new_art.append(NewArt(art.uuid, art.keluarga_uuid, art.keluarga_id,
                                       art.ruta_uuid, number, values))
        self.updates.extend(writes.updates)

    def _last_member_no(self, keluarga_id: int | None) -> int:
        if keluarga_id is None:
            return 0
        if self._last_no is None:
            self._last_no = {}
            for art in self.state.art.values():
                if art.no_urut > self._last_no.get(art.parent, 0):
                    self._last_no[art.parent] = art.no_urut
        return self._last_no.get(keluarga_id, 0)

    def writes(self) -> Writes:
        return Writes(tuple(self.new_ruta), tuple(self.new_keluarga), tuple(self.new_art),
                      tuple(self.updates))


class _HouseholdWrites:
    def __init__(self) -> None:
        self.new_ruta: list[NewRuta] = []
        self.new_keluarga: list[NewKeluarga] = []
        self.new_art: list[tuple[int, NewArt]] = []
        self.new_rows: set[int] = set()
        self.updates: list[Update] = []
        self.changes: dict[int, tuple[FieldChange, ...]] = {}

    def add(self, row: int, update: Update) -> None:
        self.updates.append(update)
        self.changes[row] = self.changes.get(row, ()) + tuple(
            FieldChange(update.table, key, update.before[key], update.after[key])
            for key in update.after)

    def new_art_for(self, row: int, art: NewArt) -> None:
        self.new_art.append((row, art))
        self.new_rows.add(row)


def _pick(source: dict[str, Any], keys: Sequence[str]) -> dict[str, Any]:
    """``{k: source.get(k) for k in keys}`` at C speed."""
    return dict(zip(keys, map(source.get, keys), strict=True))


def _diff(table: str, record: DbRecord, ruta_id: int, ruta_uuid: str, given: dict[str, Any],
          keys: Iterable[str]) -> Update | None:
    stored = record.values
    # ``!=`` first: equal values are the same for ``_same`` too, and nearly all are equal.
    changed = [key for key in keys if (value := given.get(key)) is not None and key in stored
               and stored[key] != value and not _same(stored[key], value)]
    if not changed:
        return None
    before = {key: stored[key] for key in changed}
    after = {key: given[key] for key in changed}
    return Update(table, record.id, record.uuid, ruta_uuid, ruta_id, before, after)


def _same(stored: Any, value: Any) -> bool:
    if isinstance(stored, bool) or isinstance(value, bool):  # SQLite may hand back 0/1
        return stored is not None and bool(stored) == bool(value)
    return bool(stored == value)


def _at(row: ParsedRow) -> Location:
    return row.where


def _outcome(row: ParsedRow, status: RowStatus, changes: tuple[FieldChange, ...],
             found: tuple[ImportProblem, ...]) -> RowOutcome:
    nik = row.art.get("nik")
    return RowOutcome(row.row, status, row.art.get("nama") or "",
                      mask_identifier(nik) if nik else "", changes, found)
