"""Extract the UI strings into the Indonesian .ts file and compile it to .qm.

    .venv/bin/python scripts/update_translations.py          # lupdate + lrelease
    .venv/bin/python scripts/update_translations.py --check  # exit 1 if the .qm is stale

New strings arrive in ``siksdesk_id.ts`` marked "unfinished": translate them (Qt Linguist:
``.venv/bin/pyside6-linguist``, or by hand) and run this script again. Both files are committed;
tests/ui/test_i18n.py fails when they lag behind the code.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UI_DIR = ROOT / "src" / "siksdesk" / "ui"
TRANSLATIONS = ROOT / "src" / "siksdesk" / "resources" / "translations"
LANGUAGES = {"id": "id_ID"}


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease next to the running interpreter (the venv)."""
    folder = Path(sys.executable).parent
    for candidate in (folder / name, folder / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    return name  # fall back to PATH


def ui_sources() -> list[str]:
    return sorted(str(path) for path in UI_DIR.rglob("*.py"))


def lupdate(ts_file: Path, language: str) -> None:
    subprocess.run(
        [tool("pyside6-lupdate"), *ui_sources(), "-no-obsolete", "-locations", "none",
         "-target-language", language, "-silent", "-ts", str(ts_file)],
        check=True,
    )


def lrelease(ts_file: Path, qm_file: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts_file), "-qm", str(qm_file)],
                   check=True)


def qm_is_current(lang: str) -> bool:
    ts_file = TRANSLATIONS / f"siksdesk_{lang}.ts"
    qm_file = TRANSLATIONS / f"siksdesk_{lang}.qm"
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / qm_file.name
        lrelease(ts_file, fresh)
        return qm_file.exists() and fresh.read_bytes() == qm_file.read_bytes()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="only check that the .qm files are current")
    args = parser.parse_args(argv)
    if args.check:
        stale = [lang for lang in LANGUAGES if not qm_is_current(lang)]
        for lang in stale:
            print(f"siksdesk_{lang}.qm is out of date: run scripts/update_translations.py")
        return 1 if stale else 0
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    for lang, language in LANGUAGES.items():
        ts_file = TRANSLATIONS / f"siksdesk_{lang}.ts"
        lupdate(ts_file, language)
        lrelease(ts_file, TRANSLATIONS / f"siksdesk_{lang}.qm")
        print(f"updated {ts_file.relative_to(ROOT)} and its .qm")
    return 0


if __name__ == "__main__":
    sys.exit(main())
