"""The change digest's fast encoding gives exactly the bytes of the plain ``json`` encoding it
replaces (the audit chain of every existing database depends on them)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from siksdesk.domain import audit_chain
from siksdesk.domain.audit_chain import digest_rows, rows_json

_REFERENCE = json.JSONEncoder(ensure_ascii=True, separators=(",", ":"), allow_nan=False).encode

_VALUES = st.one_of(
    st.none(),
    st.integers(min_value=-(2**70), max_value=2**70),  # beyond 64 bits: orjson refuses
    st.text(),  # any code point: control characters, DEL, non-ASCII, lone surrogates
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=127)),
    st.booleans(),
    st.floats(allow_nan=False, allow_infinity=False),
)


@given(st.lists(st.lists(_VALUES, max_size=10).map(tuple), min_size=1, max_size=20))
@settings(max_examples=400, deadline=None)
def test_rows_json_is_the_plain_encoding(rows: list[tuple[Any, ...]]) -> None:
    assert rows_json(rows) == _REFERENCE(rows).encode("ascii")


def test_change_log_rows_as_stored() -> None:
    rows = [(7, "2026-11-24 08:00:00.000000", "operator", "import", "insert", "art",
             "0b3c-uuid", "ruta-uuid", None, '{"nama":"SITI","nik":"3522011203900001",'
             '"tgl_lahir":"1990-03-12","aktif":true}'),
            (8, "2026-11-24 08:00:00.000000", "operator", "edit", "update", "art", "u", None,
             '{"nama":"Siti Ä"}', '{"nama":"Siti\\u00c4 \x7f"}')]
    assert rows_json(rows) == _REFERENCE(rows).encode("ascii")
    plain = [(1, "".join(map(chr, range(128))), None, -5)]  # every ASCII character, DEL too
    assert rows_json(plain) == _REFERENCE(plain).encode("ascii")
    assert digest_rows(rows) == digest_rows(list(map(list, rows)))


def test_plain_rows_take_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(_rows: Any) -> str:
        raise AssertionError("json used for plain rows")

    monkeypatch.setattr(audit_chain, "_ROWS", refuse)
    rows = [(1, "2026-11-24 08:00:00.000000", "op", "import", "insert", "art", "u", None, None,
             '{"nama":"BUDI"}')]
    assert rows_json(rows) == _REFERENCE(rows).encode("ascii")
