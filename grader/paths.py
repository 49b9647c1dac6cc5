"""The paths a command writes or reads, checked before any work starts.

A bad path is the user's mistake: one line saying which flag and why, exit 2, found before the
first exercise is graded (not after the whole class), and nothing created on the way. A file or
folder the user names is created; the folder it goes in must exist already (a typo in a path
never becomes a tree of new folders).
"""
from __future__ import annotations

import os
from pathlib import Path


class PathError(ValueError):
    pass


def output_file(path: Path, flag: str = "") -> None:
    """`path` can be written as a file. `flag` names it in messages (none: a positional)."""
    if path.is_dir():
        raise PathError(f"{_named(flag, path)} is a folder: name a file")
    _parent(path, flag)
    if path.exists() and not os.access(path, os.W_OK):
        raise PathError(f"{_named(flag, path)} cannot be written (permission denied)")


def output_folder(path: Path, flag: str = "") -> None:
    """`path` is a folder that can be written into, or can be made."""
    if path.exists() and not path.is_dir():
        raise PathError(f"{_named(flag, path)} is a file, not a folder")
    if path.is_dir():
        if not os.access(path, os.W_OK | os.X_OK):
            raise PathError(f"{_named(flag, path)} cannot be written (permission denied)")
        return
    _parent(path, flag)


def input_file(path: Path, flag: str = "") -> None:
    if not path.is_file():
        raise PathError(f"{_named(flag, path)} is not a file" if path.exists()
                        else f"{_named(flag, path)} does not exist")
    if not os.access(path, os.R_OK):
        raise PathError(f"{_named(flag, path)} cannot be read (permission denied)")


def input_folder(path: Path, flag: str = "") -> None:
    """`path` is a folder whose entries can be listed (an unreadable one is said here, in one
    line, not met later as a traceback)."""
    try:
        if not path.is_dir():
            raise PathError(f"{_named(flag, path)} is not a folder")
        os.scandir(path).close()
    except PermissionError:
        raise PathError(f"{_named(flag, path)} cannot be read (permission denied)") from None
    except OSError as e:
        raise PathError(f"{_named(flag, path)} cannot be read ({e.strerror or e})") from None


def inside(path: Path, folder: Path) -> bool:
    """Whether `path` is `folder` or lies under it (both resolved)."""
    path, folder = path.resolve(), folder.resolve()
    return path == folder or folder in path.parents


def _parent(path: Path, flag: str) -> None:
    parent = path.absolute().parent
    if not parent.exists():
        raise PathError(f"{_named(flag, path)}: the folder {parent} does not exist")
    if not parent.is_dir():
        raise PathError(f"{_named(flag, path)}: {parent} is not a folder")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise PathError(f"{_named(flag, path)}: cannot write in {parent} (permission denied)")


def _named(flag: str, path: Path) -> str:
    return f"{flag} {path}" if flag else str(path)
