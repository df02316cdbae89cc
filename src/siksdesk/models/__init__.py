"""SQLAlchemy models. Importing this package registers every table on ``Base.metadata``."""

from siksdesk.models.account import Account
from siksdesk.models.audit import AuditLog
from siksdesk.models.base import Base
from siksdesk.models.changelog import ChangeLog
from siksdesk.models.derived import FTS_TABLE, HouseholdIndex, RecordProblem
from siksdesk.models.exchange import (
    DuplicateDecision,
    ImportBatch,
    ImportProfile,
    NikIssue,
    SyncState,
)
from siksdesk.models.musdes import MusdesAttendee, MusdesMeeting
from siksdesk.models.programme import Programme, ProgrammeBeneficiary, ReplacementPair
from siksdesk.models.registry import Art, Keluarga, Ruta
from siksdesk.models.sync import (
    SyncBundle,
    SyncBundleItem,
    SyncDevice,
    SyncDistrictKey,
    SyncProfile,
    SyncReceipt,
    SyncUpdate,
)
from siksdesk.models.usulan import Usulan
from siksdesk.models.village import VillageProfile

__all__ = [
    "FTS_TABLE",
    "Account",
    "Art",
    "AuditLog",
    "Base",
    "ChangeLog",
    "DuplicateDecision",
    "HouseholdIndex",
    "ImportBatch",
    "ImportProfile",
    "Keluarga",
    "MusdesAttendee",
    "MusdesMeeting",
    "NikIssue",
    "Programme",
    "ProgrammeBeneficiary",
    "RecordProblem",
    "ReplacementPair",
    "Ruta",
    "SyncBundle",
    "SyncBundleItem",
    "SyncDevice",
    "SyncDistrictKey",
    "SyncProfile",
    "SyncReceipt",
    "SyncState",
    "SyncUpdate",
    "Usulan",
    "VillageProfile",
]
