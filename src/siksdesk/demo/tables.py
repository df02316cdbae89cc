"""Column layout of the demo rows: tuples of SQLite storage values, in a fixed column order.

The order is ours (the store renders its INSERT in this order from the model's ``Table``); the
catalogue decides which answer columns exist, so a new catalogue variable simply stays empty in
the demo until the answer tables learn about it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from siksdesk.domain.variables import Entity, variables

Row = tuple[Any, ...]

ART_BASE: Final = ("id", "uuid", "keluarga_id", "idartbdt", "no_urut", "nama", "nik",
                   "nik_from_number", "temp_id")
ART_IDENTITY: Final = ("hubungan_krt", "hubungan_kk", "jenis_kelamin", "tanggal_lahir", "umur",
                       "tempat_lahir", "status_kawin", "nama_ibu_kandung")
ART_ANSWERS: Final = tuple(v.key for v in variables(Entity.ART) if v.key not in ART_IDENTITY)
ART_COLUMNS: Final = ART_BASE + ART_IDENTITY + ART_ANSWERS

RUTA_BASE: Final = ("id", "uuid", "idbdt", "no_urut", "alamat", "rt", "rw", "dusun",
                    "tanggal_verivali", "pencacah", "pemeriksa", "latitude", "longitude", "aktif",
                    "hasil_verivali", "luas_lantai")
RUTA_ANSWERS: Final = tuple(v.key for v in variables(Entity.RUTA) if v.key not in RUTA_BASE)
RUTA_COLUMNS: Final = RUTA_BASE + RUTA_ANSWERS

KELUARGA_COLUMNS: Final = ("id", "uuid", "ruta_id", "no_urut", "no_kk", "no_kk_from_number")

# Stored as ISO text (what SQLAlchemy writes for a Date column on SQLite).
DATE_COLUMNS: Final = frozenset({"tanggal_lahir", "tanggal_verivali"})


@dataclass(frozen=True, slots=True)
class DemoTable:
    name: str
    columns: tuple[str, ...]
    rows: list[Row]

    def __len__(self) -> int:
        return len(self.rows)

    def index(self, column: str) -> int:
        return self.columns.index(column)

    def column(self, column: str) -> list[Any]:
        at = self.columns.index(column)
        return [row[at] for row in self.rows]

    def replace(self, at: int, **changes: Any) -> None:
        """Change some values of row ``at`` (rows are tuples: the row is rebuilt)."""
        row = list(self.rows[at])
        for column, value in changes.items():
            row[self.columns.index(column)] = value
        self.rows[at] = tuple(row)

    def records(self) -> list[dict[str, Any]]:
        """The rows as dicts with Python values (ISO date text becomes ``date``)."""
        dates = [c for c in self.columns if c in DATE_COLUMNS]
        result = []
        for row in self.rows:
            record = dict(zip(self.columns, row, strict=True))
            for column in dates:
                if record[column] is not None:
                    record[column] = date.fromisoformat(record[column])
            result.append(record)
        return result
