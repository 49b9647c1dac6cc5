"""A GitHub Classroom download: `gh classroom clone student-repos` puts a class's repositories,
named `<assignment>-<username>`, in `<assignment>-submissions/`. It is a class, not one
submission: a batch goes into it (its entries are the students, named by their usernames), and
`grader check` says to grade it with `grader batch`. `classroom_prefix` also names the students
of a ROOT that is such a download, or a folder of Classroom clones."""
from __future__ import annotations

import os
from pathlib import Path

from .base import IGNORED, NotASubmission, Opened, Opener

SUFFIX = "-submissions"


class ClassroomDownload(Opener):
    def opens(self, path: Path) -> bool:
        return path.name.endswith(SUFFIX) and path.is_dir() and bool(download_prefix(path))

    def open(self, path, stack, *, alone=False, name=None, workdir=None, kernel=None) -> Opened:
        raise NotASubmission("a_class", given=path)


OPENER = ClassroomDownload("classroom", rank=10, holds_a_class=True)


def download_prefix(folder: Path) -> str:
    """`<assignment>-` when `folder` is a Classroom download (`<assignment>-submissions/` whose
    every entry is `<assignment>-<username>`), else ""."""
    try:
        inner = [(e.name, Path(e.path)) for e in os.scandir(folder)
                 if not e.name.startswith(".") and e.name not in IGNORED]
    except OSError:
        return ""
    return classroom_prefix(folder, inner) if inner else ""


def classroom_prefix(root: Path, entries: list[tuple[str, Path]]) -> str:
    """`<assignment>-` when ROOT looks like a GitHub Classroom download, else "".

    Classroom names repositories `<assignment>-<username>`; `gh classroom clone student-repos`
    puts them in `<assignment>-submissions/`. The common prefix is taken when ROOT is so named,
    or when every entry is a git clone; the usernames are what follows it.
    """
    names = [n for n, _ in entries]
    if not names:
        return ""
    if root.name.endswith(SUFFIX):
        candidate = root.name[: -len("submissions")]
        if all(n.startswith(candidate) and len(n) > len(candidate) for n in names):
            return candidate
    readable = [p for _, p in entries if _readable(p)]  # one unreadable folder names nobody
    if len(names) < 2 or not readable or not all(_is_clone(p) for p in readable):
        return ""
    common = os.path.commonprefix(names)
    cut = common.rfind("-")
    return common[: cut + 1] if cut > 0 else ""


def _readable(folder: Path) -> bool:
    try:
        return os.access(folder, os.R_OK | os.X_OK) or not folder.is_dir()
    except OSError:
        return False


def _is_clone(folder: Path) -> bool:
    try:
        return (folder / ".git").exists()
    except OSError:  # an unreadable folder is no clone (its grading says it cannot be read)
        return False
