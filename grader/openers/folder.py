"""A folder: the student's own, as `grader check DIR`, `--watch`, pytest and `%grade` see it;
in a class, one student's folder (a lone folder inside it, a zipped folder's, gone into)."""
from __future__ import annotations

import os
from pathlib import Path

from ..grading.sources.finder import candidate
from .base import Opened, Opener, read_job, submission_root


class Folder(Opener):
    def opens(self, path: Path) -> bool:
        return path.is_dir()

    def open(self, path, stack, *, alone=False, name=None, workdir=None, kernel=None) -> Opened:
        folder = submission_root(path) if alone else path
        return Opened(read_job(folder, name, kernel=kernel), path)

    def entry_name(self, path: Path) -> str:
        return path.name

    def workers(self, path: Path, wanted: set[int] | None, cores: int) -> int:
        """One per core, but no more than the exercise files handed in (at the top or one
        folder down, of --only's when it is given); one per core when a notebook may hold any
        number of exercises."""
        if self.may_hold_notebook(path):
            return cores
        handed_in = set()
        for names in _listings(path):
            handed_in |= {int(found.exercise) for found in map(candidate, names) if found}
        if wanted is not None:
            handed_in &= wanted
        return max(1, min(cores, len(handed_in)))

    def may_hold_notebook(self, path: Path) -> bool:
        return any(name.endswith(".ipynb") for names in _listings(path) for name in names)


def _listings(folder: Path) -> list[list[str]]:
    """The names in the folder and in its first 20 subfolders (not hidden, not `_private`)."""
    listed = []
    for where in [folder, *_subfolders(folder)]:
        try:
            listed.append(os.listdir(where))
        except OSError:
            continue
    return listed


def _subfolders(folder: Path) -> list[Path]:
    try:
        return [Path(e.path) for e in os.scandir(folder)
                if e.is_dir() and not e.name.startswith((".", "_"))][:20]
    except OSError:
        return []


OPENER = Folder("folder", rank=20, words=(("en", "a folder"), ("ko", "폴더")), in_a_class=True,
                watchable=True)
