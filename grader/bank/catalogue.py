"""The exercise bank: where the specs are, loading them in numeric order, choosing some."""
from __future__ import annotations

from pathlib import Path

from .ids import parse_ids
from .spec import ExerciseSpec
from .loader import SpecError, load_exercise

PACKAGE = Path(__file__).resolve().parents[1]
"""the installed `grader` package"""
REPO_ROOT = PACKAGE.parent


def default_exercises_dir() -> Path:
    """The copy installed inside the package (grader/exercises), else the checkout's exercises/."""
    installed = PACKAGE / "exercises"
    return installed if installed.is_dir() else REPO_ROOT / "exercises"


def default_solutions_dir(exercises_dir: Path) -> Path | None:
    """Reference solutions sit beside the bank in an instructor's checkout, nowhere else."""
    candidate = exercises_dir.parent / "solutions"
    return candidate if candidate.is_dir() else None


def load_bank(exercises_dir: Path | None = None, ids: set[int] | None = None) -> list[ExerciseSpec]:
    """The specs of the bank, in numeric order. `ids`: read only these exercises' files (and any
    whose name is not p<number>.yaml, to report it): `grader check --only 219` reads one file."""
    folder = exercises_dir or default_exercises_dir()
    if not folder.is_dir():
        raise SpecError(str(folder), "(folder)", "no such exercises folder")
    specs = [load_exercise(p) for p in folder.glob("p*.yaml")
             if ids is None or not _numbered(p.stem) or int(p.stem[1:]) in ids]
    return sorted(specs, key=lambda s: int(s.id))


def numbers(exercises_dir: Path | None = None) -> set[int]:
    """The bank's exercise numbers, from its files' names (nothing is read): what `--only` is
    checked against before the specs are loaded."""
    folder = exercises_dir or default_exercises_dir()
    if not folder.is_dir():
        raise SpecError(str(folder), "(folder)", "no such exercises folder")
    return {int(p.stem[1:]) for p in folder.glob("p*.yaml") if _numbered(p.stem)}


def select(specs: list[ExerciseSpec], ids: str | None,
           option: str = "--only") -> list[ExerciseSpec]:
    """The specs named by an IDS text (`option` says where it was given); every number must be
    one of theirs and every range within them (IdsError otherwise)."""
    if ids is None:
        return specs
    wanted = parse_ids(ids, [int(s.id) for s in specs], option)
    return [s for s in specs if int(s.id) in wanted]


def _numbered(stem: str) -> bool:
    return stem[1:].isascii() and stem[1:].isdigit()
