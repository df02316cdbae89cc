"""The audit-chain head round trip: the village seals its head into every bundle (``outbox``)
and keeps it on ``sync_bundle.audit_head``; the district echoes it in the receipt of an applied
bundle, and the village refuses a receipt that echoes another head (docs/audit-trail.md)."""

from __future__ import annotations

from typing import ClassVar

from siksdesk.models import SyncBundle
from siksdesk.sync.errors import Messages
from siksdesk.sync.payload_types import Receipt
from siksdesk.sync.village_types import VillageSyncError


class AuditHeadMismatch(VillageSyncError):
    MESSAGES: ClassVar[Messages] = {
        "RECEIPT_AUDIT_MISMATCH": (
            "Tanda terima paket no. {sequence} menyebut kepala rantai audit yang lain daripada "
            "yang dikirim desa. Tanda terima tidak diimpor; hubungi Dinas Sosial.",
            "The receipt for bundle no. {sequence} names another audit-chain head than the one "
            "the village sent. The receipt was not imported; contact the district office.",
        ),
    }


def check_receipt_head(bundle: SyncBundle, receipt: Receipt) -> None:
    """An applied bundle's receipt must echo the head sealed into it ("" for bundles sealed
    before the audit trail: their payload carried "" too)."""
    if receipt.status == "applied" and receipt.village_audit_head != bundle.audit_head:
        raise AuditHeadMismatch("RECEIPT_AUDIT_MISMATCH", sequence=bundle.sequence)
