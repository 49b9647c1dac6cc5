"""JUnit XML: a testsuite per exercise, a testcase per check (classname p<ID>).

failed -> <failure>, error and timeout -> <error>, skipped -> <skipped>, each with the check's
message and hint. A testcase is named by the check's name, in Korean by its label. An exercise
without checks (a missing or unreadable file) is one testcase named after its file. JUnit has
no points: each testsuite carries `score` and `max_score` properties, exact, which sum to the
results JSON's; the root's name states the total as people read points (`render.words.points`).
Student text (messages hold printed values) is stripped of what XML 1.0 cannot hold.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ...render.words import points
from .common import check_text, clip, exercise_name, filename, words

HELP = "JUnit XML, one testcase per check"
"""its line in `grader check --help`"""

NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
TEXT_LIMIT = 20000
ELEMENT = {"failed": "failure", "error": "error", "timeout": "error", "missing": "failure"}


def xml_text(text) -> str:
    return NOT_XML.sub("\ufffd", str(text))


def tree(results: dict) -> ET.Element:
    root = ET.Element("testsuites", name=xml_text(
        f"backprop-grader {results['submission']}: {points(results['score'])} / "
        f"{points(results['max_score'])}"))
    totals = dict.fromkeys(("tests", "failures", "errors", "skipped"), 0)
    for exercise in results["exercises"]:
        suite = _suite(exercise, results.get("lang"))
        root.append(suite)
        for key in totals:
            totals[key] += int(suite.get(key))
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("time", f"{float(results.get('seconds') or 0):.3f}")
    return root


def _suite(exercise: dict, lang: str | None) -> ET.Element:
    checks = exercise.get("checks") or []
    seconds = float(exercise.get("seconds") or 0)
    suite = ET.Element("testsuite", name=xml_text(exercise_name(exercise)),
                       time=f"{seconds:.3f}")
    properties = ET.SubElement(suite, "properties")
    for name in ("score", "max_score", "status"):
        ET.SubElement(properties, "property", name=name, value=xml_text(exercise[name]))
    counts = dict.fromkeys(("failures", "errors", "skipped"), 0)
    said = words(lang)
    cases = [(_case_name(c, lang), c["status"], check_text(c, lang)) for c in checks] or [
        (filename(exercise), exercise["status"],
         exercise.get("message") or said.get(exercise["status"], exercise["status"]))]
    for name, status, text in cases:
        # the checks of an exercise run in one process: its time is shared among them
        case = ET.SubElement(suite, "testcase", classname=f"p{exercise['id']}",
                             name=xml_text(name), time=f"{seconds / len(cases):.3f}")
        if status == "skipped":
            ET.SubElement(case, "skipped", message=xml_text(clip(text, 500, lang)))
            counts["skipped"] += 1
        elif status in ELEMENT:
            element = ELEMENT[status]
            first = text.splitlines()[0] if text else status
            outcome = ET.SubElement(case, element, type=status,
                                    message=xml_text(clip(first, 500, lang)))
            outcome.text = xml_text(clip(text, TEXT_LIMIT, lang))
            counts["failures" if element == "failure" else "errors"] += 1
    suite.set("tests", str(len(cases)))
    for key, value in counts.items():
        suite.set(key, str(value))
    return suite


def _case_name(check: dict, lang: str | None) -> str:
    """A check's name is an English identifier: a Korean run names it by its label (as the
    terminal does), which is unique within an exercise as the name is."""
    return str(check.get("label") or check["name"]) if lang == "ko" else check["name"]


def render(results: dict) -> str:
    root = tree(results)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def emit(results: dict, target) -> None:
    target.write(render(results))


def uses_stdout(target) -> bool:
    """Whether it writes to standard output: unless --output names a file."""
    return target.output is None
