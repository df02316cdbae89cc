"""Sub-commands that live in their own module (``siksdesk import``, ``export``, ...).

Each module listed in ``siksdesk.cli.COMMAND_MODULES`` provides::

    def add_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None
        # sub.add_parser("name", parents=[common], ...); set_defaults(run=run) is done by cli
    def run(args: argparse.Namespace, out: TextIO) -> int   # exit status 0 / 1 / 2

``add_parser`` is called on every start, the GUI's included: a command module imports only the
standard library and this package at module level and loads everything else inside ``run``.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from siksdesk.app import AppContext


class DatabaseRefused(Exception):
    """The database could not be opened; the message has been written for the user."""


@contextmanager
def opened_database(args: argparse.Namespace, out: TextIO) -> Iterator[AppContext]:
    """The data folder the GUI uses (SIKSDESK_HOME, else the chosen folder), logging, and the
    database (``--db`` or the default), closed afterwards. A refused database (too new,
    corrupt) is explained on ``out`` and raises ``DatabaseRefused``."""
    from siksdesk.app import open_app
    from siksdesk.db.migrate import DatabaseError
    from siksdesk.logging_setup import setup_logging
    from siksdesk.paths import resolve_location

    paths = resolve_location().paths
    setup_logging(paths.logs)
    try:
        ctx = open_app(paths, getattr(args, "db", None))
    except DatabaseError as exc:
        out.write(f"{exc}\n")
        raise DatabaseRefused from exc
    try:
        yield ctx
    finally:
        ctx.close()
