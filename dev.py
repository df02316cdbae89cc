"""Bootstrap: create .venv, install siksdesk into it, then run the app or the tests.

Only the standard library is used here, so this works on a fresh machine with Python 3.11+:

    python3 dev.py app      # set up and launch the app (demo village on first start)
    python3 dev.py test     # set up and run the whole test suite

Extra arguments are passed on (to ``siksdesk`` or to ``pytest``).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".siksdesk-installed"


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def requirements_digest() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def ensure_environment() -> Path:
    if sys.version_info < (3, 11):
        sys.exit("siksdesk needs Python 3.11 or newer (this is %d.%d)." % sys.version_info[:2])
    python = venv_python()
    if not python.exists():
        print("Creating the virtual environment in .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    digest = requirements_digest()
    if not STAMP.exists() or STAMP.read_text().strip() != digest:
        print("Installing siksdesk and its dependencies ...", flush=True)
        subprocess.check_call(
            [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             "-e", f"{ROOT}[test]"]
        )
        STAMP.write_text(digest)
    return python


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"app", "test"}:
        print(__doc__)
        return 2
    python = ensure_environment()
    command, rest = argv[0], argv[1:]
    args = [str(python), "-m", "siksdesk" if command == "app" else "pytest", *rest]
    try:
        return subprocess.call(args, cwd=None if command == "app" else ROOT)
    except KeyboardInterrupt:  # Ctrl+C reaches the child too; it closes itself cleanly
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
