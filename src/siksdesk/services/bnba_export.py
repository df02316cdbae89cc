"""The village list (BNBA) as an ``ExportTable`` in a district layout: one row per member with
the household's answers repeated, headers and codes exactly as ``preview_bnba`` reads them, so
an exported file imports back to the same data. Region codes are the BPS ones once known (learnt
from a district file), otherwise the Kemendagri ones.

Two columns are ours: ``Id_sementara`` (the temporary ID of a person without a NIK yet) and
``NIK_dari_angka``/``KK_dari_angka`` (1 = the number came from a numeric Excel cell earlier and
its last digit is not trustworthy), so the round trip keeps what the operator must still check.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Final

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from siksdesk.domain.variables import Entity, VarType, variable, variables
from siksdesk.io.bnba_layout import BDT2015, BUILTIN_PROFILES, Profile
from siksdesk.io.table import ColumnKind, ExportColumn, ExportTable
from siksdesk.models import Art, Keluarga, Ruta, VillageProfile

__all__ = ["bnba_table"]

_RUTA_BASE: Final = ("idbdt", "no_urut", "alamat", "rt", "rw", "dusun", "tanggal_verivali",
                     "pencacah", "pemeriksa", "latitude", "longitude")
_ART_BASE: Final = ("idartbdt", "nama", "nik", "nik_from_number", "temp_id")
_NOURUT_ART: Final = "nourut_art"
_KINDS: Final = {
    "idbdt": ColumnKind.IDENTIFIER, "idartbdt": ColumnKind.IDENTIFIER,
    "no_kk": ColumnKind.IDENTIFIER, "nik": ColumnKind.IDENTIFIER,
    "kdprop": ColumnKind.IDENTIFIER, "kdkab": ColumnKind.IDENTIFIER,
    "kdkec": ColumnKind.IDENTIFIER, "kddesa": ColumnKind.IDENTIFIER,
    "rt": ColumnKind.IDENTIFIER, "rw": ColumnKind.IDENTIFIER,
    "no_urut": ColumnKind.INTEGER, "nourut_art": ColumnKind.INTEGER,
    "tanggal_verivali": ColumnKind.DATE,
    "latitude": ColumnKind.DECIMAL, "longitude": ColumnKind.DECIMAL,
    "nik_from_number": ColumnKind.INTEGER, "no_kk_from_number": ColumnKind.INTEGER,
}
_VAR_KINDS: Final = {VarType.DATE: ColumnKind.DATE, VarType.DECIMAL: ColumnKind.DECIMAL,
                     VarType.TEXT: ColumnKind.TEXT}
_RUTA_VARS: Final = tuple(v.key for v in variables(Entity.RUTA))
_ART_VARS: Final = tuple(v.key for v in variables(Entity.ART))


def _profile(layout: str) -> Profile:
    for profile in BUILTIN_PROFILES:
        if profile.name == layout:
            return profile
    return BDT2015


def _column(profile: Profile, key: str, entity: Entity | None) -> ExportColumn:
    kind = _KINDS.get(key)
    if kind is None and entity is not None:
        kind = _VAR_KINDS.get(variable(entity, key).vtype, ColumnKind.INTEGER)
    return ExportColumn(profile.export_headers[key], kind or ColumnKind.TEXT,
                        personal_identifier=key in ("nik", "no_kk"))


def _region(session: Session) -> tuple[str, str, str, str]:
    found = session.execute(select(VillageProfile.kode_desa, VillageProfile.kode_bps)).first()
    if found is None:
        return "", "", "", ""
    kode_desa, kode_bps = found
    if kode_bps:
        return kode_bps[:2], kode_bps[2:4], kode_bps[4:7], kode_bps[7:10]
    return kode_desa[:2], kode_desa[2:4], kode_desa[4:6], kode_desa[6:10]


def bnba_table(session: Session, layout: str = "bdt2015") -> ExportTable:
    """Rows stream from ``session``: write the table while the session is open."""
    profile = _profile(layout)
    columns = (
        *(_column(profile, k, None) for k in ("kdprop", "kdkab", "kdkec", "kddesa")),
        *(_column(profile, k, None) for k in _RUTA_BASE),
        _column(profile, "nama_krt", None),
        *(_column(profile, k, Entity.RUTA) for k in _RUTA_VARS),
        _column(profile, "no_kk", None), _column(profile, "no_kk_from_number", None),
        *(_column(profile, k, None) for k in _ART_BASE), _column(profile, _NOURUT_ART, None),
        *(_column(profile, k, Entity.ART) for k in _ART_VARS),
    )
    count = int(session.scalar(select(func.count()).select_from(Art)) or 0)
    return ExportTable("BNBA", columns, _rows(session, profile), count)


def _excel_codes(profile: Profile, entity: Entity, keys: Sequence[str]) -> list[Any]:
    """Per key: None (written as stored) or the (yes, no) codes of a yes/no variable."""
    codes: list[Any] = []
    for key in keys:
        var = variable(entity, key)
        scheme = profile.yes_no.get(key, var.yes_no)
        codes.append((scheme.yes, scheme.no) if var.vtype is VarType.YESNO and scheme else None)
    return codes


def _coded(values: Sequence[Any], codes: Sequence[Any]) -> list[Any]:
    out = []
    for value, scheme in zip(values, codes, strict=True):
        if scheme is not None and value is not None:
            value = scheme[0] if value else scheme[1]
        out.append(value)
    return out


def _rows(session: Session, profile: Profile) -> Iterator[Sequence[object]]:
    region = _region(session)
    ruta_codes = _excel_codes(profile, Entity.RUTA, _RUTA_VARS)
    art_codes = _excel_codes(profile, Entity.ART, _ART_VARS)
    head = (select(Art.nama).join(Keluarga, Art.keluarga_id == Keluarga.id)
            .where(Keluarga.ruta_id == Ruta.id, Art.hubungan_krt == 1)
            .order_by(Keluarga.no_urut, Art.no_urut).limit(1).correlate(Ruta).scalar_subquery())
    query = (
        select(*(getattr(Ruta, k) for k in (*_RUTA_BASE, *_RUTA_VARS)), head,
               Keluarga.no_kk, Keluarga.no_kk_from_number,
               *(getattr(Art, k) for k in (*_ART_BASE, *_ART_VARS)), Art.no_urut)
        .join(Keluarga, Keluarga.ruta_id == Ruta.id).join(Art, Art.keluarga_id == Keluarga.id)
        .order_by(Ruta.no_urut, Ruta.id, Keluarga.no_urut, Keluarga.id, Art.no_urut, Art.id)
    )
    n_ruta = len(_RUTA_BASE) + len(_RUTA_VARS)
    base = len(_RUTA_BASE)
    art_at = n_ruta + 3
    last_ruta: tuple[Any, ...] | None = None
    ruta_part: list[Any] = []
    for row in session.execute(query.execution_options(yield_per=2000)):
        ruta = tuple(row[:n_ruta + 1])
        if ruta != last_ruta:
            last_ruta = ruta
            ruta_part = [*region, *row[:base], row[n_ruta],
                         *_coded(row[base:n_ruta], ruta_codes)]
        art = row[art_at:]
        yield [*ruta_part, row[n_ruta + 1], 1 if row[n_ruta + 2] else None,
               art[0], art[1], art[2], 1 if art[3] else None, art[4], art[-1],
               *_coded(art[len(_ART_BASE):-1], art_codes)]

