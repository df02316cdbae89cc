"""The Usulan list and every page of the MusDes wizard for ``scripts/screenshots.py`` (and the
screens of tests/ui/main_screens.py): a few households of the demo village are edited, their
proposals marked ready, and a meeting is taken through the wizard on a ``SyncTaskRunner``.

    musdes_screens(village, lang, folder, save)   # save(widget, name)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget
from sqlalchemy import text

from siksdesk.app import AppContext
from siksdesk.db.session import read_session
from siksdesk.domain.accounts import DEMO_PASSWORD
from siksdesk.services.household_edit import load_household, save_household
from siksdesk.services.proposals import list_proposals, mark_ready
from siksdesk.ui.musdes_wizard import (
    AGENDA,
    ATTENDEES,
    DETAILS,
    FINALISE,
    ITEMS,
    SUMMARY,
    MusdesWizard,
)
from siksdesk.ui.tasks import SyncTaskRunner
from siksdesk.ui.usulan_view import UsulanView

Save = Callable[[QWidget, str], object]
APPROVER_PASSWORD = DEMO_PASSWORD  # the demo village's "kades" account
PAGES = {"details": DETAILS, "attendees": ATTENDEES, "agenda": AGENDA, "item": ITEMS,
         "summary": SUMMARY, "finalise": FINALISE, "finalised": FINALISE}
ATTENDEES_LIST = (("Hj. Siti Aminah", "bpd", "Ketua BPD"), ("Bambang Riyadi", "rt_rw", "RT 003"),
                  ("Ust. Mahfud", "tokoh_agama", ""), ("Dewi Lestari", "pendamping", "PKH"))


def prepare_proposals(ctx: AppContext, households: int = 3) -> None:
    """Edit ``households`` households of the village (a name, a death, the floor) and mark the
    proposals ready for the MusDes; does nothing when some are ready already."""
    with read_session(ctx.sessions) as session:
        if list_proposals(session, statuses=("ready",)):
            return
        ids = [r[0] for r in session.execute(text(
            "SELECT id FROM ruta ORDER BY id LIMIT :n OFFSET 5"), {"n": households})]
    for number, ruta_id in enumerate(ids):
        with read_session(ctx.sessions) as session:
            draft = load_household(session, ruta_id)
        family = draft.families[0]
        members = list(family.members)
        members[0] = dataclasses.replace(members[0], nama=members[0].nama + " Saputra")
        if number == 1 and len(members) > 1:
            members[-1] = dataclasses.replace(members[-1],
                                              values={**members[-1].values, "keberadaan": 2})
        values = {**draft.values, "jenis_lantai": 2} if number == 2 else draft.values
        draft = dataclasses.replace(draft, values=values, families=(
            dataclasses.replace(family, members=tuple(members)), *draft.families[1:]))
        save_household(ctx.sessions, draft, author="operator")
    with read_session(ctx.sessions) as session:
        drafts = [r.id for r in list_proposals(session, statuses=("draft",))]
    mark_ready(ctx.sessions, drafts, author="operator")


def usulan_view(ctx: AppContext, lang: str) -> UsulanView:
    prepare_proposals(ctx)
    view = UsulanView(ctx.sessions, SyncTaskRunner(), "operator", lang)
    view.resize(1280, 560)
    view.status_filter.setCurrentIndex(view.status_filter.findData("all"))
    view.refresh()
    return view


def wizard_at(ctx: AppContext, lang: str, page: str) -> MusdesWizard:
    """A wizard on ``page`` (a key of PAGES) of a meeting on the prepared proposals."""
    prepare_proposals(ctx)
    wizard = MusdesWizard(ctx.sessions, SyncTaskRunner(), "operator", lang, paths=ctx.paths)
    wizard.restart()  # a wizard that was never shown has no current page yet
    details = wizard.details
    details.place.setText("Balai Desa")
    details.chair.setText("Sutrisno")
    details.note_taker.setText("Rina Wulandari")
    target = PAGES[page]
    if target > DETAILS:
        _advance(wizard, ATTENDEES)
        if wizard.meeting is not None and not wizard.meeting.attendees:
            for name, role, title in ATTENDEES_LIST:
                wizard.attendees.name.setText(name)
                wizard.attendees.role.setCurrentIndex(wizard.attendees.role.findData(role))
                wizard.attendees.title_edit.setText(title)
                wizard.attendees.add()
    for step in (AGENDA, ITEMS):
        if target >= step:
            _advance(wizard, step)
    if target > ITEMS:
        from siksdesk.domain.musdes import Decision

        for decision in (Decision.SETUJU, Decision.TOLAK, Decision.SETUJU, Decision.TUNDA):
            step = wizard.items.current()
            if wizard.currentId() == ITEMS and step is not None and not step.decision:
                wizard.items.note.setText("" if decision is Decision.SETUJU else
                                          "Data belum lengkap")
                wizard.items.decide(decision)
        _advance(wizard, SUMMARY)
    if target >= FINALISE:
        _advance(wizard, FINALISE)
    if page == "finalised":
        wizard.finalise.initializePage()
        wizard.finalise.password.setText(APPROVER_PASSWORD)
        wizard.finalise.finalise()
    return wizard


def _advance(wizard: MusdesWizard, target: int) -> None:
    for _ in range(20):
        if wizard.currentId() >= target:
            return
        if wizard.currentId() == ITEMS:
            wizard.items.to_summary()
        else:
            wizard.next()
        QCoreApplication.processEvents()


def musdes_screens(village: AppContext, lang: str, folder: Path, save: Save) -> None:
    del folder  # nothing is written besides the pictures
    view = usulan_view(village, lang)
    view.show()
    save(view, "18_usulan")
    shown: list[QWidget] = [view]
    for number, page in enumerate(("details", "attendees", "agenda", "item", "summary",
                                   "finalise", "finalised")):
        wizard = wizard_at(village, lang, page)
        wizard.show()
        save(wizard, f"{19 + number}_musdes_{page}")
        wizard.close()
        shown.append(wizard)
    for widget in shown:
        widget.close()
        widget.deleteLater()
    QCoreApplication.processEvents()
