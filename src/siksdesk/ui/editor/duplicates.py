"""Who else in the village carries the NIK or No. KK being edited: read in the background, shown
by the field as links ("also used by …")."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from siksdesk.db.session import read_session
from siksdesk.services.identifiers import DuplicateRef, find_kk_users, find_nik_users
from siksdesk.ui.id_fields import IdentifierField
from siksdesk.ui.tasks import Runner

log = logging.getLogger(__name__)


class DuplicateLookups:
    def __init__(self, sessions: sessionmaker[Session], runner: Runner) -> None:
        self.sessions, self.runner = sessions, runner

    def nik(self, field: IdentifierField, nik: str, exclude_art_id: int | None) -> None:
        self._run(field, nik, lambda s: find_nik_users(s, nik, exclude_art_id))

    def no_kk(self, field: IdentifierField, no_kk: str, exclude_keluarga_id: int | None) -> None:
        self._run(field, no_kk, lambda s: find_kk_users(s, no_kk, exclude_keluarga_id))

    def _run(self, field: IdentifierField, number: str,
             find: Callable[[Session], list[DuplicateRef]]) -> None:
        sessions = self.sessions

        def work(_progress: Any, _cancelled: Any) -> list[DuplicateRef]:
            with read_session(sessions) as session:
                return find(session)

        # A late answer for a number the field no longer shows is dropped by the field itself.
        self.runner.run(work, on_result=lambda refs: field.set_duplicates(refs, for_value=number),
                        on_error=_failed)


def _failed(error: BaseException) -> None:
    # Only the "also used by" hint is missing and the field's own check stands, but a failing
    # query is a bug: it goes to the crash dialog like every other unexpected error.
    log.warning("duplicate look-up failed")
    sys.excepthook(type(error), error, error.__traceback__)
