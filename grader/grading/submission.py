"""A submission folder, read once by the grader and copied afresh for every exercise.

The student's code never runs in the original folder: each exercise gets its own copy, so one
exercise that deletes or rewrites files cannot spoil another, nor the student's originals.
Only regular files at the top of the folder are taken (no symlinks, no subfolders).
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

MAX_FILE_BYTES = 1 * 2**20
MAX_TOTAL_BYTES = 16 * 2**20
MAX_FILES = 200


@dataclass(frozen=True)
class SubmissionFiles:
    folder: Path
    files: dict[str, bytes] = field(default_factory=dict)
    """name -> content of every regular file taken"""
    problems: dict[str, str] = field(default_factory=dict)
    """name -> why that file cannot be used (a folder, a symlink, too large, not UTF-8 text)"""

    def problem_with(self, name: str) -> str | None:
        """Why `name` cannot be graded; 'missing' if it is not there at all."""
        if name in self.problems:
            return self.problems[name]
        if name not in self.files:
            return "missing"
        return None

    def write_copy(self, target: Path, start: str | None = None) -> None:
        """Write the files into `target`: all of them, or those `start` needs (see `needed`)."""
        target.mkdir(parents=True, exist_ok=True)
        for name in self.files if start is None else self.needed(start):
            (target / name).write_bytes(self.files[name])

    def needed(self, start: str) -> list[str]:
        """`start`, the modules whose names its text holds (`from p209 import MulLayer`, or
        `import_module("helpers")`), theirs in turn, and every file that is not Python (data a
        script may load). A module nothing names cannot be imported, so leaving it out changes
        nothing but the time."""
        modules = {name[:-3]: name for name in self.files if name.endswith(".py")}
        chosen = [name for name in self.files if not name.endswith(".py")]
        todo = [start] if start in self.files else []
        while todo:
            name = todo.pop()
            chosen.append(name)
            text = self.files[name].decode("utf-8", "replace")
            todo += [file for module, file in modules.items()  # in code or in a string literal
                     if module in text and file not in chosen and file not in todo]
        return chosen


def read_submission(folder: Path) -> SubmissionFiles:
    files: dict[str, bytes] = {}
    problems: dict[str, str] = {}
    total = 0
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as e:
        raise FileNotFoundError(f"cannot read the submission folder {folder}: {e.strerror}") from None
    for entry in entries[: MAX_FILES * 5]:
        if len(files) >= MAX_FILES:
            break
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if stat.S_ISLNK(info.st_mode):
            problems[entry.name] = "it is a symbolic link, not a file"
            continue
        if stat.S_ISDIR(info.st_mode):
            problems[entry.name] = "it is a folder, not a file"
            continue
        if not stat.S_ISREG(info.st_mode):
            problems[entry.name] = "it is not a regular file"
            continue
        if info.st_size > MAX_FILE_BYTES:
            problems[entry.name] = f"it is {info.st_size} bytes, over the limit of {MAX_FILE_BYTES}"
            continue
        if total + info.st_size > MAX_TOTAL_BYTES:
            problems[entry.name] = "the submission folder is too large"
            continue
        try:
            content = Path(entry.path).read_bytes()
        except OSError as e:
            problems[entry.name] = f"it cannot be read ({e.strerror})"
            continue
        if entry.name.endswith(".py"):
            if b"\0" in content:
                problems[entry.name] = "it contains NUL bytes"
                continue
            try:
                content.decode("utf-8")
            except UnicodeDecodeError as e:
                problems[entry.name] = f"it is not UTF-8 text (byte {e.start})"
                continue
        total += len(content)
        files[entry.name] = content
    return SubmissionFiles(folder=folder, files=files, problems=problems)
