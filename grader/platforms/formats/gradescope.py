"""Gradescope: the `results.json` its autograder harness uploads.

Fields as in Gradescope's "Autograder Specifications" (gradescope-autograders.readthedocs.io,
specs/): a top-level `score` (it overrides the sum of the tests' scores, so it is exactly the
results JSON's), `execution_time` in seconds, `output` shown to the student (points rounded as
every output writes them for people, in the results' language), `visibility`,
`extra_data`; and `tests`, each with `score`, `max_score`, `status` ("passed" or "failed"),
`name`, `number`, `output` and `visibility`. One test per exercise, scored with its points.
"""
from __future__ import annotations

import json
import math

from ...results import PROBLEMS
from ...render.words import check_title, points, summary_words
from .common import check_text, clip, exercise_name, words

HELP = "Gradescope's results.json"
"""its line in `grader check --help`"""

OUTPUT_LIMIT = 8000
VISIBILITY = "visible"


def results_json(results: dict, visibility: str = VISIBILITY) -> dict:
    passed = sum(e["status"] == "passed" for e in results["exercises"])
    summary = summary_words(results.get("lang"))["platform"].format(
        score=points(results["score"]), max_score=points(results["max_score"]), passed=passed,
        count=len(results["exercises"]), seed=results.get("seed"),
        version=results.get("grader_version"))
    return {
        "score": results["score"],
        "execution_time": math.ceil(float(results.get("seconds") or 0)),
        "output": summary,
        "visibility": visibility,
        "test_output_format": "text",
        "extra_data": {"max_score": results["max_score"], "seed": results.get("seed"),
                       "grader_version": results.get("grader_version"),
                       "schema": results.get("schema")},
        "tests": [{
            "name": exercise_name(e),
            "number": e["id"],
            "score": e["score"],
            "max_score": e["max_score"],
            "status": "passed" if e["status"] == "passed" else "failed",
            "output": clip(_output(e, results.get("lang")), OUTPUT_LIMIT,
                           results.get("lang")),
            "visibility": visibility,
            "tags": [e["status"]],
        } for e in results["exercises"]],
    }


def _output(exercise: dict, lang: str | None) -> str:
    if exercise.get("message"):
        return exercise["message"]
    lines = []
    for check in exercise.get("checks") or ():
        mark = {"passed": "✓", "skipped": "–"}.get(check["status"], "✗")
        title = check_title(check["name"], check.get("label"), lang) if lang == "ko" \
            else check["name"]
        lines.append(f'{mark} {title}: {words(lang)[check["status"]]}')
        if check["status"] in PROBLEMS:
            lines.extend("    " + line for line in check_text(check, lang).splitlines())
    return "\n".join(lines)


def render(results: dict) -> str:
    return json.dumps(results_json(results), ensure_ascii=False, indent=2) + "\n"


def emit(results: dict, target) -> None:
    target.write(render(results))


def uses_stdout(target) -> bool:
    """Whether it writes to standard output: unless --output names a file."""
    return target.output is None
