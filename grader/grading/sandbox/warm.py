"""Warm workers started first, before the grader loads anything else.

A warm worker is a new interpreter that imports numpy and the standard library: about as long to
start as the grader itself. Started at the grader's first moment, its start overlaps the
grader's own (numpy, the bank, the submission) instead of following it. It is a new interpreter
(`python -I`), not a fork of the grader: a fork would carry into every student process the
grader's whole environment (in `/proc/self/environ`, whatever `os.environ` says afterwards), its
hash secret and its memory; this way no variable beyond the allow-list
(`spawn.job_environment`), nothing of the bank and no expected value is ever in it. The workers
for the other cores are forks of that one once it is warm (on Linux): a fork, not another
interpreter's start, competing with the grader's for the same cores.

Only the standard library is imported here, so that `grader check` can start the workers before
it imports numpy; a `client.Sandbox` takes each over (`Sandbox(home, limits, worker)`).
"""
from __future__ import annotations

import os

import _signal

from .spawn import as_socket, start_worker
from ..scratch import new_home

# Only `os` and builtin modules at the top, with `spawn` and `scratch`: `start_workers` is the
# first thing `grader check` does (see the module's doc); what else this module's functions
# need is imported in them.


class Started:
    """A warm worker started early, in its home folder, until a sandbox takes it over:
    `worker` is its process (None for a sibling, which the first worker forks) and the grader's
    end of its socket."""

    def __init__(self, home: str, worker: tuple, isolation: str = "auto"):
        self.home, self.worker, self.isolation = home, worker, isolation


def usable_cores() -> int:
    """The cores this process may use (Slurm and cgroups may allow fewer than the machine has)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return os.cpu_count() or 1


def start_workers(count: int, workdir: str | None = None, isolation: str = "auto",
                  preload: bool = True) -> list[Started]:
    """`count` warm workers, each with a home folder of its own, starting now: one interpreter,
    and its siblings. Whoever takes one over (a `Sandbox`) closes it and removes its folder;
    `discard` does both for the others. `isolation`: as `--isolation` says (see
    `sandbox.isolation`); `preload`: see `spawn.start_worker`."""
    if count < 1:
        return []
    homes = [new_home(workdir) for _ in range(count)]
    try:
        process, sock, siblings = start_worker(homes[0], siblings=count - 1,
                                               isolation=isolation, homes=homes[1:],
                                               preload=preload)
    except BaseException:
        for home in homes:
            os.rmdir(home)
        raise
    started = [Started(homes[0], (process, sock), isolation)]
    started += [Started(home, (None, s), isolation) for home, s in zip(homes[1:], siblings)]
    try:  # where there are no siblings (not Linux): more interpreters
        for home in homes[len(started):]:
            process, sock, _ = start_worker(home, isolation=isolation, preload=preload)
            started.append(Started(home, (process, sock), isolation))
    except BaseException:
        discard(started)
        raise
    return started


spare_to = None
"""Where warm workers that a command did not use (`spare`) go instead of ending: a process
that keeps them for its next command sets it (the warm grader's answerer hands them back to
its server); None: they end."""


def spare(started: list[Started]) -> None:
    """Workers a command started or was given and will not use, none of them handed a job:
    kept for another command where one will take them (`spare_to`), else ended."""
    if started and spare_to is not None:
        spare_to(started)
    else:
        discard(started)


def discard(started: list[Started]) -> None:
    """End workers that no sandbox took over, and remove their folders. A sibling ends by
    itself once forked, finding its socket closed."""
    import shutil

    for one in started:
        process, sock = one.worker
        sock.close()
        if process is not None:
            try:
                os.killpg(process.pid, _signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            process.wait()
        shutil.rmtree(one.home, ignore_errors=True)


class Mother:
    """A warm worker's image that runs no job and forks new warm workers on request (see
    `zygote._mother`): for the warm grader (grader/server), whose every call takes fresh
    workers, a fork each instead of a new interpreter (a third of a second of CPU) competing
    with the next call. Each worker it forks is as `start_workers`' siblings are: a copy of a
    clean interpreter that holds numpy and nothing of the grader's, which enters its own
    namespaces (`isolation.enter_worker`) before its first job. Linux only."""

    def __init__(self, workdir: str | None = None):
        self.workdir = workdir
        self.home = new_home(workdir)
        try:
            self.process, sock, _ = start_worker(self.home, mother=True)
            self.socket = as_socket(sock)
        except BaseException:
            os.rmdir(self.home)
            raise

    def alive(self) -> bool:
        return self.socket is not None and self.process.poll() is None

    def workers(self, count: int, isolation: str = "auto") -> list[Started]:
        """`count` new warm workers, each in a home folder of its own, forked now (an OSError:
        the mother is gone)."""
        import json
        import socket

        started: list[Started] = []
        try:
            for _ in range(count):
                home = new_home(self.workdir)
                ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
                started.append(Started(home, (None, ours), isolation))
                with theirs:
                    asked = json.dumps({"home": home, "isolation": isolation}).encode()
                    socket.send_fds(self.socket, [asked], [theirs.fileno()])
        except BaseException:
            discard(started)
            raise
        return started

    def forget(self) -> None:
        """This process's copy of the mother's socket closed, the mother left alive (a fork
        of the process that owns it)."""
        if self.socket is not None:
            self.socket.close()
            self.socket = None

    def close(self) -> None:
        """The mother ends (it sees its socket close), and its folder goes."""
        import shutil
        import subprocess

        self.forget()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(self.process.pid, _signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            self.process.wait()
        shutil.rmtree(self.home, ignore_errors=True)
