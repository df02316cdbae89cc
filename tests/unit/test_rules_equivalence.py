"""The fast household checks (domain.rules, nik_problems, kk_problems, check_kk) return exactly
what the plain implementation they replaced returned: same findings in the same order, equal
problems and the same messages in both languages.

``reference_household_findings`` below is that plain implementation, kept verbatim apart from
names; bench/bench_rules.py times it against the current one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from siksdesk.demo import generate_village
from siksdesk.domain import nik as nik_module
from siksdesk.domain.kk import KkCheck, check_kk
from siksdesk.domain.nik import NikCheck, NikParts, Sex, check_nik, nik_problems
from siksdesk.domain.numbers import (
    as_date,
    clean_identifier,
    date_part_check,
    is_dummy_number,
    today_local,
)
from siksdesk.domain.problems import Problem, Term, Verdict, make_problem, shared_problem
from siksdesk.domain.regions import region_check, region_table
from siksdesk.domain.rules import (
    HEAD_OF_HOUSEHOLD,
    PRESENT,
    SEX_BY_CODE,
    VERIFIED,
    FamilyFacts,
    Finding,
    MemberFacts,
    family_findings,
    household_findings,
    member_findings,
)
from siksdesk.domain.variables import Entity, variables

# --- the reference: the straightforward code as it was before the speed work -------------------

_PRESENT_OR_UNKNOWN = PRESENT | {0}


def reference_check_kk(raw: object, *, today: date | None = None) -> KkCheck:
    today = today_local() if today is None else as_date(today)
    cleaned = clean_identifier(raw, "no_kk")
    digits = cleaned.digits
    problems = list(cleaned.problems)
    if digits is None:
        return KkCheck(None, Verdict.INVALID, cleaned.problems, None, None)
    if len(digits) != 16:
        if len(digits) == 15:
            problems.append(shared_problem("KK_LENGTH_15", "no_kk"))
        else:
            problems.append(shared_problem("KK_LENGTH", "no_kk", count=len(digits)))
        return KkCheck(None, Verdict.INVALID, tuple(problems), None, None)
    if is_dummy_number(digits):
        problems.append(shared_problem("KK_DUMMY", "no_kk"))
    region = region_check(digits[0:6], "no_kk")
    problems += region[6]
    recorded, _, date_problems, _ = date_part_check(digits[6:12], "no_kk", today)
    problems += date_problems
    if digits[12:16] == "0000":
        problems.append(shared_problem("KK_SERIAL_ZERO", "no_kk"))
    result = tuple(problems)
    return KkCheck(digits, _verdict_of(result), result, region[3:6], recorded)


def reference_check_nik(raw: object, *, today: date) -> NikCheck:
    """check_nik without any of its tables: every part decoded afresh."""
    cleaned = clean_identifier(raw, "nik")
    digits, problems = cleaned.digits, cleaned.problems
    if digits is None:
        return NikCheck(None, Verdict.INVALID, problems, None)
    if len(digits) != 16:
        length = (shared_problem("NIK_LENGTH_15", "nik") if len(digits) == 15
                  else shared_problem("NIK_LENGTH", "nik", count=len(digits)))
        return NikCheck(None, Verdict.INVALID, (*problems, length), None)
    region = region_check(digits[0:6], "nik")
    birth, female, date_problems, date_error = date_part_check(digits[6:12], "nik",
                                                               as_date(today))
    problems += region[6] + date_problems
    error = region[7] or date_error
    if digits[12:16] == "0000":
        problems += (shared_problem("NIK_SERIAL_ZERO", "nik"),)
        error = True
    elif digits[15] == "0":
        problems += (shared_problem("NIK_TRAILING_ZERO", "nik"),)
    if is_dummy_number(digits):
        problems += (shared_problem("NIK_DUMMY", "nik"),)
        error = True
    parts = NikParts(*region[:6], birth, Sex.FEMALE if female else Sex.MALE, digits[12:16])
    return NikCheck(digits, Verdict.INVALID if error else _verdict_of(problems), problems, parts)


# What the reference member check calls: cache-free here; bench/bench_rules.py puts check_nik
# back (as the old code called it, its table prefill switched off) to time the old speed.
reference_nik_check: Callable[..., NikCheck] = reference_check_nik


def _verdict_of(problems: Iterable[Problem]) -> Verdict:
    verdict = Verdict.VALID
    for problem in problems:
        if problem.severity.value == "error":
            return Verdict.INVALID
        verdict = Verdict.WARNING
    return verdict


_SEX_WORDS = {"l": Sex.MALE, "lk": Sex.MALE, "laki": Sex.MALE, "laki-laki": Sex.MALE,
              "laki laki": Sex.MALE, "pria": Sex.MALE, "m": Sex.MALE, "male": Sex.MALE,
              "1": Sex.MALE, "p": Sex.FEMALE, "pr": Sex.FEMALE, "perempuan": Sex.FEMALE,
              "wanita": Sex.FEMALE, "f": Sex.FEMALE, "female": Sex.FEMALE, "2": Sex.FEMALE}


def _coerce_sex(value: Sex | str | None) -> Sex | None:
    if value is None or isinstance(value, Sex):
        return value
    return _SEX_WORDS.get(str(value).strip().lower())


def reference_check_nik_against_record(
    check: NikCheck, *, sex: Sex | str | None = None, birth_date: date | None = None,
    no_kk: str | None = None, today: date | None = None,
) -> tuple[Problem, ...]:
    nik, parts = check.nik, check.parts
    if nik is None or parts is None:
        return ()
    problems: list[Problem] = []
    record_sex = _coerce_sex(sex)
    if record_sex is not None and record_sex is not parts.sex:
        if parts.sex is Sex.FEMALE:
            nik_sex, said = Term.FEMALE_BY_NIK, Term.MALE
        else:
            nik_sex, said = Term.MALE_BY_NIK, Term.FEMALE
        problems.append(shared_problem("NIK_SEX_MISMATCH", "nik", nik_sex=nik_sex,
                                       record_sex=said))
    if birth_date is not None and parts.birth_date is not None:
        raw_day = int(nik[6:8])
        day = raw_day - 40 if raw_day > 40 else raw_day
        nik_dmy = (day, int(nik[8:10]), int(nik[10:12]))
        if nik_dmy != (birth_date.day, birth_date.month, birth_date.year % 100):
            in_nik = f"{day:02d}-{nik[8:10]}-{nik[10:12]}"
            recorded = f"{birth_date.day:02d}-{birth_date.month:02d}-{birth_date.year}"
            problems.append(shared_problem("NIK_BIRTHDATE_MISMATCH", "nik", nik_date=in_nik,
                                           record_date=recorded))
        else:
            today = today if today is not None else today_local()
            age = today.year - birth_date.year - (
                (today.month, today.day) < (birth_date.month, birth_date.day))
            if age > 110 and not any(p.code == "NIK_TOO_OLD" for p in check.problems):
                problems.append(shared_problem("NIK_TOO_OLD", "nik", age=age))
    if no_kk is not None and clean_identifier(no_kk, "no_kk").digits == nik:
        problems.append(shared_problem("NIK_EQUALS_KK", "nik"))
    return tuple(problems)


def reference_member_findings(member: MemberFacts, *, today: date) -> list[Finding]:
    found: list[Finding] = []

    def add(problem: Problem, field_key: str | None = None) -> None:
        found.append(Finding(field_key or problem.field, problem, art_id=member.art_id,
                             keluarga_id=member.keluarga_id))

    if not member.nama.strip():
        add(make_problem("FIELD_MISSING", "nama", variable="nama"))
    if member.nik is None:
        add(make_problem("ART_NO_NIK", "nik"))
    else:
        check = reference_nik_check(member.nik, today=today)
        for problem in check.problems:
            add(problem)
        if member.nik_from_number:
            add(make_problem("NUM_FROM_NUMBER", "nik", loss=Term.LOSS_POSSIBLE))
        sex = SEX_BY_CODE.get(_int(member.values.get("jenis_kelamin")))
        birth = member.values.get("tanggal_lahir")
        for problem in reference_check_nik_against_record(
            check, sex=sex, birth_date=birth if isinstance(birth, date) else None,
            no_kk=member.no_kk, today=today,
        ):
            add(problem)
    if _int(member.values.get("keberadaan")) in _PRESENT_OR_UNKNOWN:
        for var in _required(Entity.ART):
            if member.values.get(var.key) in (None, ""):
                add(make_problem("FIELD_MISSING", var.key, variable=var.key), var.key)
    return found


def reference_family_findings(family: FamilyFacts, *, today: date) -> list[Finding]:
    if family.no_kk is None:
        problems: Sequence[Problem] = (make_problem("KK_MISSING", "no_kk"),)
    else:
        problems = reference_check_kk(family.no_kk, today=today).problems
        if family.no_kk_from_number:
            problems = (*problems, make_problem("NUM_FROM_NUMBER", "no_kk",
                                                loss=Term.LOSS_POSSIBLE))
    return [Finding("no_kk", p, keluarga_id=family.keluarga_id) for p in problems]


def reference_household_findings(
    ruta_values: Mapping[str, object], families: Iterable[FamilyFacts],
    members: Iterable[MemberFacts], *, today: date,
) -> list[Finding]:
    members = list(members)
    found: list[Finding] = []
    for family in families:
        found.extend(reference_family_findings(family, today=today))
    for member in members:
        found.extend(reference_member_findings(member, today=today))
    if _int(ruta_values.get("hasil_verivali")) in (0, VERIFIED):
        for var in _required(Entity.RUTA):
            if ruta_values.get(var.key) is None:
                found.append(Finding(var.key, make_problem("FIELD_MISSING", var.key,
                                                           variable=var.key)))
        present = [m for m in members if _int(m.values.get("keberadaan")) in _PRESENT_OR_UNKNOWN]
        heads = [m for m in present if _int(m.values.get("hubungan_krt")) == HEAD_OF_HOUSEHOLD]
        if present and not heads:
            found.append(Finding("hubungan_krt", make_problem("RUTA_NO_HEAD", "hubungan_krt")))
        elif len(heads) > 1:
            for head in heads:
                found.append(Finding("hubungan_krt",
                                     make_problem("RUTA_MANY_HEADS", "hubungan_krt",
                                                  count=len(heads)), art_id=head.art_id))
    return found


def _required(entity: Entity) -> list[Any]:
    return [v for v in variables(entity) if v.required]


def _int(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


# --- comparing --------------------------------------------------------------------------------


def assert_same(fast: list[Finding], plain: list[Finding]) -> None:
    assert fast == plain
    for a, b in zip(fast, plain, strict=True):
        assert type(a.problem.params) is tuple and a.problem.params == b.problem.params
        assert [type(v) for _, v in a.problem.params] == [type(v) for _, v in b.problem.params]
        for lang in ("id", "en"):
            assert a.problem.message(lang) == b.problem.message(lang)


def household_facts_of_demo(people: int) -> list[tuple[dict[str, Any], list[FamilyFacts],
                                                       list[MemberFacts]]]:
    """The demo village's households as the derived refresh sees them (dates as dates)."""
    village = generate_village(2026, people)
    ruta_keys = [v.key for v in variables(Entity.RUTA)]
    art_keys = [v.key for v in variables(Entity.ART)]
    ruta_cols, kel_cols, art_cols = (t.columns for t in (village.ruta, village.keluarga,
                                                          village.art))
    no_kk_of = {row[0]: row[kel_cols.index("no_kk")] for row in village.keluarga.rows}
    result = []
    for at, row in enumerate(village.ruta.rows):
        ruta = dict(zip(ruta_cols, row, strict=True))
        fams = [dict(zip(kel_cols, r, strict=True)) for r in village.keluarga.rows[
            village.keluarga_start[at]:village.keluarga_start[at + 1]]]
        arts = [dict(zip(art_cols, r, strict=True)) for r in village.art.rows[
            village.art_start[at]:village.art_start[at + 1]]]
        families = [FamilyFacts(f["id"], f["no_kk"], bool(f["no_kk_from_number"])) for f in fams]
        members = []
        for a in arts:
            values = {k: a.get(k) for k in art_keys}
            born = values.get("tanggal_lahir")
            if isinstance(born, str):
                values["tanggal_lahir"] = date.fromisoformat(born)
            members.append(MemberFacts(
                art_id=a["id"], nama=a["nama"], nik=a["nik"],
                nik_from_number=bool(a["nik_from_number"]), temp_id=a["temp_id"],
                no_kk=no_kk_of[a["keluarga_id"]], keluarga_id=a["keluarga_id"], values=values))
        result.append(({k: ruta.get(k) for k in ruta_keys}, families, members))
    return result


TODAY = date(2026, 11, 1)


def test_the_demo_village_gets_the_same_findings() -> None:
    households = household_facts_of_demo(3000)
    total = 0
    for today in (TODAY, date(2027, 3, 1), date(2026, 11, 1)):  # cold, other day, warm again
        nik_module.clear_caches()
        for ruta_values, families, members in households:
            fast = household_findings(ruta_values, families, members, today=today)
            plain = reference_household_findings(ruta_values, families, members, today=today)
            assert_same(fast, plain)
            total += len(fast)
        # So many birth dates that the NIK check switched to its prefilled table.
        table = nik_module._date_cache(today).plain
        assert sum(y is not None for years in table.values() for y in years) > 50_000
    assert total > 100  # the demo plants problems: the comparison saw some


# --- generated identifiers and records ----------------------------------------------------------

_PREFIXES = sorted(region_table())[:: max(1, len(region_table()) // 40)]
prefixes = st.one_of(
    st.sampled_from(_PREFIXES),  # known kecamatan
    st.sampled_from(_PREFIXES).map(lambda p: p[:4] + "99"),  # kecamatan unknown
    st.sampled_from(["3599", "1199", "9499"]).map(lambda p: p + "01"),  # kabupaten unknown
    st.sampled_from(["00", "10", "20", "37", "99"]).map(lambda p: p + "0101"),  # never existed
    st.from_regex(r"\A[0-9]{6}\Z"),
)
days = st.integers(0, 99).map(lambda d: f"{d:02d}")
months = st.one_of(st.integers(1, 12), st.integers(0, 99)).map(lambda m: f"{m:02d}")
years = st.integers(0, 99).map(lambda y: f"{y:02d}")
serials = st.one_of(st.sampled_from(["0000", "0010", "0001", "1230"]),
                    st.integers(0, 9999).map(lambda s: f"{s:04d}"))


@st.composite
def birth_parts(draw: st.DrawFn) -> str:
    """DDMMYY, mostly real dates (day + 40 for women), some broken."""
    if draw(st.booleans()):
        born = draw(st.dates(date(1900, 1, 1), date(2099, 12, 31)))
        day = born.day + (40 if draw(st.booleans()) else 0)
        return f"{day:02d}{born.month:02d}{born.year % 100:02d}"
    return draw(days) + draw(months) + draw(years)


@st.composite
def identifiers(draw: st.DrawFn) -> object:
    number = draw(prefixes) + draw(birth_parts()) + draw(serials)
    shape = draw(st.integers(0, 9))
    if shape == 0:
        return draw(st.sampled_from(sorted(["1234567890123456", "0" * 16, "9876543210987654",
                                            "3333333333333333"])))
    if shape == 1:
        return number[:15]
    if shape == 2:
        return number + "1"
    if shape == 3:
        return f" {number[:6]}.{number[6:12]}.{number[12:]} "
    if shape == 4:
        return int(number)
    if shape == 5:
        return draw(st.one_of(st.text(max_size=20), st.just(""), st.just("#N/A")))
    return number


dates_or_none = st.one_of(st.none(), st.dates(date(1890, 1, 1), date(2100, 12, 31)))
todays = st.one_of(st.just(TODAY), st.dates(date(1990, 1, 1), date(2098, 12, 31)))
codes = st.one_of(st.none(), st.integers(0, 6), st.sampled_from([True, False, "1", 1.0, ""]))
PROPS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def members(draw: st.DrawFn, art_id: int) -> MemberFacts:
    nik = draw(st.one_of(st.none(), identifiers()))
    number = nik if isinstance(nik, str) and len(nik) == 16 else None
    no_kk = draw(st.one_of(st.none(), identifiers(), st.just(number),
                           st.just(None if number is None else f"'{number}")))
    birth: object = draw(dates_or_none)
    if isinstance(nik, str) and len(nik) == 16 and nik.isdigit() and draw(st.booleans()):
        birth = _birth_in(nik, draw(st.integers(-1, 1)))  # agreeing, or a century apart
    if draw(st.integers(0, 9)) == 0:
        birth = draw(st.sampled_from(["1980-01-01", datetime(1980, 1, 1), 0]))
    values: dict[str, object] = {
        "keberadaan": draw(codes), "hubungan_krt": draw(codes), "jenis_kelamin": draw(codes),
        "tanggal_lahir": birth,
        "status_kawin": draw(codes), "nama_ibu_kandung": draw(st.sampled_from(["Sri", "", None])),
    }
    for key in list(values):
        if draw(st.integers(0, 12)) == 0:
            del values[key]
    return MemberFacts(
        art_id=art_id, nama=draw(st.sampled_from(["Siti", " ", "", "Budi Santoso"])), nik=nik,  # type: ignore[arg-type]
        nik_from_number=draw(st.booleans()), no_kk=no_kk,  # type: ignore[arg-type]
        keluarga_id=draw(st.sampled_from([None, 1, 2])), values=values)


def _birth_in(nik: str, century: int) -> date | None:
    day, month, yy = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    day = day - 40 if day > 40 else day
    try:
        return date(2000 + 100 * century + yy, month, day)
    except ValueError:
        return None


families = st.builds(FamilyFacts, keluarga_id=st.integers(1, 3),
                     no_kk=st.one_of(st.none(), identifiers()),
                     no_kk_from_number=st.booleans())
ruta_values = st.fixed_dictionaries(
    {"hasil_verivali": codes},
    optional={v.key: st.sampled_from([1, None, 0]) for v in variables(Entity.RUTA)
              if v.key != "hasil_verivali"},
)


@PROPS
@given(st.data(), todays)
def test_generated_households_get_the_same_findings(data: st.DataObject, today: date) -> None:
    fams = data.draw(st.lists(families, max_size=3))
    people = [data.draw(members(art_id)) for art_id in range(data.draw(st.integers(0, 5)))]
    ruta = data.draw(ruta_values)
    assert_same(household_findings(ruta, fams, people, today=today),
                reference_household_findings(ruta, fams, people, today=today))
    assert_same(household_findings(ruta, iter(fams), iter(people), today=today),
                reference_household_findings(ruta, fams, people, today=today))
    for family in fams:
        assert_same(family_findings(family, today=today),
                    reference_family_findings(family, today=today))
    for person in people:
        assert_same(member_findings(person, today=today),
                    reference_member_findings(person, today=today))


@PROPS
@given(identifiers(), todays, st.one_of(st.none(), st.sampled_from(["L", "P", Sex.MALE, " p ",
                                                                    "x"])),
       dates_or_none, st.one_of(st.none(), identifiers().map(str)))
def test_nik_problems_match_check_nik(raw: object, today: date, sex: Sex | str | None,
                                      birth: date | None, no_kk: str | None) -> None:
    for _ in range(2):  # the second time through the warm caches
        check = reference_check_nik(raw, today=today)
        expected = (check.problems, reference_check_nik_against_record(
            check, sex=sex, birth_date=birth, no_kk=no_kk, today=today))
        assert nik_problems(raw, sex=sex, birth_date=birth, no_kk=no_kk, today=today) == expected
        assert nik_module.check_nik_against_record(
            check, sex=sex, birth_date=birth, no_kk=no_kk, today=today) == expected[1]


@PROPS
@given(identifiers(), st.one_of(todays, st.just(datetime(2026, 5, 1, 12, 0))))
def test_check_nik_matches_the_plain_check(raw: object, today: date) -> None:
    assert check_nik(raw, today=today) == reference_check_nik(raw, today=today)


@PROPS
@given(identifiers(), st.one_of(todays, st.just(datetime(2026, 5, 1, 12, 0))))
def test_check_kk_matches_the_plain_check(raw: object, today: date) -> None:
    for _ in range(2):
        assert check_kk(raw, today=today) == reference_check_kk(raw, today=today)


def test_check_kk_follows_the_day() -> None:
    # 29-02-00 exists only in 2000: not yet recorded on 28 February 2000, plain a day later.
    number = "3522142902000003"
    for today in (date(2000, 2, 28), date(2000, 2, 29), date(2000, 2, 28), TODAY):
        assert check_kk(number, today=today) == reference_check_kk(number, today=today)
    assert [p.code for p in check_kk(number, today=date(2000, 2, 28)).problems] == [
        "KK_DATE_UNUSUAL"
    ]
    assert check_kk(number, today=date(2000, 2, 29)).problems == ()


@pytest.mark.parametrize("today", [TODAY, date(2028, 2, 29), date(2000, 1, 1)])
def test_the_prefilled_date_table_decodes_like_the_plain_check(today: date) -> None:
    nik_module.clear_caches()
    parts = [f"{d:02d}{m:02d}{y:02d}" for m in (*range(1, 13), 13)
             for d in (*range(0, 33), *range(40, 73)) for y in (0, 1, 26, 27, 28, 50, 99)]
    assert len(parts) > 2 * nik_module._PREFILL_AFTER
    for _ in range(2):  # the first pass lazily, then prefilled; the second from the table
        for part in parts:
            number = f"352214{part}0101"
            plain = reference_check_nik(number, today=today)
            assert check_nik(number, today=today) == plain
            birth = None if plain.parts is None else plain.parts.birth_date
            assert nik_problems(number, sex="P", birth_date=birth, no_kk=None, today=today) == (
                plain.problems,
                reference_check_nik_against_record(plain, sex="P", birth_date=birth,
                                                   today=today))
