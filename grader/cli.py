"""grader: grade numpy backpropagation exercises. Exit codes: 0 all graded exercises passed,
1 something failed, 2 a usage or spec error (a message, never a traceback)."""
from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
from pathlib import Path

from . import __version__, language, paths
from .bank import (IdsError, SpecError, default_exercises_dir, default_solutions_dir, load_bank,
                   select)
from .grading.engine import Grader
from .grading.job import GradingJob, Options
from .platforms import formats
from .render import json_report, terminal
from .render.words import progress_words
from .render.environment import render

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="grader", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"grader {__version__}")
    parser.add_argument("--exercises", type=Path, help="the exercise bank (default: the bundled one)")
    sub = parser.add_subparsers(dest="command", required=True)
    for add in (_list_args, _show_args, _stubs_args, _check_args, _validate_args, _batch_args,
                _merge_args, _classroom_template_args, _gradescope_autograder_args):
        add(sub)  # in this order in `grader --help`
    return parser


# -- options several commands take ---------------------------------------------------------------

def _lang(p):
    p.add_argument("--lang", choices=language.LANGS, default=None,
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
    p.add_argument("--seed", type=int, help="repeat a run's random inputs exactly")
    p.add_argument("--timeout-scale", type=float, default=1.0, metavar="X",
                   help="multiply every time limit by X (a slow machine)")


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
    p.add_argument("--format", choices=formats.NAMES,
                   help="a CI or platform format: " + "; ".join(
                       f"{f.name}: {f.help}" for f in formats.FORMATS.values()))
    p.add_argument("--output", type=Path, metavar="FILE",
                   help="write the --format output here (default: standard output, or the "
                        "platform's own file)")


def _validate_args(sub):
    p = sub.add_parser("validate", help="check the specs, and that solutions pass and stubs fail")
    p.add_argument("exercises_dir", type=Path, nargs="?")
    _only(p)
    p.add_argument("--solutions", type=Path, metavar="DIR")
    p.add_argument("--seed", type=int)
    p.add_argument("--freeze", action="store_true", help="first write the reference solution's "
                   "results into the bank (exercises/frozen/), for the reference checks")


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
    p.set_defaults(lang=None, timeout_scale=None)  # a rerun takes OUT's unless given


def _merge_args(sub):
    p = sub.add_parser("merge", help="combine batch outputs (shards) into one gradebook")
    p.add_argument("inputs", type=Path, nargs="+", metavar="OUT_I")
    p.add_argument("--out", type=Path, required=True, metavar="OUT")
    p.add_argument("--force", action="store_true",
                   help="merge outputs graded with different seeds or banks anyway")
    _policies(p)


def _classroom_template_args(sub):
    p = sub.add_parser("classroom-template", help="a student repository for GitHub Classroom: "
                       "stubs, README, .github/workflows/classroom.yml (never overwrites)")
    p.add_argument("dir", type=Path)
    _only(p)
    _lang(p)
    p.add_argument("--install", metavar="SPEC", help="the pip requirement the workflow installs "
                   "the grader from (default: backprop-grader==<this version>, from PyPI)")


def _gradescope_autograder_args(sub):
    p = sub.add_parser("gradescope-autograder", help="the autograder zip for Gradescope")
    p.add_argument("zip", type=Path, metavar="FILE.zip")
    _only(p)
    _lang(p)
    source = p.add_mutually_exclusive_group()
    source.add_argument("--wheel", type=Path, metavar="FILE", help="bundle this wheel of the "
                        "grader (default: build this checkout's wheel and bundle it)")
    source.add_argument("--install", metavar="SPEC", help="install the grader from this pip "
                        "requirement instead, such as backprop-grader==<version>")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if hasattr(args, "lang"):  # said once: GRADER_LANG or the folder's grader.cfg
            args.lang_given = args.lang is not None
            args.lang = language.chosen(args.lang, _language_folder(args))
        return COMMANDS[args.command](args)
    except (SpecError, IdsError, UsageError, paths.PathError, language.LanguageError) as e:
        print(f"grader: {e}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("grader: interrupted", file=sys.stderr)
        return 130


def _language_folder(args) -> Path:
    """Where a command's grader.cfg is: the folder it works on (a file's folder), else the
    current one."""
    folder = getattr(args, "dir", None) or getattr(args, "root", None)
    if isinstance(folder, Path) and folder.is_file():
        folder = folder.parent
    return folder if isinstance(folder, Path) and folder.is_dir() else Path(".")


def _bank(args, folder: Path | None = None):
    specs = load_bank(folder or args.exercises)
    return select(specs, getattr(args, "only", None))


def _options(args) -> Options:
    """The grading options of `check` and `batch`; the reference solutions are found beside the
    bundled bank (an instructor's checkout) unless --solutions or --exercises says otherwise."""
    solutions = args.solutions
    if solutions is None and args.exercises is None:
        solutions = default_solutions_dir(default_exercises_dir())
    if solutions is not None and not solutions.is_dir():
        raise UsageError(f"--solutions {solutions} is not a folder")
    if args.timeout_scale is not None and not args.timeout_scale > 0:
        raise UsageError("--timeout-scale must be positive")
    _check_seed(args.seed)
    return Options(seed=args.seed, lang=args.lang or "en", solutions=solutions,
                   timeout_scale=args.timeout_scale or 1.0)


SEED_LIMIT = 2**32


def _check_seed(seed: int | None) -> None:
    if seed is not None and not 0 <= seed < SEED_LIMIT:
        raise UsageError(f"--seed {seed}: a whole number from 0 to {SEED_LIMIT - 1}")


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
    paths.output_folder(folder)
    specs = _bank(args)
    folder.mkdir(exist_ok=True)
    for spec in specs:
        target = folder / spec.filename
        if target.exists() or target.is_symlink():
            print(f"kept     {target} (already there)")
            continue
        target.write_text(render("stub.py.j2", spec=spec, lang=args.lang), encoding="utf-8")
        print(f"written  {target}")
    # the folder keeps its language: `grader check` and pytest there speak it without --lang
    if args.lang_given or not (folder / language.CONFIG).exists():
        done = language.write(folder, args.lang)
        print(f"{done:<8} {folder / language.CONFIG} (lang = {args.lang})")
    return EXIT_OK


def cmd_check(args) -> int:
    from .grading import unpack
    from .grading.finder import candidate

    given: Path = args.dir
    kind = _target_kind(given)
    if kind == "py" and candidate(given.name) is None:
        raise UsageError(f"{given} is not an exercise file: name it p<ID>.py (p209.py)")
    bank = load_bank(args.exercises)
    specs = select(bank, getattr(args, "only", None))
    options = _options(args)
    if args.output and not args.format:
        raise UsageError("--output FILE names where --format writes: give --format too")
    for flag, path in (("--json", args.json), ("--html", args.html), ("--output", args.output)):
        if path is not None:  # before grading: a bad path costs nothing, creates nothing
            paths.output_file(path, flag)
    folder = given if kind == "folder" else given.parent
    target = formats.Target(output=args.output, folder=folder) if args.format else None
    # a format on standard output keeps it clean: the terminal report goes to standard error
    report_to = sys.stderr if target and formats.uses_stdout(args.format, target) else sys.stdout
    with contextlib.ExitStack() as stack:
        if kind == "zip":
            unpacked = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="grader-zip-")))
            try:
                unpack.extract_zip(given, unpacked)
            except unpack.Refused as e:
                raise UsageError(f"{given}: {e}") from None
            job = GradingJob.read(unpack.submission_root(unpacked), name=given.stem)
        elif kind == "folder":
            job = GradingJob.read(given)
        else:  # one file: graded before anything else in its folder
            explicit = given.name
            if _reaches_up(given):  # the book's files import its packages from the folder above
                folder = given.resolve().parent.parent
                explicit = f"{given.resolve().parent.name}/{given.name}"
            job = GradingJob.read(folder, explicit=explicit)
            provided = set(job.resolution(bank).provided())
            specs = [s for s in specs if s.id in provided]
        with Grader(specs, options, bank=bank) as grader:
            result = grader.grade(job)
    print(terminal.github_guard(terminal.report(result, colour=terminal.use_colour(),
                                                every=args.every)), end="", file=report_to)
    if not result.exercises:
        return EXIT_FAILED
    results = json_report.as_dict(result)
    if args.json:
        args.json.write_text(json_report.dumps(results), encoding="utf-8")
    if args.html:
        from .render import html

        args.html.write_text(html.student_report(results, every=args.every), encoding="utf-8")
    if target:
        formats.emit(args.format, results, target)
    return EXIT_OK if result.all_passed else EXIT_FAILED


def _target_kind(given: Path) -> str:
    """folder | zip | notebook | py: what `grader check` was given (a usage error if nothing)."""
    if given.is_dir():
        return "folder"
    name = given.name.lower()
    if not given.is_file():
        raise UsageError(f"{given} is not a folder" if not name.endswith(
            (".py", ".ipynb", ".zip", ".txt")) else f"{given} is not a file")
    if name.endswith(".zip"):
        return "zip"
    if name.endswith(".ipynb"):
        return "notebook"
    if name.endswith((".py", ".py.txt")):
        return "py"
    raise UsageError(f"{given} is not a folder, a zip, a notebook (.ipynb) or a .py file")


def _reaches_up(file: Path) -> bool:
    """Whether a file puts its folder's parent on sys.path (`sys.path.append(os.pardir)`, as
    the book's files do): its submission is then that parent folder."""
    try:
        with open(file, "rb") as f:
            head = f.read(1 << 20)
    except OSError:
        return False
    return b"os.pardir" in head and file.resolve().parent.parent != file.resolve().parent


def cmd_validate(args) -> int:
    from .validate import validate_bank  # the instructor's tool; students never load it

    folder = args.exercises_dir or args.exercises or default_exercises_dir()
    specs = _bank(args, folder)
    all_specs = load_bank(folder)
    solutions = args.solutions or default_solutions_dir(folder)
    _check_seed(args.seed)
    if solutions is None:
        raise UsageError(f"no solutions folder beside {folder}: give --solutions DIR")
    report = validate_bank(specs, all_specs, solutions, seed=args.seed, freeze=args.freeze)
    print(render("validate.txt.j2", report=report), end="")
    return EXIT_OK if report.ok else EXIT_FAILED


def cmd_batch(args) -> int:
    from .batch import lms, run as batch
    from .batch.policy import PolicyError
    from .batch.record import Asked, RecordError
    from .batch.students import RootError

    if not args.root.is_dir():
        raise UsageError(f"{args.root} is not a folder")
    paths.output_folder(args.out, "--out")
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    try:
        shard = batch.parse_shard(args.shard) if args.shard else None
    except ValueError as e:
        raise UsageError(str(e)) from None
    _policy_files(args)
    options = _options(args)
    bank = load_bank(args.exercises)
    selection = select(bank, args.only) if args.only else None
    asked = Asked(seed=args.seed, lang=args.lang, timeout_scale=args.timeout_scale,
                  solutions_used=options.solutions is not None, only=args.only)
    try:
        setup = batch.prepare(args.root, args.out, bank, selection, options, asked,
                              force=args.force, shard_of=shard, given=_policy_given(args),
                              exports=_exports_given(args))
    except (RecordError, PolicyError, lms.RosterError, RootError) as e:
        raise UsageError(str(e)) from None
    try:
        outcome = batch.run_batch(args.out, setup, jobs=args.jobs,
                                  find_similar=not args.no_similarity)
    except OSError as e:  # the disk filled, or OUT changed under the run
        raise UsageError(f"could not write {e.filename or args.out}: {e.strerror or e}") from None
    s = outcome.summary
    said = progress_words(options.lang)
    print(said["finished"].format(
        graded=len(outcome.graded), skipped=len(outcome.skipped),
        problems=len(outcome.problems), ungraded=len(s["ungraded"]), mean=s["mean"],
        top=s["max_score"], median=s["median"], seconds=outcome.seconds)
          + "; " + said["seed"].format(seed=setup.plan.settings.seed)
          + f"\n{args.out / 'index.html'}")
    _say_similar(s, args.out, options.lang)
    for warning in outcome.warnings:
        print(f"grader: {warning}", file=sys.stderr)
    if outcome.interrupted:
        print(said["kept"].format(abandoned=said["abandoned"].format(
            names=", ".join(outcome.abandoned)) if outcome.abandoned else ""), file=sys.stderr)
        return 130
    everyone_passed = s["students"] and all(e["pass_rate"] == 1 for e in s["exercises"])
    return EXIT_OK if everyone_passed and not s["ungraded"] else EXIT_FAILED


def cmd_merge(args) -> int:
    from .batch import lms, outputs
    from .batch.policy import PolicyError, check_exercises
    from .batch.record import RecordError

    for folder in args.inputs:
        if not folder.is_dir():
            raise UsageError(f"{folder} is not a folder")
    paths.output_folder(args.out, "--out")
    _policy_files(args)
    try:
        specs = load_bank(args.exercises)  # for hints the results lack, and the overrides
    except SpecError:
        specs = None
    try:
        setup = outputs.prepare_merge(args.inputs, args.out, args.force, _policy_given(args),
                                      _exports_given(args))
        if specs is not None:
            check_exercises(setup.policy, specs)
    except (RecordError, PolicyError, lms.RosterError) as e:
        raise UsageError(str(e)) from None
    try:
        s, warnings = outputs.merge(args.out, setup, specs, args.force,
                                    find_similar=not args.no_similarity)
    except OSError as e:
        raise UsageError(f"could not write {e.filename or args.out}: {e.strerror or e}") from None
    for warning in warnings:
        print(f"grader: {warning}", file=sys.stderr)
    print(f"{s['students']} students merged; mean {s['mean']:g} / {s['max_score']:g}\n"
          f"{args.out / 'index.html'}")
    _say_similar(s, args.out)
    return EXIT_OK if s["students"] and all(e["pass_rate"] == 1 for e in s["exercises"]) \
        and not s["ungraded"] else EXIT_FAILED


def _say_similar(summary: dict, out: Path, lang: str | None = None) -> None:
    pairs = summary.get("similarity")
    if pairs:
        top = pairs[0]
        print(progress_words(lang)["similar"].format(
            count=len(pairs), exercise=top["exercise"], students=" & ".join(top["students"]),
            similarity=top["similarity"], page=f"{out / 'index.html'}#similarity"))


def _policy_files(args) -> None:
    """The instructor's files exist and can be read (before any grading)."""
    for flag, path in (("--overrides", args.overrides), ("--times", args.times),
                       ("--canvas-roster", args.canvas_roster)):
        if path is not None:
            paths.input_file(path, flag)


def _policy_given(args):
    from .batch.policy import Given

    return Given(due=args.due, late_penalty=args.late_penalty, late_cap=args.late_cap,
                 overrides=args.overrides, times=args.times)


def _exports_given(args):
    from .batch.lms import Given

    return Given(export=args.export, roster=args.canvas_roster, assignment=args.assignment)


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
