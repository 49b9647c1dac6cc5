"""Results as values: one per check, per exercise, per submission. Renderers read these."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

PROBLEMS = ("timeout", "error", "failed")
"""the statuses of a check that cost points, worst first: the worst is the exercise's status"""


@dataclass(frozen=True)
class Frame:
    """One line of a traceback, in the student's own files only."""

    file: str
    line: int
    function: str
    code: str
    cell: int | None = None
    """the notebook cell (its `In [n]` in the kernel's history) when `file` is a notebook"""


@dataclass(frozen=True)
class Detail:
    """What a failing check compared, as plain data for reports (arrays as nested lists)."""

    name: str
    """the value compared: a variable, `the gradient of x`, `printed number 3`"""
    expected: Any = None
    actual: Any = None
    mismatch: Any = None
    """nested booleans: True where the elements differ (None when the shapes differ)"""
    index: tuple[int, ...] | None = None
    """the first differing element"""
    abs_diff: float | None = None
    rel_diff: float | None = None
    inputs: Mapping[str, Any] = field(default_factory=dict)
    code: str = ""
    """the statements the check ran"""
    traceback: tuple[Frame, ...] = ()


@dataclass(frozen=True)
class Cause:
    """Another exercise's file that made a check fail: p233 imports p214.py, which does not load."""

    exercise: str
    """the exercise whose file is at fault (`214`): the dashboard counts the failure there"""
    file: str
    how: str
    """load (it does not load) | raises (it raised inside a function) | missing (not handed
    in) | hangs (it never finished loading) | uses (it uses a class that is exercise's code)"""
    function: str = ""
    """where it raised (`raises`), or the class it uses (`uses`)"""
    line: int = 0
    """where it raised, for `raises`"""


@dataclass(frozen=True)
class CheckResult:
    name: str
    status: str
    """passed | failed | error | timeout | skipped"""
    message: str = ""
    """what is wrong, for the student: which value, expected, got, where they differ"""
    hint: str | None = None
    """the likely mistake, in the student's language"""
    kind: str = ""
    label: str | None = None
    """what the check does and on which input, in the student's language"""
    weight: float = 1.0
    diagnoses: tuple[str, ...] = ()
    """ids of the known mistakes recognised in this check"""
    error_line: tuple[str, int] | None = None
    """(file, line) in the student's code where it raised, when it did"""
    error_cell: int | None = None
    """the notebook cell of `error_line`, when it is in a notebook"""
    data: Mapping[str, Any] = field(default_factory=dict)
    """plain data for the reports, such as training curves"""
    detail: Detail | None = None
    """for a check that did not pass: what was compared, where it differs, the traceback"""
    cause: Cause | None = None
    """when another exercise's file made it fail (its message says so; it has no hint)"""
    predicate_errors: Mapping[str, str] = field(default_factory=dict)
    """the spec's known mistakes whose `when:` raised on this check: id -> the exception
    (`grader validate` shows them; not in the results JSON)"""


@dataclass(frozen=True)
class Captured:
    """What a process printed, as the grader kept it."""

    text: str
    """the beginning, at most the sandbox's `output_kept` bytes"""
    size: int
    """bytes it really printed"""
    truncated: bool = False

    @classmethod
    def kept(cls, text: str, size: int) -> "Captured":
        return cls(text, size, size > len(text.encode("utf-8", "replace")))


@dataclass(frozen=True)
class GradedSource:
    """What an exercise was graded on, for the report."""

    kind: str
    """file | notebook | kernel | definitions (a .py file's imports, functions and classes)"""
    path: str | None
    """the file or notebook, relative to the submission folder (None: the kernel's history)"""
    text: str
    """in words: `P211.py`, `hw.ipynb, cells 5–9 ("문제 209")`"""


@dataclass(frozen=True)
class ExerciseResult:
    id: str
    title: str
    status: str
    """passed | failed | error | timeout | missing"""
    score: float
    max_score: float
    checks: tuple[CheckResult, ...] = ()
    message: str = ""
    """why the exercise as a whole could not be graded (a missing or unreadable file)"""
    stdout: Captured | None = None
    stderr: Captured | None = None
    seconds: float = 0.0
    source: GradedSource | None = None
    """what was graded (None: nothing, the exercise is missing)"""
    ignored: tuple[str, ...] = ()
    """other files or notebook sections found for the exercise and not graded"""
    notes: tuple[str, ...] = ()
    """what the student should know about how it was graded: imports skipped, top-level code
    not run, a file graded under its right name"""
    hidden_checks: int = 0
    """checks of the exercise not run here because they count at the final grading only (its
    points are then shared by the checks that ran)"""
    killed: bool = False
    """a job of it was killed by a signal the grader did not send: perhaps by another student's
    code, so never shared with another student; a batch grades it again, alone (not in the
    results JSON, which says how the job ended)"""


@dataclass(frozen=True)
class SubmissionResult:
    submission: str
    exercises: tuple[ExerciseResult, ...]
    seed: int
    lang: str
    seconds: float = 0.0
    solutions_used: bool = False
    notes: tuple[str, ...] = ()
    """about the submission as a whole (no exercise file found, a notebook that cannot be read)"""
    isolation: Mapping[str, Any] | None = None
    """what its jobs ran in, as the warm workers said (`sandbox.isolation.Worker.report`);
    None when no job ran"""

    @property
    def score(self) -> float:
        return round(sum(e.score for e in self.exercises), 6)

    @property
    def max_score(self) -> float:
        return round(sum(e.max_score for e in self.exercises), 6)

    @property
    def all_passed(self) -> bool:
        return all(e.status == "passed" for e in self.exercises)


def exercise_outcome(checks: tuple[CheckResult, ...], points: float) -> tuple[str, float]:
    """Status and score from the checks: skipped checks count toward neither score."""
    counted = [c for c in checks if c.status != "skipped"]
    total = sum(c.weight for c in counted)
    earned = sum(c.weight for c in counted if c.status == "passed")
    score = round(points * earned / total, 6) if total else 0.0
    statuses = {c.status for c in counted}
    for status in PROBLEMS:
        if status in statuses:
            return status, score
    return "passed", score
