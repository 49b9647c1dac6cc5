"""Which files of a submission are meant for which exercise, by their names.

Students misname files: `P211.py`, `p209 (1).py` (a second download), `p214.py.txt` (saved by
an editor that adds .txt), `문제209.py`, and keep them in a subfolder (`hw5/`). Each such file is
a *candidate* for its exercise, ranked: the exact name `p209.py` first, then a name that differs
only in case, separators or a `.txt` ending, then a copy's name; a file in the submission's main
folder (the one holding the most exercise files and notebooks) before one elsewhere.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

COPY = r"(?:\s*\(\d+\)|\s*-?\s*(?:copy|복사본|사본)(?:\s*\(?\d+\)?)?|[_-]copy(?:\d+)?|\s+\d+)"
NAME = re.compile(r"^(?:p|prob|problem|ex|exercise|문제)?[ _.-]?0*(\d{3})(" + COPY
                  + r")?\.py(\.txt)?$", re.I)


@dataclass(frozen=True)
class Candidate:
    path: str
    """relative to the submission folder"""
    exercise: str
    rank: int
    """0: the exact name; 1: case, separators or .txt; 2: a copy's name"""

    @property
    def folder(self) -> str:
        return self.path.rpartition("/")[0]


def candidate(path: str) -> Candidate | None:
    """The exercise a file's name means, if any."""
    name = path.rpartition("/")[2]
    found = NAME.match(name)
    if not found:
        return None
    exercise = str(int(found.group(1)))
    if name == f"p{exercise}.py":
        rank = 0
    elif found.group(2):
        rank = 2
    else:
        rank = 1
    return Candidate(path, exercise, rank)


def exact(name: str) -> str | None:
    """The exercise of a file named exactly as the grader names it (`p209.py`, no folder): the
    modules of an exercise in a copy, the files pytest collects. None for any other name."""
    found = candidate(name) if "/" not in name else None
    return found.exercise if found is not None and found.rank == 0 else None


def candidates(paths) -> dict[str, list[Candidate]]:
    """exercise -> its candidates among `paths`, best first (main folder not yet considered)."""
    found: dict[str, list[Candidate]] = {}
    for path in paths:
        c = candidate(path)
        if c is not None:
            found.setdefault(c.exercise, []).append(c)
    for listed in found.values():
        listed.sort(key=lambda c: (c.rank, c.path.count("/"), c.path))
    return found


def main_folder(counts: dict[str, int]) -> str:
    """The folder with the most exercise sources; a tie goes to the shallower, then by name."""
    if not counts:
        return ""
    return min(counts, key=lambda f: (-counts[f], f.count("/") + bool(f), f))


def ranked(listed: list[Candidate], main: str) -> list[Candidate]:
    return sorted(listed, key=lambda c: (c.folder != main, c.rank, c.path.count("/"), c.path))
