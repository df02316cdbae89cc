"""Reading stored receipts back (CLI ``receipt``, server ``/receipts/...``)."""

from __future__ import annotations

from sqlalchemy import select

from siksdesk.district.context import District
from siksdesk.district.db import read_session
from siksdesk.district.devices import find_device
from siksdesk.district.errors import DistrictError
from siksdesk.district.models import Receipt

__all__ = ["find_receipt"]


def find_receipt(district: District, key_id: str, sequence: int | None = None) -> bytes:
    """The latest receipt for the device (``sequence`` None) or for its bundle ``sequence``
    (the applied one's, else the latest issued for that number). DistrictError
    UNKNOWN_DEVICE / NO_RECEIPT."""
    with read_session(district.factory) as session:
        device = find_device(session, key_id.lower())
        if device is None:
            raise DistrictError("UNKNOWN_DEVICE", key_id=key_id)
        query = select(Receipt.data).where(Receipt.device_id == device.id)
        if sequence is not None:
            query = query.where(Receipt.sequence == sequence)
        # For a number that was forked, the answer for the applied bundle wins.
        data = session.scalars(query.order_by((Receipt.status == "applied").desc(),
                                              Receipt.id.desc()).limit(1)).first()
    if data is None:
        text = "" if sequence is None else f" #{sequence}"
        raise DistrictError("NO_RECEIPT", key_id=key_id, sequence_text=text)
    return data
