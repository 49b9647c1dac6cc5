"""What the student's code can import in the sandbox, and from which folders.

Decided from the submission's files alone, never from what the grading machine happens to have
installed, so that a notebook's imports are kept or left out (and it gets one score) on every
machine.
"""
from __future__ import annotations

import sys
from typing import Mapping, Sequence

from .submission import SubmissionFiles, importable, parent

UNAVAILABLE = {"tkinter", "_tkinter", "turtle", "turtledemo", "idlelib"}
"""standard modules a grading machine may lack (no display, no Tk)"""
INSTALLED = {"numpy"}
"""what the grader has besides the standard library"""


def available(files: SubmissionFiles | Mapping[str, bytes], paths: Sequence[str]):
    """Whether a top-level module can be imported in the sandbox: one of the submission's own
    (from these folders), numpy, or the standard library. The same everywhere, whatever the
    machine has installed, so a notebook gets one score everywhere."""
    names = files.files if isinstance(files, SubmissionFiles) else files
    own = set(importable(names, paths))
    return lambda module: (module in own or module in INSTALLED or (
        module in sys.stdlib_module_names and module not in UNAVAILABLE))


def search_paths(folder: str) -> tuple[str, ...]:
    """The sandbox's sys.path for code in `folder`: the folder, the submission folder, and the
    folder's parent (the book's `sys.path.append(os.pardir)`)."""
    return tuple(dict.fromkeys([folder, "", parent(folder)] if folder else [""]))
