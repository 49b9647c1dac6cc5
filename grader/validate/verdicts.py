"""What the bank's own submissions must show on every seed, and the problems where they do not.

- the reference solution passes every check with no diagnosis; a check it fails on some seed
  is named, with the difference that failed it and the check's tolerance (a tolerance too
  tight for rounding is told from a real failure by its size);
- the stub scores zero and says it is not implemented;
- each known mistake's variant loses points, fails every check the mistake names (one it
  passes is named with the tolerance that let it through and how far the variant was from the
  expected values), and is recognised on a failing check: a mistake recognised only on a
  passing check gives its hint to no student; a `when:` that raised says its exception;
- any other verdict that changes with the seed (a realistic case's, say) is named by check.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from ..bank.spec import CheckSpec, ExerciseSpec, MistakeSpec
from ..render.words import points
from ..results import CheckResult, ExerciseResult
from .items import SOLUTION

BySeed = Mapping[int, ExerciseResult]

ROUNDING = 1e-4
"""a relative difference at most this small, where the reference solution fails, is the
check's tolerance being too tight for rounding (or for a numerical gradient), not a mistake"""


@dataclass(frozen=True)
class Figure:
    """How far a variant's values were from the expected ones in a check it passed, graded
    again with no tolerance at all on the same seed."""

    abs_diff: float | None
    rel_diff: float | None
    """None for both: the values were exactly the expected ones"""


def solution_problems(spec: ExerciseSpec, by_seed: BySeed) -> list[str]:
    problems = []
    first = by_seed[min(by_seed)]
    if not first.checks and first.status != "passed":  # nothing ran: the file is the problem
        return [f"the reference solution does not pass: {first.message or first.status}"]
    for check in spec.checks:
        results = _check_by_seed(by_seed, check.name)
        failing = {seed: c for seed, c in results.items()
                   if c.status not in ("passed", "skipped")}  # skipped: in neither score
        if failing and len(failing) == len(results):
            problems.append(f"the reference solution does not pass {check.name!r} on "
                            f"{_seeds(failing, every=len(by_seed))}: {_why(failing, check)}")
        elif failing:
            problems.append(f"the verdict of {SOLUTION} changes with the seed in "
                            f"{check.name!r}: {_statuses(results)} ({_why(failing, check)})")
        diagnosed = {seed: c for seed, c in results.items() if c.diagnoses}
        if diagnosed:
            ids = sorted({d for c in diagnosed.values() for d in c.diagnoses})
            problems.append(f"the reference solution is diagnosed with {', '.join(ids)} in "
                            f"{check.name!r} ({_seeds(diagnosed, every=len(by_seed))})")
    return problems


def stub_problems(by_seed: BySeed) -> list[str]:
    problems = []
    scoring = {seed: e for seed, e in by_seed.items() if e.score != 0}
    if scoring:
        passed = sorted({c.name for e in scoring.values() for c in e.checks
                         if c.status == "passed"})
        problems.append(f"the stub scores {points(max(e.score for e in scoring.values()))}, not 0 "
                        f"({_seeds(scoring, every=len(by_seed))}; it passes "
                        f"{', '.join(map(repr, passed)) or 'nothing'})")
    silent = {seed: e for seed, e in by_seed.items()
              if not any("not implemented" in c.message for c in e.checks)}
    if silent:
        problems.append(f"no check of the stub says it is not implemented "
                        f"({_seeds(silent, every=len(by_seed))}): "
                        f"{_first_problem(silent[min(silent)])}")
    return problems


def mistake_problems(spec: ExerciseSpec, mistake: MistakeSpec, by_seed: BySeed,
                     figures: Mapping[tuple[str, int], Figure]) -> list[str]:
    """`figures`: (check name, seed) -> how far the variant was, for each named check it
    passed."""
    problems = []
    every = len(by_seed)
    full = {seed: e for seed, e in by_seed.items() if e.score == e.max_score}
    if full:
        problems.append(f"the variant of {mistake.id!r} scores full marks "
                        f"({_seeds(full, every=every)})")
    for name in mistake.checks:
        passing = {seed: c for seed, c in _check_by_seed(by_seed, name).items()
                   if c.status == "passed"}
        if passing:
            check = spec.check(name)
            problems.append(f"the variant of {mistake.id!r} passes {name!r}, which the mistake "
                            f"names ({_seeds(passing, every=every)}): "
                            f"{_loose(check, [figures.get((name, s)) for s in passing])}")
    unrecognised = {seed: e for seed, e in by_seed.items()
                    if not any(mistake.id in c.diagnoses and c.status != "passed"
                               for c in e.checks)}
    if unrecognised:
        seed = min(unrecognised)
        result = unrecognised[seed]
        on_passing = sorted({c.name for c in result.checks
                             if mistake.id in c.diagnoses and c.status == "passed"})
        why = (f"recognised only on {', '.join(map(repr, on_passing))}, which the variant "
               f"passes: its hint reaches no student" if on_passing
               else _first_problem(result))
        raised = sorted({f"{c.name!r}: {c.predicate_errors[mistake.id]}" for c in result.checks
                         if mistake.id in c.predicate_errors})
        if raised:
            why += "; its `when:` raised " + "; ".join(raised)
        problems.append(f"mistake {mistake.id!r} is not recognised on its variant "
                        f"({_seeds(unrecognised, every=every)}): {why}")
    return problems


def changes(label: str, by_seed: BySeed, named: set[str] = frozenset()) -> list[str]:
    """Each check of an item whose verdict changes with the seed (those in `named` are
    reported otherwise); the exercise's status when it ran no check."""
    first = by_seed[min(by_seed)]
    if not first.checks:
        statuses = {seed: e.status for seed, e in by_seed.items()}
        if len(set(statuses.values())) < 2:
            return []
        return [f"the verdict of {label} changes with the seed: {_grouped(statuses)}"]
    problems = []
    for name in dict.fromkeys(c.name for e in by_seed.values() for c in e.checks):
        if name in named:
            continue
        results = _check_by_seed(by_seed, name)
        if len({_verdict(c) for c in results.values()}) > 1:  # failed, then error: one verdict
            odd = {seed: c for seed, c in results.items() if c.status != "passed"}
            problems.append(f"the verdict of {label} changes with the seed in {name!r}: "
                            f"{_statuses(results)} ({_first_line(odd[min(odd)].message)})")
    return problems


def loose_checks(mistake: MistakeSpec, result: ExerciseResult) -> tuple[str, ...]:
    """The checks a mistake names that its variant passed: graded again with no tolerance
    (see `Figure`)."""
    return tuple(c.name for c in result.checks
                 if c.name in mistake.checks and c.status == "passed")


def figure(result: ExerciseResult, name: str) -> Figure:
    """What a check graded with no tolerance shows: how far the values were."""
    check = next((c for c in result.checks if c.name == name), None)
    detail = check.detail if check is not None and check.status != "passed" else None
    if detail is None or detail.abs_diff is None:
        return Figure(None, None)
    return Figure(detail.abs_diff, detail.rel_diff)


# -- wording -------------------------------------------------------------------------------

def _why(failing: Mapping[int, CheckResult], check: CheckSpec) -> str:
    """Why a check fails the reference solution: the largest difference and the tolerance,
    when it failed on a value it compared; its first line otherwise."""
    compared = [c.detail for c in failing.values()
                if c.detail is not None and c.detail.abs_diff is not None]
    if not compared:
        return _first_line(failing[min(failing)].message)
    worst = max(compared, key=lambda d: _number(d.rel_diff))
    said = (f"it differs by {_number(worst.abs_diff):.3g} (relative "
            f"{_number(worst.rel_diff):.3g}), beyond its tolerance ({_tolerance(check)})")
    if _number(worst.rel_diff) <= ROUNDING:
        said += ": the tolerance is too tight for rounding"
    return said


def _loose(check: CheckSpec, found: list[Figure | None]) -> str:
    known = [f for f in found if f is not None]
    if not known:
        return f"its tolerance is {_tolerance(check)}"
    differing = [f for f in known if f.abs_diff is not None]
    if not differing:
        return "its values there are exactly the expected ones: the check cannot see it"
    worst = max(differing, key=lambda f: _number(f.rel_diff))
    return (f"it differs by {_number(worst.abs_diff):.3g} (relative "
            f"{_number(worst.rel_diff):.3g}), within its tolerance ({_tolerance(check)}): the "
            f"tolerance is too loose for this mistake")


def _tolerance(check: CheckSpec) -> str:
    return f"rtol={check.tolerance.rtol:g}, atol={check.tolerance.atol:g}"


def _verdict(check: CheckResult) -> str:
    """passed, skipped, or not passed (failed, error and timeout cost the same points)"""
    return check.status if check.status in ("passed", "skipped") else "not passed"


def _check_by_seed(by_seed: BySeed, name: str) -> dict[int, CheckResult]:
    return {seed: c for seed, e in by_seed.items() for c in e.checks if c.name == name}


def _statuses(results: Mapping[int, CheckResult]) -> str:
    return _grouped({seed: c.status for seed, c in results.items()})


def _grouped(statuses: Mapping[int, str]) -> str:
    groups: dict[str, list[int]] = {}
    for seed, status in sorted(statuses.items()):
        groups.setdefault(status, []).append(seed)
    return "; ".join(f"{status} on seed {', '.join(map(str, seeds))}"
                     for status, seeds in groups.items())


def _seeds(found: Mapping[int, object], every: int) -> str:
    if len(found) == every and every > 1:
        return "every seed"
    return f"seed {', '.join(map(str, sorted(found)))}"


def _first_problem(e: ExerciseResult) -> str:
    bad = next((c for c in e.checks if c.status != "passed"), None)
    return e.message or (f"{bad.name}: {bad.status}: {_first_line(bad.message)}" if bad
                         else e.status)


def _first_line(text: str) -> str:
    return (text or "").split("\n")[0]


def _number(x) -> float:
    return float("inf") if x is None or x != x else float(x)
