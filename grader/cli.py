"""grader: grade numpy backpropagation exercises. Exit codes: 0 all graded exercises passed,
1 something failed, 2 a usage or spec error (a message, never a traceback)."""
from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from . import __version__
from .bank.ids import IdsError, parse_ids

# The rest of the package is imported where a command needs it: `grader check` starts its first
# warm worker before it parses its arguments, and the others before it imports numpy, the bank
# or jinja2 (see `main`, `cmd_check`).

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class UsageError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    from .platforms import formats

    parser = argparse.ArgumentParser(prog="grader", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"grader {__version__}")
    parser.add_argument("--exercises", type=Path, help="the exercise bank (default: the bundled one)")
    sub = parser.add_subparsers(dest="command", required=True)

    def lang(p):
        p.add_argument("--lang", choices=("ko", "en"), default="en")

    def only(p):
        p.add_argument("--only", metavar="IDS", help="exercise numbers or ranges: 209,210 or 209-215")

    def grading(p):
        """What `check` and `batch` both take: which exercises, how to grade them."""
        only(p)
        lang(p)
        p.add_argument("--solutions", type=Path, metavar="DIR",
                       help="reference solutions, for the checks that compare with them")
        p.add_argument("--seed", type=int, help="repeat a run's random inputs exactly")
        p.add_argument("--timeout-scale", type=float, default=1.0, metavar="X",
                       help="multiply every time limit by X (a slow machine)")

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
    grading(p)
    p.add_argument("--json", type=Path, metavar="FILE", help="write the results JSON here")
    p.add_argument("--html", type=Path, metavar="FILE", help="write the HTML report here")
    p.add_argument("--all", action="store_true", dest="every",
                   help="list every exercise, those not handed in too (folded by default)")
    p.add_argument("--format", choices=formats.NAMES,
                   help="a CI or platform format: " + "; ".join(
                       f"{f.name}: {f.help}" for f in formats.FORMATS.values()))
    p.add_argument("--output", type=Path, metavar="FILE",
                   help="write the --format output here (default: standard output, or the "
                        "platform's own file)")
    p.add_argument("--watch", action="store_true",
                   help="keep watching DIR: regrade an exercise when its file, or one it "
                        "imports, is saved, and show what changed (Ctrl-C stops)")
    p = sub.add_parser("validate", help="check the specs, and that solutions pass and stubs fail")
    p.add_argument("exercises_dir", type=Path, nargs="?")
    only(p)
    p.add_argument("--solutions", type=Path, metavar="DIR")
    p.add_argument("--seed", type=int)
    p.add_argument("--freeze", action="store_true", help="first write the reference solution's "
                   "results into the bank (exercises/frozen/), for the reference checks")
    p = sub.add_parser("batch", help="grade every submission under ROOT (a class)")
    p.add_argument("root", type=Path, help="one subfolder or .zip file per student")
    p.add_argument("--out", type=Path, required=True, metavar="OUT")
    p.add_argument("--jobs", type=int, metavar="N", help="students at once (default: the cores)")
    p.add_argument("--force", action="store_true", help="regrade students already up to date")
    p.add_argument("--shard", metavar="I/N", help="grade only the I-th of N shares of the class")
    grading(p)
    p = sub.add_parser("merge", help="combine batch outputs (shards) into one gradebook")
    p.add_argument("inputs", type=Path, nargs="+", metavar="OUT_I")
    p.add_argument("--out", type=Path, required=True, metavar="OUT")
    p = sub.add_parser("classroom-template", help="a student repository for GitHub Classroom: "
                       "stubs, README, .github/workflows/classroom.yml (never overwrites)")
    p.add_argument("dir", type=Path)
    only(p)
    lang(p)
    p.add_argument("--install", metavar="SPEC", help="the pip requirement the workflow installs "
                   "the grader from (default: backprop-grader==<this version>, from PyPI)")
    p = sub.add_parser("gradescope-autograder", help="the autograder zip for Gradescope")
    p.add_argument("zip", type=Path, metavar="FILE.zip")
    only(p)
    lang(p)
    source = p.add_mutually_exclusive_group()
    source.add_argument("--wheel", type=Path, metavar="FILE", help="bundle this wheel of the "
                        "grader (default: build this checkout's wheel and bundle it)")
    source.add_argument("--install", metavar="SPEC", help="install the grader from this pip "
                        "requirement instead, such as backprop-grader==<version>")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    # The grader's arrays are small: OpenBLAS's threads would only spin, a tenth of a second of
    # a core at numpy's import, which the warm workers' start needs (unless the user chose)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    started = _early_workers(argv)
    try:
        args = _parser().parse_args(argv)
        args.started, started = started, []  # the command owns it now
        return COMMANDS[args.command](args)
    except (IdsError, UsageError) as e:
        print(f"grader: {e}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("grader: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as e:
        from .bank import SpecError  # loaded already when one was raised

        if not isinstance(e, SpecError):
            raise
        print(f"grader: {e}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        if started:  # argparse refused the arguments
            from .grading import warm

            warm.discard(started)


def entry() -> None:
    """The `grader` command: `main`, then an exit without the interpreter's teardown (tens of
    milliseconds freeing numpy, jinja2 and the bank once the report is out; every file is
    closed by then, and the sandboxes are)."""
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass  # a closed pipe: nothing more can be said
    os._exit(code)


def _early_workers(argv: list[str]) -> list:
    """For `grader check`, its warm workers (one per core), started before anything else, the
    arguments included: it needs one whatever they say, and the others cost a fork each (a
    usage error ends them; `cmd_check` ends those it does not need). The command is read from
    argv without argparse, which comes later: `--exercises DIR` is the only option before it."""
    words = iter(argv)
    for word in words:
        if word == "--exercises":
            next(words, None)
        elif word.startswith("-"):
            continue
        elif word == "check":
            from .grading import warm

            return warm.start_workers(warm.usable_cores())
        else:
            return []
    return []


def _bank(args, folder: Path | None = None, ids: set[int] | None = None):
    from .bank import load_bank, select

    specs = load_bank(folder or args.exercises, ids)
    return select(specs, getattr(args, "only", None))


def _check_grading_args(args) -> None:
    """The usage errors of the grading options that need nothing loaded to be found."""
    if args.solutions is not None and not args.solutions.is_dir():
        raise UsageError(f"--solutions {args.solutions} is not a folder")
    if args.timeout_scale <= 0:
        raise UsageError("--timeout-scale must be positive")


def _options(args):
    """The grading options of `check` and `batch`; the reference solutions are found beside the
    bundled bank (an instructor's checkout) unless --solutions or --exercises says otherwise."""
    from .bank import default_exercises_dir, default_solutions_dir
    from .grading.job import Options

    _check_grading_args(args)
    solutions = args.solutions
    if solutions is None and args.exercises is None:
        solutions = default_solutions_dir(default_exercises_dir())
    return Options(seed=args.seed, lang=args.lang, solutions=solutions,
                   timeout_scale=args.timeout_scale)


def render(template: str, **context) -> str:
    from .render.environment import render as render_template

    return render_template(template, **context)


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
    """Grade one folder. The warm workers start first, before numpy, the bank or the submission
    is loaded, so that their start overlaps the grader's own; the exercises are then spread over
    them, one per core; jinja2 loads while the exercises run."""
    from .grading import warm

    started = list(getattr(args, "started", [])) or warm.start_workers(warm.usable_cores())
    grader = None
    try:
        if not args.dir.is_dir():
            raise UsageError(f"{args.dir} is not a folder")
        if args.output and not args.format:
            raise UsageError("--output FILE names where --format writes: give --format too")
        if args.watch and args.format:
            raise UsageError("--watch shows its report in the terminal: --format is for one run")
        _check_grading_args(args)
        wanted = parse_ids(args.only) if args.only else None
        needed = _warm_workers(args.dir, wanted, len(started))
        warm.discard(started[needed:])
        started = started[:needed]
        from .grading.engine import SpreadGrader
        from .grading.job import GradingJob

        specs = _bank(args, ids=wanted)
        grader = SpreadGrader(specs, _options(args), workers=warm.usable_cores(),
                              started=started)
    finally:
        if grader is None:
            warm.discard(started)
    with grader:
        if args.watch:
            from .watch import watch

            return watch(grader, args.dir, args.lang, colour=_colour(),
                         outputs=lambda result: _write_outputs(args, result, None))
        report = _prepare_report()
        job = GradingJob.read(args.dir)
        result = grader.grade(job)
    report.join()
    from .platforms import formats
    from .render import terminal

    target = formats.Target(output=args.output, folder=args.dir) if args.format else None
    # a format on standard output keeps it clean: the terminal report goes to standard error
    report_to = sys.stderr if target and formats.uses_stdout(args.format, target) else sys.stdout
    print(terminal.github_guard(terminal.report(result, colour=terminal.use_colour(),
                                                every=args.every)), end="",
          file=report_to)
    _write_outputs(args, result, target)
    return EXIT_OK if result.all_passed else EXIT_FAILED


def _warm_workers(folder: Path, wanted: set[int] | None, cores: int) -> int:
    """How many warm workers to keep before the bank is read: one per core, but no more than
    the exercises handed in (the p<ID>.py files, of --only's when it is given), and one per core
    when a notebook may hold any number of them. A guess that only decides what is kept warm:
    the grader starts more when the submission turns out to need them."""
    try:
        names = os.listdir(folder)
    except OSError:
        names = []
    if any(name.endswith(".ipynb") for name in names):
        return cores
    handed_in = {int(m[1]) for m in map(re.compile(r"p(\d+)\.py").fullmatch, names) if m}
    if wanted is not None:
        handed_in &= wanted
    return max(1, min(cores, len(handed_in)))


def _colour() -> bool:
    from .render import terminal

    return terminal.use_colour()


def _prepare_report():
    """jinja2 and the terminal report's template, loaded in a thread while the exercises run
    (the grader mostly waits for its sandboxes then): measured here, 42 ms to import jinja2
    and 14 ms to compile the template, no longer between the last result and the report."""
    import threading

    def prepare():
        from .render import terminal

        terminal.prepare()

    thread = threading.Thread(target=prepare, name="prepare-report", daemon=True)
    thread.start()
    return thread


def _write_outputs(args, result, target) -> None:
    """--json, --html and --format, from the results JSON."""
    if not (args.json or args.html or target):
        return
    from .render import json_report

    results = json_report.as_dict(result)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json_report.dumps(results), encoding="utf-8")
    if args.html:
        from .render import html

        args.html.parent.mkdir(parents=True, exist_ok=True)
        args.html.write_text(html.student_report(results, every=args.every), encoding="utf-8")
    if target:
        from .platforms import formats

        formats.emit(args.format, results, target)


def cmd_validate(args) -> int:
    from .bank import default_exercises_dir, default_solutions_dir, load_bank
    from .validate import validate_bank  # the instructor's tool; students never load it

    folder = args.exercises_dir or args.exercises or default_exercises_dir()
    specs = _bank(args, folder)
    all_specs = load_bank(folder)
    solutions = args.solutions or default_solutions_dir(folder)
    if solutions is None:
        raise UsageError(f"no solutions folder beside {folder}: give --solutions DIR")
    report = validate_bank(specs, all_specs, solutions, seed=args.seed, freeze=args.freeze)
    print(render("validate.txt.j2", report=report), end="")
    return EXIT_OK if report.ok else EXIT_FAILED


def cmd_batch(args) -> int:
    from .batch import run as batch

    if not args.root.is_dir():
        raise UsageError(f"{args.root} is not a folder")
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    try:
        shard = batch.parse_shard(args.shard) if args.shard else None
    except ValueError as e:
        raise UsageError(str(e)) from None
    options = _options(args)
    specs = _bank(args)
    outcome = batch.run_batch(args.root, args.out, specs, options, jobs=args.jobs,
                              force=args.force, shard_of=shard)
    s = outcome.summary
    print(f"{len(outcome.graded)} graded, {len(outcome.skipped)} up to date, "
          f"{len(outcome.problems)} with problems, {len(s['ungraded'])} not graded; "
          f"mean {s['mean']:g} / {s['max_score']:g}, median {s['median']:g}; "
          f"{outcome.seconds:.1f} s\n{args.out / 'index.html'}")
    if outcome.interrupted:
        print("grader: interrupted; the finished results are kept"
              + (f" (abandoned: {', '.join(outcome.abandoned)})" if outcome.abandoned else ""),
              file=sys.stderr)
        return 130
    everyone_passed = s["students"] and all(e["pass_rate"] == 1 for e in s["exercises"])
    return EXIT_OK if everyone_passed and not s["ungraded"] else EXIT_FAILED


def cmd_merge(args) -> int:
    from .bank import SpecError, load_bank
    from .batch import run as batch

    for folder in args.inputs:
        if not folder.is_dir():
            raise UsageError(f"{folder} is not a folder")
    try:
        specs = load_bank(args.exercises)  # only for hints the results lack
    except SpecError:
        specs = None
    s, warnings = batch.merge(args.inputs, args.out, specs)
    for warning in warnings:
        print(f"grader: {warning}", file=sys.stderr)
    print(f"{s['students']} students merged; mean {s['mean']:g} / {s['max_score']:g}\n"
          f"{args.out / 'index.html'}")
    return EXIT_OK if s["students"] and all(e["pass_rate"] == 1 for e in s["exercises"]) \
        else EXIT_FAILED


def cmd_classroom_template(args) -> int:
    from .platforms import classroom_template

    try:
        done = classroom_template.write(args.dir, _bank(args), args.lang, args.install)
    except classroom_template.TemplateError as e:
        raise UsageError(str(e)) from None
    for path, written in done:
        print(f"written  {path}" if written else f"kept     {path} (already there)")
    return EXIT_OK


def cmd_gradescope_autograder(args) -> int:
    from .platforms import gradescope_autograder
    from .platforms.classroom_template import TemplateError

    try:
        names = gradescope_autograder.build(args.zip, _bank(args), args.lang, args.wheel,
                                            args.install)
    except (gradescope_autograder.AutograderError, TemplateError) as e:
        raise UsageError(str(e)) from None
    print(f"written  {args.zip}: {', '.join(names)}")
    return EXIT_OK


COMMANDS = {"list": cmd_list, "show": cmd_show, "stubs": cmd_stubs, "check": cmd_check,
            "validate": cmd_validate, "batch": cmd_batch, "merge": cmd_merge,
            "classroom-template": cmd_classroom_template,
            "gradescope-autograder": cmd_gradescope_autograder}
