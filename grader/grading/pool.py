"""Graders side by side: a warm sandbox each, and threads that share one queue of work.

The one scheduler of `grader check` (a submission's exercises: `engine.SpreadGrader`, and
`--watch` through it) and `grader batch` (students, or their exercises: `batch/run.py`). Its
users say what a work item is, what a grader does with one (`work`) and what follows once it
is done (`done`); the pool does the rest: the next item in order goes to whichever grader is
free, a stop lets what is begun finish and starts nothing new, an abandon ends the jobs in
progress at once, a grader's own failure is raised or reported, and Ctrl-C leaves no job and
no thread behind. The work is done in the sandboxes' processes, so threads suffice.
"""
from __future__ import annotations

import shutil
import threading
from typing import Any, Callable, Iterable, Protocol, Sequence

from .sandbox.client import Sandbox


class PooledGrader(Protocol):
    """What the pool asks of a grader (`engine.Grader`): to end its job now, and to close. A
    grader may also have `last_item()`, told when it takes the last item of a `final` run."""

    def stop(self) -> None: ...

    def close(self) -> None: ...


Work = Callable[[Any, Any], Any]
"""(grader, item) -> what `done` is told"""
Done = Callable[[Any, Any], None]
"""(item, what `work` gave)"""
Failed = Callable[[BaseException, Any], None]
"""(the failure, the item in progress or None)"""


class GraderPool:
    """`count` graders, made by `make(sandbox)`: the sandboxes given first (started beforehand;
    those beyond `count` are closed), then None (the grader starts its own). `close` closes
    them all."""

    def __init__(self, make: Callable[[Sandbox | None], PooledGrader], count: int,
                 sandboxes: Sequence[Sandbox] = ()):
        given = list(sandboxes)
        self.graders: list = []
        self.abandoned = False
        """set by `abandon`: no grader of the pool takes work after"""
        try:
            for position in range(count):
                self.graders.append(make(given[position] if position < len(given) else None))
        except BaseException:
            self.close()
            for sandbox in given[len(self.graders):]:  # the failed grader's among them
                close_sandbox(sandbox)
            raise
        for spare in given[count:]:
            close_sandbox(spare)

    def start(self, items: Iterable, work: Work, *, done: Done | None = None,
              failed: Failed | None = None, begun: Callable[[Any], bool] | None = None,
              workers: int | None = None) -> Shift:
        """The first `workers` graders (all by default) take `items` in order, a thread each,
        from now on; the calling thread goes on (it watches the `Shift`). `done(item, result)`
        is told each item's result, one at a time, from the thread that did it (never after an
        abandon). `failed` is told a grader's own failure (the thread that met it then ends,
        the others go on); without it the first failure stops the shift, and `Shift.failures`
        holds it. `begun(item)`: whether an item continues something begun, which a stop lets
        through."""
        shift = Shift(self, self.graders[:workers or len(self.graders)], items, work, done,
                      failed, begun)
        shift.start(calling_thread=False)
        return shift

    def run(self, items: Iterable, work: Work, *, done: Done | None = None,
            workers: int | None = None, final: bool = False) -> None:
        """As `start`, with the calling thread as the first worker, until every item is done;
        the first failure of any grader is raised here. Ctrl-C in the calling thread abandons
        the jobs in progress, waits for the other threads, and is raised. `final`: the graders
        close after this run; the one that takes the last item is told (`last_item`)."""
        shift = Shift(self, self.graders[:workers or len(self.graders)], items, work, done,
                      None, None, final)
        try:
            shift.start(calling_thread=True)
            shift.join()
        except BaseException:  # no job outlives it, and no thread goes on
            self.abandon()
            shift.join()
            raise
        if shift.failures:
            raise shift.failures[0]

    def abandon(self) -> None:
        """End every grader's job in progress now (from any thread); what they were doing is
        given to nobody (`done` is not told), and they take no work after."""
        self.abandoned = True
        for grader in self.graders:
            grader.stop()

    def close(self) -> None:
        for grader in self.graders:
            grader.close()


class Shift:
    """One queue of work shared by some of a pool's graders (see `GraderPool.start`)."""

    def __init__(self, pool: GraderPool, graders: list, items: Iterable, work: Work,
                 done: Done | None, failed: Failed | None, begun: Callable[[Any], bool] | None,
                 final: bool = False):
        self.pool, self.graders = pool, graders
        self._items = iter(items)
        self._final = final
        self._ahead: list = []
        """the item after the one taken, read ahead in a final run (is that one the last?)"""
        self._work, self._done, self._failed = work, done, failed
        self._begun = begun or (lambda item: False)
        self._taking, self._telling = threading.Lock(), threading.Lock()
        self._stopping = threading.Event()
        self._current: dict[int, Any] = {}
        """grader's position -> the item it works on"""
        self.failures: list[BaseException] = []
        self.threads: list[threading.Thread] = []

    def start(self, calling_thread: bool) -> None:
        """A thread per grader; with `calling_thread`, the first grader's work is the calling
        thread's, done before this returns."""
        first = 1 if calling_thread else 0
        self.threads = [threading.Thread(target=self._serve, args=(position, grader),
                                         name=f"grader-{position}", daemon=True)
                        for position, grader in enumerate(self.graders) if position >= first]
        for thread in self.threads:
            thread.start()
        if calling_thread and self.graders:
            self._serve(0, self.graders[0], calling=True)

    def stop(self) -> None:
        """No new work (an item that continues something begun excepted); what is in progress
        finishes (from any thread)."""
        self._stopping.set()

    def alive(self) -> bool:
        return any(thread.is_alive() for thread in self.threads)

    def join(self) -> None:
        for thread in self.threads:
            if thread.ident is not None:  # (Ctrl-C may come before every thread started)
                thread.join()

    def in_progress(self) -> list:
        """The items being worked on now, until `done` was told."""
        return list(self._current.values())

    def _take(self) -> tuple[bool, Any, bool]:
        """(whether there is an item for this worker, the item, whether it is the last of a
        final run)."""
        with self._taking:
            if self.pool.abandoned:
                return False, None, False
            for item in (self._ahead or self._items):
                self._ahead = []
                if self._stopping.is_set() and not self._begun(item):
                    return False, None, False  # stopping: nothing new begins
                if self._final:
                    following = next(self._items, _END)
                    self._ahead = [] if following is _END else [following]
                return True, item, self._final and not self._ahead
            return False, None, False

    def _serve(self, position: int, grader, calling: bool = False) -> None:
        try:
            while True:
                some, item, last = self._take()
                if not some:
                    return
                if last and hasattr(grader, "last_item"):
                    grader.last_item()
                self._current[position] = item
                result = self._work(grader, item)
                if self.pool.abandoned:
                    return  # what a stopped sandbox gave is nobody's result
                if self._done is not None:
                    with self._telling:  # one at a time: the hook need not be thread-safe
                        self._done(item, result)
                del self._current[position]
        except BaseException as error:
            if calling and not isinstance(error, Exception):
                raise  # Ctrl-C: `GraderPool.run`'s to handle
            self._fail(error, self._current.get(position))
        finally:
            self._current.pop(position, None)

    def _fail(self, error: BaseException, item) -> None:
        """A grader's own failure: after an abandon, what stopping did; else told to `failed`,
        or it stops the shift and is kept."""
        if self.pool.abandoned:
            return
        if self._failed is not None:
            self._failed(error, item)
        else:
            self.stop()
            self.failures.append(error)


_END = object()
"""what `next` gives for an iterator of items that has none left"""


def close_sandbox(sandbox: Sandbox) -> None:
    """End a sandbox no grader took, and remove its home (`grader batch` closes its early one
    with this too)."""
    sandbox.close()
    shutil.rmtree(sandbox.home, ignore_errors=True)
