"""Checks a file from a USB stick before any parser sees it: what it really is (whatever its
name says), zip bombs, XML entity bombs and sheets whose cells reach so far that a reader would
allocate gigabytes (python-calamine allocates rows × columns cells at once, and an out-of-memory
there aborts the whole process, so it must never be reached).

Everything here is bounded: sizes come from the zip directory and are enforced while inflating
(Python's zipfile stops at the declared size and verifies the CRC); XML prologs are read in a
bounded window; the one worksheet that will be read is streamed in pieces of a few MB (never
held whole) and each piece is scanned with a few linear searches. The reader later cuts the
sheet at exactly the same places (``sheet_pieces``), so every piece it reads was checked.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Final

from siksdesk.domain.cells import CellFlag
from siksdesk.domain.import_problems import ImportRejected, reject
from siksdesk.io.sheet_extent import MAX_CELLS as MAX_CELLS
from siksdesk.io.sheet_extent import MAX_COLUMNS as MAX_COLUMNS
from siksdesk.io.sheet_extent import MAX_ROWS as MAX_ROWS
from siksdesk.io.sheet_extent import Extent

MAX_FILE_BYTES: Final = 100 * 1024 * 1024
MAX_ENTRIES: Final = 5_000
MAX_TOTAL_INFLATED: Final = 1024 * 1024 * 1024
MAX_PART_INFLATED: Final = 600 * 1024 * 1024
MAX_RATIO: Final = 150  # inflated / compressed, for entries above RATIO_FLOOR
RATIO_FLOOR: Final = 1024 * 1024
PROLOG_WINDOW: Final = 64 * 1024
BLOCK_BYTES: Final = 4 * 1024 * 1024  # sheet XML per piece: about 1,000 rows of 100 columns
MAX_BLOCK_BYTES: Final = 64 * 1024 * 1024
READ_BYTES: Final = 1024 * 1024
MAX_HEAD_BYTES: Final = 8 * 1024 * 1024
SHARED_STRINGS: Final = "xl/sharedStrings.xml"

_OLE: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARK: Final = "EncryptedPackage".encode("utf-16-le")
_ZIP: Final = (b"PK\x03\x04", b"PK\x05\x06")
_CELL_REF: Final = rb'<c r="([A-Z]{1,3})([0-9]+)"'
_FORMULA_CELL: Final = re.compile(_CELL_REF + rb'[^>]*>(?:<f[^>]*/>|<f[^>]*>[^<]*</f>)'
                                  rb'(<v>[^<]+</v>)?')
_ERROR_CELL: Final = re.compile(_CELL_REF + rb'[^>]*\bt="e"')
_PREFIX: Final = re.compile(rb"<(/?)[A-Za-z_][\w.-]*:")
_MARK: Final = b'</row><row r="'
_LOOSE_CUT: Final = re.compile(rb'(</row>)\s*<row r="')
_MERGE: Final = re.compile(rb'<mergeCell ref="([A-Z]{1,3})([0-9]{1,7}):([A-Z]{1,3})([0-9]{1,7})"')


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
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError,
            zlib.error):  # zlib.error: a damaged deflate stream (a flipped byte)
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
    """What the streaming pass found: cells the reader must not trust ((row, column), 1-based),
    merged ranges (0-based, as python-calamine gives them), the last row number and the size of
    the pieces the reader must cut the sheet into (the same cuts were checked here)."""

    flags: dict[tuple[int, int], CellFlag] = field(default_factory=dict)
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    rows: int = 0
    block_bytes: int = BLOCK_BYTES


def block_size(archive: zipfile.ZipFile) -> int:
    """Bytes of sheet XML per piece. Each piece is read as its own small workbook, which parses
    the shared strings again: with a big string table the pieces grow so that this stays a
    small part of the work."""
    names = set(archive.namelist())
    strings = archive.getinfo(SHARED_STRINGS).file_size if SHARED_STRINGS in names else 0
    return min(max(BLOCK_BYTES, 8 * strings), MAX_BLOCK_BYTES)


def sheet_pieces(archive: zipfile.ZipFile, part: str, block_bytes: int
                 ) -> Iterator[tuple[str, bytes]]:
    """Inflate one worksheet with bounded memory and cut it into ("head", XML up to and
    including ``<sheetData>``), ("rows", whole rows) … and ("tail", the rest, in pieces). Rows
    are cut only where the next row states its number, so a piece never depends on the rows
    before it. A sheet written with namespace prefixes comes whole as one ("whole", xml)."""
    try:
        with archive.open(part) as stream:
            yield from _pieces(stream, block_bytes)
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, zlib.error):
        raise reject("FILE_DAMAGED") from None


def _pieces(stream: IO[bytes], block_bytes: int) -> Iterator[tuple[str, bytes]]:
    buf = bytearray()
    while (at := buf.find(b"<sheetData")) < 0 or buf.find(b">", at) < 0:
        piece = stream.read(READ_BYTES)
        if not piece or len(buf) > MAX_HEAD_BYTES:
            yield "whole", bytes(buf) + piece + stream.read()
            return
        buf += piece
    close = buf.find(b">", at)
    if buf[close - 1:close] == b"/":  # <sheetData/>: no rows at all
        yield "head", bytes(buf[:at]) + b"<sheetData>"
        yield "tail", bytes(buf[close + 1:])
        yield from _tail(stream)
        return
    yield "head", bytes(buf[:close + 1])
    buf = buf[close + 1:]
    searched = 0
    while True:
        start = max(searched - 12, 0)  # rfind first: twice as fast, and it is rarely there
        end = buf.find(b"</sheetData>", start) if buf.rfind(b"</sheetData>", start) >= 0 else -1
        searched = len(buf)
        limit = end if end >= 0 else len(buf)
        while limit > block_bytes and (cut := _cut(buf, block_bytes, limit)):
            # One copy of each part (slicing a bytearray copies twice, and after an in-place
            # ``del buf[:cut]`` every later ``+=`` copied the whole buffer).
            with memoryview(buf) as view:
                piece, buf = bytes(view[:cut]), bytearray(view[cut:])
            yield "rows", piece
            limit -= cut
            searched -= cut
        if end >= 0:
            if limit:
                yield "rows", bytes(buf[:limit])
            yield "tail", bytes(buf[limit + 12:])
            yield from _tail(stream)
            return
        piece = stream.read(READ_BYTES)
        if not piece:
            raise reject("FILE_DAMAGED")
        buf += piece


def _tail(stream: IO[bytes]) -> Iterator[tuple[str, bytes]]:
    while piece := stream.read(READ_BYTES):
        yield "tail", piece


def _cut(buf: bytearray, size: int, limit: int) -> int:
    """Just after a ``</row>`` followed by a numbered row, as near ``size`` as possible before
    ``limit`` (0: none)."""
    at = buf.rfind(_MARK, 0, min(size, limit))
    if at < 0:
        at = buf.find(_MARK, size, limit)
    if at >= 0:
        return at + 6
    ends = [m.end(1) for m in _LOOSE_CUT.finditer(buf, 0, limit)]  # pretty-printed XML: rare
    before = [end for end in ends if end <= size]
    return before[-1] if before else (ends[0] if ends else 0)


def scan_sheet(path: Path, part: str, sheet: str, *,
               progress: Callable[[int, int], None] | None = None) -> SheetScan:
    """One streaming pass over the worksheet, before any reader sees it: refuse cells that
    reach far (python-calamine would allocate rows × columns cells),
    DOCTYPE/ENTITY anywhere, find formulas without a stored value and Excel error cells
    (python-calamine shows both as empty text) and the merged ranges."""
    try:
        archive = zipfile.ZipFile(path)
        total = archive.getinfo(part).file_size
    except (zipfile.BadZipFile, OSError, EOFError, KeyError):
        raise reject("FILE_DAMAGED") from None
    guard = SheetGuard(sheet, total, block_size(archive))
    with archive:
        for kind, data in sheet_pieces(archive, part, guard.scan.block_bytes):
            guard.check(kind, data)
            if progress is not None:
                progress(min(guard.done, total), total)
    return guard.finish()


class SheetGuard:
    """``scan_sheet``'s checks one piece at a time, for a reader that hands each piece to
    python-calamine right after it passed (one inflation of the sheet instead of two).

    ``check`` raises at the same piece, with the same problem, as ``scan_sheet`` would;
    ``bounded`` tells whether the rows × columns seen so far still pass ``finish`` (they only
    grow, so a piece read while it holds cannot allocate beyond MAX_CELLS); ``finish`` (after
    the last piece) adds the merged ranges, which stand after the rows."""

    def __init__(self, sheet: str, total: int, block_bytes: int) -> None:
        self.scan = SheetScan(block_bytes=block_bytes)
        self.extent = Extent(sheet)
        self.total = total
        self.done = 0
        self._tail = bytearray()

    def check(self, kind: str, data: bytes) -> dict[tuple[int, int], CellFlag]:
        """Check one piece of ``sheet_pieces``; returns the cells it flags."""
        _refuse_entities(data)
        found: dict[tuple[int, int], CellFlag] = {}
        if kind == "whole":  # elements with a namespace prefix: checked without it
            data = _PREFIX.sub(rb"<\1", data)
            self._tail += data[max(data.rfind(b"</sheetData>"), 0):]
        if kind == "tail":
            self._tail += data
            _merges(self._tail, self.scan, final=False)
        elif kind != "head":
            self.extent.check(data)
            _flags(data, found)
            self.scan.flags.update(found)
        self.done += len(data)
        return found

    def bounded(self) -> bool:
        return self.extent.allowed()

    def finish(self) -> SheetScan:
        _merges(self._tail, self.scan, final=True)
        self.extent.finish()
        self.scan.rows = self.extent.rows
        return self.scan


def _refuse_entities(data: bytes) -> None:
    if b"!" in data and b"<!" in data:  # "!" alone is found 10x faster: "<" is everywhere
        upper = data.upper()
        if b"<!DOCTYPE" in upper or b"<!ENTITY" in upper:
            raise reject("FILE_XML_ENTITY")


def _flags(data: bytes, flags: dict[tuple[int, int], CellFlag]) -> None:
    if _has_formula_tag(data):
        for match in _FORMULA_CELL.finditer(data):
            if match.group(3) is None:
                flags[_position(match)] = CellFlag.FORMULA_NO_VALUE
    if data.rfind(b't="e"') >= 0:  # ``in``, but about twice as fast on sheet XML
        for match in _ERROR_CELL.finditer(data):
            flags[_position(match)] = CellFlag.EXCEL_ERROR


def _has_formula_tag(data: bytes) -> bool:
    """``b"<f" in data``, quicker: "<" is everywhere in XML but "f" is rare (memchr finds it),
    so look one byte before each "f"; with too many, search the rest plainly."""
    at = data.find(b"f", 1)
    for _ in range(1024):
        if at < 0:
            return False
        if data[at - 1] == 0x3C:  # "<"
            return True
        at = data.find(b"f", at + 1)
    return at >= 0 and data.rfind(b"<f", at - 1) >= 0


def _merges(tail: bytearray, scan: SheetScan, *, final: bool) -> None:
    """Collect ``<mergeCell ref="A1:B2"/>`` from the tail, keeping only an unfinished end."""
    keep = len(tail) if final else max(len(tail) - 256, 0)
    last = 0
    for match in _MERGE.finditer(tail, 0, keep):
        top, left = int(match.group(2)) - 1, column_number(match.group(1).decode()) - 1
        bottom, right = int(match.group(4)) - 1, column_number(match.group(3).decode()) - 1
        if left < MAX_COLUMNS and top < MAX_ROWS:  # the reader never sees cells beyond these
            scan.merged.append(((top, left), (min(bottom, MAX_ROWS), min(right, MAX_COLUMNS))))
        last = match.end()
    del tail[:len(tail) if final else max(last, keep - 256, 0)]


def _position(match: re.Match[bytes]) -> tuple[int, int]:
    return int(match.group(2)), column_number(match.group(1).decode("ascii"))


def column_number(letters: str) -> int:
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - 64
    return number
