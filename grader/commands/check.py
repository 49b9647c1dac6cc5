"""`grader check [DIR]`: one submission graded (a folder, a zip, a notebook or one p<ID>.py
file), reported in the terminal, and as --json, --html or --format asks.

The warm workers start before this module is imported (`launch`); numpy, the bank and the
engine load while they start. The terminal report's jinja2 is imported in a thread while the
exercises run (`_prepare_report`), and --html's and --watch's only when asked: those imports
stay inside the functions that need them, on purpose.
"""
from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
import threading
from pathlib import Path

from .. import paths, preload, settings
from ..bank import load_bank, select
from ..bank.catalogue import numbers
from ..grading.engine import SpreadGrader
from ..grading.job import GradingJob
from ..grading.sandbox import warm
from ..grading.sources import unpack
from ..grading.sources.finder import candidate
from ..platforms import formats
from ..render import json_report
from .common import EXIT_FAILED, EXIT_OK, UsageError
from .isolation import refused_unless_isolated, say_fallback


def run(args) -> int:
    """Grade one submission: a folder, a zip, a notebook or one .py file. The warm workers start
    first, before numpy, the bank or the submission is loaded, so that their start overlaps the
    grader's own; the exercises are then spread over them, one per core; jinja2 loads while the
    exercises run."""
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
            wanted = settings.exercise_ids(args.only, numbers(args.exercises))
        needed = _warm_workers(given, kind, wanted, len(started))
        warm.discard(started[needed:])
        started = started[:needed]
        # a notebook's sections are named by their exercises' kinds: the whole bank, unless
        # --only names what is graded and no notebook can be there
        bank = load_bank(args.exercises, None if _notebook_may_be(given, kind) else wanted)
        specs = select(bank, args.only)
        grader = SpreadGrader(specs, args.options, workers=warm.usable_cores(),
                              started=started, bank=bank)
    finally:
        if grader is None:
            warm.discard(started)
    with grader, contextlib.ExitStack() as stack:
        beforehand = _outputs_beforehand(args, grader)
        if args.watch:
            from ..watch import watch  # the terminal report's templates: only for --watch

            return refused_unless_isolated(lambda: watch(
                grader, given, args.lang, colour=_colour(),
                outputs=lambda result: _write_outputs(args, result, None)), args)
        job, folder = _job(given, kind, stack, bank, specs)
        report = None if beforehand else _prepare_report()
        result = refused_unless_isolated(lambda: grader.grade(job), args)
    if report is not None:
        report.join()
    say_fallback(result.isolation, args)
    from ..render import terminal  # loaded by then (`_prepare_report`)

    target, report_to = None, sys.stdout
    if args.format:
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


def _check_arguments(args, given: Path) -> str:
    """The usage errors of `check`, found before anything is loaded; the kind of target."""
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
    from ..render import terminal  # jinja2, for --watch only

    return terminal.use_colour()


def _outputs_beforehand(args, grader) -> bool:
    """In same-user mode, load now what writes this run's results (the terminal report, --json,
    --html, --format), before any student code could rewrite it (see `grader.preload`);
    whether it was."""
    if not preload.same_user(grader.options.limits):
        return False
    preload.outputs(json=bool(args.json), html=bool(args.html), watch=args.watch,
                    formats=[args.format] if args.format else ())
    return True


def _prepare_report():
    """jinja2 and the terminal report's template, loaded in a thread while the exercises run
    (the grader mostly waits for its sandboxes then): measured here, 42 ms to import jinja2
    and 14 ms to compile the template, no longer between the last result and the report."""
    def prepare():
        from ..render import terminal  # jinja2: imported here, in this thread, on purpose

        terminal.prepare()

    thread = threading.Thread(target=prepare, name="prepare-report", daemon=True)
    thread.start()
    return thread


def _write_outputs(args, result, target) -> None:
    """--json, --html and --format, from the results JSON (their paths were checked before
    grading: nothing is created but the files)."""
    if not (args.json or args.html or target):
        return
    results = json_report.as_dict(result)
    if args.json:
        args.json.write_text(json_report.dumps(results), encoding="utf-8")
    if args.html:
        from ..render import html  # jinja2 and the report's templates: only for --html

        args.html.write_text(html.student_report(results, every=args.every), encoding="utf-8")
    if target:
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
