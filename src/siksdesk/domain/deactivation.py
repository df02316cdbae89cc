"""Why a person or household leaves the registry (district practice, see domain.md).

The codes are stable identifiers stored in the database and sent to the district; the labels are
what the operator reads."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class DeactivationReason(StrEnum):
    MENINGGAL = "meninggal"
    PINDAH = "pindah"
    MAMPU = "mampu"
    TIDAK_DITEMUKAN = "tidak_ditemukan"
    GANDA = "ganda"
    MENOLAK = "menolak"
    PNS_TNI_POLRI = "pns_tni_polri"
    PEKERJA_MIGRAN = "pekerja_migran"


@dataclass(frozen=True, slots=True)
class ReasonLabel:
    id: str
    en: str

    def text(self, lang: str = "id") -> str:
        return self.en if lang == "en" else self.id


REASON_LABELS: dict[DeactivationReason, ReasonLabel] = {
    DeactivationReason.MENINGGAL: ReasonLabel("Meninggal", "Deceased"),
    DeactivationReason.PINDAH: ReasonLabel("Pindah", "Moved away"),
    DeactivationReason.MAMPU: ReasonLabel("Sudah mampu", "No longer poor"),
    DeactivationReason.TIDAK_DITEMUKAN: ReasonLabel("Tidak ditemukan", "Not found"),
    DeactivationReason.GANDA: ReasonLabel("Data ganda", "Duplicate record"),
    DeactivationReason.MENOLAK: ReasonLabel("Menolak bantuan", "Declines assistance"),
    DeactivationReason.PNS_TNI_POLRI: ReasonLabel("PNS/TNI/Polri/pensiunan",
                                                  "Civil servant/military/police/pensioner"),
    DeactivationReason.PEKERJA_MIGRAN: ReasonLabel("Menjadi pekerja migran",
                                                   "Became a migrant worker"),
}

# The district's rule for a NIK the civil registry cannot match: when the person is no longer
# eligible for one of these reasons, propose deactivation instead of fixing the NIK.
NIK_ISSUE_DEACTIVATION_REASONS: tuple[DeactivationReason, ...] = (
    DeactivationReason.MAMPU,
    DeactivationReason.MENINGGAL,
    DeactivationReason.PINDAH,
    DeactivationReason.TIDAK_DITEMUKAN,
)


def reason_label(reason: DeactivationReason | str, lang: str = "id") -> str:
    return REASON_LABELS[DeactivationReason(reason)].text(lang)
