"""House rule 1: dependencies point inward, and only ui/ touches Qt."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "siksdesk"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _modules(outside: str | None = None) -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if outside is None or outside not in p.parts]


def test_only_ui_imports_pyside6() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in _modules(outside="ui")
        if any(name.split(".")[0] in {"PySide6", "shiboken6"} for name in _imports(path))
    ]
    assert offenders == []


@pytest.mark.parametrize(
    ("layer", "forbidden"),
    [
        ("domain", {"siksdesk.models", "siksdesk.db", "siksdesk.services", "siksdesk.io",
                    "siksdesk.sync", "siksdesk.ui", "sqlalchemy", "alembic"}),
        ("models", {"siksdesk.db", "siksdesk.services", "siksdesk.io", "siksdesk.sync",
                    "siksdesk.ui"}),
        ("services", {"siksdesk.ui"}),
        ("db", {"siksdesk.services", "siksdesk.ui"}),
    ],
)
def test_layers_point_inward(layer: str, forbidden: set[str]) -> None:
    offenders = []
    for path in (PACKAGE / layer).rglob("*.py"):
        for name in _imports(path):
            if any(name == f or name.startswith(f + ".") for f in forbidden):
                offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert offenders == []


def test_the_checker_sees_imports(tmp_path: Path) -> None:
    sample = tmp_path / "m.py"
    sample.write_text("from PySide6.QtCore import QObject\nimport sqlalchemy.orm\n")
    assert _imports(sample) == {"PySide6.QtCore", "sqlalchemy.orm"}
