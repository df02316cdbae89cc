"""How a file written by the training village says so (one marking per format, in one place).

* File names (every format): ``-LATIHAN`` before the suffix (``BNBA_Kedaton_2026-11-24-LATIHAN
  .xlsx``) unless the name already says LATIHAN. CSV has no other place for it: a note row
  would break the district's tools, so the name is the marking.
* xlsx: the workbook properties (title, subject, keywords "LATIHAN", category), a first sheet
  "LATIHAN" that opens first and says what the file is (the BNBA importer skips a sheet without
  a header row, so the export → import round trip is unchanged), and on every sheet a red tab
  and a print header. ``is_training_workbook`` reads the keywords back (a real village refuses
  to import such a file).
* PDF: a diagonal watermark and a header line on every page, and the document's keywords
  (``io.pdf_layout.VillagePdf(training=True)``).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any, Final

from defusedxml import ElementTree  # type: ignore[import-untyped]

__all__ = [
    "KEYWORD", "MARK", "NOTE_EN", "NOTE_ID", "PDF_HEADER", "PDF_WATERMARK", "SHEET_TITLE",
    "TAB_COLOUR", "add_marker_sheet", "is_marked_name", "is_training_workbook",
    "mark_sheet", "mark_workbook", "marked_name", "marked_path",
]  # fmt: skip

MARK: Final = "LATIHAN"
KEYWORD: Final = "LATIHAN"
SHEET_TITLE: Final = "LATIHAN"
TAB_COLOUR: Final = "FFC00000"
NOTE_ID: Final = ("MODE LATIHAN — data contoh, bukan data sebenarnya. Berkas ini dibuat oleh "
                  "desa latihan dan tidak dapat dikirim ke Dinas Sosial yang sebenarnya.")
NOTE_EN: Final = ("TRAINING MODE — practice data, not real households. This file was written "
                  "by the training village and cannot be sent to the real district office.")
PRINT_HEADER: Final = "LATIHAN — data contoh, bukan data sebenarnya"
PDF_HEADER: Final = "MODE LATIHAN — data contoh, bukan data sebenarnya"
PDF_WATERMARK: Final = "LATIHAN"
_MARKED: Final = re.compile(MARK, re.IGNORECASE)
_CORE: Final = "docProps/core.xml"
_CORE_LIMIT: Final = 64 * 1024


# --- names ---------------------------------------------------------------------------------

def is_marked_name(name: str) -> bool:
    return bool(_MARKED.search(Path(name).stem))


def marked_name(name: str) -> str:
    """``name`` with ``-LATIHAN`` before its suffix (unchanged when already marked)."""
    if is_marked_name(name):
        return name
    path = Path(name)
    return f"{path.stem}-{MARK}{path.suffix}"


def marked_path(path: Path) -> Path:
    return path.with_name(marked_name(path.name))


# --- xlsx ----------------------------------------------------------------------------------

def mark_workbook(workbook: Any, *, title: str) -> None:
    """The workbook's document properties (File → Info in Excel, the file manager's tooltip)."""
    properties = workbook.properties
    properties.title = f"{MARK} — {title}" if title else MARK
    properties.subject = NOTE_ID
    properties.keywords = KEYWORD
    properties.category = MARK
    properties.description = NOTE_EN


def mark_sheet(sheet: Any) -> None:
    """A red tab and a print header on every printed page (normal or write-only sheets)."""
    sheet.sheet_properties.tabColor = TAB_COLOUR
    for header in (sheet.oddHeader, sheet.evenHeader, sheet.firstHeader):
        header.center.text = PRINT_HEADER
        header.center.font = "Arial,Bold"
        header.center.size = 12
        header.center.color = TAB_COLOUR[2:]


def add_marker_sheet(workbook: Any, *, index: int = 0) -> Any:
    """The sheet "LATIHAN" at ``index`` (first: Excel opens it), saying what the file is.
    Write-only and normal workbooks alike; returns the sheet."""
    sheet = workbook.create_sheet(SHEET_TITLE, index)
    mark_sheet(sheet)
    lines = (PDF_HEADER, NOTE_ID, NOTE_EN)
    if getattr(workbook, "write_only", False):
        for line in lines:
            sheet.append([line])
    else:
        for row, line in enumerate(lines, 1):
            sheet.cell(row=row, column=1, value=line)
    sheet.column_dimensions["A"].width = 110
    return sheet


def is_training_workbook(path: Path) -> bool:
    """Whether ``path`` is an .xlsx file written by a training village (its keywords say
    LATIHAN). Anything unreadable is not: the importer's own checks report it."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(_CORE)
            if info.file_size > _CORE_LIMIT:
                return False
            root = ElementTree.fromstring(archive.read(info))
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError, ValueError):
        return False
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] == "keywords" and element.text:
            return KEYWORD in element.text.upper().split()
    return False
