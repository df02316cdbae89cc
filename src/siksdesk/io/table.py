"""A table to export, independent of the file format: what the services produce and the
xlsx/CSV writers consume. Rows are produced lazily so 50,000 people never sit in memory twice."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum


class ColumnKind(Enum):
    TEXT = "text"
    IDENTIFIER = "identifier"  # NIK / No. KK / IDBDT: always a text cell; maskable
    INTEGER = "integer"
    DECIMAL = "decimal"
    DATE = "date"


@dataclass(frozen=True, slots=True)
class ExportColumn:
    header: str
    kind: ColumnKind = ColumnKind.TEXT
    # True for NIK and No. KK: masked (352201********01) when the export is for public posting.
    personal_identifier: bool = False


@dataclass(frozen=True, slots=True)
class ExportTable:
    title: str  # sheet name
    columns: tuple[ExportColumn, ...]
    rows: Iterable[Sequence[object]]  # one value per column; None = empty cell
    row_count: int | None = None  # for progress, when known in advance
