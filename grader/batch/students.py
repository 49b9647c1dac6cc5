"""A class's submissions as a batch finds them: folders, zip files, GitHub Classroom downloads.

`discover(ROOT)` names one student per subfolder or `.zip` file of ROOT. A GitHub Classroom
download folder (`<assignment>-submissions/`) inside ROOT is gone into: its clones are the
students. The batch's own output folder, when it lies inside ROOT, is no student (only that one:
a folder a student could make look like an output is still graded, so nobody leaves the class by
a file). A zip is unpacked only
when its student is graded (`unpacked`), into a temporary folder, and refused whole when any
member is unsafe: a path that leaves the folder, a link, a device, encryption, or sizes past the
limits (counted while reading, not trusted from the archive's header).
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

# unpacking a zip and finding the folder inside are grading's (`grader check` does them too);
# `unpacked` raises their Refused, which the batch catches from here
from ..grading.sources.unpack import IGNORED, Refused, extract_zip, submission_root  # noqa: F401

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
    """the student's folder, or their .zip file"""

    @property
    def is_zip(self) -> bool:
        return self.source.suffix.lower() == ".zip" and self.source.is_file()


def discover(root: Path, skip: Path | None = None) -> list[Student]:
    """Every student under ROOT, sorted by name; names are unique and safe as folder names.
    `skip` (the batch's OUT, when inside ROOT) is not a student."""
    entries, downloads = [], []
    for name, path, is_dir in _entries(root, skip):
        if is_dir and name.endswith("-submissions") and _download_prefix(path):
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


def _entries(folder: Path, skip: Path | None) -> list[tuple[str, Path, bool]]:
    """(name, path, is a folder) of the submissions directly in `folder`."""
    skipped = skip.resolve() if skip is not None else None
    found = []
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        if entry.name.startswith(".") or entry.name in IGNORED:
            continue
        path = Path(entry.path)
        if entry.is_dir():
            if path.resolve() == skipped:
                continue
            found.append((entry.name, path, True))
        elif entry.is_file() and entry.name.lower().endswith(".zip"):
            found.append((entry.name[:-4], path, False))
    return found


def _download_prefix(folder: Path) -> str:
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
    if root.name.endswith("-submissions"):
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
def unpacked(student: Student, workdir: Path | None = None):
    """The folder to grade: the student's own, or their zip unpacked into a temporary folder
    (in `workdir`, else the system's)."""
    if not student.is_zip:
        yield submission_root(student.source)
        return
    target = Path(tempfile.mkdtemp(prefix="grader-zip-", dir=workdir))
    try:
        extract_zip(student.source, target)
        yield submission_root(target)
    finally:
        shutil.rmtree(target, ignore_errors=True)
