"""grader: grade numpy backpropagation exercises. Exit codes: 0 all graded exercises passed,
1 something failed, 2 a usage or spec error (a message, never a traceback)."""
from __future__ import annotations

import argparse
import contextlib
import dataclasses
import os
import re
import sys
import tempfile
from pathlib import Path

from . import __version__, language, paths, settings
from .launch import early_workers

# The rest of the package is imported where a command needs it: `grader check`'s warm workers
# start before this module is imported (`launch`), so before numpy, the bank or jinja2.

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class UsageError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="grader", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"grader {__version__}")
    parser.add_argument("--exercises", type=Path, help="the exercise bank (default: the bundled one)")
    sub = parser.add_subparsers(dest="command", required=True)
    for add in (_list_args, _show_args, _stubs_args, _check_args, _validate_args, _batch_args,
                _merge_args, _doctor_args, _classroom_template_args,
                _gradescope_autograder_args):
        add(sub)  # in this order in `grader --help`
    return parser


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
    from .platforms import formats

    p = sub.add_parser("check", help="grade one submission: a folder, a zip, a notebook or a "
                       "p<ID>.py file")
    p.add_argument("dir", type=Path, nargs="?", default=Path("."),
                   help="a folder (default .), FILE.zip, NOTEBOOK.ipynb or p<ID>.py")
    _grading(p)
    p.add_argument("--json", type=Path, metavar="FILE", help="write the results JSON here")
    p.add_argument("--html", type=Path, metavar="FILE", help="write the HTML report here")
    p.add_argument("--all", action="store_true", dest="every",
                   help="list every exercise, those not handed in too (folded by default)")
    p.add_argument("--watch", action="store_true",
                   help="keep watching DIR: regrade an exercise when its file, or one it "
                        "imports, is saved, and show what changed (Ctrl-C stops)")
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
    p.add_argument("--seed", metavar="N")
    p.add_argument("--seeds", type=int, default=1, metavar="N",
                   help="grade on N seeds (from --seed upwards), with the realistic cases of "
                        "tests/realistic/ too, and fail on a verdict that changes with the seed")
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


def main(argv: list[str] | None = None, started: list | None = None) -> int:
    """`started`: `grader check`'s warm workers, if the caller started them already
    (`launch.entry`)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    # The grader's arrays are small: OpenBLAS's threads would only spin, a tenth of a second of
    # a core at numpy's import, which the warm workers' start needs (unless the user chose)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    if started is None:
        started = early_workers(argv)
    args = None
    try:
        args = _parser().parse_args(argv)
        _read_settings(args)  # a wrong value ends the workers (below), as argparse's would
        args.started, started = started, []  # the command owns it now
        _course_bank(args)
        code = COMMANDS[args.command](args)
        # a spec that does not load stops only its exercise; the rest done, the command says so
        return EXIT_USAGE if getattr(args, "broken_spec", False) and code in (
            EXIT_OK, EXIT_FAILED) else code
    except settings.SettingError as e:  # --seed, --timeout-scale, --lang, --only, GRADER_LANG
        print(f"grader: {e.say(_said_in(args))}", file=sys.stderr)
        return EXIT_USAGE
    except (UsageError, paths.PathError) as e:
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
            from .grading.sandbox import warm

            warm.discard(started)


def _read_settings(args) -> None:
    """Check the option values every front end shares (`settings`), once, before any work:
    `args.seed` and `args.timeout_scale` become numbers (None: not given); `args.lang` the
    command's language (said once: --lang, else GRADER_LANG, else the folder's grader.cfg),
    `args.lang_given` what --lang said (None: nothing). `--only` is checked against the bank
    where the bank is read (`select`, and `cmd_check` before it loads the specs)."""
    if hasattr(args, "lang"):  # first: the errors after it are said in that language
        args.lang_given = language.checked(args.lang, "--lang")
        args.lang = language.chosen(args.lang_given, _language_folder(args))
    if hasattr(args, "seed"):
        args.seed = settings.seed(args.seed)
    if hasattr(args, "timeout_scale"):
        args.timeout_scale = settings.timeout_scale(args.timeout_scale)
    if hasattr(args, "isolation"):
        args.isolation = settings.isolation(args.isolation) or "auto"


def _said_in(args) -> str:
    """The language of a usage error: the command's, when it was read before the error."""
    lang = getattr(args, "lang", None)
    return lang if lang in settings.LANGS else "en"


def _language_folder(args) -> Path:
    """Where a command's grader.cfg is: the folder it works on (a file's folder), else the
    current one."""
    folder = getattr(args, "dir", None) or getattr(args, "root", None)
    try:  # a folder that cannot be searched is the command's own error, said there
        if isinstance(folder, Path) and folder.is_file():
            folder = folder.parent
        return folder if isinstance(folder, Path) and folder.is_dir() else Path(".")
    except OSError:
        return Path(".")


def _bank(args, folder: Path | None = None, stand_ins: bool = False):
    """The specs of --only's exercises. A spec that does not load is said on standard error and
    stops only its exercise: left out, or (`stand_ins`) kept as a stand-in that says why."""
    from .bank import read_bank, select

    bank = read_bank(folder or args.exercises)
    specs = select(list(bank.specs), getattr(args, "only", None))
    _say_broken(args, bank, specs)
    return specs if stand_ins else [s for s in specs if not s.problem]


def _say_broken(args, bank, specs: list) -> None:
    """The bank's problems that touch `specs`, on standard error; exit 2 then (see `main`)."""
    from .course import problems_said

    for line in problems_said(bank, specs, getattr(args, "lang", None)):
        print(line, file=sys.stderr)
        args.broken_spec = True


def _course_bank(args) -> None:
    """A course folder's bank when none is given (see `course.course_bank`), said once."""
    if args.command == "doctor" or args.exercises is not None \
            or getattr(args, "exercises_dir", None) is not None:
        return
    from .course import course_bank

    graded = args.root if args.command == "batch" else args.dir if args.command == "check" \
        else None
    try:  # the folder a file is graded in; one that cannot be searched is the command's error
        if graded is not None and graded.is_file():
            graded = graded.resolve().parent.parent if _reaches_up(graded) else graded.parent
    except OSError:
        graded = None
    args.exercises, said = course_bank(graded, getattr(args, "lang", None))
    if said:
        print(said, file=sys.stderr)


def render(template: str, **context) -> str:
    from .render.environment import render as render_template

    return render_template(template, **context)


def _options(args):
    """The grading options of `check` and `batch`; the reference solutions are found beside the
    bundled bank (an instructor's checkout) unless --solutions or --exercises says otherwise."""
    from .bank import default_exercises_dir, default_solutions_dir
    from .grading.job import Options
    from .grading.sandbox.client import Limits

    solutions = args.solutions
    if solutions is None and args.exercises is None:
        solutions = default_solutions_dir(default_exercises_dir())
    if solutions is not None:
        paths.input_folder(solutions, "--solutions")
    timeout_scale = 1.0 if args.timeout_scale is None else args.timeout_scale
    return Options(seed=args.seed, lang=args.lang, solutions=solutions,
                   timeout_scale=timeout_scale, limits=Limits(isolation=args.isolation))


MAX_SEEDS = 100
"""`grader validate --seeds`: each seed grades the whole bank again"""


def cmd_list(args) -> int:
    template = "list.md.j2" if args.markdown else "list.txt.j2"
    print(render(template, specs=_bank(args), lang=args.lang), end="")
    return EXIT_OK


def cmd_show(args) -> int:
    matches = [s for s in _bank(args, stand_ins=True) if s.id == args.id.lstrip("p")]
    if not matches:
        raise UsageError(f"no exercise {args.id} in the bank (see `grader list`)")
    if matches[0].problem:  # said already
        return EXIT_USAGE
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
    """Grade one submission: a folder, a zip, a notebook or one .py file. The warm workers start
    first, before numpy, the bank or the submission is loaded, so that their start overlaps the
    grader's own; the exercises are then spread over them, one per core; jinja2 loads while the
    exercises run."""
    from .grading.sandbox import warm

    started = list(getattr(args, "started", []))
    if any(_started_otherwise(one, args.isolation) for one in started):
        warm.discard(started)
        started = []
    started = started or warm.start_workers(warm.usable_cores(), isolation=args.isolation)
    grader = None
    try:
        given: Path = args.dir
        kind = _check_arguments(args, given)
        wanted = None
        if args.only is not None:  # checked before the specs load: their files' numbers
            from .bank.catalogue import numbers

            wanted = settings.exercise_ids(args.only, numbers(args.exercises))
        needed = _warm_workers(given, kind, wanted, len(started))
        warm.discard(started[needed:])
        started = started[:needed]
        from .bank import read_bank, select
        from .grading.engine import SpreadGrader

        # a notebook's sections are named by their exercises' kinds: the whole bank, unless
        # --only names what is graded and no notebook can be there
        whole = read_bank(args.exercises, None if _notebook_may_be(given, kind) else wanted)
        specs = select(list(whole.specs), args.only)  # a broken spec's stand-in: an error
        _say_broken(args, whole, specs)
        bank = whole.loaded
        grader = SpreadGrader(specs, _options(args), workers=warm.usable_cores(),
                              started=started, bank=bank)
    finally:
        if grader is None:
            warm.discard(started)
    with grader, contextlib.ExitStack() as stack:
        beforehand = _outputs_beforehand(args, grader)
        if args.watch:
            from .watch import watch

            return _refused_unless_isolated(lambda: watch(
                grader, given, args.lang, colour=_colour(),
                outputs=lambda result: _write_outputs(args, result, None)), args)
        job, folder = _job(given, kind, stack, bank, specs)
        report = None if beforehand else _prepare_report()
        result = _refused_unless_isolated(lambda: grader.grade(job), args)
    if report is not None:
        report.join()
    _say_fallback(result.isolation, args)
    from .render import terminal

    target, report_to = None, sys.stdout
    if args.format:
        from .platforms import formats

        target = formats.Target(output=args.output, folder=folder)
        # a format on standard output keeps it clean: the terminal report goes to standard error
        if formats.uses_stdout(args.format, target):
            report_to = sys.stderr
    print(terminal.github_guard(terminal.report(result, colour=terminal.use_colour(),
                                                every=args.every)), end="", file=report_to)
    if not result.exercises:
        return EXIT_FAILED
    _write_outputs(args, result, target)
    return EXIT_OK if result.all_passed else EXIT_FAILED


def _started_otherwise(one, isolation: str) -> bool:
    """Whether a warm worker started early (`launch`) was started for other namespaces than
    the command line says (`--isolation none` against any other)."""
    return (getattr(one, "isolation", "auto") == "none") != (isolation == "none")


def _refused_unless_isolated(grade, args):
    """`grade()`; `--isolation strict` where the warm workers got no namespaces is a usage
    error (exit 2), before any job ran."""
    from .grading.sandbox.client import IsolationRefused
    from .render.words import isolation_words

    try:
        return grade()
    except IsolationRefused as e:
        raise UsageError(isolation_words(args.lang)["refused"].format(
            why=e.report.get("why") or e.report.get("level"))) from None


def _say_fallback(report, args) -> None:
    """The default takes the strongest isolation there is; when that is no namespaces at all,
    it says so, once, on standard error (the report's last line always names it)."""
    from .render.words import isolation_words

    if args.isolation == "auto" and isinstance(report, dict) and report.get("level") != \
            "namespaces":
        print(isolation_words(args.lang)["fallback"].format(why=report.get("why") or "?"),
              file=sys.stderr)


def _check_arguments(args, given: Path) -> str:
    """The usage errors of `check`, found before anything is loaded; the kind of target."""
    from .grading.sources.finder import candidate

    kind = _target_kind(given)
    if kind == "py" and candidate(given.name) is None:
        raise UsageError(f"{given} is not an exercise file: name it p<ID>.py (p209.py)")
    if args.output and not args.format:
        raise UsageError("--output FILE names where --format writes: give --format too")
    if args.watch and args.format:
        raise UsageError("--watch shows its report in the terminal: --format is for one run")
    if args.watch and kind != "folder":
        raise UsageError(f"--watch watches a folder: give the folder that holds {given.name}")
    for flag, path in (("--json", args.json), ("--html", args.html), ("--output", args.output)):
        if path is not None:  # before grading: a bad path costs nothing, creates nothing
            paths.output_file(path, flag)
    return kind


def _job(given: Path, kind: str, stack: contextlib.ExitStack, bank: list, specs: list):
    """The submission `grader check` was given, read (a zip unpacked until `stack` closes);
    and the folder that CI formats name files from. A single file is graded on the exercises
    it holds, of `specs` (--only's)."""
    from .grading.sources import unpack
    from .grading.job import GradingJob

    if kind == "zip":
        unpacked = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="grader-zip-")))
        try:
            unpack.extract_zip(given, unpacked)
        except unpack.Refused as e:
            raise UsageError(f"{given}: {e}") from None
        return GradingJob.read(unpack.submission_root(unpacked), name=given.stem), given.parent
    if kind == "folder":
        return GradingJob.read(given), given
    folder, explicit = given.parent, given.name  # one file: graded before anything else
    if _reaches_up(given):  # the book's files import its packages from the folder above
        folder = given.resolve().parent.parent
        explicit = f"{given.resolve().parent.name}/{given.name}"
    job = GradingJob.read(folder, explicit=explicit)
    provided = set(job.resolution(bank).provided())
    return job.part([s for s in specs if s.id in provided]), given.parent


EXERCISE_FILE = re.compile(r"p(\d+)", re.IGNORECASE)


def _warm_workers(given: Path, kind: str, wanted: set[int] | None, cores: int) -> int:
    """How many warm workers to keep before the bank is read: one per core, but no more than
    the exercises handed in (the files named like p<ID>, at the top or one folder down, of
    --only's when it is given), one for a single .py file, and one per core when a notebook or
    a zip may hold any number of them. A guess that only decides what is kept warm: the grader
    starts more when the submission turns out to need them."""
    if kind == "py":
        return 1
    if kind != "folder" or _notebook_may_be(given, kind):
        return cores
    handed_in = set()
    for where in [given, *_subfolders(given)]:
        try:
            names = os.listdir(where)
        except OSError:
            continue
        handed_in |= {int(m[1]) for m in map(EXERCISE_FILE.match, names) if m}
    if wanted is not None:
        handed_in &= wanted
    return max(1, min(cores, len(handed_in)))


def _notebook_may_be(given: Path, kind: str) -> bool:
    if kind in ("notebook", "zip"):
        return True
    if kind != "folder":
        return False
    for where in [given, *_subfolders(given)]:
        try:
            if any(name.endswith(".ipynb") for name in os.listdir(where)):
                return True
        except OSError:
            continue
    return False


def _subfolders(folder: Path) -> list[Path]:
    try:
        return [Path(e.path) for e in os.scandir(folder)
                if e.is_dir() and not e.name.startswith((".", "_"))][:20]
    except OSError:
        return []


def _colour() -> bool:
    from .render import terminal

    return terminal.use_colour()


def _outputs_beforehand(args, grader) -> bool:
    """In same-user mode, load now what writes this run's results (the terminal report, --json,
    --html, --format), before any student code could rewrite it (see `grader.preload`);
    whether it was."""
    from . import preload

    if not preload.same_user(grader.options.limits):
        return False
    preload.outputs(json=bool(args.json), html=bool(args.html), watch=args.watch,
                    formats=[args.format] if args.format else ())
    return True


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
    """--json, --html and --format, from the results JSON (their paths were checked before
    grading: nothing is created but the files)."""
    if not (args.json or args.html or target):
        return
    from .render import json_report

    results = json_report.as_dict(result)
    if args.json:
        args.json.write_text(json_report.dumps(results), encoding="utf-8")
    if args.html:
        from .render import html

        args.html.write_text(html.student_report(results, every=args.every), encoding="utf-8")
    if target:
        from .platforms import formats

        formats.emit(args.format, results, target)


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
    from .bank import default_exercises_dir, default_solutions_dir, read_bank, select
    from .validate import validate_bank  # the instructor's tool; students never load it

    folder = args.exercises_dir or args.exercises or default_exercises_dir()
    bank = read_bank(folder)  # a broken spec is one of the report's problems
    specs = select(list(bank.specs), args.only)
    solutions = args.solutions or default_solutions_dir(folder)
    if not 1 <= args.seeds <= MAX_SEEDS:
        raise UsageError(f"--seeds {args.seeds}: a whole number from 1 to {MAX_SEEDS}")
    if args.seed is not None and args.seed + args.seeds > settings.SEED_LIMIT:
        raise UsageError(f"--seed {args.seed} --seeds {args.seeds}: the last seed passes "
                         f"{settings.SEED_LIMIT - 1}")
    if solutions is None:
        raise UsageError(f"no solutions folder beside {folder}: give --solutions DIR")
    cases = Path(folder).resolve().parent / "tests" / "realistic"
    report = validate_bank(specs, bank, solutions, seed=args.seed, freeze=args.freeze,
                           seeds=args.seeds, cases=cases)
    print(render("validate.txt.j2", report=report), end="")
    return EXIT_USAGE if report.broken else EXIT_OK if report.ok else EXIT_FAILED


def cmd_batch(args) -> int:
    from .bank import read_bank, select
    from .batch import lms, run as batch
    from .batch.policy import PolicyError
    from .batch.record import Asked, RecordError
    from .batch.students import RootError
    from .render.words import points, progress_words

    paths.input_folder(args.root)
    paths.output_folder(args.out, "--out")
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    try:
        shard = batch.parse_shard(args.shard) if args.shard else None
    except ValueError as e:
        raise UsageError(str(e)) from None
    _policy_files(args)
    options = _options(args)
    # a warm worker first: its start overlaps reading the class, and it says what the jobs run
    # in before anything is graded (`--isolation strict` refuses then); the first worker uses it
    sandbox = _early_sandbox(options)
    try:
        whole = read_bank(args.exercises)  # a broken spec's stand-in: an error for everyone
        bank = list(whole.specs)
        selection = select(bank, args.only) if args.only is not None else None
        _say_broken(args, whole, selection or bank)
        # what the command line said; OUT's record says the rest (its seed, language, scale)
        asked = Asked(seed=args.seed, lang=args.lang_given, timeout_scale=args.timeout_scale,
                      solutions_used=options.solutions is not None, only=args.only,
                      new_lang=args.lang)
        try:
            setup = batch.prepare(args.root, args.out, bank, selection, options, asked,
                                  force=args.force, shard_of=shard, given=_policy_given(args),
                                  exports=_exports_given(args))
        except (RecordError, PolicyError, lms.RosterError, RootError) as e:
            raise UsageError(str(e)) from None
        report = sandbox.isolation()
        if args.isolation == "strict" and (not report or report.get("level") != "namespaces"):
            setup.lock.release(undo=True)  # refused: as if it never started
            from .grading.sandbox.client import IsolationRefused

            _refused_unless_isolated(lambda: _raise(IsolationRefused(report)), args)
        setup = dataclasses.replace(setup, isolation=report)
        _say_fallback(report, args)
        from . import preload

        if preload.same_user(setup.options.limits):  # the class's files: see grader.preload
            preload.outputs(batch=True)
        try:
            given, sandbox = sandbox, None  # run_batch owns it now
            outcome = batch.run_batch(args.out, setup, jobs=args.jobs,
                                      find_similar=not args.no_similarity, sandbox=given)
        except OSError as e:  # the disk filled, or OUT changed under the run
            raise UsageError(f"could not write {e.filename or args.out}: "
                             f"{e.strerror or e}") from None
    finally:
        if sandbox is not None:
            from .batch.run import _close_sandbox

            _close_sandbox(sandbox)
    s = outcome.summary
    said = progress_words(setup.options.lang)
    print(said["finished"].format(
        graded=len(outcome.graded), skipped=len(outcome.skipped),
        problems=len(outcome.problems), ungraded=len(s["ungraded"]), mean=points(s["mean"]),
        top=points(s["max_score"]), median=points(s["median"]), seconds=outcome.seconds)
          + "; " + said["seed"].format(seed=setup.plan.settings.seed)
          + f"\n{args.out / 'index.html'}")
    _say_similar(s, args.out, setup.options.lang)
    for warning in outcome.warnings:
        print(f"grader: {warning}", file=sys.stderr)
    if outcome.interrupted:
        print(said["kept"].format(abandoned=said["abandoned"].format(
            names=", ".join(outcome.abandoned)) if outcome.abandoned else ""), file=sys.stderr)
        return 130
    everyone_passed = s["students"] and all(e["pass_rate"] == 1 for e in s["exercises"])
    return EXIT_OK if everyone_passed and not s["ungraded"] else EXIT_FAILED


def _early_sandbox(options):
    """A sandbox whose warm worker starts now (see `cmd_batch`)."""
    from .grading.sandbox import warm
    from .grading.sandbox.client import Sandbox

    started = warm.start_workers(1, isolation=options.limits.isolation)[0]
    return Sandbox(started.home, options.limits, started.worker)


def _raise(error: BaseException):
    raise error


def cmd_merge(args) -> int:
    from .bank import SpecError, read_bank
    from .batch import lms, outputs
    from .batch.policy import PolicyError, check_exercises
    from .batch.record import RecordError

    for folder in args.inputs:
        paths.input_folder(folder)
    paths.output_folder(args.out, "--out")
    _policy_files(args)
    try:
        specs = list(read_bank(args.exercises).specs)  # for missing hints, the overrides
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
    from .render.words import points, progress_words

    lang = setup.settings.lang if setup.settings else None  # the language the shards speak
    print(progress_words(lang)["merged"].format(
        students=s["students"], mean=points(s["mean"]), top=points(s["max_score"]))
          + f"\n{args.out / 'index.html'}")
    _say_similar(s, args.out, lang)
    return EXIT_OK if s["students"] and all(e["pass_rate"] == 1 for e in s["exercises"]) \
        and not s["ungraded"] else EXIT_FAILED


def _say_similar(summary: dict, out: Path, lang: str | None = None) -> None:
    from .render.words import progress_words
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


def cmd_doctor(args) -> int:
    from . import doctor

    return doctor.main(args.lang, args.json)


COMMANDS = {"list": cmd_list, "show": cmd_show, "stubs": cmd_stubs, "check": cmd_check,
            "validate": cmd_validate, "batch": cmd_batch, "merge": cmd_merge,
            "doctor": cmd_doctor,
            "classroom-template": cmd_classroom_template,
            "gradescope-autograder": cmd_gradescope_autograder}
