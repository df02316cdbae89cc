"""Build the desktop application: dist/siksdesk/ (one folder, no Python needed to run it).

    python packaging/build.py            # Linux: python3 …, Windows: py …
    python packaging/build.py --reuse    # skip the build when nothing it is made from changed

Standard library only, like dev.py: sets up .venv the same way (siksdesk and its dependencies),
installs the pinned build tools of packaging/requirements-build.txt into it when they change,
then runs PyInstaller on packaging/siksdesk.spec. Prints the build time and the folder's size.
On Windows, the installer is made afterwards with ``iscc packaging/windows/siksdesk.iss``
(docs/build-windows.md).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
import dev  # noqa: E402  (the repository's bootstrap: creates .venv and installs siksdesk)

SPEC = HERE / "siksdesk.spec"
REQUIREMENTS = HERE / "requirements-build.txt"
DIST = ROOT / "dist"
APP_DIR = DIST / "siksdesk"
WORK = ROOT / "build" / "pyinstaller"
STAMP_NAME = ".build-inputs"  # inside dist/siksdesk/: the digest the folder was built from
TOOLS_STAMP = dev.VENV / ".siksdesk-build-tools"
# Every input of the bundle that lives in the repository; the installed packages count too
# (their names and versions, see installed_packages).
INPUT_FILES = ("pyproject.toml", "packaging/siksdesk.spec", "packaging/bundle.py",
               "packaging/launcher.py", "packaging/hooks", "packaging/requirements-build.txt",
               "src/siksdesk")


def executable(app_dir: Path = APP_DIR) -> Path:
    """The built application's executable (the GUI one on Windows)."""
    return app_dir / ("siksdesk.exe" if os.name == "nt" else "siksdesk")


def ensure_build_tools(python: Path) -> None:
    digest = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    if TOOLS_STAMP.exists() and TOOLS_STAMP.read_text().strip() == digest:
        return
    print("Installing the build tools (PyInstaller) into .venv ...", flush=True)
    subprocess.check_call([str(python), "-m", "pip", "install", "--quiet",
                           "--disable-pip-version-check", "-r", str(REQUIREMENTS)])
    TOOLS_STAMP.write_text(digest)


def _files(paths: Iterable[str]) -> Iterable[Path]:
    for name in paths:
        path = ROOT / name
        if path.is_file():
            yield path
        else:
            yield from sorted(p for p in path.rglob("*") if p.is_file()
                              and "__pycache__" not in p.parts and p.suffix != ".pyc")


def installed_packages() -> list[str]:
    """Names (with versions) of the distributions installed in .venv."""
    site_dirs = [*dev.VENV.glob("lib/python*/site-packages"), dev.VENV / "Lib" / "site-packages"]
    return sorted(p.name for folder in site_dirs if folder.is_dir()
                  for p in folder.glob("*.dist-info"))


def inputs_digest() -> str:
    """Changes whenever anything the bundle is made from changes."""
    digest = hashlib.sha256(f"{sys.platform}\n".encode())
    for path in _files(INPUT_FILES):
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    digest.update("\n".join(installed_packages()).encode())
    return digest.hexdigest()


def is_current(digest: str, app_dir: Path = APP_DIR) -> bool:
    stamp = app_dir / STAMP_NAME
    return (executable(app_dir).exists() and stamp.exists()
            and stamp.read_text().strip() == digest)


def folder_size(folder: Path) -> int:
    """Bytes in ``folder``, each file once (symbolic links are not followed)."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def project_python() -> Path:
    """.venv's interpreter, set up by dev.py's bootstrap unless this already runs in it."""
    if Path(sys.prefix).resolve() == dev.VENV.resolve():
        return Path(sys.executable)
    return dev.ensure_environment()


def build(*, reuse: bool = False, clean: bool = False) -> Path:
    """Build dist/siksdesk/ (or keep it when ``reuse`` and its inputs are unchanged)."""
    python = project_python()
    ensure_build_tools(python)
    digest = inputs_digest()
    if reuse and is_current(digest):
        print(f"{APP_DIR} is up to date (inputs unchanged); not rebuilt.", flush=True)
        return APP_DIR
    started = time.perf_counter()
    (APP_DIR / STAMP_NAME).unlink(missing_ok=True)
    command = [str(python), "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
               "--distpath", str(DIST), "--workpath", str(WORK), str(SPEC)]
    subprocess.check_call([*command, "--clean"] if clean else command, cwd=ROOT)
    (APP_DIR / STAMP_NAME).write_text(digest + "\n")
    _write_installer_version()
    seconds = time.perf_counter() - started
    size = folder_size(APP_DIR) / 1e6
    print(f"Built {executable()} in {seconds:.0f} s; the folder holds {size:.0f} MB.", flush=True)
    return APP_DIR


def _write_installer_version() -> None:
    """build/siksdesk-version.iss: the version for packaging/windows/siksdesk.iss."""
    sys.path.insert(0, str(HERE))
    import bundle

    target = ROOT / "build" / "siksdesk-version.iss"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f'#define AppVersion "{bundle.version()}"\n', encoding="utf-8")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", action="store_true",
                        help="keep dist/siksdesk when nothing it is built from has changed")
    parser.add_argument("--clean", action="store_true",
                        help="start afresh: no cached PyInstaller analysis, no old dist/siksdesk")
    args = parser.parse_args(argv)
    if args.clean:
        shutil.rmtree(WORK, ignore_errors=True)
        shutil.rmtree(APP_DIR, ignore_errors=True)
    build(reuse=args.reuse and not args.clean, clean=args.clean)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
