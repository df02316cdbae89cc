"""The dry run: parsed rows + what the database holds -> one outcome per row and the exact
writes. Households are the rows sharing an IDBDT (or, without one, a No. KK); people are matched
by IDARTBDT, then NIK, then temporary ID; families by No. KK within their household.

An empty cell never clears a stored value (the district's list may simply not carry it); a NIK
from a numeric Excel cell never replaces a NIK typed as text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from siksdesk.domain.import_problems import ImportProblem, Location, problem, reject
from siksdesk.domain.numbers import mask_identifier
from siksdesk.services.bnba_plan_parts import Picker, RegionCheck, RutaPicker, mark_differences
from siksdesk.services.bnba_plan_parts import uuid4s as _uuid4s
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

__all__ = ["Planner", "RegionCheck"]

_NO_KK = object()


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
        self.pick_ruta = RutaPicker(self.ruta_keys)
        self.pick_keluarga = Picker(self.keluarga_keys)
        self.pick_art = Picker(self.art_keys)
        # An empty village has nothing to match: every household is planned as new.
        self._matching = bool(state.art or state.ruta_by_idbdt)
        self._lean = -1 not in state.keluarga_by_ruta  # the families of "no household"

    # --- row checks ---------------------------------------------------------------------------

    def screen(self, rows: Sequence[ParsedRow], region: RegionCheck,
               progress: Callable[[int, int], None] | None = None) -> list[ParsedRow]:
        """Rows that may be planned; the others get their REJECTED outcome."""
        kept: list[ParsedRow] = []
        seen: dict[tuple[str, str], int] = {}
        candidates: dict[str, list[ParsedRow]] = {}
        code_of = region.code_of
        for count, row in enumerate(rows, start=1):
            if progress is not None and count % 2_000 == 0:
                progress(count, len(rows))
            errors = row.errors  # ``row.rejected`` as it grows
            if not errors:
                code, candidate = code_of(row.region)
                if code is not None:
                    errors.append(problem("ROW_OTHER_VILLAGE", code=code).at(row.where))
                elif candidate:
                    candidates.setdefault(candidate, []).append(row)
            if not errors:
                self._check_duplicate(row, seen)
            if not errors and not (row.idbdt or row.keluarga.get("no_kk")):
                errors.append(problem("ROW_NO_HOUSEHOLD").at(row.where))
            if errors:
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
        art = row.art
        nik = art.get("nik")
        if nik:
            self.file_niks[nik] = self.file_niks.get(nik, 0) + 1
        for key in ("idartbdt", "temp_id"):  # a NIK twice is a data problem, not a reject
            value = art.get(key)
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
        matches = self._refuse_shared_households(groups.values()) if self._matching else {}
        done = 0
        for members in groups.values():
            live = [r for r in members if not r.errors]
            if live:
                self._household(live, matches.get(live[0].row))
            done += len(members)
            if done % 500 < len(members):
                if cancelled():
                    raise reject("IMPORT_CANCELLED")
                progress(done, len(rows))

    def _stored_ruta(self, rows: Sequence[ParsedRow], matched: dict[int, int | None]
                     ) -> int | None:
        """The stored household a group of rows stands for: by IDBDT, else by its first
        matched member (``matched``: Excel row -> stored ART id)."""
        idbdt = rows[0].idbdt
        ruta_id = self.state.ruta_by_idbdt.get(idbdt) if idbdt else None
        if ruta_id is None:
            ruta_id = next((self.state.ruta_of_art(a) for a in matched.values() if a), None)
        return ruta_id

    def _refuse_shared_households(self, groups: Iterable[list[ParsedRow]]
                                  ) -> dict[int, dict[int, int | None]]:
        """Two households of the file landing on one stored household (one by its IDBDT, one
        through a member listed under another IDBDT) would each undo the other at the next
        import: every row of both is refused, naming a row of the other. Returns each group's
        matched members by its first row (``_household`` needs not match them again)."""
        claims: dict[int, list[list[ParsedRow]]] = {}
        matches: dict[int, dict[int, int | None]] = {}
        for members in groups:
            matched = matches[members[0].row] = {r.row: self._match_art(r) for r in members}
            ruta_id = self._stored_ruta(members, matched)
            if ruta_id is not None:
                claims.setdefault(ruta_id, []).append(members)
        for claimed in claims.values():
            if len(claimed) < 2:
                continue
            for at, members in enumerate(claimed):
                other = claimed[1 if at == 0 else 0][0].row
                for row in members:
                    row.errors.append(problem("ROW_SAME_HOUSEHOLD_TWICE", first=other)
                                      .at(_at(row)))
                    self._reject(row)
        return matches

    def _match_art(self, row: ParsedRow) -> int | None:
        state, art = self.state, row.art
        value = art.get("idartbdt")
        found = state.art_by_idartbdt.get(value) if value else None
        if found is None:
            value = art.get("nik")
            # the same NIK on two rows of the file names nobody for sure
            if value and self.file_niks.get(value, 0) <= 1:
                found = state.art_by_nik.get(value)
        if found is None:
            value = art.get("temp_id")
            found = state.art_by_temp_id.get(value) if value else None
        return found

    def _household(self, rows: list[ParsedRow],
                   matched: dict[int, int | None] | None = None) -> None:
        if not self._matching and self._lean:
            self._new_household(rows)
            return
        state = self.state
        if matched is None:
            matched = {row.row: self._match_art(row) for row in rows}
        ruta_id = self._stored_ruta(rows, matched)
        if ruta_id is None and self._lean and all(a is None for a in matched.values()):
            self._new_household(rows)
            return
        moved = [r for r in rows if matched[r.row] and state.ruta_of_art(
            matched[r.row]) != ruta_id]  # type: ignore[arg-type]
        for row in moved:
            row.errors.append(problem("ROW_MOVES_FAMILY").at(_at(row)))
            self._reject(row)
        rows = [r for r in rows if not r.errors]
        if not rows:
            return
        first = rows[0]
        mark_differences(rows)
        writes = _HouseholdWrites()
        if ruta_id is None:
            ruta_uuid = self.new_uuid()
            writes.new_ruta.append(NewRuta(ruta_uuid, self._new_ruta_values(first)))
            conflict = False
        else:
            ruta = state.ruta[ruta_id]
            ruta_uuid = ruta.uuid
            conflict = ruta_uuid in state.unsent_ruta_uuids
            update = _diff("ruta", ruta, ruta_id, ruta_uuid, first.ruta, self.ruta_keys)
            if update is not None:
                writes.add(first.row, update)
        families = self._families(rows, ruta_id, ruta_uuid, matched, writes)
        for row in rows:
            self._member(row, matched[row.row], families[row.row], ruta_id, ruta_uuid, writes)
        self._settle(rows, writes, conflict)

    def _new_household(self, rows: list[ParsedRow]) -> None:
        """A household none of whose rows matches anything stored: what ``_household`` gives
        for it (every row NEW), without its bookkeeping for matches, updates and conflicts."""
        rows = [r for r in rows if not r.errors]
        if not rows:
            return
        mark_differences(rows)
        ruta_uuid = self.new_uuid()
        self.new_ruta.append(NewRuta(ruta_uuid, self._new_ruta_values(rows[0])))
        default_kk = next((r.keluarga.get("no_kk") for r in rows if r.keluarga.get("no_kk")),
                          _NO_KK)
        chosen: dict[Any, str] = {}
        families: list[str] = []
        for row in rows:
            no_kk = row.keluarga.get("no_kk") or default_kk
            uuid = chosen.get(no_kk)
            if uuid is None:
                uuid = chosen[no_kk] = self.new_uuid()
                self.new_keluarga.append(NewKeluarga(uuid, ruta_uuid, None, len(chosen),
                                                     self._new_keluarga_values(row)))
            families.append(uuid)
        last: dict[str, int] = {}
        outcomes, new_art, new_uuid = self.outcomes, self.new_art, self.new_uuid
        art_values, new = self._new_art_values, RowStatus.NEW
        for row, keluarga_uuid in zip(rows, families, strict=True):
            values = art_values(row)
            base = last.get(keluarga_uuid, 0)
            number = values.pop("nourut_art", None) or base + 1
            last[keluarga_uuid] = number if number > base else base  # max(base, number)
            new_art.append(NewArt(new_uuid(), keluarga_uuid, None, ruta_uuid, number, values))
            outcomes[row.row] = _outcome(row, new, (), tuple(row.warnings))

    def _new_ruta_values(self, row: ParsedRow) -> dict[str, Any]:
        values = self.pick_ruta.row(row)
        if values.get("no_urut") is None:
            values["no_urut"] = self.next_ruta_no
            self.next_ruta_no += 1
        return values

    def _new_keluarga_values(self, row: ParsedRow) -> dict[str, Any]:
        values = self.pick_keluarga(row.keluarga)
        values["no_kk_from_number"] = bool(values.get("no_kk_from_number"))
        return values

    def _new_art_values(self, row: ParsedRow) -> dict[str, Any]:
        values = self.pick_art(row.art)
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
        return values

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
                    writes.new_keluarga.append(NewKeluarga(uuid, ruta_uuid, ruta_id, next_no,
                                                           self._new_keluarga_values(row)))
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
            writes.new_art_for(row.row, (self.new_uuid(), keluarga_uuid, keluarga_id, ruta_uuid),
                               self._new_art_values(row))
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
        rejected = {row.row for row in rows if row.errors}
        for row in rows:
            if row.errors:
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
        for row_number, (uuid, keluarga_uuid, keluarga_id, ruta_uuid), values in writes.new_art:
            if row_number in rejected:
                continue
            base = per_family.get(keluarga_uuid)
            if base is None:
                base = self._last_member_no(keluarga_id)
            number = values.pop("nourut_art", None) or base + 1  # ``values`` are the plan's own
            per_family[keluarga_uuid] = max(base, number)
            self.new_art.append(NewArt(uuid, keluarga_uuid, keluarga_id, ruta_uuid, number,
                                       values))
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
        return Writes(list(self.new_ruta), list(self.new_keluarga), list(self.new_art),
                      list(self.updates))


class _HouseholdWrites:
    def __init__(self) -> None:
        self.new_ruta: list[NewRuta] = []
        self.new_keluarga: list[NewKeluarga] = []
        self.new_art: list[tuple[int, _ArtPlace, dict[str, Any]]] = []
        self.new_rows: set[int] = set()
        self.updates: list[Update] = []
        self.changes: dict[int, tuple[FieldChange, ...]] = {}

    def add(self, row: int, update: Update) -> None:
        self.updates.append(update)
        self.changes[row] = self.changes.get(row, ()) + tuple(
            FieldChange(update.table, key, update.before[key], update.after[key])
            for key in update.after)

    def new_art_for(self, row: int, place: _ArtPlace, values: dict[str, Any]) -> None:
        self.new_art.append((row, place, values))
        self.new_rows.add(row)


# A new member's uuid, keluarga uuid, keluarga id (None: a new family) and ruta uuid.
_ArtPlace = tuple[str, str, int | None, str]


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
    art = row.art
    nik = art.get("nik")
    return RowOutcome(row.row, status, art.get("nama") or "",
                      mask_identifier(nik) if nik else "", changes, found)
