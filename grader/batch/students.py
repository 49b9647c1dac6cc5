"""A class's submissions as a batch finds them: folders, zip files, GitHub Classroom downloads.

`discover(ROOT)` names one student per subfolder or `.zip` file of ROOT. A zip is unpacked only
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
import stat
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

ZIP_MAX_MEMBERS = 2000
ZIP_MAX_FILE_BYTES = 8 * 2**20
ZIP_MAX_TOTAL_BYTES = 64 * 2**20
SIGNATURE_MAX_ENTRIES = 20000
"""files looked at to tell whether a submission changed (a runaway folder stops counting here)"""
IGNORED = {".git", "__MACOSX", "__pycache__", ".ipynb_checkpoints"}
RESERVED = {"index.html", "summary.json", "gradebook.csv", "similarity"}
"""names of the batch's own outputs, which no student folder may take (similarity/: the pages
of similar code)"""


class Refused(Exception):
    """The submission cannot be graded at all (an unsafe or unreadable zip); says why."""


@dataclass(frozen=True)
class Student:
    name: str
    """the folder under OUT and the results' `submission`"""
    source: Path
    """the student's folder, or their .zip file"""

    @property
    def is_zip(self) -> bool:
        return self.source.suffix.lower() == ".zip" and self.source.is_file()


def discover(root: Path) -> list[Student]:
    """Every student under ROOT, sorted by name; names are unique and safe as folder names."""
    entries = []
    for entry in sorted(os.scandir(root), key=lambda e: e.name):
        if entry.name.startswith(".") or entry.name in IGNORED:
            continue
        if entry.is_dir():
            entries.append((entry.name, Path(entry.path)))
        elif entry.is_file() and entry.name.lower().endswith(".zip"):
            entries.append((entry.name[:-4], Path(entry.path)))
    prefix = classroom_prefix(root, [(n, p) for n, p in entries])
    students, taken = [], set()
    for name, path in entries:
        # alice/ and alice.zip: the second is named by its whole file name
        candidates = [safe_name(name[len(prefix):]), safe_name(path.name)]
        candidates += [f"{candidates[-1]}-{n}" for n in range(2, len(entries) + 2)]
        chosen = next(c for c in candidates if c not in taken)
        taken.add(chosen)
        students.append(Student(chosen, path))
    return sorted(students, key=lambda s: s.name)


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
    if len(names) < 2 or not all((p / ".git").exists() for _, p in entries):
        return ""
    common = os.path.commonprefix(names)
    cut = common.rfind("-")
    return common[: cut + 1] if cut > 0 else ""


def safe_name(text: str) -> str:
    """Letters (any script), digits and `._-@+`; nothing hidden, nothing of the batch's own."""
    name = re.sub(r"[^\w.@+-]", "_", text.strip()).strip(".") or "_"
    return f"_{name}" if name.lower() in RESERVED else name[:120]


def submission_root(folder: Path, depth: int = 3) -> Path:
    """The folder holding the p<ID>.py files: a lone subfolder (a zipped folder) is gone into."""
    for _ in range(depth):
        try:
            entries = [e for e in os.scandir(folder) if not e.name.startswith(".")
                       and e.name not in IGNORED]
        except OSError:
            return folder
        folders = [e for e in entries if e.is_dir(follow_symlinks=False)]
        if any(e.name.endswith(".py") for e in entries) or len(folders) != 1 or len(entries) != 1:
            return folder
        folder = Path(folders[0].path)
    return folder


def signature(source: Path) -> tuple[str, int]:
    """(digest of every file's path, size and mtime; the newest mtime in ns) of a submission."""
    digest = hashlib.sha256()
    newest, seen = 0, 0
    if source.is_file():
        info = source.stat()
        digest.update(f"{source.name}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
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


def extract_zip(archive: Path, target: Path) -> None:
    """Unpack a student's zip, or raise Refused without writing anything outside `target`."""
    try:
        with zipfile.ZipFile(archive) as z:
            members = z.infolist()
            if len(members) > ZIP_MAX_MEMBERS:
                raise Refused(f"the zip file holds {len(members)} entries, over {ZIP_MAX_MEMBERS}")
            plan = [(m, _member_path(m)) for m in members]
            total = 0
            for member, parts in plan:
                destination = target.joinpath(*parts) if parts else target
                if member.is_dir():
                    destination.mkdir(parents=True, exist_ok=True)
                    continue
                destination.parent.mkdir(parents=True, exist_ok=True)
                with z.open(member) as source, open(destination, "xb") as sink:
                    written = 0
                    while chunk := source.read(65536):
                        written += len(chunk)
                        total += len(chunk)
                        if written > ZIP_MAX_FILE_BYTES or total > ZIP_MAX_TOTAL_BYTES:
                            raise Refused(f"{member.filename}: the zip file unpacks to more than "
                                          f"{ZIP_MAX_TOTAL_BYTES // 2**20} MB, or a file to "
                                          f"more than {ZIP_MAX_FILE_BYTES // 2**20} MB")
                        sink.write(chunk)
    except Refused:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError,
            EOFError, ValueError) as e:
        raise Refused(f"not a readable zip file ({e})") from None
    except FileExistsError as e:
        raise Refused(f"the zip file holds {Path(e.filename).name} twice") from None
    except OSError as e:
        raise Refused(f"the zip file could not be unpacked ({e.strerror or e})") from None


def _member_path(member: zipfile.ZipInfo) -> tuple[str, ...]:
    name = member.filename.replace("\\", "/")
    parts = PurePosixPath(name).parts
    if name.startswith("/") or (parts and ":" in parts[0]) or ".." in parts:
        raise Refused(f"{member.filename}: a path outside the submission folder")
    mode = member.external_attr >> 16
    kind = stat.S_IFMT(mode)
    if kind == stat.S_IFLNK:
        raise Refused(f"{member.filename}: a symbolic link")
    if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
        raise Refused(f"{member.filename}: not a regular file")
    if member.flag_bits & 0x1:
        raise Refused(f"{member.filename}: encrypted")
    return tuple(p for p in parts if p not in ("", "."))
