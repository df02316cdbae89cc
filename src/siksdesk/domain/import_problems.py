"""What can be wrong with a file from the district, in words a village operator understands.

Codes are stable English identifiers (``FILE_`` for the file as a whole, ``CELL_`` and ``ROW_``
for one row). Every message can be prefixed with where the problem is: file, sheet, row and
column. Parameters never hold a NIK, a No. KK or a name: at most a code value, a column header or
a count. NIK/No. KK cleaning problems reuse the identifier catalogue (``domain.problems``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from siksdesk.domain.problems import PROBLEM_CODES, message_for


class Level(StrEnum):
    ERROR = "error"  # the row (or the file) is not imported
    WARNING = "warning"  # imported, but the operator should look


_SAVE_XLSX_ID = "Buka berkas itu di Excel lalu simpan sebagai “Buku Kerja Excel (.xlsx)”."
_SAVE_XLSX_EN = "Open it in Excel and save it as “Excel Workbook (.xlsx)”."

_CATALOGUE: Final[dict[str, tuple[Level, str, str]]] = {
    "FILE_NOT_FOUND": (Level.ERROR, "Berkas tidak ditemukan atau tidak bisa dibuka.",
                       "The file cannot be found or opened."),
    "FILE_EMPTY": (Level.ERROR, "Berkas kosong.", "The file is empty."),
    "FILE_TOO_LARGE": (
        Level.ERROR, "Berkas terlalu besar ({size_mb} MB; batas {limit_mb} MB).",
        "The file is too large ({size_mb} MB; limit {limit_mb} MB)."),
    "FILE_XLS": (
        Level.ERROR, "Ini berkas Excel lama (.xls), bukan .xlsx. " + _SAVE_XLSX_ID,
        "This is an old Excel file (.xls), not .xlsx. " + _SAVE_XLSX_EN),
    "FILE_XLSB": (
        Level.ERROR, "Ini berkas Excel biner (.xlsb), bukan .xlsx. " + _SAVE_XLSX_ID,
        "This is a binary Excel file (.xlsb), not .xlsx. " + _SAVE_XLSX_EN),
    "FILE_ENCRYPTED": (
        Level.ERROR, "Berkas ini dilindungi kata sandi. Buka di Excel dengan kata sandinya, "
        "hapus kata sandi (Berkas → Info → Lindungi Buku Kerja), simpan, lalu coba lagi.",
        "This file is password-protected. Open it in Excel with its password, remove the "
        "password (File → Info → Protect Workbook), save it and try again."),
    "FILE_HTML": (
        Level.ERROR, "Ini halaman web (HTML) yang diberi nama .xlsx, bukan berkas Excel. "
        + _SAVE_XLSX_ID,
        "This is a web page (HTML) named .xlsx, not an Excel file. " + _SAVE_XLSX_EN),
    "FILE_CSV_RENAMED": (
        Level.ERROR, "Isi berkas ini teks CSV, padahal namanya berakhiran .{ext}. Ganti "
        "akhiran namanya menjadi .csv, atau simpan sebagai .xlsx di Excel.",
        "This file holds CSV text although its name ends in .{ext}. Rename it to .csv, or save "
        "it as .xlsx in Excel."),
    "FILE_UNKNOWN_FORMAT": (
        Level.ERROR, "Berkas ini bukan berkas Excel (.xlsx) atau CSV yang bisa dibaca. "
        + _SAVE_XLSX_ID,
        "This file is not a readable Excel (.xlsx) or CSV file. " + _SAVE_XLSX_EN),
    "FILE_DAMAGED": (
        Level.ERROR, "Berkas rusak atau tidak lengkap (mungkin salinan dari flashdisk terputus). "
        "Minta kiriman berkas yang baru.",
        "The file is damaged or incomplete (perhaps an interrupted copy from a USB stick). Ask "
        "for a fresh copy."),
    "FILE_ZIP_BOMB": (
        Level.ERROR, "Berkas ditolak: isinya jauh lebih besar daripada ukuran berkasnya "
        "(kemungkinan berkas jebakan). Minta kiriman berkas yang baru.",
        "File refused: its content is far larger than the file itself (probably a booby-trapped "
        "file). Ask for a fresh copy."),
    "FILE_XML_ENTITY": (
        Level.ERROR, "Berkas ditolak: berisi definisi XML yang tidak dipakai Excel (kemungkinan "
        "berkas jebakan). Minta kiriman berkas yang baru.",
        "File refused: it holds XML definitions Excel never writes (probably a booby-trapped "
        "file). Ask for a fresh copy."),
    "FILE_SHEET_TOO_BIG": (
        Level.ERROR, "Lembar “{sheet}” terlalu besar: ada isian sampai baris {rows} kolom "
        "{columns}. Hapus isian di luar tabel data, simpan, lalu coba lagi.",
        "Sheet “{sheet}” is too large: it has content up to row {rows}, column {columns}. Delete "
        "what lies outside the data table, save and try again."),
    "FILE_TRAINING_DATA": (
        Level.ERROR, "Berkas ini dibuat oleh desa latihan (data contoh, bertanda LATIHAN) dan "
        "tidak dapat diimpor ke desa yang sebenarnya. Minta daftar yang sebenarnya dari Dinas.",
        "This file was written by the training village (practice data, marked LATIHAN) and "
        "cannot be imported into a real village. Ask the district for the real list."),
    "FILE_NO_SHEET": (
        Level.ERROR, "Tidak ada lembar kerja yang terlihat di berkas ini.",
        "The file has no visible worksheet."),
    "FILE_NO_HEADER": (
        Level.ERROR, "Baris judul kolom tidak ditemukan di {rows} baris pertama lembar "
        "“{sheet}”. Baris judul harus memuat kolom seperti NIK, Nama, dan IDBDT atau No. KK.",
        "No header row found in the first {rows} rows of sheet “{sheet}”. The header row must "
        "hold columns such as NIK, Nama, and IDBDT or No. KK."),
    "FILE_MISSING_COLUMNS": (
        Level.ERROR, "Kolom wajib tidak ada: {columns}.",
        "Required columns are missing: {columns}."),
    "FILE_DUPLICATE_COLUMN": (
        Level.ERROR, "Kolom “{header}” muncul lebih dari sekali di baris judul.",
        "Column “{header}” appears more than once in the header row."),
    "FILE_NO_ROWS": (Level.ERROR, "Lembar “{sheet}” tidak berisi baris data.",
                     "Sheet “{sheet}” holds no data rows."),
    "FILE_TOO_MANY_ROWS": (
        Level.ERROR, "Lembar berisi {rows} baris; batasnya {limit} baris untuk satu desa.",
        "The sheet has {rows} rows; the limit for one village is {limit}."),
    "FILE_HIDDEN_SHEETS": (
        Level.WARNING, "Lembar tersembunyi diabaikan: {sheets}.",
        "Hidden sheets were ignored: {sheets}."),
    "FILE_EXTERNAL_LINKS": (
        Level.WARNING, "Berkas berisi tautan ke berkas lain; tautan itu tidak dibuka, yang "
        "dipakai hanya nilai yang tersimpan.",
        "The file links to other files; those links are not followed, only the stored values "
        "are used."),
    "FILE_STALE": (
        Level.ERROR, "Data di aplikasi berubah sejak pratinjau dibuat. Buat pratinjau lagi.",
        "The data changed since the preview was made. Make the preview again."),
    "FILE_OTHER_VILLAGE": (
        Level.ERROR, "Tidak ada baris untuk desa ini (kode wilayah di berkas: {code}).",
        "No row belongs to this village (region code in the file: {code})."),
    "IMPORT_CANCELLED": (
        Level.ERROR, "Impor dibatalkan; data tidak diubah.",
        "Import cancelled; nothing was changed."),
    # --- one cell ---
    "CELL_FORMULA_NO_VALUE": (
        Level.ERROR, "Sel berisi rumus yang belum dihitung (tidak ada nilai tersimpan). Buka "
        "berkas di Excel, simpan, lalu coba lagi.",
        "The cell holds a formula without a stored value. Open the file in Excel, save it and "
        "try again."),
    "CELL_EXCEL_ERROR": (
        Level.ERROR, "Sel berisi kesalahan Excel (misalnya #N/A), bukan nilai.",
        "The cell holds an Excel error (such as #N/A), not a value."),
    "CELL_MERGED": (
        Level.ERROR, "Sel ini bagian dari sel gabungan (merge); nilainya hanya ada di sel "
        "pertama. Pisahkan gabungan sel di Excel dan isi setiap baris.",
        "The cell is part of merged cells; only the first cell holds the value. Unmerge the "
        "cells in Excel and fill every row."),
    "CELL_NUMBER_DAMAGED": (
        Level.WARNING, "Rusak oleh Excel: nomor ini tersimpan sebagai angka, bukan teks, jadi "
        "digit terakhirnya mungkin sudah berubah. Nomor ditandai; cocokkan dengan KTP/KK asli.",
        "Damaged by Excel: this number was stored as a number, not text, so its last digit may "
        "have changed. The number is flagged; compare it with the ID or family card."),
    "CELL_NUMBER_KEPT": (
        Level.WARNING, "Rusak oleh Excel: nomor di berkas tersimpan sebagai angka; nomor yang "
        "sudah ada di aplikasi dipertahankan.",
        "Damaged by Excel: the number in the file was stored as a number; the number already in "
        "the application is kept."),
    "CELL_IDENTIFIER": (Level.ERROR, "{detail}", "{detail}"),
    "CELL_BAD_CODE": (
        Level.ERROR, "Kode {value} tidak ada untuk “{variable}”. Kode yang boleh: {allowed}.",
        "Code {value} does not exist for “{variable}”. Allowed codes: {allowed}."),
    "CELL_BAD_NUMBER": (
        Level.ERROR, "Isi sel bukan angka yang bisa dipakai untuk “{variable}”.",
        "The cell is not a usable number for “{variable}”."),
    "CELL_OUT_OF_RANGE": (
        Level.ERROR, "Nilai {value} di luar batas untuk “{variable}” ({minimum}–{maximum}).",
        "Value {value} is out of range for “{variable}” ({minimum}–{maximum})."),
    "CELL_NON_ASCII_DIGIT": (
        Level.ERROR, "Sel berisi angka dari huruf lain (angka lebar penuh atau angka Arab). "
        "Ketik ulang dengan angka biasa 0–9.",
        "The cell holds digits from another script (full-width or Arabic). Type them again "
        "with plain digits 0–9."),
    "CELL_BAD_DATE": (
        Level.ERROR, "Isi sel bukan tanggal yang bisa dibaca. Tulis seperti 17-08-1945 atau "
        "17 Agustus 1945.",
        "The cell is not a readable date. Write it like 17-08-1945 or 17 Agustus 1945."),
    "CELL_DATE_MONTH_FIRST": (
        Level.WARNING, "Tanggal ditulis bulan lebih dulu (bulan/tanggal/tahun); dibaca sebagai "
        "{date}. Mohon periksa.",
        "The date is written month first (month/day/year); read as {date}. Please check."),
    "CELL_TOO_LONG": (
        Level.ERROR, "Isi sel terlalu panjang ({length} karakter; batas {limit}).",
        "The cell is too long ({length} characters; limit {limit})."),
    "CELL_REQUIRED": (Level.ERROR, "Sel ini wajib diisi.", "This cell must be filled in."),
    "CELL_BAD_REGION": (
        Level.ERROR, "Kode wilayah tidak bisa dibaca.", "The region code cannot be read."),
    # --- one row ---
    "ROW_OTHER_VILLAGE": (
        Level.ERROR, "Baris ini milik wilayah lain (kode {code}), bukan desa ini.",
        "This row belongs to another area (code {code}), not to this village."),
    "ROW_DUPLICATE_PERSON": (
        Level.ERROR, "Orang yang sama sudah ada di baris {first} berkas ini (NIK/ID sama).",
        "The same person is already in row {first} of this file (same NIK/ID)."),
    "ROW_NO_HOUSEHOLD": (
        Level.ERROR, "Baris tidak punya IDBDT maupun No. KK, jadi rumah tangganya tidak "
        "diketahui.",
        "The row has neither IDBDT nor No. KK, so its household is unknown."),
    "ROW_HOUSEHOLD_DIFFERS": (
        Level.WARNING, "Isian rumah tangga di baris ini berbeda dengan baris {first}; yang "
        "dipakai baris {first}.",
        "Household answers in this row differ from row {first}; row {first} is used."),
    "ROW_SAME_HOUSEHOLD_TWICE": (
        Level.ERROR, "Baris ini menunjuk rumah tangga yang sama dengan baris {first}, tetapi "
        "dengan IDBDT lain. Jika rumah tangga itu dipecah, pecah dulu lewat editor rumah "
        "tangga; jika tidak, samakan IDBDT kedua baris. Lalu impor lagi.",
        "This row points to the same household as row {first}, but with another IDBDT. If the "
        "household was split, split it in the household editor first; otherwise give both "
        "rows the same IDBDT. Then import again."),
    "ROW_MOVES_FAMILY": (
        Level.ERROR, "Anggota ini di aplikasi tercatat di keluarga atau rumah tangga lain. "
        "Pindahkan lewat editor rumah tangga.",
        "In the application this member belongs to another family or household. Move them in "
        "the household editor."),
    "ROW_LOCAL_EDIT": (
        Level.WARNING, "Rumah tangga ini punya perubahan lokal yang belum dikirim; baris ini "
        "tidak diterapkan supaya perubahan itu tidak tertimpa.",
        "This household has local changes that were not sent yet; the row is not applied so "
        "that those changes are not overwritten."),
}

IMPORT_CODES: Final = frozenset(_CATALOGUE)

_WHERE: Final = {
    "id": {"file": "Berkas {file}", "sheet": "lembar “{sheet}”", "row": "baris {row}",
           "column": "kolom {column} ({header})"},
    "en": {"file": "File {file}", "sheet": "sheet “{sheet}”", "row": "row {row}",
           "column": "column {column} ({header})"},
}


class _Params(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "?"


@dataclass(frozen=True, slots=True)
class Location:
    file: str = ""
    sheet: str = ""
    row: int | None = None  # 1-based, as Excel shows it
    column: int | None = None  # 1-based
    header: str = ""

    def text(self, lang: str = "id") -> str:
        words = _WHERE["en" if lang == "en" else "id"]
        parts = []
        if self.file:
            parts.append(words["file"].format(file=self.file))
        if self.sheet:
            parts.append(words["sheet"].format(sheet=self.sheet))
        if self.row is not None:
            parts.append(words["row"].format(row=self.row))
        if self.column is not None:
            parts.append(words["column"].format(column=column_letter(self.column),
                                                header=self.header or "?"))
        return ", ".join(parts)


def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA (Excel's column names)."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True, slots=True)
class ImportProblem:
    code: str
    params: tuple[tuple[str, object], ...] = ()
    where: Location = Location()

    @property
    def level(self) -> Level:
        return _CATALOGUE[self.code][0]

    def detail(self, lang: str = "id") -> str:
        entry = _CATALOGUE[self.code]
        values = _Params(self.params)
        if "identifier_code" in values:  # a NIK/No. KK cleaning problem: its own message
            ident = dict(self.params)
            extra = {k: v for k, v in ident.items() if k not in ("identifier_code",)}
            values["detail"] = message_for(str(ident["identifier_code"]), lang, **extra)
        return entry[2 if lang == "en" else 1].format_map(values)

    def message(self, lang: str = "id") -> str:
        where = self.where.text(lang)
        return f"{where}: {self.detail(lang)}" if where else self.detail(lang)

    def at(self, where: Location) -> ImportProblem:
        return ImportProblem(self.code, self.params, where)


def problem(code: str, /, **params: object) -> ImportProblem:
    if code not in _CATALOGUE:
        raise KeyError(code)
    return ImportProblem(code, tuple(params.items()))


def identifier_problem(identifier_code: str, params: tuple[tuple[str, object], ...]
                       ) -> ImportProblem:
    """Wrap a NIK/No. KK problem of ``domain.problems`` (e.g. NUM_SCIENTIFIC)."""
    assert identifier_code in PROBLEM_CODES
    return ImportProblem("CELL_IDENTIFIER", (("identifier_code", identifier_code), *params))


class ImportRejected(Exception):
    """The file cannot be imported at all. ``str()`` is the Indonesian message (no NIK, no name:
    only file, sheet, row, column and codes)."""

    def __init__(self, found: ImportProblem) -> None:
        super().__init__(found.message("id"))
        self.problem = found

    @property
    def code(self) -> str:
        return self.problem.code

    def message(self, lang: str = "id") -> str:
        return self.problem.message(lang)


def reject(code: str, where: Location | None = None, /, **params: object) -> ImportRejected:
    found = problem(code, **params)
    return ImportRejected(found.at(where) if where is not None else found)
