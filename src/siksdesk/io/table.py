"""A table to export, independent of the file format: what the services produce and the
xlsx/CSV writers consume. Rows are produced lazily so 50,000 people never sit in memory twice.

A table whose rows read from a database session must be written while that session is open
(``services.exports.run_export`` does both in one place)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

Progress = Callable[[int, int], None]  # (rows written, rows in total; 0 = not known)
Cancelled = Callable[[], bool]


class ColumnKind(Enum):
    TEXT = "text"
    IDENTIFIER = "identifier"  # NIK / No. KK / IDBDT: always a text cell; maskable
    INTEGER = "integer"
    DECIMAL = "decimal"
    DATE = "date"  # a date cell shown dd-mm-yyyy
    DATETIME = "datetime"  # a date-and-time cell shown dd-mm-yyyy hh:mm


@dataclass(frozen=True, slots=True)
class ExportColumn:
    header: str
    kind: ColumnKind = ColumnKind.TEXT
    # True for NIK and No. KK: masked (352201********01) when the export is for public posting.
    personal_identifier: bool = False
    # A stable name for the column (the registry field key for the BNBA), independent of the
    # header's language: export purposes choose their columns by it. "" = none.
    key: str = ""


@dataclass(frozen=True, slots=True)
class ExportTable:
    title: str  # sheet name
    columns: tuple[ExportColumn, ...]
    rows: Iterable[Sequence[object]]  # one value per column; None = empty cell
    row_count: int | None = None  # for progress, when known in advance


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What a writer produced (never the file's contents)."""

    path: Path
    format: str  # "xlsx" | "csv"
    rows: int  # data rows, the header not counted
    columns: int
    masked: bool  # personal identifiers were masked
    size_bytes: int
    purpose: str = "lengkap"  # the export purpose (domain.export_purposes) it was written for


class ExportCancelled(Exception):
    """The operator cancelled; neither the target file nor a temporary file was left behind."""

    def __init__(self) -> None:
        super().__init__("export cancelled")


_MESSAGES: dict[str, tuple[str, str]] = {
    "EXPORT_FOLDER_MISSING": ("Folder {folder} tidak ada. Pilih folder lain.",
                              "The folder {folder} does not exist. Choose another folder."),
    "EXPORT_NOT_ALLOWED": (
        "File {file} tidak dapat ditulis: folder tidak boleh ditulisi atau file itu sedang "
        "dibuka di program lain (Excel?). Tutup file itu atau pilih tempat lain, lalu coba lagi.",
        "{file} cannot be written: the folder is read-only or the file is open in another "
        "program (Excel?). Close the file or choose another place, then try again."),
    "EXPORT_DISK_FULL": ("Ruang penyimpanan untuk {file} tidak cukup. Kosongkan ruang atau "
                         "pilih tempat lain.",
                         "Not enough space to write {file}. Free some space or choose "
                         "another place."),
    "EXPORT_WRITE_FAILED": ("File {file} tidak dapat ditulis ({reason}).",
                            "{file} could not be written ({reason})."),
    "EXPORT_UNKNOWN_FORMAT": ("Format file {file} tidak dikenal: pilih .xlsx atau .csv.",
                              "Unknown file format for {file}: choose .xlsx or .csv."),
    "EXPORT_PURPOSE_NOT_OFFERED": ("Keperluan {purpose} tidak tersedia untuk daftar {what}.",
                                   "The purpose {purpose} is not offered for the list {what}."),
    "EXPORT_NOT_AVAILABLE": ("Ekspor {what} belum tersedia di versi ini.",
                             "Exporting {what} is not available in this version yet."),
}


class ExportError(Exception):
    """An export that could not be written, with a message for the operator (Indonesian by
    default, English) naming the file. ``str()`` never carries personal data: only the code,
    the file name and the technical reason."""

    def __init__(self, code: str, **params: str) -> None:
        self.code = code
        self.params = params
        super().__init__(f"{code}: {self.message('en')}")

    def message(self, lang: str = "id") -> str:
        text_id, text_en = _MESSAGES[self.code]
        return (text_en if lang.lower().startswith("en") else text_id).format(**self.params)
