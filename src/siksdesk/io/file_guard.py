"""Checks a file from a USB stick before any parser sees it: what it really is (whatever its
name says), zip bombs, XML entity bombs and sheets whose cells reach so far that a reader would
allocate gigabytes (python-calamine allocates rows × columns cells at once, and an out-of-memory
there aborts the whole process, so it must never be reached).

Everything here is bounded: sizes come from the zip directory and are enforced while inflating
(Python's zipfile stops at the declared size and verifies the CRC); XML prologs are read in a
bounded window; the one worksheet that will be read is inflated once and scanned with a few
linear searches.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from siksdesk.domain.cells import CellFlag
from siksdesk.domain.import_problems import ImportRejected, reject

MAX_FILE_BYTES: Final = 100 * 1024 * 1024
MAX_ENTRIES: Final = 5_000
MAX_TOTAL_INFLATED: Final = 1024 * 1024 * 1024
MAX_PART_INFLATED: Final = 600 * 1024 * 1024
MAX_RATIO: Final = 150  # inflated / compressed, for entries above RATIO_FLOOR
RATIO_FLOOR: Final = 1024 * 1024
PROLOG_WINDOW: Final = 64 * 1024
MAX_ROWS: Final = 120_000
MAX_COLUMNS: Final = 130  # column DZ; the widest layout has about 100 columns
MAX_CELLS: Final = 8_000_000  # rows × columns, about 260 MB inside the reader

_OLE: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARK: Final = "EncryptedPackage".encode("utf-16-le")
_ZIP: Final = (b"PK\x03\x04", b"PK\x05\x06")
_ROW_TAG: Final = re.compile(rb'<row r="([0-9]+)"')
_CELL_REF: Final = rb'<c r="([A-Z]{1,3})([0-9]+)"'
_FORMULA_CELL: Final = re.compile(_CELL_REF + rb'[^>]*>(?:<f[^>]*/>|<f[^>]*>[^<]*</f>)'
                                  rb'(<v>[^<]+</v>)?')
_ERROR_CELL: Final = re.compile(_CELL_REF + rb'[^>]*\bt="e"')


class FileKind:
    XLSX = "xlsx"
    CSV = "csv"


def sniff(path: Path) -> str:
    """"xlsx" or "csv" by content; anything else is refused with the reason."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(PROLOG_WINDOW)
    except OSError:
        raise reject("FILE_NOT_FOUND") from None
    if size == 0 or not head.strip():
        raise reject("FILE_EMPTY")
    if size > MAX_FILE_BYTES:
        raise reject("FILE_TOO_LARGE", size_mb=size // 2**20, limit_mb=MAX_FILE_BYTES // 2**20)
    if head.startswith(_ZIP):
        return FileKind.XLSX
    if head.startswith(_OLE):
        raise reject("FILE_ENCRYPTED" if _is_encrypted(path) else "FILE_XLS")
    text_head = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text_head.startswith(b"<"):
        markup = b"<html" in text_head or b"<table" in text_head or b"<!doctype html" in text_head
        raise reject("FILE_HTML" if markup else "FILE_UNKNOWN_FORMAT")
    if b"\x00" in head:
        raise reject("FILE_UNKNOWN_FORMAT")
    ext = path.suffix.lower().lstrip(".")
    if ext in ("csv", "txt"):
        return FileKind.CSV
    raise reject("FILE_CSV_RENAMED", ext=ext or "?")


def _is_encrypted(path: Path) -> bool:
    """An encrypted .xlsx is an OLE container holding an "EncryptedPackage" stream; the name
    sits in the directory sectors, near the start in every file Excel writes."""
    with path.open("rb") as handle:
        return _ENCRYPTED_MARK in handle.read(4 * 1024 * 1024)


@dataclass(frozen=True, slots=True)
class ZipFacts:
    names: frozenset[str]
    external_links: bool


def check_zip(path: Path) -> ZipFacts:
    """The container: a readable zip of an .xlsx (not .xlsb, not another Office file), with
    sizes and ratios a real workbook has, and XML parts without DOCTYPE/ENTITY."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = frozenset(info.filename for info in infos)
            if "xl/workbook.bin" in names:
                raise reject("FILE_XLSB")
            if "xl/workbook.xml" not in names:
                raise reject("FILE_UNKNOWN_FORMAT")
            _check_sizes(infos)
            for info in infos:
                if info.filename.endswith((".xml", ".rels", ".vml")):
                    _check_prolog(archive, info)
    except ImportRejected:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError):
        raise reject("FILE_DAMAGED") from None
    external = any(n.startswith("xl/externalLinks/") for n in names)
    return ZipFacts(names, external)


def _check_sizes(infos: Iterable[zipfile.ZipInfo]) -> None:
    total = 0
    for count, info in enumerate(infos, start=1):
        if count > MAX_ENTRIES:
            raise reject("FILE_ZIP_BOMB")
        total += info.file_size
        too_big = info.file_size > MAX_PART_INFLATED or total > MAX_TOTAL_INFLATED
        ratio = info.file_size / max(info.compress_size, 1)
        if too_big or (info.file_size > RATIO_FLOOR and ratio > MAX_RATIO):
            raise reject("FILE_ZIP_BOMB")


def _check_prolog(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """A DOCTYPE can only stand before the root element, so the first window decides."""
    with archive.open(info) as part:
        head = part.read(PROLOG_WINDOW)
    upper = head.upper()
    if b"<!DOCTYPE" in upper or b"<!ENTITY" in upper:
        raise reject("FILE_XML_ENTITY")


@dataclass(slots=True)
class SheetScan:
    """Cells the reader must not trust: (row, column), 1-based."""

    flags: dict[tuple[int, int], CellFlag] = field(default_factory=dict)


def scan_sheet(path: Path, part: str, sheet: str) -> SheetScan:
    """Inflate the worksheet once: refuse far-reaching cells, find formulas without a stored
    value and Excel error cells (python-calamine shows both as empty text)."""
    try:
        with zipfile.ZipFile(path) as archive:
            data = archive.read(part)
    except (zipfile.BadZipFile, OSError, EOFError, KeyError):
        raise reject("FILE_DAMAGED") from None
    _check_extent(data, sheet)
    scan = SheetScan()
    if b"<f" in data:
        for match in _FORMULA_CELL.finditer(data):
            if match.group(3) is None:
                scan.flags[_position(match)] = CellFlag.FORMULA_NO_VALUE
    if b't="e"' in data:
        for match in _ERROR_CELL.finditer(data):
            scan.flags[_position(match)] = CellFlag.EXCEL_ERROR
    return scan


def _check_extent(data: bytes, sheet: str) -> None:
    rows = max((int(m) for m in _ROW_TAG.findall(data)), default=0)
    if rows > MAX_ROWS:
        raise reject("FILE_SHEET_TOO_BIG", sheet=sheet, rows=rows, columns="?")
    # One pass over the cell references: a column beyond DZ, or a cell naming a row beyond
    # the last row tag (a cell may carry its own row number).
    far = re.compile(rb'<c r="(?:[A-Z]{3}|[E-Z][A-Z][0-9]|[A-Z]{1,2}'
                     + _greater_than(rows) + rb'")')
    if far.search(data) is not None:
        raise reject("FILE_SHEET_TOO_BIG", sheet=sheet, rows=f">={rows}", columns="?")
    allowed = MAX_CELLS // max(rows, 1)
    if allowed < MAX_COLUMNS:  # long sheets must also be narrower (BZ = 78, AZ = 52 columns)
        first, shown = (b"C", ">BZ") if allowed >= 78 else (b"B", ">AZ")
        if re.search(rb'<c r="[' + first + rb'-Z][A-Z][0-9]', data):
            raise reject("FILE_SHEET_TOO_BIG", sheet=sheet, rows=rows, columns=shown)


def _greater_than(number: int) -> bytes:
    """A regular expression for the decimal numbers greater than ``number`` (no leading 0)."""
    digits = str(number)
    options = [rb"[1-9][0-9]{%d,}" % len(digits)]
    for at, char in enumerate(digits):
        if char != "9":
            options.append(digits[:at].encode() + b"[%d-9]" % (int(char) + 1)
                           + rb"[0-9]{%d}" % (len(digits) - at - 1))
    return b"(?:" + b"|".join(options) + b")"


def _position(match: re.Match[bytes]) -> tuple[int, int]:
    return int(match.group(2)), column_number(match.group(1).decode("ascii"))


def column_number(letters: str) -> int:
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - 64
    return number
