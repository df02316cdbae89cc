"""What goes into the built application besides the modules PyInstaller finds by itself.

Imported by ``siksdesk.spec`` (at build time, in the build's .venv) and by the build smoke test;
standard library only. Paths are relative to the repository root unless they say otherwise.
"""

from __future__ import annotations

import ast
import importlib.util
import posixpath
import re
import sys
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "siksdesk"
MIGRATIONS = PACKAGE / "db" / "migrations"
DISTRICT_MIGRATIONS = PACKAGE / "district" / "migrations"
APP_NAME = "siksdesk"
CLI_NAME = "siksdesk-cli"  # Windows only: the GUI executable has no console to print to

# Files the running app opens by path. Path(__file__)-based lookups in the code (i18n, help,
# fonts, migrations) resolve to the same places under the bundle's _internal/siksdesk/.
RESOURCE_FOLDERS = ("resources", "db/migrations", "district/migrations")
SOURCE_ONLY_SUFFIXES = (".ts", ".pyc")  # Qt Linguist sources: only the compiled .qm is read

# Never needed on the village laptop: the district receiver's server stack (the receiver itself
# is bundled: the training village's built-in "Dinas latihan" ingests with it), test and
# development tools, Pillow's AVIF codec (4.9 MB of libavif; photos come as JPEG/PNG/WebP) and
# the large Qt modules a widget application does not use (only what is imported gets bundled
# anyway; this keeps a stray import from pulling in QML or WebEngine; Qt's hooks would add the
# QtNetwork and QtDBus bindings on their own, siksdesk talks to the network through httpx).
# QtOpenGL stays allowed: Qt Charts may need it.
# The receiver's modules the village app never runs: its HTTP server and command line.
DISTRICT_ONLY = ("siksdesk.district.server", "siksdesk.district.cli",
                 "siksdesk.district.commands", "siksdesk.district.devcluster")
EXCLUDED_MODULES = (
    *DISTRICT_ONLY,
    "starlette", "uvicorn", "psycopg", "psycopg_binary", "psycopg_pool", "psycopg2", "asyncpg",
    "pymysql", "MySQLdb", "pytest", "_pytest", "pytestqt", "hypothesis", "stdnum", "pypdf",
    "mypy", "ruff", "IPython", "numpy", "pandas", "tkinter", "_tkinter", "setuptools", "pip",
    "PIL._avif", "PIL.AvifImagePlugin", "PIL._imagingtk", "PIL.ImageTk",
    "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets", "PySide6.QtQuickControls2",
    "PySide6.QtQuickTest", "PySide6.QtQuick3D", "PySide6.QtDesigner", "PySide6.QtHelp",
    "PySide6.QtUiTools", "PySide6.QtTest", "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets", "PySide6.QtWebEngineQuick", "PySide6.QtWebView",
    "PySide6.QtMultimedia", "PySide6.QtMultimediaWidgets", "PySide6.Qt3DCore",
    "PySide6.Qt3DRender", "PySide6.QtNetwork", "PySide6.QtDBus",
)

# Bundled files that no code path opens: Qt's own translations (Qt has no Indonesian; the few
# Qt strings siksdesk shows are in siksdesk_id.qm) and, on Linux, the Qt plugins for what a
# village laptop does not run on (Wayland compositors without XWayland, framebuffers, VNC,
# embedded EGL), plus two that pull in whole library stacks: the GTK3 platform theme (GTK,
# cairo, pango …; Qt's own style and dialogs are used instead) and TUIO touch over the network
# (QtNetwork, Kerberos). The libraries only those plugins needed go too (prune_libraries).
DROPPED_DATA_PARTS = ("/PySide6/Qt/translations/", "/PySide6/translations/")  # Linux, Windows
DROPPED_PLUGINS = (
    "/plugins/platformthemes/libqgtk3", "/plugins/generic/", "/plugins/wayland-",
    "/plugins/egldeviceintegrations/", "/plugins/platforms/libqwayland",
    "/plugins/platforms/libqeglfs", "/plugins/platforms/libqlinuxfb",
    "/plugins/platforms/libqvnc", "/plugins/platforms/libqvkkhrdisplay",
    "/plugins/platforms/libqminimalegl",
)


def version() -> str:
    """The version in pyproject.toml (the installer and the Windows file version use it)."""
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


def version_tuple(text: str) -> tuple[int, int, int, int]:
    """"0.1.0" → (0, 1, 0, 0); a pre-release suffix ("1.2.0rc1") is dropped."""
    numbers = [int(match.group()) if (match := re.match(r"\d+", part)) else 0
               for part in text.split(".")[:4]]
    return (*numbers, 0, 0, 0, 0)[:4]  # type: ignore[return-value]


def windows_version_file(folder: Path = ROOT / "build") -> str:
    """A PyInstaller version-resource file (Windows' file properties, and what Inno Setup
    could read back) for the version in pyproject.toml; returns its path."""
    text, numbers = version(), version_tuple(version())
    strings = {"CompanyName": "siksdesk", "FileDescription": "siksdesk — registri DTKS desa",
               "FileVersion": text, "InternalName": APP_NAME, "LegalCopyright": "MIT",
               "OriginalFilename": f"{APP_NAME}.exe", "ProductName": APP_NAME,
               "ProductVersion": text}
    table = ", ".join(f"StringStruct({key!r}, {value!r})" for key, value in strings.items())
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "siksdesk-version-info.txt"
    path.write_text(
        "VSVersionInfo(\n"
        f"  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0,\n"
        "                    OS=0x40004, fileType=0x1, subtype=0x0, date=(0, 0)),\n"
        f"  kids=[StringFileInfo([StringTable('040904B0', [{table}])]),\n"
        "        VarFileInfo([VarStruct('Translation', [1033, 1200])])])\n",
        encoding="utf-8")
    return str(path)


def resource_files() -> list[tuple[str, str]]:
    """(source file, destination folder inside the bundle) pairs, PyInstaller's ``datas``."""
    pairs: list[tuple[str, str]] = []
    for folder in RESOURCE_FOLDERS:
        for path in sorted((PACKAGE / folder).rglob("*")):
            if (path.is_file() and "__pycache__" not in path.parts
                    and path.suffix not in SOURCE_ONLY_SUFFIXES):
                target = Path(APP_NAME) / path.parent.relative_to(PACKAGE)
                pairs.append((str(path), target.as_posix()))
    return pairs


def migration_imports() -> list[str]:
    """Every module the alembic scripts import: alembic runs them from source at start-up, so
    PyInstaller's analysis never sees them."""
    names: set[str] = set()
    scripts = [folder / "env.py" for folder in (MIGRATIONS, DISTRICT_MIGRATIONS)]
    scripts += [p for folder in (MIGRATIONS, DISTRICT_MIGRATIONS)
                for p in sorted((folder / "versions").glob("*.py"))]
    for script in scripts:
        names.update(_imported_modules(ast.parse(script.read_text(encoding="utf-8"))))
    return sorted(name for name in names if _is_module(name))


def _is_module(name: str) -> bool:
    """``from x import y`` names a module or an attribute; only modules are hidden imports."""
    if name.split(".")[0] == "__future__":
        return False
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def _imported_modules(tree: ast.AST) -> Iterator[str]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def keep_module(name: str) -> bool:
    """siksdesk's own modules are all bundled (the CLI imports its commands by name), except
    the district receiver's server and command line, and the alembic scripts (shipped as
    files, see RESOURCE_FOLDERS)."""
    return not (name.startswith(DISTRICT_ONLY) or ".migrations" in name)


def keep_data(destination: str) -> bool:
    return not any(part in f"/{destination}".replace("\\", "/") for part in DROPPED_DATA_PARTS)


Entry = tuple[str, str, str]  # PyInstaller's TOC entry: (destination, source, type code)


def prune_libraries(binaries: list[Entry], datas: list[Entry],
                    imports_of: Callable[[str], set[str]]) -> tuple[list[Entry], list[Entry]]:
    """``binaries`` and ``datas`` without DROPPED_PLUGINS, without the shared libraries that no
    remaining binary links to any more, and without symbolic links to what was dropped.

    Linux only. Roots are the Python extension modules, the kept Qt plugins and libpython (the
    bootloader loads it by path); ``imports_of(source)`` names the libraries a binary links to
    (DT_NEEDED), which is matched against the bundled libraries' file names."""
    if sys.platform != "linux":
        return binaries, datas
    kept = [entry for entry in binaries
            if not any(part in f"/{entry[0]}" for part in DROPPED_PLUGINS)]

    def is_library(entry: Entry) -> bool:
        name = PurePosixPath(entry[0]).name
        return (entry[2] == "BINARY" and "/plugins/" not in f"/{entry[0]}"
                and name.startswith("lib") and ".so" in name
                and not name.startswith("libpython"))

    by_name = {PurePosixPath(entry[0]).name: entry for entry in kept if is_library(entry)}
    pending = [entry for entry in kept if not is_library(entry)]
    reached: set[str] = set()
    while pending:
        for name in imports_of(pending.pop()[1]):
            if name in by_name and name not in reached:
                reached.add(name)
                pending.append(by_name[name])
    kept = [entry for entry in kept
            if not is_library(entry) or PurePosixPath(entry[0]).name in reached]
    present = {entry[0] for entry in kept}
    dropped = {entry[0] for entry in binaries} - present
    return kept, [entry for entry in datas if not _links_to(entry, dropped)]


def _links_to(entry: Entry, dropped: set[str]) -> bool:
    if entry[2] != "SYMLINK":
        return False
    target = posixpath.normpath(posixpath.join(posixpath.dirname(entry[0]), entry[1]))
    return target in dropped
