"""Tooltips for the catalogue's variables, wherever one is shown (form fields, their labels,
list and table column headers): the label in both languages, the explanation, the code list
as the district's Excel files write it, the allowed range and the Excel column.

Rich text, so that Qt wraps a long explanation instead of drawing one very wide line."""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Protocol

from PySide6.QtCore import QCoreApplication

from siksdesk.domain.variables import Entity, Variable, VarType, variable


class _Keyed(Protocol):
    @property
    def key(self) -> str: ...


def header_tooltips(columns: Iterable[_Keyed | str], lang: str | None,
                    entity: Entity = Entity.RUTA) -> tuple[str | None, ...]:
    """For each column (or column key): the tooltip of the catalogue variable it shows, None
    for a column that is not a catalogue variable."""
    tips: list[str | None] = []
    for column in columns:
        key = column if isinstance(column, str) else column.key
        try:
            tips.append(variable_tooltip(variable(entity, key), lang or "id"))
        except KeyError:
            tips.append(None)
    return tuple(tips)


def variable_tooltip(var: Variable, lang: str) -> str:
    other_lang = "id" if lang == "en" else "en"
    title = f"<b>{html.escape(var.label(lang))}</b>"
    if var.label(other_lang) != var.label(lang):
        title += f" <i>({html.escape(var.label(other_lang))})</i>"
    parts = [title]
    if var.help(lang):
        parts.append(html.escape(var.help(lang)))
    parts.extend(_answers(var, lang))
    if var.required:
        parts.append(html.escape(QCoreApplication.translate(
            "VariableHelp", "Required: the list counts it as a data problem while empty.")))
    for column in var.excel.values():
        parts.append(html.escape(QCoreApplication.translate(
            "VariableHelp", "Excel column: {column}").format(column=column)))
    return "<p style='white-space:normal'>" + "<br>".join(parts) + "</p>"


def _answers(var: Variable, lang: str) -> list[str]:
    if var.vtype is VarType.YESNO and var.yes_no is not None:
        text = QCoreApplication.translate("VariableHelp", "Codes: {yes} = Yes, {no} = No")
        return [html.escape(text.format(yes=var.yes_no.yes, no=var.yes_no.no))]
    if var.vtype in (VarType.CODE, VarType.FLAGS) and var.codes:
        heading = QCoreApplication.translate("VariableHelp", "Codes:") \
            if var.vtype is VarType.CODE else QCoreApplication.translate(
                "VariableHelp", "Values (added up when several apply):")
        lines = [f"&nbsp;&nbsp;{code.value} – {html.escape(code.label(lang))}"
                 for code in var.codes]
        return [html.escape(heading), *lines]
    if var.vtype in (VarType.INT, VarType.DECIMAL) and var.maximum is not None:
        low = var.minimum if var.minimum is not None else 0
        text = QCoreApplication.translate("VariableHelp", "From {low} to {high}")
        return [html.escape(text.format(low=_number(low), high=_number(var.maximum)))]
    return []


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
