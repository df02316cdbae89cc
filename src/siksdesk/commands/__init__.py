"""Sub-commands that live in their own module (``siksdesk import``, ``export``, ...).

Each module listed in ``siksdesk.cli.COMMAND_MODULES`` provides::

    def add_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None
        # sub.add_parser("name", parents=[common], ...); set_defaults(run=run) is done by cli
    def run(args: argparse.Namespace, out: TextIO) -> int   # exit status 0 / 1 / 2

``add_parser`` is called on every start, the GUI's included: a command module imports only the
standard library at module level and loads everything else inside ``run``.
"""
