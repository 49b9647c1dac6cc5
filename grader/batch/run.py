"""Grade a whole class: many submissions, several warm graders at once, no result ever lost.

Each worker thread owns a `Grader` (its own warm sandbox process, where the work happens: so
threads, not processes; measured the same) and takes the next student, or, among the last
students, the next exercise of one (see `_Workers`). When a student is done their
`OUT/<student>/report.html`, then `results.json`, are written atomically (a temporary file, then
`os.replace`). The summary, gradebook and dashboard are computed from the results.json files in
OUT, so a resumed run or a merge of shards (`merge`) produces them the same way.

A rerun skips a student whose results.json is newer than every file of the submission, made from
the same submission files (paths, sizes, times) and the same bank and options; `force` regrades.
The first Ctrl-C starts no new student and lets those in progress finish; a second one (or a
SIGTERM) abandons them. Either way every finished result stays and the summary is written.
"""
from __future__ import annotations

import contextlib
import dataclasses
import hashlib
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
from urllib.parse import quote

from .. import __version__
from ..bank.spec import ExerciseSpec
from ..grading.cache import ResultCache
from ..grading.engine import Grader
from ..grading.job import GradingJob, Options
from ..grading.sandbox.client import kill_group
from ..grading.scratch import scratch_dir
from ..grading.submission import read_submission
from ..render import json_report
from ..results import ExerciseResult, SubmissionResult
from . import gradebook, summary
from .progress import Progress
from .students import Refused, Student, discover, signature, unpacked


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


def fingerprint(specs: list[ExerciseSpec], options: Options) -> str:
    """What, besides the submission, a result depends on: the bank, the language, the options.
    Taken from the options the user gave, before the run's seed is drawn: a rerun without --seed
    must find the earlier results up to date, not changed by a seed drawn anew."""
    text = repr((__version__, options.lang, options.solutions is not None, options.timeout_scale,
                 options.seed, [repr(s) for s in specs]))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


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


_UMASK = os.umask(0o022)
os.umask(_UMASK)


# -- one student ------------------------------------------------------------------------------

def results_path(out: Path, name: str) -> Path:
    return out / name / "results.json"


def is_fresh(out: Path, student: Student, stamp: str) -> bool:
    path = results_path(out, student.name)
    try:
        written = path.stat().st_mtime_ns
        with open(path, encoding="utf-8") as f:
            recorded = json.load(f).get("batch") or {}
    except (OSError, ValueError, AttributeError):
        return False
    digest, newest = signature(student.source)
    return (written > newest and recorded.get("fingerprint") == stamp
            and recorded.get("source") == digest and not recorded.get("error"))


class _Ticket:
    """One student being graded, possibly by several workers at once (an exercise each)."""

    def __init__(self, student: Student, specs: list[ExerciseSpec], options: Options,
                 stamp: str, size: int):
        self.student, self.specs, self.options, self.stamp = student, specs, options, stamp
        self.chunks = [specs[i:i + size] for i in range(0, len(specs), size)]
        self.remaining = len(self.chunks)
        self.lock = threading.Lock()
        self.exercises: dict[str, ExerciseResult] = {}
        self.problem: str | None = None
        self.error = False
        self.started: float | None = None
        self._job: GradingJob | None = None
        """the submission, read once; its parts share the modules found to hang"""
        self._stack = contextlib.ExitStack()

    def job(self) -> GradingJob | None:
        """The submission, unpacked (a zip) and read once by whichever worker comes first."""
        with self.lock:
            if self.started is None:
                self.started = time.monotonic()
                try:
                    folder = self._stack.enter_context(unpacked(self.student,
                                                                self.options.workdir))
                    self._job = GradingJob(read_submission(folder), self.student.name)
                except Refused as e:
                    self.problem = f"the submission was refused: {e}"
                except Exception as e:  # could not unpack: the grader's trouble, retried later
                    self.problem, self.error = f"the grader failed on this submission: {e}", True
            return self._job

    def grade(self, grader: Grader, chunk: list[ExerciseSpec]) -> dict | None:
        """Grade one chunk; the results dict when it was the student's last, else None."""
        job = self.job()
        if job is not None and self.problem is None:
            try:
                result = grader.grade(job.part(chunk))
                with self.lock:
                    self.exercises.update((e.id, e) for e in result.exercises)
            except Exception as e:  # the grader's own failure: recorded, retried by the next run
                with self.lock:
                    self.problem = (f"the grader failed on this submission: "
                                    f"{type(e).__name__}: {e}")
                    self.error = True
        with self.lock:
            self.remaining -= 1
            if self.remaining:
                return None
        self._stack.close()
        result = self.results()
        self.exercises, self.chunks, self._job = {}, [], None  # done: keep nothing in memory
        return result

    def results(self) -> dict:
        lang = self.options.lang
        if self.problem:
            exercises = tuple(ExerciseResult(s.id, s.title.get(lang), "error", 0.0, s.points,
                                             message=self.problem) for s in self.specs)
        else:
            exercises = tuple(self.exercises[s.id] for s in self.specs)
        result = json_report.as_dict(SubmissionResult(
            submission=self.student.name, exercises=exercises, seed=self.options.seed, lang=lang,
            seconds=time.monotonic() - (self.started or time.monotonic()),
            solutions_used=self.options.solutions is not None))
        if self.problem:
            result["problem"] = self.problem
        digest, _ = signature(self.student.source)
        result["batch"] = {"fingerprint": self.stamp, "source": digest, "error": self.error,
                           "graded_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        return result


def write_student(out: Path, result: dict) -> None:
    """report.html, then results.json (whose presence means the student is done)."""
    from ..render import html  # jinja2 templates: loaded once, on the first student

    folder = out / result["submission"]
    folder.mkdir(parents=True, exist_ok=True)
    try:
        page = html.student_report(result)
    except Exception as e:  # a report that cannot be drawn never costs the result
        page = f"<!doctype html><meta charset=utf-8><p>The report could not be drawn: {e!r}</p>"
    write_atomic(folder / "report.html", page)
    write_atomic(folder / "results.json", json.dumps(result, ensure_ascii=False, indent=1))


def write_atomic(path: Path, text: str) -> None:
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_UMASK)  # as an ordinary file would be, not mkstemp's 0600
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


# -- the class --------------------------------------------------------------------------------

SHARED_TAIL = 2
"""times the workers: how many students, at the end, are graded an exercise at a time"""


class _Workers:
    """`jobs` threads taking work from one queue, in students' order; events go back on another.

    The work is a whole student, except for the last SHARED_TAIL x jobs students (all of a
    small class, or the one student regraded), whose exercises are taken one at a time: every
    core works until the end, and no slow student is left to one worker while the others idle.
    A whole student is cheaper than shares of one: a module of theirs that hangs is found once,
    not waited for by two workers at the same time.
    """

    def __init__(self, specs, options: Options, out: Path, stamp: str, todo: list[Student],
                 jobs: int):
        self.specs, self.options, self.out, self.stamp = specs, options, out, stamp
        shared_from = len(todo) - SHARED_TAIL * jobs
        self.work: queue.Queue[tuple[_Ticket, list]] = queue.Queue()
        self.tickets = [_Ticket(student, specs, options, stamp,
                                1 if position >= shared_from else len(specs))
                        for position, student in enumerate(todo)]
        for ticket in self.tickets:
            for chunk in ticket.chunks:
                self.work.put((ticket, chunk))
        self.events: queue.Queue[tuple] = queue.Queue()
        self.stop = threading.Event()
        """no new work"""
        self.abandon = threading.Event()
        """discard what is in progress"""
        self.busy: dict[int, str] = {}
        self.cache = ResultCache()
        """shared by the graders: an exercise whose files some student already had is not
        graded again (one seed per run makes that possible)"""
        self.graders: list[Grader] = []
        self.threads = [threading.Thread(target=self._work, name=f"grader-{i}", daemon=True)
                        for i in range(min(jobs, self.work.qsize()))]
        for t in self.threads:
            t.start()

    def alive(self) -> bool:
        return any(t.is_alive() for t in self.threads)

    def in_progress(self) -> list[str]:
        return sorted(set(list(self.busy.values())))

    def close(self):
        """Remove what unfinished students left unpacked (after an interruption)."""
        for ticket in self.tickets:
            ticket._stack.close()

    def abandon_all(self):
        """End whatever is in progress now: its processes, then the graders' folders."""
        self.abandon.set()
        _kill_descendants()
        for grader in list(self.graders):
            with contextlib.suppress(Exception):
                grader.close()
        with contextlib.suppress(Exception):
            self.close()

    def _work(self):
        grader = None
        me = threading.get_ident()
        try:
            grader = Grader(self.specs, self.options, cache=self.cache)
            self.graders.append(grader)
            while True:
                try:
                    ticket, chunk = self.work.get_nowait()
                except queue.Empty:
                    return
                if self.stop.is_set() and ticket.started is None:
                    return  # stopping: finish the students begun, begin no other
                self.busy[me] = ticket.student.name
                result = ticket.grade(grader, chunk)
                if self.abandon.is_set():
                    return  # what a killed sandbox produced is not the student's result
                if result is not None:
                    write_student(self.out, result)
                    self.events.put(("done", ticket.student.name, result,
                                     time.monotonic() - (ticket.started or 0)))
                del self.busy[me]
        except BaseException as e:  # noqa: BLE001 (reported; the other workers go on)
            if not self.abandon.is_set():
                self.events.put(("fatal", self.busy.get(me, ""), f"{type(e).__name__}: {e}", 0))
        finally:
            self.busy.pop(me, None)
            if grader is not None:
                grader.close()


def run_batch(root: Path, out: Path, specs: list[ExerciseSpec], options: Options, *,
              jobs: int | None = None, force: bool = False, shard_of: tuple[int, int] | None = None,
              progress_stream=None, bar: bool | None = None) -> Outcome:
    started = time.monotonic()
    students = discover(root)
    if shard_of:
        students = shard(students, *shard_of)
    out.mkdir(parents=True, exist_ok=True)
    stamp = fingerprint(specs, options)
    # every grader's copies and every unpacked zip go in one folder, removed at the end whatever
    # happens (an abandoned grader cannot clean up after itself)
    scratch = Path(tempfile.mkdtemp(prefix="grader-batch-", dir=scratch_dir()))
    os.chmod(scratch, 0o711)  # the sandbox's user passes through to its own folders
    # one seed for the run, shared by every grader: every student gets the same inputs
    options = dataclasses.replace(options, workdir=scratch).with_seed()
    outcome = Outcome(students=[s.name for s in students])
    progress, workers = None, None
    previous = signal.signal(signal.SIGTERM, _interrupt) if _main_thread() else None
    try:
        todo = []
        for student in students:
            if not force and is_fresh(out, student, stamp):
                outcome.skipped.append(student.name)
            else:
                todo.append(student)
        progress = Progress(len(todo), progress_stream, bar, options.lang)
        if outcome.skipped:
            progress.say("up_to_date", count=len(outcome.skipped), total=len(students))
        if todo:
            workers = _Workers(specs, options, out, stamp, todo, jobs or default_jobs())
            while workers.alive() or not workers.events.empty():
                _drain(workers, outcome, progress, wait=0.25)
    except KeyboardInterrupt as e:
        outcome.interrupted = True
        if workers and isinstance(e, _Terminated):  # a scheduler's notice: no time to finish
            outcome.abandoned = workers.in_progress()
            workers.abandon_all()
        elif workers:
            _stop(workers, outcome, progress)
    finally:
        if progress:
            progress.close()
        if workers and not workers.alive():
            workers.close()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        if not (workers and workers.alive()):
            shutil.rmtree(scratch, ignore_errors=True)
    with _uninterrupted():
        outcome.summary = finish(out, outcome.students, specs)
        shutil.rmtree(scratch, ignore_errors=True)  # after abandoned graders stopped writing
    outcome.seconds = time.monotonic() - started
    return outcome


def _stop(workers: _Workers, outcome: Outcome, progress: Progress):
    """After a first Ctrl-C: let what is in progress finish; after a second, abandon it."""
    workers.stop.set()
    if workers.busy:
        progress.say("interrupted", names=", ".join(workers.in_progress()))
    try:
        while workers.alive() or not workers.events.empty():
            _drain(workers, outcome, progress, wait=0.1)
    except KeyboardInterrupt:
        outcome.abandoned = workers.in_progress()
        workers.abandon_all()


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


def _drain(workers: _Workers, outcome: Outcome, progress: Progress, wait: float):
    try:
        kind, name, payload, seconds = workers.events.get(timeout=wait)
    except queue.Empty:
        progress.tick()
        return
    if kind == "fatal":
        progress.say("worker_stopped", problem=payload,
                     on=progress.said["on"].format(name=name) if name else "")
        return
    outcome.graded.append(name)
    if payload.get("problem"):
        outcome.problems[name] = payload["problem"]
    progress.done(name, payload.get("score", 0.0), payload.get("max_score", 0.0), seconds,
                  note=payload.get("problem") or "")


class _Terminated(KeyboardInterrupt):
    """SIGTERM: what a scheduler (Slurm, CI) sends shortly before it kills."""


def _interrupt(signum, frame):
    raise _Terminated


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def _kill_descendants() -> None:
    """End the sandboxes and the students' processes this process started (abandoning them)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else ():
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                parent = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(parent, []).append(int(entry))
    stack, found = [os.getpid()], []
    while stack:
        for pid in children.get(stack.pop(), []):
            found.append(pid)
            stack.append(pid)
    for pid in found:
        kill_group(pid)


# -- the outputs of the whole class -----------------------------------------------------------

def finish(out: Path, names: list[str], specs: list[ExerciseSpec] | None = None) -> dict:
    """summary.json, gradebook.csv and index.html from the results.json of `names` in OUT."""
    results, ungraded = [], []
    for name in names:
        data = summary.read_results(results_path(out, name))
        (results.append(data) if data else ungraded.append(name))
    data = summary.build(results, specs, ungraded)
    write_atomic(out / "summary.json", json.dumps(data, ensure_ascii=False, indent=1))
    write_atomic(out / "gradebook.csv", gradebook.gradebook(results))
    from ..render import html

    links = {r["submission"]: f"{quote(r['submission'])}/report.html" for r in results}
    try:
        page = html.dashboard(data, results, links)
    except Exception as e:  # the gradebook and summary are written; the page says what broke
        page = f"<!doctype html><meta charset=utf-8><p>The dashboard could not be drawn: {e!r}</p>"
    write_atomic(out / "index.html", page)
    return data


def merge(inputs: list[Path], out: Path, specs: list[ExerciseSpec] | None = None) -> tuple[dict, list[str]]:
    """Combine batch outputs (shards) into OUT; returns the summary and warnings."""
    chosen: dict[str, Path] = {}
    warnings = []
    for folder in inputs:
        for results in sorted(folder.glob("*/results.json")):
            name = results.parent.name
            if name in chosen and chosen[name] != results.parent:
                newer = max(chosen[name], results.parent,
                            key=lambda p: (p / "results.json").stat().st_mtime_ns)
                warnings.append(f"{name} is in {chosen[name].parent} and {folder}: "
                                f"the newer, from {newer.parent}, is kept")
                chosen[name] = newer
            else:
                chosen[name] = results.parent
    out.mkdir(parents=True, exist_ok=True)
    for name, source in chosen.items():
        target = out / name
        if source.resolve() == target.resolve():
            continue
        target.mkdir(parents=True, exist_ok=True)
        for file in ("report.html", "results.json"):  # results.json last: it means done
            if (source / file).exists():
                write_atomic(target / file, (source / file).read_text(encoding="utf-8"))
                shutil.copystat(source / file, target / file)
    return finish(out, sorted(chosen), specs), warnings
