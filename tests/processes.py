"""The processes a test started, told apart from every other process on the machine.

Tests run side by side (pytest-xdist's workers, other test runs on a shared machine), so a test
that asserts "nothing left behind" must look only at what it started itself: its own
descendants that were not there when it began, and the detached processes an attack starts
(which leave the process tree) by a marker unique to the test in their command line.
"""
from __future__ import annotations

import itertools
import os
import time
from pathlib import Path

SETTLE = 30.0
"""seconds a killed process may take to vanish from /proc on a busy machine: only a test that
fails waits this long"""

_MARKERS = itertools.count(1)


def new_marker() -> str:
    """A number of seconds unique to this test among all tests of all runs on the machine,
    `987.<pid><n>`: the attacks' `sleep 987` made `sleep <marker>` is then this test's alone
    (`sleep` and `time.sleep` take it as they took 987)."""
    return f"987.{os.getpid()}{next(_MARKERS):04d}"


def _stats() -> dict[int, tuple[int, int, str]]:
    """{pid: (parent pid, start time, command name)} of every process there is now."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:  # it ended meanwhile
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        found[int(entry)] = (int(fields[1]), int(fields[19]), name)  # ppid, starttime
    return found


def _descendants(stats: dict, root: int) -> set[tuple[int, int]]:
    children: dict[int, list[int]] = {}
    for pid, (parent, _, _) in stats.items():
        children.setdefault(parent, []).append(pid)
    found, todo = set(), list(children.get(root, ()))
    while todo:
        pid = todo.pop()
        found.add((pid, stats[pid][1]))
        todo.extend(children.get(pid, ()))
    return found


def descendants() -> frozenset[tuple[int, int]]:
    """This process's descendants now, each as (pid, start time): a pid alone may be another
    process's by the time it is read again. Take it when a test begins, for `leftovers`."""
    return frozenset(_descendants(_stats(), os.getpid()))


def _marked(stats: dict, marker: str) -> set[tuple[int, int]]:
    found = set()
    for pid, (_, started, name) in stats.items():
        if name != "sleep":
            continue
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if cmdline[:2] == [b"sleep", marker.encode()]:
            found.add((pid, started))
    return found


def leftovers(before: frozenset = frozenset(), marker: str | None = None,
              settle: float = SETTLE) -> list[int]:
    """The pids of what this test left running: its descendants that were not among `before`,
    and the processes whose command line is `sleep <marker>` (detached ones leave the process
    tree). A process the grader killed a moment ago may still be there: this waits up to
    `settle` seconds for what it finds to end, and returns what is still there then."""
    deadline = time.monotonic() + settle
    while True:
        stats = _stats()
        left = _descendants(stats, os.getpid()) - before
        if marker is not None:
            left |= _marked(stats, marker)
        if not left or time.monotonic() > deadline:
            return sorted(pid for pid, _ in left)
        time.sleep(0.05)
