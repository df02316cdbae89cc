"""Work with the unfinished entries of the Indonesian .ts file without Qt Linguist.

    .venv/bin/python scripts/fill_translations.py --dump FILE.json   # unfinished → JSON
    .venv/bin/python scripts/fill_translations.py --fill FILE.json   # JSON → .ts (then run
                                                                     # update_translations.py)

The JSON is a list of {"context": ..., "source": ..., "translation": ...}; --dump writes it with
empty translations for a translator to fill; --fill takes every non-empty translation whose
context and source match an entry of the .ts and marks it finished. Placeholders such as
{count} or %1 must survive translation: --fill refuses a translation that loses one.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS_FILE = ROOT / "src" / "siksdesk" / "resources" / "translations" / "siksdesk_id.ts"
PLACEHOLDER = re.compile(r"\{[a-z_]*\}|%\d|%n")


def entries(tree: ET.ElementTree) -> list[tuple[str, ET.Element, ET.Element]]:
    found = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None:
                found.append((name, message, translation))
    return found


def dump(tree: ET.ElementTree, target: Path) -> int:
    unfinished = [{"context": name, "source": message.findtext("source") or "",
                   "translation": ""}
                  for name, message, translation in entries(tree)
                  if translation.get("type") == "unfinished"]
    target.write_text(json.dumps(unfinished, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(unfinished)} unfinished entries written to {target}")
    return 0


def fill(tree: ET.ElementTree, source: Path) -> int:
    wanted = {(item["context"], item["source"]): item["translation"]
              for item in json.loads(source.read_text(encoding="utf-8"))
              if item.get("translation")}
    filled, refused = 0, []
    for name, message, translation in entries(tree):
        text = wanted.get((name, message.findtext("source") or ""))
        if text is None:
            continue
        original = message.findtext("source") or ""
        if sorted(PLACEHOLDER.findall(original)) != sorted(PLACEHOLDER.findall(text)):
            refused.append(f"{name}: {original!r} -> {text!r}")
            continue
        translation.text = text
        translation.attrib.pop("type", None)
        filled += 1
    with TS_FILE.open("wb") as handle:
        handle.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(handle, encoding="utf-8", xml_declaration=False)
    print(f"{filled} entries filled")
    for line in refused:
        print(f"refused (placeholders differ): {line}", file=sys.stderr)
    return 1 if refused else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--dump", type=Path)
    group.add_argument("--fill", type=Path)
    args = parser.parse_args()
    tree = ET.parse(TS_FILE)
    return dump(tree, args.dump) if args.dump else fill(tree, args.fill)


if __name__ == "__main__":
    sys.exit(main())
