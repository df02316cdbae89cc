"""Plausible questionnaire answers for poor rural households in East Java (demo data only).

Shares are rough field impressions, not statistics: earth or cement floors, bamboo or wooden
walls, firewood or the 3 kg gas cylinder, few assets, some livestock. Every value is a code of
the catalogue (a test checks all generated rows against ``Variable.allows``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple, Protocol

Row = dict[str, Any]


class Choice(NamedTuple):
    """A weighted choice; ``table`` repeats each value by its (integer) weight, so a draw is
    ``table[int(random() * len(table))]``: one multiplication and one index."""

    values: Sequence[Any]
    table: tuple[Any, ...]


def choice(*pairs: tuple[Any, int]) -> Choice:
    table = tuple(value for value, weight in pairs for _ in range(weight))
    return Choice(tuple(value for value, _ in pairs), table)


class Draw(Protocol):
    random: Callable[[], float]

    def pick(self, choice: Choice) -> Any: ...


HOUSEHOLD_KIND = choice(("nuclear", 50), ("two_families", 15), ("couple", 10),
                        ("single_parent", 9), ("elder_alone", 8), ("with_parent", 8))
CHILDREN = choice((1, 30), (2, 35), (3, 22), (4, 13))
STRATUM = choice((0, 35), (1, 45), (2, 20))  # very poor, poor, near-poor
HASIL = choice((1, 92), (2, 2), (3, 2), (4, 2), (5, 2))

# --- housing (per stratum) ---------------------------------------------------------------------
LANTAI = (choice((9, 50), (6, 35), (8, 10), (7, 5)), choice((9, 25), (6, 55), (2, 10), (4, 10)),
          choice((6, 45), (2, 35), (4, 20)))
DINDING = (choice((4, 35), (3, 35), (6, 15), (1, 10), (2, 5)),
           choice((1, 40), (3, 30), (4, 20), (2, 10)), choice((1, 75), (3, 20), (2, 5)))
ATAP = (choice((4, 65), (6, 15), (5, 10), (9, 10)), choice((4, 72), (6, 12), (5, 12), (2, 4)),
        choice((4, 70), (2, 15), (5, 10), (3, 5)))
AIR = choice((6, 35), (5, 30), (2, 15), (7, 10), (4, 5), (8, 5))
BAB = (choice((1, 50), (2, 22), (3, 8), (4, 20)), choice((1, 68), (2, 20), (3, 4), (4, 8)),
       choice((1, 90), (2, 10)))
KLOSET = choice((1, 70), (3, 20), (2, 10))
TINJA = choice((1, 45), (3, 35), (4, 15), (5, 5))
DAYA = choice((1, 60), (2, 35), (3, 5))
MASAK = (choice((8, 60), (3, 37), (5, 3)), choice((8, 35), (3, 63), (5, 2)),
         choice((8, 15), (3, 80), (2, 5)))
ASSET_P = {  # share owning, per stratum
    "ada_tabung_gas": (0.01, 0.03, 0.08), "ada_lemari_es": (0.08, 0.2, 0.4),
    "ada_ac": (0.0, 0.003, 0.01), "ada_pemanas_air": (0.0, 0.003, 0.01),
    "ada_telepon_rumah": (0.005, 0.01, 0.02), "ada_televisi": (0.6, 0.75, 0.9),
    "ada_emas": (0.02, 0.05, 0.1), "ada_komputer": (0.005, 0.02, 0.05),
    "ada_sepeda": (0.4, 0.45, 0.4), "ada_sepeda_motor": (0.35, 0.6, 0.8),
    "ada_mobil": (0.0, 0.005, 0.02), "ada_perahu": (0.01, 0.01, 0.01),
    "ada_motor_tempel": (0.002, 0.003, 0.005), "ada_perahu_motor": (0.002, 0.003, 0.005),
    "ada_kapal": (0.0, 0.0, 0.0),
}
PROGRAM_P = {"prog_kks": 0.4, "prog_kip": 0.2, "prog_kis": 0.7, "prog_bpjs_mandiri": 0.05,
             "prog_jamsostek": 0.03, "prog_asuransi_lain": 0.01, "prog_pkh": 0.25,
             "prog_bpnt": 0.45, "prog_kur": 0.03}


def housing_answers(g: Draw, stratum: int) -> Row:
    r, pick = g.random, g.pick
    own = r() < 0.85
    lighting = 1 if r() < 0.93 else 2 if r() < 0.7 else 3
    water = pick(AIR)
    bab = pick(BAB[stratum])
    land = r() < 0.45
    row: Row = {
        "status_bangunan": 1 if own else 3 if r() < 0.55 else 2 if r() < 0.8 else 5,
        "status_lahan": (1 if r() < 0.8 else 2 if r() < 0.75 else 3) if own else 2,
        "jenis_lantai": pick(LANTAI[stratum]), "jenis_dinding": pick(DINDING[stratum]),
        "kondisi_dinding": 2 if r() < (0.7, 0.45, 0.2)[stratum] else 1,
        "jenis_atap": pick(ATAP[stratum]),
        "kondisi_atap": 2 if r() < (0.6, 0.4, 0.15)[stratum] else 1,
        "jumlah_kamar": 1 + int(r() * (2 + stratum)),
        "sumber_air_minum": water, "cara_peroleh_air": 1 if water in (2, 4) else 3,
        "sumber_penerangan": lighting,
        "daya_listrik": pick(DAYA) if lighting == 1 else 6 if lighting == 2 else None,
        "bahan_bakar_masak": pick(MASAK[stratum]), "fasilitas_bab": bab,
        "jenis_kloset": None if bab == 4 else pick(KLOSET),
        "pembuangan_tinja": (4 if r() < 0.6 else 5) if bab == 4 else pick(TINJA),
        "jumlah_hp_aktif": int(r() * (2 + stratum)), "jumlah_tv_besar": int(r() < 0.05),
        "ada_lahan": land, "luas_lahan": float(250 + 50 * int(r() * 90)) if land else None,
        "ada_rumah_lain": r() < 0.02,
        "jumlah_sapi": 1 + int(r() * 3) if r() < 0.2 else 0,
        "jumlah_kerbau": 1 + int(r() * 2) if r() < 0.02 else 0,
        "jumlah_kuda": 0, "jumlah_babi": 0,
        "jumlah_kambing": 1 + int(r() * 6) if r() < 0.25 else 0,
        "ada_usaha": r() < (0.15, 0.2, 0.3)[stratum],
    }
    for key, shares in ASSET_P.items():
        row[key] = r() < shares[stratum]
    for key, share in PROGRAM_P.items():
        row[key] = r() < share
    return row


# --- members -----------------------------------------------------------------------------------
DISABILITY = choice((1, 40), (2, 15), (3, 10), (4, 8), (10, 12), (11, 5), (12, 5), (5, 5))
CHRONIC = choice((1, 45), (2, 25), (3, 8), (4, 7), (5, 8), (7, 4), (9, 3))
EDU_YOUNG = choice((1, 28), (3, 4), (4, 28), (6, 4), (7, 28), (9, 3), (10, 5))
EDU_OLD = choice((1, 58), (3, 8), (4, 18), (6, 2), (7, 10), (9, 1), (10, 3))
LEVEL = {1: (6, 1, 0), 3: (6, 1, 0), 4: (3, 2, 1), 6: (3, 2, 1), 7: (3, 3, 2), 9: (3, 3, 2),
         10: (4, 5, 3)}  # level -> (grades, certificate when finished, certificate when not)
INDUSTRY = choice((1, 45), (2, 5), (3, 3), (6, 5), (9, 6), (11, 10), (12, 12), (14, 4),
                  (19, 6), (21, 4))
FARM_STATUS = choice((1, 40), (6, 35), (8, 20), (2, 5))
OTHER_STATUS = choice((1, 35), (4, 30), (7, 25), (8, 8), (5, 2))


def member_answers(g: Draw, age: int, sex: int, kawin: int, group: str) -> Row:
    r = g.random
    cards = (1 if r() < (0.85 if age < 40 else 0.45) else 0) | (
        2 if 6 <= age <= 18 and r() < 0.5 else 0) | (4 if age >= 17 and r() < 0.95 else 0) | (
        8 if age >= 17 and r() < 0.25 else 0)
    row: Row = {
        "keberadaan": _presence(g, age, group),
        "ada_akta_nikah": None if kawin == 1 else r() < 0.75,
        "tercantum_di_kk": r() < 0.97, "kartu_identitas": cards,
        "hamil": r() < 0.06 if sex == 2 and kawin == 2 and age <= 49 else None,
        "disabilitas": g.pick(DISABILITY) if r() < 0.03 else 0,
        "penyakit_kronis": g.pick(CHRONIC) if r() < (0.3 if age >= 50 else 0.03) else 0,
        "prog_kis_art": r() < 0.65,
    }
    row.update(_education(g, age))
    row["prog_kip_art"] = row["partisipasi_sekolah"] == 1 and r() < 0.35
    row.update(_work(g, age, group, row["partisipasi_sekolah"] == 1))
    return row


def _presence(g: Draw, age: int, group: str) -> int:
    r = g.random()
    if age == 0 and group == "other":
        return 5 if r < 0.6 else 1
    if group == "other" and 18 <= age <= 35:
        return 3 if r < 0.04 else 4 if r < 0.055 else 6 if r < 0.06 else 1
    if age >= 70:
        return 2 if r < 0.03 else 1
    return 1


def _education(g: Draw, age: int) -> Row:
    r = g.random
    none: Row = {"partisipasi_sekolah": None, "pendidikan_tertinggi": None,
                 "kelas_tertinggi": None, "ijazah_tertinggi": None}
    if age < 5:
        return none
    if age < 7 or (age >= 19 and r() < (0.3 if age >= 60 else 0.08)):
        return {**none, "partisipasi_sekolah": 0}
    if age <= 18 and r() < (0.95 if age <= 15 else 0.75):  # still at school
        level, start = (1, 6) if age <= 12 else (4, 12) if age <= 15 else (7, 15)
        if r() < 0.15:
            level += 2  # the madrasah track: MI, MTs, MA
        return {"partisipasi_sekolah": 1, "pendidikan_tertinggi": level,
                "kelas_tertinggi": age - start, "ijazah_tertinggi": LEVEL[level][2]}
    # left school: a child stops after SD or SMP; adults by generation
    level = (1 if age < 16 else 4) if age <= 18 else g.pick(EDU_YOUNG if age < 40 else EDU_OLD)
    grades, done_cert, partial_cert = LEVEL[level]
    finished = r() < 0.85
    return {"partisipasi_sekolah": 2, "pendidikan_tertinggi": level,
            "kelas_tertinggi": grades if finished else 1 + int(r() * (grades - 1)),
            "ijazah_tertinggi": done_cert if finished else partial_cert}


def _work(g: Draw, age: int, group: str, at_school: bool) -> Row:
    r = g.random
    if age < 10:
        return {"bekerja": None, "jam_kerja": None, "lapangan_usaha": None,
                "status_pekerjaan": None}
    if age < 15 or at_school:
        share = 0.04
    elif group == "head":
        share = 0.88 if age < 70 else 0.45
    elif group == "spouse":
        share = 0.55
    else:
        share = 0.35 if age >= 60 else 0.62
    if r() >= share:
        return {"bekerja": False, "jam_kerja": None, "lapangan_usaha": None,
                "status_pekerjaan": None}
    industry = g.pick(INDUSTRY)
    return {"bekerja": True, "jam_kerja": 14 + int(r() * 45), "lapangan_usaha": industry,
            "status_pekerjaan": g.pick(FARM_STATUS if industry <= 7 else OTHER_STATUS)}
