"""Entry point of the built application (PyInstaller needs a script, not a console_scripts
entry): the same as ``python -m siksdesk`` and the ``siksdesk`` command."""

from __future__ import annotations

import sys

from siksdesk.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
