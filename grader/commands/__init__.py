"""The `grader` command's subcommands, one module each (`list`, `show`, `stubs`, `check`,
`validate`, `new`, `batch`, `merge`, `doctor`, `classroom_template`,
`gradescope_autograder`), each with `run(args) -> int` and its imports at its top.

`cli.main` reads the command line (`arguments`, then `given`: the values checked once, the
run's options made) and calls the named command's module, imported only then: `grader list`
loads nothing of grading, `grader check` nothing of a batch. What several commands share:
`common` (exit codes, the usage error, the chosen exercises), `isolation` (what the jobs run
in, said or refused), `policies` (the instructor's files and exports of `batch` and `merge`).
"""
from __future__ import annotations

import importlib


def run(args) -> int:
    """The command `args.command` (`classroom-template` is the module `classroom_template`)."""
    module = importlib.import_module(f"{__name__}.{args.command.replace('-', '_')}")
    return module.run(args)
