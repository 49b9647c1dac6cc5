"""Grade a submission: for each exercise, run its checks apart, judge what came back, score.

(spec, submission files) --sandbox--> raw data --check kinds--> verdicts --mistakes--> results
"""
from __future__ import annotations

import secrets
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import messages
from .checks import KINDS, CheckRun, Verdict
from .checks.base import error_text
from .cache import ResultCache
from .checks.output import printed_numbers
from .details import detail
from .expressions import holds
from .inputs import check_rng, make_inputs
from .results import Captured, CheckResult, ExerciseResult, SubmissionResult, exercise_outcome
from .sandbox.client import Limits, RunOutcome, Sandbox
from .scratch import scratch_dir
from .spec import ExerciseSpec
from .submission import SubmissionFiles, read_submission

MAX_TIMEOUTS = 2
"""after this many checks of one exercise time out, the rest are not run"""
MAX_REFERENCES = 1_000
"""reference results kept (one per exercise and seed; a batch uses one seed)"""


@dataclass(frozen=True)
class Options:
    seed: int | None = None
    lang: str = "en"
    solutions: Path | None = None
    timeout_scale: float = 1.0
    limits: Limits = Limits()
    diagnose_passing: bool = False
    """also evaluate mistake predicates on passing checks (validate proves none fires)"""


@dataclass
class StudentRun:
    """What running a submission's exercise produced, before judging."""

    outcome: RunOutcome
    """the first process's ending and captured output"""
    raw: dict[int, dict] = field(default_factory=dict)
    """check position -> raw data sent for it"""
    failures: dict[int, CheckResult] = field(default_factory=dict)
    """checks already decided: hung, crashed, or not run"""
    numbers: Any = None
    script_error: dict | None = None
    """output exercises: what the script printed, and how it stopped if it raised or crashed"""


def new_seed() -> int:
    return secrets.randbelow(2**31)


class Grader:
    """Grades submissions one after another with one warm sandbox; use as a context manager."""

    def __init__(self, specs: list[ExerciseSpec], options: Options = Options(),
                 cache: ResultCache | None = None):
        """`cache`: share one between the graders of one run (a batch) to grade identical
        work once."""
        self.specs, self.options, self.cache = specs, options, cache
        # a batch points tempfile at its own scratch folder; alone, a grader finds one
        self._home = Path(tempfile.mkdtemp(prefix="grader-",
                                           dir=None if tempfile.tempdir else scratch_dir()))
        self.sandbox = Sandbox(str(self._home), options.limits)
        self._jobs = 0
        self._solution_files: SubmissionFiles | None = None
        self._hanging: dict[str, tuple[str, float]] = {}
        """this submission's modules whose loading timed out -> (exercise, seconds waited)"""
        self._references = cache.references if cache is not None else {}
        self._cuts = 0
        """jobs stopped because they loaded a module that hangs"""

    @property
    def jobs_run(self) -> int:
        """processes started so far for student code and the reference solution"""
        return self._jobs

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        self.sandbox.close()
        shutil.rmtree(self._home, ignore_errors=True)

    def grade(self, folder: Path, name: str | None = None, seed: int | None = None,
              specs: list[ExerciseSpec] | None = None,
              hanging: dict[str, tuple[str, float]] | None = None,
              files: SubmissionFiles | None = None) -> SubmissionResult:
        """`hanging` and `files` (the folder, read): share them between the graders of one
        submission graded in parts."""
        started = time.monotonic()
        seed = seed if seed is not None else (
            self.options.seed if self.options.seed is not None else new_seed())
        files = files if files is not None else read_submission(folder)
        self._hanging = hanging if hanging is not None else {}
        exercises = tuple(self._exercise(spec, files, seed) for spec in specs or self.specs)
        return SubmissionResult(submission=name or folder.resolve().name, exercises=exercises,
                                seed=seed, lang=self.options.lang,
                                seconds=time.monotonic() - started,
                                solutions_used=self.options.solutions is not None)

    # -- one exercise -------------------------------------------------------------------------

    def _exercise(self, spec: ExerciseSpec, files: SubmissionFiles, seed: int) -> ExerciseResult:
        lang = self.options.lang
        title = spec.title.get(lang)
        problem = files.problem_with(spec.filename)
        if problem == "missing":
            return ExerciseResult(spec.id, title, "missing", 0.0, spec.points,
                                  message=messages.say("missing_file", lang, file=spec.filename))
        if problem:
            return ExerciseResult(spec.id, title, "error", 0.0, spec.points,
                                  message=messages.say("bad_file", lang, file=spec.filename,
                                                       problem=problem))
        if self.cache is None:
            return self._graded(spec, files, seed)
        key = self.cache.key(spec.id, seed, files, spec.filename)
        result = self.cache.get(key)
        if result is None:
            cuts = self._cuts
            result = self._graded(spec, files, seed)
            if self._cuts == cuts:  # a cut depends on more than these files: not for others
                self.cache.put(key, result)
        return result

    def _graded(self, spec: ExerciseSpec, files: SubmissionFiles, seed: int) -> ExerciseResult:
        lang = self.options.lang
        title = spec.title.get(lang)
        started = time.monotonic()
        inputs, tasks = {}, {}
        for position, check in enumerate(spec.checks):
            rng = check_rng(seed, spec.id, position)
            inputs[position] = make_inputs(check.inputs, rng, check.dims)
            task = KINDS[check.kind].task(check, inputs[position], int(rng.integers(2**62)))
            if task is not None:
                tasks[position] = dict(task, i=position)
        run = (self._run_script(spec, files) if spec.kind == "output"
               else self._run_checks(spec, files, tasks))
        reference_raw, reference_failure = self._reference(spec, tasks, seed)
        checks = []
        for position, check in enumerate(spec.checks):
            if position in run.failures:
                checks.append(run.failures[position])
                continue
            judged = CheckRun(
                spec=check, inputs=inputs[position], lang=lang, raw=run.raw.get(position),
                reference_raw=reference_raw.get(position) if reference_raw else None,
                reference_failure=reference_failure, numbers=run.numbers,
                script_error=run.script_error)
            checks.append(self._result(spec, check, KINDS[check.kind].judge(judged),
                                       inputs[position]))
        status, score = exercise_outcome(tuple(checks), spec.points)
        first = run.outcome
        return ExerciseResult(spec.id, title, status, score, spec.points, tuple(checks),
                              stdout=_captured(first.stdout), stderr=_captured(first.stderr),
                              seconds=time.monotonic() - started)

    def _result(self, spec: ExerciseSpec, check, verdict: Verdict, inputs: dict) -> CheckResult:
        lang = self.options.lang
        diagnoses: tuple[str, ...] = ()
        if verdict.status in ("failed", "error") or (
                self.options.diagnose_passing and verdict.status == "passed"):
            names = {**verdict.values, "error": error_text(verdict.error)}
            diagnoses = tuple(m.id for m in spec.mistakes
                              if (not m.checks or check.name in m.checks) and holds(m.when, names))
        hint = None
        if verdict.status in ("failed", "error"):
            hints = [m.hint.get(lang) for m in spec.mistakes if m.id in diagnoses]
            hint = "\n".join(hints) if hints else (check.hint.get(lang) if check.hint else None)
        line = None
        if verdict.error and verdict.error.get("frames"):
            last = verdict.error["frames"][-1]
            line = (str(last.get("file")), int(last.get("line") or 0))
        report = None if verdict.status in ("passed", "skipped") else detail(
            verdict.compared, inputs, verdict.code or check.run, verdict.error)
        return self._check_result(check, verdict.status, verdict.message, hint=hint,
                                  diagnoses=diagnoses, error_line=line, data=verdict.data,
                                  detail=report)

    def _check_result(self, check, status: str, message: str, **more) -> CheckResult:
        label = check.label.get(self.options.lang) if check.label else None
        return CheckResult(name=check.name, status=status, message=message, kind=check.kind,
                           label=label, weight=check.weight, **more)

    # -- running apart --------------------------------------------------------------------------

    def _job_dir(self, files: SubmissionFiles, start: str) -> tuple[Path, Path]:
        self._jobs += 1
        job_dir = self._home / f"job{self._jobs}"
        work = job_dir / "work"
        files.write_copy(work, start)
        self.sandbox.hand_over(work)
        return job_dir, work

    def _run_script(self, spec: ExerciseSpec, files: SubmissionFiles):
        """An output exercise's file runs once as a script; its checks read what it printed."""
        seconds = spec.checks[0].timeout * self.options.timeout_scale * 4
        outcome = self._run(spec, files, [], seconds, {})
        if outcome.ending in ("timeout", "too_much"):
            status, text = self._ending(outcome, spec, seconds, loading=True)
            failures = {i: self._check_result(c, status, text) for i, c in enumerate(spec.checks)}
            return StudentRun(outcome, failures=failures)
        error = outcome.load_error
        if outcome.ending == "crashed":
            error = {"type": None, "message": outcome.detail}
        return StudentRun(outcome, numbers=printed_numbers(outcome.stdout.text), script_error=error)

    def _run_checks(self, spec: ExerciseSpec, files: SubmissionFiles, tasks: dict[int, dict]):
        """Run an api exercise's tasks, starting a new process after a check that hung or
        crashed; after MAX_TIMEOUTS timeouts, or too much data, the rest are not run."""
        lang, scale = self.options.lang, self.options.timeout_scale
        raw: dict[int, dict] = {}
        failures: dict[int, CheckResult] = {}
        pending = sorted(tasks)
        timeouts = 0
        first: RunOutcome | None = None
        load_timeout = spec.checks[0].timeout * scale
        while pending:
            outcome = self._run(spec, files, [tasks[i] for i in pending], load_timeout,
                                {i: spec.checks[i].timeout * scale for i in pending})
            first = first or outcome
            raw.update(outcome.results)
            if outcome.ending == "done":
                break
            if outcome.ending == "load_error":
                text = messages.error(outcome.load_error or {}, lang,
                                      messages.say("load", lang, file=spec.filename))
                self._fail_all(spec, pending, raw, failures, "error", text)
                break
            if outcome.current is None:  # it ended while loading or between checks
                status, text = self._ending(outcome, spec, load_timeout, loading=True)
                self._fail_all(spec, pending, raw, failures, status, text)
                break
            status, text = self._ending(outcome, spec, spec.checks[outcome.current].timeout * scale)
            failures[outcome.current] = self._check_result(spec.checks[outcome.current], status, text)
            timeouts += outcome.ending == "timeout"
            pending = [i for i in pending if i > outcome.current]
            if outcome.ending == "too_much":
                self._fail_all(spec, pending, raw, failures, "error",
                               messages.say("not_run_too_much", lang))
                break
            if timeouts >= MAX_TIMEOUTS:
                self._fail_all(spec, pending, raw, failures, "timeout",
                               messages.say("not_run_timeout", lang))
                break
        return StudentRun(first, raw=raw, failures=failures)

    def _ending(self, outcome: RunOutcome, spec: ExerciseSpec, seconds: float, loading=False):
        lang = self.options.lang
        if outcome.ending == "timeout" and outcome.cut_at:
            exercise, waited = self._hanging[outcome.cut_at]
            return "timeout", messages.say("hung_before", lang, file=spec.filename,
                                           module=outcome.cut_at, exercise=exercise, seconds=waited)
        if (outcome.ending == "timeout" and loading and outcome.importing
                and outcome.importing[-1] != spec.module):
            return "timeout", messages.say("timeout_importing", lang, seconds=seconds,
                                           file=spec.filename, module=outcome.importing[-1])
        if outcome.ending == "timeout":
            key = "timeout_load" if loading else "timeout_check"
            return "timeout", messages.say(key, lang, seconds=seconds, file=spec.filename)
        if outcome.ending == "too_much":
            return "error", messages.say("too_much", lang)
        return "error", messages.say("crashed", lang, detail=outcome.detail)

    def _fail_all(self, spec, positions, raw, failures, status, text):
        for position in positions:
            if position not in raw and position not in failures:
                failures[position] = self._check_result(spec.checks[position], status, text)

    def _run(self, spec: ExerciseSpec, files: SubmissionFiles, tasks: list[dict],
             load_timeout: float, timeouts: dict[int, float], student: bool = True) -> RunOutcome:
        """Run a job. A module of the student's that did not finish loading within one
        exercise's time limit counts as hanging for the whole submission: a job loading it is
        stopped at once (as a timeout, told where the module hung)."""
        job_dir, work = self._job_dir(files, spec.filename)
        job = {"workdir": str(work), "file": spec.filename, "module": spec.module,
               "mode": "script" if spec.kind == "output" else "import",
               "defines": list(spec.defines), "aliases": {k: list(v) for k, v in spec.aliases.items()},
               "checks": tasks}
        # live: a job of this submission that another worker is running may be the one to find
        # that a module hangs, and this job then stops as soon as it is told
        hanging = self._hanging if student else {}
        try:
            outcome = self.sandbox.run(job, job_dir, load_timeout, timeouts, hanging)
        finally:
            shutil.rmtree(job_dir, ignore_errors=True)
        self._cuts += outcome.cut_at is not None
        if student and outcome.ending == "timeout" and outcome.importing and not outcome.cut_at:
            waited = load_timeout if outcome.current is None else timeouts[outcome.current]
            self._hanging.setdefault(outcome.importing[-1], (spec.id, waited))
        return outcome

    def _reference(self, spec: ExerciseSpec, tasks: dict[int, dict], seed: int):
        """What the reference solution gives on the inputs of `seed`: the same for every
        submission graded with that seed, so it runs once per exercise and seed."""
        key = (spec.id, seed)
        if key in self._references:
            return self._references[key]
        found = self._run_reference(spec, tasks)
        if found[1] is None:  # a failure (a machine too busy, say) is not handed to everyone
            if len(self._references) >= MAX_REFERENCES:
                self._references.clear()
            self._references[key] = found
        return found

    def _run_reference(self, spec: ExerciseSpec, tasks: dict[int, dict]):
        """The reference solution on the same inputs, for reference checks; in its own process."""
        wanted = {i: t for i, t in tasks.items() if spec.checks[i].kind == "reference"}
        if not wanted or self.options.solutions is None:
            return None, None
        if self._solution_files is None:
            self._solution_files = read_submission(self.options.solutions)
        if self._solution_files.problem_with(spec.filename):
            return None, f"no usable reference solution {spec.filename} in {self.options.solutions}"
        outcome = self._run(spec, self._solution_files, list(wanted.values()),
                            spec.checks[0].timeout * 4, {i: spec.checks[i].timeout * 4 for i in wanted},
                            student=False)
        if outcome.ending != "done":
            detail = messages.error(outcome.load_error, "en") if outcome.load_error else (
                outcome.detail or outcome.ending)
            return None, detail
        return outcome.results, None


def _captured(c) -> Captured:
    return Captured(text=c.text, size=c.size, truncated=c.truncated)


def grade_folder(folder: Path, specs: list[ExerciseSpec], options: Options = Options()) -> SubmissionResult:
    with Grader(specs, options) as grader:
        return grader.grade(folder)

