"""The `grader` command line: every command's arguments and help texts, read before any command
is imported (`cli.main`). A command's `args` come from here; its module is `commands/<name>.py`."""
from __future__ import annotations

import argparse
from pathlib import Path

from .. import language, settings
from ..platforms import formats
from ..version import __version__

DESCRIPTION = ("grader: grade numpy backpropagation exercises. Exit codes: 0 every graded "
               "exercise passed, 1 something failed, 2 a usage or spec error (a message, never a "
               "traceback), 130 interrupted.")
"""what `grader --help` says first: what it is, and its exit codes"""


def parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, its help texts included (tests/golden/help/ holds them); with
    `command` (the command a command line names first, `named_first`), only that command's:
    the same arguments, help and errors for it, without building the ten others (5 ms of
    every `grader check`'s start, argparse's first look at its translations most)."""
    parser = argparse.ArgumentParser(prog="grader", description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"grader {__version__}")
    parser.add_argument("--exercises", type=Path, help="the exercise bank (default: the bundled one)")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, add in COMMANDS.items():  # in this order in `grader --help`
        if command in (None, name) or command not in COMMANDS:
            add(sub)
    return parser


def named_first(argv: list[str]) -> str | None:
    """The command `argv` names before any option but `--exercises DIR`: the one `parser`
    may be built for alone (None: the whole command line, for its help or its errors)."""
    words = list(argv[2:] if argv[:1] == ["--exercises"] else argv)
    return words[0] if words and words[0] in COMMANDS else None


# -- options several commands take ---------------------------------------------------------------

def _lang(p):
    p.add_argument("--lang", metavar="ko|en", default=None,
                   help=f"ko or en (default: ${language.ENV}, else the folder's "
                        f"{language.CONFIG}, else en)")


def _only(p):
    p.add_argument("--only", metavar="IDS", help="exercise numbers or ranges: 209,210 or 209-215")


def _grading(p):
    """What `check` and `batch` both take: which exercises, how to grade them."""
    _only(p)
    _lang(p)
    p.add_argument("--solutions", type=Path, metavar="DIR",
                   help="reference solutions, for the checks that compare with them")
    p.add_argument("--seed", metavar="N", help="repeat a run's random inputs exactly")
    p.add_argument("--timeout-scale", metavar="X", help="multiply every time limit by X, from "
                   f"{settings.SCALE_RANGE[0]:g} to {settings.SCALE_RANGE[1]:g} (a slow "
                   "machine; default 1)")
    p.add_argument("--isolation", metavar="|".join(settings.ISOLATIONS),
                   help="what each job runs in: auto (default), namespaces of its own where "
                        "this machine allows them, else a plain process, said once; strict: "
                        "namespaces or nothing is graded; none: plain processes (see "
                        "`grader doctor`)")


def _policies(p):
    """The instructor's policies and exports of `batch` and `merge`, kept in OUT."""
    p.add_argument("--due", metavar="WHEN", help="the due date, ISO 8601 such as "
                   "2026-03-01T23:59+09:00 (a date alone: the end of that day; no offset: "
                   "local time; none: no due date)")
    p.add_argument("--late-penalty", type=float, metavar="PERCENT",
                   help="percent of the score lost per started day late (default 0)")
    p.add_argument("--late-cap", type=float, metavar="PERCENT",
                   help="at most this percent lost for lateness (default 100)")
    p.add_argument("--times", type=Path, metavar="FILE", help="a CSV student,time of "
                   "submission times (else each clone's last commit); copied into OUT")
    p.add_argument("--overrides", type=Path, metavar="FILE", help="a CSV student,exercise,"
                   "points,reason of scores set by hand; copied into OUT")
    p.add_argument("--export", metavar="LMS", help="also write the totals for an LMS's "
                   "grade import: canvas, moodle (a comma list; none: no more)")
    p.add_argument("--canvas-roster", type=Path, metavar="FILE", help="Canvas's gradebook "
                   "export, to name the students in canvas.csv; copied into OUT")
    p.add_argument("--assignment", metavar="NAME", help="the assignment's column in the "
                   "exports (default: OUT's folder name)")
    p.add_argument("--no-similarity", action="store_true",
                   help="do not look for students whose code for an exercise is alike")


# -- each command's arguments --------------------------------------------------------------------

def _list_args(sub):
    p = sub.add_parser("list", help="the exercises of the bank")
    _lang(p)
    p.add_argument("--markdown", action="store_true", help="as a Markdown table (for a README)")


def _show_args(sub):
    p = sub.add_parser("show", help="one exercise: its prompt and checks")
    p.add_argument("id")
    _lang(p)


def _stubs_args(sub):
    p = sub.add_parser("stubs", help="write starting files p<ID>.py (never overwrites)")
    p.add_argument("dir", type=Path)
    _only(p)
    _lang(p)


def _check_args(sub):
    p = sub.add_parser("check", help="grade one submission: a folder, a zip, a notebook or a "
                       "p<ID>.py file")
    p.add_argument("dir", type=Path, nargs="?", default=Path("."),
                   help="a folder (default .), FILE.zip, NOTEBOOK.ipynb or p<ID>.py")
    _grading(p)
    p.add_argument("--json", type=Path, metavar="FILE", help="write the results JSON here")
    p.add_argument("--html", type=Path, metavar="FILE", help="write the HTML report here")
    p.add_argument("--all", action="store_true", dest="every",
                   help="list every exercise, those not handed in too (folded by default)")
    p.add_argument("--hidden", action="store_true",
                   help="run the hidden checks too, as the final grading does (they are only "
                        "in an instructor's bank)")
    p.add_argument("--watch", action="store_true",
                   help="keep watching DIR: regrade an exercise when its file, or one it "
                        "imports, is saved, and show what changed (Ctrl-C stops)")
    p.add_argument("--format", choices=formats.NAMES,
                   help="a CI or platform format: " + "; ".join(
                       f"{f.name}: {f.help}" for f in formats.FORMATS.values()))
    p.add_argument("--output", type=Path, metavar="FILE",
                   help="write the --format output here (default: standard output, or the "
                        "platform's own file)")
    p.add_argument("--no-server", action="store_true", help="grade in this process, not "
                   "through the warm grader (also: GRADER_NO_SERVER=1; see grader/server)")


def _validate_args(sub):
    p = sub.add_parser("validate", help="check the specs, and that solutions pass and stubs fail")
    p.add_argument("exercises_dir", type=Path, nargs="?")
    _only(p)
    p.add_argument("--solutions", type=Path, metavar="DIR")
    p.add_argument("--seed", metavar="N")
    p.add_argument("--seeds", type=int, default=1, metavar="N",
                   help="grade on N seeds (from --seed upwards), with the realistic cases of "
                        "tests/realistic/ too, and fail on a verdict that changes with the seed")
    p.add_argument("--freeze", action="store_true", help="first write the reference solution's "
                   "results into the bank (exercises/frozen/), for the reference checks")


def _new_args(sub):
    p = sub.add_parser("new", help="draft exercises/p<ID>.yaml from a reference solution, "
                       "and copy it to solutions/p<ID>.py (never overwrites)")
    p.add_argument("id", metavar="ID")
    p.add_argument("--from", dest="source", type=Path, required=True, metavar="SOLUTION.py",
                   help="the reference solution; its stub is the lines between `# BEGIN "
                        "SOLUTION` and `# END SOLUTION` replaced (without markers: every "
                        "function's and method's body but __init__'s)")
    p.add_argument("--stub", action="store_true", help="only print the stub the solution "
                   "makes (to paste into its spec after the solution changed)")
    p.set_defaults(exercises_dir=None)  # the bank: --exercises, the course folder's, the bundled


def _batch_args(sub):
    p = sub.add_parser("batch", help="grade every submission under ROOT (a class)")
    p.add_argument("root", type=Path, help="one subfolder or .zip file per student")
    p.add_argument("--out", type=Path, required=True, metavar="OUT")
    p.add_argument("--jobs", type=int, metavar="N", help="students at once (default: the cores)")
    p.add_argument("--force", action="store_true", help="regrade every student (the exercises "
                   "of --only, or all), even when up to date or when OUT was graded otherwise")
    p.add_argument("--shard", metavar="I/N", help="grade only the I-th of N shares of the class")
    _grading(p)
    _policies(p)
    # a rerun takes OUT's seed, language and time scale unless given (None: not given)


def _merge_args(sub):
    p = sub.add_parser("merge", help="combine batch outputs (shards) into one gradebook")
    p.add_argument("inputs", type=Path, nargs="+", metavar="OUT_I")
    p.add_argument("--out", type=Path, required=True, metavar="OUT")
    p.add_argument("--force", action="store_true",
                   help="merge outputs graded with different seeds or banks anyway")
    _policies(p)


def _doctor_args(sub):
    p = sub.add_parser("doctor", help="what this machine allows the sandbox (namespaces, "
                       "cgroups), and what the grader will use")
    _lang(p)
    p.add_argument("--json", action="store_true", help="as JSON, for scripts")


def _classroom_template_args(sub):
    p = sub.add_parser("classroom-template", help="a student repository for GitHub Classroom: "
                       "stubs, README, .github/workflows/classroom.yml (never overwrites)")
    p.add_argument("dir", type=Path)
    _only(p)
    _lang(p)
    _grader_source(p, wheel="put this wheel of the grader in the repository (default: build "
                   "this checkout's wheel and put it there, in .github/grader/)",
                   install="install the grader from this pip requirement instead, one your "
                   "course serves (a git URL, a wheel's URL)")


def _gradescope_autograder_args(sub):
    p = sub.add_parser("gradescope-autograder", help="the autograder zip for Gradescope")
    p.add_argument("zip", type=Path, metavar="FILE.zip")
    _only(p)
    _lang(p)
    _grader_source(p, wheel="bundle this wheel of the grader (default: build this checkout's "
                   "wheel and bundle it)",
                   install="install the grader from this pip requirement instead, such as "
                   "backprop-grader==<version>")


def _grader_source(p, wheel: str, install: str):
    """Where a repository or an autograder made for students gets the grader: a wheel, or a
    pip requirement."""
    source = p.add_mutually_exclusive_group()
    source.add_argument("--wheel", type=Path, metavar="FILE", help=wheel)
    source.add_argument("--install", metavar="SPEC", help=install)


COMMANDS = {"list": _list_args, "show": _show_args, "stubs": _stubs_args, "check": _check_args,
            "validate": _validate_args, "new": _new_args, "batch": _batch_args,
            "merge": _merge_args, "doctor": _doctor_args,
            "classroom-template": _classroom_template_args,
            "gradescope-autograder": _gradescope_autograder_args}
"""each command's name and the function that adds its arguments (`parser`)"""
