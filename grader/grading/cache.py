"""Exercise results by everything they depend on, so that identical work is graded once.

In a batch every student gets the same seed; students whose files for an exercise are byte for
byte the same (an untouched stub, the book's code typed in, a shared copy) get the same result,
so it is graded once and reused. The key holds the exercise, the seed and a digest of every file
the exercise's copy receives (`SubmissionFiles.needed`); one cache serves one run (one bank,
one set of options).

`ReferenceCache` keeps the reference solution's results by exercise and seed, the same for
every student of a run.
"""
from __future__ import annotations

import dataclasses
import hashlib
import threading
from collections import OrderedDict
from typing import Callable

from ..results import ExerciseResult
from .sources import Source
from .sources.submission import SubmissionFiles, needed


class ResultCache:
    def __init__(self, limit: int = 20_000):
        self.limit = limit
        self.hits = self.misses = 0
        self._results: OrderedDict[str, ExerciseResult] = OrderedDict()
        self._lock = threading.Lock()
        self.references = ReferenceCache()
        """shared by the graders of the run, as the results are"""

    @staticmethod
    def key(exercise_id: str, seed: int, files: SubmissionFiles, source: Source) -> str:
        """The exercise, the seed, every file the exercise's copy receives and what the source
        says of itself (a notebook's name and cells, its notes: they are in the result)."""
        digest = hashlib.sha256(f"{exercise_id}\0{seed}".encode())
        pool = {**files.files, **source.overlay}
        for name in sorted(needed(pool, source.file, source.paths, source.edges)):
            digest.update(b"\0" + name.encode("utf-8", "surrogateescape") + b"\0"
                          + hashlib.sha256(pool[name]).digest())  # a name in bytes, not UTF-8
        digest.update(repr(dataclasses.replace(source, overlay={})).encode())
        return digest.hexdigest()

    def get(self, key: str) -> ExerciseResult | None:
        with self._lock:
            found = self._results.get(key)
            if found is None:
                self.misses += 1
            else:
                self.hits += 1
                self._results.move_to_end(key)
            return found

    def put(self, key: str, result: ExerciseResult) -> None:
        with self._lock:
            self._results[key] = result
            while len(self._results) > self.limit:
                self._results.popitem(last=False)


Reference = tuple  # (raw data by check position | None, why there is none | None)


class ReferenceCache:
    """The reference solution's results by (exercise, seed): the same for every submission graded
    with that seed, so it runs once per exercise and seed. A failed run (a machine too busy, say)
    is not kept, so it is not handed to everyone."""

    def __init__(self, limit: int = 1_000):
        self.limit = limit
        """results kept; a batch has one seed, so one per exercise is enough"""
        self._found: dict[tuple[str, int], Reference] = {}
        self._lock = threading.Lock()

    def get(self, exercise_id: str, seed: int, run: Callable[[], Reference]) -> Reference:
        key = (exercise_id, seed)
        with self._lock:
            if key in self._found:
                return self._found[key]
        found = run()  # outside the lock: two workers may both run it once, never wait for it
        if found[1] is None:
            with self._lock:
                if len(self._found) >= self.limit:
                    self._found.clear()
                self._found[key] = found
        return found
