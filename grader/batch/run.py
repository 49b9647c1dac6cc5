"""Grade a whole class: many submissions, several warm graders at once, no result ever lost.

Each worker thread of a pool (`grading/pool.py`) owns a `Grader` (its own warm sandbox process,
where the work happens: so threads, not processes; measured the same) and takes the next
student, or, among the last students, the next exercise of one (see `_Round`). When a student
is done their `OUT/<student>/report.html`, then `results.json`, are written atomically (a
temporary file, then `os.replace`). The summary, gradebook and dashboard are computed from the
results.json files in OUT, so a resumed run or a merge of shards (`merge`) produces them the
same way.

OUT remembers its run (record.py, OUT/run.json): a rerun reuses its seed, language, options and
exercises, and `prepare` refuses, before anything is written, a run that would mix two gradings.
A student is regraded whole when their results.json is older than a file of the submission, was
made from other submission files (paths, sizes, times) or other settings, or recorded a failure
of the grader; otherwise only the exercises their results lack, or whose spec changed, or that
`--force` names, are graded and merged into their results.json, the others kept as they were.
The first Ctrl-C starts no new student and lets those in progress finish; a second one (or a
SIGTERM) abandons them. Either way every finished result stays and the summary is written.

A job killed by a signal the grader did not send may have been killed by another student's code
(every job runs as the same user): its result is never cached for another student, and once
every student is done its exercises are graded again by one worker, alone, so that what happens
then is the student's own doing. A run that ends before that leaves them recorded (`killed` in
the student's `batch`), and the next run grades them again.
"""
from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import queue
import shutil
import signal
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ..bank.ids import id_key
from ..bank.spec import ExerciseSpec
from ..grading import phrases
from ..grading.cache import ResultCache
from ..grading.engine import Grader, linked, submission_result
from ..grading.job import GradingJob
from ..grading.options import Options, new_seed
from ..grading.pool import GraderPool, close_sandbox
from ..grading.sandbox.isolation import weakest
from ..grading.scratch import run_folder
from ..openers import Refused
from ..render import json_report
from ..render.words import isolation_said
from ..results import ExerciseResult
from . import lms, policy as policies, record as records, similarity
from .outputs import finish, results_path, write_student
from .lock import OutLock, hold
from .progress import Progress
from .record import Plan, Record
from .students import RootError, Student, discover, opened, signature
from .submitted import submission_time


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))  # what this process may use (Slurm, cgroups)
    except AttributeError:
        return os.cpu_count() or 1


def parse_shard(text: str) -> tuple[int, int]:
    """`I/N`, 1 <= I <= N."""
    try:
        i, n = (int(x) for x in text.split("/"))
    except ValueError:
        raise ValueError(f"--shard {text}: write I/N, such as 2/4") from None
    if not 1 <= i <= n:
        raise ValueError(f"--shard {text}: I must be between 1 and N")
    return i, n


def shard(students: list[Student], i: int, n: int) -> list[Student]:
    """The I-th of N shares: every N-th student in name order, starting at the I-th."""
    ordered = sorted(students, key=lambda s: s.name)
    return ordered[i - 1::n]


@dataclass
class Outcome:
    students: list[str]
    """every student of this run (this shard), in name order"""
    graded: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """up to date, not regraded"""
    problems: dict[str, str] = field(default_factory=dict)
    """student -> why their submission could not be graded"""
    interrupted: bool = False
    abandoned: list[str] = field(default_factory=list)
    summary: dict = field(default_factory=dict)
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    """what the outputs could not use (an override of nobody, a student not in the roster)"""


@dataclass(frozen=True)
class Setup:
    """Everything a run decided before grading: the command line checked against OUT."""

    plan: Plan
    options: Options
    """with the plan's seed, language and time scale"""
    students: tuple[Student, ...]
    record: Record | None
    only: str | None
    """the --only text, for the record's history"""
    force: bool
    policy: policies.Policy
    exports: lms.Exports
    shard: str | None = None
    bank: tuple[ExerciseSpec, ...] = ()
    """every exercise of the bank (a notebook's sections are named by their exercises' kinds)"""
    lock: OutLock | None = None
    """OUT's, taken by `prepare`, given up at the end of `run_batch`"""
    isolation: dict | None = None
    """what the jobs run in, as the first warm worker said (`grading/sandbox/isolation.py`)"""


def prepare(root: Path, out: Path, bank: list[ExerciseSpec],
            selection: list[ExerciseSpec] | None, options: Options, *,
            only: str | None = None, force: bool = False,
            shard_of: tuple[int, int] | None = None, given: policies.Given = policies.Given(),
            exports: lms.Given = lms.Given()) -> Setup:
    """Take OUT's lock, read OUT's record, find the students and decide what this run grades;
    raises RecordError (another run holds OUT, among others), PolicyError, RosterError or
    RootError (the user's to fix) before anything is written. `options`: as the command line
    made them, whose defaults a rerun replaces with OUT's record (`record.Settings.merge`)."""
    if out.resolve() == root.resolve():
        raise RootError(f"--out {out} is ROOT itself: name a folder of its own, such as "
                        f"{out / 'graded'}")
    lock = hold(out, options.lang)
    try:
        setup = _prepare(root, out, bank, selection, options, only=only, force=force,
                         shard_of=shard_of, given=given, exports=exports)
    except BaseException:
        lock.release(undo=True)  # refused: as if it never started
        raise
    return dataclasses.replace(setup, lock=lock)


def _prepare(root: Path, out: Path, bank: list[ExerciseSpec],
             selection: list[ExerciseSpec] | None, options: Options, *,
             only: str | None, force: bool, shard_of: tuple[int, int] | None,
             given: policies.Given, exports: lms.Given) -> Setup:
    record = records.read(out)
    # OUT inside ROOT is no student (a new, empty or output folder); a student's folder stays one
    try:
        students = discover(root, skip=out if records.is_out(out) else None)
    except OSError as e:
        raise RootError(f"{e.filename or root} cannot be read ({e.strerror or e})") from None
    for student in students:
        if not student.is_zip and (out.resolve() == student.source.resolve()
                                   or student.source.resolve() in out.resolve().parents):
            raise RootError(f"--out {out} is inside {student.name}'s submission "
                            f"({student.source}): choose a folder outside it")
    if shard_of:
        students = shard(students, *shard_of)
    plan = records.plan(record, bank, selection, options, force, new_seed)
    policy = policies.build(out, record.policy if record else {}, given)
    policies.check_exercises(policy, list(plan.targets))
    chosen = lms.build(out, record.exports if record else {}, exports)
    return Setup(plan, plan.settings.applied(options), tuple(students), record, only, force,
                 policy, chosen, f"{shard_of[0]}/{shard_of[1]}" if shard_of else None,
                 tuple(bank))


# -- one student ------------------------------------------------------------------------------

def work_for(out: Path, student: Student, plan: Plan) -> tuple[list[ExerciseSpec], bool]:
    """(the exercises to grade, whether to merge them into the student's results.json).

    Whole (no merge) when the results are absent, unreadable, older than a file of the
    submission, from other files or settings, or recorded a failure of the grader; else the
    exercises the results lack, whose spec changed, that this run forces, or whose job was
    killed by a signal and not yet graded again alone (a run interrupted before it could)."""
    whole = (list(plan.targets), False)
    path = results_path(out, student.name)
    try:
        written = path.stat().st_mtime_ns
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        recorded = data.get("batch") or {}
        have = {str(e["id"]) for e in data.get("exercises") or ()}
        killed = {str(i) for i in recorded.get("killed") or ()}
    except (OSError, ValueError, AttributeError, TypeError, KeyError):
        return whole
    digest, newest = signature(student.source)
    if not (written > newest and recorded.get("fingerprint") == plan.settings.fingerprint()
            and recorded.get("source") == digest and not recorded.get("error")):
        return whole
    graded_with = recorded.get("bank") or {}
    return [s for s in plan.targets
            if s.id in plan.forced or s.id not in have or s.id in killed
            or graded_with.get(s.id) != plan.bank.get(s.id)], True


class _Ticket:
    """One student being graded, possibly by several workers at once (an exercise each)."""

    def __init__(self, student: Student, specs: list[ExerciseSpec], options: Options,
                 plan: Plan, size: int, merge: bool, out: Path, policy: policies.Policy,
                 alone: bool = False):
        """`alone`: graded while no other student's code runs (see `run_batch`)."""
        self.student, self.specs, self.options, self.plan = student, specs, options, plan
        self.merge, self.out, self.policy, self.alone = merge, out, policy, alone
        self.refused = False
        self.chunks = [specs[i:i + size] for i in range(0, len(specs), size)]
        self.remaining = len(self.chunks)
        self.lock = threading.Lock()
        self.exercises: dict[str, ExerciseResult] = {}
        self.problem: str | None = None
        self.error = False
        self.notes: tuple[str, ...] = ()
        """about the submission as a whole (see sources.Resolution.notes)"""
        self.isolation: dict | None = None
        """what its jobs ran in (the weakest its workers said)"""
        self.started: float | None = None
        self._job: GradingJob | None = None
        """the submission, read once; its parts share the modules found to hang"""
        self._stack = contextlib.ExitStack()

    def job(self) -> GradingJob | None:
        """The submission, opened (a zip unpacked) and read once by whichever worker comes
        first."""
        with self.lock:
            if self.started is None:
                self.started = time.monotonic()
                try:
                    self._job = self._stack.enter_context(opened(self.student,
                                                                 self.options.workdir))
                except Refused as e:
                    self.problem = phrases.say("submission_refused", self.options.lang,
                                               reason=e.say(self.options.lang))
                    self.refused = True
                except OSError as e:  # unreadable (permissions): theirs, tried again next run
                    self.problem = phrases.say("submission_unreadable", self.options.lang,
                                               reason=_reason(e))
                    self.error = True
                except Exception as e:  # could not unpack: the grader's trouble, retried later
                    self.problem = phrases.say("grader_failed", self.options.lang, error=e)
                    self.error = True
            return self._job

    def grade(self, grader: Grader, chunk: list[ExerciseSpec]) -> dict | None:
        """Grade one chunk; the results dict when it was the student's last, else None."""
        job = self.job()
        if job is not None and self.problem is None:
            try:
                result = grader.grade(job.part(chunk))
                with self.lock:
                    self.exercises.update((e.id, e) for e in result.exercises)
                    self.notes = result.notes
                    self.isolation = weakest([self.isolation, result.isolation])
            except Exception as e:  # the grader's own failure: recorded, retried by the next run
                with self.lock:
                    self.problem = phrases.say("grader_failed", self.options.lang,
                                               error=f"{type(e).__name__}: {e}")
                    self.error = True
        with self.lock:
            self.remaining -= 1
            if self.remaining:
                return None
        self._stack.close()
        try:
            result = self.results(grader.bank)
        except Exception as e:  # noqa: BLE001 (this student's trouble stays theirs: the worker
            # goes on with the others, and the next run grades this student again)
            self.problem = phrases.say("grader_failed", self.options.lang,
                                       error=f"{type(e).__name__}: {e}")
            self.error = True
            result = self.failed()
        self.exercises, self.chunks, self._job = {}, [], None  # done: keep nothing in memory
        return result

    def failed(self) -> dict:
        """The results of a student the grader failed on, made of nothing that can fail again."""
        lang = self.options.lang
        exercises = tuple(ExerciseResult(s.id, s.title.get(lang), "error", 0.0, s.points,
                                         message=self.problem or "") for s in self.specs)
        result = json_report.as_dict(submission_result(self.student.name, exercises,
                                                       self.options))
        result["problem"] = self.problem
        result["batch"] = {"fingerprint": self.plan.settings.fingerprint(), "source": "",
                           "error": True, "refused": False,
                           "graded_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                           "bank": {s.id: self.plan.bank[s.id] for s in self.specs},
                           "submitted": None}
        return merged(self.out, result) if self.merge else result

    def results(self, bank: list[ExerciseSpec]) -> dict:
        """The student's results JSON; `bank`: the grader's, whose sources it names."""
        lang = self.options.lang
        if self.problem:
            exercises = tuple(ExerciseResult(s.id, s.title.get(lang), "error", 0.0, s.points,
                                             message=self.problem) for s in self.specs)
        else:
            exercises = tuple(self.exercises[s.id] for s in self.specs)
            if self._job is not None:
                exercises = linked(exercises, self._job, bank, lang)
        killed = [e.id for e in exercises if e.killed]
        if self.alone:  # whatever killed it now was its own doing: said, and final
            exercises = tuple(dataclasses.replace(e, notes=e.notes + (
                phrases.say("killed_again_alone", lang),)) for e in exercises)
        result = json_report.as_dict(submission_result(
            self.student.name, exercises, self.options,
            seconds=time.monotonic() - (self.started or time.monotonic()), notes=self.notes,
            isolation=self.isolation))
        if self.problem:
            result["problem"] = self.problem
        digest, _ = signature(self.student.source)
        result["batch"] = {"fingerprint": self.plan.settings.fingerprint(), "source": digest,
                           "error": self.error, "refused": self.refused,
                           "graded_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                           "bank": {s.id: self.plan.bank[s.id] for s in self.specs},
                           "submitted": submission_time(self.student)}
        if killed and not self.alone:  # graded again alone at the end (or by the next run)
            result["batch"]["killed"] = killed
        if self.merge:
            result = merged(self.out, result)
        adjusted = self.policy.adjust(result)
        if adjusted is not None:
            result["adjusted"] = adjusted
        return result


def merged(out: Path, new: dict) -> dict:
    """The student's results.json with the exercises just graded put in (replacing the same
    ids, the others kept), totals recomputed; the new results alone if the file is unreadable."""
    try:
        with open(results_path(out, new["submission"]), encoding="utf-8") as f:
            old = json.load(f)
        kept = [e for e in old["exercises"]
                if str(e["id"]) not in {str(n["id"]) for n in new["exercises"]}]
        bank = {**((old.get("batch") or {}).get("bank") or {}), **new["batch"]["bank"]}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return new
    exercises = sorted(kept + new["exercises"], key=lambda e: id_key(str(e["id"])))
    return {**new, "exercises": exercises,
            "score": round(sum(float(e.get("score") or 0) for e in exercises), 6),
            "max_score": round(sum(float(e.get("max_score") or 0) for e in exercises), 6),
            "seconds": round(float(old.get("seconds") or 0) + float(new.get("seconds") or 0), 3),
            "batch": {**new["batch"], "bank": bank}}


# -- the class --------------------------------------------------------------------------------

SHARED_TAIL = 2
"""times the workers: how many students, at the end, are graded an exercise at a time"""


class _Round:
    """A round of grading: students in order, taken by a pool of graders (`grading/pool.py`),
    a thread each; each finished student is written, and said to the calling thread (`events`).

    The work is a whole student, except for the last SHARED_TAIL x jobs students (all of a
    small class, or the one student regraded), whose exercises are taken one at a time: every
    core works until the end, and no slow student is left to one worker while the others idle.
    A whole student is cheaper than shares of one: a module of theirs that hangs is found once,
    not waited for by two workers at the same time.
    """

    def __init__(self, setup: Setup, out: Path,
                 todo: list[tuple[Student, list[ExerciseSpec], bool]], jobs: int,
                 alone: bool = False, sandboxes: list | None = None):
        """`alone`: one worker, grading again what was killed (see `run_batch`);
        `sandboxes`: started beforehand, taken by the first graders (the rest are closed)."""
        self.out = out
        shared_from = len(todo) - SHARED_TAIL * jobs
        self.tickets = [_Ticket(student, specs, setup.options, setup.plan,
                                1 if position >= shared_from else len(specs), merge, out,
                                setup.policy, alone)
                        for position, (student, specs, merge) in enumerate(todo)]
        work = [(ticket, chunk) for ticket in self.tickets for chunk in ticket.chunks]
        self.again: list[tuple[Student, list[ExerciseSpec], bool]] = []
        """students with an exercise whose job was killed by a signal: graded again alone"""
        self.events: queue.Queue[tuple] = queue.Queue()
        specs, bank = list(setup.plan.targets), list(setup.bank) or None
        cache = ResultCache()
        """shared by the graders: an exercise whose files some student already had is not
        graded again (one seed per run makes that possible)"""
        self.pool = GraderPool(lambda sandbox: Grader(specs, setup.options, cache=cache,
                                                      bank=bank, sandbox=sandbox),
                               min(jobs, len(work)), sandboxes or ())
        self.shift = self.pool.start(
            work, lambda grader, item: item[0].grade(grader, item[1]), done=self._done,
            failed=self._failed, begun=lambda item: item[0].started is not None)

    def in_progress(self) -> list[str]:
        """The students being graded now."""
        return sorted({ticket.student.name for ticket, _ in self.shift.in_progress()})

    def close(self):
        """Close the graders, and remove what unfinished students left unpacked (after an
        interruption)."""
        try:
            self.pool.close()
        finally:
            for ticket in self.tickets:
                ticket._stack.close()

    def abandon(self):
        """End whatever is in progress now: its jobs, then the graders' folders."""
        self.pool.abandon()
        with contextlib.suppress(Exception):
            self.close()

    def _done(self, item: tuple[_Ticket, list], result: dict | None) -> None:
        """A chunk graded: when it was its student's last, their results are written."""
        ticket = item[0]
        if result is None:
            return
        write_student(self.out, result, class_page=True)
        killed = set(result["batch"].get("killed") or ())
        if killed:
            self.again.append((ticket.student, [s for s in ticket.specs if s.id in killed], True))
        self.events.put(("done", ticket.student.name, result,
                         time.monotonic() - (ticket.started or 0)))

    def _failed(self, error: BaseException, item: tuple[_Ticket, list] | None) -> None:
        """The grader's own failure: reported; the other workers go on."""
        self.events.put(("fatal", item[0].student.name if item else "",
                         f"{type(error).__name__}: {error}", 0))


def run_batch(out: Path, setup: Setup, *, jobs: int | None = None, progress_stream=None,
              bar: bool | None = None, find_similar: bool = True,
              sandbox=None) -> Outcome:
    """Grade what `setup` (from `prepare`) decided; write OUT's record, results and outputs
    (`find_similar`: and look for students whose code is alike); then give OUT's lock up.
    `sandbox`: one started beforehand (to learn what the jobs run in), used by the first
    worker, or closed."""
    try:
        return _run_batch(out, setup, jobs=jobs, progress_stream=progress_stream, bar=bar,
                          find_similar=find_similar, sandbox=sandbox)
    finally:
        if setup.lock is not None:
            setup.lock.release()


def _run_batch(out: Path, setup: Setup, *, jobs: int | None, progress_stream, bar: bool | None,
               find_similar: bool, sandbox=None) -> Outcome:
    started = time.monotonic()
    plan, students = setup.plan, list(setup.students)
    out.mkdir(exist_ok=True)  # its parent was checked to exist
    setup.policy.save(out)
    setup.exports.save(out)
    names = [s.name for s in students]

    earlier = setup.record

    def record(graded: int | None = None) -> None:
        """run.json: before grading (so an interrupted run leaves its seed), and at the end."""
        nonlocal earlier
        records.write(out, plan.settings, [s.id for s in plan.targets], plan.bank, earlier,
                      students=names, only=setup.only, force=setup.force,
                      policy=setup.policy.record(), exports=setup.exports.record(),
                      shard=setup.shard, graded=graded, isolation=setup.isolation)
        earlier = records.read(out)  # the end of the run completes this run's entry

    record()
    # every grader's copies and every unpacked zip go in one folder, removed at the end whatever
    # happens (an abandoned grader cannot clean up after itself)
    # (in this process's run folder: what a run killed outright leaves, the next one removes)
    scratch = Path(tempfile.mkdtemp(prefix="batch-", dir=run_folder()))
    os.chmod(scratch, 0o711)  # the sandbox's user passes through to its own folders
    # one seed for the run, shared by every grader: every student gets the same inputs
    options = dataclasses.replace(setup.options, workdir=scratch)
    setup = dataclasses.replace(setup, options=options)
    outcome = Outcome(students=names)
    progress, grading = None, None
    previous = signal.signal(signal.SIGTERM, _interrupt) if _main_thread() else None
    try:
        todo, partial = [], 0
        for student in students:
            specs, merge = work_for(out, student, plan)
            if not specs:
                outcome.skipped.append(student.name)
            else:
                todo.append((student, specs, merge))
                partial += merge
        progress = Progress(len(todo), progress_stream, bar, setup.options.lang)
        if todo and setup.isolation is not None:  # said once, as the first warm worker said it
            progress.say("isolation", said=isolation_said(setup.isolation, setup.options.lang))
        for key, fields in plan.notes:
            progress.say(key, **fields)
        if outcome.skipped:
            progress.say("up_to_date", count=len(outcome.skipped), total=len(students))
        if partial:
            progress.say("partial", count=partial)
        if todo:
            given = [sandbox] if sandbox is not None else []
            sandbox = None  # the round's now
            grading = _Round(setup, out, todo, jobs or default_jobs(), sandboxes=given)
            while grading.shift.alive() or not grading.events.empty():
                _drain(grading, outcome, progress, wait=0.25)
            grading.close()
            again = grading.again
            if again:  # killed while others ran; alone now, what happens is the student's own
                progress.total += len(again)
                progress.say("again_alone", names=", ".join(s.name for s, _, _ in again))
                grading = _Round(setup, out, again, 1, alone=True)
                while grading.shift.alive() or not grading.events.empty():
                    _drain(grading, outcome, progress, wait=0.25)
    except KeyboardInterrupt as e:
        outcome.interrupted = True
        if grading and isinstance(e, _Terminated):  # a scheduler's notice: no time to finish
            outcome.abandoned = grading.in_progress()
            grading.abandon()
        elif grading:
            _stop(grading, outcome, progress)
    except BaseException:  # the grader's own failure: nothing of the run outlives it
        if grading:
            grading.abandon()
        raise
    finally:
        if sandbox is not None:  # nothing to grade: the worker started beforehand is not used
            close_sandbox(sandbox)
        if progress:
            progress.close()
        if grading and not grading.shift.alive():
            grading.close()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        if not (grading and grading.shift.alive()):
            shutil.rmtree(scratch, ignore_errors=True)
    with _uninterrupted():
        record(graded=len(outcome.graded))
        roster = sorted(set(names) | {p.parent.name for p in out.glob("*/results.json")})
        if find_similar and not outcome.interrupted:  # interrupted: compare those recorded
            similarity.record(out, students, list(plan.targets), setup.options.solutions,
                              list(setup.bank))
        outcome.summary, outcome.warnings = finish(
            out, roster, list(plan.targets), setup.policy, setup.exports,
            seed=plan.settings.seed, find_similar=find_similar)
        shutil.rmtree(scratch, ignore_errors=True)  # after abandoned graders stopped writing
    outcome.seconds = time.monotonic() - started
    return outcome


def _stop(grading: _Round, outcome: Outcome, progress: Progress):
    """After a first Ctrl-C: let what is in progress finish; after a second, abandon it."""
    grading.shift.stop()
    if grading.in_progress():
        progress.say("interrupted", names=", ".join(grading.in_progress()))
    try:
        while grading.shift.alive() or not grading.events.empty():
            _drain(grading, outcome, progress, wait=0.1)
    except KeyboardInterrupt:
        outcome.abandoned = grading.in_progress()
        grading.abandon()


@contextlib.contextmanager
def _uninterrupted():
    """Ctrl-C waits while the summary, gradebook and dashboard are written (a moment)."""
    if not _main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _drain(grading: _Round, outcome: Outcome, progress: Progress, wait: float):
    try:
        kind, name, payload, seconds = grading.events.get(timeout=wait)
    except queue.Empty:
        progress.tick()
        return
    if kind == "fatal":
        progress.say("worker_stopped", problem=payload,
                     on=progress.said["on"].format(name=name) if name else "")
        return
    if name not in outcome.graded:  # (graded again alone: once)
        outcome.graded.append(name)
    if payload.get("problem"):
        outcome.problems[name] = payload["problem"]
    progress.done(name, payload.get("score", 0.0), payload.get("max_score", 0.0), seconds,
                  note=payload.get("problem") or "")


class _Terminated(KeyboardInterrupt):
    """SIGTERM: what a scheduler (Slurm, CI) sends shortly before it kills."""


def _interrupt(signum, frame):
    raise _Terminated


def _reason(error: OSError) -> str:
    """An OSError in a few words: `Permission denied: /class/bob/.git`."""
    words = error.strerror or str(error)
    return f"{words}: {error.filename}" if error.filename and error.strerror else words


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()
