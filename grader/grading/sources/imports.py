"""What the student's code can import in the sandbox, and from which folders.

Decided from the submission's files alone, never from what the grading machine happens to have
installed, so that a notebook's imports are kept or left out (and it gets one score) on every
machine.
"""
from __future__ import annotations

import ast
import functools
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


def top_names(files: SubmissionFiles, paths: Sequence[str], module: str) -> frozenset[str]:
    """The names one of the submission's modules binds at its top (what `from module import *`
    brings: its `__all__` when it lists them); empty when the module is not the submission's
    or cannot be read."""
    relative = module.replace(".", "/")
    for folder in paths:
        for name in (f"{relative}.py", f"{relative}/__init__.py"):
            path = f"{folder}/{name}" if folder else name
            if path in files.files:
                try:
                    return names_in(files.files[path].decode("utf-8"))
                except UnicodeDecodeError:
                    return frozenset()
    return frozenset()


@functools.lru_cache(maxsize=64)
def names_in(text: str) -> frozenset[str]:
    """The names a module's code binds at its top (its `__all__` when it lists them)."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return frozenset()
    return frozenset(_top_level(tree))


def _top_level(tree: ast.Module) -> set[str]:
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names if a.name != "*")
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                names.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
                if (isinstance(target, ast.Name) and target.id == "__all__"
                        and isinstance(node.value, (ast.List, ast.Tuple))):
                    listed = [e.value for e in node.value.elts if isinstance(e, ast.Constant)]
                    return {n for n in listed if isinstance(n, str)}
    return {n for n in names if not n.startswith("_")}
