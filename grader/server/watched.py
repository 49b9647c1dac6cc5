"""Whether the grader's files and the bank are still those the warm grader loaded.

A server answers only while they are: a changed module or spec makes it stale (it steps down,
and the next call starts a new one). The kernel says so (inotify on every folder of the
package and of the bank, set before anything is loaded: a change while loading counts), so
that a call costs no look at the files; where inotify cannot be had, every call compares each
file's size and time with what they were at the start (about a millisecond and a half).
"""
from __future__ import annotations

import os
import sys

from ..changes import _IN_ONLYDIR, _MASK, _inotify, _libc

SKIPPED = "__pycache__"
"""bytecode Python writes (a new __pycache__ folder, say) changes no grader"""
MAX_FOLDERS = 1000


class Watched:
    """The package's and the bank's files, watched from now on; `changed()` on each call."""

    def __init__(self, roots: tuple[str, ...]):
        self.roots = roots
        self._fd = self._watch(roots)
        self._stamps = None if self._fd is not None else stamps(roots)
        self._stale = False

    @property
    def how(self) -> str:
        return "inotify" if self._fd is not None else "stamps"

    def changed(self) -> bool:
        """Whether a file or folder changed since the start (once True, always True)."""
        if not self._stale:
            self._stale = self._changed_now()
        return self._stale

    def _changed_now(self) -> bool:
        if self._fd is None:
            return stamps(self.roots) != self._stamps
        try:
            data = os.read(self._fd, 65536)
        except BlockingIOError:
            return False
        except OSError:
            return True  # the watch broke: changed, to be safe
        return any(name != SKIPPED for name in _names(data))

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    @staticmethod
    def _watch(roots: tuple[str, ...]) -> int | None:
        libc = _libc()
        fd = _inotify(libc) if libc is not None else None
        if fd is None:
            return None
        folders = [folder for root in roots for folder in _folders(root)]
        if len(folders) > MAX_FOLDERS or any(
                libc.inotify_add_watch(fd, os.fsencode(f), _MASK | _IN_ONLYDIR) < 0
                for f in folders):
            os.close(fd)
            return None
        return fd


def _folders(root: str) -> list[str]:
    found = [root]
    for where, folders, _ in os.walk(root):
        folders[:] = [f for f in folders if f != SKIPPED]
        found += [os.path.join(where, f) for f in folders]
    return found


def _names(data: bytes) -> list[str]:
    """The names in a buffer of inotify events (struct inotify_event: wd, mask, cookie, len,
    name); "" for an event on a watched folder itself (deleted, moved, the queue overflowed)."""
    names, at = [], 0
    while at + 16 <= len(data):
        length = int.from_bytes(data[at + 12:at + 16], sys.byteorder)
        names.append(data[at + 16:at + 16 + length].split(b"\0", 1)[0].decode(
            "utf-8", "surrogateescape"))
        at += 16 + length
    return names or [""]


def stamps(roots: tuple[str, ...]) -> list[str]:
    """Every file of `roots` (bytecode aside) by its size and time."""
    found = []
    for root in roots:
        found += _stamps(root)
    return found


def _stamps(folder: str) -> list[str]:
    found = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return [f"{folder}?"]
    for entry in entries:
        if entry.name == SKIPPED:
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                found += _stamps(entry.path)
            else:
                info = entry.stat()
                found.append(f"{entry.path} {info.st_size} {info.st_mtime_ns}")
        except OSError:
            found.append(f"{entry.path}?")
    return sorted(found)
