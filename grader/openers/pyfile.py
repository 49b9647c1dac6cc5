"""One exercise file (`p209.py`, or a near miss such as `p209.py.txt`) given to `grader check`:
graded first, on the exercises it holds, with the folder it works in. In a class a lone `.py`
file is no student's submission: it names neither the student nor, unless it is `p<ID>.py`, the
exercise (a `p209.py` there says ROOT is one student's folder), so a batch passes it over."""
from __future__ import annotations

from pathlib import Path

from ..grading.sources.finder import candidate
from .base import NotASubmission, Opened, Opener, one_file


class PyFile(Opener):
    def check(self, path: Path) -> None:
        if candidate(path.name) is None:
            raise NotASubmission("not_an_exercise_file", given=path)

    def open(self, path, stack, *, alone=False, name=None, workdir=None, kernel=None) -> Opened:
        return one_file(path, name, kernel)

    def workers(self, path: Path, wanted: set[int] | None, cores: int) -> int:
        return 1

    def may_hold_notebook(self, path: Path) -> bool:
        return False


OPENER = PyFile("py", rank=50, words=(("en", "a p<ID>.py file"), ("ko", "p<ID>.py 파일")),
                suffixes=(".py", ".py.txt"))
