"""What `grader check --watch` prints after a save: the exercises graded again (each with its
status and points, and what they were when they changed), the first failing check of those that
fail, and the total with its change. Layout in templates/watch.txt.j2."""
from __future__ import annotations

import time

from ..results import ExerciseResult, SubmissionResult
from .environment import render
from .terminal import COLOURS, clean, failing_checks, labels, pad, titles
from .words import id_ranges, points, points_change, watch_labels


def update(result: SubmissionResult, regraded: tuple[ExerciseResult, ...],
           before: dict[str, ExerciseResult], files: list[str], colour: bool = False,
           when: str | None = None) -> str:
    """`result`: the whole submission now; `before`: every exercise's last result."""
    rows = []
    for exercise in regraded:
        old = before.get(exercise.id)
        same = old is not None and (old.status, old.score) == (exercise.status, exercise.score)
        rows.append((exercise, None if same else old, same))
    failing = failing_checks(regraded)
    previous = sum(before[e.id].score if e.id in before else e.score for e in result.exercises)
    # the change between the two totals as written, so that it is what the reader subtracts
    change = round(float(points(result.score)) - float(points(previous)), 2)
    return render("watch.txt.j2", result=result, rows=rows, failing=failing, files=files,
                  ids=id_ranges([e.id for e in regraded]) if regraded else "",
                  delta=points_change(change) if change else "",
                  when=when or time.strftime("%H:%M:%S"), paint=paint_with(colour), pad=pad,
                  clean=clean, label={**labels(result.lang), **watch_labels(result.lang)},
                  title=titles(result.lang))


def paint_with(colour: bool):
    def paint(text: str, key: str) -> str:
        return f"\x1b[{COLOURS[key]}m{text}\x1b[0m" if colour else text
    return paint


def line(key: str, lang: str, colour: bool = False, **fields) -> str:
    """One of watch's own lines (watching, gone, stopped)."""
    return paint_with(colour)(watch_labels(lang)[key].format(**fields), "dim") + "\n"
