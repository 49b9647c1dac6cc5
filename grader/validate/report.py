"""What `grader validate` found, as values (rendered by templates/validate.txt.j2)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ExerciseValidation:
    id: str
    problems: tuple[str, ...]
    mistakes: int
    """the known mistakes its spec lists"""
    recognised: int = 0
    """those recognised on their variant, failing the checks they name, on every seed"""
    broken: bool = False
    """its spec does not load (its one problem says why)"""


@dataclass(frozen=True)
class ValidationReport:
    seed: int
    exercises: tuple[ExerciseValidation, ...] = field(default_factory=tuple)
    seeds: tuple[int, ...] = ()
    """every seed graded (the first is `seed`)"""
    cases: int = 0
    """realistic cases graded on every seed"""
    problems: tuple[str, ...] = ()
    """the bank's files that name no exercise (`pfoo.yaml`)"""

    @property
    def ok(self) -> bool:
        return not self.problems and not any(e.problems for e in self.exercises)

    @property
    def broken(self) -> bool:
        """a spec of the bank does not load (a spec error: exit 2)"""
        return bool(self.problems) or any(e.broken for e in self.exercises)
