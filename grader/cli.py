"""grader: grade numpy backpropagation exercises. Exit codes: 0 every graded exercise passed,
1 something failed, 2 a usage or spec error (a message, never a traceback), 130 interrupted.

A thin dispatcher: the command line is read (`commands.arguments`), its values checked once
(`commands.given`), and the command's module run (`commands/<name>.py`); the errors every
command shares become their one line and exit code here.
"""
from __future__ import annotations

import os
import sys

from . import early, paths, settings
from .commands import arguments, common, given, run
from .commands.common import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, UsageError

# `grader check`'s warm workers start before this module is imported (`launch`), so before
# numpy, the bank or jinja2; each command's module is imported only when it runs.


def main(argv: list[str] | None = None, started: list | None = None) -> int:
    """`started`: `grader check`'s warm workers, if the caller started them already
    (`launch.entry`)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    # The grader's arrays are small: OpenBLAS's threads would only spin, a tenth of a second of
    # a core at numpy's import, which the warm workers' start needs (unless the user chose)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    if started is None:
        started = early.early_workers(argv)
    args = None
    try:
        args = arguments.parser(arguments.named_first(argv)).parse_args(argv)
        given.read(args)  # a wrong value ends the workers (below), as argparse's would
        args.started, started = started, []  # the command owns it now
        common.course_bank(args)
        code = run(args)
        # a spec that does not load stops only its exercise; the rest done, the command says so
        return EXIT_USAGE if getattr(args, "broken_spec", False) and code in (
            EXIT_OK, EXIT_FAILED) else code
    except settings.SettingError as e:  # --seed, --timeout-scale, --lang, --only, GRADER_LANG
        print(f"grader: {e.say(e.lang or given.said_in(args))}", file=sys.stderr)
        return EXIT_USAGE
    except (UsageError, paths.PathError) as e:
        print(f"grader: {e}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("grader: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as e:
        from .bank import SpecError  # loaded already when one was raised (numpy, yaml: not here)

        if not isinstance(e, SpecError):
            raise
        print(f"grader: {e}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        if started:  # argparse refused the arguments
            early.discard(started)
