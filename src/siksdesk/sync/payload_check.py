"""Strict field access for payload validation: every failure is a ``PayloadError`` naming the
field path (``records[3].niks[0].nik``), never the offending value."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from typing import Final

from siksdesk.sync.errors import PayloadError
from siksdesk.sync.payload_types import DATE, DATETIME, NIK, UUID

__all__ = ["MAX_DEPTH", "MAX_KEY", "Obj", "check_json"]

MAX_INT: Final = 2**63 - 1
MAX_DEPTH: Final = 8
MAX_KEY: Final = 100
_LEAVES: Final = frozenset({str, int, bool, float})
_PLAIN_KEY = re.compile(r"[a-z_][a-z0-9_]{0,39}", re.ASCII)
UUID_RE: Final = re.compile(UUID, re.ASCII)
NIK_RE: Final = re.compile(NIK, re.ASCII)
DATE_RE: Final = re.compile(DATE, re.ASCII)
DATETIME_RE: Final = re.compile(DATETIME, re.ASCII)


def _shown_key(name: object) -> str:
    """A key name for an error message: only plain identifiers (a key could be a NIK)."""
    return name if isinstance(name, str) and _PLAIN_KEY.fullmatch(name) else "?"


class Obj:
    """A JSON object at ``path`` with exactly the keys ``keys``."""

    __slots__ = ("data", "path")

    def __init__(self, value: object, path: str, keys: frozenset[str]) -> None:
        if not isinstance(value, dict):
            raise PayloadError("BAD_TYPE", field=path or "(payload)", expected="object")
        if value.keys() != keys:
            for name in sorted(keys - value.keys()):
                raise PayloadError("MISSING_FIELD", field=self._join(path, name))
            for name in value.keys() - keys:
                raise PayloadError("UNKNOWN_FIELD", field=self._join(path, _shown_key(name)))
        self.data: Mapping[str, object] = value
        self.path = path

    @staticmethod
    def _join(path: str, name: str) -> str:
        return f"{path}.{name}" if path else name

    def field(self, name: str) -> str:
        return self._join(self.path, name)

    def value(self, name: str) -> object:
        return self.data[name]

    def text(self, name: str, limit: int, pattern: re.Pattern[str] | None = None,
             code: str = "BAD_VALUE") -> str:
        """A string of at most ``limit`` characters that fully matches ``pattern`` if given
        (else PayloadError ``code``)."""
        value = self.data[name]
        if type(value) is str and len(value) <= limit and (
                pattern is None or pattern.fullmatch(value) is not None):
            return value
        if not isinstance(value, str):
            raise PayloadError("BAD_TYPE", field=self.field(name), expected="text")
        if type(value) is not str:  # a StrEnum member handed to a builder
            return self.text_of(name, str(value), limit, pattern, code)
        if len(value) > limit:
            raise PayloadError("TOO_LONG", field=self.field(name), limit=limit)
        raise PayloadError(code, field=self.field(name))

    def text_of(self, name: str, value: str, limit: int, pattern: re.Pattern[str] | None,
                code: str) -> str:
        if len(value) > limit:
            raise PayloadError("TOO_LONG", field=self.field(name), limit=limit)
        if pattern is not None and pattern.fullmatch(value) is None:
            raise PayloadError(code, field=self.field(name))
        return value

    def uuid(self, name: str) -> str:
        return self.text(name, 36, UUID_RE, "BAD_UUID")

    def nik(self, name: str) -> str:
        return self.text(name, 16, NIK_RE, "BAD_NIK")

    def date(self, name: str, *, optional: bool = False) -> str:
        """``YYYY-MM-DD`` (a real calendar day); ``""`` too when ``optional``."""
        value = self.text(name, 10, None)
        if optional and value == "":
            return value
        try:
            if DATE_RE.fullmatch(value) is not None:
                date.fromisoformat(value)
                return value
        except ValueError:
            pass
        raise PayloadError("BAD_DATE", field=self.field(name))

    def moment(self, name: str) -> str:
        """An ISO 8601 date or date-time (a real one)."""
        value = self.text(name, 40, None)
        try:
            if DATETIME_RE.fullmatch(value) is not None:
                datetime.fromisoformat(value)
                return value
        except ValueError:
            pass
        raise PayloadError("BAD_DATE", field=self.field(name))

    def number(self, name: str) -> int:
        """A non-negative integer that fits a signed 64-bit column (not a bool)."""
        value = self.data[name]
        if type(value) is not int:
            raise PayloadError("BAD_TYPE", field=self.field(name), expected="integer")
        if not 0 <= value <= MAX_INT:
            raise PayloadError("BAD_VALUE", field=self.field(name))
        return value

    def flag(self, name: str) -> bool:
        value = self.data[name]
        if not isinstance(value, bool):
            raise PayloadError("BAD_TYPE", field=self.field(name), expected="boolean")
        return value

    def choice(self, name: str, options: frozenset[str]) -> str:
        value = self.data[name]
        if not isinstance(value, str) or value not in options:
            raise PayloadError("BAD_VALUE", field=self.field(name))
        return value

    def items(self, name: str, limit: int) -> Iterator[tuple[str, object]]:
        """(path, item) for each element of the list ``name`` (at most ``limit``)."""
        value = self.data[name]
        if not isinstance(value, list | tuple):
            raise PayloadError("BAD_TYPE", field=self.field(name), expected="list")
        if len(value) > limit:
            raise PayloadError("TOO_MANY", field=self.field(name), limit=limit)
        prefix = self.field(name)
        for index, item in enumerate(value):
            yield f"{prefix}[{index}]", item


def check_json(value: object, path: str) -> dict[str, object]:
    """Check a free-form JSON object (``changes``, ``snapshot``): only JSON types, finite
    numbers, string keys of at most ``MAX_KEY`` characters, nesting at most ``MAX_DEPTH``."""
    if not isinstance(value, dict):
        raise PayloadError("BAD_TYPE", field=path, expected="object")
    _check_node(value, path, 0)
    return dict(value)


def _check_node(value: object, path: str, depth: int) -> None:
    """Iterative walk; paths are built only for containers (most leaves are scalars)."""
    stack: list[tuple[object, str, int]] = [(value, path, depth)]
    while stack:
        node, where, level = stack.pop()
        if level >= MAX_DEPTH:
            raise PayloadError("TOO_DEEP", field=where, limit=MAX_DEPTH)
        children: Iterable[tuple[object, object]]
        if isinstance(node, dict):
            for key in node:
                if type(key) is not str or len(key) > MAX_KEY:
                    raise PayloadError("BAD_VALUE", field=f"{where}.?")
            children = node.items()
        elif isinstance(node, list | tuple):
            children = enumerate(node)
        else:
            raise PayloadError("BAD_TYPE", field=where, expected="JSON value")
        for key, child in children:
            kind = type(child)
            if kind is float and not math.isfinite(child):  # type: ignore[arg-type]
                raise PayloadError("BAD_VALUE", field=_child_path(where, key))
            if child is None or kind in _LEAVES or isinstance(child, str | int | float):
                continue
            stack.append((child, _child_path(where, key), level + 1))


def _child_path(where: str, key: object) -> str:
    return f"{where}[{key}]" if type(key) is int else f"{where}.{_shown_key(key)}"
