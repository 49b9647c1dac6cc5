"""Freezing the reference solution's results into the bank, and proving them current.

`grader validate --freeze` runs the reference solution on `frozen.COUNT` input sets per reference
check (drawn from the bank's own seeds, not a run's) and writes them with its results into
exercises/frozen/; `grader validate` runs it again on the frozen inputs and says which are stale.
"""
from __future__ import annotations

from ..bank import frozen
from ..bank.spec import ExerciseSpec
from .checks import JUDGES
from .checks.value import received_values
from .compare import compare
from .inputs import check_rng, frozen_inputs, make_inputs
from .running import Runner
from .sandbox.plain import to_plain
from .sources import Resolution

BANK_SEED = 20_250_000
"""the first of the seeds frozen inputs are drawn from"""


def reference_checks(spec: ExerciseSpec) -> list[int]:
    return [i for i, c in enumerate(spec.checks) if JUDGES[c.kind].needs_reference]


def freeze(runner: Runner, spec: ExerciseSpec, solutions: Resolution) -> list[str]:
    """Write `spec`'s frozen reference results; the problems met (none: written)."""
    found: dict[str, list[frozen.FrozenCase]] = {}
    for position in reference_checks(spec):
        check = spec.checks[position]
        found[check.name] = []
        for k in range(frozen.COUNT):
            inputs = make_inputs(check.inputs, check_rng(BANK_SEED + k, spec.id, position),
                                 check.dims)
            result, problem = _run(runner, spec, solutions, position, inputs, seed=k)
            if problem:
                return [f"cannot freeze {check.name!r}: {problem}"]
            found[check.name].append(frozen.FrozenCase(
                {name: to_plain(value) for name, value in inputs.items()}, result, seed=k))
    if found:
        frozen.write(spec, found)
    return []


def stale(runner: Runner, spec: ExerciseSpec, solutions: Resolution) -> list[str]:
    """Why `spec`'s frozen reference results cannot be trusted (none: they are current)."""
    problems = []
    for position in reference_checks(spec):
        check = spec.checks[position]
        cases = frozen.cases(spec, check)
        if not cases:
            problems.append(f"no frozen reference results for {check.name!r} of this version "
                            f"of the check: run `grader validate --freeze`")
            continue
        for number, case in enumerate(cases):
            result, problem = _run(runner, spec, solutions, position, frozen_inputs(case),
                                   case.seed)
            if problem:
                problems.append(f"{check.name!r}: the reference solution fails: {problem}")
                break
            now, then = received_values(result), received_values(case.result)
            differ = [name for name in check.params.compare
                      if compare(then.get(name), now.get(name), check.tolerance)]
            if differ:
                problems.append(f"{check.name!r}: frozen case {number} is stale "
                                f"({', '.join(differ)} differ): run `grader validate --freeze`")
                break
    return problems


def _run(runner: Runner, spec: ExerciseSpec, solutions: Resolution, position: int,
         inputs: dict, seed: int) -> tuple[dict | None, str | None]:
    """The reference solution's raw data for one case; `seed` its snippet's (`FrozenCase.seed`)."""
    check = spec.checks[position]
    task = dict(JUDGES[check.kind].task(check, inputs, seed), i=position)
    raw, problem = runner.reference(spec, solutions.files, solutions.source(spec),
                                    {position: task})
    if problem:
        return None, problem
    result = raw.get(position) or {}
    if result.get("error"):
        return None, f"{result['error'].get('type')}: {result['error'].get('message')}"
    return result, None
