"""A submission folder, read once by the grader and copied afresh for every exercise.

The student's code never runs in the original folder: each exercise gets its own copy, so one
exercise that deletes or rewrites files cannot spoil another, nor the student's originals.
The folder is read with its subfolders (the book's `common/` and `dataset/` packages, a `hw5/`
folder of work), keeping their layout: names are paths relative to the folder, with `/`.
Hidden entries, `__pycache__`, `.git`, `.ipynb_checkpoints` and virtual environments are never
read; symbolic links are never followed. Notebooks are read (their code becomes generated
modules, see `sections`) but never copied.
"""
from __future__ import annotations

import io
import os
import re
import stat
import tokenize
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Iterable, Mapping

from ..phrases import Phrase

MAX_FILE_BYTES = 1 * 2**20
MAX_TOTAL_BYTES = 16 * 2**20
MAX_FILES = 200
MAX_NOTEBOOK_BYTES = 16 * 2**20
"""a notebook's own limit: its pictures of plots make it large, and only its code is kept"""
MAX_NOTEBOOK_TOTAL = 32 * 2**20
MAX_DEPTH = 6
"""folders below the submission folder that are read"""
MAX_ENTRIES = 5000
"""directory entries looked at in all (a runaway folder stops being read here)"""
SKIPPED_FOLDERS = {"__pycache__", "__MACOSX", "node_modules", "site-packages", "dist-packages"}
NOTEBOOK = ".ipynb"


@dataclass(frozen=True)
class SubmissionFiles:
    folder: Path
    files: dict[str, bytes] = field(default_factory=dict)
    """path (relative, with `/`) -> content of every regular file taken"""
    problems: dict[str, Phrase] = field(default_factory=dict)
    """path -> why that file cannot be used (a folder, a symlink, too large, not UTF-8 text),
    to be said in the student's language"""

    def problem_with(self, name: str) -> Phrase | str | None:
        """Why `name` cannot be graded; 'missing' if it is not there at all."""
        if name in self.problems:
            return self.problems[name]
        if name not in self.files:
            return "missing"
        return None

    def folders(self) -> list[str]:
        """Every folder that holds a file taken ("" is the submission folder itself)."""
        return sorted({parent(name) for name in self.files} | {""})

    def write_copy(self, target: Path, start: str | None = None, overlay: Mapping[str, bytes] = {},
                   paths: Iterable[str] = ("",), edges: Mapping[str, Iterable[str]] = {}) -> None:
        """Write the files into `target`, keeping their layout: all of them, or those `start`
        needs (see `needed`); `overlay` adds or replaces files (generated modules)."""
        pool = {**self.files, **overlay}
        names = (list(pool) if start is None
                 else needed(pool, start, paths, edges))
        made = set()
        for name in names:
            if name.endswith(NOTEBOOK):
                continue
            path = target.joinpath(*PurePosixPath(name).parts)
            if path.parent not in made:
                path.parent.mkdir(parents=True, exist_ok=True)
                made.add(path.parent)
            path.write_bytes(pool[name])
        target.mkdir(parents=True, exist_ok=True)

    def needed(self, start: str, paths: Iterable[str] = ("",)) -> list[str]:
        return needed(self.files, start, paths)


def parent(name: str) -> str:
    return name.rpartition("/")[0]


def importable(files: Iterable[str], paths: Iterable[str]) -> dict[str, list[str]]:
    """Top-level module name -> the files it brings, for a process whose sys.path holds the
    folders `paths`: `x.py` is the module x, a folder `x/` holding Python is the package x (all
    its files). The first folder that has a name wins, as on sys.path."""
    found: dict[str, list[str]] = {}
    names = list(files)
    for folder in paths:
        prefix = folder + "/" if folder else ""
        here: dict[str, list[str]] = {}
        for name in names:
            if not name.startswith(prefix):
                continue
            rest = name[len(prefix):]
            head, _, tail = rest.partition("/")
            if not tail and head.endswith(".py"):
                here.setdefault(head[:-3], []).insert(0, name)
            elif tail and not head.endswith(".py"):
                here.setdefault(head, []).append(name)
        for module, members in here.items():
            if module not in found and any(m.endswith(".py") for m in members):
                found[module] = members
    return found


def needed(files: Mapping[str, bytes], start: str, paths: Iterable[str] = ("",),
           edges: Mapping[str, Iterable[str]] = {}) -> list[str]:
    """`start`, the modules and packages whose names its text holds (`from p209 import
    MulLayer`, `from common.layers import *`, or `import_module("helpers")`), theirs in turn,
    files `edges` says a file needs (a generated module's predecessors), and every file that is
    not Python (data a script may load). A module nothing names cannot be imported, so leaving
    it out changes nothing but the time."""
    modules = importable(files, paths)
    chosen = [name for name in files if not name.endswith((".py", NOTEBOOK))]
    taken = set(chosen)
    todo = [start] if start in files else []
    while todo:
        name = todo.pop()
        if name in taken:
            continue
        taken.add(name)
        chosen.append(name)
        if not name.endswith(".py"):
            continue
        text = files[name].decode("utf-8", "replace")
        for module, members in modules.items():  # in code or in a string literal
            if module in text:
                todo += [m for m in members if m not in taken]
        todo += [m for m in edges.get(name, ()) if m in files and m not in taken]
    return chosen


CODING = re.compile(r"^([ \t\f]*#.*?coding[:=][ \t]*)([-\w.]+)")
"""PEP 263's encoding declaration"""


def as_utf8(content: bytes) -> bytes | None:
    """A file that declares another encoding (`# -*- coding: cp949 -*-`, as an old Korean
    Windows editor writes), in UTF-8, its declaration saying so on the same line (every line
    keeps its number); None when it declares none, or does not decode in the one it declares."""
    try:
        encoding, read = tokenize.detect_encoding(io.BytesIO(content).readline)
        lines = content.decode(encoding).split("\n")
    except (SyntaxError, LookupError, UnicodeDecodeError):
        return None
    if encoding.startswith("utf-8") or not read:
        return None
    at = len(read) - 1  # the line the declaration is on
    lines[at] = CODING.sub(r"\g<1>utf-8", lines[at], count=1)
    return "\n".join(lines).encode("utf-8")


def read_submission(folder: Path) -> SubmissionFiles:
    """The folder and its subfolders, breadth first (what is at the top is read first when a
    limit is reached)."""
    files: dict[str, bytes] = {}
    problems: dict[str, Phrase] = {}
    total = notebooks = seen = 0
    try:
        os.scandir(folder).close()
    except OSError as e:
        raise FileNotFoundError(
            f"cannot read the submission folder {folder}: {e.strerror}") from None
    queue: deque[tuple[str, str, int]] = deque([(str(folder), "", 0)])
    while queue:
        path, prefix, depth = queue.popleft()
        try:
            entries = sorted(os.scandir(path), key=lambda e: e.name)
        except OSError:
            continue
        if prefix and any(e.name == "pyvenv.cfg" for e in entries):
            continue  # a virtual environment: the student's tools, not their work
        for entry in entries:
            seen += 1
            if seen > MAX_ENTRIES or len(files) >= MAX_FILES:
                queue.clear()
                break
            name = prefix + entry.name
            if entry.name.startswith("."):
                continue
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if stat.S_ISLNK(info.st_mode):
                problems[name] = Phrase("problem_symlink")
                continue
            if stat.S_ISDIR(info.st_mode):
                if entry.name.endswith(".py"):
                    problems[name] = Phrase("problem_folder")
                elif entry.name not in SKIPPED_FOLDERS and depth < MAX_DEPTH:
                    queue.append((entry.path, name + "/", depth + 1))
                continue
            if not stat.S_ISREG(info.st_mode):
                problems[name] = Phrase("problem_irregular")
                continue
            notebook = entry.name.lower().endswith(NOTEBOOK)
            limit = MAX_NOTEBOOK_BYTES if notebook else MAX_FILE_BYTES
            if info.st_size > limit:
                problems[name] = Phrase("problem_size", {"size": info.st_size, "limit": limit})
                continue
            if (notebooks + info.st_size > MAX_NOTEBOOK_TOTAL if notebook
                    else total + info.st_size > MAX_TOTAL_BYTES):
                problems[name] = Phrase("problem_folder_size")
                continue
            try:
                content = Path(entry.path).read_bytes()
            except OSError as e:
                problems[name] = Phrase("problem_unreadable", {"reason": e.strerror})
                continue
            if entry.name.endswith(".py"):
                if b"\0" in content:
                    problems[name] = Phrase("problem_nul")
                    continue
                try:
                    content.decode("utf-8")
                except UnicodeDecodeError as e:
                    raw, content = content, as_utf8(content)
                    if content is None:
                        # counted from 1, as a person counts (e.start counts from 0)
                        problems[name] = Phrase("problem_encoding", {
                            "byte": e.start + 1, "line": raw[:e.start].count(b"\n") + 1})
                        continue
            if notebook:
                notebooks += len(content)
            else:
                total += len(content)
            files[name] = content
    return SubmissionFiles(folder=folder, files=files, problems=problems)
