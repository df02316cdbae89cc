"""What one read of a district invalid-NIK list yields: its rows with the usable matching keys,
what the district reported, and every cell problem with its row and column."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TypeGuard

from siksdesk.domain.nik import mask_nik
from siksdesk.domain.nik_issues import ListKeys, issue_text

__all__ = ["CellNote", "ImportCancelled", "ListRow", "NikList", "NikListRejected"]

_LONG_DIGITS = re.compile(r"[0-9]{10,}", re.ASCII)


@dataclass(frozen=True, slots=True)
class CellNote:
    """A problem of one row (``column`` empty when it concerns the whole row). The texts are
    rendered when read (they may come from the workbook layer's own catalogue)."""

    code: str
    column: str
    text_id: str
    text_en: str
    rejects_row: bool = False

    def message(self, lang: str = "id") -> str:
        return self.text_en if lang == "en" else self.text_id

    @classmethod
    def of(cls, code: str, column: str = "", *, rejects_row: bool = False,
           **params: object) -> CellNote:
        """A note from the worklist catalogue; a parameter given as a pair of texts is
        (Indonesian, English)."""
        texts = [issue_text(code, lang, column=column, **{
            key: (value[index] if _is_pair(value) else value) for key, value in params.items()})
            for index, lang in enumerate(("id", "en"))]
        return cls(code, column, texts[0], texts[1], rejects_row)


def _is_pair(value: object) -> TypeGuard[tuple[str, str]]:
    return isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, str) for v in value)


@dataclass(frozen=True, slots=True, repr=False)
class ListRow:
    source_row: int  # 1-based Excel row number
    keys: ListKeys  # what matching may use (a damaged NIK is left out)
    reported_nik: str  # as reported: the digits, or the cell's text when unreadable
    reported_name: str
    reported_birth_date: date | None
    reported_idbdt: str
    note: str  # the district's KETERANGAN / STATUS / ALASAN, joined
    notes: tuple[CellNote, ...] = ()

    def __repr__(self) -> str:  # personal data stays out of logs
        return f"ListRow(row={self.source_row}, notes={[n.code for n in self.notes]})"

    @property
    def rejected(self) -> bool:
        return any(n.rejects_row for n in self.notes)

    @property
    def nik_masked(self) -> str:
        """Every run of 10+ digits masked ("3.52201E+15" holds no full NIK: shown as is)."""
        return _LONG_DIGITS.sub(lambda m: mask_nik(m.group()), self.reported_nik)


@dataclass(frozen=True, slots=True)
class NikList:
    file_name: str
    sheet: str
    header_row: int
    sha256: str
    rows: tuple[ListRow, ...]
    columns: dict[str, str] = field(default_factory=dict)  # target key -> header in the file


class NikListRejected(Exception):
    """The file as a whole cannot be used; nothing was written. ``message(lang)`` names the
    file and sheet; ``str()`` carries only the code (no personal data)."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def message(self, lang: str = "id") -> str:
        return issue_text(self.code, lang, **self.params)


class ImportCancelled(Exception):
    """The operator cancelled; nothing was written (a transaction, if any, was rolled back)."""
