"""``siksdesk import FILE --kind invalid-nik [--dry-run] [--json]``: the district's invalid-NIK
list. ``siksdesk.commands.import_file`` parses the arguments and delegates to ``run_import``.

Exit status (as for the BNBA import): 0 applied or previewed cleanly, 1 the file was rejected
(nothing written) or some row was rejected (the other rows are still imported unless
``--dry-run``). Rows matching no one or several people are results, not failures. The output
never carries a full NIK or a name: rows are named by their Excel row number, NIKs are masked.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, TextIO

from siksdesk.commands import DatabaseRefused, opened_database

EXIT_OK, EXIT_REJECTED = 0, 1

_STATUS_WORDS = {
    "id": {"matched": "cocok", "ambiguous": "lebih dari satu kemungkinan",
           "unmatched": "tidak ditemukan di data desa", "existing": "sudah ada di daftar",
           "rejected": "ditolak"},
    "en": {"matched": "matched", "ambiguous": "more than one candidate",
           "unmatched": "not found in the village data", "existing": "already listed",
           "rejected": "rejected"},
}
_WORDS = {
    "id": {"file": "File {file}, lembar {sheet} (judul kolom di baris {header})",
           "preview": "Pratinjau — belum ada yang disimpan:",
           "applied": "Diimpor (batch {batch}): {count} baris masuk daftar Perbaikan NIK.",
           "row": "Baris {row}", "by": "lewat"},
    "en": {"file": "File {file}, sheet {sheet} (header in row {header})",
           "preview": "Preview — nothing has been saved:",
           "applied": "Imported (batch {batch}): {count} rows added to the NIK-fix list.",
           "row": "Row {row}", "by": "by"},
}


def run_import(args: argparse.Namespace, out: TextIO) -> int:

    lang = "en" if getattr(args, "lang", None) == "en" else "id"
    try:
        with opened_database(args, out) as ctx:
            return _run(ctx.sessions, Path(args.file), lang=lang, dry_run=bool(args.dry_run),
                        as_json=bool(getattr(args, "json", False)), author=_author(args),
                        out=out)
    except DatabaseRefused:
        return EXIT_REJECTED


def _author(args: argparse.Namespace) -> str:
    author = getattr(args, "author", None)
    if author:
        return str(author)[:80]
    import getpass

    try:
        return f"cli:{getpass.getuser()}"[:80]
    except (OSError, KeyError):
        return "cli"


def _run(sessions: Any, path: Path, *, lang: str, dry_run: bool, as_json: bool, author: str,
         out: TextIO) -> int:
    from siksdesk.db.session import read_session
    from siksdesk.services.nik_issues import (
        REJECTIONS,
        apply_invalid_nik_import,
        preview_invalid_nik_file,
    )

    try:
        if dry_run:
            with read_session(sessions) as session:
                preview = preview_invalid_nik_file(session, path)
            batch_id = None
        else:
            result = apply_invalid_nik_import(sessions, path, author=author)
            preview, batch_id = result.preview, result.batch_id
    except REJECTIONS as exc:
        if as_json:
            _dump({"ok": False, "file": path.name, "code": exc.code,
                   "message": exc.message(lang)}, out)
        else:
            out.write(exc.message(lang) + "\n")
        return EXIT_REJECTED
    if as_json:
        _dump(_as_json(preview, batch_id, lang), out)
    else:
        out.write(_as_text(preview, batch_id, lang))
    return EXIT_OK if preview.counts["rejected"] == 0 else EXIT_REJECTED


def _dump(payload: dict[str, Any], out: TextIO) -> None:
    json.dump(payload, out, ensure_ascii=False, indent=2)
    out.write("\n")


def _as_json(preview: Any, batch_id: int | None, lang: str) -> dict[str, Any]:
    return {
        "file": preview.file_name, "sheet": preview.sheet, "header_row": preview.header_row,
        "ok": preview.counts["rejected"] == 0, "dry_run": batch_id is None, "batch_id": batch_id,
        "counts": preview.counts, "matched_by": preview.by_key,
        "rows": [{
            "row": row.source_row, "status": row.status, "matched_by": row.matched_by,
            "art_id": row.art_id, "ruta_id": row.ruta_id, "candidates": list(row.candidates),
            "nik_masked": row.nik_masked,
            "problems": [{"code": n.code, "column": n.column, "message": n.message(lang)}
                         for n in row.notes],
        } for row in preview.rows],
    }


def _as_text(preview: Any, batch_id: int | None, lang: str) -> str:
    words, statuses = _WORDS[lang], _STATUS_WORDS[lang]
    lines = [words["file"].format(file=preview.file_name, sheet=preview.sheet,
                                  header=preview.header_row)]
    if batch_id is None:
        lines.append(words["preview"])
    for status, count in preview.counts.items():
        detail = ""
        if status == "matched" and preview.by_key:
            detail = " (" + ", ".join(f"{words['by']} {k}: {v}"
                                      for k, v in sorted(preview.by_key.items())) + ")"
        lines.append(f"  {statuses[status]}: {count}{detail}")
    for row in preview.rows:
        if row.status == "matched" and not row.notes:
            continue
        head = words["row"].format(row=row.source_row)
        lines.append(f"{head} [{row.nik_masked}]: {statuses[row.status]}. {row.message(lang)}")
    if batch_id is not None:
        lines.append(words["applied"].format(batch=batch_id, count=preview.to_store))
    return "\n".join(lines) + "\n"
