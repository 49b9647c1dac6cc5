"""The exercise bank: where the specs are, reading them in numeric order, choosing some.

The bank is one set of exercises: one file per number, `p<ID>.yaml`. Two files for one number
(`p301.yaml` and `p0301.yaml`), a spec file named otherwise (`p304.yml`) or a spec that does not
load is a problem that names its files; it stops only its own exercise, which every front end
reports as an error (a stand-in spec saying why: `ExerciseSpec.problem`), while the others load
and grade.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .compiled import Compiled
from .ids import parse_ids
from .reader import SpecError
from .spec import ExerciseSpec, Text

PACKAGE = Path(__file__).resolve().parents[1]
"""the installed `grader` package"""
REPO_ROOT = PACKAGE.parent

SPEC_FILE = re.compile(r"p(\d+)\.(?:yaml|yml)", re.IGNORECASE)
"""a spec file's name, as an author may write it: only p<ID>.yaml, the number without leading
zeros, is loaded; the others are named as problems"""


@dataclass(frozen=True)
class Bank:
    """The bank as read from its folder."""

    specs: tuple[ExerciseSpec, ...]
    """every exercise, in numeric order; one whose spec is broken is a stand-in with its
    `problem` and no checks"""
    problems: tuple[SpecError, ...]
    """every problem met, one per file or group of files (a file that names no exercise
    number has no stand-in: it is only here)"""

    @property
    def loaded(self) -> list[ExerciseSpec]:
        """the exercises whose specs loaded"""
        return [s for s in self.specs if not s.problem]


def installed_exercises_dir() -> Path:
    """The copy installed inside the package (grader/exercises), else the checkout's exercises/."""
    installed = PACKAGE / "exercises"
    return installed if installed.is_dir() else REPO_ROOT / "exercises"


def local_exercises_dir(start: Path | None = None) -> Path | None:
    """The bank of the course folder the grader runs in: `exercises/` holding p*.yaml files in
    the current folder or one above it (an instructor's checkout, or a folder of their own), so
    that edits there count without reinstalling; None when there is none, or when it is the
    installed one."""
    here = (start or Path.cwd()).absolute()
    for folder in (here, *here.parents):
        candidate = folder / "exercises"
        try:
            if candidate.is_dir() and any(SPEC_FILE.fullmatch(n) for n in os.listdir(candidate)):
                installed = installed_exercises_dir()
                return None if installed.exists() and candidate.samefile(installed) else candidate
        except OSError:  # a folder that cannot be read is no course folder
            continue
    return None


def default_exercises_dir() -> Path:
    """The bank used when none is given: the course folder's (`local_exercises_dir`), else the
    installed one."""
    return local_exercises_dir() or installed_exercises_dir()


def default_solutions_dir(exercises_dir: Path) -> Path | None:
    """Reference solutions sit beside the bank in an instructor's checkout, nowhere else."""
    candidate = exercises_dir.parent / "solutions"
    return candidate if candidate.is_dir() else None


def read_bank(exercises_dir: Path | None = None, ids: set[int] | None = None) -> Bank:
    """The bank, with every problem of its files said and stopping only its own exercise.
    `ids`: read only these exercises' files (`grader check --only 219` reads one file)."""
    folder = _folder(exercises_dir)
    numbered, strays = _spec_files(folder)
    specs, problems = [], [SpecError(p.name, "(file)", "not named p<number>.yaml: the bank "
                                     "ignores it") for p in strays]
    for number, files in sorted(numbered.items()):
        if ids is not None and number not in ids:
            continue
        try:
            specs.append(_one_file(number, files))
        except SpecError as e:
            problems.append(e)
            specs.append(_stand_in(number, files, e))
    _compiled(folder).save({p.name for files in numbered.values() for p in files})
    return Bank(tuple(specs), tuple(problems))


def load_bank(exercises_dir: Path | None = None, ids: set[int] | None = None) -> list[ExerciseSpec]:
    """The specs of the bank, in numeric order; the first problem is raised (SpecError). What
    `read_bank` reads, for the callers that need every spec whole."""
    bank = read_bank(exercises_dir, ids)
    if bank.problems:
        raise bank.problems[0]
    return list(bank.specs)


def numbers(exercises_dir: Path | None = None) -> set[int]:
    """The bank's exercise numbers, from its files' names (nothing is read): what `--only` is
    checked against before the specs are loaded."""
    return set(_spec_files(_folder(exercises_dir))[0])


def select(specs: list[ExerciseSpec], ids: str | None,
           option: str = "--only") -> list[ExerciseSpec]:
    """The specs named by an IDS text (`option` says where it was given); every number must be
    one of theirs and every range within them (IdsError otherwise)."""
    if ids is None:
        return specs
    wanted = parse_ids(ids, [int(s.id) for s in specs], option)
    return [s for s in specs if int(s.id) in wanted]


def _folder(exercises_dir: Path | None) -> Path:
    folder = exercises_dir or default_exercises_dir()
    if not folder.is_dir():
        raise SpecError(str(folder), "(folder)", "no such exercises folder")
    return folder


def _spec_files(folder: Path) -> tuple[dict[int, list[Path]], list[Path]]:
    """The folder's spec files by exercise number (any spelling of SPEC_FILE), and the files
    named p….yaml that carry no number."""
    numbered: dict[int, list[Path]] = {}
    strays = []
    for path in sorted(folder.iterdir()):
        match = SPEC_FILE.fullmatch(path.name)
        if match and match[1].isascii():
            numbered.setdefault(int(match[1]), []).append(path)
        elif path.name.startswith("p") and path.name.endswith(".yaml"):
            strays.append(path)
    return numbered, strays


def exercise(path: Path) -> ExerciseSpec:
    """The spec of one spec file: from the compiled cache when it holds the file as it is now,
    else read from its YAML (and kept for the next run: `read_bank` writes the cache)."""
    compiled = _compiled(path.parent)
    spec = compiled.get(path)
    if spec is None:
        from .loader import load_exercise  # PyYAML and the readers: only for a changed spec

        spec = load_exercise(path)
        compiled.put(path, spec)
    return spec


@lru_cache(maxsize=None)
def _compiled(folder: Path) -> Compiled:
    return Compiled(folder)


def _one_file(number: int, files: list[Path]) -> ExerciseSpec:
    """Exercise `number`'s spec, or the SpecError that names its files."""
    right = f"p{number}.yaml"
    if len(files) > 1:
        raise SpecError(" and ".join(p.name for p in files), "(file)",
                        f"two spec files for exercise {number}: keep one, named {right}")
    (path,) = files
    if path.name != right:
        raise SpecError(path.name, "(file)", f"the spec of exercise {number} must be named "
                                             f"{right}: rename {path.name} to {right}")
    return exercise(path)


def _stand_in(number: int, files: list[Path], error: SpecError) -> ExerciseSpec:
    """What stands for an exercise whose spec is broken: its number, and its title and points
    when the file says them plainly; no check."""
    import yaml

    from .loader import SAFE_LOADER

    data = {}
    if len(files) == 1:
        try:
            data = yaml.load(files[0].read_text(encoding="utf-8"), Loader=SAFE_LOADER)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            pass
    data = data if isinstance(data, dict) else {}
    title = data.get("title")
    named = isinstance(title, dict) and all(isinstance(title.get(k), str) for k in ("ko", "en"))
    points = data.get("points", 1.0)
    fits = isinstance(points, (int, float)) and not isinstance(points, bool) and points > 0
    return ExerciseSpec(
        id=str(number), kind="api", points=float(points) if fits else 1.0,
        title=Text(title["ko"], title["en"]) if named else Text(f"p{number}", f"p{number}"),
        prompt=Text("", ""), stub="", checks=(), source=str(files[0]), problem=str(error))
