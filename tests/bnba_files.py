"""Generated BNBA files for the import tests: real .xlsx written by openpyxl, and the raw zip
surgery that hostile files need (entity bombs, far cells, zip bombs)."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl

HEADERS = ["KDPROP", "KDKAB", "KDKEC", "KDDESA", "IDBDT", "Alamat", "RT", "RW", "Nama_KRT",
           "Sta_bangunan", "Ada_tabung_gas", "Ada_lemari_es", "Nomor_KK", "IDARTBDT", "Nama",
           "NIK", "Hub_KRT", "JNS_KEL", "Tgl_lahir"]
KODE_DESA = "3522142010"


def person(idbdt: str, idart: str, nama: str, nik: Any, *, kk: Any = "3522140101090001",
           hub: int = 1, sex: int = 1, born: Any = "17-08-1980", gas: Any = 1,
           kulkas: Any = 3, region: Sequence[Any] = ("35", "22", "14", "2010")) -> list[Any]:
    return [*region, idbdt, "Jl. Mawar 1", "001", "002", nama, 1, gas, kulkas, kk, idart, nama,
            nik, hub, sex, born]


def household_rows() -> list[list[Any]]:
    """Two households, three people; NIKs are text as the district should send them."""
    return [
        person("3522142010000001", "352214201000000101", "Budi Santoso", "3522141708800001"),
        person("3522142010000001", "352214201000000102", "Siti Aminah", "3522145708820002",
               hub=2, sex=2, born="17/08/1982"),
        person("3522142010000002", "352214201000000201", "Slamet", "3522140101700003",
               kk="3522140101090002", born="1 Januari 1970", gas=2, kulkas=4),
    ]


def add_village_profile(sessions: Any) -> None:
    """The village the generated rows belong to (desa Kedaton, kode ``KODE_DESA``)."""
    from siksdesk.models import VillageProfile

    with sessions.begin() as session:
        session.add(VillageProfile(kode_desa=KODE_DESA, nama_desa="Kedaton",
                                   nama_kecamatan="Kapas", nama_kabupaten="Bojonegoro",
                                   nama_provinsi="Jawa Timur"))


def write_xlsx(path: Path, rows: Sequence[Sequence[Any]], headers: Sequence[str] = HEADERS,
               *, above: Sequence[Sequence[Any]] = (), sheet: str = "BNBA") -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    for line in above:
        ws.append(list(line))
    ws.append(list(headers))
    for row in rows:
        ws.append(list(row))
    book.save(path)
    return path


def rewrite_part(source: Path, target: Path, part: str, change: Any) -> Path:
    """Copy an .xlsx, passing one zip member's text through ``change``."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w",
                                                         zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == part:
                data = change(data.decode("utf-8")).encode("utf-8")
            zout.writestr(info.filename, data)
    return target


def add_part(source: Path, target: Path, name: str, data: bytes) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w",
                                                         zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info.filename))
        zout.writestr(name, data)
    return target


SHEET = "xl/worksheets/sheet1.xml"
