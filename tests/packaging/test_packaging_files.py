"""The packaging recipe's parts that need no build: what the bundle is told to carry, the pruning
of unused libraries, the icons, the Linux desktop entry and installer script, the Windows
installer script."""

from __future__ import annotations

import configparser
import os
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
import bundle  # noqa: E402

ICONS = ROOT / "src" / "siksdesk" / "resources" / "icons"
LINUX = ROOT / "packaging" / "linux"


def test_the_bundle_carries_translations_fonts_help_and_every_migration() -> None:
    files = {f"{dest}/{Path(source).name}" for source, dest in bundle.resource_files()}
    assert "siksdesk/resources/translations/siksdesk_id.qm" in files
    assert "siksdesk/resources/fonts/DejaVuSans.ttf" in files
    assert "siksdesk/resources/icons/siksdesk-256.png" in files
    assert "siksdesk/db/migrations/env.py" in files
    versions = sorted((ROOT / "src/siksdesk/db/migrations/versions").glob("*.py"))
    assert versions and all(f"siksdesk/db/migrations/versions/{p.name}" in files
                            for p in versions)
    assert not [name for name in files if name.endswith((".ts", ".pyc"))]


def test_the_modules_the_alembic_scripts_import_are_bundled_too() -> None:
    imports = bundle.migration_imports()
    assert {"alembic.op", "alembic.context", "sqlalchemy", "siksdesk.models"} <= set(imports)
    assert "siksdesk.models.Base" not in imports  # a class, not a module
    assert not bundle.keep_module("siksdesk.district.server")
    assert bundle.keep_module("siksdesk.district.ingest")  # the training Dinas
    assert bundle.keep_module("siksdesk.commands.export")


def test_unused_plugins_go_with_the_libraries_only_they_needed(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bundle.sys, "platform", "linux")
    binaries = [
        ("PySide6/QtWidgets.abi3.so", "/s/QtWidgets.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", "/s/libQt6Widgets.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Network.so.6", "/s/libQt6Network.so.6", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/s/libqxcb.so", "BINARY"),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "/s/libqgtk3.so", "BINARY"),
        ("PySide6/Qt/plugins/generic/libqtuiotouchplugin.so", "/s/libqtuio.so", "BINARY"),
        ("libX11.so.6", "/usr/lib/libX11.so.6", "BINARY"),
        ("libgtk-3.so.0", "/usr/lib/libgtk-3.so.0", "BINARY"),
        ("libcairo.so.2", "/usr/lib/libcairo.so.2", "BINARY"),
        ("libpython3.11.so.1.0", "/usr/lib/libpython3.11.so.1.0", "BINARY"),
    ]
    links = {"/s/QtWidgets.abi3.so": {"libQt6Widgets.so.6"},
             "/s/libqxcb.so": {"libX11.so.6", "libc.so.6"},
             "/s/libqgtk3.so": {"libgtk-3.so.0", "libX11.so.6"},
             "/s/libqtuio.so": {"libQt6Network.so.6"},
             "/usr/lib/libgtk-3.so.0": {"libcairo.so.2"}}
    datas = [("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
             ("libQt6Widgets.so.6", "PySide6/Qt/lib/libQt6Widgets.so.6", "SYMLINK"),
             ("siksdesk/resources/fonts/DejaVuSans.ttf", "/s/DejaVuSans.ttf", "DATA")]

    kept, kept_datas = bundle.prune_libraries(binaries, datas, lambda s: links.get(s, set()))

    assert [entry[0] for entry in kept] == [
        "PySide6/QtWidgets.abi3.so", "PySide6/Qt/lib/libQt6Widgets.so.6",
        "PySide6/Qt/plugins/platforms/libqxcb.so", "libX11.so.6", "libpython3.11.so.1.0"]
    assert [entry[0] for entry in kept_datas] == ["libQt6Widgets.so.6",
                                                   "siksdesk/resources/fonts/DejaVuSans.ttf"]
    monkeypatch.setattr(bundle.sys, "platform", "win32")
    assert bundle.prune_libraries(binaries, datas, lambda s: set()) == (binaries, datas)


def test_qt_translations_are_left_out() -> None:
    assert not bundle.keep_data("PySide6/Qt/translations/qtbase_de.qm")
    assert bundle.keep_data("siksdesk/resources/translations/siksdesk_id.qm")


def test_the_version_comes_from_pyproject_and_becomes_windows_file_version(
        tmp_path: Path) -> None:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        assert bundle.version() == tomllib.load(handle)["project"]["version"]
    assert bundle.version_tuple("1.2.0rc1") == (1, 2, 0, 0)
    assert bundle.version_tuple("2.10") == (2, 10, 0, 0)
    text = Path(bundle.windows_version_file(tmp_path)).read_text(encoding="utf-8")

    class Record:
        def __init__(self, *args: object, **kwargs: object) -> None:
            self.args, self.kwargs = args, kwargs

    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct",
             "VarFileInfo", "VarStruct")
    info = eval(text, {name: Record for name in names})  # PyInstaller reads it the same way
    assert info.kwargs["ffi"].kwargs["filevers"] == bundle.version_tuple(bundle.version())
    assert f"StringStruct('ProductVersion', '{bundle.version()}')" in text


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def test_the_icon_renders_are_there_in_their_sizes() -> None:
    root = ET.parse(ICONS / "siksdesk.svg").getroot()
    assert root.tag.endswith("svg") and root.get("viewBox") == "0 0 256 256"
    for size in (48, 128, 256):
        assert _png_size(ICONS / f"siksdesk-{size}.png") == (size, size)
    ico = (ICONS / "siksdesk.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    edges = {ico[6 + 16 * i] for i in range(count)}
    assert (reserved, kind) == (0, 1) and {16, 32, 48, 0} <= edges  # 0 stands for 256


def test_the_desktop_entry_names_the_command_and_the_icon() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(LINUX / "siksdesk.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert (entry["Type"], entry["Exec"], entry["Icon"]) == ("Application", "siksdesk",
                                                            "siksdesk")
    assert entry["Terminal"] == "false" and entry["Categories"].endswith(";")
    assert entry["Name"] and entry["Comment[id]"]


@pytest.mark.skipif(sys.platform != "linux", reason="a POSIX shell script")
def test_install_and_uninstall_keep_the_data_folder(tmp_path: Path) -> None:
    dist = tmp_path / "dist" / "siksdesk"
    dist.mkdir(parents=True)
    (dist / "siksdesk").write_text("#!/bin/sh\necho built\n")
    (dist / "siksdesk").chmod(0o755)
    (dist / ".build-inputs").write_text("digest\n")
    home = tmp_path / "home"
    data = home / ".local" / "share" / "siksdesk"
    data.mkdir(parents=True)
    (data / "siksdesk.sqlite3").write_bytes(b"the village")
    env = {"PATH": os.environ["PATH"], "HOME": str(home), "SIKSDESK_DIST": str(dist)}

    def run(*args: str) -> None:
        subprocess.run(["sh", str(LINUX / "install.sh"), *args], env=env, check=True,
                       capture_output=True, text=True, timeout=60)

    run()
    program = home / ".local" / "lib" / "siksdesk"
    entry = (home / ".local/share/applications/siksdesk.desktop").read_text(encoding="utf-8")
    assert f'Exec="{program}/siksdesk"' in entry
    assert (home / ".local/share/icons/hicolor/128x128/apps/siksdesk.png").is_file()
    command = home / ".local" / "bin" / "siksdesk"
    assert subprocess.run([str(command)], capture_output=True, text=True).stdout == "built\n"
    assert not (program / ".build-inputs").exists()

    run("--uninstall")
    assert not program.exists() and not command.exists()
    assert (data / "siksdesk.sqlite3").read_bytes() == b"the village"


def test_the_windows_installer_keeps_the_data_folder_and_takes_the_version() -> None:
    script = (ROOT / "packaging" / "windows" / "siksdesk.iss").read_text(encoding="utf-8")
    assert "AppVersion={#AppVersion}" in script
    assert '#include "..\\..\\build\\siksdesk-version.iss"' in script
    assert "{group}\\{#AppName}" in script  # the start-menu entry
    assert "DefaultDirName={autopf}\\{#AppName}" in script
    deleted = [line for line in script.splitlines() if line.startswith("Type: filesandordirs")]
    assert deleted and all("{app}" in line and "__pycache__" in line for line in deleted)
