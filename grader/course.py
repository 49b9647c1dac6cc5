"""The bank a command reads, and what it says of it.

An instructor's course folder works without reinstalling: run inside a checkout, or a folder
holding `exercises/` with p*.yaml files (or below one), the grader reads that bank rather than
the installed one, and says so in a line; `grader validate` finds `solutions/` beside it. A
bank inside the work being graded is never taken: a submission cannot bring its own checks.
A spec that does not load stops only its own exercise (see `bank.catalogue`): each problem is
said in a line too.
"""
from __future__ import annotations

from pathlib import Path

from . import paths
from .bank.catalogue import Bank, installed_exercises_dir, local_exercises_dir
from .render.words import bank_words


def course_bank(graded: Path | None, lang: str | None) -> tuple[Path | None, str | None]:
    """(the bank to read, None for the default; the line that says which). `graded`: the
    folder a command grades, if any."""
    local = local_exercises_dir()
    if local is None:
        return None, None
    try:
        inside = graded is not None and graded.is_dir() and paths.inside(local, graded)
    except OSError:  # a folder that cannot be searched: the command says so itself
        inside = False
    if inside:
        return installed_exercises_dir(), None
    return None, bank_words(lang)["local"].format(folder=local)


def problems_said(bank: Bank, specs: list, lang: str | None) -> list[str]:
    """A line for each problem of the bank's files that touches `specs` (a broken spec of
    theirs), or no exercise at all (a file named p….yaml without a number)."""
    words = bank_words(lang)
    broken = {s.problem: s.id for s in specs if s.problem}
    stand_ins = {s.problem for s in bank.specs if s.problem}
    lines = []
    for problem in map(str, bank.problems):
        if problem in broken:
            lines.append(words["broken"].format(id=broken[problem], problem=problem))
        elif problem not in stand_ins:
            lines.append(words["stray"].format(problem=problem))
    return lines
