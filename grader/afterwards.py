"""What a command may leave until its answer is out.

`grader check`'s answer is its report, its files and its exit code. Ending its warm workers
(each waits for its next job's process, forked ahead, to end, then removes its cgroup) changes
none of them, and need not hold them back:
- the warm grader's fork that answers a call (`server.serve`) defers it: `deferring()` before
  the command runs, `run_deferred()` once the caller has its exit code;
- the `grader` command itself (`launch.entry`) leaves it: `leaving()` before the command runs,
  and `closed_later` then closes nothing when its block ends well. The command exits once its
  answer is out, and its workers end by themselves as their sockets close with it: each ends
  what its jobs left and removes its cgroup, as when a grader is killed outright (see
  `zygote.serve`). Every job whose result was reported had ended before its report, and the
  command's working copies, its workers' folders among them, are removed before it exits
  (`scratch`).
Anywhere else (a kernel, pytest, a batch's own graders) nothing waits: `later` runs its
callback at once, and `closed_later` is the context manager it wraps. An error or Ctrl-C
closes at once: a job in progress must not outlive it.
"""
from __future__ import annotations

_pending: list | None = None
"""the callbacks left for after the answer; None: nothing is deferred in this process"""
_leaving = False
"""whether this process exits right after its answer (`leaving`)"""


def deferring() -> None:
    """From now on, `later` keeps its callbacks for `run_deferred`."""
    global _pending
    _pending = []


def leaving() -> None:
    """This process exits once its answer is out: `closed_later` leaves its resource to end with
    it."""
    global _leaving
    _leaving = True


def later(callback) -> None:
    """`callback()` once the answer is out: now, unless this process defers it."""
    if _pending is None:
        callback()
    else:
        _pending.append(callback)


def run_deferred() -> None:
    """Run what was left, in order; every callback runs even if one before it failed (the
    first failure is raised after them)."""
    global _pending
    pending, _pending = _pending or [], None
    failure = None
    for callback in pending:
        try:
            callback()
        except BaseException as e:  # noqa: BLE001 (raised below, after the others ran)
            failure = failure or e
    if failure is not None:
        raise failure


class closed_later:
    """`with closed_later(resource):` as `with resource:`, except that a block that ends
    without an exception leaves the resource's exit to `later`, or to the process's exit when
    it is `leaving`. One that raises (Ctrl-C, an error) exits it at once: a job in progress
    must not outlive it."""

    def __init__(self, resource):
        self.resource = resource

    def __enter__(self):
        return self.resource.__enter__()

    def __exit__(self, kind, value, traceback):
        if kind is not None:
            return self.resource.__exit__(kind, value, traceback)
        if not _leaving:
            later(lambda: self.resource.__exit__(None, None, None))
        return False
