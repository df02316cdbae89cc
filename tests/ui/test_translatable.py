"""Every visible string goes through Qt translation (house rule 9).

Two checks: a static scan of ``src/siksdesk/ui`` for string literals handed straight to a Qt text
setter or constructor, and a runtime walk of the main screens with a translator that marks every
string it translates (⟦…⟧) — a visible text without the mark was never translated. Texts that
come from data or the bilingual domain catalogues are exempt at runtime when their widget is
marked with ``siksdesk.ui.pseudo.mark_data_text``.
"""

from __future__ import annotations

import ast
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from main_screens import SCREENS, each_page, has_words, show_screen, unmarked_texts
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QLabel

from siksdesk.ui.pseudo import MarkerTranslator, mark_data_text

ROOT = Path(__file__).resolve().parents[2]
UI_DIR = ROOT / "src" / "siksdesk" / "ui"
sys.path.insert(0, str(ROOT / "scripts"))
import update_translations  # noqa: E402

# Methods whose arguments are shown to the user (all positional arguments are checked, except
# where a tuple of positions is given).
TEXT_METHODS: dict[str, tuple[int, ...] | None] = {
    name: None for name in (
        "setText", "setWindowTitle", "setToolTip", "setStatusTip", "setWhatsThis",
        "setPlaceholderText", "addAction", "addMenu", "addSection", "addTab", "insertTab",
        "setTabText", "setTabToolTip", "setTitle", "setSubTitle", "setLabelText",
        "setCancelButtonText", "setInformativeText", "setDetailedText", "showMessage",
        "setHorizontalHeaderLabels", "setVerticalHeaderLabels", "setHeaderLabels",
        "setHeaderLabel", "setPrefix", "setSuffix", "setSpecialValueText", "setButtonText",
        "addButton", "setAccessibleName", "setAccessibleDescription", "setWindowIconText",
    )
}
TEXT_METHODS.update({"addItem": (0,), "insertItem": (1,), "addItems": (0,), "addRow": (0,)})
TEXT_CONSTRUCTORS = {
    "QLabel", "QPushButton", "QToolButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction",
    "QMenu", "QCommandLinkButton", "QTreeWidgetItem", "QListWidgetItem", "QTableWidgetItem",
    "QStandardItem", "QMessageBox", "QProgressDialog",
}
STATIC_DIALOGS = {  # QClass.method → positions of the caption and the text
    ("QMessageBox", name): (1, 2) for name in ("information", "warning", "critical",
                                               "question", "about")
} | {
    ("QInputDialog", name): (1, 2) for name in ("getText", "getInt", "getDouble", "getItem",
                                                "getMultiLineText")
} | {
    ("QFileDialog", name): (1, 3) for name in ("getOpenFileName", "getOpenFileNames",
                                               "getSaveFileName", "getExistingDirectory")
}
TEXT_KEYWORDS = {"text", "title", "toolTip", "statusTip", "placeholderText", "windowTitle",
                 "caption", "filter", "labelText", "informativeText"}
TRANSLATORS = {"translate", "tr", "QT_TRANSLATE_NOOP", "QT_TR_NOOP"}
APP_CLASSES = {"QCoreApplication", "QApplication", "QGuiApplication"}
PASS_THROUGH = {"format", "join", "escape", "str"}  # their literal inputs reach the screen


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def untranslated_literals(node: ast.expr) -> Iterator[str]:
    """String literals in ``node`` that reach the screen without a translate() call."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.JoinedStr):
        for part in node.values:
            if isinstance(part, ast.Constant) and isinstance(part.value, str):
                yield part.value
            elif isinstance(part, ast.FormattedValue):
                yield from untranslated_literals(part.value)
    elif isinstance(node, ast.BinOp):
        yield from untranslated_literals(node.left)
        yield from untranslated_literals(node.right)
    elif isinstance(node, ast.IfExp):
        yield from untranslated_literals(node.body)
        yield from untranslated_literals(node.orelse)
    elif isinstance(node, ast.BoolOp | ast.List | ast.Tuple):
        for value in node.values if isinstance(node, ast.BoolOp) else node.elts:
            yield from untranslated_literals(value)
    elif isinstance(node, ast.Call):
        name = _name(node.func)
        if name in TRANSLATORS:
            return
        if name in PASS_THROUGH:
            if isinstance(node.func, ast.Attribute) and name in {"format", "join"}:
                yield from untranslated_literals(node.func.value)
            for arg in [*node.args, *(kw.value for kw in node.keywords)]:
                yield from untranslated_literals(arg)


def _checked_arguments(call: ast.Call) -> list[ast.expr]:
    func = call.func
    name = _name(func)
    positions: tuple[int, ...] | None
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and \
            (func.value.id, name) in STATIC_DIALOGS:
        positions = STATIC_DIALOGS[(func.value.id, name)]
    elif isinstance(func, ast.Attribute) and name in TEXT_METHODS:
        positions = TEXT_METHODS[name]
    elif isinstance(func, ast.Name) and name in TEXT_CONSTRUCTORS:
        positions = None
    else:
        return []
    args = [a for i, a in enumerate(call.args) if positions is None or i in positions]
    return args + [kw.value for kw in call.keywords if kw.arg in TEXT_KEYWORDS]


def scan_source(source: str, filename: str = "<source>") -> list[str]:
    """Problems in one module: untranslated visible literals, and translate() calls that
    pyside6-lupdate cannot extract (non-literal context, an f-string source, a ``tr`` alias
    or helper — lupdate reads ``tr(a, b)`` as source + disambiguation and cannot know the
    context a helper passes on)."""
    problems = []
    for node in ast.walk(ast.parse(source, filename)):
        if not isinstance(node, ast.Call):
            continue
        where = f"{filename}:{node.lineno}"
        for arg in _checked_arguments(node):
            for literal in untranslated_literals(arg):
                if has_words(literal):
                    problems.append(f"{where}: untranslated {literal!r}")
        name = _name(node.func)
        if _is_app_translate(node.func) and node.args:
            if isinstance(node.args[0], ast.JoinedStr | ast.BinOp | ast.Call):
                problems.append(f"{where}: translate() needs a fixed context")
            if len(node.args) > 1 and isinstance(node.args[1], ast.JoinedStr):
                problems.append(f"{where}: translate() of an f-string cannot be extracted")
        if isinstance(node.func, ast.Name) and name == "tr":
            problems.append(f"{where}: bare tr() helper or alias: lupdate files it under no "
                            f"or another context; call QCoreApplication.translate(context, …)")
    return problems


def _is_app_translate(func: ast.expr) -> bool:
    """``QCoreApplication.translate`` (or QApplication/QGuiApplication/a bare ``translate``),
    not a ``QTranslator.translate`` method call."""
    if isinstance(func, ast.Name):
        return func.id == "translate"
    return isinstance(func, ast.Attribute) and func.attr == "translate" and \
        isinstance(func.value, ast.Name) and func.value.id in APP_CLASSES


def _ui_modules() -> list[Path]:
    return sorted(UI_DIR.rglob("*.py"))


@pytest.mark.parametrize("module", _ui_modules(), ids=lambda p: str(p.relative_to(UI_DIR)))
def test_no_untranslated_literal_reaches_a_qt_text(module: Path) -> None:
    assert scan_source(module.read_text(encoding="utf-8"), module.name) == []


SAMPLE = '''
label = QLabel("Nama kepala")
label.setToolTip(QCoreApplication.translate("Form", "Head of household"))
button.setText(f"Simpan {count}")
box = QMessageBox.warning(self, "Data", QCoreApplication.translate("Form", "Check it"))
header.setText(QCoreApplication.translate("Form", "Village {name}").format(name="Desa"))
ok = QLabel("—"), QLabel("siksdesk 0.1"), QLabel(f"{value}"), QLabel("<b>{n}</b> · 12")
note.setText("<code>siksdesk demo</code>")
tr = QCoreApplication.translate
bad = tr("Form", "Aliased")
dyn = QCoreApplication.translate(f"{context}", f"Dynamic {x}")
fine = QCoreApplication.translate(self.CONTEXT, TITLES[0]), translator.translate(c, s)
combo.addItem(LANGUAGE_NAMES[lang], "id")
form.addRow("Umur:", field)
action = menu.addAction(QCoreApplication.translate("Menu", "Save") + " …")
'''


def test_the_scanner_finds_what_it_should() -> None:
    found = scan_source(SAMPLE)
    assert [line.split(": ", 1)[1] for line in found] == [
        "untranslated 'Nama kepala'",
        "untranslated 'Simpan '",
        "untranslated 'Data'",
        "untranslated 'Desa'",
        "bare tr() helper or alias: lupdate files it under no or another context; call "
        "QCoreApplication.translate(context, …)",
        "translate() needs a fixed context",
        "translate() of an f-string cannot be extracted",
        "untranslated 'Umur:'",
    ]


# -- runtime: every visible text went through the translator ----------------------------------
@pytest.fixture
def marker(qapp: QApplication) -> Iterator[MarkerTranslator]:
    translator = MarkerTranslator(qapp)
    QCoreApplication.installTranslator(translator)
    yield translator
    QCoreApplication.removeTranslator(translator)
    translator.deleteLater()
    QCoreApplication.processEvents()


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> set[tuple[str, str]]:
    """(context, source) of every message the translation script extracts for translators."""
    ts_file = tmp_path_factory.mktemp("lupdate") / "extracted_id.ts"
    update_translations.lupdate(ts_file, "id_ID")
    root = ET.parse(ts_file).getroot()
    return {(context.findtext("name") or "", message.findtext("source") or "")
            for context in root.iter("context") for message in context.iter("message")}


def _qt_context(context: str) -> bool:
    """Qt's own widgets translate in their class's context (QPlatformTheme, QLineEdit …)."""
    return len(context) > 1 and context[0] == "Q" and context[1].isupper()


@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_string_a_screen_asks_for_reaches_the_translators(
        screen: str, request: pytest.FixtureRequest, marker: MarkerTranslator,
        extracted: set[tuple[str, str]]) -> None:
    """What the code translates at runtime must be in what lupdate extracts, with the same
    context — otherwise the .ts never offers it and the text stays English."""
    window = show_screen(screen, request)
    for _page in each_page(window):
        pass
    missing = sorted(pair for pair in marker.requests - extracted
                     if not _qt_context(pair[0]) and has_words(pair[1]))
    assert missing == []


@pytest.mark.usefixtures("marker")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_visible_text_of_the_screen_is_translated(screen: str,
                                                        request: pytest.FixtureRequest) -> None:
    window = show_screen(screen, request)
    found = sorted({f"{page}: {entry}" for page in each_page(window)
                    for entry in unmarked_texts(window)})
    assert found == []


@pytest.mark.usefixtures("marker")
def test_the_runtime_check_sees_an_untranslated_label_and_respects_data_marks(
        request: pytest.FixtureRequest) -> None:
    window = show_screen("about", request)
    stray = QLabel("Ketik ulang", window)
    stray.show()
    assert any("Ketik ulang" in text for text in unmarked_texts(window))
    mark_data_text(stray)
    assert unmarked_texts(window) == []
    assert QCoreApplication.translate("Any", "Words") == "⟦Words⟧"
