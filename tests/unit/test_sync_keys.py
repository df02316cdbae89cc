"""Key ids, fingerprints, public identities and private-key files."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import stat
from pathlib import Path

import pytest

from siksdesk.sync.errors import KeyFileError
from siksdesk.sync.keys import (
    KeyPair,
    PublicIdentity,
    atomic_write,
    b64decode_strict,
    fingerprint,
    key_id,
    load_private,
)

PAIR = KeyPair.from_seeds(b"\x11" * 32, b"\x22" * 32)


def test_key_id_and_fingerprint_follow_the_contract() -> None:
    identity = PAIR.identity
    digest = hashlib.sha256(b"siksdesk-key-id-v1" + identity.signing + identity.encryption)
    assert key_id(identity) == PAIR.key_id == digest.digest()[:16]
    text = base64.b32encode(digest.digest()[:15]).decode()
    assert fingerprint(identity) == PAIR.fingerprint == "-".join(
        text[i:i + 4] for i in range(0, 24, 4))
    assert len(PAIR.fingerprint) == 29 and PAIR.fingerprint.count("-") == 5


def test_different_keys_have_different_ids() -> None:
    other = KeyPair.from_seeds(b"\x11" * 32, b"\x23" * 32)  # only the encryption key differs
    assert other.key_id != PAIR.key_id and other.fingerprint != PAIR.fingerprint


def test_generated_pairs_are_fresh_and_sign() -> None:
    first, second = KeyPair.generate(), KeyPair.generate()
    assert first.key_id != second.key_id
    signature = first.sign(b"pesan")
    assert first.identity.verify(signature, b"pesan")
    assert not first.identity.verify(signature, b"pesan lain")
    assert not second.identity.verify(signature, b"pesan")
    assert not first.identity.verify(b"short", b"pesan")


def test_public_identity_checks_sizes_and_base64() -> None:
    with pytest.raises(ValueError):
        PublicIdentity(b"\x00" * 31, b"\x00" * 32)
    signing, encryption = PAIR.identity.to_b64()
    assert PublicIdentity.from_b64(signing, encryption) == PAIR.identity
    for bad in (signing[:-2], signing + "=", " " + signing, signing.replace("=", ""), "é"):
        with pytest.raises(ValueError):
            PublicIdentity.from_b64(bad, encryption)
    with pytest.raises(ValueError):
        b64decode_strict(base64.b64encode(b"x" * 31).decode(), 32)


def test_repr_never_shows_private_keys() -> None:
    assert repr(PAIR) == f"KeyPair(key_id={PAIR.key_id.hex()})"


def test_save_and_load(tmp_path: Path) -> None:
    path = tmp_path / "new" / "sync" / "device.key"
    PAIR.save_private(path)
    loaded = load_private(path)
    assert loaded.key_id == PAIR.key_id and loaded.seeds() == PAIR.seeds()
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert [p.name for p in path.parent.iterdir()] == ["device.key"]  # no temp file left


def test_passphrase_protected_file(tmp_path: Path) -> None:
    path = tmp_path / "district.key"
    PAIR.save_private(path, passphrase="rahasia desa")
    text = path.read_text()
    assert base64.b64encode(b"\x11" * 32).decode()[:20] not in text
    assert load_private(path, passphrase="rahasia desa").key_id == PAIR.key_id
    for passphrase, code in ((None, "KEY_FILE_NEEDS_PASSPHRASE"),
                             ("salah", "KEY_FILE_PASSPHRASE")):
        with pytest.raises(KeyFileError) as info:
            load_private(path, passphrase=passphrase)
        assert info.value.code == code


@pytest.mark.parametrize("content", [
    b"", b"not json", b"[]", json.dumps({"format": "other"}).encode(), b" " * 70_000,
])
def test_bad_key_files(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "device.key"
    path.write_bytes(content)
    with pytest.raises(KeyFileError) as info:
        load_private(path)
    assert info.value.code == "KEY_FILE_BAD"


def test_tampered_key_file(tmp_path: Path) -> None:
    path = tmp_path / "device.key"
    PAIR.save_private(path)
    document = json.loads(path.read_text())
    document["key_id"] = "00" * 16
    path.write_text(json.dumps(document))
    with pytest.raises(KeyFileError) as info:
        load_private(path)
    assert info.value.code == "KEY_FILE_BAD"
    document["keys"] = "AAAA"
    path.write_text(json.dumps(document))
    with pytest.raises(KeyFileError):
        load_private(path)


def test_missing_key_file(tmp_path: Path) -> None:
    with pytest.raises(KeyFileError) as info:
        load_private(tmp_path / "none.key")
    assert info.value.code == "KEY_FILE_MISSING"
    assert "not found" in str(info.value)
    assert "tidak ditemukan" in info.value.message()


def test_atomic_write_keeps_the_old_file_on_failure(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "bundle.bin"
    atomic_write(path, b"old")
    atomic_write(path, b"new", mode=0o644)
    assert path.read_bytes() == b"new"

    def broken_replace(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        atomic_write(path, b"newer")
    assert path.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["bundle.bin"]
