"""A submission as a path names it: one table of openers, one module each (`folder`, `zipped`,
`notebook`, `pyfile`, `classroom`), every front end's way from a path to the job it grades.

An opener says whether it opens a path (`opens`), what is wrong with one it opens but cannot
grade as given (`check`), and makes it a job (`open`: `grader check` and, for a folder, watch,
pytest and `%grade`; `open(..., alone=True)`: a class's entry in `grader batch`); and, for
`grader check`, how many warm workers the submission may want and whether a notebook may be in
it. The table is every module of this package that names an `OPENER`, tried by rank: a new way
to hand in work is one module here (and its test), found without being listed anywhere else.
"""
from __future__ import annotations

import contextlib
import importlib
import pkgutil
from pathlib import Path
from typing import TYPE_CHECKING

from .base import IGNORED, NotASubmission, Opened, Opener, Refused

if TYPE_CHECKING:
    from ..grading.job import GradingJob
    from ..grading.sources.notebook import Notebook  # `%grade`'s; loaded by the extension

__all__ = ["IGNORED", "NotASubmission", "Opened", "Opener", "Refused", "TABLE", "find",
           "folder_job", "named", "opener_for"]


def _table() -> tuple[Opener, ...]:
    """The `OPENER` of every module of this package (those that name none are helpers)."""
    found = []
    for module in pkgutil.iter_modules(__path__):
        opener = getattr(importlib.import_module(f"{__name__}.{module.name}"), "OPENER", None)
        if isinstance(opener, Opener):
            found.append(opener)
    return tuple(sorted(found, key=lambda o: (o.rank, o.name)))


TABLE = _table()
"""every opener, in the order they are tried"""


def find(path: Path) -> Opener | None:
    """The first opener that opens `path`; None when none does."""
    return next((opener for opener in TABLE if opener.opens(path)), None)


def opener_for(path: Path, lang: str | None = "en") -> Opener:
    """The opener of a path the user gave, or NotASubmission saying, in `lang`, what it is not
    and every kind of submission `grader check` takes (as the table names them)."""
    from ..render.words import usage_words
    from ..settings import LANGS

    found = find(path)
    if found is not None:
        return found
    key = "no_target" if not path.exists() else "not_a_target"
    raise NotASubmission(key, lang, given=path, kinds={
        one: _listed([o.said(one) for o in TABLE if o.said(one)], usage_words(one))
        for one in LANGS})


def _listed(kinds: list[str], words: dict[str, str]) -> str:
    """`a, b or c` in the language of `words`."""
    return words["or"].join([words["comma"].join(kinds[:-1]), kinds[-1]]) \
        if len(kinds) > 1 else "".join(kinds)


def named(name: str) -> Opener:
    """The opener called `name` (`folder`, `zip` …)."""
    return next(opener for opener in TABLE if opener.name == name)


def folder_job(folder: Path, *, name: str | None = None,
               kernel: Notebook | None = None) -> GradingJob:
    """A folder as the one submission it is, whatever else it may look like: the folder a front
    end works in (`--watch`'s, pytest's, the kernel's for `%grade`)."""
    with contextlib.ExitStack() as stack:  # a folder unpacks nothing
        return named("folder").open(folder, stack, name=name, kernel=kernel).job
