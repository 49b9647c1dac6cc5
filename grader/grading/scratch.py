"""Where graders keep the copies of submissions they hand to the sandbox."""
from __future__ import annotations

import os
import tempfile

SCRATCH_CANDIDATES = ("/dev/shm",)
SCRATCH_MIN_FREE = 2 * 2**30


def scratch_dir() -> str | None:
    """Where the graders copy submissions for each exercise: a memory file system when there is
    one with room (creating and deleting the copies on a disk costs more than grading most
    exercises), unless TMPDIR says otherwise."""
    if os.environ.get("TMPDIR"):
        return None
    for candidate in SCRATCH_CANDIDATES:
        try:
            info = os.statvfs(candidate)
        except OSError:
            continue
        if info.f_bavail * info.f_frsize >= SCRATCH_MIN_FREE and os.access(candidate, os.W_OK | os.X_OK):
            return candidate
    return None


def new_home(workdir: os.PathLike | str | None = None) -> str:
    """A folder of its own for one sandbox: the working copies of its jobs go in it, and the
    student's user may pass through it (see `Sandbox`). Whoever runs the sandbox removes it."""
    return tempfile.mkdtemp(prefix="grader-", dir=workdir or scratch_dir())
