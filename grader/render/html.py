"""The HTML pages: a student's report, the class dashboard and the pages of similar code (two
students' files side by side), from results-JSON and summary.json dicts.

All take plain dicts (as written to results.json and summary.json), so a batch can render pages
from files it reads back. This module only prepares values (tables of cells, chart geometry);
the markup is in templates/student.html.j2, dashboard.html.j2 and similarity.html.j2,
autoescaped, so whatever a student's code printed or returned stays text.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote

from . import svg
from .arrays import Shown, show
from .environment import render
from .words import cause_name, id_ranges, isolation_said, labels, mistake_name

RESULT = {"submission": "", "score": 0.0, "max_score": 0.0, "seed": None, "grader_version": None,
          "exercises": [], "notes": []}
EXERCISE = {"id": "?", "title": "", "status": "error", "score": 0.0, "max_score": 0.0,
            "message": "", "checks": [], "stdout": None, "stderr": None, "source": None,
            "notes": []}
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
    source: str | None = None
    """what was graded, when it is not simply p<ID>.py (or there is something to say of it)"""


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
    by_hand: frozenset[str] = frozenset()
    """the exercises whose points the instructor set (overrides)"""
    late: dict | None = None
    """{"days", "percent", ...} when a due date is set"""
    graded_score: float | None = None
    """the score as graded, when the policies changed it"""


LEGEND = ("passed", "failed", "error", "timeout", "missing")
"""the statuses the dashboard's legend explains, in the order of its squares"""


def student_report(result: dict, class_page: str | None = None, every: bool = False) -> str:
    """The student's page: what was attempted first, then the exercises not handed in, folded
    into one collapsed row unless `every` (--all). `class_page`: the class dashboard's URL, for
    a link back (a batch's student pages)."""
    lang = result.get("lang") or "en"
    result = {**RESULT, **result}
    adjusted = result.get("adjusted") if isinstance(result.get("adjusted"), dict) else None
    total = svg.number((adjusted or {}).get("score"))
    total = result["score"] if total is None else total
    by_hand = {str(o.get("exercise")): o for o in (adjusted or {}).get("overrides") or ()
               if isinstance(o, dict)}
    exercises = [_exercise({**EXERCISE, **e}, labels(lang))
                 for e in result["exercises"] or [] if isinstance(e, dict)]
    missing = [] if every else [v.exercise for v in exercises
                                if v.exercise["status"] == "missing"
                                and v.exercise["id"] not in by_hand]
    return render("student.html.j2", r=result, label=labels(lang), lang=lang, num=num, when=when,
                  total=total, adjusted=adjusted, by_hand=by_hand, class_page=class_page,
                  late=(adjusted or {}).get("late") if isinstance(
                      (adjusted or {}).get("late"), dict) else None,
                  percent=_percent(total, result["max_score"]),
                  exercises=[v for v in exercises if v.exercise not in missing],
                  missing=missing, missing_ids=id_ranges([e["id"] for e in missing]),
                  ran=any(v.exercise["status"] != "missing" for v in exercises),
                  isolation=_isolation(result.get("isolation"), lang))


def _isolation(report, lang: str) -> str | None:
    """What the jobs ran in, in a line (None: no job ran, or the results predate it)."""
    return isolation_said(report, lang) if isinstance(report, dict) else None


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
    seed = summary.get("seed")
    others = [(str(r.get("submission")), r.get("seed")) for r in results
              if seed is not None and r.get("seed") is not None and r.get("seed") != seed]
    policy = summary.get("policy") if isinstance(summary.get("policy"), dict) else None
    return render(
        "dashboard.html.j2", label=label, lang=lang, num=num, when=when, max_score=max_score,
        seed=seed, other_seeds=others, policy=policy, legend=LEGEND,
        isolation=_isolation(summary.get("isolation"), lang),
        students=summary.get("students", len(results)),
        mean=summary.get("mean", statistics.fmean(numbers) if numbers else 0.0),
        median=summary.get("median", statistics.median(numbers) if numbers else 0.0),
        histogram=svg.histogram(numbers, max_score, x_title=label["score"],
                                y_title=label["count"]),
        least=summary.get("min", min(numbers, default=0.0)),
        most=summary.get("max", max(numbers, default=0.0)),
        ungraded=[str(n) for n in summary.get("ungraded") or []],
        exercises=exercises, rows=_rows(results, links, ids),
        similar=_similar_pairs(summary.get("similarity"), links))


def when(iso) -> str:
    """An ISO 8601 time for people: 2026-03-05 00:00 (UTC+09:00); the text itself otherwise."""
    try:
        t = datetime.fromisoformat(str(iso))
    except ValueError:
        return str(iso)
    offset = t.strftime("%z")
    zone = f" (UTC{offset[:3]}:{offset[3:]})" if offset else ""
    return t.strftime("%Y-%m-%d %H:%M") + zone


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
    source = e.get("source") if isinstance(e.get("source"), dict) else {}
    plain = source.get("path") == f"p{e['id']}.py" and not e.get("notes")
    return ExerciseView(
        source=None if plain or not source.get("text") else str(source["text"]),
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
        score = svg.number(r.get("score")) or 0.0
        graded = svg.number(r.get("graded_score"))
        rows.append(StudentRow(rank, name, links.get(name), score,
                               svg.number(r.get("max_score")) or 0.0,
                               _percent(r.get("score"), r.get("max_score")),
                               tuple((i, status.get(i, "")) for i in ids),
                               str(r.get("problem") or ""),
                               frozenset(str(i) for i in r.get("overrides") or ()),
                               r.get("late") if isinstance(r.get("late"), dict) else None,
                               graded if graded is not None and graded != score else None))
    return rows


# -- similarity: the dashboard's pairs, and a pair's files side by side ----------------------

@dataclass(frozen=True)
class SimilarPair:
    """A row of the dashboard's table of similar code (summary.json's `similarity`)."""

    rank: int
    exercise: str
    students: tuple[tuple[str, str | None], ...]
    """(name, link to their report) of the two students"""
    percent: float
    shared: int
    page: str | None


@dataclass(frozen=True)
class SourceLine:
    number: int
    text: str
    shared: bool
    """the line is part of what the two files share beyond the common code"""


def similarity_page(pair: dict, left: str, right: str, lang: str = "en") -> str:
    """A pair of summary.json's `similarity`, the two files (`left` for its first student) side
    by side with the shared lines marked. The page sits in OUT/similarity/."""
    names = [str(n) for n in pair.get("students") or ("", "")]
    lines = pair.get("lines") or [[], []]
    sides = [(name, f"../{quote(name)}/report.html", _source_lines(text, spans))
             for name, text, spans in zip(names, (left, right), lines)]
    return render("similarity.html.j2", label=labels(lang), lang=lang, sides=sides,
                  exercise=str(pair.get("exercise")), shared=svg.number(pair.get("shared")) or 0,
                  percent=round(100 * (svg.number(pair.get("similarity")) or 0.0), 1))


def _similar_pairs(pairs, links: dict[str, str]) -> list[SimilarPair] | None:
    """None when similarity was not computed (summary.json says null, or nothing)."""
    if not isinstance(pairs, list):
        return None
    rows = []
    for rank, p in enumerate((p for p in pairs if isinstance(p, dict)), 1):
        names = [str(n) for n in p.get("students") or ()]
        rows.append(SimilarPair(rank, str(p.get("exercise")),
                                tuple((n, links.get(n)) for n in names),
                                round(100 * (svg.number(p.get("similarity")) or 0.0), 1),
                                int(svg.number(p.get("shared")) or 0),
                                str(p["page"]) if p.get("page") else None))
    return rows


def _source_lines(text: str, spans) -> list[SourceLine]:
    shared = set()
    for span in spans or ():
        if isinstance(span, (list, tuple)) and len(span) == 2:
            shared.update(range(int(span[0]), int(span[1]) + 1))
    return [SourceLine(n, line, n in shared)
            for n, line in enumerate(text.splitlines() or [""], 1)]
