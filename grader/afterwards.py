"""What a command may leave until its answer is out.

`grader check`'s answer is its report, its files and its exit code. Ending its warm workers
(each waits for its next job's process, forked ahead, to end, then removes its cgroup) changes
none of them, and need not hold them back. The warm grader's fork that answers a call
(`server.serve`) defers it: `deferring()` before the command runs, `run_deferred()` once the
caller has its exit code. Anywhere else nothing is deferred: `later` runs its callback at once,
and `closed_later` is the context manager it wraps.
"""
from __future__ import annotations

_pending: list | None = None
"""the callbacks left for after the answer; None: nothing is deferred in this process"""


def deferring() -> None:
    """From now on, `later` keeps its callbacks for `run_deferred`."""
    global _pending
    _pending = []


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
    without an exception leaves the resource's exit to `later`. One that raises (Ctrl-C, an
    error) exits it at once: a job in progress must not outlive it."""

    def __init__(self, resource):
        self.resource = resource

    def __enter__(self):
        return self.resource.__enter__()

    def __exit__(self, kind, value, traceback):
        if kind is not None:
            return self.resource.__exit__(kind, value, traceback)
        later(lambda: self.resource.__exit__(None, None, None))
        return False
