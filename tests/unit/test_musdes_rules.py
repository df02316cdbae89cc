"""The usulan status machine, edits folding into corrections, the bilingual rule messages and
the canonical decided set of a finalised meeting."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import replace

import pytest

from siksdesk.domain.deactivation import DeactivationReason
from siksdesk.domain.musdes import (
    DECIDED_SET_FORMAT,
    POST_FINAL_MOVES,
    TRANSITIONS,
    DecidedItem,
    MeetingRecord,
    Role,
    UsulanKind,
    UsulanStatus,
    allowed,
    canonical_decided_set,
    check_transition,
    decided_set_sha256,
    leaving_reason,
    merge_changes,
)
from siksdesk.domain.usulan_rules import (
    ProgrammeFacts,
    ReplacementPair,
    UsulanRuleError,
    check_replacements,
    rule_codes,
    rule_message,
)

S = UsulanStatus


def test_the_operator_moves_drafts_and_only_the_meeting_decides() -> None:
    assert allowed(S.DRAFT, S.SIAP_MUSDES, Role.OPERATOR)
    assert allowed(S.SIAP_MUSDES, S.DITARIK, Role.OPERATOR)
    assert allowed(S.SIAP_MUSDES, S.DISETUJUI, Role.MEETING)
    assert not allowed(S.SIAP_MUSDES, S.DISETUJUI, Role.OPERATOR)
    assert not allowed(S.DRAFT, S.DISETUJUI, Role.MEETING)  # only ready ones reach a meeting
    assert allowed(S.TERKIRIM, S.DITERIMA_DINAS, Role.DINAS)
    assert not allowed(S.TERKIRIM, S.DITERIMA_DINAS, Role.OPERATOR)


def test_withdrawn_rejected_and_district_decisions_are_terminal() -> None:
    for end in (S.DITARIK, S.DITERIMA_DINAS, S.DITOLAK_DINAS):
        assert not [pair for pair in TRANSITIONS if pair[0] == end]
    assert {b for a, b in TRANSITIONS if a == S.DITOLAK} <= {S.DISETUJUI, S.DITUNDA,
                                                              S.SIAP_MUSDES}  # open meeting
    assert set(TRANSITIONS) >= POST_FINAL_MOVES


def test_a_refused_transition_explains_itself_in_both_languages() -> None:
    with pytest.raises(UsulanRuleError) as error:
        check_transition(S.DITARIK, S.SIAP_MUSDES, Role.OPERATOR)
    assert error.value.code == "USULAN_TRANSITION"
    assert error.value.message() == ("Usulan berstatus “Ditarik” tidak bisa diubah menjadi "
                                     "“Siap MusDes”.")
    assert "“Withdrawn”" in error.value.message("en") and "“Withdrawn”" in str(error.value)
    with pytest.raises(UsulanRuleError) as error:
        check_transition(S.SIAP_MUSDES, S.DISETUJUI, Role.OPERATOR)
    assert error.value.code == "USULAN_ROLE"
    assert "musyawarah" in error.value.message()


def test_every_rule_message_fills_its_placeholders() -> None:
    params = {"current": S.DRAFT, "target": S.DITOLAK, "allowed": Role.KEPALA_DESA, "pair": 2,
              "programme": "PKH", "quota": 3, "after": 4, "count": 1, "minimum": 8,
              "detail": "tempat"}
    for code in rule_codes():
        for lang in ("id", "en"):
            text = rule_message(code, lang, **params)
            assert text and "{" not in text and "?" not in text, (code, lang)
    assert rule_message("NO_SUCH_CODE") == "NO_SUCH_CODE"


def test_corrections_keep_the_first_before_and_the_newest_after() -> None:
    first = merge_changes({}, {"nama": "Sutrisno", "no_urut": 1}, {"nama": "Sutrisna",
                                                                   "no_urut": 2})
    assert first == {"nama": {"before": "Sutrisno", "after": "Sutrisna"}}  # no_urut: bookkeeping
    second = merge_changes(first, {"nama": "Sutrisna", "nik": None},
                           {"nama": "Soetrisno", "nik": "3522011204780001"})
    assert second == {"nama": {"before": "Sutrisno", "after": "Soetrisno"},
                      "nik": {"before": None, "after": "3522011204780001"}}
    back = merge_changes(second, {"nama": "Soetrisno"}, {"nama": "Sutrisno"})
    assert back == {"nik": {"before": None, "after": "3522011204780001"}}


def test_leaving_codes_imply_a_deactivation_reason() -> None:
    assert leaving_reason("art", {"keberadaan": 2}) is DeactivationReason.MENINGGAL
    assert leaving_reason("ruta", {"hasil_verivali": 5}) is DeactivationReason.GANDA
    assert leaving_reason("art", {"keberadaan": 1}) is None
    assert leaving_reason("ruta", {"keberadaan": 2}) is None  # not a household field


def _record(items: list[DecidedItem]) -> MeetingRecord:
    return MeetingRecord(
        meeting_uuid="m-1", kind="musdes", held_on="2026-11-20", place="Balai desa",
        agenda="Usulan DTKS", chair="Bapak Kades", note_taker="Sekdes", statement="",
        finalised_by="Bapak Kades", finalised_at="2026-11-20T11:00:00",
        attendees=[("rt_rw", "Pak RT", "RT 003"), ("bpd", "Bu BPD", "Ketua BPD")], items=items)


def _item(uuid: str, decision: str = "approve") -> DecidedItem:
    return DecidedItem(usulan_uuid=uuid, kind=UsulanKind.PERBAIKAN.value, entity="art",
                       entity_uuid="a-" + uuid, ruta_uuid="r-1", reason="", note="",
                       changes={"nama": {"before": "Sutrisno", "after": "Soetrisno"}},
                       decision=decision, decision_note="cocok dengan KK")


def test_the_decided_set_is_canonical_and_its_hash_covers_every_decision() -> None:
    items = [_item("u-2"), _item("u-1", "reject")]
    record = _record(items)
    data = canonical_decided_set(record)
    assert data == canonical_decided_set(replace(record, items=items[::-1],
                                                 attendees=list(record.attendees)[::-1]))
    document = json.loads(data)
    assert document["format"] == DECIDED_SET_FORMAT
    assert [i["usulan_uuid"] for i in document["items"]] == ["u-1", "u-2"]
    assert document["attendees"][0] == ["bpd", "Bu BPD", "Ketua BPD"]
    assert data == json.dumps(document, sort_keys=True, separators=(",", ":"),
                              ensure_ascii=False).encode("utf-8")
    assert decided_set_sha256(record) == hashlib.sha256(data).hexdigest()
    assert re.fullmatch(r"[0-9a-f]{64}", decided_set_sha256(record))
    flipped = replace(record, items=[_item("u-2"), _item("u-1", "approve")])
    assert decided_set_sha256(flipped) != decided_set_sha256(record)


def test_replacement_example_explains_each_broken_rule() -> None:
    programme = ProgrammeFacts("PKH", quota=3, beneficiaries=frozenset({"a", "b", "c"}))
    pairs = [ReplacementPair("a", "meninggal", "x"),  # fine
             ReplacementPair("b", None, "c"),  # no reason; c already receives PKH
             ReplacementPair("z", "pindah", "y"),  # z is no beneficiary; y proposed out
             ReplacementPair(None, None, "q")]  # q not in the registry; quota exceeded
    check = check_replacements(programme, pairs, registry=frozenset({"a", "b", "c", "x", "y"}),
                               proposed_out=frozenset({"y"}),
                               reasons=[r.value for r in DeactivationReason])
    codes = [(f.code, f.pair) for f in check.findings]
    assert codes == [("REPL_EXIT_NO_REASON", 1), ("REPL_ENTRY_ALREADY_BENEFICIARY", 1),
                     ("REPL_EXIT_NOT_BENEFICIARY", 2), ("REPL_ENTRY_PROPOSED_OUT", 2),
                     ("REPL_ENTRY_NOT_IN_REGISTRY", 3), ("REPL_QUOTA_EXCEEDED", None)]
    assert not check.ok and (check.current, check.exits, check.entries) == (3, 3, 4)
    assert check.findings[0].message() == ("Pasangan ke-2: rumah tangga yang keluar belum "
                                           "diberi alasan.")
    assert "quota of 3" in check.findings[-1].message("en") and "4" in check.findings[-1].message()
