"""Deterministic demo village: rows for village_profile, ruta, keluarga and art from one seed.

Pure Python, no database. Each table is a ``DemoTable``: column names plus rows as tuples of
SQLite storage values (dates as ISO text, ``bool``, ``float``), ready for ``executemany``;
``DemoTable.records()`` gives typed dicts (``date`` objects) for checks. About 8 % of the people
carry the problems found in real district files; ``DemoVillage.problems`` lists who.

Speed (a 20,000-person village must build and store within 1.5x a plain sqlite3 insert):
household *shapes* (who lives there, ages, roles, questionnaire answers) are drawn fresh for the
first SHAPE_POOL households and then reused, each time with new people: names from pools
composed once from Faker's ``id_ID`` lists, new birth dates, NIKs, No. KK and uuids. NIK and
No. KK serials are counters per region+date stem, as Dukcapil numbers them.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from faker.providers.person.id_ID import Provider as _IdNames

from siksdesk.demo import answers as A
from siksdesk.demo.field_problems import FieldProblem, ProblemPlanter
from siksdesk.demo.tables import (
    ART_ANSWERS,
    ART_COLUMNS,
    KELUARGA_COLUMNS,
    RUTA_ANSWERS,
    RUTA_COLUMNS,
    DemoTable,
    Row,
)
from siksdesk.domain.regions import region_table

REFERENCE_DATE: Final = date(2026, 10, 1)  # the demo survey's "today": fixed for determinism
DEFAULT_HOUSEHOLDS: Final = 300
MAX_PEOPLE: Final = 50_000
PROBLEM_SHARE: Final = 0.08
SHAPE_POOL: Final = 512  # households drawn fresh before shapes are reused
POOL_SIZE: Final = 32  # answer variants kept per (group, sex, age key, marital status)
NAME_BITS: Final = 11  # 2,048 composed names per sex

# A real village: Desa Kedaton, Kecamatan Kapas, Kabupaten Bojonegoro (Kemendagri 35.22.14.2010).
KECAMATAN_PREFIX: Final = "352214"
KODE_DESA: Final = "3522142010"
NAMA_DESA: Final = "Kedaton"
NEIGHBOUR_KABUPATEN: Final = ("3523", "3524", "3521", "3519", "3316")  # Tuban … Blora
DUSUN_NAMES: Final = ("Ngasem", "Kedungsari", "Sidorejo", "Jetak", "Ngablak", "Tegalrejo",
                      "Sumbersari", "Karangrejo", "Dukuh", "Mulyorejo")
STREETS: Final = ("Jl. Raya Kedaton", "Jl. Masjid", "Jl. Mawar", "Jl. Melati", "Jl. Balai Desa",
                  "Jl. Sawah", "Gg. Mushola", "Gg. Makam", "Jl. Bengawan", "Jl. Pasar")

_UUID_CLEAR: Final = ~((0xC000 << 48) | (0xF000 << 64)) & ((1 << 128) - 1)
_UUID_SET: Final = (0x8000 << 48) | (4 << 76)
_REF: Final = (REFERENCE_DATE.month, REFERENCE_DATE.day)
_REF_YEAR: Final = REFERENCE_DATE.year
_TWO: Final = tuple(f"{n:02d}" for n in range(100))
_FOUR: Final = tuple(f"{n:04d}" for n in range(10_000))
_GROUP: Final = ("", "head", "spouse", "other", "spouse", "other", "other", "other", "other")
# Age -> pool key: answers differ by single year only at school age (grade = age - 6 ...).
_AGE_KEY: Final = (0, 0, 0, 0, 0, 5, 5, *range(7, 19), *([19] * 6),
                   *(25 + (age - 25) // 10 for age in range(25, 121)))
_PRESENCE_BY_RESULT: Final = {2: 6, 3: 3}  # household not found / moved: so are its members
_PRESENCE_AT: Final = ART_ANSWERS.index("keberadaan")

# A member of a household shape: sex, age, hubungan KRT, hubungan KK, status kawin, in-migrant,
# index (in the household) of the member whose name is the mother's maiden name or -1, answers.
Spec = tuple[int, int, int, int, int, bool, int, tuple[Any, ...]]
Shape = list[list[Spec]]


@dataclass(frozen=True, slots=True)
class DemoVillage:
    seed: int
    profile: dict[str, Any]
    ruta: DemoTable
    keluarga: DemoTable
    art: DemoTable
    keluarga_start: list[int]  # ruta i owns keluarga rows keluarga_start[i]:keluarga_start[i+1]
    art_start: list[int]  # ruta i owns art rows art_start[i]:art_start[i+1]
    problems: dict[FieldProblem, tuple[str, ...]]  # problem -> uuids of the people carrying it

    @property
    def problem_counts(self) -> dict[str, int]:
        return {problem.value: len(uuids) for problem, uuids in self.problems.items()}


def uuid4_from_bits(bits: int) -> str:
    """``str(uuid.UUID(int=bits, version=4))`` without building a UUID object (3x faster)."""
    h = ((bits & _UUID_CLEAR) | _UUID_SET).to_bytes(16, "big").hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def generate_village(seed: int = 2026, people: int | None = None) -> DemoVillage:
    """~300 households by default; with ``people`` exactly that many members (1-50,000)."""
    if people is not None and not 1 <= people <= MAX_PEOPLE:
        raise ValueError(f"people must be between 1 and {MAX_PEOPLE}")
    return _Generator(seed, people).run()


class _Generator:
    def __init__(self, seed: int, people: int | None) -> None:
        self.seed, self.people = seed, people
        self.rng = random.Random(seed)
        self.random = self.rng.random
        self.bits = self.rng.getrandbits
        self.names = (self._compose_names(_IdNames.first_names_male, _IdNames.last_names_male),
                      self._compose_names(_IdNames.first_names_female,
                                          _IdNames.last_names_female))
        self.ref_ordinal = REFERENCE_DATE.toordinal()
        self.serials: dict[str, int] = {}
        self.pools: dict[tuple[Any, ...], list[tuple[Any, ...]]] = {}
        self.shapes: list[Shape] = []
        self.ruta: list[Row] = []
        self.keluarga: list[Row] = []
        self.art: list[Row] = []
        self.art_family: list[int] = []  # art index -> keluarga index
        self.keluarga_start: list[int] = [0]
        self.art_start: list[int] = [0]
        self._setup_places()

    def _compose_names(self, first: list[str] | tuple[str, ...],
                       last: list[str] | tuple[str, ...]) -> list[str]:
        """Half single names (common in Javanese villages), the rest two given names or a
        given name and a family name."""
        rnd, names = self.random, []
        for _ in range(1 << NAME_BITS):
            name, r = first[int(rnd() * len(first))], rnd()
            if r >= 0.85:
                name = f"{name} {last[int(rnd() * len(last))]}"
            elif r >= 0.5:
                name = f"{name} {first[int(rnd() * len(first))]}"
            names.append(name)
        return names

    def _setup_places(self) -> None:
        table = region_table()
        home = table[KECAMATAN_PREFIX]
        self.profile: dict[str, Any] = {
            "id": 1, "kode_desa": KODE_DESA, "nama_desa": NAMA_DESA,
            "nama_kecamatan": home.kecamatan_name, "is_demo": True,
            "nama_kabupaten": (home.kabkota_name or "").removeprefix("Kab. "),
            "nama_provinsi": home.province_name,
        }
        self.home_town = str(self.profile["nama_kabupaten"])
        self.same_kab = sorted(p for p in table if p[:4] == KECAMATAN_PREFIX[:4])
        self.neighbours = sorted(p for p in table if p[:4] in NEIGHBOUR_KABUPATEN)
        self.town_of = {p: (table[p].kabkota_name or "").removeprefix("Kab. ")
                        for p in self.neighbours}
        rng = self.rng
        self.dusun = ("Krajan", *rng.sample(DUSUN_NAMES, rng.randint(2, 5)))
        self.pencacah = [self.names[i % 2][self.bits(NAME_BITS)] for i in range(6)]
        self.pemeriksa = [self.names[i][self.bits(NAME_BITS)] for i in range(2)]
        self.estimate = DEFAULT_HOUSEHOLDS if self.people is None else max(1, self.people // 4)
        self.rt_count = max(2 * len(self.dusun), round(self.estimate / 45))
        self.places: dict[int, tuple[str, str, str, list[str]]] = {}
        self.verivali_days = [date.fromordinal(self.ref_ordinal - 61 + d).isoformat()
                              for d in range(60)]

    def pick(self, choice: A.Choice) -> Any:
        table = choice.table
        return table[int(self.random() * len(table))]

    def _variant(self, key: tuple[Any, ...], make: Callable[..., dict[str, Any]],
                 keys: tuple[str, ...], *args: Any) -> tuple[Any, ...]:
        """Pooled answers (a tuple in ``keys`` order): the first POOL_SIZE per key are new."""
        pool = self.pools.setdefault(key, [])
        if len(pool) < POOL_SIZE:
            answers = make(self, *args)
            pool.append(tuple(answers.get(k) for k in keys))
            return pool[-1]
        return pool[int(self.random() * POOL_SIZE)]

    # --- household shapes ----------------------------------------------------------------------

    def member(self, sex: int, age: int, krt: int, kk: int, kawin: int = 1,
               migrant: bool = False, mother: int = -1) -> Spec:
        group = _GROUP[krt]
        answers = self._variant((group, sex, _AGE_KEY[age], kawin), A.member_answers,
                                ART_ANSWERS, age, sex, kawin, group)
        return (sex, age, krt, kk, kawin, migrant, mother, answers)

    def shape(self) -> Shape:
        if len(self.shapes) >= SHAPE_POOL:
            return self.shapes[int(self.random() * SHAPE_POOL)]
        self.shapes.append(self.new_shape())
        return self.shapes[-1]

    def new_shape(self) -> Shape:
        kind, rnd, member = self.pick(A.HOUSEHOLD_KIND), self.random, self.member
        if kind == "elder_alone":
            return [[member(2 if rnd() < 0.7 else 1, 60 + int(rnd() * 31), 1, 1, 4)]]
        if kind == "single_parent":
            age = 30 + int(rnd() * 30)
            head = member(2, age, 1, 1, 4 if rnd() < 0.6 else 3)
            return [[head, *self.children(age, 1 + int(rnd() * 3), 3, 3, 0)]]
        old = kind in ("two_families", "with_parent") or (kind == "couple" and rnd() < 0.6)
        head_age = 45 + int(rnd() * 30) if old else 22 + int(rnd() * 28)
        wife_age = max(18, head_age - int(rnd() * 9))
        if kind == "couple":
            n_children = 0
        else:
            n_children = int(rnd() * 3) if kind == "two_families" else self.pick(A.CHILDREN)
        family = [member(1, head_age, 1, 1, 2), member(2, wife_age, 2, 2, 2, rnd() < 0.3),
                  *self.children(min(head_age, wife_age), n_children, 3, 3, 1, max_age=30)]
        if kind == "with_parent":
            if rnd() < 0.5:  # the head's own mother: her name is his nama_ibu_kandung
                family[0] = (*family[0][:6], len(family), family[0][7])
            family.append(member(2, min(95, head_age + 20 + int(rnd() * 12)), 6, 6, 4))
        if kind != "two_families":
            return [family]
        return [family, self.young_family(wife_age, len(family))]

    def young_family(self, mother_age: int, first: int) -> list[Spec]:
        """A married child living with the parents (mother at index 1): the child, the spouse
        (menantu) and grandchildren. ``first`` is the index of this family's first member."""
        rnd = self.random
        child_age = 20 + int(rnd() * max(1, min(16, mother_age - 37)))
        in_law_age = max(18, child_age + int(rnd() * 7) - 3)
        son = rnd() < 0.5
        child = self.member(1 if son else 2, child_age, 3, 1 if son else 2, 2, mother=1)
        in_law = self.member(2 if son else 1, in_law_age, 4, 2 if son else 1, 2, True)
        family = [child, in_law] if son else [in_law, child]
        kids = self.children(min(child_age, in_law_age), int(rnd() * 3), 5, 3, first + 1)
        return family + kids

    def children(self, youngest_parent: int, count: int, krt: int, kk: int, mother: int,
                 max_age: int = 40) -> list[Spec]:
        """Children at least 17 years younger than each parent, oldest first."""
        oldest = min(max_age, youngest_parent - 17)
        if oldest < 0:
            return []
        rnd = self.random
        ages = sorted((int(rnd() * (oldest + 1)) for _ in range(count)), reverse=True)
        return [self.member(1 if rnd() < 0.5 else 2, age, krt, kk, mother=mother)
                for age in ages]

    # --- rows ----------------------------------------------------------------------------------

    def run(self) -> DemoVillage:
        total, target = 0, self.people
        while (target is None and len(self.ruta) < DEFAULT_HOUSEHOLDS) or (
                target is not None and total < target):
            shape = self.shape()
            size = sum(map(len, shape))
            if target is not None and size > target - total:
                shape, size = _trim(shape, target - total), target - total
            total += size
            self.add_ruta(shape)
        art = DemoTable("art", ART_COLUMNS, self.art)
        keluarga = DemoTable("keluarga", KELUARGA_COLUMNS, self.keluarga)
        problems = ProblemPlanter(self.rng, art, keluarga, self.art_family).plant(
            round(total * PROBLEM_SHARE))
        return DemoVillage(self.seed, self.profile, DemoTable("ruta", RUTA_COLUMNS, self.ruta),
                           keluarga, art, self.keluarga_start, self.art_start, problems)

    def add_ruta(self, shape: Shape) -> None:
        rnd = self.random
        number = len(self.ruta) + 1
        rt = min(self.rt_count - 1, (number - 1) * self.rt_count // self.estimate)
        rt_s, rw_s, dusun, addresses = self.places.get(rt) or self._place(rt)
        idbdt = f"{KODE_DESA}{number:06d}"
        day = pencacah = pemeriksa = latitude = longitude = None
        if rnd() < 0.9:
            day, pencacah = self.verivali_days[int(rnd() * 60)], self.pencacah[int(rnd() * 6)]
            pemeriksa = self.pemeriksa[int(rnd() * 2)]
        if rnd() < 0.7:
            latitude = int(-7_185_000 + rnd() * 20_000) / 1e6
            longitude = int(111_925_000 + rnd() * 20_000) / 1e6
        hasil, stratum = self.pick(A.HASIL), self.pick(A.STRATUM)
        pool = self.pools.get(("ruta", stratum))
        if pool is not None and len(pool) == POOL_SIZE:
            housing = pool[int(rnd() * POOL_SIZE)]
        else:
            housing = self._variant(("ruta", stratum), A.housing_answers, RUTA_ANSWERS, stratum)
        self.ruta.append((number, uuid4_from_bits(self.bits(128)), idbdt, number,  # noqa: RUF005
                          addresses[int(rnd() * len(addresses))], rt_s, rw_s, dusun, day,
                          pencacah, pemeriksa, latitude, longitude, True, hasil,
                          float(18 + int(rnd() * 54))) + housing)
        presence = _PRESENCE_BY_RESULT.get(hasil)
        names, bits = self.names, self.bits
        people = [names[spec[0] - 1][bits(NAME_BITS)] for family in shape for spec in family]
        done = 0
        for family in shape:
            self.add_keluarga(number, idbdt, family, people, done, presence)
            done += len(family)
        self.keluarga_start.append(len(self.keluarga))
        self.art_start.append(len(self.art))

    def _place(self, rt: int) -> tuple[str, str, str, list[str]]:
        """RT/RW strings, dusun and candidate addresses of one RT (computed once per RT)."""
        dusun = rt * len(self.dusun) // self.rt_count
        rt_s, rw_s = f"{rt + 1:03d}", f"{dusun + 1:03d}"
        streets = [f"Dsn. {self.dusun[dusun]}"] * 3 + list(self.rng.sample(STREETS, 2))
        place = self.places[rt] = (rt_s, rw_s, self.dusun[dusun],
                                   [f"{s} RT {rt_s} RW {rw_s}" for s in streets])
        return place

    def serial(self, stem: str, first: int) -> str:
        """``stem`` + the next serial for it (the first one below ``first``); serials ending
        in 0 are skipped so that only planted problems end in 0. NIKs and No. KKs share the
        counters (a man's birth date can look like an issuing date), so no NIK equals a No. KK
        unless planted."""
        number = self.serials.get(stem)
        number = int(self.random() * first) + 1 if number is None else number + 1
        if number % 10 == 0:
            number += 1
        self.serials[stem] = number
        return f"{stem}{number:04d}"

    def add_keluarga(self, ruta_id: int, idbdt: str, family: list[Spec], people: list[str],
                     done: int, presence: int | None) -> None:
        """The family row and its members' rows. The hot loop of the generator: the serial
        and uuid helpers are inlined on purpose."""
        rnd, bits, serials, art = self.random, self.bits, self.serials, self.art
        index = len(self.keluarga)
        issued = date.fromordinal(733_000 + int(rnd() * 6_900))  # 2007 .. 2026
        stem = f"{KECAMATAN_PREFIX}{issued.day:02d}{issued.month:02d}{issued.year % 100:02d}"
        self.keluarga.append((index + 1, uuid4_from_bits(bits(128)), ruta_id,
                              index - self.keluarga_start[-1] + 1, self.serial(stem, 400), False))
        women, ref, home, this_year = self.names[1], self.ref_ordinal, self.home_town, _REF_YEAR
        for at, (sex, age, krt, kk, kawin, migrant, mother, answers) in enumerate(family, done):
            birth = date.fromordinal(ref - int((age + rnd()) * 365.2425))
            prefix, town = KECAMATAN_PREFIX, home
            if migrant:
                prefix, town = self.migrant_origin()
            day, month, year = birth.day, birth.month, birth.year
            stem = prefix + _TWO[day + 40 if sex == 2 else day] + _TWO[month] + _TWO[year % 100]
            serial = serials.get(stem)
            serial = int(rnd() * 30) + 1 if serial is None else serial + 1
            if serial % 10 == 0:  # as in serial(): clean NIKs never end in 0
                serial += 1
            serials[stem] = serial
            if presence is not None:
                answers = (*answers[:_PRESENCE_AT], presence, *answers[_PRESENCE_AT + 1:])
            h = ((bits(128) & _UUID_CLEAR) | _UUID_SET).to_bytes(16, "big").hex()
            art.append((len(art) + 1, f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}",  # noqa: RUF005
                        index + 1, idbdt + _TWO[at + 1], at + 1, people[at],
                        stem + _FOUR[serial], False, None, krt, kk, sex, birth.isoformat(),
                        this_year - year - ((month, day) > _REF), town, kawin,
                        people[mother] if mother >= 0 else women[bits(NAME_BITS)]) + answers)
        self.art_family += [index] * len(family)

    def migrant_origin(self) -> tuple[str, str]:
        """NIK prefix and birthplace of someone who married into the village."""
        rnd = self.random
        r = rnd()
        if r < 0.5:
            prefix = self.neighbours[int(rnd() * len(self.neighbours))]
            return prefix, self.town_of[prefix]
        if r < 0.8:
            return self.same_kab[int(rnd() * len(self.same_kab))], self.home_town
        return KECAMATAN_PREFIX, self.home_town


def _trim(shape: Shape, room: int) -> Shape:
    """Keep the first ``room`` members (heads and spouses come first, so roles stay coherent;
    a mother's-name reference to a dropped member is cut loose)."""
    kept: Shape = []
    for family in shape:
        if room <= 0:
            break
        kept.append(family[:room])
        room -= len(kept[-1])
    size = sum(len(f) for f in kept)
    return [[s if s[6] < size else (*s[:6], -1, s[7]) for s in family] for family in kept]
