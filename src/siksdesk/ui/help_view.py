"""The guide window ("Panduan"): chapters on the left (filtered by the search box), the chapter
on the right, opened at a chapter and anchor. F1 opens it — in the household editor at the
explanation of the field that has the cursor. The "Pintasan keyboard" chapter carries the
shortcut sheet read from the running desk, which can be saved as a PDF for printing.

The desk wires it with one call: ``install_help(window, editor, lang)``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QUrl
from PySide6.QtGui import (
    QAction,
    QColor,
    QKeySequence,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from siksdesk.ui.help_content import CATALOGUE_CHAPTER, Chapter, load_chapters
from siksdesk.ui.i18n import normalise_lang
from siksdesk.ui.pseudo import mark_data_text
from siksdesk.ui.shortcut_sheet import (
    Root,
    ShortcutEntry,
    collect_shortcuts,
    sheet_markdown,
    write_pdf,
)

SHORTCUTS_CHAPTER = "pintasan"
EDITOR_TARGET = ("mengenal", "editor")  # F1 in the editor outside a catalogue field
Shortcuts = Callable[[], Sequence[ShortcutEntry]]
_HIGHLIGHT = QColor("#ffe680")
_MAX_HIGHLIGHTS = 300


class HelpWindow(QDialog):
    """Non-modal; ``open_at(chapter, anchor)`` shows a place in the guide."""

    def __init__(self, lang: str | None, shortcuts: Shortcuts | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.lang = normalise_lang(lang)
        self.shortcuts = shortcuts
        self.chapters: list[Chapter] = []
        self.current: Chapter | None = None
        self.setWindowTitle(QCoreApplication.translate("HelpWindow", "Guide — siksdesk"))
        self._build()
        self.reload()
        self.resize(1100, 680)

    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText(QCoreApplication.translate(
            "HelpWindow", "Search the guide…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.found = QLabel()
        self.found.setWordWrap(True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        mark_data_text(self.list)  # chapter titles come from the guide's own files
        self.list.currentItemChanged.connect(self._chapter_chosen)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._follow)
        self.browser.document().setDocumentMargin(16)
        self.pdf_button = QPushButton(QCoreApplication.translate(
            "HelpWindow", "Save the shortcut sheet as PDF…"))
        self.pdf_button.clicked.connect(lambda: self.save_sheet())
        self.close_button = QPushButton(QCoreApplication.translate("HelpWindow", "Close"))
        self.close_button.clicked.connect(self.close)
        self.message = QLabel()
        mark_data_text(self.message)  # a file path
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.search)
        column.addWidget(self.found)
        column.addWidget(self.list, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([280, 820])
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

    # -- content -----------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the guide again (the shortcut sheet follows the desk as it is now)."""
        entries = self.shortcuts() if self.shortcuts is not None else ()
        self.chapters = load_chapters(self.lang, shortcuts=sheet_markdown(entries))
        key = self.current.key if self.current is not None else None
        self.list.blockSignals(True)
        self.list.clear()
        for chapter in self.chapters:
            item = QListWidgetItem(chapter.title)
            item.setData(Qt.ItemDataRole.UserRole, chapter.key)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.current = None
        self._filter(self.search.text())
        self.open_at(key)

    def chapter(self, key: str) -> Chapter | None:
        return next((c for c in self.chapters if c.key == key), None)

    def open_at(self, chapter: str | None = None, anchor: str | None = None) -> None:
        """Show ``chapter`` (its key, e.g. "nik"; None: the one shown, else the first) scrolled
        to ``anchor``."""
        target = self.chapter(chapter) if chapter else self.current
        target = target or (self.chapters[0] if self.chapters else None)
        if target is None:
            return
        if target is not self.current:
            self._show(target)
        row = self.chapters.index(target)
        self.list.blockSignals(True)
        self.list.setCurrentRow(row)
        self.list.blockSignals(False)
        if anchor:
            self.browser.scrollToAnchor(anchor)
        else:
            self.browser.verticalScrollBar().setValue(0)

    def _show(self, chapter: Chapter) -> None:
        self.current = chapter
        self.browser.setMarkdown(chapter.markdown)
        _polish(self.browser.document(), chapter)
        self.pdf_button.setVisible(chapter.key == SHORTCUTS_CHAPTER)
        self._highlight(self.search.text())

    def _chapter_chosen(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is not None:
            self.open_at(str(item.data(Qt.ItemDataRole.UserRole)))
            self._find_first(self.search.text())

    def _follow(self, url: QUrl) -> None:
        if url.scheme() == "help":
            self.open_at(url.path() or None, url.fragment() or None)
        elif not url.scheme() and url.fragment():
            self.browser.scrollToAnchor(url.fragment())

    # -- search ------------------------------------------------------------------------------
    def _filter(self, query: str) -> None:
        shown = 0
        for row, chapter in enumerate(self.chapters):
            hit = not query.strip() or chapter.matches(query)
            self.list.item(row).setHidden(not hit)
            shown += hit
        self.found.setVisible(bool(query.strip()))
        if not query.strip():
            self.found.setText("")
        elif shown:
            self.found.setText(QCoreApplication.translate(
                "HelpWindow", "Found in {count} chapters.").format(count=shown))
        else:
            self.found.setText(QCoreApplication.translate("HelpWindow", "Not found."))
        current = self.list.currentItem()
        if query.strip() and shown and (current is None or current.isHidden()):
            first = next(r for r in range(self.list.count()) if not self.list.item(r).isHidden())
            self.list.setCurrentRow(first)
        else:
            self._highlight(query)
            self._find_first(query)

    def visible_chapters(self) -> list[str]:
        return [c.key for row, c in enumerate(self.chapters) if not self.list.item(row).isHidden()]

    def _highlight(self, query: str) -> None:
        document = self.browser.document()
        selections: list[QTextEdit.ExtraSelection] = []
        fmt = QTextCharFormat()
        fmt.setBackground(_HIGHLIGHT)
        for word in query.split():
            cursor = document.find(word)
            while not cursor.isNull() and len(selections) < _MAX_HIGHLIGHTS:
                selection = QTextEdit.ExtraSelection()
                selection.cursor = cursor
                selection.format = fmt
                selections.append(selection)
                cursor = document.find(word, cursor)
        self.browser.setExtraSelections(selections)

    def _find_first(self, query: str) -> None:
        words = query.split()
        if not words:
            return
        cursor = self.browser.document().find(words[0])
        if not cursor.isNull():
            cursor.clearSelection()
            self.browser.setTextCursor(cursor)
            self.browser.ensureCursorVisible()

    # -- the printable shortcut sheet --------------------------------------------------------
    def save_sheet(self, path: Path | None = None) -> Path | None:
        title = QCoreApplication.translate("HelpWindow", "siksdesk keyboard shortcuts")
        if path is None:
            name, _filter = QFileDialog.getSaveFileName(
                self, QCoreApplication.translate("HelpWindow", "Save the shortcut sheet"),
                str(Path.home() / "pintasan-siksdesk.pdf"),
                QCoreApplication.translate("HelpWindow", "PDF documents (*.pdf)"))
            if not name:
                return None
            path = Path(name)
        entries = self.shortcuts() if self.shortcuts is not None else ()
        write_pdf(entries, path, title)
        self.message.setText(QCoreApplication.translate("HelpWindow", "Saved: {path}").format(
            path=path))
        return path


def _polish(document: QTextDocument, chapter: Chapter) -> None:
    """Give each heading block its anchor (Qt's Markdown reader makes none) and some air, and
    the text a comfortable line height."""
    headings = iter(chapter.headings)
    block = document.begin()
    while block.isValid():
        cursor = QTextCursor(block)
        spacing = block.blockFormat()
        spacing.setLineHeight(125, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        heading = next(headings, None) if spacing.headingLevel() > 0 else None
        if heading is not None:
            spacing.setTopMargin(18 if heading.level > 1 else 4)
            spacing.setBottomMargin(6)
        cursor.setBlockFormat(spacing)
        if heading is not None:
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock,
                                QTextCursor.MoveMode.KeepAnchor)
            anchor = QTextCharFormat()
            anchor.setAnchor(True)
            anchor.setAnchorNames([heading.anchor])
            cursor.mergeCharFormat(anchor)
        block = block.next()


def show_help(parent: QWidget | None, lang: str | None, chapter: str | None = None,
              anchor: str | None = None, *, shortcuts: Shortcuts | None = None) -> HelpWindow:
    """Open (or bring forward) the guide of ``parent`` at ``chapter``/``anchor``."""
    window = parent.findChild(HelpWindow) if parent is not None else None
    if window is None:
        window = HelpWindow(lang, shortcuts, parent)
    else:
        window.reload()
    window.open_at(chapter, anchor)
    window.show()
    window.raise_()
    window.activateWindow()
    return window


# -- F1 in the household editor ----------------------------------------------------------------
def editor_help_target(editor: QWidget) -> tuple[str, str | None]:
    """(chapter, anchor) explaining the editor field that has the cursor."""
    from siksdesk.ui.editor.catalogue_form import CatalogueForm
    from siksdesk.ui.editor.header_form import VERIVALI, HeaderForm
    from siksdesk.ui.id_fields import KkField, NikField

    focus = editor.focusWidget()
    widget: QWidget | None = focus
    while widget is not None and widget is not editor:
        if isinstance(widget, NikField):
            return ("nik", "nik")
        if isinstance(widget, KkField):
            return ("nik", "no-kk")
        widget = widget.parentWidget()
    if focus is None:
        return EDITOR_TARGET
    for form in editor.findChildren(CatalogueForm):
        for key, field in form.fields.items():
            if field.widget is focus or field.widget.isAncestorOf(focus):
                return (CATALOGUE_CHAPTER, key)
    for header in editor.findChildren(HeaderForm):
        verivali = header.fields[VERIVALI].widget
        if verivali is focus or verivali.isAncestorOf(focus):
            return (CATALOGUE_CHAPTER, VERIVALI)
    return EDITOR_TARGET


class HelpController(QObject):
    """The Help menu's "Guide" (F1) and "Keyboard shortcuts", and F1 in the editor."""

    def __init__(self, window: QMainWindow, lang: str | None,
                 roots: Callable[[], Sequence[Root]]) -> None:
        super().__init__(window)
        self.window, self.lang, self.roots = window, lang, roots
        self.guide_action = QAction(QCoreApplication.translate("HelpWindow", "&Guide"), window)
        self.guide_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.guide_action.triggered.connect(lambda: self.show())
        self.shortcuts_action = QAction(
            QCoreApplication.translate("HelpWindow", "&Keyboard shortcuts"), window)
        self.shortcuts_action.triggered.connect(lambda: self.show(SHORTCUTS_CHAPTER))

    def add_to(self, menu: QMenu) -> None:
        """At the top of ``menu`` (above "About"), followed by a separator."""
        if not menu.actions():
            menu.addActions([self.guide_action, self.shortcuts_action])
            return
        first = menu.actions()[0]
        menu.insertActions(first, [self.guide_action, self.shortcuts_action])
        menu.insertSeparator(first)

    def entries(self) -> list[ShortcutEntry]:
        return collect_shortcuts(self.roots())

    def show(self, chapter: str | None = None, anchor: str | None = None) -> HelpWindow:
        return show_help(self.window, self.lang, chapter, anchor, shortcuts=self.entries)

    def install_on_editor(self, editor: QWidget) -> QAction:
        """F1 in ``editor`` opens the guide at the focused field's explanation."""
        return self.install_f1(
            editor, lambda: editor_help_target(editor),
            QCoreApplication.translate("HelpWindow", "Explain the field that has the cursor"))

    def install_f1(self, widget: QWidget, target: Callable[[], tuple[str, str | None]],
                   description: str | None = None) -> QAction:
        """F1 anywhere in ``widget``'s window opens the guide at ``target()`` (chapter,
        anchor) — for windows of their own, e.g. the MusDes wizard: ``lambda: ("musdes",
        "wizard")``."""
        action = QAction(widget)
        action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(description or QCoreApplication.translate("HelpWindow", "Guide"))
        action.triggered.connect(lambda: self.show(*target()))
        widget.addAction(action)
        return action


def install_help(window: QMainWindow, editor: QWidget | None, lang: str | None,
                 help_menu: QMenu | None = None) -> HelpController:
    """Add "Guide" (F1) and "Keyboard shortcuts" to the Help menu and F1 to the editor."""
    def roots() -> list[Root]:
        found: list[Root] = [(QCoreApplication.translate("HelpWindow", "Household list"),
                              window)]
        if editor is not None:
            found.append((QCoreApplication.translate("HelpWindow", "Household editor"),
                          editor))
        return found

    controller = HelpController(window, lang, roots)
    menu = help_menu or getattr(window, "help_menu", None)
    if isinstance(menu, QMenu):
        controller.add_to(menu)
    if editor is not None:
        controller.install_on_editor(editor)
    return controller
