"""The command line of PRODUCT.md. Exit codes: 0 all graded exercises passed, 1 something failed,
2 a usage or spec error (a message, never a traceback)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .bank import default_exercises_dir, default_solutions_dir, load_bank, select
from .engine import Grader, Options
from .ids import IdsError
from .render import json_report, terminal
from .render.environment import render
from .spec_loader import SpecError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="grader", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"grader {__version__}")
    parser.add_argument("--exercises", type=Path, help="the exercise bank (default: the bundled one)")
    sub = parser.add_subparsers(dest="command", required=True)

    def lang(p):
        p.add_argument("--lang", choices=("ko", "en"), default="en")

    def only(p):
        p.add_argument("--only", metavar="IDS", help="exercise numbers or ranges: 209,210 or 209-215")

    p = sub.add_parser("list", help="the exercises of the bank")
    lang(p)
    p.add_argument("--markdown", action="store_true", help="as a Markdown table (for a README)")
    p = sub.add_parser("show", help="one exercise: its prompt and checks")
    p.add_argument("id")
    lang(p)
    p = sub.add_parser("stubs", help="write starting files p<ID>.py (never overwrites)")
    p.add_argument("dir", type=Path)
    only(p)
    lang(p)
    p = sub.add_parser("check", help="grade one submission folder")
    p.add_argument("dir", type=Path, nargs="?", default=Path("."))
    only(p)
    lang(p)
    p.add_argument("--json", type=Path, metavar="FILE", help="write the results JSON here")
    p.add_argument("--solutions", type=Path, metavar="DIR",
                   help="reference solutions, for the checks that compare with them")
    p.add_argument("--seed", type=int, help="repeat a run's random inputs exactly")
    p.add_argument("--timeout-scale", type=float, default=1.0, metavar="X",
                   help="multiply every time limit by X (a slow machine)")
    p = sub.add_parser("validate", help="check the specs, and that solutions pass and stubs fail")
    p.add_argument("exercises_dir", type=Path, nargs="?")
    only(p)
    p.add_argument("--solutions", type=Path, metavar="DIR")
    p.add_argument("--seed", type=int)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except (SpecError, IdsError, UsageError) as e:
        print(f"grader: {e}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("grader: interrupted", file=sys.stderr)
        return 130


def _bank(args, folder: Path | None = None):
    specs = load_bank(folder or args.exercises)
    return select(specs, getattr(args, "only", None))


def cmd_list(args) -> int:
    template = "list.md.j2" if args.markdown else "list.txt.j2"
    print(render(template, specs=_bank(args), lang=args.lang), end="")
    return EXIT_OK


def cmd_show(args) -> int:
    matches = [s for s in _bank(args) if s.id == args.id.lstrip("p")]
    if not matches:
        raise UsageError(f"no exercise {args.id} in the bank (see `grader list`)")
    print(render("show.txt.j2", spec=matches[0], lang=args.lang), end="")
    return EXIT_OK


def cmd_stubs(args) -> int:
    folder: Path = args.dir
    folder.mkdir(parents=True, exist_ok=True)
    for spec in _bank(args):
        target = folder / spec.filename
        if target.exists() or target.is_symlink():
            print(f"kept     {target} (already there)")
            continue
        target.write_text(render("stub.py.j2", spec=spec, lang=args.lang), encoding="utf-8")
        print(f"written  {target}")
    return EXIT_OK


def cmd_check(args) -> int:
    if not args.dir.is_dir():
        raise UsageError(f"{args.dir} is not a folder")
    specs = _bank(args)
    solutions = args.solutions
    if solutions is None and args.exercises is None:
        solutions = default_solutions_dir(default_exercises_dir())
    if solutions is not None and not solutions.is_dir():
        raise UsageError(f"--solutions {solutions} is not a folder")
    if args.timeout_scale <= 0:
        raise UsageError("--timeout-scale must be positive")
    options = Options(seed=args.seed, lang=args.lang, solutions=solutions,
                      timeout_scale=args.timeout_scale)
    with Grader(specs, options) as grader:
        result = grader.grade(args.dir)
    print(terminal.report(result, colour=terminal.use_colour()), end="")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json_report.dumps(result), encoding="utf-8")
    return EXIT_OK if result.all_passed else EXIT_FAILED


def cmd_validate(args) -> int:
    from .validate import validate_bank  # the instructor's tool; students never load it

    folder = args.exercises_dir or args.exercises or default_exercises_dir()
    specs = _bank(args, folder)
    all_specs = load_bank(folder)
    solutions = args.solutions or default_solutions_dir(folder)
    if solutions is None:
        raise UsageError(f"no solutions folder beside {folder}: give --solutions DIR")
    report = validate_bank(specs, all_specs, solutions, seed=args.seed)
    print(render("validate.txt.j2", report=report), end="")
    return EXIT_OK if report.ok else EXIT_FAILED


COMMANDS = {"list": cmd_list, "show": cmd_show, "stubs": cmd_stubs, "check": cmd_check,
            "validate": cmd_validate}
