"""No. KK (Nomor Kartu Keluarga): parse, validate and explain.

16 digits: the issuing region (6, same table as the NIK), then what is believed to be the
recording date DDMMYY (no +40) and a serial. That split is unconfirmed, so only the format and
the province are hard errors; everything about digits 7-16 is a warning at most.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from siksdesk.domain.numbers import (
    as_date,
    clean_identifier,
    date_part_check,
    is_dummy_number,
    mask_identifier,
    today_local,
)
from siksdesk.domain.problems import Problem, Verdict, shared_problem, verdict_of
from siksdesk.domain.regions import region_check

__all__ = ["KkCheck", "check_kk"]

FIELD: Final = "no_kk"

RegionNames = tuple[str | None, str | None, str | None]  # province, kabupaten/kota, kecamatan


@dataclass(frozen=True, slots=True, repr=False)
class KkCheck:
    no_kk: str | None  # the cleaned 16 digits, or None
    verdict: Verdict
    problems: tuple[Problem, ...]
    region: RegionNames | None  # names (None where unknown) whenever 16 digits were available
    recorded_date: date | None  # digits 7-12 read as DDMMYY, if that is a plausible date

    def __repr__(self) -> str:  # masked, so that a logged result never carries a No. KK
        no_kk = None if self.no_kk is None else mask_identifier(self.no_kk)
        codes = [p.code for p in self.problems]
        return f"KkCheck(no_kk={no_kk!r}, verdict={self.verdict.value}, problems={codes})"

    def to_dict(self, lang: str = "id") -> dict[str, object]:
        """JSON-ready. ``input_ok`` means the input could be read as 16 digits at all."""
        return {
            "input_ok": self.no_kk is not None,
            "no_kk": self.no_kk,
            "verdict": str(self.verdict),
            "problems": [p.to_dict(lang) for p in self.problems],
            "decoded": None
            if self.region is None
            else {
                "province_code": self.no_kk[0:2] if self.no_kk else None,
                "kabkota_code": self.no_kk[2:4] if self.no_kk else None,
                "kecamatan_code": self.no_kk[4:6] if self.no_kk else None,
                "province_name": self.region[0],
                "kabkota_name": self.region[1],
                "kecamatan_name": self.region[2],
                "recorded_date": None
                if self.recorded_date is None
                else self.recorded_date.isoformat(),
                "serial": self.no_kk[12:16] if self.no_kk else None,
            },
        }


def check_kk(raw: object, *, today: date | None = None) -> KkCheck:
    """Check one No. KK given as text or number. Never raises."""
    today = today_local() if today is None else as_date(today)
    cleaned = clean_identifier(raw, FIELD)
    digits = cleaned.digits
    problems = list(cleaned.problems)
    if digits is None:
        return KkCheck(None, Verdict.INVALID, cleaned.problems, None, None)
    if len(digits) != 16:
        if len(digits) == 15:
            problems.append(shared_problem("KK_LENGTH_15", FIELD))
        else:
            problems.append(shared_problem("KK_LENGTH", FIELD, count=len(digits)))
        return KkCheck(None, Verdict.INVALID, tuple(problems), None, None)

    if is_dummy_number(digits):
        problems.append(shared_problem("KK_DUMMY", FIELD))
    region = region_check(digits[0:6], FIELD)
    problems += region[6]

    recorded, _, date_problems, _ = date_part_check(digits[6:12], FIELD, today)
    problems += date_problems
    if digits[12:16] == "0000":
        problems.append(shared_problem("KK_SERIAL_ZERO", FIELD))
    result = tuple(problems)
    return KkCheck(digits, verdict_of(result), result, region[3:6], recorded)
