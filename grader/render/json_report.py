"""The results JSON (schema 1), which scripts and the platforms' formats read: fields may be
added, none removed or renamed. The shape is in docs/ci.md ("Results JSON")."""
from __future__ import annotations

import json

from ..version import __version__
from ..results import SubmissionResult
from ..text import encodable

SCHEMA = 1


def as_dict(result: SubmissionResult) -> dict:
    return {
        "schema": SCHEMA,
        "submission": result.submission,
        "score": result.score,
        "max_score": result.max_score,
        "seed": result.seed,
        "lang": result.lang,
        "grader_version": __version__,
        "solutions_used": result.solutions_used,
        "seconds": round(result.seconds, 3),
        "isolation": None if result.isolation is None else dict(result.isolation),
        "notes": list(result.notes),
        "exercises": [{
            "id": e.id, "title": e.title, "status": e.status, "score": e.score,
            "max_score": e.max_score, "message": e.message, "seconds": round(e.seconds, 3),
            "checks": [{
                "name": c.name, "label": c.label, "kind": c.kind, "status": c.status, "message": c.message,
                "hint": c.hint, "weight": c.weight, "diagnoses": list(c.diagnoses),
                "line": None if c.error_line is None else {"file": c.error_line[0],
                                                           "line": c.error_line[1],
                                                           "cell": c.error_cell},
                "cause": None if c.cause is None else {
                    "exercise": c.cause.exercise, "file": c.cause.file, "how": c.cause.how},
                **({"data": dict(c.data)} if c.data else {}),
                **({"detail": _detail(c.detail)} if c.detail else {}),
            } for c in e.checks],
            "stdout": None if e.stdout is None else {"text": e.stdout.text, "size": e.stdout.size,
                                                     "truncated": e.stdout.truncated},
            "stderr": None if e.stderr is None else {"text": e.stderr.text, "size": e.stderr.size,
                                                     "truncated": e.stderr.truncated},
            "source": None if e.source is None else {"kind": e.source.kind,
                                                     "path": e.source.path,
                                                     "text": e.source.text},
            "ignored": list(e.ignored), "notes": list(e.notes),
            # only where checks were held back for the final grading (a student's check)
            **({"hidden_checks": e.hidden_checks} if e.hidden_checks else {}),
        } for e in result.exercises],
    }


def _detail(d) -> dict:
    return {"name": d.name, "expected": d.expected, "actual": d.actual, "mismatch": d.mismatch,
            "index": None if d.index is None else list(d.index), "abs_diff": _finite(d.abs_diff),
            "rel_diff": _finite(d.rel_diff), "inputs": dict(d.inputs), "code": d.code,
            "traceback": [{"file": f.file, "line": f.line, "function": f.function, "code": f.code,
                           "cell": f.cell} for f in d.traceback]}


def _finite(x):
    """JSON has no inf or NaN: they become strings."""
    if x is None or (isinstance(x, float) and x == x and abs(x) != float("inf")):
        return x
    return str(x)


def dumps(results: dict) -> str:
    """`as_dict`'s results as the text of a results.json (any file takes it: see grader.text)."""
    return encodable(json.dumps(results, ensure_ascii=False, indent=2))
