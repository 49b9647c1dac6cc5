"""`grader validate`: the bank proves itself. Every reference solution scores full marks and
triggers no diagnosis; every stub scores zero and says it is not implemented; every known mistake
is recognised on its variant in solutions/mistakes/; the reference results frozen into the bank
are current (`--freeze` writes them anew first)."""
from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .bank.spec import ExerciseSpec
from .grading import freezing
from .grading.engine import Grader
from .grading.job import Options
from .grading.sources import Resolution
from .grading.sources.submission import read_submission
from .render.environment import render
from .results import ExerciseResult


@dataclass(frozen=True)
class ExerciseValidation:
    id: str
    problems: tuple[str, ...]
    mistakes: int


@dataclass(frozen=True)
class ValidationReport:
    seed: int
    exercises: tuple[ExerciseValidation, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return not any(e.problems for e in self.exercises)


def _first_problem(e: ExerciseResult) -> str:
    bad = next((c for c in e.checks if c.status != "passed"), None)
    return e.message or (f"{bad.name}: {bad.status}: {bad.message}" if bad else e.status)


def validate_bank(specs: list[ExerciseSpec], all_specs: list[ExerciseSpec], solutions: Path,
                  seed: int | None = None, freeze: bool = False) -> ValidationReport:
    problems: dict[str, list[str]] = {s.id: [] for s in specs}
    with tempfile.TemporaryDirectory(prefix="grader-validate-") as tmp:
        stubs = Path(tmp) / "stubs"
        stubs.mkdir()
        for spec in all_specs:
            (stubs / spec.filename).write_text(render("stub.py.j2", spec=spec, lang="en"),
                                               encoding="utf-8")
        options = Options(seed=seed, solutions=solutions, diagnose_passing=True)
        with Grader(specs, options) as grader:
            seed = grader.seed
            solution_files = Resolution(read_submission(solutions), all_specs)
            for spec in specs:  # first: the solution is then graded on the results proven here
                check_frozen = freezing.freeze if freeze else freezing.stale
                problems[spec.id] += check_frozen(grader.runner, spec, solution_files)
            for e in grader.grade_folder(solutions).exercises:
                if e.score != e.max_score or e.status != "passed":
                    problems[e.id].append(f"the reference solution does not pass: {_first_problem(e)}")
                for c in e.checks:
                    if c.diagnoses:
                        problems[e.id].append(f"the reference solution is diagnosed with "
                                              f"{', '.join(c.diagnoses)} in {c.name!r}")
            for e in grader.grade_folder(stubs).exercises:
                if e.score != 0:
                    problems[e.id].append(f"the stub scores {e.score}, not 0")
                if not any("not implemented" in c.message for c in e.checks):
                    problems[e.id].append("no check of the stub says it is not implemented: "
                                          + _first_problem(e))
            counts = {}
            for spec in specs:
                counts[spec.id] = _mistakes(grader, spec, solutions, Path(tmp), problems[spec.id])
    return ValidationReport(seed, tuple(ExerciseValidation(s.id, tuple(problems[s.id]), counts[s.id])
                                        for s in specs))


def _mistakes(grader: Grader, spec: ExerciseSpec, solutions: Path, tmp: Path,
              problems: list[str]) -> int:
    variants = {p.stem[len(spec.module) + 1:]: p
                for p in (solutions / "mistakes").glob(f"{spec.module}_*.py")}
    known = {m.id for m in spec.mistakes}
    for stray in sorted(set(variants) - known):
        problems.append(f"mistakes/{variants[stray].name} shows no mistake the spec names")
    for mistake in spec.mistakes:
        if mistake.id not in variants:
            problems.append(f"mistake {mistake.id!r} has no variant "
                            f"solutions/mistakes/{spec.module}_{mistake.id}.py")
            continue
        folder = tmp / f"variant-{spec.id}-{mistake.id}"
        shutil.copytree(solutions, folder, ignore=shutil.ignore_patterns("mistakes", "__pycache__"))
        shutil.copyfile(variants[mistake.id], folder / spec.filename)
        (result,) = grader.grade_folder(folder, specs=[spec]).exercises
        if result.score == result.max_score:
            problems.append(f"the variant of {mistake.id!r} scores full marks")
        if not any(mistake.id in c.diagnoses for c in result.checks):
            problems.append(f"mistake {mistake.id!r} is not recognised on its variant: "
                            f"{_first_problem(result)}")
    return len(spec.mistakes)
