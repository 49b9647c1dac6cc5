"""The submissions `grader validate` grades on every seed: the reference solutions, the stubs,
each known mistake's variant (solutions/mistakes/p<ID>_<mistake>.py in a copy of the solutions)
and the realistic cases beside the bank (tests/realistic/, see its README)."""
from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..bank.spec import ExerciseSpec, MistakeSpec
from ..render.environment import render

SOLUTION, STUB = "the reference solution", "the stub"
"""the labels of the two items every exercise has"""


@dataclass(frozen=True)
class Item:
    """One submission graded on every seed: a folder, the exercises judged, what it is."""

    label: str
    folder: Path
    specs: tuple[ExerciseSpec, ...]
    mistake: MistakeSpec | None = None
    """the known mistake it shows, for a mistake's variant"""


def items(specs: list[ExerciseSpec], all_specs: list[ExerciseSpec], solutions: Path, tmp: Path,
          problems: dict[str, list[str]], cases: Path | None) -> list[Item]:
    """Every submission validation grades: the solutions, the stubs, each mistake's variant,
    and the realistic cases (when `cases` is given). A variant missing, or one for no mistake
    the spec lists, is a problem of its exercise."""
    stubs = tmp / "stubs"
    stubs.mkdir()
    for spec in all_specs:
        (stubs / spec.filename).write_text(render("stub.py.j2", spec=spec, lang="en"),
                                           encoding="utf-8")
    found = [Item(SOLUTION, solutions, tuple(specs)), Item(STUB, stubs, tuple(specs))]
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
            found.append(Item(f"mistake {mistake.id}", folder, (spec,), mistake))
    by_id = {s.id: s for s in specs}
    for path in sorted(cases.glob("p*.py")) if cases is not None and cases.is_dir() else ():
        judged, extra, without = read_case(path)
        wanted = tuple(by_id[i] for i in judged if i in by_id)
        if wanted:
            folder = tmp / f"case-{path.stem}"
            _solutions_with(solutions, folder, {f"p{judged[0]}.py": path, **{
                name: path.parent / helper for name, helper in extra.items()}}, without)
            found.append(Item(f"realistic case {path.name}", folder, wanted))
    return found


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
