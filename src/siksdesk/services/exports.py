"""Exports: which lists can be exported, their default file names, and one call that reads the
list from the database and writes it to .xlsx or CSV (used by the CLI and the export dialog).

``run_export`` opens its own read session and keeps it open while the file is written, so the
rows stream from SQLite to the file and 50,000 people never sit in memory.

An export purpose (``domain.export_purposes``: lengkap, pengumuman, pendataan) keeps only the
columns that purpose needs and may force NIK/No. KK masking; ``lengkap`` changes nothing.

The training village's files are marked (``io.training_mark``): an .xlsx carries its LATIHAN
sheet, tab, print header and properties; a CSV can carry nothing but its name, so the file is
written with "-LATIHAN" in the name; default names get the same marker. The flag comes from the
village profile (``services.training``).
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from siksdesk.domain.export_purposes import (
    DEFAULT_PURPOSE,
    ExportPurpose,
    UnknownPurpose,
    export_purpose,
    purposes_for,
)
from siksdesk.domain.numbers import today_local
from siksdesk.io.bnba_layout import BDT2015
from siksdesk.io.table import Cancelled, ExportError, ExportResult, ExportTable, Progress
from siksdesk.io.training_mark import marked_name, marked_path
from siksdesk.models import VillageProfile
from siksdesk.services.export_tables import nik_issue_table, problems_table, usulan_table
from siksdesk.services.training import is_training

__all__ = [
    "EXPORT_KINDS", "FORMATS", "ExportKind", "apply_purpose", "default_file_name",
    "export_kind", "export_table", "format_for", "is_training", "purpose_for", "purposes_for",
    "run_export", "village_name",
]  # fmt: skip

FORMATS: Final = ("xlsx", "csv")
BNBA_MODULE: Final = "siksdesk.services.bnba_export"


@dataclass(frozen=True, slots=True)
class ExportKind:
    key: str  # the command-line name: bnba, masalah, usulan, perbaikan-nik
    label_id: str
    label_en: str
    file_prefix: str  # BNBA_<desa>_<date>.xlsx

    def label(self, lang: str = "id") -> str:
        return self.label_en if lang.lower().startswith("en") else self.label_id


EXPORT_KINDS: Final[tuple[ExportKind, ...]] = (
    ExportKind("bnba", "Daftar BNBA (semua ruta dan ART)",
               "BNBA list (every household and member)", "BNBA"),
    ExportKind("masalah", "Masalah data", "Data problems", "Masalah_data"),
    ExportKind("usulan", "Daftar usulan", "List of proposals", "Usulan"),
    ExportKind("perbaikan-nik", "Perbaikan NIK", "NIK corrections", "Perbaikan_NIK"),
)
_KINDS: Final = {kind.key: kind for kind in EXPORT_KINDS}


def export_kind(what: str) -> ExportKind:
    """The export called ``what`` (``KeyError`` for an unknown name)."""
    return _KINDS[what]


def export_table(session: Session, what: str, lang: str = "id", *,
                 problem_code: str | None = None) -> ExportTable:
    """The table for ``what``; its rows read from ``session`` while the file is written."""
    builders: dict[str, Callable[[], ExportTable]] = {
        "bnba": lambda: _bnba_table(session),
        "masalah": lambda: problems_table(session, lang, problem_code),
        "usulan": lambda: usulan_table(session, lang),
        "perbaikan-nik": lambda: nik_issue_table(session, lang),
    }
    return builders[export_kind(what).key]()


def _bnba_table(session: Session) -> ExportTable:
    """The BNBA in the district layout (built by the import side so that it round-trips)."""
    try:
        module = importlib.import_module(BNBA_MODULE)
    except ImportError:
        raise ExportError("EXPORT_NOT_AVAILABLE", what="BNBA") from None
    table = module.bnba_table(session, layout="bdt2015")
    assert isinstance(table, ExportTable)
    keys = {header: key for key, header in BDT2015.export_headers.items()}
    columns = tuple(replace(column, key=column.key or keys.get(column.header, ""))
                    for column in table.columns)
    return replace(table, columns=columns)


def purpose_for(what: str, purpose: str = DEFAULT_PURPOSE) -> ExportPurpose:
    """The export purpose; ``ExportError`` (EXPORT_PURPOSE_NOT_OFFERED) if ``what`` has none
    of that name."""
    try:
        return export_purpose(what, purpose)
    except UnknownPurpose:
        raise ExportError("EXPORT_PURPOSE_NOT_OFFERED", what=what, purpose=purpose) from None


def apply_purpose(table: ExportTable, purpose: ExportPurpose) -> ExportTable:
    """``table`` with only the columns ``purpose`` keeps (the same table for ``lengkap``)."""
    if purpose.columns is None:
        return table
    keep = tuple(i for i, column in enumerate(table.columns) if purpose.keeps(column.key))
    columns = tuple(table.columns[i] for i in keep)

    def rows() -> Iterator[Sequence[object]]:
        for row in table.rows:
            yield tuple(row[i] for i in keep)

    return replace(table, columns=columns, rows=rows())


def format_for(path: Path, fmt: str | None = None) -> str:
    """The file format: ``fmt`` when given, else from the file name's suffix."""
    chosen = (fmt or path.suffix.lstrip(".")).lower()
    if chosen not in FORMATS:
        raise ExportError("EXPORT_UNKNOWN_FORMAT", file=path.name)
    return chosen


def run_export(sessions: sessionmaker[Session], what: str, path: Path, *,
               fmt: str | None = None, mask_identifiers: bool = False, lang: str = "id",
               delimiter: str = ";", problem_code: str | None = None,
               purpose: str = DEFAULT_PURPOSE,
               progress: Progress | None = None,
               cancelled: Cancelled | None = None) -> ExportResult:
    """Read the list ``what`` and write it to ``path`` (atomically; a training village's CSV
    to ``path`` with "-LATIHAN" in its name: the result's ``path`` says where). Raises
    ``ExportError`` (message for the operator), ``ExportCancelled``, or ``KeyError`` for an
    unknown list. ``purpose`` keeps only its columns; a purpose that masks overrides
    ``mask_identifiers``."""
    chosen = format_for(path, fmt)
    export_kind(what)
    aim = purpose_for(what, purpose)
    mask = mask_identifiers or aim.mask_identifiers
    with sessions() as session:
        training = is_training(session)
        table = apply_purpose(export_table(session, what, lang, problem_code=problem_code), aim)
        if chosen == "csv":
            from siksdesk.io.csv_export import write_csv

            target = marked_path(Path(path)) if training else path
            result = write_csv(table, target, mask_identifiers=mask, delimiter=delimiter,
                               progress=progress, cancelled=cancelled)
        else:
            from siksdesk.io.xlsx_export import write_xlsx

            result = write_xlsx(table, path, mask_identifiers=mask, progress=progress,
                                cancelled=cancelled, training=training)
    return replace(result, purpose=aim.key)


def village_name(session: Session) -> str:
    """The village's name ("" before a village exists)."""
    return session.scalar(select(VillageProfile.nama_desa)) or ""


def default_file_name(what: str, nama_desa: str, fmt: str = "xlsx",
                      today: date | None = None, *, masked: bool = False,
                      training: bool = False, purpose: str = DEFAULT_PURPOSE) -> str:
    """``BNBA_Kedaton_2026-11-24.xlsx``: the list, the village and the date, with only
    characters every file system and USB stick accepts; ``_publik`` marks a masked list so that
    it is not mistaken for the full one, ``_pendataan`` a field-survey list; ``-LATIHAN`` a
    training village's file."""
    day = (today or today_local()).isoformat()
    marker = "pendataan" if purpose == "pendataan" else "publik" if (
        masked or purpose == "pengumuman") else ""
    parts = [export_kind(what).file_prefix, _file_safe(nama_desa), day, marker]
    name = "_".join(part for part in parts if part) + f".{fmt}"
    return marked_name(name) if training else name


def _file_safe(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "_", ascii_text).strip("_")[:40]
