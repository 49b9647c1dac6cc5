"""Exercise specs as frozen values: what an exercise asks and how it is checked.

Loaded from YAML by `loader`; nothing here reads files or runs code.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, ClassVar, Mapping, Protocol

EXERCISE_KINDS = ("api", "output")
VISIBILITIES = ("visible", "hidden")
"""a check's `visibility`: hidden checks run only at the final grading (`grader batch`, the
Gradescope autograder, `grader check --hidden`), never on a student's machine"""


@dataclass(frozen=True)
class Text:
    """A text in Korean and English."""

    ko: str
    en: str

    def get(self, lang: str) -> str:
        return self.ko if lang == "ko" else self.en


@dataclass(frozen=True)
class Tolerance:
    """|actual - expected| <= atol + rtol * |expected|, element by element."""

    rtol: float
    atol: float


@dataclass(frozen=True)
class InputSpec:
    """One named input of a check: a literal, or drawn from the run's seed."""

    name: str
    value: Any = None
    """the literal (nested lists), when the input is fixed"""
    dtype: str | None = None
    shape: tuple[int | str, ...] | None = None
    """random inputs: their shape; a name stands for a size drawn per run (the check's `dims`)"""
    low: float | None = None
    high: float | None = None
    """random inputs: uniform in [low, high) when both are set, else standard normal"""
    avoid: float = 0.0
    """random inputs: every element has |x| >= avoid (keeps away from kinks such as ReLU's)"""
    onehot: tuple[int | str, int | str] | None = None
    """(rows, classes): one-hot rows with random classes"""

    @property
    def is_random(self) -> bool:
        return self.shape is not None or self.onehot is not None


class CheckParams(Protocol):
    """What a check's kind reads from its YAML: a frozen dataclass of the kind's own module
    (`grading/checks/<kind>.py`), which names the kind."""

    kind: ClassVar[str]
    """the kind's YAML name"""

    @property
    def snippets(self) -> tuple[str, ...]:
        """the spec's code the check runs with the student's names (`batch.similarity` counts
        it as what every student's file may share with the spec)"""


@dataclass(frozen=True)
class CheckSpec:
    """One check of an exercise: what every kind has, and its kind's own `params`."""

    name: str
    weight: float
    timeout: float
    tolerance: Tolerance
    params: CheckParams
    label: Text | None = None
    hint: Text | None = None
    inputs: tuple[InputSpec, ...] = ()
    dims: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    """named sizes drawn per run, each in [low, high], shared by the inputs' shapes"""
    visibility: str = "visible"
    """visible | hidden (for the final grading only: see VISIBILITIES)"""

    @property
    def hidden(self) -> bool:
        return self.visibility == "hidden"

    @property
    def kind(self) -> str:
        return self.params.kind

    @property
    def code(self) -> str:
        """The statements the check runs with the student's names, shown in reports."""
        return getattr(self.params, "run", "")


@dataclass(frozen=True)
class MistakeSpec:
    """A known wrong answer, recognised by a predicate over a failing check's values."""

    id: str
    when: str
    hint: Text
    checks: tuple[str, ...] = ()
    """the checks to look at; empty: every check"""
    label: Text | None = None
    """a short name of the mistake, for the class dashboard (its id when absent)"""


@dataclass(frozen=True)
class ExerciseSpec:
    id: str
    kind: str
    points: float
    title: Text
    prompt: Text
    stub: str
    checks: tuple[CheckSpec, ...]
    defines: tuple[str, ...] = ()
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    mistakes: tuple[MistakeSpec, ...] = ()
    needs: tuple[str, ...] = ()
    """exercises whose file the grader itself may import in this one's process, when the
    student's file names none (237's sigmoid network takes p216.py's Sigmoid)"""
    source: str = ""
    """the YAML file it came from, for messages"""
    problem: str = ""
    """why its spec could not be loaded (a SpecError's text): this is then a stand-in, with no
    checks, that every front end reports as the exercise's error and never grades"""
    withheld: int = 0
    """hidden checks taken out of this copy of the spec (`for_students`, or the students' wheel,
    whose spec says `hidden_checks: N`): they count at the final grading, not here"""

    @property
    def hidden_count(self) -> int:
        """the exercise's checks for the final grading only, here or taken out"""
        return self.withheld + sum(c.hidden for c in self.checks)

    def for_students(self) -> "ExerciseSpec":
        """This spec as a student sees and runs it: its hidden checks taken out (and counted in
        `withheld`), with the mistakes that look only at them."""
        if not any(c.hidden for c in self.checks):
            return self
        visible = tuple(c for c in self.checks if not c.hidden)
        names = {c.name for c in visible}
        mistakes = tuple(dataclasses.replace(m, checks=tuple(n for n in m.checks if n in names))
                         for m in self.mistakes if not m.checks or set(m.checks) & names)
        return dataclasses.replace(self, checks=visible, mistakes=mistakes,
                                   withheld=self.hidden_count)

    @property
    def filename(self) -> str:
        return f"p{self.id}.py"

    @property
    def module(self) -> str:
        return f"p{self.id}"

    def check(self, name: str) -> CheckSpec:
        return next(c for c in self.checks if c.name == name)
