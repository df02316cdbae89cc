"""The keyboard-shortcut sheet, read from the running desk so it cannot drift from the code:
every QAction with a shortcut (grouped by the menu that holds it), every button with a shortcut
of its own (not just the Alt+letter of its text) and every QShortcut, under the window or dock
they belong to. Shown as a table in the guide and saved as a printable PDF."""

from __future__ import annotations

import html
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QObject
from PySide6.QtGui import (
    QAction,
    QKeySequence,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QShortcut,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QDockWidget,
    QMainWindow,
    QMenu,
    QWidget,
    QWizardPage,
)

Root = tuple[str, QWidget]  # (group name, the widget whose shortcuts are listed)


@dataclass(frozen=True, slots=True)
class ShortcutEntry:
    group: str
    keys: str  # portable text, e.g. "Ctrl+Shift+N"; several sequences joined by ", "
    description: str


def collect_shortcuts(roots: Sequence[Root]) -> list[ShortcutEntry]:
    """Every shortcut reachable from ``roots``, in menu order, then in creation order."""
    entries: list[ShortcutEntry] = []
    seen: set[int] = set()
    for name, root in roots:
        if isinstance(root, QMainWindow):
            entries += _menu_entries(root, seen)
        entries += _action_entries(name, root, seen)
        entries += _button_entries(name, root)
        entries += _qshortcut_entries(name, root)
    return _unique(entries)


def key_text(sequences: Sequence[QKeySequence]) -> str:
    return ", ".join(s.toString(QKeySequence.SequenceFormat.PortableText)
                     for s in sequences if not s.isEmpty())


def plain(text: str) -> str:
    """A menu or button text without its mnemonic marker and trailing ellipsis."""
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.removesuffix("…").removesuffix("...").strip()


def _menu_entries(window: QMainWindow, seen: set[int]) -> Iterator[ShortcutEntry]:
    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            group = QCoreApplication.translate("ShortcutSheet", "Menu {menu}").format(
                menu=plain(menu.title()))
            yield from _menu_items(menu, group, seen)


def _menu_items(menu: QMenu, group: str, seen: set[int]) -> Iterator[ShortcutEntry]:
    for action in menu.actions():
        sub = action.menu()
        if isinstance(sub, QMenu):
            yield from _menu_items(sub, f"{group} › {plain(sub.title())}", seen)
        elif key_text(action.shortcuts()):
            seen.add(id(action))
            yield ShortcutEntry(group, key_text(action.shortcuts()), _describe_action(action))


def _action_entries(name: str, root: QWidget, seen: set[int]) -> Iterator[ShortcutEntry]:
    for action in root.findChildren(QAction):
        if id(action) in seen or not key_text(action.shortcuts()):
            continue
        seen.add(id(action))
        yield ShortcutEntry(_group(name, action), key_text(action.shortcuts()),
                            _describe_action(action))


def _button_entries(name: str, root: QWidget) -> Iterator[ShortcutEntry]:
    for button in root.findChildren(QAbstractButton):
        keys = button.shortcut()
        if keys.isEmpty() or keys == QKeySequence.mnemonic(button.text()):
            continue
        yield ShortcutEntry(_group(name, button), key_text([keys]),
                            plain(button.text()) or button.toolTip())


def _qshortcut_entries(name: str, root: QWidget) -> Iterator[ShortcutEntry]:
    for shortcut in root.findChildren(QShortcut):
        keys = key_text(shortcut.keys())
        if keys:
            yield ShortcutEntry(_group(name, shortcut), keys, _describe_shortcut(shortcut))


def _describe_action(action: QAction) -> str:
    return plain(action.text()) or action.toolTip()


def _describe_shortcut(shortcut: QShortcut) -> str:
    """Its "What's this", else the button beside it whose tooltip names the same key, else
    the page it works on."""
    if shortcut.whatsThis():
        return shortcut.whatsThis()
    parent = shortcut.parent()
    key = key_text(shortcut.keys())
    if isinstance(parent, QWidget):
        for button in parent.findChildren(QAbstractButton):
            tip = button.toolTip()
            if tip and key in tip.replace(",", " ").split():
                return plain(button.text())
    while isinstance(parent, QObject) and not isinstance(parent, QWizardPage | QDockWidget):
        parent = parent.parent()
    if isinstance(parent, QWizardPage):
        return parent.title()
    return ""


def _group(name: str, thing: QObject) -> str:
    """A dock's title for what lives in a dock, a wizard's title for its pages, else ``name``."""
    parent: QObject | None = thing
    while parent is not None:
        if isinstance(parent, QDockWidget):
            return parent.windowTitle()
        if isinstance(parent, QWidget) and parent.isWindow() and parent.parent() is not None:
            return parent.windowTitle() or name
        parent = parent.parent()
    return name


def _unique(entries: Sequence[ShortcutEntry]) -> list[ShortcutEntry]:
    return list(dict.fromkeys(entries))


def _groups(entries: Sequence[ShortcutEntry]) -> dict[str, list[ShortcutEntry]]:
    grouped: dict[str, list[ShortcutEntry]] = {}
    for entry in entries:
        grouped.setdefault(entry.group, []).append(entry)
    return grouped


def sheet_markdown(entries: Sequence[ShortcutEntry]) -> str:
    """One table; the group is named on its first row only (no headings: the chapter's headings
    stay the same in every language)."""
    where = QCoreApplication.translate("ShortcutSheet", "Where")
    key = QCoreApplication.translate("ShortcutSheet", "Keys")
    what = QCoreApplication.translate("ShortcutSheet", "What it does")
    rows = [f"| {where} | {key} | {what} |", "|---|---|---|"]
    for group, items in _groups(entries).items():
        for number, entry in enumerate(items):
            name = f"**{_cell(group)}**" if number == 0 else ""
            rows.append(f"| {name} | {_cell(entry.keys)} | {_cell(entry.description)} |")
    return "\n".join(rows) + "\n" if entries else ""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def sheet_html(entries: Sequence[ShortcutEntry], title: str) -> str:
    key = html.escape(QCoreApplication.translate("ShortcutSheet", "Keys"))
    what = html.escape(QCoreApplication.translate("ShortcutSheet", "What it does"))
    out = [f"<h1>{html.escape(title)}</h1>"]
    for group, items in _groups(entries).items():
        out.append(f"<h3>{html.escape(group)}</h3>")
        out.append("<table border='1' cellspacing='0' cellpadding='4' width='100%'>"
                   f"<tr><th align='left' width='30%'>{key}</th>"
                   f"<th align='left'>{what}</th></tr>")
        out += [f"<tr><td><b>{html.escape(e.keys)}</b></td><td>{html.escape(e.description)}"
                "</td></tr>" for e in items]
        out.append("</table>")
    return "".join(out)


def write_pdf(entries: Sequence[ShortcutEntry], path: Path, title: str) -> Path:
    """The sheet as an A4 PDF (for printing on the office printer)."""
    writer = QPdfWriter(str(path))
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    writer.setTitle(title)
    writer.setCreator("siksdesk")
    document = QTextDocument()
    document.setHtml(sheet_html(entries, title))
    document.print_(writer)
    return path
