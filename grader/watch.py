"""`grader check DIR --watch`: grade again what a save changed, and show only that, until Ctrl-C.

The folder is polled with the standard library (`os.scandir` a few times a second, the top and
its subfolders): enough for a student's folder, with nothing to install and the same on every
system. What to grade again does not come from the poll but from the contents: after a save, and
once the folder has been quiet for a moment (an editor may write a file in several steps), the
submission is read as `grader check` reads it, and an exercise is graded again when the files
its copy receives (the source it is graded on, its own file or notebook section, and the modules
it imports, in turn) or a data file its code names differ from those of its last grading.
Whatever `grader check` makes of a folder (misnamed files, a notebook's exercises) is thereby
followed.

A file that disappears makes its exercise `missing`; one read half-written is graded as it is
(a syntax error, say) and again when its writing ends; a folder that cannot be read is waited
for. Ctrl-C ends the jobs in progress, closes the sandboxes and returns 130.
"""
from __future__ import annotations

import dataclasses
import hashlib
import os
import sys
import time
from pathlib import Path
from typing import Callable, TextIO

from .bank.spec import ExerciseSpec
from .grading.engine import SpreadGrader
from .grading.job import GradingJob
from .grading.sources.submission import SubmissionFiles, needed
from .openers import folder_job
from .render import terminal, watching
from .results import ExerciseResult, SubmissionResult

POLL_SECONDS = 0.25
"""between two looks at the folder"""
QUIET_SECONDS = 0.4
"""a change is graded once the folder has not changed for this long"""
MAX_DEPTH = 3
MAX_ENTRIES = 5000
"""how much of the folder is looked at (a student's folder is far smaller)"""
SKIPPED = ("__pycache__", ".ipynb_checkpoints", ".git", "node_modules")
INTERRUPTED = 130


def folder_state(folder: Path) -> dict[str, tuple[int, int, int]] | str:
    """What the poll compares: path -> (mode, size, mtime) of the folder's entries, or why the
    folder cannot be read."""
    state: dict[str, tuple[int, int, int]] = {}
    todo = [(folder, 0)]
    while todo and len(state) < MAX_ENTRIES:
        where, depth = todo.pop()
        try:
            entries = list(os.scandir(where))
        except OSError as e:
            if where == folder:
                return e.strerror or str(e)
            continue
        for entry in entries:
            if entry.name in SKIPPED or entry.name.startswith("."):
                continue
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue  # gone meanwhile: the next look sees it gone
            state[os.path.relpath(entry.path, folder)] = (info.st_mode, info.st_size,
                                                          info.st_mtime_ns)
            if entry.is_dir(follow_symlinks=False) and depth < MAX_DEPTH:
                todo.append((Path(entry.path), depth + 1))
    return state


def inputs(spec: ExerciseSpec, job: GradingJob, bank: list[ExerciseSpec]) -> tuple:
    """What an exercise's grading depends on in the submission: the source it is graded on
    (a file, a notebook's section, see `grading/sources/`) or why it cannot be, and the
    contents of the files its copy receives. Of the files that are not Python (which every copy
    receives, for scripts that load data), only those its code names."""
    source = job.source(spec, bank)
    if source.kind == "missing" or source.problem is not None:
        return (source.kind, repr(source.problem))
    pool = {**job.files.files, **source.overlay}
    copied = needed(pool, source.file, source.paths, source.edges)
    code = [n for n in copied if n.endswith(".py")]
    text = b"\0".join(pool[n] for n in code)
    named = [n for n in copied if not n.endswith(".py")
             and n.encode("utf-8", "surrogateescape") in text]
    return (repr(dataclasses.replace(source, overlay={})),) + tuple(
        (n, hashlib.sha256(pool[n]).digest()) for n in sorted(code + named))


def changed_files(before: SubmissionFiles | None, after: SubmissionFiles) -> list[str]:
    """The names whose content or problem differs."""
    if before is None:
        return sorted(set(after.files) | set(after.problems))
    names = set(before.files) | set(after.files) | set(before.problems) | set(after.problems)
    return sorted(n for n in names if before.files.get(n) != after.files.get(n)
                  or before.problems.get(n) != after.problems.get(n))


class Watcher:
    """The state between two gradings: the last inputs and result of every exercise."""

    def __init__(self, grader: SpreadGrader, folder: Path, lang: str, colour: bool,
                 stream: TextIO):
        self.grader, self.folder, self.lang = grader, folder, lang
        self.colour, self.stream = colour, stream
        self.files: SubmissionFiles | None = None
        self.inputs: dict[str, tuple] = {}
        self.results: dict[str, ExerciseResult] = {}

    def first(self) -> SubmissionResult:
        """Grade everything and print the whole report, as `grader check` does."""
        job = folder_job(self.folder)
        result = self.grader.grade(job)
        self._remember(job, result.exercises)
        self.say(terminal.report(result, colour=self.colour))
        return result

    def again(self) -> SubmissionResult | None:
        """Grade the exercises whose inputs changed and print what came of it; None when the
        submission's files did not change (a save of the same text, an editor's backup)."""
        job = folder_job(self.folder)
        files = changed_files(self.files, job.files)
        if not files:
            return None
        specs = [s for s in self.grader.specs
                 if inputs(s, job, self.grader.bank) != self.inputs.get(s.id)]
        before = dict(self.results)
        regraded = self.grader.grade(job.part(specs)).exercises if specs else ()
        self._remember(job, regraded)
        result = self.current()
        self.say(watching.update(result, regraded, before, files, colour=self.colour))
        return result

    def current(self) -> SubmissionResult:
        exercises = tuple(self.results[s.id] for s in self.grader.specs)
        return SubmissionResult(submission=self.folder.resolve().name, exercises=exercises,
                                seed=self.grader.seed, lang=self.lang,
                                seconds=sum(e.seconds for e in exercises),
                                solutions_used=self.grader.options.solutions is not None,
                                isolation=self.grader.isolation())

    def _remember(self, job: GradingJob, exercises) -> None:
        self.files = job.files
        for spec in self.grader.specs:
            self.inputs[spec.id] = inputs(spec, job, self.grader.bank)
        self.results.update((e.id, e) for e in exercises)

    def say(self, text: str) -> None:
        self.stream.write(terminal.github_guard(text))
        self.stream.flush()


def watch(grader: SpreadGrader, folder: Path, lang: str, colour: bool = False,
          outputs: Callable[[SubmissionResult], None] | None = None,
          stream: TextIO | None = None, poll: float = POLL_SECONDS,
          quiet: float = QUIET_SECONDS) -> int:
    """Grade `folder`, then again after each save, until Ctrl-C (then 130). `outputs` writes
    --json and --html after every grading."""
    watcher = Watcher(grader, folder, lang, colour, stream or sys.stdout)
    try:
        state = folder_state(folder)
        result = watcher.first()
        if outputs:
            outputs(result)
        watcher.say(watching.line("watching", lang, colour, folder=folder))
        unreadable = False
        while True:
            time.sleep(poll)
            now = folder_state(folder)
            if now == state:
                continue
            settled = now  # wait until a look finds nothing new: the save is over
            while True:
                time.sleep(quiet)
                now = folder_state(folder)
                if now == settled:
                    break
                settled = now
            state = now
            if isinstance(now, str):
                if not unreadable:
                    watcher.say(watching.line("gone", lang, colour, folder=folder, why=now))
                unreadable = True
                continue
            unreadable = False
            try:
                result = watcher.again()
            except FileNotFoundError as e:  # removed between the look and the reading
                watcher.say(watching.line("gone", lang, colour, folder=folder, why=e))
                continue
            if result is not None and outputs:
                outputs(result)
    except KeyboardInterrupt:
        watcher.say("\n" + watching.line("stopped", lang, colour, folder=folder))
        return INTERRUPTED
