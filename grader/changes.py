"""When a watched folder changes: the wait between two gradings of `grader check --watch`.

On Linux the kernel says so at once (inotify, through ctypes: nothing to install), on every
folder of the watched tree; elsewhere, or when inotify cannot be had, the folder is looked at
every 50 ms with `os.scandir`. Either way what decides is the folder's state (path -> mode,
size, mtime): an event only wakes the wait, and inotify's wait still looks every second, so a
folder made after the watch began, or one that was gone and is back, is never missed.
"""
from __future__ import annotations

import ctypes
import os
import select
import stat
import time
from pathlib import Path

POLL_SECONDS = 0.05
"""between two looks at the folder, without inotify"""
LOOK_SECONDS = 1.0
"""with inotify, the folder is looked at anyway this often (a folder inotify does not watch)"""
MAX_DEPTH = 3
MAX_ENTRIES = 5000
"""how much of the folder is looked at (a student's folder is far smaller)"""
MAX_WATCHED_FOLDERS = 200
SKIPPED = ("__pycache__", ".ipynb_checkpoints", ".git", "node_modules")

# <sys/inotify.h>: what a save, a rename, a new or removed file does to a folder
_IN_MODIFY, _IN_ATTRIB, _IN_CLOSE_WRITE = 0x2, 0x4, 0x8
_IN_MOVED_FROM, _IN_MOVED_TO, _IN_CREATE, _IN_DELETE = 0x40, 0x80, 0x100, 0x200
_IN_DELETE_SELF, _IN_MOVE_SELF, _IN_ONLYDIR = 0x400, 0x800, 0x01000000
_IN_NONBLOCK, _IN_CLOEXEC = 0o4000, 0o2000000
_MASK = (_IN_MODIFY | _IN_ATTRIB | _IN_CLOSE_WRITE | _IN_MOVED_FROM | _IN_MOVED_TO | _IN_CREATE
         | _IN_DELETE | _IN_DELETE_SELF | _IN_MOVE_SELF | _IN_ONLYDIR)


def folder_state(folder: Path, depth: int = MAX_DEPTH) -> dict[str, tuple[int, int, int]] | str:
    """What is compared: path -> (mode, size, mtime) of the folder's entries, `depth` folders
    down at most, or why the folder cannot be read."""
    state: dict[str, tuple[int, int, int]] = {}
    todo = [(folder, 0)]
    while todo and len(state) < MAX_ENTRIES:
        where, level = todo.pop()
        try:
            entries = list(os.scandir(where))
        except OSError as e:
            if where == folder:
                return e.strerror or str(e)
            continue
        for entry in entries:
            if entry.name in SKIPPED or entry.name.startswith("."):
                continue
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue  # gone meanwhile: the next look sees it gone
            state[os.path.relpath(entry.path, folder)] = (info.st_mode, info.st_size,
                                                          info.st_mtime_ns)
            if entry.is_dir(follow_symlinks=False) and level < depth:
                todo.append((Path(entry.path), level + 1))
    return state


class Changes:
    """Waits for the folder to change and settle; `close()` when done (or use `with`)."""

    def __init__(self, folder: Path, poll: float = POLL_SECONDS, inotify: bool = True):
        self.folder, self.poll = folder, poll
        self._libc = _libc() if inotify else None
        self._fd = _inotify(self._libc) if self._libc is not None else None

    @property
    def how(self) -> str:
        return "inotify" if self._fd is not None else "polling"

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def next(self, state, quiet: float):
        """The folder's state once it differs from `state` and has then had no change for
        `quiet` seconds (an editor may write a file in several steps)."""
        self.follow(state)
        while True:
            self._wait(LOOK_SECONDS if self._fd is not None else self.poll)
            now = folder_state(self.folder)
            if now != state:
                break
        while True:  # the save is over once `quiet` passes without a change
            self.follow(now)
            if self._fd is not None:
                while self._wait(quiet):
                    pass
            else:
                time.sleep(quiet)
            settled, now = now, folder_state(self.folder)
            if now == settled:
                return now

    def _wait(self, seconds: float) -> bool:
        """Until an event, or `seconds`; whether an event came (read and dropped: the state
        says what changed)."""
        if self._fd is None:
            time.sleep(seconds)
            return True
        ready, _, _ = select.select([self._fd], [], [], seconds)
        if not ready:
            return False
        try:
            while os.read(self._fd, 65536):
                pass
        except BlockingIOError:
            pass
        return True

    def follow(self, state) -> None:
        """inotify on the folder and its subfolders of `state` (adding one already watched is
        harmless; a removed one's watch goes with it): from now on, a save wakes `next`."""
        if self._fd is None or isinstance(state, str):
            return
        for folder in subfolders(self.folder, state)[:MAX_WATCHED_FOLDERS]:
            self._libc.inotify_add_watch(self._fd, os.fsencode(folder), _MASK)


def subfolders(folder: Path, state) -> list[Path]:
    """The folder and each folder below it that its `state` holds: what inotify must watch (it
    watches a folder, not a tree)."""
    if isinstance(state, str):
        return [folder]
    return [folder] + [folder / name for name, (mode, _, _) in state.items()
                       if stat.S_ISDIR(mode)]


def watching(folders: list[Path]) -> int | None:
    """An inotify descriptor on every one of `folders` (a save, a new or removed file, the folder
    itself gone), or None where inotify cannot be had or one of them cannot be watched."""
    libc = _libc()
    fd = _inotify(libc) if libc is not None else None
    if fd is None:
        return None
    if any(libc.inotify_add_watch(fd, os.fsencode(folder), _MASK) < 0 for folder in folders):
        os.close(fd)
        return None
    return fd


def _libc():
    """The C library this interpreter is linked with (no `find_library`: it runs ldconfig)."""
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def _inotify(libc) -> int | None:
    """An inotify descriptor, or None where there is none (not Linux, or no more instances)."""
    try:
        fd = libc.inotify_init1(_IN_NONBLOCK | _IN_CLOEXEC)
    except AttributeError:
        return None
    return fd if fd >= 0 else None
