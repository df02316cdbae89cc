"""Importing the village list (BNBA): ``preview_bnba`` (the dry run: nothing is written) and
``apply_bnba`` (the confirmed plan in one transaction), plus the remembered column mappings.

Typical use (CLI and the import dialog alike)::

    plan = preview_bnba(factory, path, progress=..., cancelled=...)   # may raise NeedsMapping
    result = apply_bnba(factory, plan, author="Operator", progress=..., cancelled=...)

Errors: ``ImportRejected`` (the file cannot be used; message names file, sheet, row, column),
``NeedsMapping`` (unknown header: map it with ``remember_profile`` and preview again). Either
way the database is unchanged.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from itertools import chain, islice
from pathlib import Path
from typing import Any, Final

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from siksdesk.db.session import driver_connection, read_session, unit_of_work
from siksdesk.domain.import_problems import ImportRejected, Location, reject
from siksdesk.domain.variables import normalise_header
from siksdesk.io.bnba_layout import (
    BUILTIN_PROFILES,
    IGNORE_KEY,
    TARGET_BY_KEY,
    HeaderMatch,
    Part,
    Profile,
    detect_header,
)
from siksdesk.io.bnba_rows import ParsedRow, RowParser
from siksdesk.io.digest import file_sha256
from siksdesk.io.training_mark import is_training_workbook
from siksdesk.io.workbook import Table, WorkbookInfo, inspect_file, read_table
from siksdesk.models import ImportBatch, ImportProfile, Ruta
from siksdesk.services.backups import backup_before_import
from siksdesk.services.bnba_apply import refresh_derived, write_plan
from siksdesk.services.bnba_plan import Planner, RegionCheck
from siksdesk.services.bnba_state import load_state
from siksdesk.services.bnba_types import ImportPlan, ImportResult, NeedsMapping, RowStatus
from siksdesk.services.gc_pause import cyclic_gc_paused, release_in_slices
from siksdesk.services.heartbeat import heartbeat
from siksdesk.services.training import is_training

__all__ = ["KIND", "apply_bnba", "known_profiles", "preview_bnba", "remember_profile"]

KIND: Final = "bnba"
HEADER_SEARCH_ROWS: Final = 30
Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


def _never() -> bool:
    return False


def _ignore(_done: int, _total: int) -> None:
    return None


def known_profiles(session: Session) -> list[Profile]:
    """Remembered mappings (newest first), then the built-in layouts."""
    remembered = [
        Profile(p.name, dict(p.mapping), signature=p.signature)
        for p in session.scalars(select(ImportProfile).where(ImportProfile.kind == KIND)
                                 .order_by(ImportProfile.id.desc()))
    ]
    return [*remembered, *BUILTIN_PROFILES]


def remember_profile(factory: sessionmaker[Session], match: HeaderMatch,
                     columns: Mapping[int, str], name: str) -> Profile:
    """Store the operator's mapping (column index -> target key; unmapped columns are ignored)
    for files whose header row has this shape; replaces an earlier one for the same shape."""
    mapping: dict[str, str] = {}
    for index, header in enumerate(match.headers):
        norm = normalise_header(header)
        if norm:
            key = columns.get(index, IGNORE_KEY)
            mapping[norm] = key if key in TARGET_BY_KEY else IGNORE_KEY
    with factory.begin() as session:
        stored = session.scalar(select(ImportProfile).where(
            ImportProfile.kind == KIND, ImportProfile.signature == match.signature))
        if stored is None:
            session.add(ImportProfile(kind=KIND, signature=match.signature, name=name[:80],
                                      mapping=mapping))
        else:
            stored.name, stored.mapping = name[:80], mapping
    return Profile(name[:80], mapping, signature=match.signature)


def _profiles(session: Session, name: str | None) -> list[Profile]:
    profiles = known_profiles(session)
    if name is None:
        return profiles
    chosen = [p for p in profiles if p.name.casefold() == name.casefold()]
    if not chosen:
        raise reject("FILE_MISSING_COLUMNS", columns=f"profil “{name}” tidak dikenal")
    # Chosen by name, a remembered mapping applies to any header row it recognises.
    return [Profile(chosen[0].name, chosen[0].headers, chosen[0].yes_no,
                    chosen[0].export_headers)]


class _MergedCells(Exception):
    """A one-pass read met merged ranges (they stand at the end of the sheet): what was read
    from it may differ, so the file is read again with two passes."""


def _settled(table: Table) -> None:
    """Before acting on a one-pass read: the rest of the sheet passes the file checks (their
    refusal comes first, as in a two-pass read) and no merged range changes what was read."""
    try:
        if not table.verify():
            raise _MergedCells
    finally:
        table.close()


def _find_header(tables: Iterator[Table], profiles: Sequence[Profile]
                 ) -> tuple[Table, HeaderMatch, list[tuple[int, list[Any]]]]:
    first_sheet = ""
    for table in tables:
        first_sheet = first_sheet or table.sheet
        head = list(islice(table.rows, HEADER_SEARCH_ROWS))
        match = detect_header(head, profiles)
        if match is not None:
            rest = [item for item in head if item[0] > match.row]
            return table, match, rest
        _settled(table)
    raise reject("FILE_NO_HEADER", sheet=first_sheet, rows=HEADER_SEARCH_ROWS)


def _check_match(match: HeaderMatch, table: Table, forced: bool) -> None:
    where = table.where(match.row)
    if match.duplicates:
        raise reject("FILE_DUPLICATE_COLUMN", where, header=match.duplicates[0])
    if match.missing:
        if not forced:
            raise NeedsMapping(match, table.file_name, table.sheet)
        labels = ", ".join(TARGET_BY_KEY[k].label_id for k in match.missing)
        raise reject("FILE_MISSING_COLUMNS", where, columns=labels)
    if match.unknown and not forced:
        raise NeedsMapping(match, table.file_name, table.sheet)


def _parse(table: Table, match: HeaderMatch, head: list[tuple[int, list[Any]]],
           progress: Progress, cancelled: Cancelled) -> list[ParsedRow]:
    parser = RowParser(match, table.file_name, table.sheet, table.first_column)
    parsed: list[ParsedRow] = []
    total = max(table.height, 1)
    for count, (number, cells) in enumerate(chain(head, table.rows), start=1):
        row = parser.parse(number, cells)
        if row is not None:
            parsed.append(row)
        if count % 500 == 0:
            if cancelled():
                table.close()
                raise reject("IMPORT_CANCELLED")
            if table.position is not None:
                progress(*table.position())
            else:
                progress(min(number, total), total)
    _settled(table)
    if not parsed:
        raise reject("FILE_NO_ROWS", Location(table.file_name, table.sheet), sheet=table.sheet)
    return parsed


def _read(info: WorkbookInfo, profiles: Sequence[Profile], forced: bool, progress: Progress,
          cancelled: Cancelled, *, streaming: bool
          ) -> tuple[Table, HeaderMatch, list[ParsedRow]]:
    """The header and the parsed rows of the first sheet that has a header row. ``streaming``:
    one pass over the sheet (raises ``_MergedCells`` when that is not enough)."""
    tables = (read_table(info, sheet, progress=progress, streaming=streaming)
              for sheet in info.visible)
    table, match, head = _find_header(tables, profiles)
    try:
        _check_match(match, table, forced)
    except (ImportRejected, NeedsMapping):
        _settled(table)
        raise
    return table, match, _parse(table, match, head, progress, cancelled)


def _keys(match: HeaderMatch, part: Part) -> list[str]:
    keys = [k for k in match.columns.values() if TARGET_BY_KEY[k].part is part]
    if part is Part.KELUARGA and "no_kk" in keys:
        keys.append("no_kk_from_number")
    if part is Part.ART:
        keys += ["nik_from_number", "temp_id"]
    return list(dict.fromkeys(keys))


def preview_bnba(factory: sessionmaker[Session], path: Path, *, profile: str | None = None,
                 progress: Progress = _ignore, cancelled: Cancelled = _never) -> ImportPlan:
    """Read, check and compare the file with the database; write nothing."""
    # The heartbeat covers the freeing of the parsed rows after the last report (0.2 s).
    with cyclic_gc_paused(), heartbeat(progress) as beat_until_done:
        try:
            return _preview(factory, path, profile, progress, cancelled, beat_until_done)
        except ImportRejected as rejected:
            where = rejected.problem.where
            if where.file:
                raise
            # The message must name the file, even where the workbook layer did not.
            raise ImportRejected(rejected.problem.at(replace(where, file=path.name))) from None


def _preview(factory: sessionmaker[Session], path: Path, profile: str | None,
             progress: Progress, cancelled: Cancelled,
             beat_until_done: Callable[[], None]) -> ImportPlan:
    info = inspect_file(path)
    with read_session(factory) as session:
        profiles = _profiles(session, profile)
        if is_training_workbook(path) and not is_training(session):
            raise reject("FILE_TRAINING_DATA", Location(Path(path).name))
    try:
        table, match, rows = _read(info, profiles, profile is not None, progress, cancelled,
                                   streaming=True)
    except _MergedCells:
        table, match, rows = _read(info, profiles, profile is not None, progress, cancelled,
                                   streaming=False)
    with read_session(factory) as session:
        ruta_keys, keluarga_keys, art_keys = (_keys(match, p) for p in (
            Part.RUTA, Part.KELUARGA, Part.ART))
        state = load_state(session, ruta_keys, art_keys, progress)
    region = RegionCheck(state.kode_desa, state.kode_bps)
    planner = Planner(state, ruta_keys, keluarga_keys, art_keys)
    kept = planner.screen(rows, region, progress)
    if not kept and all(r.errors[0].code == "ROW_OTHER_VILLAGE" for r in rows if r.errors):
        code = next((r.errors[0].params[0][1] for r in rows if r.errors), "?")
        raise reject("FILE_OTHER_VILLAGE", Location(table.file_name, table.sheet), code=code)
    planner.plan(kept, progress, cancelled)
    outcomes = tuple(planner.outcomes[r.row] for r in rows)
    digest = file_sha256(path)
    plan = ImportPlan(
        file_name=table.file_name, file_sha256=digest, sheet=table.sheet,
        profile=match.profile.name, header=match, rows=outcomes, writes=planner.writes(),
        watermark=state.watermark, file_problems=table.warnings,
        kode_bps_learned=next(iter(region.learnt), None))
    del planner, kept, state  # the parsed rows' last references but ``rows``
    release_in_slices(rows)
    progress(1, 1)
    beat_until_done()
    return plan


def apply_bnba(factory: sessionmaker[Session], plan: ImportPlan, *, author: str,
               progress: Progress = _ignore, cancelled: Cancelled = _never,
               free_writes: bool = False) -> ImportResult:
    """Write the plan in ONE transaction (change log and derived tables included). Raises
    ``ImportRejected`` with FILE_STALE if the data changed since the preview, or with
    IMPORT_CANCELLED; the database is then exactly as before. A verified backup of the
    database is written first (``backups/``, reason "before-import-bnba").

    ``free_writes``: once committed, free the plan's records here, a slice at a time
    (``Writes.release``; its rows, the preview, stay), for a caller on a worker thread that
    drops the plan next."""
    progress(0, 0)  # busy: the verified backup reports no measurable progress
    # A full collection over the plan's objects would be a silent second. The heartbeat covers
    # COMMIT and the freeing of the in-memory facts (0.2 s each for 50,000 people).
    with cyclic_gc_paused(), heartbeat(progress) as beat_until_done:
        backup_before_import(factory, KIND, progress=progress)
        if cancelled():
            raise reject("IMPORT_CANCELLED")
        result = _apply(factory, plan, author, progress, cancelled, beat_until_done)
    if free_writes:
        plan.writes.release()
    return result


def _apply(factory: sessionmaker[Session], plan: ImportPlan, author: str, progress: Progress,
           cancelled: Cancelled, beat_until_done: Callable[[], None]) -> ImportResult:
    with _checkpoint_deferred() as defer, unit_of_work(factory, author, origin="import") as session:
        touched, known = write_plan(session, plan, author, progress, cancelled)
        if cancelled():
            raise reject("IMPORT_CANCELLED")
        households = int(session.scalar(select(func.count()).select_from(Ruta)) or 0)

        def derived_progress(done: int, total: int) -> None:
            if cancelled():  # rolls the whole import back
                raise reject("IMPORT_CANCELLED")
            progress(done, total)

        refresh_derived(session, touched, households, derived_progress, known)
        derived_progress(1, 1)  # the duplicate-NIK pass after the last chunk is done too
        batch = ImportBatch(kind=KIND, file_name=plan.file_name[:255],
                            file_sha256=plan.file_sha256, sheet=plan.sheet[:100],
                            profile=plan.profile[:80], author=author, counts=plan.counts)
        session.add(batch)
        session.flush()
        batch_id = batch.id
        defer(driver_connection(session))
        progress(1, 1)  # the audit entry (its digest fed while writing) and COMMIT follow
        beat_until_done()
    known.release()  # after COMMIT: the write lock is not held while the facts are freed
    writes = plan.writes
    return ImportResult(batch_id, plan.counts, len(touched), len(writes.new_art) + sum(
        1 for u in writes.updates if u.table == "art"))


@contextmanager
def _checkpoint_deferred() -> Iterator[Callable[[sqlite3.Connection], None]]:
    """The import's COMMIT without SQLite's automatic checkpoint: copying a 50,000-person
    import (≈120 MB of WAL) into the database file would be a silent half second inside
    COMMIT. The committed import is durable in the WAL; SQLite folds it in at the next
    write's commit or when the last connection closes."""
    deferred: list[tuple[sqlite3.Connection, int]] = []

    def defer(conn: sqlite3.Connection) -> None:
        deferred.append((conn, int(conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0])))
        conn.execute("PRAGMA wal_autocheckpoint=0")

    try:
        yield defer
    finally:
        for conn, pages in deferred:  # the pooled connection gets its setting back
            conn.execute(f"PRAGMA wal_autocheckpoint={pages}")


def rejected_rows(plan: ImportPlan) -> int:
    return plan.count(RowStatus.REJECTED)


__all__ += ["ImportRejected", "NeedsMapping", "rejected_rows"]
