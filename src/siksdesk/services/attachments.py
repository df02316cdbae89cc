"""Attachments of a meeting: photos of the MusDes and the scan of the signed Berita Acara (or
the signed SPTJM), kept with their SHA-256.

The schema has no table for them yet, so they live as files in the data folder:
``<home>/lampiran/<meeting uuid>/`` holds the copies (named by kind, number and hash, never by
the original name) and ``manifest.json`` lists them (format ``siksdesk-lampiran/1``). Every
file, the manifest included, is written atomically (temp name in the folder, fsync, rename).
What a file *is* is read from its first bytes, never from its name: JPEG, PNG, WebP, HEIC,
TIFF, and PDF for the signed documents; anything else, or anything over ``MAX_BYTES``, is
refused (an empty file has no type, so it is refused too).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import IO, Final

from siksdesk.io.digest import file_sha256
from siksdesk.io.export_common import fsync_folder
from siksdesk.paths import AppPaths

__all__ = ["MAX_BYTES", "Attachment", "AttachmentCheck", "AttachmentError", "AttachmentKind",
           "add_attachment", "attachment_folder", "list_attachments", "verify_attachments"]

MAX_BYTES: Final = 20 * 1024 * 1024
MANIFEST: Final = "manifest.json"
FORMAT: Final = "siksdesk-lampiran/1"
_CHUNK: Final = 1024 * 1024


class AttachmentKind(StrEnum):
    PHOTO = "photo"
    SIGNED_BA = "signed_ba"
    SIGNED_SPTJM = "signed_sptjm"


@dataclass(frozen=True, slots=True)
class Attachment:
    name: str  # the stored file's name inside the meeting's folder
    original_name: str
    sha256: str
    size: int
    kind: str  # AttachmentKind
    media_type: str  # what its bytes say: image/jpeg, application/pdf, …
    added_at: str  # ISO, UTC, seconds
    added_by: str


@dataclass(frozen=True, slots=True)
class AttachmentCheck:
    attachment: Attachment
    path: Path
    status: str  # "ok" | "missing" | "changed"

    @property
    def ok(self) -> bool:
        return self.status == "ok"


_MESSAGES: Final = {
    "ATTACH_NOT_FOUND": ("Berkas {file} tidak ditemukan.", "File {file} was not found."),
    "ATTACH_TOO_LARGE": ("Berkas {file} terlalu besar ({size} MB); paling besar {limit} MB.",
                         "File {file} is too large ({size} MB); at most {limit} MB."),
    "ATTACH_TYPE": ("Berkas {file} bukan foto (JPEG, PNG, WebP, HEIC, TIFF){pdf}: isinya "
                    "tidak dikenali, apa pun nama berkasnya.",
                    "File {file} is not a photo (JPEG, PNG, WebP, HEIC, TIFF){pdf_en}: its "
                    "content is not recognised, whatever its name says."),
    "ATTACH_WRITE": ("Lampiran tidak dapat disimpan di {folder}: {reason}.",
                     "The attachment could not be stored in {folder}: {reason}."),
    "ATTACH_MANIFEST": ("Daftar lampiran di {folder} rusak dan tidak dapat dibaca.",
                        "The attachment list in {folder} is damaged and cannot be read."),
}


class AttachmentError(Exception):
    """An attachment refused or not stored; nothing was changed. ``message(lang)`` is for the
    operator (Indonesian default); ``str()`` is English and names only the file."""

    def __init__(self, code: str, **params: object) -> None:
        self.code, self.params = code, {k: str(v) for k, v in params.items()}
        super().__init__(f"{code}: {self.message('en')}")

    def message(self, lang: str = "id") -> str:
        text_id, text_en = _MESSAGES[self.code]
        text = text_en if lang.lower().startswith("en") else text_id
        return text.format(pdf_en=self.params.get("pdf", "") and " or a PDF", **self.params)


def attachment_folder(paths: AppPaths, meeting_uuid: str) -> Path:
    if not meeting_uuid or any(c in meeting_uuid for c in "/\\.:"):
        raise ValueError("not a meeting uuid")
    return paths.home / "lampiran" / meeting_uuid


def add_attachment(paths: AppPaths, meeting_uuid: str, source_file: Path,
                   kind: AttachmentKind | str, author: str) -> Attachment:
    """Copy ``source_file`` into the meeting's attachment folder and list it with its SHA-256.
    Photos must be images; signed BA/SPTJM scans may also be PDFs. The same content attached
    twice as the same kind is listed once (the existing entry is returned). Raises
    ``AttachmentError`` (too large, empty, wrong type, not found, cannot write)."""
    kind = AttachmentKind(kind)
    source = Path(source_file)
    folder = attachment_folder(paths, meeting_uuid)
    entries = _read_manifest(folder)
    try:
        with source.open("rb") as stream:
            media_type, suffix = _sniff(stream.read(32), source.name, kind)
            stream.seek(0)
            temp, digest, size = _copy(stream, folder, source.name)
    except FileNotFoundError:
        raise AttachmentError("ATTACH_NOT_FOUND", file=source.name) from None
    except IsADirectoryError:
        raise AttachmentError("ATTACH_NOT_FOUND", file=source.name) from None
    try:
        existing = next((e for e in entries if e.sha256 == digest and e.kind == kind), None)
        if existing is not None:
            return existing
        entry = Attachment(
            name=f"{kind.value}-{len(entries) + 1:03d}-{digest[:12]}{suffix}",
            original_name=source.name[:200], sha256=digest, size=size, kind=kind.value,
            media_type=media_type,
            added_at=datetime.now(UTC).replace(microsecond=0).isoformat(), added_by=author)
        os.replace(temp, folder / entry.name)
        try:
            _write_manifest(folder, meeting_uuid, [*entries, entry])
        except BaseException:
            (folder / entry.name).unlink(missing_ok=True)  # not listed: not kept
            raise
        return entry
    except OSError as exc:
        raise AttachmentError("ATTACH_WRITE", folder=str(folder),
                              reason=exc.strerror or type(exc).__name__) from None
    finally:
        temp.unlink(missing_ok=True)


def list_attachments(paths: AppPaths, meeting_uuid: str) -> list[Attachment]:
    """The meeting's attachments in the order they were added (none: an empty list)."""
    return _read_manifest(attachment_folder(paths, meeting_uuid))


def verify_attachments(paths: AppPaths, meeting_uuid: str) -> list[AttachmentCheck]:
    """Hash every listed file again: "ok", "missing" or "changed" (its bytes no longer match
    the SHA-256 stored when it was attached)."""
    folder = attachment_folder(paths, meeting_uuid)
    checks = []
    for entry in _read_manifest(folder):
        path = folder / entry.name
        try:
            digest = file_sha256(path)
        except FileNotFoundError:
            checks.append(AttachmentCheck(entry, path, "missing"))
            continue
        checks.append(AttachmentCheck(entry, path, "ok" if digest == entry.sha256 else "changed"))
    return checks


# --- content ----------------------------------------------------------------------------


def _sniff(head: bytes, name: str, kind: AttachmentKind) -> tuple[str, str]:
    """(media type, file suffix) from the first bytes; refuses what is not allowed."""
    found = _media_type(head)
    allow_pdf = kind is not AttachmentKind.PHOTO
    if found is None or (found[0] == "application/pdf" and not allow_pdf):
        raise AttachmentError("ATTACH_TYPE", file=name, pdf=" atau PDF" if allow_pdf else "")
    return found


def _media_type(head: bytes) -> tuple[str, str] | None:
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg", ".jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png", ".png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp", ".webp"
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"heif", b"hevc"):
        return "image/heic", ".heic"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "image/tiff", ".tif"
    if head.startswith(b"%PDF-"):
        return "application/pdf", ".pdf"
    return None


def _copy(stream: IO[bytes], folder: Path, name: str) -> tuple[Path, str, int]:
    """Copy into a temp file in ``folder`` while hashing, stopping past ``MAX_BYTES``."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(prefix=".lampiran.", suffix=".part", dir=folder)
    except OSError as exc:
        raise AttachmentError("ATTACH_WRITE", folder=str(folder),
                              reason=exc.strerror or type(exc).__name__) from None
    temp = Path(temp_name)
    digest, size = hashlib.sha256(), 0
    try:
        with os.fdopen(handle, "wb") as out:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                if size > MAX_BYTES:
                    raise AttachmentError("ATTACH_TOO_LARGE", file=name,
                                          size=_mb(_total_size(stream, size)),
                                          limit=_mb(MAX_BYTES))
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp, digest.hexdigest(), size


def _total_size(stream: IO[bytes], read: int) -> int:
    try:
        return os.fstat(stream.fileno()).st_size
    except (OSError, ValueError):
        return read


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


# --- the manifest -----------------------------------------------------------------------


def _read_manifest(folder: Path) -> list[Attachment]:
    path = folder / MANIFEST
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        return [Attachment(**entry) for entry in document["attachments"]]
    except FileNotFoundError:
        return []
    except (ValueError, KeyError, TypeError):
        raise AttachmentError("ATTACH_MANIFEST", folder=str(folder)) from None


def _write_manifest(folder: Path, meeting_uuid: str, entries: Sequence[Attachment]) -> None:
    document = {"format": FORMAT, "meeting_uuid": meeting_uuid,
                "attachments": [asdict(e) for e in entries]}
    handle, temp_name = tempfile.mkstemp(prefix=".manifest.", suffix=".part", dir=folder)
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(document, out, ensure_ascii=False, indent=1)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, folder / MANIFEST)
    finally:
        temp.unlink(missing_ok=True)
    fsync_folder(folder)
