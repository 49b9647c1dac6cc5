"""The one scheduler of `grader check` and `grader batch` (`grading/pool.py`), with stand-in
graders: items taken in order, each told to the `done` hook, a stop that lets what is begun
finish, an abandon that ends the jobs and tells nobody, a grader's failure raised or reported,
Ctrl-C in the calling thread, and the sandboxes given beforehand. No test waits for a guessed
time: the stand-ins signal each other with events."""
from __future__ import annotations

import threading
import time

import pytest

from grader.grading.pool import GraderPool

WAIT = 60.0
"""seconds an event may take (a busy machine); only a failing test waits this long"""


def until(condition) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline
        time.sleep(0.01)


class Stand:
    """A grader that does nothing but record what the pool asks of it."""

    def __init__(self, sandbox=None):
        self.sandbox, self.stopped, self.closed = sandbox, threading.Event(), False

    def stop(self):
        self.stopped.set()

    def close(self):
        self.closed = True


class Given:
    """A sandbox started beforehand (`pool.close_sandbox` closes one no grader takes)."""

    def __init__(self, home):
        self.home, self.closed = str(home), False

    def close(self):
        self.closed = True


def test_the_items_go_in_order_to_whichever_grader_is_free_and_done_is_told_each():
    pool = GraderPool(Stand, 3)
    seen, told = [], []
    lock = threading.Lock()

    def work(grader, item):
        with lock:
            seen.append(item)
        return item * 10

    pool.run(range(20), work, done=lambda item, result: told.append((item, result)))
    assert seen == sorted(seen) == list(range(20))  # taken in order, each once
    assert sorted(told) == [(i, i * 10) for i in range(20)]
    pool.close()
    assert all(g.closed for g in pool.graders) and not any(g.stopped.is_set()
                                                           for g in pool.graders)


def test_workers_limits_the_graders_that_take_work():
    pool = GraderPool(Stand, 3)
    used = set()
    pool.run(range(10), lambda grader, item: used.add(id(grader)), workers=1)
    assert used == {id(pool.graders[0])}  # the calling thread's, alone


def test_a_stop_finishes_what_is_begun_and_starts_only_what_continues_it():
    """Items are (student, part); a student begun is finished after the stop, the others are
    not begun (as a batch's first Ctrl-C does)."""
    pool = GraderPool(Stand, 1)
    begun, gate, graded = set(), threading.Event(), []
    items = [("ann", 1), ("ann", 2), ("bob", 1), ("bob", 2)]
    reached = threading.Event()

    def work(grader, item):
        begun.add(item[0])
        if item == ("ann", 1):
            reached.set()
            assert gate.wait(WAIT)
        return item

    shift = pool.start(items, work, done=lambda item, result: graded.append(item),
                       begun=lambda item: item[0] in begun)
    assert reached.wait(WAIT)
    assert shift.in_progress() == [("ann", 1)]
    shift.stop()
    gate.set()
    shift.join()
    assert graded == [("ann", 1), ("ann", 2)] and "bob" not in begun
    assert shift.in_progress() == []


def test_an_abandon_stops_every_grader_and_tells_nobody_what_they_gave():
    pool = GraderPool(Stand, 2)
    started, told = threading.Barrier(3, timeout=WAIT), []

    def work(grader, item):
        started.wait()
        assert grader.stopped.wait(WAIT)  # a job that ends only when its sandbox is stopped
        return "what a killed job gave"

    shift = pool.start(range(5), work, done=lambda item, result: told.append(item))
    started.wait()  # both graders are in a job
    assert sorted(shift.in_progress()) == [0, 1]
    pool.abandon()
    shift.join()
    assert told == [] and all(g.stopped.is_set() for g in pool.graders)
    assert shift.failures == []


def test_a_graders_failure_stops_the_shift_and_is_raised_by_run():
    pool = GraderPool(Stand, 2)
    taken, shifts = [], []

    def work(grader, item):
        taken.append(item)
        if item == 0:
            until(lambda: 1 in taken)  # the other grader is in a job
            raise RuntimeError("a bug of the grader")
        until(lambda: shifts and shifts[0].failures)  # the other grader's failure is known
        return item

    shifts.append(pool.start(range(100), work))
    shifts[0].join()
    assert sorted(taken) == [0, 1]  # nothing new begins after it
    assert [str(e) for e in shifts[0].failures] == ["a bug of the grader"]

    def broken(grader, item):
        raise RuntimeError(f"a bug of the grader at {item}")

    with pytest.raises(RuntimeError, match="a bug of the grader at 0"):
        pool.run(range(100), broken, workers=1)


def test_a_failure_told_to_failed_ends_its_thread_and_the_others_go_on():
    pool = GraderPool(Stand, 2)
    failures, graded = [], []
    first = threading.Event()

    def work(grader, item):
        if item == 0:
            raise OSError("the disk is full")
        assert first.wait(WAIT)  # the failure is known before the rest is graded
        return item

    def failed(error, item):
        failures.append((str(error), item))
        first.set()

    shift = pool.start(range(6), work, done=lambda item, result: graded.append(item),
                       failed=failed)
    shift.join()
    assert failures == [("the disk is full", 0)] and sorted(graded) == [1, 2, 3, 4, 5]
    assert shift.failures == [] and not shift.alive()


def test_ctrl_c_in_the_calling_thread_abandons_the_jobs_and_leaves_no_thread():
    pool = GraderPool(Stand, 2)
    other_in_job = threading.Event()

    def work(grader, item):
        if grader is pool.graders[0]:  # the calling thread's grader
            assert other_in_job.wait(WAIT)
            raise KeyboardInterrupt
        other_in_job.set()
        assert grader.stopped.wait(WAIT)
        return item

    before = set(threading.enumerate())
    with pytest.raises(KeyboardInterrupt):
        pool.run(range(4), work)
    assert all(g.stopped.is_set() for g in pool.graders)
    assert set(threading.enumerate()) <= before  # the other thread was waited for


def test_sandboxes_given_go_to_the_first_graders_and_the_spare_ones_are_closed(tmp_path):
    given = [Given(tmp_path / f"home{i}") for i in range(3)]
    pool = GraderPool(Stand, 2, given)
    assert [g.sandbox for g in pool.graders] == given[:2]
    assert [s.closed for s in given] == [False, False, True]
    pool = GraderPool(Stand, 3, given[:1])
    assert [g.sandbox for g in pool.graders] == [given[0], None, None]


def test_a_grader_that_cannot_be_made_leaves_nothing_open(tmp_path):
    given = [Given(tmp_path / f"home{i}") for i in range(3)]
    made = []

    def make(sandbox):
        if len(made) == 1:
            raise MemoryError
        made.append(Stand(sandbox))
        return made[-1]

    with pytest.raises(MemoryError):
        GraderPool(make, 3, given)
    assert made[0].closed and [s.closed for s in given] == [False, True, True]


class Counting(Stand):
    """A stand-in that also records being told it takes the last item of a final run, with
    the items whose work had begun by then (`begun`, shared by the pool's stand-ins)."""

    begun: list = []

    def __init__(self, sandbox=None):
        super().__init__(sandbox)
        self.told: list[list] = []
        self.worked: list = []

    def last_item(self):
        self.told.append(list(self.begun))


@pytest.mark.parametrize("count", [1, 2, 5])
def test_a_final_run_tells_the_grader_that_takes_the_last_item_before_it_works(count):
    pool = GraderPool(Counting, 3)
    Counting.begun = []
    lock = threading.Lock()

    def work(grader, item):
        with lock:
            Counting.begun.append(item)
        grader.worked.append(item)
        return item

    pool.run(range(count), work, final=True)
    (told,) = [g for g in pool.graders if g.told]  # one grader, once
    assert len(told.told) == 1
    assert told.worked[-1] == count - 1  # the one that did the last item...
    assert count - 1 not in told.told[0]  # ...told before its work began
    pool.run(range(count), work)  # not final: nobody is told
    assert sum(len(g.told) for g in pool.graders) == 1
