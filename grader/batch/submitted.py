"""When a student submitted, as their folder says: the `created_at` of a Gradescope
`submission_metadata.json` in it, else the committer date of their git clone's last commit
(what `git log -1 --format=%cI` prints). Read when the student is graded, kept in their results.json
(`batch.submitted`), used by the late penalty (policy.py) unless the instructor's times.csv names
the student. Both come from the student's own files, which a student can forge; a deadline that
must hold takes its times from the platform (times.csv).

git is never run: a clone's own .git/config can make git run programs of its choosing (a partial
clone's lazy fetch runs `remote.origin.uploadpack` through a shell), so the commit is read from
the files of `.git` as plain data (gitread.py), with nothing of its configuration read.
"""
from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from .gitread import commit_time
from .policy import PolicyError, parse_time
from .students import Student

METADATA_BYTES = 2**20


def submission_time(student: Student) -> dict | None:
    """{"time": ISO, "from": "gradescope" | "git"} from the student's folder, or None (also
    when the folder cannot be read: that is said by the grading, not here)."""
    try:
        if student.is_zip or not student.source.is_dir():
            return None
    except OSError:
        return None
    found = _gradescope_time(student.source / "submission_metadata.json")
    if found:
        return {"time": found, "from": "gradescope"}
    found = _git_time(student.source)
    return {"time": found, "from": "git"} if found else None


def _gradescope_time(path: Path) -> str | None:
    """`created_at` of Gradescope's submission_metadata.json (the submission's time)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        try:  # a regular file only: a FIFO would block the read
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            text = os.read(fd, METADATA_BYTES + 1)
        finally:
            os.close(fd)
        if len(text) > METADATA_BYTES:
            return None
        data = json.loads(text.decode("utf-8"))
        return parse_time(str(data["created_at"]), str(path)).isoformat()
    except (OSError, ValueError, KeyError, TypeError, PolicyError):
        return None


def _git_time(folder: Path) -> str | None:
    """The committer date of the clone's last commit, read from its `.git` as data: git is not
    run, so nothing the clone configures can run (see gitread)."""
    found = commit_time(folder)
    return found.isoformat() if found else None
