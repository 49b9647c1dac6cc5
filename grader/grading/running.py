"""Running a submission's code apart from the grader: one process per job, forked by the sandbox.

`Runner` owns the sandbox and the folder of working copies. It hands back what the student's
process sent as raw data and, for each check that sent nothing, how its run ended (`Failure`).
It neither judges nor words anything: `judging` does both.
"""
from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from ..bank.spec import ExerciseSpec
from . import messages
from .job import GradingJob
from .sandbox.client import Limits, RunOutcome, Sandbox
from .scratch import new_home
from .sources import Source
from .sources.submission import SubmissionFiles

MAX_TIMEOUTS = 2
"""after this many checks of one exercise time out, the rest are not run"""
REFERENCE_SLACK = 4
"""the reference solution's time limits, times the exercise's (it must never be the one to fail)"""
CANNOT_RUN_HERE = {"ModuleNotFoundError", "ImportError", "SkippedImportError", "FileNotFoundError",
                   "OSError", "IOError", "URLError", "HTTPError", "ConnectionError",
                   "ConnectionRefusedError", "ConnectionResetError", "TimeoutError", "gaierror",
                   "PermissionError", "EOFError", "NameError"}
"""what a file's top-level script raises when it needs what is not here (MNIST, matplotlib, a
network, Jupyter's names): an API exercise's file is then graded on its definitions"""


@dataclass(frozen=True)
class Failure:
    """A check decided by how its run ended, not by what it sent."""

    status: str
    """timeout | error"""
    reason: str
    """what happened: a key of `phrasebook.TEXTS`, or `load_error` (`error` says what raised)"""
    fields: Mapping[str, Any] = field(default_factory=dict)
    """the message's fields"""
    error: dict | None = None
    """the exception that stopped loading, as the student's process sent it"""


@dataclass
class StudentRun:
    """What running one exercise of a submission produced, before judging."""

    outcome: RunOutcome
    """the first process's ending and what it printed (an output exercise has only that one)"""
    raw: dict[int, dict] = field(default_factory=dict)
    """check position -> the raw data sent for it"""
    failures: dict[int, Failure] = field(default_factory=dict)
    """check position -> how it ended, for the checks that sent nothing"""
    cut: bool = False
    """a job was stopped because it loaded a module known to hang: the result depends on more
    than this exercise's files"""
    source: Source | None = None
    """what ran: the exercise's source, or its definitions view"""
    whole_failed: messages.Phrase | messages.ErrorPhrase | None = None
    """why the whole file could not run, when its definitions view ran instead"""
    killed: bool = False
    """a job of it was killed by a signal the grader did not send (see RunOutcome.killed): the
    result may not be the student's own doing, so it is not shared with other students"""


class Runner:
    """Runs jobs one at a time in one warm sandbox; use `close` when done."""

    def __init__(self, workdir: Path | None, limits: Limits, timeout_scale: float,
                 sandbox: Sandbox | None = None):
        """`sandbox`: one made beforehand (see `warm`), taken over with its home folder."""
        self.sandbox = sandbox or Sandbox(new_home(workdir), limits)
        self.home = Path(self.sandbox.home)
        self.timeout_scale = timeout_scale
        self.jobs_run = 0
        """processes started so far, for the student's code and the reference solution"""

    def close(self) -> None:
        self.sandbox.close()
        shutil.rmtree(self.home, ignore_errors=True)

    def student(self, spec: ExerciseSpec, source: Source, job: GradingJob,
                tasks: dict[int, dict]) -> StudentRun:
        """Run one exercise of a submission: an output exercise's script once, an api
        exercise's check tasks in as few processes as its hangs and crashes allow. An api
        exercise's file whose top-level script cannot run here is run again as its
        definitions only (see `definitions`)."""
        if spec.kind == "output":
            return self._script(spec, source, job)
        run = self._checks(spec, source, job, tasks, job.hanging)
        if source.kind != "file" or not _cannot_run_here(run.outcome, source):
            return run
        definitions = job.definitions(spec, source)
        if definitions is None:
            return run
        # the module hung or failed as a whole; its definitions are another module's text
        other = self._checks(spec, definitions, job, tasks, _Except(job.hanging, source.module))
        misnamed = other.outcome.ending == "load_error" and bool(
            (other.outcome.load_error or {}).get("missing"))  # what the file is named matters
        if not misnamed and (other.outcome.ending in ("load_error", "crashed", "too_much") or (
                other.outcome.ending == "timeout" and other.outcome.current is None)):
            return run
        other.whole_failed = (messages.ErrorPhrase(run.outcome.load_error or {})
                              if run.outcome.ending == "load_error" else
                              messages.Phrase("timeout_load", {
                                  "file": source.display,
                                  "seconds": spec.checks[0].timeout * self.timeout_scale}))
        other.cut |= run.cut
        other.killed |= run.killed
        return other

    def reference(self, spec: ExerciseSpec, files: SubmissionFiles, source: Source,
                  tasks: dict[int, dict]) -> tuple[dict | None, str | None]:
        """The reference solution's raw data for `tasks`, or why there is none."""
        if source.kind == "missing" or source.problem:
            return None, f"no usable reference solution {spec.filename} in {files.folder}"
        limit = spec.checks[0].timeout * REFERENCE_SLACK
        outcome = self._run(spec, files, source, list(tasks.values()), limit,
                            {i: spec.checks[i].timeout * REFERENCE_SLACK for i in tasks}, None)
        if outcome.ending != "done":
            return None, (messages.error(outcome.load_error, "en") if outcome.load_error
                          else outcome.detail or outcome.ending)
        return outcome.results, None

    # -- one exercise -------------------------------------------------------------------------

    def _script(self, spec: ExerciseSpec, source: Source, job: GradingJob) -> StudentRun:
        """An output exercise's file runs once as a script; its checks read what it printed."""
        seconds = spec.checks[0].timeout * self.timeout_scale * 4
        outcome = self._run(spec, job.files, source, [], seconds, {}, job.hanging, job.locate)
        run = StudentRun(outcome, cut=outcome.cut_at is not None, source=source,
                         killed=outcome.killed)
        if outcome.ending in ("timeout", "too_much"):
            failure = _ending(outcome, spec, source, seconds, job.hanging, loading=True)
            run.failures = {i: failure for i in range(len(spec.checks))}
        return run

    def _checks(self, spec: ExerciseSpec, source: Source, job: GradingJob,
                tasks: dict[int, dict], hanging) -> StudentRun:
        """Run an api exercise's tasks, starting a new process after a check that hung or
        crashed; after MAX_TIMEOUTS timeouts, or too much data, the rest are not run."""
        scale = self.timeout_scale
        if not tasks:
            return StudentRun(RunOutcome(ending="done"), source=source)
        run: StudentRun | None = None
        failures: dict[int, Failure] = {}
        raw: dict[int, dict] = {}
        pending, timeouts = sorted(tasks), 0
        load_timeout = spec.checks[0].timeout * scale
        while pending:
            outcome = self._run(spec, job.files, source, [tasks[i] for i in pending],
                                load_timeout, {i: spec.checks[i].timeout * scale for i in pending},
                                hanging, job.locate)
            run = run or StudentRun(outcome, raw, failures, source=source)
            run.cut |= outcome.cut_at is not None
            run.killed |= outcome.killed
            raw.update(outcome.results)
            left = [i for i in pending if i not in raw]
            if outcome.ending == "done":
                break
            if outcome.ending == "load_error":
                failures.update((i, Failure("error", "load_error", {"file": source.display},
                                            outcome.load_error or {})) for i in left)
                break
            if outcome.current is None:  # it ended while loading or between checks
                failure = _ending(outcome, spec, source, load_timeout, hanging, loading=True)
                failures.update((i, failure) for i in left)
                break
            current = outcome.current
            failures[current] = _ending(outcome, spec, source,
                                        spec.checks[current].timeout * scale, hanging)
            timeouts += outcome.ending == "timeout"
            pending = [i for i in pending if i > current]
            if outcome.ending == "too_much":
                failures.update((i, Failure("error", "not_run_too_much")) for i in pending)
                break
            if timeouts >= MAX_TIMEOUTS:
                failures.update((i, Failure("timeout", "not_run_timeout")) for i in pending)
                break
        return run

    def _run(self, spec: ExerciseSpec, files: SubmissionFiles, source: Source, tasks: list[dict],
             load_timeout: float, timeouts: dict[int, float],
             hanging: dict[str, tuple[str, float]] | None, locate=None) -> RunOutcome:
        """Run a job in a fresh copy of the files it needs, laid out as in the submission.
        `hanging`: the submission's modules known to hang (None for the reference solution).
        A module whose loading outlasts one exercise's time limit counts as hanging for the
        whole submission: a job that loads it is stopped at once (as a timeout, told where the
        module hung). The errors it sends are pointed at the student's own files and cells."""
        self.jobs_run += 1
        job_dir = self.home / f"job{self.jobs_run}"
        work = job_dir / "work"
        files.write_copy(work, source.file, source.overlay, source.paths, source.edges)
        self.sandbox.hand_over(work)
        folder = work.joinpath(*source.workdir.split("/")) if source.workdir else work
        job = {"workdir": str(folder), "root": str(work),
               "paths": [str(work.joinpath(*p.split("/")) if p else work)
                         for p in source.paths[1:]],
               "file": source.file.rpartition("/")[2], "module": source.module,
               "generated": dict(source.generated), "chain": list(source.chain),
               "cells": {k: [list(c[:2]) + [list(c[2])] for c in v]
                         for k, v in source.cells.items()},
               "own": source.own, "defining": list(source.defining or ()) or None,
               "provides": source.provides, "shown": source.display.say("en"),
               "mode": "script" if spec.kind == "output" else "import",
               "defines": list(spec.defines),
               "aliases": {k: list(v) for k, v in spec.aliases.items()}, "checks": tasks}
        try:
            # live: another worker grading this submission may find meanwhile that a module
            # hangs, and this job then stops as soon as it is told
            outcome = self.sandbox.run(job, job_dir, load_timeout, timeouts,
                                       {} if hanging is None else hanging)
        finally:
            shutil.rmtree(job_dir, ignore_errors=True)
        if (hanging is not None and outcome.ending == "timeout" and outcome.importing
                and not outcome.cut_at):
            waited = load_timeout if outcome.current is None else timeouts[outcome.current]
            hanging.setdefault(outcome.importing[-1], (spec.id, waited))
        for error in [outcome.load_error] + [r.get("error") for r in outcome.results.values()
                                             if isinstance(r, dict)]:
            _point_at_student(error, source, locate)
        return outcome


class _Except:
    """The submission's hanging modules but one (a file whose definitions run instead)."""

    def __init__(self, hanging: dict, module: str):
        self.hanging, self.module = hanging, module

    def __contains__(self, module) -> bool:
        return module != self.module and module in self.hanging

    def setdefault(self, module, value):
        return self.hanging.setdefault(module, value)

    def __getitem__(self, module):
        return self.hanging[module]


def _cannot_run_here(outcome: RunOutcome, source: Source) -> bool:
    """Whether a file failed as a whole, at its own top level, for want of what is not here
    (an error of that kind raised at module level, or a load that never ended in it)."""
    if outcome.ending == "timeout":
        return (outcome.current is None and not outcome.cut_at and bool(outcome.importing)
                and outcome.importing[-1] == source.module)
    if outcome.ending != "load_error" or not outcome.load_error:
        return False
    error = outcome.load_error
    return error.get("type") in CANNOT_RUN_HERE and any(
        isinstance(f, dict) and f.get("file") in (source.file, source.path)
        and f.get("function") == "<module>" for f in error.get("frames") or [])


SYNTAX_ERRORS = ("SyntaxError", "IndentationError", "TabError")
GENERATED_PLACE = re.compile(r" \((?:\S*/)?_cells\w*\.py, line \d+\)$")
"""where a syntax error's message names a notebook's generated module"""


def _point_at_student(error, source: Source, locate) -> None:
    """A traceback of generated or renamed files, pointed at the student's own; a module that
    could not be imported, looked for in the submission (for the advice that follows)."""
    if not isinstance(error, dict):
        return
    for frame in error.get("frames") or []:
        if isinstance(frame, dict):  # the exercise's own code, whatever name it is shown under
            frame["own"] = frame.get("file") == source.file
    if error.get("type") in SYNTAX_ERRORS and isinstance(error.get("message"), str):
        # Python names the generated module's line; the frame says the cell's
        error["message"] = GENERATED_PLACE.sub("", error["message"])
    source.lines.remap(error)
    defined = error.get("defined_in")  # where a function that was called wrongly is defined
    if isinstance(defined, dict) and isinstance(defined.get("line"), int):
        found = source.lines.place(str(defined.get("file")), defined["line"])
        if found:
            error["defined_in"] = {"file": found[0], "cell": found[1], "line": found[2]}
    module = error.get("module")
    if error.get("type") == "ModuleNotFoundError" and isinstance(module, str) and locate:
        found = locate(module, source)
        if found:
            error["in_submission"] = found


def _ending(outcome: RunOutcome, spec: ExerciseSpec, source: Source, seconds: float,
            hanging, loading: bool = False) -> Failure:
    """How a job that did not finish ended, for the checks it did not get to."""
    if outcome.ending == "timeout" and outcome.cut_at:
        exercise, waited = hanging[outcome.cut_at]
        if outcome.cut_at == source.module:  # found hanging while another exercise loaded it
            return Failure("timeout", "hung_itself", dict(file=source.display, exercise=exercise,
                                                          seconds=waited))
        return Failure("timeout", "hung_before", dict(
            file=source.display, module=source.where(outcome.cut_at), exercise=exercise,
            seconds=waited))
    if (outcome.ending == "timeout" and loading and outcome.importing
            and outcome.importing[-1] != source.module):
        return Failure("timeout", "timeout_importing", dict(
            seconds=seconds, file=source.display, module=source.where(outcome.importing[-1])))
    if outcome.ending == "timeout":
        return Failure("timeout", "timeout_load" if loading else "timeout_check",
                       dict(seconds=seconds, file=source.display))
    if outcome.ending == "too_much":
        return Failure("error", "too_much")
    return Failure("error", "crashed", dict(detail=outcome.detail))
