"""SQLAlchemy models. Importing this package registers every table on ``Base.metadata``."""

from siksdesk.models.base import Base
from siksdesk.models.changelog import ChangeLog
from siksdesk.models.derived import FTS_TABLE, HouseholdIndex, RecordProblem
from siksdesk.models.registry import Art, Keluarga, Ruta
from siksdesk.models.village import VillageProfile

__all__ = [
    "FTS_TABLE",
    "Art",
    "Base",
    "ChangeLog",
    "HouseholdIndex",
    "Keluarga",
    "RecordProblem",
    "Ruta",
    "VillageProfile",
]
