"""Replaces pyinstaller-hooks-contrib's Faker hook, which bundles every provider of every
locale (≈25 MB of sources): siksdesk's demo village only uses the Indonesian person names.

Faker lists its providers and locales at import by globbing ``faker/providers/*/__init__.py``
under ``sys._MEIPASS`` (faker/utils/loading.py), so those ``__init__.py`` files must exist as
plain files for the providers we keep, and each must be importable."""

from __future__ import annotations

from pathlib import Path

from PyInstaller.utils.hooks import get_module_file_attribute

KEPT = ("faker.providers.person", "faker.providers.person.id_ID")

hiddenimports = list(KEPT)
_root = Path(get_module_file_attribute("faker")).parent.parent
datas = [(str(_root.joinpath(*name.split(".")) / "__init__.py"),
          str(Path(*name.split(".")))) for name in KEPT]
