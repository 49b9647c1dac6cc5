"""`grader check [DIR]`: one submission graded, whatever `grader.openers` opens (a folder, a zip,
a notebook, one p<ID>.py file), reported in the terminal, and as --json, --html or --format
asks.

The warm workers start before this module is imported (`launch`); numpy and the bank load while
they start. What is slow to import waits, on purpose, inside the functions that need it: the
engine until the usage errors are told and the workers not needed are ended (one ended later
may be building its namespaces' tree, and leave it behind), the terminal report's jinja2 for a
thread while the exercises run (`_prepare_report`), --html's and --watch's until asked.
"""
from __future__ import annotations

import contextlib
import sys
import threading
from pathlib import Path

from .. import afterwards, openers, paths, preload, settings
from ..bank.catalogue import numbers, read_bank, select
from ..early import few_jobs, loaded
from ..grading.sandbox import warm
from ..platforms import formats
from ..render import json_report
from ..render.words import usage_words
from .common import EXIT_FAILED, EXIT_OK, UsageError, say_broken
from .given import said_in
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
    started = started or warm.start_workers(
        warm.usable_cores(), isolation=args.isolation,
        preload=not few_jobs(args.only, args.watch, warm.usable_cores()))
    grader = None
    try:
        given: Path = args.dir
        opener = _check_arguments(args, given)
        wanted = None
        if args.only is not None:  # checked before the specs load: their files' numbers
            wanted = settings.exercise_ids(args.only, numbers(args.exercises))
        # one worker per core, but no more than the submission seems to want
        needed = opener.workers(given, wanted, len(started))
        unneeded, started = started[needed:], started[:needed]
        # kept for the next command where a warm grader will take them, else ended (after the
        # answer where that can wait: an idle worker ends by itself then)
        afterwards.later(lambda: warm.spare(unneeded))
        from ..grading.engine import SpreadGrader  # now: see the module's doc

        # a notebook's sections are named by their exercises' kinds: the whole bank, unless
        # --only names what is graded and no notebook can be there
        whole = read_bank(args.exercises, None if opener.may_hold_notebook(given) else wanted)
        specs = select(list(whole.specs), args.only)  # a broken spec's stand-in: an error
        if not args.hidden:  # a student's check: the hidden checks count at the final grading
            specs = [s.for_students() for s in specs]
        say_broken(args, whole, specs)
        bank = whole.loaded
        grader = SpreadGrader(specs, args.options, workers=warm.usable_cores(),
                              started=started, bank=bank)
    finally:
        if grader is None:
            warm.discard(started)
    loaded()  # the collector runs again while it grades (see `early.loading`)
    # the warm workers end once the answer is out, where that can wait (see `afterwards`)
    with afterwards.closed_later(grader), contextlib.ExitStack() as stack:
        beforehand = _outputs_beforehand(args, grader)
        if args.watch:
            from ..watch import watch  # the terminal report's templates: only for --watch

            return refused_unless_isolated(lambda: watch(
                grader, given, args.lang, colour=_terminal().use_colour(),
                outputs=lambda result: _write_outputs(args, result, None)), args)
        opened = _open(opener, given, stack, said_in(args))
        report = None if beforehand else _prepare_report()
        result = refused_unless_isolated(
            lambda: grader.grade(opened.graded(specs, bank), final=True), args)
    if report is not None:
        report.join()
    say_fallback(result.isolation, args)
    terminal = _terminal()  # loaded by then (`_prepare_report`)
    target, report_to = None, sys.stdout
    if args.format:
        target = formats.Target(output=args.output, folder=opened.folder)
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


def _check_arguments(args, given: Path) -> openers.Opener:
    """The usage errors of `check`, found before anything is loaded; the opener of the
    submission given."""
    lang = said_in(args)
    words = usage_words(lang)
    try:
        opener = openers.opener_for(given, lang)
        opener.check(given)
    except openers.NotASubmission as e:
        raise UsageError(e.say(lang)) from None
    if args.output and not args.format:
        raise UsageError(words["output_needs_format"])
    if args.watch and args.format:
        raise UsageError(words["watch_no_format"])
    if args.watch and not opener.watchable:
        raise UsageError(words["watch_a_folder"].format(name=given.name))
    for flag, path in (("--json", args.json), ("--html", args.html), ("--output", args.output)):
        if path is not None:  # before grading: a bad path costs nothing, creates nothing
            paths.output_file(path, flag)
    return opener


def _open(opener: openers.Opener, given: Path, stack: contextlib.ExitStack,
          lang: str = "en") -> openers.Opened:
    """The submission `grader check` was given, read (what it unpacks lives until `stack`
    closes); a zip that cannot be graded at all is a usage error."""
    try:
        return opener.open(given, stack)
    except openers.NotASubmission as e:
        raise UsageError(e.say(lang)) from None
    except openers.Refused as e:
        raise UsageError(f"{given}: {e.say(lang)}") from None


def _terminal():
    """`render.terminal`, imported when first needed: jinja2 loads with it (see the module's
    doc)."""
    from ..render import terminal

    return terminal


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
    thread = threading.Thread(target=lambda: _terminal().prepare(), name="prepare-report",
                              daemon=True)
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
