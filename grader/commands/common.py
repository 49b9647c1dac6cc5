"""What every command shares: its exit codes, the usage error, the exercises it works on."""
from __future__ import annotations

from pathlib import Path

from .. import bank

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class UsageError(Exception):
    """The user's mistake: said in one line, exit 2, never a traceback (see `cli.main`)."""


def chosen_specs(args, folder: Path | None = None):
    """The bank's exercises (of `folder`, else --exercises, else the bundled bank) that --only
    names, or all of them."""
    specs = bank.load_bank(folder or args.exercises)
    return bank.select(specs, getattr(args, "only", None))
