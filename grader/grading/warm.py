"""Warm workers started first, before the grader loads anything else.

A warm worker is a new interpreter that imports numpy and the standard library, about as long to
start as the grader itself. Started at the grader's first moment, its start overlaps the
grader's own (numpy, the bank, the submission) instead of following it. It is a new interpreter
(`python -I`), not a fork of the grader: a fork would carry the grader's whole environment (in
`/proc/self/environ`, whatever `os.environ` says afterwards), its hash secret and its memory into
every student process; this way nothing of the bank, no expected value and no variable beyond
the allow-list (`client.job_environment`) is ever in it.

This module imports only the standard library and the sandbox's client, so that `grader check`
can start the workers before it imports numpy.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from .sandbox.client import Limits, Sandbox
from .scratch import new_home


def usable_cores() -> int:
    """The cores this process may use (Slurm and cgroups may allow fewer than the machine has)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return os.cpu_count() or 1


def start_sandboxes(count: int, workdir: Path | None = None,
                    limits: Limits = Limits()) -> list[Sandbox]:
    """`count` sandboxes, each in a home folder of its own, their warm workers starting now.
    Whoever takes one over (`Runner`) closes it and removes its folder; `discard` does both for
    those never taken."""
    sandboxes: list[Sandbox] = []
    try:
        for _ in range(count):
            sandboxes.append(Sandbox(new_home(workdir), limits))
            sandboxes[-1].start()
    except BaseException:
        discard(sandboxes)
        raise
    return sandboxes


def discard(sandboxes: list[Sandbox]) -> None:
    """Close sandboxes that no grader took over, and remove their folders."""
    for sandbox in sandboxes:
        sandbox.stop()
        sandbox.close()
        shutil.rmtree(sandbox.home, ignore_errors=True)
