"""A class's submissions as a batch finds them: folders, zip files, notebooks, GitHub Classroom
downloads, each opened by the opener every front end uses (`grader.openers`).

`discover(ROOT)` names one student per entry of ROOT that an opener takes as a student's
submission: a subfolder, a `.zip` file, a notebook (`alice.ipynb` is alice's whole work); a
lone `.py` file is none (see `openers.pyfile`). A GitHub Classroom download folder
(`<assignment>-submissions/`) inside ROOT is gone into: its clones are the students. The
batch's own output folder, when it lies inside ROOT, is no student (only that one: a folder a
student could make look like an output is still graded, so nobody leaves the class by a file).
A zip is unpacked, a notebook copied alone, only when its student is graded (`opened`), into a
scratch folder; an unsafe zip is refused whole (see `openers.zipped`).
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .. import openers
from ..grading.job import GradingJob
from ..openers.base import IGNORED
from ..openers.classroom import classroom_prefix

SIGNATURE_MAX_ENTRIES = 20000
"""files looked at to tell whether a submission changed (a runaway folder stops counting here)"""
RESERVED = {"index.html", "summary.json", "gradebook.csv", "statuses.csv", "run.json",
            "canvas.csv", "moodle.csv", "overrides.csv", "times.csv", "canvas-roster.csv",
            "similarity"}
"""names of the batch's own outputs, which no student folder may take (similarity/: the pages
of similar code)"""


class RootError(ValueError):
    """ROOT cannot be taken as one class (said why)."""


@dataclass(frozen=True)
class Student:
    name: str
    """the folder under OUT and the results' `submission`"""
    source: Path
    """the student's folder, or their .zip file or notebook"""

    @property
    def is_zip(self) -> bool:
        return self.source.suffix.lower() == ".zip" and self.source.is_file()


def discover(root: Path, skip: Path | None = None) -> list[Student]:
    """Every student under ROOT, sorted by name; names are unique and safe as folder names.
    `skip` (the batch's OUT, when inside ROOT) is not a student."""
    entries, downloads = [], []
    for name, path, opener in _entries(root, skip):
        if opener.holds_a_class:
            downloads.append(path)
        else:
            entries.append((name, path))
    if len(downloads) > 1:
        raise RootError(f"{root} holds {len(downloads)} GitHub Classroom downloads ("
                        f"{', '.join(p.name for p in downloads)}): grade each into its own --out")
    prefix = classroom_prefix(root, entries)
    named = [(n[len(prefix):], p) for n, p in entries]
    for download in downloads:  # `gh classroom clone student-repos` run inside ROOT
        inner = [(n, p) for n, p, _ in _entries(download, skip)]
        prefix = classroom_prefix(download, inner)
        named += [(n[len(prefix):], p) for n, p in inner]
    students, taken = [], set()
    for name, path in named:
        # alice/ and alice.zip: the second is named by its whole file name
        candidates = [safe_name(name), safe_name(path.name)]
        candidates += [f"{candidates[-1]}-{n}" for n in range(2, len(named) + 2)]
        chosen = next(c for c in candidates if c not in taken)
        taken.add(chosen)
        students.append(Student(chosen, path))
    return sorted(students, key=lambda s: s.name)


def _entries(folder: Path, skip: Path | None) -> list[tuple[str, Path, openers.Opener]]:
    """(name, path, opener) of the submissions, and the classes, directly in `folder`."""
    skipped = skip.resolve() if skip is not None else None
    found = []
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        if entry.name.startswith(".") or entry.name in IGNORED:
            continue
        path = Path(entry.path)
        if entry.is_dir() and path.resolve() == skipped:
            continue
        opener = openers.find(path)
        if opener is not None and (opener.in_a_class or opener.holds_a_class):
            found.append((opener.entry_name(path), path, opener))
    return found


def safe_name(text: str) -> str:
    """Letters (any script), digits and `._-@+`; nothing hidden, nothing of the batch's own."""
    name = re.sub(r"[^\w.@+-]", "_", text.strip()).strip(".") or "_"
    return f"_{name}" if name.lower() in RESERVED else name[:120]


def signature(source: Path) -> tuple[str, int]:
    """(digest of every file's path, size and mtime; the newest mtime in ns) of a submission."""
    digest = hashlib.sha256()
    newest, seen = 0, 0
    if source.is_file():
        info = source.stat()
        digest.update(f"{source.name}\0{info.st_size}\0{info.st_mtime_ns}\n".encode(
            "utf-8", "surrogateescape"))
        return digest.hexdigest()[:32], info.st_mtime_ns
    for folder, dirs, files in os.walk(source):
        dirs[:] = sorted(d for d in dirs if d not in IGNORED)
        try:
            newest = max(newest, os.stat(folder).st_mtime_ns)  # a deleted file changes this
        except OSError:
            pass
        for name in sorted(files):
            seen += 1
            if seen > SIGNATURE_MAX_ENTRIES:
                return digest.hexdigest()[:32], newest
            path = os.path.join(folder, name)
            try:
                info = os.stat(path, follow_symlinks=False)
            except OSError:
                continue
            newest = max(newest, info.st_mtime_ns)
            digest.update(f"{os.path.relpath(path, source)}\0{info.st_size}\0"
                          f"{info.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()[:32], newest


@contextlib.contextmanager
def opened(student: Student, workdir: Path | None = None) -> Iterator[GradingJob]:
    """The student's submission as the job to grade, opened alone (their folder, their zip
    unpacked, their notebook copied: in `workdir`, else the system's temporary folder) and
    removed when the block ends. A submission gone since it was found is read as a folder,
    which says it cannot be read; an unsafe zip raises `openers.Refused`."""
    opener = openers.find(student.source) or openers.named("folder")
    with contextlib.ExitStack() as stack:
        yield opener.open(student.source, stack, alone=True, name=student.name,
                          workdir=workdir).job
