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
from pathlib import Path

from ..changes import folder_state, subfolders, watching

SKIPPED = "__pycache__"
"""bytecode Python writes (a new __pycache__ folder, say) changes no grader"""
DEPTH = 10
"""how deep the package's and the bank's folders are looked at (the package's deepest is 4)"""
MAX_FOLDERS = 1000


class Watched:
    """The package's and the bank's files, watched from now on; `changed()` on each call."""

    def __init__(self, roots: tuple[str, ...]):
        self.roots = tuple(Path(root) for root in roots)
        states = self._states()
        folders = [f for root, state in zip(self.roots, states) for f in subfolders(root, state)]
        self._fd = watching(folders) if len(folders) <= MAX_FOLDERS else None
        self._states_at_start = None if self._fd is not None else states
        self._stale = False

    @property
    def how(self) -> str:
        return "inotify" if self._fd is not None else "stamps"

    def changed(self) -> bool:
        """Whether a file or folder changed since the start (once True, always True)."""
        if not self._stale:
            self._stale = self._changed_now()
        return self._stale

    def _states(self) -> list:
        """Each root's files by their mode, size and time (`changes.folder_state`)."""
        return [folder_state(root, DEPTH) for root in self.roots]

    def _changed_now(self) -> bool:
        if self._fd is None:
            return self._states() != self._states_at_start
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
