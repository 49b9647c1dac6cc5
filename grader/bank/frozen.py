"""The reference solution's results, frozen into the bank: one score everywhere.

A reference check compares the student's values with the reference solution's on the same
inputs. The solutions never ship to students (not in the wheel, the Classroom template or the
Gradescope zip), so the bank carries, for each reference check, a few input sets and what the
reference solution computed on them: `exercises/frozen/p<ID>.json`, written by
`grader validate --freeze` and proven current by `grader validate`. A run takes the set
`seed % count`, so the same files and seed get the same inputs, the same expected values and
the same score on a student's machine, in Classroom, on Gradescope and in the instructor's
batch. A file made for another version of a check (its digest differs) is not used.

Values are kept as the plain data the sandbox exchanges (grading/sandbox/plain.py), so that
nothing here depends on the random generator of the numpy that grades.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from .spec import CheckSpec, ExerciseSpec

SCHEMA = 1
COUNT = 8
"""input sets frozen per check"""


@dataclass(frozen=True)
class FrozenCase:
    inputs: Mapping[str, Any]
    """the check's inputs, as plain data"""
    result: Mapping[str, Any]
    """what the reference solution's process sent for them (`values`, `error`)"""
    seed: int = 0
    """the seed its snippet ran with (numpy's and `random`'s global generators are seeded from
    it): its number among the check's cases, so that a run using it draws what the reference
    solution drew"""


def path_of(spec: ExerciseSpec) -> Path:
    return Path(spec.source).parent / "frozen" / f"{spec.module}.json"


def digest(check: CheckSpec) -> str:
    """What the frozen results depend on: the check's inputs, code and compared names."""
    text = repr((check.inputs, sorted(check.dims.items()), check.params))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def cases(spec: ExerciseSpec, check: CheckSpec) -> tuple[FrozenCase, ...]:
    """The frozen cases of a reference check, or none when there are none for this version."""
    entry = _read(str(path_of(spec))).get(check.name) or {}
    if entry.get("digest") != digest(check):
        return ()
    return tuple(FrozenCase(c["inputs"], c["result"], number)
                 for number, c in enumerate(entry.get("cases") or ())
                 if isinstance(c, dict) and isinstance(c.get("inputs"), dict)
                 and isinstance(c.get("result"), dict))


def case_for(spec: ExerciseSpec, check: CheckSpec, seed: int) -> FrozenCase | None:
    found = cases(spec, check)
    return found[seed % len(found)] if found else None


def write(spec: ExerciseSpec, frozen: dict[str, list[FrozenCase]]) -> Path:
    """Write the frozen results of `spec`'s reference checks (by check name)."""
    checks = {c.name: c for c in spec.checks}
    data = {"schema": SCHEMA, "exercise": spec.id, "checks": {
        name: {"digest": digest(checks[name]),
               "cases": [{"inputs": dict(c.inputs), "result": dict(c.result)} for c in found]}
        for name, found in frozen.items()}}
    path = path_of(spec)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, sort_keys=True) + "\n", encoding="utf-8")
    _read.cache_clear()
    return path


@lru_cache(maxsize=None)
def _read(path: str) -> dict[str, dict]:
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return {}
    checks = data.get("checks") if isinstance(data, dict) else None
    return checks if isinstance(checks, dict) else {}
