"""When a student submitted, as their folder says: the `created_at` of a Gradescope
`submission_metadata.json` in it, else the committer date of their git clone's last commit
(`git log -1 --format=%cI`). Read when the student is graded, kept in their results.json
(`batch.submitted`), used by the late penalty (policy.py) unless the instructor's times.csv names
the student. Both come from the student's own files, which a student can forge; a deadline that
must hold takes its times from the platform (times.csv).

`git` runs without a shell, with a time limit, never asking for anything, and with every setting
through which the clone's own .git/config could make `git log` run a program switched off.
"""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from .policy import PolicyError, parse_time
from .students import Student

GIT_SECONDS = 10
"""at most this long for `git log` in one student's clone"""
METADATA_BYTES = 2**20


def submission_time(student: Student) -> dict | None:
    """{"time": ISO, "from": "gradescope" | "git"} from the student's folder, or None."""
    if student.is_zip or not student.source.is_dir():
        return None
    found = _gradescope_time(student.source / "submission_metadata.json")
    if found:
        return {"time": found, "from": "gradescope"}
    found = _git_time(student.source)
    return {"time": found, "from": "git"} if found else None


def _gradescope_time(path: Path) -> str | None:
    """`created_at` of Gradescope's submission_metadata.json (the submission's time)."""
    try:
        if path.stat().st_size > METADATA_BYTES:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        return parse_time(str(data["created_at"]), str(path)).isoformat()
    except (OSError, ValueError, KeyError, TypeError, PolicyError):
        return None


GIT_SAFE = ("-c", "core.fsmonitor=false", "-c", "log.showSignature=false",
            "-c", "gpg.program=false", "-c", "gpg.ssh.program=false",
            "-c", "gpg.x509.program=false")
"""the student's clone holds its own .git/config: none of it may make `git log` run a program
(a signature check runs gpg.program, which the clone could name)"""


def _git_time(folder: Path) -> str | None:
    """The committer date of the clone's last commit; `git` run without a shell, with a time
    limit, never asking for anything, and never running a program the clone names."""
    if not (folder / ".git").exists():
        return None
    try:
        done = subprocess.run(
            ["git", *GIT_SAFE, "-C", str(folder), "log", "-1", "--no-show-signature",
             "--format=%cI"], capture_output=True,
            text=True, timeout=GIT_SECONDS, stdin=subprocess.DEVNULL,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"})
    except (OSError, subprocess.SubprocessError):
        return None
    text = done.stdout.strip()
    if done.returncode != 0 or not text:
        return None
    try:
        return parse_time(text, "git").isoformat()
    except PolicyError:
        return None
