"""The class as a whole, computed from results-JSON dicts (so a resumed batch and a merge of
shards, which only have the files, compute the same thing as one run).

summary.json (schema 1; fields may be added, none removed or renamed):
```
{"schema": 1, "students": N, "max_score": 44.0, "scores": [...], "mean": ..., "median": ...,
 "min": ..., "max": ..., "submissions": [{"name", "score", "max_score"}], "ungraded": [names],
 "exercises": [{"id", "title", "max_score", "pass_rate", "mean_score",
                "statuses": {status: count}, "diagnoses": [{"id", "hint", "count", "label"}],
                "blocks": [{"id", "file", "count"}]}]}
```
`scores` and `submissions` are in the order of the students' names; a diagnosis's `count` is the
number of students in whose exercise it was recognised, its `label` the mistake's name in the
results' language. A failure caused by another exercise's file (p233 imports p214.py, which does
not load) is counted under that exercise, the root cause: p214's `blocks` lists `{"id": "233",
"file": "p214.py", "count": n}`.
"""
from __future__ import annotations

import json
import statistics
import sys
from collections import Counter
from pathlib import Path

from ..bank.spec import ExerciseSpec
from ..render.words import mistake_name

SCHEMA = 1


def slim(result: dict) -> dict:
    """What the summary, the gradebook and the dashboard read of a results dict (a few hundred
    bytes instead of the failing checks' arrays and outputs: a class of thousands fits)."""
    return {
        "submission": str(result.get("submission")), "score": _number(result.get("score")),
        "max_score": _number(result.get("max_score")), "lang": result.get("lang"),
        "problem": result.get("problem"),
        "exercises": [{  # the same few strings for every student: one copy of each
            "id": sys.intern(str(e.get("id"))), "title": sys.intern(str(e.get("title") or "")),
            "status": sys.intern(str(e.get("status"))),
            "score": _number(e.get("score")), "max_score": _number(e.get("max_score")),
            "diagnoses": _diagnoses(e), "causes": _causes(e),
        } for e in result.get("exercises") or [] if isinstance(e, dict)],
    }


_NONE: dict = {}


def _diagnoses(exercise: dict) -> dict[str, str | None]:
    """diagnosis id -> its hint, when a check recognised that mistake alone (else None)."""
    if not any(c.get("diagnoses") for c in exercise.get("checks") or []):
        return _NONE  # most exercises: one shared empty dict, never written to
    found: dict[str, str | None] = {}
    for check in exercise.get("checks") or []:
        ids = [str(d) for d in check.get("diagnoses") or []]
        for d in ids:
            if found.get(d) is None:
                found[d] = check.get("hint") if len(ids) == 1 else None
    return found


def _causes(exercise: dict) -> dict[str, str]:
    """root exercise -> its file, for the checks another exercise's file made fail."""
    found: dict[str, str] = {}
    for check in exercise.get("checks") or []:
        cause = check.get("cause") if isinstance(check, dict) else None
        if isinstance(cause, dict) and cause.get("exercise"):
            found.setdefault(str(cause["exercise"]), str(cause.get("file") or ""))
    return found or _NONE


def read_results(path: Path) -> dict | None:
    """A results.json, slimmed; None when it is absent or unreadable."""
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return None
    return slim(data) if isinstance(data, dict) else None


def build(results: list[dict], specs: list[ExerciseSpec] | None = None,
          ungraded: list[str] = ()) -> dict:
    """summary.json from slim results; `specs` only fill in hints the results do not carry."""
    results = sorted(results, key=lambda r: r["submission"])
    scores = [r["score"] for r in results]
    lang = next((r["lang"] for r in results if r.get("lang")), "en")
    hints = {(s.id, m.id): m.hint.get(lang) for s in specs or () for m in s.mistakes}
    labels = {(s.id, m.id): m.label.get(lang) for s in specs or () for m in s.mistakes
              if m.label}
    by_id: dict[str, list[dict]] = {}
    blocks: dict[str, Counter] = {}  # root exercise -> (exercise, file) it made fail -> count
    for r in results:
        for e in r["exercises"]:
            by_id.setdefault(e["id"], []).append(e)
            for root, file in (e.get("causes") or {}).items():
                blocks.setdefault(root, Counter())[(e["id"], file)] += 1
    exercises = []
    for ex_id in sorted(by_id, key=_id_key):
        seen = by_id[ex_id]
        counts: Counter = Counter()
        hint_of: dict[str, str | None] = {}
        for e in seen:
            for d, hint in e["diagnoses"].items():
                counts[d] += 1
                hint_of[d] = hint_of.get(d) or hint
        exercises.append({
            "id": ex_id, "title": next((e["title"] for e in seen if e.get("title")), ""),
            "max_score": max(e["max_score"] for e in seen),
            "pass_rate": _round(sum(e["status"] == "passed" for e in seen) / len(seen)),
            "mean_score": _round(statistics.fmean(e["score"] for e in seen)),
            "statuses": dict(sorted(Counter(str(e["status"]) for e in seen).items())),
            "diagnoses": [{"id": d, "hint": hint_of.get(d) or hints.get((ex_id, d)), "count": n,
                           "label": mistake_name(d, lang, labels.get((ex_id, d)))}
                          for d, n in sorted(counts.items(), key=lambda x: (-x[1], x[0]))],
            "blocks": [{"id": victim, "file": file, "count": n} for (victim, file), n in
                       sorted(blocks.get(ex_id, Counter()).items(),
                              key=lambda x: (-x[1], _id_key(x[0][0])))],
        })
    return {
        "schema": SCHEMA, "students": len(results),
        "max_score": max((r["max_score"] for r in results), default=0.0),
        "scores": scores,
        "mean": _round(statistics.fmean(scores)) if scores else 0.0,
        "median": _round(statistics.median(scores)) if scores else 0.0,
        "min": min(scores, default=0.0), "max": max(scores, default=0.0),
        "submissions": [{"name": r["submission"], "score": r["score"], "max_score": r["max_score"],
                         **({"problem": r["problem"]} if r.get("problem") else {})}
                        for r in results],
        "ungraded": sorted(ungraded),
        "exercises": exercises,
    }


def _id_key(ex_id: str):
    return (0, int(ex_id), "") if ex_id.isdigit() else (1, 0, ex_id)


def _number(x) -> float:
    return float(x) if isinstance(x, (int, float)) and not isinstance(x, bool) else 0.0


def _round(x: float) -> float:
    return round(x, 4)
