"""Exercise results by everything they depend on, so that identical work is graded once.

In a batch every student gets the same seed; students whose files for an exercise are byte for
byte the same (an untouched stub, the book's code typed in, a shared copy) get the same result,
so it is graded once and reused. The key holds the exercise, the seed and a digest of every file
the exercise's copy receives (`SubmissionFiles.needed`); one cache serves one run (one bank,
one set of options).

It also keeps the reference solution's results by exercise and seed (`references`), the same
for every student of a run.
"""
from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

from .results import ExerciseResult
from .submission import SubmissionFiles


class ResultCache:
    def __init__(self, limit: int = 20_000):
        self.limit = limit
        self.hits = self.misses = 0
        self._results: OrderedDict[str, ExerciseResult] = OrderedDict()
        self._lock = threading.Lock()
        self.references: dict[tuple[str, int], tuple] = {}
        """(exercise, seed) -> the reference run's raw data and failure (see engine.Grader)"""

    @staticmethod
    def key(exercise_id: str, seed: int, files: SubmissionFiles, filename: str) -> str:
        digest = hashlib.sha256(f"{exercise_id}\0{seed}".encode())
        for name in sorted(files.needed(filename)):
            digest.update(b"\0" + name.encode() + b"\0" + hashlib.sha256(files.files[name]).digest())
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
