"""Grade a whole class: many submissions, several warm graders at once, no result ever lost.

Each worker thread owns a `Grader` (its own warm sandbox process, where the work happens), takes
the next student, grades them and writes `OUT/<student>/report.html` then `results.json`, each
atomically (a temporary file, then `os.replace`), as soon as that student is done. The summary,
gradebook and dashboard are then computed from the results.json files in OUT, so a resumed run
or a merge of shards (`merge`) produces them the same way.

A rerun skips a student whose results.json is newer than every file of the submission, made from
the same submission files (paths, sizes, times) and the same bank and options; `force` regrades.
The first Ctrl-C (or SIGTERM) starts no new student and lets those in progress finish; a second
one abandons them. Either way every finished result stays and the summary is written.
"""
from __future__ import annotations

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

from . import __version__, summary
from .batch_input import Refused, Student, discover, signature, unpacked
from .batch_progress import Progress
from .engine import Grader, Options, new_seed
from .render import gradebook, json_report
from .results import ExerciseResult, SubmissionResult
from .spec import ExerciseSpec


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
    """What, besides the submission, a result depends on: the bank, the language, the options."""
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


def grade_student(grader: Grader, student: Student, stamp: str) -> dict:
    """The student's results dict; never raises for anything about the submission."""
    digest, _ = signature(student.source)
    options = grader.options
    problem, error = None, False
    try:
        with unpacked(student) as folder:
            result = json_report.as_dict(grader.grade(folder, name=student.name))
    except Refused as e:
        problem = f"the submission was refused: {e}"
    except Exception as e:  # the grader's own failure: recorded, and retried by the next run
        problem, error = f"the grader failed on this submission: {type(e).__name__}: {e}", True
    if problem:
        result = json_report.as_dict(SubmissionResult(
            submission=student.name, seed=options.seed if options.seed is not None else new_seed(),
            lang=options.lang, solutions_used=options.solutions is not None,
            exercises=tuple(ExerciseResult(s.id, s.title.get(options.lang), "error", 0.0, s.points,
                                           message=problem) for s in grader.specs)))
        result["problem"] = problem
    result["batch"] = {"fingerprint": stamp, "source": digest, "error": error,
                       "graded_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    return result


def write_student(out: Path, result: dict) -> None:
    """report.html, then results.json (whose presence means the student is done)."""
    from .render import html  # jinja2 templates: loaded once, on the first student

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

class _Workers:
    """`jobs` threads taking students from one queue; events go back on another."""

    def __init__(self, specs, options: Options, out: Path, stamp: str, todo: list[Student],
                 jobs: int):
        self.specs, self.options, self.out, self.stamp = specs, options, out, stamp
        self.todo: queue.Queue[Student] = queue.Queue()
        for student in todo:
            self.todo.put(student)
        self.events: queue.Queue[tuple] = queue.Queue()
        self.stop = threading.Event()
        """no new student"""
        self.abandon = threading.Event()
        """discard what is in progress"""
        self.busy: dict[int, str] = {}
        self.threads = [threading.Thread(target=self._work, name=f"grader-{i}", daemon=True)
                        for i in range(min(jobs, len(todo)))]
        for t in self.threads:
            t.start()

    def alive(self) -> bool:
        return any(t.is_alive() for t in self.threads)

    def _work(self):
        grader = None
        me = threading.get_ident()
        try:
            grader = Grader(self.specs, self.options)
            while not self.stop.is_set():
                try:
                    student = self.todo.get_nowait()
                except queue.Empty:
                    return
                self.busy[me] = student.name
                started = time.monotonic()
                result = grade_student(grader, student, self.stamp)
                if self.abandon.is_set():
                    return  # what a killed sandbox produced is not the student's result
                write_student(self.out, result)
                del self.busy[me]
                self.events.put(("done", student.name, result, time.monotonic() - started))
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
    outcome = Outcome(students=[s.name for s in students])
    todo = []
    for student in students:
        if not force and is_fresh(out, student, stamp):
            outcome.skipped.append(student.name)
        else:
            todo.append(student)
    progress = Progress(len(todo), progress_stream, bar)
    if outcome.skipped:
        progress.note(f"{len(outcome.skipped)} of {len(students)} students up to date, not regraded"
                      " (--force regrades them)")
    workers = _Workers(specs, options, out, stamp, todo, jobs or default_jobs()) if todo else None
    previous = signal.signal(signal.SIGTERM, _interrupt) if _main_thread() else None
    try:
        try:
            while workers and (workers.alive() or not workers.events.empty()):
                _drain(workers, outcome, progress, wait=0.25)
        except KeyboardInterrupt:
            outcome.interrupted = True
            workers.stop.set()
            if workers.busy:
                progress.note(f"interrupted: finishing the {len(workers.busy)} students in progress"
                              " (Ctrl-C again to abandon them)")
            try:
                while workers.alive() or not workers.events.empty():
                    _drain(workers, outcome, progress, wait=0.1)
            except KeyboardInterrupt:
                outcome.abandoned = sorted(workers.busy.values())
                workers.abandon.set()
                _kill_descendants()
        progress.close()
        outcome.summary = finish(out, outcome.students, specs)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    outcome.seconds = time.monotonic() - started
    return outcome


def _drain(workers: _Workers, outcome: Outcome, progress: Progress, wait: float):
    try:
        kind, name, payload, seconds = workers.events.get(timeout=wait)
    except queue.Empty:
        progress.tick()
        return
    if kind == "fatal":
        progress.note(f"grader: a worker stopped{' on ' + name if name else ''}: {payload}")
        return
    outcome.graded.append(name)
    if payload.get("problem"):
        outcome.problems[name] = payload["problem"]
    progress.done(name, payload.get("score", 0.0), payload.get("max_score", 0.0), seconds,
                  note=payload.get("problem") or "")


def _interrupt(signum, frame):
    raise KeyboardInterrupt


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
        for kill in (os.killpg, os.kill):
            try:
                kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass


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
    from .render import html

    links = {r["submission"]: f"{quote(r['submission'])}/report.html" for r in results}
    write_atomic(out / "index.html", html.dashboard(data, results, links))
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
