"""`grader validate`: the bank proves itself, on every seed it is given.

Every spec loads, one file per exercise (`bank.catalogue`: a broken spec is its exercise's
problem, the others are validated); every reference solution scores full marks and triggers no
diagnosis; every text is written (no TODO of a drafted spec: `texts`); every stub scores zero,
says it is not implemented, and shows every function and method to write, each failing on its
own, and is the one its solution's markers make, if it has any (`stubs`); every known mistake
is recognised on its variant in solutions/mistakes/, on a check that fails, and fails every
check it names (`verdicts`); the reference results frozen into the bank are current
(`--freeze` writes them anew first). With `--seeds N`, all of that holds on N seeds, the realistic cases beside the bank
(`tests/realistic/`) are graded too, and a verdict that changes with the seed is named by check:
the same files must pass or fail on every seed.

`items` builds the submissions graded; `verdicts` says what they must show; `report` holds the
findings, which templates/validate.txt.j2 prints.
"""
from __future__ import annotations

import dataclasses
import random
import tempfile
from pathlib import Path

from ..bank.catalogue import Bank
from ..bank.spec import ExerciseSpec, Tolerance
from ..grading import freezing
from ..grading.engine import Grader
from ..grading.options import Options
from ..grading.sources import Resolution
from ..grading.sources.submission import read_submission
from ..results import ExerciseResult
from . import verdicts
from .items import SOLUTION, STUB, Item, items, read_case
from .report import ExerciseValidation, ValidationReport
from .stubs import stub_problems
from .texts import unwritten

__all__ = ["ExerciseValidation", "ValidationReport", "read_case", "validate_bank"]

NO_TOLERANCE = Tolerance(rtol=0.0, atol=0.0)


def validate_bank(specs: list[ExerciseSpec], bank: Bank, options: Options,
                  freeze: bool = False, seeds: int = 1,
                  cases: Path | None = None) -> ValidationReport:
    """`specs`: the exercises to validate, of `bank` (a broken spec's stand-in among them);
    `options`: the run's (`grading.options.make`), whose reference solutions are validated,
    with `diagnose_passing` (no reference solution may set off a diagnosis); `seeds`: how many
    seeds to grade on (from the options' seed, or a drawn one, upwards); `cases`: the realistic
    cases' folder, graded with the rest when `seeds` > 1."""
    solutions = options.solutions
    problems: dict[str, list[str]] = {s.id: [s.problem] if s.problem else [] for s in specs}
    loaded = [s for s in specs if not s.problem]
    first = options.seed if options.seed is not None else random.randrange(2**32 - seeds)
    every = tuple(first + k for k in range(seeds))
    graded: dict[tuple[str, str], dict[int, ExerciseResult]] = {}
    figures: dict[tuple[str, str], dict[tuple[str, int], verdicts.Figure]] = {}
    found: list[Item] = []
    with tempfile.TemporaryDirectory(prefix="grader-validate-") as tmp:
        if loaded:
            found = items(loaded, bank.loaded, solutions, Path(tmp), problems,
                          cases if seeds > 1 else None)
        for k, this in enumerate(every if loaded else ()):
            with Grader(loaded, options.with_seed(this)) as grader:
                if k == 0:
                    _frozen(grader, loaded, bank, solutions, freeze, problems)
                for item in found:
                    for e in grader.grade_folder(item.folder, list(item.specs)).exercises:
                        graded.setdefault((item.label, e.id), {})[this] = e
                        if item.mistake is not None:
                            figures.setdefault((e.id, item.mistake.id), {}).update(
                                _figures(grader, item, e, this))
    recognised = {}
    for spec in loaded:
        said, recognised[spec.id] = _judged(spec, solutions, graded, figures, found)
        problems[spec.id] += said
    stand_ins = {s.problem for s in bank.specs if s.problem}
    bank_problems = tuple(str(p) for p in bank.problems if str(p) not in stand_ins)
    return ValidationReport(
        every[0], tuple(ExerciseValidation(s.id, tuple(problems[s.id]), len(s.mistakes),
                                           recognised.get(s.id, 0), bool(s.problem))
                        for s in specs),
        every, sum(1 for i in found if i.label.startswith("realistic")), bank_problems)


def _frozen(grader: Grader, specs: list[ExerciseSpec], bank: Bank, solutions: Path,
            freeze: bool, problems: dict[str, list[str]]) -> None:
    """First: the solution is then graded on what is proven."""
    solution_files = Resolution(read_submission(solutions), bank.loaded)
    for spec in specs:
        check_frozen = freezing.freeze if freeze else freezing.stale
        problems[spec.id] += check_frozen(grader.runner, spec, solution_files)


def _figures(grader: Grader, item: Item, result: ExerciseResult,
             seed: int) -> dict[tuple[str, int], verdicts.Figure]:
    """For each check a mistake names that its variant passed: the variant graded again with
    no tolerance on those checks, to say how far it was (see `verdicts.Figure`)."""
    loose = verdicts.loose_checks(item.mistake, result)
    if not loose:
        return {}
    (spec,) = item.specs
    strict = dataclasses.replace(spec, checks=tuple(
        dataclasses.replace(c, tolerance=NO_TOLERANCE) if c.name in loose else c
        for c in spec.checks))
    (again,) = grader.grade_folder(item.folder, [strict]).exercises
    return {(name, seed): verdicts.figure(again, name) for name in loose}


def _judged(spec: ExerciseSpec, solutions: Path, graded, figures,
            found: list[Item]) -> tuple[list[str], int]:
    """Every problem of one exercise, from what was graded on every seed; and how many of its
    mistakes were recognised as they must be."""
    problems = unwritten(spec) + stub_problems(spec, solutions)
    problems += verdicts.solution_problems(spec, graded[(SOLUTION, spec.id)])
    problems += verdicts.stub_problems(graded[(STUB, spec.id)])
    count = 0
    for mistake in spec.mistakes:
        by_seed = graded.get((f"mistake {mistake.id}", spec.id))
        if by_seed is None:  # no variant: said when the items were made
            continue
        said = verdicts.mistake_problems(spec, mistake, by_seed,
                                         figures.get((spec.id, mistake.id), {}))
        count += not said
        problems += said
    for item in found:
        if item.label != SOLUTION and any(s.id == spec.id for s in item.specs):
            named = set(item.mistake.checks) if item.mistake is not None else set()
            problems += verdicts.changes(item.label, graded[(item.label, spec.id)], named)
    return problems, count
