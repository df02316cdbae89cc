"""The household's catalogue sections as tabs of the editor: one scrolling page per group of
sections, generated from the catalogue (a section added there gets a page of its own)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QScrollArea, QTabWidget, QWidget

from siksdesk.domain.variables import SECTIONS, Entity
from siksdesk.ui.editor.catalogue_form import CatalogueForm, Field

# Household sections shown together on one page, with their number of label/field columns.
RUTA_PAGES: tuple[tuple[tuple[str, ...], int], ...] = (
    (("perumahan",), 2), (("aset", "lahan", "ternak", "usaha"), 3), (("program_ruta",), 2))
HEADER_SECTIONS = ("status",)  # hasil_verivali is in the header


def ruta_pages() -> list[tuple[tuple[str, ...], int]]:
    listed = {key for keys, _columns in RUTA_PAGES for key in keys} | set(HEADER_SECTIONS)
    return [*RUTA_PAGES, *(((s.key,), 2) for s in SECTIONS
                           if s.entity is Entity.RUTA and s.key not in listed)]


class SectionPages(QObject):
    """Adds the pages to ``tabs``; reads and shows the household's catalogue values."""

    edited = Signal()

    def __init__(self, tabs: QTabWidget, *, lang: str) -> None:
        super().__init__(tabs)
        self.tabs = tabs
        self.forms: list[CatalogueForm] = []
        self.scrolls: list[QScrollArea] = []
        for keys, columns in ruta_pages():
            form = CatalogueForm(Entity.RUTA, keys, lang=lang, columns=columns,
                                 titled=len(keys) > 1)
            form.edited.connect(self.edited)
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            scroll.setWidget(form)
            titles = [s.label_en if lang == "en" else s.label_id
                      for s in SECTIONS if s.entity is Entity.RUTA and s.key in keys]
            tabs.addTab(scroll, " · ".join(titles))
            self.forms.append(form)
            self.scrolls.append(scroll)

    def values(self) -> dict[str, object]:
        values: dict[str, object] = {}
        for form in self.forms:
            values.update(form.values())
        return values

    def set_values(self, values: Mapping[str, Any]) -> None:
        for form in self.forms:
            form.set_values(values)

    def field(self, key: str) -> Field | None:
        return next((form.fields[key] for form in self.forms if key in form.fields), None)

    def focus(self, key: str) -> bool:
        for form, scroll in zip(self.forms, self.scrolls, strict=True):
            field = form.field(key)
            if field is not None:
                self.tabs.setCurrentWidget(scroll)
                scroll.ensureWidgetVisible(field.widget)
                field.focus_widget.setFocus()
                return True
        return False

    def focus_widgets(self) -> Iterator[QWidget]:
        for form in self.forms:
            yield from form.focus_widgets()
