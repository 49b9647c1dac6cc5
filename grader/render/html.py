"""The HTML pages: a student's report and the class dashboard, from results-JSON dicts.

Both take plain dicts (as written to results.json and summary.json), so a batch can render pages
from files it reads back. This module only prepares values (tables of cells, chart geometry);
the markup is in templates/student.html.j2 and templates/dashboard.html.j2, autoescaped, so
whatever a student's code printed or returned stays text.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass

from . import svg
from .arrays import Shown, show
from .environment import render
from .words import cause_name, id_ranges, labels, mistake_name

RESULT = {"submission": "", "score": 0.0, "max_score": 0.0, "seed": None, "grader_version": None,
          "exercises": []}
EXERCISE = {"id": "?", "title": "", "status": "error", "score": 0.0, "max_score": 0.0,
            "message": "", "checks": [], "stdout": None, "stderr": None}
CHECK = {"name": "", "status": "error", "label": None, "message": "", "hint": None, "line": None}
DETAIL = {"name": "", "mismatch": None, "index": None, "abs_diff": None, "rel_diff": None,
          "inputs": {}, "code": "", "traceback": []}
"""the fields of the results JSON the student's page reads, with their values when absent
(the results JSON promises fewer fields than `as_dict` writes)"""
MOST_MISTAKES = 5
"""diagnosed mistakes listed per exercise on the dashboard"""


@dataclass(frozen=True)
class FailingCheck:
    check: dict
    """the check as in the results JSON"""
    detail: dict
    """its `detail`, or empty"""
    expected: Shown | None
    actual: Shown | None
    inputs: tuple[tuple[str, Shown], ...]
    headline: str
    """the message's first line when the arrays are shown below it, else the whole message"""


@dataclass(frozen=True)
class ExerciseView:
    exercise: dict
    failing: tuple[FailingCheck, ...]
    passed: tuple[dict, ...]
    skipped: tuple[dict, ...]
    curves: svg.Chart | None


@dataclass(frozen=True)
class ExerciseStats:
    """One exercise across the class, from summary.json."""

    id: str
    title: str
    percent: float
    """the pass rate, in percent"""
    mean_score: float
    max_score: float
    statuses: tuple[tuple[str, int], ...]
    """(status, number of students), in the order passed, failed, error, timeout, missing"""
    diagnoses: tuple[dict, ...]
    """the most frequent diagnosed mistakes: {id, label, hint, count}, most frequent first"""
    blocks: tuple[dict, ...] = ()
    """the other exercises this one's file made fail: {id, file, count, text}"""


@dataclass(frozen=True)
class StudentRow:
    rank: int
    name: str
    link: str | None
    score: float
    max_score: float
    percent: float
    statuses: tuple[tuple[str, str], ...]
    """(exercise id, status) in the order of the dashboard's exercises"""
    problem: str = ""
    """why the submission could not be graded as usual (refused, or the grader failed on it)"""


def student_report(result: dict, every: bool = False) -> str:
    """The student's page: what was attempted first, then the exercises not handed in, folded
    into one collapsed row unless `every` (--all)."""
    lang = result.get("lang") or "en"
    result = {**RESULT, **result}
    exercises = [_exercise({**EXERCISE, **e}, labels(lang))
                 for e in result["exercises"] or [] if isinstance(e, dict)]
    missing = [] if every else [v.exercise for v in exercises if v.exercise["status"] == "missing"]
    return render("student.html.j2", r=result, label=labels(lang), lang=lang, num=num,
                  percent=_percent(result["score"], result["max_score"]),
                  exercises=[v for v in exercises if v.exercise not in missing],
                  missing=missing, missing_ids=id_ranges([e["id"] for e in missing]))


def dashboard(summary: dict, results: list[dict], links: dict[str, str],
              lang: str | None = None) -> str:
    """`summary` as in summary.json; `links` maps a student's name to their report's URL."""
    lang = lang or next((r.get("lang") for r in results if r.get("lang")), None) or "en"
    label = labels(lang)
    scores = summary.get("scores") or [r.get("score", 0) for r in results]
    numbers = [x for x in map(svg.number, scores) if x is not None]
    max_score = svg.number(summary.get("max_score")) or max(
        (svg.number(r.get("max_score")) or 0.0 for r in results), default=0.0)
    exercises = [_exercise_stats(e, lang) for e in summary.get("exercises") or []]
    ids = [e.id for e in exercises] or sorted(
        {str(e.get("id")) for r in results for e in r.get("exercises") or []},
        key=lambda i: (len(i), i))
    return render(
        "dashboard.html.j2", label=label, lang=lang, num=num, max_score=max_score,
        students=summary.get("students", len(results)),
        mean=summary.get("mean", statistics.fmean(numbers) if numbers else 0.0),
        median=summary.get("median", statistics.median(numbers) if numbers else 0.0),
        histogram=svg.histogram(numbers, max_score, x_title=label["score"],
                                y_title=label["count"]),
        least=summary.get("min", min(numbers, default=0.0)),
        most=summary.get("max", max(numbers, default=0.0)),
        ungraded=[str(n) for n in summary.get("ungraded") or []],
        exercises=exercises, rows=_rows(results, links, ids))


def num(x) -> str:
    """A number for the page: at most 4 significant digits, no trailing zeros."""
    value = svg.number(x)
    return str(x) if value is None else f"{value:.4g}"


def _exercise_stats(e: dict, lang: str = "en") -> ExerciseStats:
    statuses = e.get("statuses") or {}
    diagnoses = sorted((d for d in e.get("diagnoses") or [] if isinstance(d, dict)),
                       key=lambda d: (-(svg.number(d.get("count")) or 0), str(d.get("id"))))
    return ExerciseStats(
        id=str(e.get("id")), title=str(e.get("title") or ""),
        percent=round(100 * (svg.number(e.get("pass_rate")) or 0.0), 1),
        mean_score=svg.number(e.get("mean_score")) or 0.0,
        max_score=svg.number(e.get("max_score")) or 0.0,
        statuses=tuple((str(k), statuses[k]) for k in sorted(statuses, key=_status_order)
                       if statuses[k]),
        diagnoses=tuple({"id": d.get("id"), "hint": d.get("hint"), "count": d.get("count"),
                         "label": mistake_name(str(d.get("id")), lang, d.get("label"))}
                        for d in diagnoses[:MOST_MISTAKES]),
        blocks=tuple({"id": str(b.get("id")), "count": b.get("count"),
                      "text": cause_name(lang, str(b.get("id")), str(b.get("file") or ""))}
                     for b in e.get("blocks") or [] if isinstance(b, dict)))


def _status_order(status: str) -> int:
    order = ("passed", "failed", "error", "timeout", "missing")
    return order.index(status) if status in order else len(order)


def _percent(score, top) -> float:
    score, top = svg.number(score), svg.number(top)
    return round(100 * score / top, 1) if score is not None and top else 0.0


def _exercise(e: dict, label: dict) -> ExerciseView:
    checks = [{**CHECK, **c} for c in e["checks"] or [] if isinstance(c, dict)]
    return ExerciseView(
        exercise=e,
        failing=tuple(_failing(c) for c in checks if c.get("status") not in ("passed", "skipped")),
        passed=tuple(c for c in checks if c.get("status") == "passed"),
        skipped=tuple(c for c in checks if c.get("status") == "skipped"),
        curves=next((_curves(c["data"]["curves"], label) for c in checks
                     if isinstance(c.get("data"), dict)
                     and isinstance(c["data"].get("curves"), dict)), None))


def _failing(c: dict) -> FailingCheck:
    given = c.get("detail") if isinstance(c.get("detail"), dict) else {}
    d = {**DETAIL, **given}
    compared = "expected" in given and bool(d["name"])
    message = c.get("message") or ""
    return FailingCheck(
        check=c, detail=d,
        expected=show(d["expected"]) if compared else None,
        actual=show(d.get("actual"), d.get("mismatch"), d.get("index")) if compared else None,
        inputs=tuple((str(k), show(v)) for k, v in (d["inputs"] or {}).items()),
        headline=message.split("\n", 1)[0] if compared else message)


def _curves(curves: dict, label: dict) -> svg.Chart:
    series = []
    for i, (model, c) in enumerate(sorted(curves.items())):
        if not isinstance(c, dict):
            continue
        colour = svg.PALETTE[i % len(svg.PALETTE)]
        for part, dashed in (("train", False), ("test", True)):
            points = tuple(zip(c.get("iterations") or [], c.get(part) or []))
            series.append(svg.Series(f"{model} · {label[part]}", points, colour, dashed))
    return svg.line_chart(series, y_range=(0.0, 1.0), x_title=label["iterations"],
                          y_title=label["accuracy"])


def _rows(results: list[dict], links: dict[str, str], ids: list[str]) -> list[StudentRow]:
    ordered = sorted(results, key=lambda r: (-(svg.number(r.get("score")) or 0.0),
                                             str(r.get("submission"))))
    rows = []
    for rank, r in enumerate(ordered, 1):
        name = str(r.get("submission"))
        status = {str(e.get("id")): str(e.get("status")) for e in r.get("exercises") or []}
        rows.append(StudentRow(rank, name, links.get(name), svg.number(r.get("score")) or 0.0,
                               svg.number(r.get("max_score")) or 0.0,
                               _percent(r.get("score"), r.get("max_score")),
                               tuple((i, status.get(i, "")) for i in ids),
                               str(r.get("problem") or "")))
    return rows
