"""Test data for the invalid-NIK list (db, ui and cli tests): a tiny village with known keys,
and the district's list written as a real .xlsx by openpyxl."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy.orm import Session, sessionmaker

from siksdesk.db.session import unit_of_work
from siksdesk.models import Art, Keluarga, Ruta

HEADERS = ("NO", "ID_BDT", "IDARTBDT", "NIK", "NAMA_ART", "TGL_LAHIR", "JENIS KELAMIN", "NO_KK",
           "KETERANGAN")

# name -> (household no., IDBDT, IDARTBDT, NIK, birth date, sex)
PEOPLE: dict[str, tuple[int, str, str | None, str, date, int]] = {
    "Sutrisno": (1, "BDT-1", "ART-11", "3522011705800001", date(1980, 5, 17), 1),
    "Siti Aminah": (1, "BDT-1", "ART-12", "3522015705850002", date(1985, 5, 17), 2),
    "Budi Santoso": (2, "BDT-2", "ART-21", "3522010101100003", date(2010, 1, 1), 1),
    "Joko Susilo": (3, "BDT-3", None, "3522010202900004", date(1990, 2, 2), 1),
    "Joko  Susilo": (4, "BDT-4", None, "3522010202900005", date(1990, 2, 2), 1),
    "Wati Lestari": (5, "BDT-5", "ART-51", "3522014303700006", date(1970, 3, 3), 2),
}
KK_BY_HOUSEHOLD = {no: f"352201{no:010d}" for no in range(1, 6)}


@dataclass(frozen=True)
class Person:
    art_id: int
    ruta_id: int
    nik: str


def add_village(factory: sessionmaker[Session]) -> dict[str, Person]:
    """The people above, one family per household. Returns name -> ids."""
    households: dict[int, Ruta] = {}
    arts: dict[str, Art] = {}
    with unit_of_work(factory, "tester") as session:
        for name, (no, idbdt, idartbdt, nik, birth, sex) in PEOPLE.items():
            ruta = households.get(no)
            if ruta is None:
                ruta = households[no] = Ruta(no_urut=no, idbdt=idbdt, alamat=f"Dsn. Krajan {no}")
                ruta.keluarga.append(Keluarga(no_urut=1, no_kk=KK_BY_HOUSEHOLD[no]))
                session.add(ruta)
            family = ruta.keluarga[0]
            art = Art(no_urut=len(family.anggota) + 1, nama=name, nik=nik, idartbdt=idartbdt,
                      tanggal_lahir=birth, jenis_kelamin=sex,
                      hubungan_krt=1 if not family.anggota else 2)
            family.anggota.append(art)
            arts[name] = art
        session.flush()
        from siksdesk.services.derived import rebuild_all

        rebuild_all(session)
        return {name: Person(art.id, art.keluarga.ruta_id, art.nik or "")
                for name, art in arts.items()}


# The district's list: one row of each kind the import must handle.
LIST_ROWS: list[Sequence[object]] = [
    # matched by NIK (a text cell)
    (1, "BDT-1", "ART-11", "3522011705800001", "SUTRISNO", "17-05-1980", "L",
     KK_BY_HOUSEHOLD[1], "NIK tidak padan"),
    # NIK in a numeric cell (damaged by Excel): matched by IDARTBDT instead
    (2, "BDT-1", "ART-12", 3522015705850002.0, "Siti Aminah", "17/05/1985", "P", None,
     "Tidak padan Dukcapil"),
    # scientific notation as text: matched by IDBDT + name
    (3, "BDT-2", None, "3.52201E+15", "Budi Santoso", None, "L", None, "NIK tidak valid"),
    # nobody in the village
    (4, "BDT-9", None, "3171010101010001", "Orang Lain", "01-01-1961", "L", None, "ganda"),
    # two people share name and birth date: shown, not guessed
    (5, None, None, None, "Joko Susilo", "02-02-1990", "L", None, "NIK kosong"),
    # nothing to match by
    (6, None, None, None, None, None, None, None, "baris rusak"),
]
ROW_STATUS = {4: "matched", 5: "matched", 6: "matched", 7: "unmatched", 8: "ambiguous",
              9: "rejected"}  # Excel row -> preview status (header in row 3)


def write_list(path: Path, rows: Sequence[Sequence[object]] = LIST_ROWS, *,
               headers: Sequence[str] = HEADERS, title: bool = True) -> Path:
    """The list as the district sends it: a title line, an empty line, then the table."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "NIK TIDAK PADAN"
    if title:
        sheet.append(["DAFTAR NIK TIDAK PADAN DUKCAPIL — DESA KEDATON"])
        sheet.append([])
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path
