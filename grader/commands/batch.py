"""`grader batch ROOT --out OUT`: every student of a class graded into OUT (see `batch/`)."""
from __future__ import annotations

import dataclasses
import sys

from .. import paths, preload
from ..bank import read_bank, select
from ..batch import lms, run as batch
from ..batch.policy import PolicyError
from ..batch.record import RecordError
from ..batch.students import RootError
from ..grading.pool import close_sandbox
from ..grading.sandbox import warm
from ..grading.sandbox.client import IsolationRefused, Sandbox
from ..render.words import points, progress_words
from .common import EXIT_INTERRUPTED, UsageError, say_broken
from .isolation import refusal, say_fallback
from .policies import check_files, class_exit, exports_given, policy_given, say_similar


def run(args) -> int:
    paths.input_folder(args.root)
    paths.output_folder(args.out, "--out")
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    try:
        shard = batch.parse_shard(args.shard) if args.shard else None
    except ValueError as e:
        raise UsageError(str(e)) from None
    check_files(args)
    options = args.options  # OUT's record fills in what the command line left out
    # a warm worker first: its start overlaps reading the class, and it says what the jobs run
    # in before anything is graded (`--isolation strict` refuses then); the first worker uses it
    sandbox = _early_sandbox(options)
    try:
        whole = read_bank(args.exercises)  # a broken spec's stand-in: an error for everyone
        bank = list(whole.specs)
        selection = select(bank, args.only) if args.only is not None else None
        say_broken(args, whole, selection or bank)
        try:
            setup = batch.prepare(args.root, args.out, bank, selection, options, only=args.only,
                                  force=args.force, shard_of=shard, given=policy_given(args),
                                  exports=exports_given(args))
        except (RecordError, PolicyError, lms.RosterError, RootError) as e:
            raise UsageError(str(e)) from None
        report = sandbox.isolation()
        if args.isolation == "strict" and (not report or report.get("level") != "namespaces"):
            setup.lock.release(undo=True)  # refused: as if it never started
            raise refusal(IsolationRefused(report), args)
        setup = dataclasses.replace(setup, isolation=report)
        say_fallback(report, args)
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
            close_sandbox(sandbox)
    s = outcome.summary
    said = progress_words(setup.options.lang)
    print(said["finished"].format(
        graded=len(outcome.graded), skipped=len(outcome.skipped),
        problems=len(outcome.problems), ungraded=len(s["ungraded"]), mean=points(s["mean"]),
        top=points(s["max_score"]), median=points(s["median"]), seconds=outcome.seconds)
          + "; " + said["seed"].format(seed=setup.plan.settings.seed)
          + f"\n{args.out / 'index.html'}")
    say_similar(s, args.out, setup.options.lang)
    for warning in outcome.warnings:
        print(f"grader: {warning}", file=sys.stderr)
    if outcome.interrupted:
        print(said["kept"].format(abandoned=said["abandoned"].format(
            names=", ".join(outcome.abandoned)) if outcome.abandoned else ""), file=sys.stderr)
        return EXIT_INTERRUPTED
    return class_exit(s)


def _early_sandbox(options) -> Sandbox:
    """A sandbox whose warm worker starts now (see `run`)."""
    started = warm.start_workers(1, isolation=options.limits.isolation)[0]
    return Sandbox(started.home, options.limits, started.worker)
