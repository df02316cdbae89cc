"""A hypothesis state machine over send / resend / drop / reorder / lose-receipt /
restore-from-backup, with the real parts: a village SQLite database with MusDes-approved
proposals, the real district receiver (SQLite), real sealed bundles and signed receipts.

Bundles travel on a "stick" that keeps every bundle ever sealed (a copy written before a restore
survives it): ``deliver`` hands the district the next one or any one again (resend),
``deliver_out_of_order`` a later one first (a gap), and a bundle never picked is dropped.
Receipts the district issues come straight back (upload) or go into a pool from which
``deliver_receipt`` imports any one (the newest, an old one, one twice) and ``lose_receipt``
drops one. ``backup`` copies the village database (VACUUM INTO), ``restore`` puts one of the
copies back through ``services.backup_restore``; then sealing must be refused until the district's
latest receipt is imported (``fetch_latest_receipt``). ``drain`` delivers everything and checks
that both sides agree exactly (after a restore, and at the end of every example).

A small model of the village database (its chain head, its bundles, what is approved and not yet
sent, the receipts it has imported) is saved with each backup and put back on restore; it
predicts each outcome, and the invariants compare the village and district databases."""

from __future__ import annotations

import copy
import sys
from dataclasses import dataclass, field

import pytest
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)
from tests.e2e.sync_machine_support import Snapshot, SyncPair

from siksdesk.district.errors import DistrictError
from siksdesk.district.receipts import find_receipt
from siksdesk.domain.musdes import Decision
from siksdesk.sync.outbox import bundle_list
from siksdesk.sync.status import sync_status
from siksdesk.sync.village_types import VillageSyncError

pytestmark = pytest.mark.slow  # ≈25 s: 30 examples of 15 steps on real databases

WAITING = {"approved", "sent"}

choices = st.lists(
    st.tuples(st.integers(0, 6),
              st.sampled_from([Decision.SETUJU, Decision.SETUJU, Decision.TOLAK,
                               Decision.TUNDA])),
    min_size=1, max_size=3, unique_by=lambda c: c[0])


@dataclass
class VillageModel:
    """What the village database should hold (copied with each backup)."""

    head: int = 0  # chain head: last sealed sequence, or the district's after a catch-up
    bundles: dict[int, str] = field(default_factory=dict)  # sequence → sha256
    unsent: set[str] = field(default_factory=set)  # approved in a finalised meeting, not sealed
    receipts: set[str] = field(default_factory=set)  # receipt container hashes imported
    known: set[str] = field(default_factory=set)  # approved uuids this database knows
    dinas: set[str] = field(default_factory=set)  # uuids it has the district's result for


class SyncMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.pair = SyncPair()
        self.village = VillageModel()
        self.village.unsent = self.pair.exportable()  # the template's finalised MusDes
        self.village.known = set(self.village.unsent)
        self.stick: dict[int, tuple[str, bytes]] = {}  # every bundle ever sealed
        self.in_bundle: dict[int, list[str]] = {}  # sequence → usulan uuids it carries
        self.delivered: set[int] = set()  # sequences the district has stored
        self.receipts: list[bytes] = []  # issued by the district, not (yet) lost
        self.approved: set[str] = set(self.village.unsent)  # ever approved anywhere
        self.forgotten: set[str] = set()  # approved after the backup, never sealed: restored away
        self.backups = [(self.pair.backup(), copy.deepcopy(self.village))]  # with the model
        self.restored = False  # since the last drain

    def teardown(self) -> None:
        try:
            if sys.exc_info()[0] is None:  # not while a failing step's error propagates
                self.drain()
        finally:
            self.pair.close()

    # --- helpers --------------------------------------------------------------------------

    @property
    def sealed_through(self) -> int:
        return max(self.stick, default=0)

    def blocked(self) -> bool:
        """The catch-up rule: something was sealed that this database does not know of."""
        return self.sealed_through > self.village.head

    def _deliver(self, sequence: int) -> None:
        sha, data = self.stick[sequence]
        head = self.pair.district_head()
        stored = self.pair.district_bundles()
        assert (sha in stored) == (sequence in self.delivered)
        assert sha in stored or sequence > head, "an honest village re-used a sequence"
        result = self.pair.ingest(data)
        expected = ("duplicate" if sha in stored
                    else "applied" if sequence == head + 1 else "held")
        assert result.outcome == expected, (sequence, head, result.outcome, result.reason_code)
        event(f"bundle {expected}" + (" (released held)" if result.released else ""))
        assert result.receipt is not None
        self.receipts.append(result.receipt)
        self.delivered.add(sequence)

    def _import(self, data: bytes) -> None:
        facts = self.pair.receipt_facts(data)
        village = self.village
        ours = village.bundles.get(facts.sequence)
        assert ours in (None, facts.bundle_sha256), "receipt answers a forked bundle"
        if facts.sha256 in village.receipts:
            assert self.pair.import_receipt(data).duplicate
            return
        if ours is None and facts.sequence <= village.head:
            with pytest.raises(VillageSyncError) as refused:
                self.pair.import_receipt(data)
            assert refused.value.code == "RECEIPT_UNKNOWN_BUNDLE"
            event("receipt for a bundle the restore took away: refused")
            return
        was_blocked = self.blocked()
        outcome = self.pair.import_receipt(data)
        assert not outcome.duplicate and outcome.status == facts.status
        village.receipts.add(facts.sha256)
        village.head = max(village.head, facts.last_applied)
        assert outcome.caught_up == (was_blocked and not self.blocked())
        event(f"receipt {facts.status}" + (" (caught up)" if outcome.caught_up else "")
              + (" (lost bundle)" if ours is None else ""))
        moved = 0
        if ours is not None and facts.status == "applied":
            carried = set(self.in_bundle[facts.sequence])
            moved = len(carried - village.dinas)
            village.dinas |= carried
        assert (outcome.accepted, outcome.rejected) == (moved, 0)

    # --- rules ----------------------------------------------------------------------------

    @initialize(bundles=st.sampled_from([2, 3, 1, 0]))
    def start(self, bundles: int) -> None:
        """Begin with 0–3 bundles sealed and not yet sent (the first one carries the
        template's MusDes), so that gaps and reordering are likely within a few steps."""
        for n in range(bundles):
            if n:
                self.approve_more([(n, Decision.SETUJU)], and_seal=False)
            self.seal()

    @rule(picked=choices, and_seal=st.booleans())
    def approve_more(self, picked: list[tuple[int, Decision]], and_seal: bool) -> None:
        """A new finalised SPTJM; ``and_seal``: the operator seals right after it."""
        decided = self.pair.approve(picked)
        yes = {u for u, d in decided.items() if d is Decision.SETUJU}
        self.village.unsent |= yes
        self.village.known |= yes
        self.approved |= yes
        if and_seal:
            self.seal()

    @rule()
    def seal(self) -> None:
        village = self.village
        expected = "RESTORED_NEEDS_CATCH_UP" if self.blocked() else \
            "NOTHING_TO_SEAL" if not village.unsent else ""
        assert sync_status(self.pair.env).blocked_code == expected  # what the page shows
        if expected:
            with pytest.raises(VillageSyncError) as refused:
                self.pair.seal()
            assert refused.value.code == expected
            event(f"seal refused {expected}")
            return
        sealed = self.pair.seal()
        assert sealed.sequence == village.head + 1
        [(sequence, sha, data)] = [p for p in self.pair.pending() if p[0] == sealed.sequence]
        assert sequence not in self.stick, "sequence sealed twice (fork)"
        carried = self.pair.bundle_uuids(data)
        assert set(carried) == village.unsent
        self.stick[sequence] = (sha, data)
        self.in_bundle[sequence] = carried
        village.bundles[sequence] = sha
        village.head = sequence
        village.unsent.clear()
        assert self.pair.marker_sequence() == sequence

    def unseen(self) -> list[int]:
        """Sealed bundles the district has not stored yet, oldest first."""
        return [seq for seq in sorted(self.stick) if seq not in self.delivered]

    @precondition(lambda self: self.stick)
    @rule(resend=st.booleans(), pick=st.integers(0, 63), upload=st.booleans())
    def deliver(self, resend: bool, pick: int, upload: bool) -> None:
        """The next bundle the district has not stored yet, or (``resend``, or when there is
        none) any bundle ever sealed, once more. By USB the receipt waits in the pool;
        ``upload``: it comes straight back and is imported."""
        unseen = self.unseen()
        sequences = sorted(self.stick)
        self._deliver(unseen[0] if unseen and not resend else sequences[pick % len(sequences)])
        if upload:
            self._import(self.receipts[-1])

    @precondition(lambda self: len(self.unseen()) >= 2)
    @rule(pick=st.integers(0, 63), upload=st.booleans())
    def deliver_out_of_order(self, pick: int, upload: bool) -> None:
        """A later bundle overtakes an earlier one (a gap: held until it fills)."""
        later = self.unseen()[1:]
        self._deliver(later[pick % len(later)])
        if upload:
            self._import(self.receipts[-1])

    @precondition(lambda self: self.receipts)
    @rule(which=st.sampled_from(["newest", "any"]), pick=st.integers(0, 63))
    def deliver_receipt(self, which: str, pick: int) -> None:
        """The receipt just issued (an upload's answer), or any one: old, or once more."""
        index = -1 if which == "newest" else pick % len(self.receipts)
        self._import(self.receipts[index])

    @precondition(lambda self: self.receipts)
    @rule(pick=st.integers(0, 63))
    def lose_receipt(self, pick: int) -> None:
        del self.receipts[pick % len(self.receipts)]

    @rule()
    def fetch_latest_receipt(self) -> None:
        try:
            data = find_receipt(self.pair.district, self.pair.key_id)
        except DistrictError as error:
            assert error.code == "NO_RECEIPT" and not self.pair.district_bundles()
            return
        self._import(data)

    @rule()
    def backup(self) -> None:
        self.backups.append((self.pair.backup(), copy.deepcopy(self.village)))

    @rule(pick=st.integers(0, 63))
    def restore(self, pick: int) -> None:
        """Any backup taken so far (the first one is of the database before any sealing)."""
        source, model = self.backups[pick % len(self.backups)]
        self.pair.restore(source)
        self.village = copy.deepcopy(model)
        on_stick = {u for carried in self.in_bundle.values() for u in carried}
        self.forgotten |= self.approved - self.village.known - on_stick
        self.approved -= self.forgotten
        self.restored = True
        event("restore" + (" (needs catch-up)" if self.blocked() else ""))

    @precondition(lambda self: self.restored)
    @rule()
    def drain_after_restore(self) -> None:
        self.drain()  # then go on: later steps build on a drained state

    def drain(self) -> None:
        """Deliver everything, catch up, seal the rest, import every receipt: both sides must
        then agree exactly (after a restore too). Also run at the end of every example."""
        self.restored = False
        for sequence in sorted(self.stick):
            if sequence > self.pair.district_head():
                self._deliver(sequence)
        assert self.pair.district_head() == self.sealed_through
        event("drain" + (" (needs catch-up first)" if self.blocked() else ""))
        if self.blocked():
            self.fetch_latest_receipt()
            assert not self.blocked()
        if self.village.unsent:
            self.seal()
        for sequence, _sha, data in self.pair.pending():
            result = self.pair.ingest(data)
            assert result.outcome in ("applied", "duplicate") and result.receipt is not None
            self.delivered.add(sequence)
            self._import(result.receipt)
        assert self.pair.pending() == []
        applied = set(self.pair.district_applied())
        statuses = self.pair.statuses()
        assert self.approved <= applied, "an approved proposal never reached the district"
        accepted = {u for u, s in statuses.items() if s == "accepted_by_dinas"}
        assert accepted == applied & set(statuses)
        assert not {u for u, s in statuses.items() if s in WAITING}

    # --- invariants (one look at both databases after every step) ---------------------------

    @invariant()
    def both_sides_agree(self) -> None:
        now = self.pair.snapshot()
        self._district_sound(now)
        self._village_sound(now)
        self._nothing_lost(now)

    def _district_sound(self, now: Snapshot) -> None:
        assert all(n == 1 for n in now.applied.values()), "a proposal applied twice"
        assert set(now.applied) <= self.approved | self.forgotten, "district applied a phantom"
        assert now.head <= self.sealed_through and now.head <= now.marker
        assert now.alarms == [], "an honest village raised an alarm"
        assert {state for _, state in now.district_bundles.values()} <= {"applied", "held"}

    def _village_sound(self, now: Snapshot) -> None:
        """Diterima/ditolak Dinas only with the district's result; sent only while its bundle
        waits; the database holds exactly the bundles and approvals the model says."""
        accepted = {u for u, s in now.statuses.items() if s == "accepted_by_dinas"}
        assert accepted <= set(now.applied)
        assert "rejected_by_dinas" not in now.statuses.values()  # nothing here is refusable
        assert {u for u, s in now.statuses.items() if s == "sent"} <= now.sent_waiting
        assert {seq: sha for seq, (sha, _, _) in now.village_bundles.items()} == \
            self.village.bundles
        for sequence, (sha, state, receipt) in now.village_bundles.items():
            if state == "receipted":  # and a late "held" receipt did not make it look held
                assert now.district_bundles[sha] == (sequence, "applied")
                assert receipt == "applied"
        assert now.exportable == self.village.unsent

    def _nothing_lost(self, now: Snapshot) -> None:
        """Every approved proposal is at the district, or still waiting in the village, or on
        a stick the district has not yet taken."""
        undelivered = {u for seq, carried in self.in_bundle.items() if seq > now.head
                       for u in carried}
        for uuid in self.approved - set(now.applied):
            assert now.statuses.get(uuid) in WAITING or uuid in undelivered


SyncMachine.TestCase.settings = settings(
    max_examples=30, stateful_step_count=15, deadline=None,
    suppress_health_check=[HealthCheck.too_slow])
TestVillageAndDistrictAgree = SyncMachine.TestCase


def test_a_late_held_receipt_does_not_overwrite_the_applied_one() -> None:
    pair = SyncPair()
    try:
        pair.seal()
        pair.approve([(1, Decision.SETUJU)])
        pair.seal()
        (_, _, first), (_, _, second) = pair.pending()
        held = pair.ingest(second)  # bundle 2 before 1: a gap, receipt "held" (GAP)
        assert pair.ingest(first).released == (2,)
        pair.import_receipt(find_receipt(pair.district, pair.key_id))  # 2 applied
        assert held.receipt is not None
        pair.import_receipt(held.receipt)  # the USB stick's old receipt turns up later
        [info] = [b for b in bundle_list(pair.env, include_receipted=True) if b.sequence == 2]
        assert (info.state, info.receipt_status, info.receipt_reason) == \
            ("receipted", "applied", "")
    finally:
        pair.close()
