"""Setting up a real village: the village profile and its first two accounts in one
transaction, optionally the district profile (sync enrolment); and the move of the training
village out of the way (``start_real_village``) so that a real one can take its place.

Errors are typed and bilingual: ``VillageSetupError`` (this module), ``AccountError`` (a
username or password refused) and the sync errors of a district profile file;
``error_message(exc, lang)`` renders any of them. Nothing is written when one is raised.
"""

from __future__ import annotations

import logging
import os
import secrets
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Final

from sqlalchemy import func, select

from siksdesk.db.backup import BackupNotVerified, copy_verified
from siksdesk.db.session import unit_of_work
from siksdesk.domain.accounts import (
    AccountRole,
    check_display_name,
    check_new_password,
    normalise_username,
)
from siksdesk.models import Ruta, VillageProfile
from siksdesk.paths import DB_FILENAME, TRAINING_FOLDER, AppPaths
from siksdesk.services.accounts import AccountRow, Created, NewAccount, add_account, has_accounts
from siksdesk.services.village_files import (
    VILLAGE_FOLDERS,
    MoveJournal,
    StillOpen,
    ensure_closed,
    remove_database,
    remove_tree_quietly,
)
from siksdesk.services.village_setup_errors import (
    NAME_FIELDS,
    NAME_LIMIT,
    KodeDesaCheck,
    SetupProblem,
    VillageSetupError,
    check_kode_desa,
    error_message,
)
from siksdesk.sync.enrolment import DistrictProfile, read_profile
from siksdesk.sync.errors import SyncError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from siksdesk.sync.village_types import ProfileInfo

__all__ = [
    "KodeDesaCheck", "SetupProblem", "SetupResult", "VillageSetup", "VillageSetupError",
    "add_first_accounts", "check_kode_desa", "enrol", "error_message", "set_up_village",
    "start_real_village", "validate_setup",
]

log = logging.getLogger(__name__)

# --- the set-up ----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class VillageSetup:
    """Everything the set-up wizard collects. ``district_profile``: the bytes of the
    ``*.siksdesk-profile`` file the Dinas gave (None: enrol later in "Kirim ke Dinas")."""

    kode_desa: str
    nama_desa: str
    nama_kecamatan: str
    nama_kabupaten: str
    nama_provinsi: str
    operator: NewAccount
    approver: NewAccount
    district_profile: bytes | None = None

    @property
    def author(self) -> str:
        """Who the set-up's change log and audit entry name: the operator at the keyboard."""
        return self.operator.username.strip().lower()


@dataclass(frozen=True, slots=True)
class SetupResult:
    kode_desa: str
    nama_desa: str
    operator: AccountRow
    approver: AccountRow
    recovery_code: str  # the Kepala Desa's, shown once
    enrolment: ProfileInfo | None = None  # the district profile, when one was imported
    # A district profile that was given but could not be imported after the village was made
    # (the village stands; import the profile later in "Kirim ke Dinas").
    enrolment_problem: str | None = None
    enrolment_problem_en: str | None = None
    training_home: Path | None = None  # where the training village now lives


def validate_setup(setup: VillageSetup) -> DistrictProfile | None:
    """Every check that needs no database (run before anything is moved or written); returns
    the district profile read from ``setup.district_profile``."""
    check = check_kode_desa(setup.kode_desa)
    if check.error is not None:
        raise VillageSetupError(check.error.code, **dict(check.error.params))
    for field in NAME_FIELDS:
        value = getattr(setup, field).strip()
        if not value:
            raise VillageSetupError("NAME_MISSING", field=field)
        if len(value) > NAME_LIMIT:
            raise VillageSetupError("NAME_TOO_LONG", field=field, limit=NAME_LIMIT)
    if (AccountRole(setup.operator.role), AccountRole(setup.approver.role)) != (
            AccountRole.OPERATOR, AccountRole.KEPALA_DESA):
        raise VillageSetupError("ROLE_WRONG")
    for new in (setup.operator, setup.approver):
        username = normalise_username(new.username)
        check_display_name(new.display_name)
        check_new_password(new.password, username=username)
    if normalise_username(setup.operator.username) == normalise_username(
            setup.approver.username):
        raise VillageSetupError("SAME_USERNAME")
    if setup.district_profile is None:
        return None
    profile = read_profile(setup.district_profile)
    if profile.village_code != check.code:
        raise VillageSetupError("PROFILE_OTHER_VILLAGE", profile_village=profile.village_code,
                                village=check.code)
    if profile.training:
        raise VillageSetupError("PROFILE_IS_TRAINING")
    return profile


def set_up_village(factory: sessionmaker[Session], setup: VillageSetup, *,
                   home: Path | None = None) -> SetupResult:
    """Write the village profile (a real village: ``is_demo`` False) and both accounts in ONE
    transaction; then, when ``setup.district_profile`` is given, import it (its own
    transaction right after: ``sync.device.import_profile`` opens one of its own, and it needs
    this laptop's device key under ``home``/sync). A failed import leaves the village made and
    is reported in ``enrolment_problem``. Refuses a database whose village has households."""
    profile = validate_setup(setup)
    if profile is not None and home is None:
        raise ValueError("a district profile needs the data folder (home) for the device key")
    kode_desa = check_kode_desa(setup.kode_desa).code
    assert kode_desa is not None  # validate_setup checked it
    with unit_of_work(factory, setup.author) as session:
        _write_profile(session, setup, kode_desa)
        operator = add_account(session, setup.operator, created_by=setup.author)
        approver = add_account(session, setup.approver, created_by=setup.author)
    assert approver.recovery_code is not None  # a kepala_desa account always gets one
    log.info("real village set up (kode desa %s)", kode_desa)
    result = SetupResult(kode_desa, setup.nama_desa.strip(), operator.account,
                         approver.account, approver.recovery_code)
    if setup.district_profile is not None and home is not None:
        return enrol(factory, home, setup.district_profile, result, author=setup.author)
    return result


def enrol(factory: sessionmaker[Session], home: Path, data: bytes, result: SetupResult, *,
          author: str) -> SetupResult:
    """Import the district profile into the village just made; a refusal is reported in the
    result (the village stands either way)."""
    from siksdesk.sync.device import import_profile
    from siksdesk.sync.village_types import SyncEnv

    try:
        info = import_profile(SyncEnv(factory, home), data, author=author)
    except SyncError as exc:
        log.warning("district profile not imported at set-up: %s", exc.code)
        return replace(result, enrolment_problem=exc.message("id"),
                       enrolment_problem_en=exc.message("en"))
    return replace(result, enrolment=info)


def _write_profile(session: Session, setup: VillageSetup, kode_desa: str) -> None:
    households = session.scalar(select(func.count()).select_from(Ruta)) or 0
    row = session.get(VillageProfile, 1)
    if households:
        raise VillageSetupError("VILLAGE_EXISTS", households=households)
    row = row or VillageProfile(id=1)
    row.kode_desa, row.nama_desa = kode_desa, setup.nama_desa.strip()
    row.nama_kecamatan, row.nama_kabupaten = (setup.nama_kecamatan.strip(),
                                              setup.nama_kabupaten.strip())
    row.nama_provinsi, row.kode_bps, row.is_demo = setup.nama_provinsi.strip(), None, False
    session.add(row)
    session.flush()


def add_first_accounts(factory: sessionmaker[Session], operator: NewAccount,
                       approver: NewAccount) -> SetupResult:
    """The first two accounts of a village made before accounts existed (one transaction).
    Refuses a database without a village profile or that already has accounts."""
    if (AccountRole(operator.role), AccountRole(approver.role)) != (
            AccountRole.OPERATOR, AccountRole.KEPALA_DESA):
        raise VillageSetupError("ROLE_WRONG")
    author = normalise_username(operator.username)
    if author == normalise_username(approver.username):
        raise VillageSetupError("SAME_USERNAME")
    with unit_of_work(factory, author) as session:
        village = session.get(VillageProfile, 1)
        if village is None:
            raise VillageSetupError("NO_VILLAGE")
        if has_accounts(session):
            raise VillageSetupError("ACCOUNTS_EXIST")
        made: tuple[Created, Created] = (add_account(session, operator, created_by=author),
                                         add_account(session, approver, created_by=author))
        kode_desa, nama_desa = village.kode_desa, village.nama_desa
    recovery = made[1].recovery_code
    assert recovery is not None
    return SetupResult(kode_desa, nama_desa, made[0].account, made[1].account, recovery)


# --- from the training village to a real one -----------------------------------------------------

MOVE_STEPS: Final = 4


def start_real_village(paths: AppPaths, setup: VillageSetup, *,
                       progress: Callable[[int, int], None] | None = None) -> SetupResult:
    """Set up a real village in the data folder ``paths``, moving a training village that is
    there into ``paths.training`` (``<home>/latihan/``, replacing an older one).

    The caller must have closed every connection to ``paths.database`` first (the GUI closes
    its AppContext); a ``-wal`` left by another open connection is refused (TRAINING_IN_USE).
    The training database itself is never moved until the very end: the real village is built
    in a work folder (``open_app`` → migrations → ``set_up_village``), the training village is
    copied through SQLite's backup API and ``integrity_check``-ed, its folders (sync, lampiran,
    backups) are renamed into ``latihan/``, and one atomic rename puts the real database in
    place. A failure or a power cut before that rename leaves the training village where it was;
    a failure undoes the renames and removes the work folder, so no half-made real database
    remains. The district profile (if any) is imported right after, into the real village."""
    validate_setup(setup)
    report = progress or _no_progress
    current = _village_of(paths.database)
    if current is None:
        return _set_up_in_place(paths, setup)
    if not current:
        raise VillageSetupError("NOT_TRAINING")
    report(0, MOVE_STEPS)
    work = paths.home / f".siksdesk-setup-{secrets.token_hex(4)}"
    journal = MoveJournal()
    try:
        result = _switch(paths, setup, work, journal, report)
    except BaseException as exc:
        failed = journal.undo()
        if failed:
            raise VillageSetupError("RESTORE_FAILED", folder=str(work)) from exc
        raise _as_setup_error(exc) from exc
    journal.forget()
    remove_tree_quietly(work)
    log.info("training village moved to %s; real village set up", paths.training.home.name)
    report(MOVE_STEPS, MOVE_STEPS)
    result = replace(result, training_home=paths.training.home)
    if setup.district_profile is not None:
        result = _enrol_at(paths, setup, result)
    return result


def _switch(paths: AppPaths, setup: VillageSetup, work: Path, journal: MoveJournal,
            report: Callable[[int, int], None]) -> SetupResult:
    training = paths.training
    ensure_closed(paths.database)
    ensure_closed(training.database)
    work.mkdir(parents=True)
    journal.created(work)
    real = work / DB_FILENAME
    result = _build_real(paths, real, setup)
    report(1, MOVE_STEPS)
    staged = work / f"{TRAINING_FOLDER}.sqlite3"
    copy_verified(paths.database, staged)
    report(2, MOVE_STEPS)
    if not training.home.exists():
        training.home.mkdir(parents=True)
        journal.created(training.home)
    journal.move_village(training.database, work / "older" / DB_FILENAME)
    for folder in VILLAGE_FOLDERS:
        journal.move(paths.home / folder, training.home / folder)
    journal.move(staged, training.database)
    report(3, MOVE_STEPS)
    # The switch: atomic, and the training file it replaces has its verified copy in latihan/.
    os.replace(real, paths.database)
    return result


def _build_real(paths: AppPaths, database: Path, setup: VillageSetup) -> SetupResult:
    from siksdesk.app import open_app

    ctx = open_app(paths, database)
    try:
        result = set_up_village(ctx.sessions, replace(setup, district_profile=None))
    finally:
        ctx.close()
    ensure_closed(database)
    return result


def _set_up_in_place(paths: AppPaths, setup: VillageSetup) -> SetupResult:
    """A data folder without any village: set it up where it is (a database made here and
    refused is removed again)."""
    from siksdesk.app import open_app

    made = not paths.database.exists()
    try:
        ctx = open_app(paths)
        try:
            return set_up_village(ctx.sessions, setup, home=paths.home)
        finally:
            ctx.close()
    except BaseException:
        if made:
            remove_database(paths.database)
        raise


def _enrol_at(paths: AppPaths, setup: VillageSetup, result: SetupResult) -> SetupResult:
    from siksdesk.app import open_app

    assert setup.district_profile is not None
    ctx = open_app(paths)
    try:
        return enrol(ctx.sessions, paths.home, setup.district_profile, result,
                     author=setup.author)
    finally:
        ctx.close()


def _village_of(database: Path) -> bool | None:
    """None: no village in ``database`` (or no database); else whether it is a training
    village."""
    if not database.exists():
        return None
    uri = database.resolve().as_uri() + "?mode=ro"
    try:
        with closing(sqlite3.connect(uri, uri=True)) as conn:
            row = conn.execute("SELECT is_demo FROM village_profile WHERE id = 1").fetchone()
    except sqlite3.OperationalError:  # no village_profile table yet
        return None
    return None if row is None else bool(row[0])


def _as_setup_error(exc: BaseException) -> BaseException:
    if isinstance(exc, StillOpen):
        return VillageSetupError("TRAINING_IN_USE")
    if isinstance(exc, BackupNotVerified):
        return VillageSetupError("TRAINING_COPY_FAILED", detail=str(exc)[:80])
    if isinstance(exc, OSError):
        return VillageSetupError("MOVE_FAILED", folder=str(Path(exc.filename or "").parent))
    return exc


def _no_progress(_done: int, _total: int) -> None:
    return None
