"""`grader validate`: the bank proves itself. Every reference solution scores full marks and
triggers no diagnosis; every stub scores zero and says it is not implemented; every known mistake
is recognised on its variant in solutions/mistakes/; the reference results frozen into the bank
are current (`--freeze` writes them anew first). With `--seeds N`, all of that is graded on N
seeds, with the realistic cases beside the bank (`tests/realistic/`) too, and a verdict that
changes with the seed is a problem: the same files must pass or fail on every seed."""
from __future__ import annotations

import random
import re
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
    seeds: tuple[int, ...] = ()
    """every seed graded (the first is `seed`)"""
    cases: int = 0
    """realistic cases graded on every seed"""

    @property
    def ok(self) -> bool:
        return not any(e.problems for e in self.exercises)


@dataclass(frozen=True)
class Item:
    """One submission graded on every seed: a folder, the exercises judged, what it is."""

    label: str
    folder: Path
    specs: tuple[ExerciseSpec, ...]


def _first_problem(e: ExerciseResult) -> str:
    bad = next((c for c in e.checks if c.status != "passed"), None)
    return e.message or (f"{bad.name}: {bad.status}: {bad.message}" if bad else e.status)


def validate_bank(specs: list[ExerciseSpec], all_specs: list[ExerciseSpec], solutions: Path,
                  seed: int | None = None, freeze: bool = False, seeds: int = 1,
                  cases: Path | None = None) -> ValidationReport:
    """`seeds`: how many seeds to grade on (from `seed`, or a drawn one, upwards); `cases`: the
    realistic cases' folder, graded with the rest when `seeds` > 1."""
    problems: dict[str, list[str]] = {s.id: [] for s in specs}
    first = seed if seed is not None else random.randrange(2**32 - seeds)
    every = tuple(first + k for k in range(seeds))
    with tempfile.TemporaryDirectory(prefix="grader-validate-") as tmp:
        items = _items(specs, all_specs, solutions, Path(tmp), problems,
                       cases if seeds > 1 else None)
        verdicts: dict[tuple[str, str], dict[int, ExerciseResult]] = {}
        for k, this in enumerate(every):
            options = Options(seed=this, solutions=solutions, diagnose_passing=True)
            with Grader(specs, options) as grader:
                if k == 0:
                    solution_files = Resolution(read_submission(solutions), all_specs)
                    for spec in specs:  # first: the solution is then graded on what is proven
                        check_frozen = freezing.freeze if freeze else freezing.stale
                        problems[spec.id] += check_frozen(grader.runner, spec, solution_files)
                for item in items:
                    for e in grader.grade_folder(item.folder, list(item.specs)).exercises:
                        verdicts.setdefault((item.label, e.id), {})[this] = e
        _judge_first(verdicts, every[0], specs, problems)
        for (label, exercise), by_seed in verdicts.items():
            changed = _changes(label, by_seed)
            if changed:
                problems[exercise].append(changed)
    counts = {s.id: len(s.mistakes) for s in specs}
    return ValidationReport(every[0], tuple(ExerciseValidation(s.id, tuple(problems[s.id]),
                                                               counts[s.id]) for s in specs),
                            every, sum(1 for i in items if i.label.startswith("realistic")))


def _items(specs, all_specs, solutions: Path, tmp: Path, problems,
           cases: Path | None) -> list[Item]:
    """Every submission validation grades: the solutions, the stubs, each mistake's variant,
    and the realistic cases (when `cases` is given)."""
    stubs = tmp / "stubs"
    stubs.mkdir()
    for spec in all_specs:
        (stubs / spec.filename).write_text(render("stub.py.j2", spec=spec, lang="en"),
                                           encoding="utf-8")
    items = [Item("the reference solution", solutions, tuple(specs)),
             Item("the stub", stubs, tuple(specs))]
    for spec in specs:
        variants = {p.stem[len(spec.module) + 1:]: p
                    for p in (solutions / "mistakes").glob(f"{spec.module}_*.py")}
        for stray in sorted(set(variants) - {m.id for m in spec.mistakes}):
            problems[spec.id].append(f"mistakes/{variants[stray].name} shows no mistake the "
                                     f"spec names")
        for mistake in spec.mistakes:
            if mistake.id not in variants:
                problems[spec.id].append(f"mistake {mistake.id!r} has no variant "
                                         f"solutions/mistakes/{spec.module}_{mistake.id}.py")
                continue
            folder = tmp / f"variant-{spec.id}-{mistake.id}"
            _solutions_with(solutions, folder, {spec.filename: variants[mistake.id]})
            items.append(Item(f"mistake {mistake.id}", folder, (spec,)))
    by_id = {s.id: s for s in specs}
    for path in sorted(cases.glob("p*.py")) if cases is not None and cases.is_dir() else ():
        judged, extra, without = read_case(path)
        wanted = tuple(by_id[i] for i in judged if i in by_id)
        if wanted:
            folder = tmp / f"case-{path.stem}"
            _solutions_with(solutions, folder, {f"p{judged[0]}.py": path, **{
                name: path.parent / helper for name, helper in extra.items()}}, without)
            items.append(Item(f"realistic case {path.name}", folder, wanted))
    return items


def _solutions_with(solutions: Path, folder: Path, replaced: dict[str, Path],
                    without: tuple[str, ...] = ()) -> None:
    shutil.copytree(solutions, folder, ignore=shutil.ignore_patterns("mistakes", "__pycache__"))
    for name, source in replaced.items():
        shutil.copyfile(source, folder / name)
    for name in without:
        (folder / name).unlink(missing_ok=True)


def read_case(path: Path) -> tuple[tuple[str, ...], dict[str, str], tuple[str, ...]]:
    """A realistic case's header (see tests/realistic/README.md): the exercises it judges
    (its own first), its other files (`# with p220: helper.py`) and the files it lacks."""
    judged, extra, without = [], {}, []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        match = re.match(r"#\s*(exercise|expect p?(\d+)|with (p\d+)|without):\s*(.*)", line)
        if not match:
            continue
        key, value = match.group(1), match.group(4).strip()
        if key == "exercise":
            judged.insert(0, value)
        elif key.startswith("expect"):
            judged.append(match.group(2))
        elif key == "without":
            without += value.replace(",", " ").split()
        else:
            extra[f"{match.group(3)}.py"] = value
    return tuple(dict.fromkeys(judged)), extra, tuple(without)


def _judge_first(verdicts, seed: int, specs, problems) -> None:
    """What one seed must show: the solutions pass with no diagnosis, the stubs score zero and
    say so, every mistake's variant loses points and is recognised."""
    for spec in specs:
        solution = verdicts[("the reference solution", spec.id)][seed]
        if solution.score != solution.max_score or solution.status != "passed":
            problems[spec.id].append(f"the reference solution does not pass: "
                                     f"{_first_problem(solution)}")
        for c in solution.checks:
            if c.diagnoses:
                problems[spec.id].append(f"the reference solution is diagnosed with "
                                         f"{', '.join(c.diagnoses)} in {c.name!r}")
        stub = verdicts[("the stub", spec.id)][seed]
        if stub.score != 0:
            problems[spec.id].append(f"the stub scores {stub.score}, not 0")
        if not any("not implemented" in c.message for c in stub.checks):
            problems[spec.id].append("no check of the stub says it is not implemented: "
                                     + _first_problem(stub))
        for mistake in spec.mistakes:
            graded = verdicts.get((f"mistake {mistake.id}", spec.id))
            if graded is None:
                continue
            result = graded[seed]
            if result.score == result.max_score:
                problems[spec.id].append(f"the variant of {mistake.id!r} scores full marks")
            if not any(mistake.id in c.diagnoses for c in result.checks):
                problems[spec.id].append(f"mistake {mistake.id!r} is not recognised on its "
                                         f"variant: {_first_problem(result)}")


def _changes(label: str, by_seed: dict[int, ExerciseResult]) -> str | None:
    """What says that an item's verdict changes with the seed, or None."""
    statuses = {seed: r.status for seed, r in by_seed.items()}
    if len(set(statuses.values())) < 2:
        return None
    groups: dict[str, list[int]] = {}
    for seed, status in statuses.items():
        groups.setdefault(status, []).append(seed)
    said = "; ".join(f"{status} on seed {', '.join(map(str, seeds))}"
                     for status, seeds in groups.items())
    odd = min(groups.items(), key=lambda kv: len(kv[1]))[1][0]
    why = _first_problem(by_seed[odd]).split("\n")[0]
    return f"the verdict of {label} changes with the seed: {said} ({why})"
