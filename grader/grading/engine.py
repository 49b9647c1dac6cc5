"""Grade a submission: for each exercise, inputs -> run -> reference -> judge -> score.

(spec, seed) --inputs--> check tasks --running (sandbox)--> raw data --judging--> check results

`Grader` grades with one warm sandbox; `SpreadGrader` spreads one submission's exercises over
several, one per core (`grader check`).
"""
from __future__ import annotations

import dataclasses
import time
from pathlib import Path
from typing import Callable

from .. import preload
from ..bank.frozen import case_for as frozen_case
from ..bank.spec import ExerciseSpec
from ..results import ExerciseResult, GradedSource, SubmissionResult, exercise_outcome
from . import phrases
from .cache import Reference, ReferenceCache, ResultCache
from .checks import JUDGES
from .inputs import check_rng, frozen_inputs, make_inputs
from .job import GradingJob
from .options import Options
from .judging import judge_exercise
from .pool import GraderPool
from .running import Runner, StudentRun
from .sandbox.client import Sandbox
from .sandbox.isolation import weakest
from .sources import Resolution, Source
from .sources.submission import SubmissionFiles, needed, read_submission
from .sandbox.warm import Started, discard


class Grader:
    """Grades submissions one after another with one warm sandbox; use as a context manager.

    Its options carry the run's seed (drawn here when the caller gave none)."""

    def __init__(self, specs: list[ExerciseSpec], options: Options = Options(),
                 cache: ResultCache | None = None, bank: list[ExerciseSpec] | None = None,
                 sandbox: Sandbox | None = None, references: ReferenceCache | None = None):
        """`cache`: share one between the graders of one run (a batch) to grade identical
        work once. `bank`: every exercise of the bank, when `specs` are some of them (a
        notebook's sections are named by their exercises' kinds, whichever are graded).
        `sandbox`: one started beforehand (`warm`), which this grader then owns.
        `references`: the reference solution's results, shared with other graders."""
        self.specs, self.options, self.cache = specs, options.with_seed(), cache
        self.bank = list(bank) if bank else list(specs)
        self.references = references or (cache.references if cache is not None
                                          else ReferenceCache())
        self.runner = Runner(options.workdir, options.limits, options.timeout_scale, sandbox)
        self._solution_files: SubmissionFiles | None = None
        self._solution_sources: Resolution | None = None
        if preload.same_user(options.limits):  # before any student code (see grader.preload)
            preload.grading(specs)
            if self._live_references():
                self._read_solutions()

    @property
    def seed(self) -> int:
        return self.options.seed

    @property
    def jobs_run(self) -> int:
        """processes started so far for student code and the reference solution"""
        return self.runner.jobs_run

    def __enter__(self):
        return self

    def __exit__(self, kind, *exc):
        if kind is not None:  # Ctrl-C, say: the job in progress must not outlive the grader
            self.stop()
        self.close()

    def stop(self) -> None:
        """End the job in progress now (from any thread); no job runs in this grader after."""
        self.runner.sandbox.stop()

    def close(self):
        self.runner.close()

    def last_item(self) -> None:
        """What this grader grades next is the last before it closes (`pool.GraderPool.run`'s
        `final`): its worker prepares no job's process after it (see `Sandbox.last_jobs`)."""
        self.runner.sandbox.last_jobs()

    def grade(self, job: GradingJob) -> SubmissionResult:
        started = time.monotonic()
        exercises = tuple(_with_hidden(spec, self._exercise(spec, job))
                          for spec in job.specs or self.specs)
        return graded_result(job, exercises, self.options, self.bank, started, self.isolation())

    def isolation(self) -> dict | None:
        """What this grader's jobs run in, as its warm worker said; None before any job ran."""
        return self.runner.sandbox.worker.report

    def grade_folder(self, folder: Path, specs: list[ExerciseSpec] | None = None) -> SubmissionResult:
        return self.grade(GradingJob.read(folder, specs=specs))

    def _exercise(self, spec: ExerciseSpec, job: GradingJob) -> ExerciseResult:
        """An exercise whose source can be graded is graded, or taken from the run's cache."""
        lang = self.options.lang
        if spec.problem:  # a stand-in for a spec that did not load (bank.catalogue)
            return ExerciseResult(spec.id, spec.title.get(lang), "error", 0.0, spec.points,
                                  message=phrases.say("spec_not_loaded", lang,
                                                      problem=spec.problem))
        source = job.source(spec, self.bank)
        if source.kind == "missing" or source.problem:
            status, message = "missing", phrases.say("missing_file", lang, file=spec.filename)
            if source.problem:
                status, message = "error", source.problem.say(lang)
            return self._described(ExerciseResult(spec.id, spec.title.get(lang), status, 0.0,
                                                  spec.points, message=message), source)
        if self.cache is None:
            return self._graded(spec, job, source)[0]
        key = self.cache.key(spec.id, self.seed, job.files, source)
        result = self.cache.get(key)
        if result is None:
            result, cut = self._graded(spec, job, source)
            # a cut depends on more than these files, a kill perhaps on another student: neither
            # is handed to others
            if not cut and not result.killed:
                self.cache.put(key, result)
        return result

    def _described(self, result: ExerciseResult, source: Source,
                   run: StudentRun | None = None) -> ExerciseResult:
        """The result, saying what was graded (the definitions view, if that ran instead),
        what else was found, and notes."""
        lang = self.options.lang
        graded = run.source if run is not None and run.source is not None else source
        notes = list(graded.notes)
        if run is not None and run.whole_failed is not None:
            notes.insert(0, phrases.Phrase(
                "definitions_only" if graded.not_run else "imports_only",
                {"file": source.path, "error": run.whole_failed, "places": graded.not_run}))
        shown = None
        if graded.kind != "missing":
            shown = GradedSource(graded.kind, graded.path,
                                 (graded.described or graded.display).say(lang))
        ignored = tuple(p.say(lang) for p in graded.ignored)
        if ignored:
            notes.append(phrases.Phrase("ignored", {"others": ", ".join(ignored)}))
        return dataclasses.replace(result, source=shown, ignored=ignored,
                                   notes=tuple(n.say(lang) for n in notes))

    def _graded(self, spec: ExerciseSpec, job: GradingJob,
                source: Source) -> tuple[ExerciseResult, bool]:
        """The exercise's result, and whether a job of it was cut (see `StudentRun.cut`)."""
        started = time.monotonic()
        inputs, tasks, frozen = {}, {}, {}
        for position, check in enumerate(spec.checks):
            kind = JUDGES[check.kind]
            case = frozen_case(spec, check, self.seed) if kind.needs_reference else None
            if case is not None:  # the inputs and seed the reference's frozen results are for
                inputs[position], frozen[position] = frozen_inputs(case), dict(case.result)
                seed = case.seed
            else:  # numpy.random (14 ms to import) only for a check that draws
                rng = check_rng(self.seed, spec.id, position)
                inputs[position] = make_inputs(check.inputs, rng, check.dims)
                seed = int(rng.integers(2**62))
            task = kind.task(check, inputs[position], seed)
            if task is not None:
                tasks[position] = dict(task, i=position)
        run = self.runner.student(spec, source, job, tasks)
        reference = self._reference(spec, tasks, frozen)
        checks = judge_exercise(spec, inputs, run, reference, self.options.lang,
                                self.options.diagnose_passing, _texts(job.files, source))
        status, score = exercise_outcome(checks, spec.points)
        return self._described(ExerciseResult(
            spec.id, spec.title.get(self.options.lang), status, score, spec.points, checks,
            stdout=run.outcome.stdout, stderr=run.outcome.stderr,
            seconds=time.monotonic() - started, killed=run.killed), source, run), run.cut

    def _reference(self, spec: ExerciseSpec, tasks: dict[int, dict],
                   frozen: dict[int, dict]) -> Reference:
        """The reference solution's raw data for the reference checks: frozen into the bank
        (the same everywhere), else computed when the solutions are at hand, once per exercise
        and seed (the run's cache)."""
        live = {i: t for i, t in tasks.items()
                if JUDGES[spec.checks[i].kind].needs_reference and i not in frozen}
        if not live or self.options.solutions is None:
            return frozen or None, None
        if self._solution_files is None:
            self._read_solutions()
        source = self._solution_sources.source(spec)
        raw, failure = self.references.get(spec.id, self.seed, lambda: self.runner.reference(
            spec, self._solution_files, source, live))
        return {**(raw or {}), **frozen} or None, failure


    def _live_references(self) -> bool:
        """Whether a reference check of this grader's exercises runs the reference solution
        (the solutions are at hand, and the bank froze no results for it and this seed)."""
        return self.options.solutions is not None and any(
            JUDGES[check.kind].needs_reference and frozen_case(spec, check, self.seed) is None
            for spec in self.specs for check in spec.checks)

    def _read_solutions(self) -> None:
        """The reference solutions, read once: at their first use, or (same-user mode) before
        any student code could rewrite them."""
        self._solution_files = read_submission(self.options.solutions)
        self._solution_sources = Resolution(self._solution_files, self.bank)


def _with_hidden(spec: ExerciseSpec, result: ExerciseResult) -> ExerciseResult:
    """The result saying how many of the exercise's checks were held back for the final grading
    (a student's check, `ExerciseSpec.for_students`)."""
    if not spec.withheld:
        return result
    return dataclasses.replace(result, hidden_checks=spec.withheld)


def _texts(files: SubmissionFiles, source: Source) -> dict[str, str]:
    """The Python files an exercise's copy receives (a notebook's generated modules among them),
    as text, for the diagnoses (which read them with `ast`, never run them)."""
    pool = {**files.files, **source.overlay}
    return {name: pool[name].decode("utf-8", "replace")
            for name in needed(pool, source.file, source.paths, source.edges)
            if name.endswith(".py")}


def submission_result(name: str, exercises: tuple[ExerciseResult, ...], options: Options, *,
                      seconds: float = 0.0, notes: tuple[str, ...] = (),
                      isolation: dict | None = None) -> SubmissionResult:
    """A submission's result from its exercises' results and the run's options (its seed, its
    language, whether the reference solutions were at hand): the one assembly of `grader
    check`, `--watch`, `%grade` and each student of a batch."""
    return SubmissionResult(submission=name, exercises=exercises, seed=options.seed,
                            lang=options.lang, seconds=seconds,
                            solutions_used=options.solutions is not None, notes=notes,
                            isolation=isolation)


def graded_result(job: GradingJob, exercises: tuple[ExerciseResult, ...], options: Options,
                  bank: list[ExerciseSpec], started: float,
                  isolation: dict | None) -> SubmissionResult:
    """What a grader gives for a job: its exercises `linked`, with the notes its sources make
    (what was graded instead of what, what was ignored)."""
    lang = options.lang
    return submission_result(job.name, linked(exercises, job, bank, lang), options,
                             seconds=time.monotonic() - started,
                             notes=tuple(n.say(lang) for n in job.resolution(bank).notes),
                             isolation=isolation)


def linked(exercises: tuple[ExerciseResult, ...], job: GradingJob, bank: list[ExerciseSpec],
           lang: str) -> tuple[ExerciseResult, ...]:
    """A submission's results, each failure that comes from a class of another exercise that
    fails saying so (see `diagnosis.cascade.through_layers`); loaded only when two fail."""
    if sum(e.status in ("failed", "error", "timeout") for e in exercises) < 2:
        return exercises
    from .diagnosis import cascade

    return cascade.through_layers(exercises, job, bank, lang)


class SpreadGrader:
    """Grades one submission at a time, its exercises spread over several graders: a pool
    (`pool.GraderPool`) of one warm sandbox and one thread each, the calling thread the first.
    Each takes the next exercise in numeric order, so the long ones of the first chapters
    (103's and 152's training loops) start first.

    The result is the one a single `Grader` gives: one seed, the same inputs, the exercises in
    their order; the parts share the submission's hanging modules (`GradingJob.hanging`), so a
    module that never finishes loading costs its time limit once, and an exercise that loads it
    meanwhile in another sandbox is stopped as soon as that is known."""

    def __init__(self, specs: list[ExerciseSpec], options: Options = Options(), workers: int = 1,
                 started: list[Started] | None = None, bank: list[ExerciseSpec] | None = None):
        """`workers`: how many graders (at least one per worker started); `started`: warm
        workers started beforehand (`warm.start_workers`), which this grader then owns;
        `bank`: as for `Grader`."""
        self.specs, self.options = specs, options.with_seed()
        self.bank = list(bank) if bank else list(specs)
        self.references = ReferenceCache()
        """one exercise may go to any grader: the reference's results are computed once"""
        given = list(started or [])
        try:
            sandboxes = [Sandbox(one.home, self.options.limits, one.worker) for one in given]
        except BaseException:
            discard(given)
            raise
        self.pool = GraderPool(lambda sandbox: Grader(specs, self.options, bank=self.bank,
                                                      sandbox=sandbox,
                                                      references=self.references),
                               max(workers, len(given), 1), sandboxes)

    @property
    def graders(self) -> list[Grader]:
        return self.pool.graders

    @property
    def seed(self) -> int:
        return self.options.seed

    @property
    def jobs_run(self) -> int:
        return sum(g.jobs_run for g in self.graders)

    def __enter__(self):
        return self

    def __exit__(self, kind, *exc):
        if kind is not None:
            self.stop()
        self.close()

    def stop(self) -> None:
        """End every job in progress now (from any thread); no exercise starts after."""
        self.pool.abandon()

    def close(self) -> None:
        self.pool.close()

    def grade(self, job: GradingJob, each: Callable[[ExerciseResult], None] | None = None,
              final: bool = False) -> SubmissionResult:
        """`each` is told every exercise's result as soon as it is graded, one at a time, from
        the thread that graded it (`--watch` prints it then). `final`: this grader closes
        after it (`grader check`): the worker that runs the last exercise prepares no job
        after it, and ends sooner."""
        started = time.monotonic()
        specs = list(job.specs or self.specs)
        # an exercise without a usable source needs no sandbox: no thread waits for it
        running = sum(1 for s in specs if not s.problem
                      and job.source(s, self.bank).kind != "missing"
                      and not job.source(s, self.bank).problem)
        results: dict[str, ExerciseResult] = {}

        def graded(spec: ExerciseSpec, exercise: ExerciseResult) -> None:
            results[spec.id] = exercise
            if each is not None:
                each(exercise)

        self.pool.run(specs, lambda grader, spec: grader.grade(job.part([spec])).exercises[0],
                      done=graded, workers=max(1, min(len(self.graders), running)), final=final)
        return graded_result(job, tuple(results[s.id] for s in specs), self.options, self.bank,
                             started, self.isolation())

    def isolation(self) -> dict | None:
        """What the jobs ran in: the weakest of what the graders' workers said."""
        return weakest(g.isolation() for g in self.graders)
