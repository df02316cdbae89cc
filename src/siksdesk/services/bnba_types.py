"""What a BNBA import hands out: the dry-run plan (a preview of every row) and the result.

Frozen DTOs only. Names appear in the preview (it is the operator's own screen); ``repr`` never
shows them, nor a NIK, so a DTO in a log or a crash report leaks nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from siksdesk.domain.import_problems import ImportProblem, Level
from siksdesk.io.bnba_layout import HeaderMatch
from siksdesk.services.gc_pause import release_in_slices


class RowStatus(StrEnum):
    NEW = "new"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    CONFLICT = "conflict"  # a local edit not yet sent would be overwritten: not applied
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class FieldChange:
    part: str  # ruta | keluarga | art
    name: str  # the field
    before: Any = field(repr=False)
    after: Any = field(repr=False)


@dataclass(frozen=True, slots=True)
class RowOutcome:
    row: int  # Excel row number
    status: RowStatus
    nama: str = field(default="", repr=False)
    nik_masked: str = ""
    changes: tuple[FieldChange, ...] = ()
    problems: tuple[ImportProblem, ...] = field(default=(), repr=False)

    @property
    def reason(self) -> ImportProblem | None:
        for found in self.problems:
            if found.level is Level.ERROR or self.status is RowStatus.CONFLICT:
                return found
        return None


@dataclass(frozen=True, slots=True)
class NewRuta:
    uuid: str
    values: Mapping[str, Any] = field(repr=False)


@dataclass(frozen=True, slots=True)
class NewKeluarga:
    uuid: str
    ruta_uuid: str
    ruta_id: int | None  # existing household, or None when ``ruta_uuid`` is new
    no_urut: int
    values: Mapping[str, Any] = field(repr=False)


@dataclass(frozen=True, slots=True)
class NewArt:
    uuid: str
    keluarga_uuid: str
    keluarga_id: int | None
    ruta_uuid: str
    no_urut: int
    values: Mapping[str, Any] = field(repr=False)


@dataclass(frozen=True, slots=True)
class Update:
    table: str  # ruta | keluarga | art
    row_id: int
    uuid: str
    ruta_uuid: str
    ruta_id: int
    before: Mapping[str, Any] = field(repr=False)
    after: Mapping[str, Any] = field(repr=False)


@dataclass(frozen=True, slots=True)
class Writes:
    """What the commit writes. Lists rather than tuples so that ``apply_bnba`` can free them a
    slice at a time once they are written (see ``release``)."""

    new_ruta: list[NewRuta] = field(default_factory=list)
    new_keluarga: list[NewKeluarga] = field(default_factory=list)
    new_art: list[NewArt] = field(default_factory=list)
    updates: list[Update] = field(default_factory=list)

    def release(self) -> None:
        """Free the records (empties the lists). Freeing 76,000 records at once, wherever the
        last reference goes, is one C-level cascade of about 0.1 s that never lets go of the
        GIL: the GUI thread would stand still (bench/bench_import_ui.py)."""
        for records in (self.new_art, self.new_keluarga, self.new_ruta, self.updates):
            release_in_slices(records)

    @property
    def empty(self) -> bool:
        return not (self.new_ruta or self.new_keluarga or self.new_art or self.updates)


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """The dry run. ``apply_bnba`` writes exactly ``writes`` if the database has not changed
    since (``watermark`` is the last change-log id seen)."""

    file_name: str
    file_sha256: str
    sheet: str
    profile: str
    header: HeaderMatch = field(repr=False)
    rows: tuple[RowOutcome, ...] = field(repr=False)
    writes: Writes = field(repr=False)
    watermark: int
    file_problems: tuple[ImportProblem, ...] = ()
    kode_bps_learned: str | None = None

    def count(self, status: RowStatus) -> int:
        return sum(1 for row in self.rows if row.status is status)

    @property
    def counts(self) -> dict[str, int]:
        return {status.value: self.count(status) for status in RowStatus}

    @property
    def clean(self) -> bool:
        """Nothing rejected and no conflict (the CLI's exit status 0)."""
        return not any(r.status in (RowStatus.REJECTED, RowStatus.CONFLICT) for r in self.rows)


@dataclass(frozen=True, slots=True)
class ImportResult:
    batch_id: int
    counts: Mapping[str, int]
    households_written: int
    people_written: int


class NeedsMapping(Exception):
    """The header row has columns no profile knows (or lacks required ones): the operator maps
    them once (``remember_profile``), then the preview is made again."""

    def __init__(self, match: HeaderMatch, file_name: str, sheet: str) -> None:
        super().__init__(f"Berkas {file_name}, lembar “{sheet}”: kolom belum dikenal, perlu "
                         "dipetakan lebih dulu.")
        self.match = match
        self.file_name = file_name
        self.sheet = sheet
