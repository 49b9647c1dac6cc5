"""A process told apart from a later one that has its pid: by when it started. Only `os`: the
warm worker imports it before it serves (scratch.py's folders and the cgroups are named by the
grader's pid and start)."""
from __future__ import annotations

import os


def started(pid: int) -> int:
    """When process `pid` started (clock ticks after boot, /proc/<pid>/stat's 22nd field); 0
    when there is no such process (or no /proc: then nothing is ever taken for gone)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return int(f.read().rsplit(b")", 1)[1].split()[19])
    except FileNotFoundError:
        return 0 if os.path.isdir("/proc/self") else -1
    except (OSError, ValueError, IndexError):
        return -1
