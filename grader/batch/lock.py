"""One run at a time per OUT: `grader batch` and `grader merge` hold OUT's lock while they work.

Two runs on one OUT at once (one with `--force` and another seed, say) would each write their
students with their own settings, and OUT would end up half one grading, half the other, with
no warning. The lock is `fcntl.flock` on `OUT/.grader-lock`, which holds the holder's pid, start
and command line, to name it to a run that finds it taken. The kernel releases it when the
holder ends, however it ends (SIGKILL too), so a lock is never stale; the file is removed by the
run that held it (a new run checks that the file it locked is still the one at the path).
A file system without locks (some network mounts) is graded without one.
"""
from __future__ import annotations

import errno
import fcntl
import json
import os
import sys
from datetime import datetime, timezone
from pathlib import Path

from ..render.words import progress_words
from .record import LOCK, RecordError  # (hidden: never a student's name, nor an output)


class OutLock:
    """OUT's lock, held until `release` (or until the process ends)."""

    def __init__(self, out: Path, fd: int | None, created: bool):
        self.out, self.fd, self.created = out, fd, created

    def release(self, *, undo: bool = False) -> None:
        """Give the lock up and remove its file; `undo`: also remove OUT if this run made it
        and left it empty (a run refused before anything was written)."""
        if self.fd is not None:
            try:
                os.unlink(self.out / LOCK)  # while still held: nobody locks a file being removed
            except OSError:
                pass
            os.close(self.fd)
            self.fd = None
        if undo and self.created:
            try:
                self.out.rmdir()
            except OSError:
                pass


def hold(out: Path, lang: str | None = "en") -> OutLock:
    """Take OUT's lock (making OUT if needed), or raise RecordError naming the run holding it."""
    created = not out.exists()
    out.mkdir(exist_ok=True)
    path = out / LOCK
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as e:
            holder = _holder(fd)
            os.close(fd)
            if e.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise RecordError(_busy(out, holder, lang)) from None
            return OutLock(out, None, created)  # no locks here: go on without
        if _same_file(fd, path):
            break
        os.close(fd)  # the run that held it removed it meanwhile: lock the file there now
    os.ftruncate(fd, 0)
    os.write(fd, json.dumps({
        "pid": os.getpid(), "command": " ".join(["grader", *sys.argv[1:]])[:500],
        "started": datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds"),
    }).encode("utf-8", "backslashreplace"))
    return OutLock(out, fd, created)


def _same_file(fd: int, path: Path) -> bool:
    try:
        mine, there = os.fstat(fd), os.stat(path, follow_symlinks=False)
    except OSError:
        return False
    return (mine.st_dev, mine.st_ino) == (there.st_dev, there.st_ino)


def _holder(fd: int) -> dict:
    """What the run holding the lock wrote of itself (nothing yet, if it is just starting)."""
    try:
        data = json.loads(os.pread(fd, 4096, 0).decode("utf-8", "replace"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _busy(out: Path, holder: dict, lang: str | None) -> str:
    said = progress_words(lang)
    if not holder.get("pid"):
        return said["busy_unknown"].format(out=out)
    return said["busy"].format(out=out, pid=holder.get("pid"), command=holder.get("command", "?"),
                               started=holder.get("started", "?"))
