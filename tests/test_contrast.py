"""The HTML outputs are readable (issue 23, item 4): every text at least 4.5:1 against what lies
under it (WCAG 2 AA), computed from the pages' own stylesheets (tests/contrast.py), in pages
that show everything they can; and the dashboard's squares say their status to a screen
reader."""
from __future__ import annotations

import re

import pytest

from contrast import ratio, texts
from grader.batch import summary
from grader.render import html

AA = 4.5

CHECKS = [
    {"name": "the course's example", "status": "failed", "label": "X·W + B",
     "message": "db: expected shape (3,), got shape (2, 3)\nmore", "hint": "sum over axis 0",
     "line": {"file": "p219.py", "line": 12, "cell": None},
     "detail": {"name": "db", "expected": [[1.0, 2.0], [3.0, 4.0]],
                "actual": [[1.0, 2.5], [3.0, 4.0]], "mismatch": [[False, True], [False, False]],
                "index": [0, 1], "abs_diff": 0.5, "rel_diff": 0.2,
                "inputs": {"x": [[1.0, 2.0]]}, "code": "db = affine.db",
                "traceback": [{"file": "p219.py", "line": 12, "cell": None,
                               "function": "backward", "code": "self.db = dout"}]}},
    {"name": "trains", "status": "error", "message": "raised", "hint": None,
     "data": {"curves": {"net": {"iterations": [0, 10], "train": [0.1, 0.9],
                                 "test": [0.1, 0.8]}}}},
    {"name": "prints", "status": "passed", "label": "printed", "message": "2 numbers ignored"},
    {"name": "reference", "status": "skipped", "message": "needs the reference"},
]
RESULT = {
    "schema": 1, "submission": "alice", "score": 0.5, "max_score": 3.0, "seed": 5,
    "grader_version": "0.1.0", "lang": "en", "notes": ["a note on the submission"],
    "isolation": {"level": "namespaces", "limits": "cgroup v1", "shared": []},
    "adjusted": {"score": 0.4, "graded_score": 0.5,
                 "overrides": [{"exercise": "210", "points": 1.0, "graded": 0.0,
                                "reason": "asked loosely"}],
                 "late": {"days": 2, "percent": 20.0, "points": 0.1,
                          "submitted": "2026-03-03T10:00+09:00", "due": "2026-03-01"}},
    "exercises": [
        {"id": "219", "title": "Affine", "status": "failed", "score": 0.5, "max_score": 1.0,
         "message": "", "checks": CHECKS, "notes": ["graded from a notebook"],
         "source": {"path": "ch05.ipynb", "text": "ch05.ipynb, cells 3-4"},
         "stdout": {"text": "printed", "size": 7, "truncated": True},
         "stderr": {"text": "warned", "size": 6, "truncated": False}},
        {"id": "210", "title": "Apples", "status": "error", "score": 0.0, "max_score": 1.0,
         "message": "p210.py does not load", "checks": []},
        {"id": "211", "title": "Oranges", "status": "missing", "score": 0.0, "max_score": 1.0,
         "message": "no p211.py", "checks": []},
    ],
}


def dashboard() -> str:
    statuses = ("passed", "failed", "error", "timeout", "missing")
    full = [{**RESULT, "submission": f"s{i}", "score": float(i), "exercises": [
        {**e, "status": statuses[(i + k) % 5]} for k, e in enumerate(RESULT["exercises"])]}
        for i in range(5)]
    full[1]["problem"] = "the submission was refused: a symbolic link"
    full[2]["adjusted"] = {**RESULT["adjusted"], "late": {"days": None, "due": "2026-03-01"}}
    full[3]["seed"] = 9
    results = [summary.slim(r) for r in full]
    data = summary.build(results, ungraded=["frank"], seed=5,
                         policy={"due": "2026-03-01", "late_penalty": 10, "late_cap": 50,
                                 "overrides": "overrides.csv"})
    data["similarity"] = [{"exercise": "219", "students": ["s0", "s1"], "similarity": 0.8,
                           "shared": 12, "page": "similarity/s0-s1.html"}]
    return html.dashboard(data, results, {f"s{i}": f"s{i}/report.html" for i in range(5)})


def similarity() -> str:
    pair = {"exercise": "219", "students": ["s0", "s1"], "similarity": 0.8, "shared": 12,
            "lines": [[[1, 1]], [[2, 2]]]}
    return html.similarity_page(pair, "a = 1\nb = 2\n", "c = 3\na = 1\n")


PAGES = {
    "student": lambda: html.student_report(RESULT, class_page="../index.html", every=True),
    "student, Korean": lambda: html.student_report({**RESULT, "lang": "ko"}),
    "dashboard": dashboard,
    "similarity": similarity,
}


def test_the_contrast_check_finds_grey_on_white_and_reads_the_cascade():
    """The check itself: #999 on white is 2.85:1; a class rule beats a tag rule, a later rule
    an earlier one, an inline style both; a background is the nearest one under the text."""
    assert ratio("#999999", "#ffffff") == pytest.approx(2.85, abs=0.01)
    page = """<style>:root { --grey: #999; } p { color: #000; } .meta { color: var(--grey); }
    div.box { background: #212529; } div.box span { color: #fff; }</style>
    <p class="meta">seed 5</p><p>fine</p><div class="box"><span>light on dark</span></div>
    <p style="color: #777">inline</p><svg><text fill="#ccc">tick</text><title>tip</title></svg>"""
    found = {t.text: t for t in texts(page)}
    assert found["seed 5"].colour == "#999999" and found["seed 5"].ratio < AA
    assert found["fine"].ratio == 21
    assert found["light on dark"].background == "#212529" and found["light on dark"].ratio > AA
    assert found["inline"].colour == "#777777"
    assert found["tick"].colour == "#cccccc" and "tip" not in found


@pytest.mark.parametrize("name", PAGES)
def test_every_text_of_the_html_outputs_is_at_least_4_5_to_1(name):
    found = texts(PAGES[name]())
    assert len(found) > 15  # the page was read, text by text
    low = [f"{t.ratio:.2f}:1 {t.colour} on {t.background}: {t.text!r} at {t.where}"
           for t in found if t.ratio < AA]
    assert not low, "\n".join(low)


def test_the_dashboards_squares_say_their_status_to_screen_readers():
    page = dashboard()
    squares = re.findall(r'<span class="s-[a-z]+[^"]*"([^>]*)></span>', page.split(
        'id="legend"')[1].split("</ul>", 1)[1])
    assert len(squares) == 5 * 3
    for attributes in squares:
        assert 'role="img"' in attributes
        said = re.search(r'aria-label="p(\d+): ([^"]+)"', attributes)
        assert said and said.group(2).split(" · ")[0] in (
            "passed", "failed", "error", "timeout", "missing"), attributes
    legend = page.split('id="legend"')[1].split("</ul>", 1)[0]
    assert legend.count('aria-hidden="true"') == 6  # the legend's squares: their words follow
    assert 'aria-label="p210: passed · set by hand"' in page
