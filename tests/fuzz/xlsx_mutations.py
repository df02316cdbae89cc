"""Hypothesis strategies that damage a valid .xlsx: its zip container (byte flips, truncation,
removed, swapped, duplicated or renamed members) and the XML inside (tag names, attribute values,
text, huge dimensions, entity declarations, cut spans)."""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from collections.abc import Sequence
from typing import Any

from hypothesis import strategies as st

Members = list[tuple[str, bytes]]
Op = tuple[Any, ...]


def read_members(data: bytes) -> Members:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info.filename, archive.read(info.filename)) for info in archive.infolist()]


def write_members(members: Members, stored: bool) -> bytes:
    buffer = io.BytesIO()
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w", method) as archive:
        warnings.simplefilter("ignore", UserWarning)  # a duplicated member is on purpose
        for name, data in members:
            archive.writestr(zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0)), data, method)
    return buffer.getvalue()


_TAG = re.compile(rb"</?([A-Za-z][\w:.-]*)")
_ATTR = re.compile(rb'="([^"]*)"')
_TEXT = re.compile(rb">([^<]+)<")

WEIRD_TEXT = st.one_of(
    st.text(max_size=30).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.sampled_from([b"", b"-1", b"1e308", b"99999999999999999999", b"#N/A", b"=SUM(A1)",
                     b"&amp;", b"&bogus;", b"&#0;", b"&#x110000;", b"\xff\xfe", b"0" * 5000,
                     b"3.52201E+15", b"\xef\xbc\x93\xef\xbc\x95", b"NaN", b"INF"]),
)
WEIRD_ATTR = st.one_of(
    WEIRD_TEXT,
    st.sampled_from([b"A1", b"XFD1048576", b"A0", b"A1048577", b"ZZZZ1", b"s", b"n", b"str",
                     b"inlineStr", b"e", b"b", b"d", b"1", b"0", b"-5", b"4294967296", b"true",
                     b"A1:XFD1048576", b"rId999", b"/xl/worksheets/sheet1.xml", b"../../x"]),
)
TAG_NAME = st.sampled_from([b"c", b"v", b"row", b"sheetData", b"si", b"t", b"f", b"is",
                            b"mergeCell", b"sheet", b"x", b"dimension", b"worksheet", b""])
ENTITY = st.sampled_from([
    b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>',
    b'<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>',
    b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
    b'<!DOCTYPE x SYSTEM "http://127.0.0.1:9/x.dtd">',
])
DIMENSION = st.sampled_from([b"A1:XFD1048576", b"A1:Z1000000", b"A1", b"", b"B2:A1",
                             b"A1:XFE9999999"])


def _nth(pattern: re.Pattern[bytes], data: bytes, index: int) -> re.Match[bytes] | None:
    found = list(pattern.finditer(data))
    return found[index % len(found)] if found else None


def mutate_xml(data: bytes, op: Op) -> bytes:
    kind = op[0]
    if kind == "tag" and (m := _nth(_TAG, data, op[1])):
        return data[:m.start(1)] + op[2] + data[m.end(1):]
    if kind == "attr" and (m := _nth(_ATTR, data, op[1])):
        return data[:m.start(1)] + op[2] + data[m.end(1):]
    if kind == "text" and (m := _nth(_TEXT, data, op[1])):
        return data[:m.start(1)] + op[2] + data[m.end(1):]
    if kind == "entity":
        at = data.find(b"?>") + 2 if data.startswith(b"<?xml") else 0
        use = b"&c;" if b"ENTITY c" in op[1] else b"&e;" if b"ENTITY e" in op[1] else b"&a;"
        body = _TEXT.sub(lambda m: b">" + use + b"<", data[at:], count=1)
        return data[:at] + op[1] + body
    if kind == "dimension":
        if b"<dimension" in data:
            return re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="' + op[1] + b'"', data)
        return data.replace(b"<sheetData", b'<dimension ref="' + op[1] + b'"/><sheetData', 1)
    if kind == "cut" and data:
        at = op[1] % len(data)
        return data[:at] + data[at + op[2]:]
    return data


XML_OP = st.one_of(
    st.tuples(st.just("tag"), st.integers(0, 500), TAG_NAME),
    st.tuples(st.just("attr"), st.integers(0, 500), WEIRD_ATTR),
    st.tuples(st.just("text"), st.integers(0, 500), WEIRD_TEXT),
    st.tuples(st.just("entity"), ENTITY),
    st.tuples(st.just("dimension"), DIMENSION),
    st.tuples(st.just("cut"), st.integers(0, 10**6), st.integers(1, 200)),
)
_CONTENT = st.integers(0, 2)  # the sheet, the shared strings or the workbook part
ZIP_OP = st.one_of(
    st.tuples(st.just("xml"), _CONTENT, XML_OP),
    st.tuples(st.just("xml"), _CONTENT, XML_OP),
    st.tuples(st.just("xml"), _CONTENT, XML_OP),
    st.tuples(st.just("xml"), st.integers(0, 50), XML_OP),
    st.tuples(st.just("drop"), st.integers(0, 50)),
    st.tuples(st.just("swap"), st.integers(0, 50), st.integers(0, 50)),
    st.tuples(st.just("duplicate"), st.integers(0, 50)),
    st.tuples(st.just("rename"), st.integers(0, 50),
              st.sampled_from(["xl/workbook.bin", "x/../../evil.xml", "xl/worksheets/sheet2.xml",
                               "[Content_Types].xml", "XL/WORKBOOK.XML", "/abs.xml"])),
)
BYTE_OP = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 10**6), st.integers(1, 255)),
    st.tuples(st.just("truncate"), st.integers(0, 10**6)),
    st.tuples(st.just("insert"), st.integers(0, 10**6), st.binary(min_size=1, max_size=16)),
)


_PRIORITY = {"xl/worksheets/sheet1.xml": 0, "xl/sharedStrings.xml": 1, "xl/workbook.xml": 2}


def mutate_zip(members: Members, op: Op) -> Members:
    members = list(members)
    index = op[1] % len(members) if members else 0
    kind = op[0]
    if not members:
        return members
    if kind == "xml":
        order = sorted(range(len(members)), key=lambda i: _PRIORITY.get(members[i][0], 9))
        index = order[op[1] % len(order)]
        name, data = members[index]
        members[index] = (name, mutate_xml(data, op[2]))
    elif kind == "drop":
        del members[index]
    elif kind == "swap":
        other = op[2] % len(members)
        (a, da), (b, db) = members[index], members[other]
        members[index], members[other] = (a, db), (b, da)
    elif kind == "duplicate":
        members.append(members[index])
    elif kind == "rename":
        members[index] = (op[2], members[index][1])
    return members


def mutate_bytes(data: bytes, op: Op) -> bytes:
    at = op[1] % (len(data) + 1)
    if op[0] == "flip" and at < len(data):
        return data[:at] + bytes([data[at] ^ op[2]]) + data[at + 1:]
    if op[0] == "truncate":
        return data[:at]
    if op[0] == "insert":
        return data[:at] + op[2] + data[at:]
    return data


def damaged(original: bytes, zip_ops: Sequence[Op], stored: bool,
            byte_ops: Sequence[Op]) -> bytes:
    """``original`` (a valid .xlsx) with zip-level and XML-level damage, then raw bytes."""
    members = read_members(original)
    for op in zip_ops:
        members = mutate_zip(members, op)
    data = write_members(members, stored)
    for op in byte_ops:
        data = mutate_bytes(data, op)
    return data


DAMAGE = {"zip_ops": st.lists(ZIP_OP, min_size=1, max_size=3), "stored": st.booleans(),
          # raw byte damage mostly ends in FILE_DAMAGED (CRC): one example in four
          "byte_ops": st.lists(BYTE_OP, min_size=1, max_size=2) | st.just([]) | st.just([])
          | st.just([])}
