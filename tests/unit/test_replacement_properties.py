"""Property tests of the one-for-one replacement arithmetic: whatever the set, an accepted set
never exceeds the quota, and every broken rule is reported for the pair that breaks it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from siksdesk.domain.deactivation import DeactivationReason
from siksdesk.domain.usulan_rules import (
    ProgrammeFacts,
    ReplacementCheck,
    ReplacementPair,
    check_replacements,
)

HOUSEHOLDS = [f"r{i}" for i in range(12)]
REASONS = [r.value for r in DeactivationReason]

household = st.sampled_from(HOUSEHOLDS)
pairs = st.lists(st.builds(ReplacementPair, st.none() | household,
                           st.none() | st.sampled_from([*REASONS, "", "unknown"]),
                           st.none() | household), max_size=8)
facts = st.builds(ProgrammeFacts, st.just("KKS"), st.integers(0, 12),
                  st.frozensets(household, max_size=10))
subset = st.frozensets(household)


def _check(programme: ProgrammeFacts, chosen: list[ReplacementPair], registry: frozenset[str],
           out: frozenset[str]) -> ReplacementCheck:
    return check_replacements(programme, chosen, registry=registry, proposed_out=out,
                              reasons=REASONS)


@settings(max_examples=300, deadline=None)
@given(facts, pairs, subset, subset)
def test_an_accepted_set_respects_every_rule(programme: ProgrammeFacts,
                                             chosen: list[ReplacementPair],
                                             registry: frozenset[str],
                                             out: frozenset[str]) -> None:
    check = _check(programme, chosen, registry, out)
    assert check.after == len(programme.beneficiaries) - check.exits + check.entries
    if not check.ok:
        return
    if check.entries:
        assert check.after <= programme.quota
    assert check.after <= max(programme.quota, len(programme.beneficiaries))
    leaving = [p.exit_ruta for p in chosen if p.exit_ruta is not None]
    entering = [p.entry_ruta for p in chosen if p.entry_ruta is not None]
    assert len(set(leaving)) == len(leaving) and len(set(entering)) == len(entering)
    after = (set(programme.beneficiaries) - set(leaving)) | set(entering)
    assert len(after) == check.after  # the counts are the real set after the replacement
    for pair in chosen:
        assert pair.exit_ruta is not None or pair.entry_ruta is not None
        if pair.exit_ruta is not None:
            assert pair.exit_reason in REASONS
            assert pair.exit_ruta in programme.beneficiaries
        if pair.entry_ruta is not None:
            assert pair.entry_ruta in registry and pair.entry_ruta not in out
            assert pair.entry_ruta not in programme.beneficiaries


@settings(max_examples=200, deadline=None)
@given(facts, pairs, subset, subset)
def test_findings_name_the_pair_and_do_not_depend_on_other_pairs_order(
        programme: ProgrammeFacts, chosen: list[ReplacementPair], registry: frozenset[str],
        out: frozenset[str]) -> None:
    check = _check(programme, chosen, registry, out)
    backwards = _check(programme, chosen[::-1], registry, out)
    assert check.ok == backwards.ok and check.after == backwards.after
    last = len(chosen) - 1
    assert sorted((f.code, f.pair) for f in check.findings) == sorted(
        (f.code, None if f.pair is None else last - f.pair) for f in backwards.findings)
    for found in check.findings:
        assert found.pair is None or 0 <= found.pair < len(chosen)
        assert found.message("id") and found.message("en")


@settings(max_examples=200, deadline=None)
@given(facts, st.integers(0, 5))
def test_one_for_one_swaps_of_valid_households_keep_the_count(programme: ProgrammeFacts,
                                                             swaps: int) -> None:
    newcomers = [h for h in HOUSEHOLDS if h not in programme.beneficiaries][:swaps]
    leaving = sorted(programme.beneficiaries)[:len(newcomers)]
    newcomers = newcomers[:len(leaving)]
    chosen = [ReplacementPair(a, "mampu", b) for a, b in zip(leaving, newcomers, strict=True)]
    check = _check(programme, chosen, frozenset(HOUSEHOLDS), frozenset())
    assert check.after == len(programme.beneficiaries)
    assert check.ok == (len(programme.beneficiaries) <= programme.quota or not chosen)
