"""Exercise specs as frozen values: what an exercise asks and how it is checked.

Loaded from YAML by `spec_loader`; nothing here reads files or runs code.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

LANGS = ("ko", "en")
EXERCISE_KINDS = ("api", "output")


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


@dataclass(frozen=True)
class TrainingSpec:
    """The grader's SGD loop on the bundled digits, run over the student's networks."""

    models: Mapping[str, str]
    """name -> expression building the student's network (after np.random.seed(init_seed))"""
    iterations: int
    batch_size: int
    learning_rate: float
    evaluate_every: int
    init_seed: int
    seed: int
    """the batches' seed"""
    thresholds: Mapping[str, float]
    """name -> the least final test accuracy"""
    beats: tuple[tuple[str, str], ...]
    """(a, b): a's final test accuracy must be above b's"""


@dataclass(frozen=True)
class CheckSpec:
    """One check of an exercise; `kind` names the check class that runs it."""

    name: str
    kind: str
    weight: float
    timeout: float
    tolerance: Tolerance
    label: Text | None = None
    hint: Text | None = None
    inputs: tuple[InputSpec, ...] = ()
    dims: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    """named sizes drawn per run, each in [low, high], shared by the inputs' shapes"""
    run: str = ""
    """value and reference checks: the statements run with the student's names in scope"""
    expect: Mapping[str, Any] = field(default_factory=dict)
    """value checks: variable -> literal, or a string holding a numpy expression"""
    compare: tuple[str, ...] = ()
    """reference checks: the variables compared with the reference solution's"""
    forward: str = ""
    backward: str = ""
    wrt: Mapping[str, str] = field(default_factory=dict)
    """gradient checks: input name -> expression holding its gradient after backward"""
    dout: Any = None
    sample: int | None = None
    h: float = 1e-5
    numbers: tuple[float, ...] = ()
    """output checks: the expected printed numbers"""
    start: int | None = None
    """output checks: compare from this printed number on (None: the whole output, exactly)"""
    training: TrainingSpec | None = None


@dataclass(frozen=True)
class MistakeSpec:
    """A known wrong answer, recognised by a predicate over a failing check's values."""

    id: str
    when: str
    hint: Text
    checks: tuple[str, ...] = ()
    """the checks to look at; empty: every check"""


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
    source: str = ""
    """the YAML file it came from, for messages"""

    @property
    def filename(self) -> str:
        return f"p{self.id}.py"

    @property
    def module(self) -> str:
        return f"p{self.id}"

    def check(self, name: str) -> CheckSpec:
        return next(c for c in self.checks if c.name == name)
