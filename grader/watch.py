"""`grader check DIR --watch`: grade again what a save changed, and show only that, until Ctrl-C.

The wait for a save is `grader.changes` (inotify where there is one, else a look every 50 ms).
What to grade again does not come from the wait but from the contents: once the folder has been
quiet for a moment (an editor may write a file in several steps), the submission is read as
`grader check` reads it, and an exercise is graded again when the files its copy receives (the
source it is graded on, its own file or notebook section, and the modules it imports, in turn)
or a data file its code names differ from those of its last grading. A Python file counts by its
syntax tree (`ast`), not its bytes: a save that changes only comments or spacing grades nothing
again, and says so. Whatever `grader check` makes of a folder (misnamed files, a notebook's
exercises) is thereby followed.

The exercise whose file was saved is graded first and its verdict printed at once; the
exercises that depend on it come after, each printed as soon as it is graded, so that a long
training run (237, 238) holds back no other.

A file that disappears makes its exercise `missing`; one read half-written is graded as it is
(a syntax error, say) and again when its writing ends; a folder that cannot be read is waited
for. Ctrl-C ends the jobs in progress, closes the sandboxes and returns 130.
"""
from __future__ import annotations

import ast
import dataclasses
import functools
import hashlib
import sys
from pathlib import Path
from typing import Callable, TextIO

from .bank.spec import ExerciseSpec
from .changes import Changes, folder_state
from .grading.engine import SpreadGrader, linked, submission_result
from .grading.job import GradingJob
from .grading.sources.submission import SubmissionFiles, needed
from .openers import folder_job
from .render import terminal, watching
from .results import ExerciseResult, SubmissionResult

QUIET_SECONDS = 0.05
"""a change is graded once the folder has not changed for this long"""
INTERRUPTED = 130


@dataclasses.dataclass(frozen=True)
class Depends:
    """What an exercise's grading depends on in the submission."""

    key: tuple
    """compared from one grading to the next: the source, and the digests of its files"""
    files: frozenset[str]
    """the submission's files it uses (its copy's Python files and the data its code names)"""


@functools.lru_cache(maxsize=1024)
def code_digest(data: bytes) -> bytes:
    """A Python file's code, without its comments and spacing: the digest of its syntax tree
    (a file that does not parse: of its bytes)."""
    try:
        return b"ast:" + hashlib.sha256(ast.dump(ast.parse(data)).encode()).digest()
    except (SyntaxError, ValueError):
        return b"raw:" + hashlib.sha256(data).digest()


def depends(spec: ExerciseSpec, job: GradingJob, bank: list[ExerciseSpec]) -> Depends:
    """The source an exercise is graded on (a file, a notebook's section, see
    `grading/sources/`) or why it cannot be, and the files its copy receives: the Python ones
    by their code (`code_digest`), of the others (which every copy receives, for scripts that
    load data) only those its code names, by their bytes."""
    source = job.source(spec, bank)
    if source.kind == "missing" or source.problem is not None:
        return Depends((source.kind, repr(source.problem)), frozenset())
    pool = {**job.files.files, **source.overlay}
    copied = needed(pool, source.file, source.paths, source.edges)
    code = [n for n in copied if n.endswith(".py")]
    text = b"\0".join(pool[n] for n in code)
    named = [n for n in copied if not n.endswith(".py")
             and n.encode("utf-8", "surrogateescape") in text]
    key = (repr(dataclasses.replace(source, overlay={})),) + tuple(
        (n, code_digest(pool[n]) if n.endswith(".py") else hashlib.sha256(pool[n]).digest())
        for n in sorted(code + named))
    # the overlay's generated modules are no file of the submission; the notebook it came
    # from is (`source.path`)
    used = {n for n in code + named if n in job.files.files} | {source.path or ""}
    return Depends(key, frozenset(used - {""}))


def inputs(spec: ExerciseSpec, job: GradingJob, bank: list[ExerciseSpec]) -> tuple:
    """What is compared between two gradings of an exercise (see `depends`)."""
    return depends(spec, job, bank).key


def changed_files(before: SubmissionFiles | None, after: SubmissionFiles) -> list[str]:
    """The names whose content or problem differs."""
    if before is None:
        return sorted(set(after.files) | set(after.problems))
    names = set(before.files) | set(after.files) | set(before.problems) | set(after.problems)
    return sorted(n for n in names if before.files.get(n) != after.files.get(n)
                  or before.problems.get(n) != after.problems.get(n))


class Watcher:
    """The state between two gradings: what every exercise depended on, and its last result."""

    def __init__(self, grader: SpreadGrader, folder: Path, lang: str, colour: bool,
                 stream: TextIO):
        self.grader, self.folder, self.lang = grader, folder, lang
        self.colour, self.stream = colour, stream
        self.files: SubmissionFiles | None = None
        self.depends: dict[str, Depends] = {}
        self.results: dict[str, ExerciseResult] = {}

    def first(self) -> SubmissionResult:
        """Grade everything and print the whole report, as `grader check` does."""
        job = folder_job(self.folder)
        result = self.grader.grade(job)
        self._remember(job)
        self.results.update((e.id, e) for e in result.exercises)
        self.say(terminal.report(result, colour=self.colour))
        return result

    def again(self) -> SubmissionResult | None:
        """Grade the exercises whose inputs changed, the saved one first, and print each as soon
        as it is graded; None when nothing was graded (a save of the same text or code, a file
        no exercise uses)."""
        job = folder_job(self.folder)
        files = changed_files(self.files, job.files)
        if not files:
            return None
        before, known = dict(self.results), dict(self.depends)
        self._remember(job)
        specs = [s for s in self.grader.specs
                 if known.get(s.id) is None or self.depends[s.id].key != known[s.id].key]
        if not specs:
            used = any(f in d.files for d in (*known.values(), *self.depends.values())
                       for f in files)
            self.say(watching.nothing_graded(files, used, self.lang, self.colour))
            return None
        self.say(watching.heading(files, [s.id for s in specs], self.lang, self.colour))
        saved = [s for s in specs if job.source(s, self.grader.bank).path in files]
        rest = [s for s in specs if s not in saved]

        def tell(exercise: ExerciseResult) -> None:
            self.results[exercise.id] = exercise = self._linked(exercise, job)
            self.say(watching.exercise(exercise, before.get(exercise.id), self.lang,
                                       self.colour))

        for part in (saved, rest):
            if part:
                self.grader.grade(job.part(part), each=tell)
        result = self.current()
        self.say(watching.total(result, before, self.colour))
        return result

    def current(self) -> SubmissionResult:
        exercises = tuple(self.results[s.id] for s in self.grader.specs)
        return submission_result(self.folder.resolve().name, exercises, self.grader.options,
                                 seconds=sum(e.seconds for e in exercises),
                                 isolation=self.grader.isolation())

    def _linked(self, exercise: ExerciseResult, job: GradingJob) -> ExerciseResult:
        """The result as `grader check` gives it among the others' latest: a failure that
        comes from another failing exercise's class says so (`engine.linked`)."""
        others = tuple(e for i, e in self.results.items() if i != exercise.id)
        return linked(others + (exercise,), job, self.grader.bank, self.lang)[-1]

    def _remember(self, job: GradingJob) -> None:
        self.files = job.files
        self.depends = {s.id: depends(s, job, self.grader.bank) for s in self.grader.specs}

    def say(self, text: str) -> None:
        self.stream.write(terminal.github_guard(text))
        self.stream.flush()


def watch(grader: SpreadGrader, folder: Path, lang: str, colour: bool = False,
          outputs: Callable[[SubmissionResult], None] | None = None,
          stream: TextIO | None = None, quiet: float = QUIET_SECONDS,
          inotify: bool = True) -> int:
    """Grade `folder`, then again after each save, until Ctrl-C (then 130). `outputs` writes
    --json and --html after every grading."""
    watcher = Watcher(grader, folder, lang, colour, stream or sys.stdout)
    changes = Changes(folder, inotify=inotify)
    try:
        state = folder_state(folder)
        changes.follow(state)  # a save while the first grading runs is not missed
        result = watcher.first()
        if outputs:
            outputs(result)
        watcher.say(watching.line("watching", lang, colour, folder=folder))
        unreadable = False
        while True:
            state = changes.next(state, quiet)
            if isinstance(state, str):
                if not unreadable:
                    watcher.say(watching.line("gone", lang, colour, folder=folder, why=state))
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
    finally:
        changes.close()
