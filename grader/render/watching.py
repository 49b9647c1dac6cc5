"""What `grader check --watch` prints after a save, in the order it is known: a heading (the
files that changed and the exercises graded again, or why none is), then each exercise as soon
as it is graded (its status and points, what they were when they changed, and its first
failing check when it fails), then the total with its change. Layout in
templates/watch.txt.j2."""
from __future__ import annotations

import time

from ..results import ExerciseResult, SubmissionResult
from .environment import render
from .terminal import COLOURS, clean, failing_checks, labels, pad, titles
from .words import id_ranges, points, points_change, watch_labels


def update(result: SubmissionResult, regraded: tuple[ExerciseResult, ...],
           before: dict[str, ExerciseResult], files: list[str], colour: bool = False,
           when: str | None = None) -> str:
    """All of one save's report at once: `result`, the whole submission now; `before`, every
    exercise's last result."""
    return (heading(files, [e.id for e in regraded], result.lang, colour, when)
            + "".join(exercise(e, before.get(e.id), result.lang, colour) for e in regraded)
            + total(result, before, colour))


def heading(files: list[str], regraded: list[str], lang: str, colour: bool = False,
            when: str | None = None) -> str:
    return _part("heading", lang, colour, files=files, ids=id_ranges(regraded), used=True,
                 when=when or time.strftime("%H:%M:%S"))


def nothing_graded(files: list[str], used: bool, lang: str, colour: bool = False,
                   when: str | None = None) -> str:
    """One line: the files changed, but no exercise's code (`used`: an exercise uses one of
    them; a comment or spacing changed) or no exercise uses them."""
    return _part("heading", lang, colour, files=files, ids="", used=used,
                 when=when or time.strftime("%H:%M:%S"))


def exercise(graded: ExerciseResult, old: ExerciseResult | None, lang: str,
             colour: bool = False) -> str:
    """An exercise graded again: its row, with what it was before when that changed, and its
    first failing check."""
    same = old is not None and (old.status, old.score) == (graded.status, graded.score)
    return _part("exercise", lang, colour, e=graded, old=None if same else old, same=same,
                 failing=failing_checks([graded]))


def total(result: SubmissionResult, before: dict[str, ExerciseResult],
          colour: bool = False) -> str:
    previous = sum(before[e.id].score if e.id in before else e.score for e in result.exercises)
    # the change between the two totals as written, so that it is what the reader subtracts
    change = round(float(points(result.score)) - float(points(previous)), 2)
    return _part("total", result.lang, colour, result=result,
                 delta=points_change(change) if change else "")


def _part(part: str, lang: str, colour: bool, **fields) -> str:
    return render("watch.txt.j2", part=part, paint=paint_with(colour), pad=pad, clean=clean,
                  label={**labels(lang), **watch_labels(lang)}, title=titles(lang), **fields)


def paint_with(colour: bool):
    def paint(text: str, key: str) -> str:
        return f"\x1b[{COLOURS[key]}m{text}\x1b[0m" if colour else text
    return paint


def line(key: str, lang: str, colour: bool = False, **fields) -> str:
    """One of watch's own lines (watching, gone, stopped)."""
    return paint_with(colour)(watch_labels(lang)[key].format(**fields), "dim") + "\n"
