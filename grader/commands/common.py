"""What every command shares: its exit codes, the usage error, the exercises it works on."""
from __future__ import annotations

import sys
from pathlib import Path

from .. import bank

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class UsageError(Exception):
    """The user's mistake: said in one line, exit 2, never a traceback (see `cli.main`)."""


def chosen_specs(args, folder: Path | None = None, stand_ins: bool = False):
    """The bank's exercises (of `folder`, else --exercises, else the bundled bank) that --only
    names, or all of them. A spec that does not load is said on standard error and stops only
    its exercise: left out, or (`stand_ins`) kept as a stand-in that says why."""
    whole = bank.read_bank(folder or args.exercises)
    specs = bank.select(list(whole.specs), getattr(args, "only", None))
    say_broken(args, whole, specs)
    return specs if stand_ins else [s for s in specs if not s.problem]


def say_broken(args, whole, specs: list) -> None:
    """The bank's problems that touch `specs`, on standard error; exit 2 then (`cli.main`)."""
    from ..course import problems_said

    for line in problems_said(whole, specs, getattr(args, "lang", None)):
        print(line, file=sys.stderr)
        args.broken_spec = True


def course_bank(args) -> None:
    """A course folder's bank when none is given (see `course.course_bank`), said once."""
    if args.command == "doctor" or args.exercises is not None \
            or getattr(args, "exercises_dir", None) is not None:
        return
    from ..course import course_bank as found
    from ..openers.base import reaches_up

    graded = args.root if args.command == "batch" else args.dir if args.command == "check" \
        else None
    try:  # the folder a file is graded in; one that cannot be searched is the command's error
        if graded is not None and graded.is_file():
            graded = graded.resolve().parent.parent if reaches_up(graded) else graded.parent
    except OSError:
        graded = None
    args.exercises, said = found(graded, getattr(args, "lang", None))
    if said:
        print(said, file=sys.stderr)
