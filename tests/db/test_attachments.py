"""Meeting attachments: copied into the data folder with their SHA-256, checked again later,
refused by content (not by name) and by size."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from siksdesk.paths import AppPaths
from siksdesk.services import attachments
from siksdesk.services.attachments import (
    AttachmentError,
    AttachmentKind,
    add_attachment,
    list_attachments,
    verify_attachments,
)

MEETING = "6f1c2a9e-0b7d-4c3e-9a51-2d8e7f4b1c00"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 4
PDF = b"%PDF-1.7\n% scan of the signed Berita Acara\n%%EOF\n"


def _file(folder: Path, name: str, content: bytes) -> Path:
    path = folder / name
    path.write_bytes(content)
    return path


def test_an_attachment_is_stored_with_its_hash_and_verified(tmp_path: Path) -> None:
    paths = AppPaths(tmp_path / "home")
    photo = add_attachment(paths, MEETING, _file(tmp_path, "IMG_0001.JPG", JPEG),
                           AttachmentKind.PHOTO, "op")
    scan = add_attachment(paths, MEETING, _file(tmp_path, "ba ditandatangani.pdf", PDF),
                          "signed_ba", "op")
    assert photo.sha256 == hashlib.sha256(JPEG).hexdigest() and photo.size == len(JPEG)
    assert (photo.kind, photo.media_type, photo.original_name) == ("photo", "image/jpeg",
                                                                   "IMG_0001.JPG")
    assert scan.media_type == "application/pdf" and scan.name.endswith(".pdf")
    folder = paths.home / "lampiran" / MEETING
    assert (folder / photo.name).read_bytes() == JPEG
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["meeting_uuid"] == MEETING
    assert [e["sha256"] for e in manifest["attachments"]] == [photo.sha256, scan.sha256]
    assert list_attachments(paths, MEETING) == [photo, scan]
    assert [c.status for c in verify_attachments(paths, MEETING)] == ["ok", "ok"]
    # the same photo again is listed once
    assert add_attachment(paths, MEETING, tmp_path / "IMG_0001.JPG", "photo", "op") == photo
    assert len(list_attachments(paths, MEETING)) == 2
    assert not list(folder.glob("*.part")) and not list(folder.glob(".*"))
    assert list_attachments(paths, "another-meeting") == []


def test_a_tampered_or_missing_file_is_detected(tmp_path: Path) -> None:
    paths = AppPaths(tmp_path / "home")
    photo = add_attachment(paths, MEETING, _file(tmp_path, "a.jpg", JPEG), "photo", "op")
    scan = add_attachment(paths, MEETING, _file(tmp_path, "b.pdf", PDF), "signed_sptjm", "op")
    folder = paths.home / "lampiran" / MEETING
    (folder / photo.name).write_bytes(JPEG[:-1] + b"\x00")
    (folder / scan.name).unlink()
    checks = verify_attachments(paths, MEETING)
    assert [(c.attachment.name, c.status) for c in checks] == [(photo.name, "changed"),
                                                               (scan.name, "missing")]
    assert not any(c.ok for c in checks)


def test_files_are_judged_by_their_content_and_size(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    paths = AppPaths(tmp_path / "home")
    exe = _file(tmp_path, "foto_musdes.jpg", b"MZ\x90\x00\x03" + bytes(200))
    with pytest.raises(AttachmentError) as error:
        add_attachment(paths, MEETING, exe, "photo", "op")
    assert error.value.code == "ATTACH_TYPE"
    assert "foto_musdes.jpg" in error.value.message() and "PDF" not in error.value.message()
    with pytest.raises(AttachmentError) as error:  # a PDF is a scan, not a photo
        add_attachment(paths, MEETING, _file(tmp_path, "x.jpg", PDF), "photo", "op")
    assert error.value.code == "ATTACH_TYPE"
    assert "or a PDF" not in error.value.message("en")
    with pytest.raises(AttachmentError) as error:
        add_attachment(paths, MEETING, _file(tmp_path, "e.pdf", b""), "signed_ba", "op")
    assert error.value.code == "ATTACH_TYPE"
    monkeypatch.setattr(attachments, "MAX_BYTES", 1000)
    with pytest.raises(AttachmentError) as error:
        add_attachment(paths, MEETING, _file(tmp_path, "big.jpg", JPEG * 2), "photo", "op")
    assert error.value.code == "ATTACH_TOO_LARGE"
    assert "terlalu besar" in error.value.message()
    with pytest.raises(AttachmentError) as error:
        add_attachment(paths, MEETING, tmp_path / "nowhere.jpg", "photo", "op")
    assert error.value.code == "ATTACH_NOT_FOUND"
    assert list_attachments(paths, MEETING) == []
    folder = paths.home / "lampiran" / MEETING
    assert not folder.exists() or not any(folder.iterdir())  # nothing left behind


def test_a_damaged_manifest_is_reported(tmp_path: Path) -> None:
    paths = AppPaths(tmp_path / "home")
    folder = paths.home / "lampiran" / MEETING
    folder.mkdir(parents=True)
    (folder / "manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(AttachmentError) as error:
        list_attachments(paths, MEETING)
    assert error.value.code == "ATTACH_MANIFEST"
    with pytest.raises(ValueError, match="uuid"):
        list_attachments(paths, "../etc")
