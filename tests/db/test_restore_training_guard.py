"""A copy of the training village never replaces a real village (or a database too damaged to
tell); a real village's backup may replace the training village — that is how a village moves
to a new laptop."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from siksdesk.db.migrate import ensure_schema
from siksdesk.services.backup_errors import BackupError
from siksdesk.services.backup_restore import restore_backup, restored_flag_path
from siksdesk.services.backups import create_backup
from siksdesk.services.training import is_training_database, may_hold_real_village


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("restore-guard")
    ensure_schema(folder / "siksdesk.sqlite3", folder / "backups")
    return folder / "siksdesk.sqlite3"


def _village(template: Path, folder: Path, *, training: bool | None) -> Path:
    """A closed database in ``folder``: the training village, a real one, or (None) none."""
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "siksdesk.sqlite3"
    shutil.copyfile(template, db)
    if training is not None:
        with sqlite3.connect(db) as conn:
            conn.execute("INSERT INTO village_profile (id, kode_desa, nama_desa, nama_kecamatan, "
                         "nama_kabupaten, nama_provinsi, is_demo) VALUES (1, '3522142010', "
                         "'Kedaton', 'Kapas', 'Bojonegoro', 'Jawa Timur', ?)", (int(training),))
        conn.close()
    return db


def _backup_of(template: Path, tmp_path: Path, *, training: bool) -> Path:
    source = _village(template, tmp_path / ("source-training" if training else "source-real"),
                      training=training)
    entry = create_backup(source, source.parent / "backups")
    return source.parent / "backups" / entry.file


def test_the_kinds_of_database(template: Path, tmp_path: Path) -> None:
    training = _village(template, tmp_path / "a", training=True)
    real = _village(template, tmp_path / "b", training=False)
    empty = _village(template, tmp_path / "c", training=None)
    broken = tmp_path / "d.sqlite3"
    broken.write_bytes(b"no database here" * 64)
    assert is_training_database(training) and not may_hold_real_village(training)
    assert not is_training_database(real) and may_hold_real_village(real)
    assert not is_training_database(empty) and not may_hold_real_village(empty)
    assert not is_training_database(broken) and may_hold_real_village(broken)
    assert not may_hold_real_village(tmp_path / "missing.sqlite3")


@pytest.mark.parametrize("current", ["real", "unreadable"])
def test_a_training_backup_never_replaces_a_real_village(template: Path, tmp_path: Path,
                                                         current: str) -> None:
    home = tmp_path / "home"
    db = _village(template, home, training=False)
    if current == "unreadable":
        db.write_bytes(b"damaged village" * 64)
    before = db.read_bytes()
    backup = _backup_of(template, tmp_path, training=True)
    with pytest.raises(BackupError) as refused:
        restore_backup(home, db, backup)
    assert refused.value.code == "BACKUP_TRAINING_OVER_REAL"
    assert backup.name in refused.value.message("id") and backup.name in refused.value.message(
        "en")
    assert db.read_bytes() == before
    assert not restored_flag_path(home).exists()
    assert not [p for p in home.iterdir() if p.name.startswith(".")]  # no staged copy left


@pytest.mark.parametrize(("current", "restored"), [(True, False), (True, True), (None, True)])
def test_other_restores_go_ahead(template: Path, tmp_path: Path, current: bool | None,
                                 restored: bool) -> None:
    home = tmp_path / "home"
    db = _village(template, home, training=current)
    restore_backup(home, db, _backup_of(template, tmp_path, training=restored))
    assert is_training_database(db) is restored
