"""The class as a whole, computed from results-JSON dicts (so a resumed batch and a merge of
shards, which only have the files, compute the same thing as one run).

summary.json (schema 1; fields may be added, none removed or renamed):
```
{"schema": 1, "students": N, "max_score": 44.0, "scores": [...], "mean": ..., "median": ...,
 "min": ..., "max": ..., "submissions": [{"name", "score", "max_score", "graded_score",
                                          "seed", "late"?, "overrides"?, "problem"?}],
 "ungraded": [names], "seed": 5, "seeds": [5], "policy": {...} | null,
 "isolation": {"level", "why", "user_namespace", "limits", "limits_why"} | null,
 "exercises": [{"id", "title", "max_score", "pass_rate", "mean_score",
                "statuses": {status: count}, "diagnoses": [{"id", "hint", "count", "label"}],
                "blocks": [{"id", "file", "count"}]}]}
```
`scores` and `submissions` are in the order of the students' names. A student's `score` (and so
`scores`, `mean`, `median`, `min`, `max`) is the adjusted one, overrides and late penalty
applied (policy.py); `graded_score` is the score as graded; `late` is their lateness
({"days", "percent", "submitted"}) when a due date is set, `overrides` how many of their
exercises were set by hand. The exercises' figures (pass rate, mean score, statuses, mistakes)
are the grading's. `seed` is the run's (OUT/run.json), `seeds` every seed the results hold (more
than one: the folder mixes two gradings, which a run regrades); `policy` is run.json's. A
diagnosis's `count` is the number of students in whose exercise it was recognised, its `label`
the mistake's name in the results' language; a student's exercise counts under the mistakes of
its first check that recognised one (the one the student was told), never under two names for
one mistake. A failure caused by another exercise's file (p233 imports p214.py, which does not
load) is counted under that exercise, the root cause: p214's `blocks` lists `{"id": "233",
"file": "p214.py", "count": n}`. `isolation` is what the students' jobs ran in, the weakest of
what their results say (`grading/sandbox/isolation.py`).

`similarity` (added by `outputs.finish`, `batch/similarity.py`): null when the run was told
`--no-similarity`, else the pairs of students whose code for an exercise is alike, most alike
first: `[{"exercise", "students": [a, b], "similarity": 0..1, "shared": fingerprints in common,
"lines": [[[first, last], ...] of a, [...] of b], "page": "similarity/<pair>.html"}]`.
"""
from __future__ import annotations

import statistics
import sys
from collections import Counter

from ..bank.ids import id_key
from ..bank.spec import ExerciseSpec
from ..grading.sandbox.isolation import weakest
from ..render.words import mistake_name

SCHEMA = 1


def slim(result: dict) -> dict:
    """What the summary, the gradebook and the dashboard read of a results dict (a few hundred
    bytes instead of the failing checks' arrays and outputs: a class of thousands fits)."""
    adjusted = result.get("adjusted") if isinstance(result.get("adjusted"), dict) else {}
    late = adjusted.get("late") if isinstance(adjusted.get("late"), dict) else None
    batch = result.get("batch") if isinstance(result.get("batch"), dict) else {}
    return {
        "submission": str(result.get("submission")),
        "score": _number(adjusted.get("score", result.get("score"))),
        "graded_score": _number(result.get("score")),
        "max_score": _number(result.get("max_score")), "lang": result.get("lang"),
        "seed": result.get("seed"), "problem": result.get("problem"),
        "isolation": result.get("isolation") if isinstance(result.get("isolation"), dict)
        else None,
        "refused": bool(batch.get("refused")),
        "late": None if late is None else {k: late.get(k) for k in ("days", "percent",
                                                                      "submitted", "points")},
        "overrides": {str(o.get("exercise")): {"points": _number(o.get("points")),
                                               "reason": str(o.get("reason") or "")}
                      for o in adjusted.get("overrides") or () if isinstance(o, dict)},
        "exercises": [{  # the same few strings for every student: one copy of each
            "id": sys.intern(str(e.get("id"))), "title": sys.intern(str(e.get("title") or "")),
            "status": sys.intern(str(e.get("status"))),
            "score": _number(e.get("score")), "max_score": _number(e.get("max_score")),
            "diagnoses": _diagnoses(e), "causes": _causes(e),
        } for e in result.get("exercises") or [] if isinstance(e, dict)],
    }


_NONE: dict = {}


def _diagnoses(exercise: dict) -> dict[str, str | None]:
    """diagnosis id -> its hint (when the check recognised that mistake alone, else None), of
    the first check that recognised a mistake: one mistake is counted once. A later check often
    sees the same mistake through another family (`self.db = dout` is `db-not-summed` where
    the batch has many rows, `missing-sum` where it has one); the student was told the first."""
    first = next((c for c in exercise.get("checks") or [] if c.get("diagnoses")), None)
    if first is None:
        return _NONE  # most exercises: one shared empty dict, never written to
    ids = list(dict.fromkeys(str(d) for d in first["diagnoses"]))
    return {d: first.get("hint") if len(ids) == 1 else None for d in ids}


def _causes(exercise: dict) -> dict[str, str]:
    """root exercise -> its file, for the checks another exercise's file made fail."""
    found: dict[str, str] = {}
    for check in exercise.get("checks") or []:
        cause = check.get("cause") if isinstance(check, dict) else None
        if isinstance(cause, dict) and cause.get("exercise"):
            found.setdefault(str(cause["exercise"]), str(cause.get("file") or ""))
    return found or _NONE


def build(results: list[dict], specs: list[ExerciseSpec] | None = None,
          ungraded: list[str] = (), seed: int | None = None, policy: dict | None = None) -> dict:
    """summary.json from slim results; `specs` only fill in hints the results do not carry;
    `seed` and `policy` are the run's (OUT/run.json)."""
    results = sorted(results, key=lambda r: r["submission"])
    scores = [r["score"] for r in results]
    seeds = sorted({r["seed"] for r in results if isinstance(r.get("seed"), int)})
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
    for ex_id in sorted(by_id, key=id_key):
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
                              key=lambda x: (-x[1], id_key(x[0][0])))],
        })
    return {
        "schema": SCHEMA, "students": len(results),
        "max_score": max((r["max_score"] for r in results), default=0.0),
        "scores": scores,
        "mean": _round(statistics.fmean(scores)) if scores else 0.0,
        "median": _round(statistics.median(scores)) if scores else 0.0,
        "min": min(scores, default=0.0), "max": max(scores, default=0.0),
        "submissions": [{"name": r["submission"], "score": r["score"], "max_score": r["max_score"],
                         "graded_score": r.get("graded_score", r["score"]),
                         "seed": r.get("seed"),
                         **({"late": r["late"]} if r.get("late") else {}),
                         **({"overrides": len(r["overrides"])} if r.get("overrides") else {}),
                         **({"problem": r["problem"]} if r.get("problem") else {})}
                        for r in results],
        "ungraded": sorted(ungraded),
        "seed": seed if seed is not None else (seeds[0] if len(seeds) == 1 else None),
        "seeds": seeds,
        "isolation": weakest(r.get("isolation") for r in results),
        "policy": policy,
        "exercises": exercises,
    }


def _number(x) -> float:
    return float(x) if isinstance(x, (int, float)) and not isinstance(x, bool) else 0.0


def _round(x: float) -> float:
    return round(x, 4)
