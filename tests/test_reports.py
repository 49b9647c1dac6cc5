"""The reports: results JSON and HTML against golden files, escaping, charts, and a real browser.

Refresh the golden files after an intended change with
    GRADER_UPDATE_GOLDENS=1 python -m pytest tests/test_reports.py
and read their diff before committing it.
"""
from __future__ import annotations

import json
import math
import re
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import SOLUTIONS, run_cli
from grader.batch import summary
from grader.render import html, svg
from grader.render.arrays import show
from grader.render.words import points

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("GRADER_UPDATE_GOLDENS") == "1"
ONLY = "101,210,217,221,222,225"
"""exercises whose checks all use fixed inputs, so their values do not depend on the seed"""

HOSTILE = '''import numpy as np

print("<script>alert('out')</script>")


def helper():
    raise ValueError("<script>alert('exc')</script>")


def noncommutative_pair():
    return helper()
'''


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """One submission graded by `grader check --json --html`: a pass, a missing file, three
    known mistakes and a hostile file that prints and raises markup."""
    folder = tmp_path_factory.mktemp("class") / "alice"
    folder.mkdir()
    for name in ("p101.py", "p209.py", "p216.py"):
        shutil.copyfile(SOLUTIONS / name, folder / name)
    for exercise, mistake in (("217", "uses-input"), ("222", "prints-W-X"),
                              ("225", "db-not-summed")):
        shutil.copyfile(SOLUTIONS / "mistakes" / f"p{exercise}_{mistake}.py",
                        folder / f"p{exercise}.py")
    (folder / "p221.py").write_text(HOSTILE, encoding="utf-8")
    out = folder.parent / "out"
    out.mkdir()  # the folder of --json and --html must exist (it is never made silently)
    done = run_cli("check", str(folder), "--only", ONLY, "--seed", "5",
                   "--json", str(out / "results.json"), "--html", str(out / "report.html"))
    assert done.returncode == 1, done.stdout + done.stderr
    (out / "terminal.txt").write_text(done.stdout, encoding="utf-8")
    return json.loads((out / "results.json").read_text(encoding="utf-8")), out


ISOLATION = {"level": "namespaces", "why": None, "user_namespace": False,
             "limits": "cgroup v1", "limits_why": None, "shared": []}
"""what the jobs ran in, as the goldens have it (each machine says its own)"""


def masked(value, key=None):
    """The results JSON without what changes from run to run, release to release or machine to
    machine (what the jobs ran in: one report for all)."""
    if key in ("seconds", "grader_version"):
        return "<masked>"
    if key == "isolation" and isinstance(value, dict):
        return ISOLATION
    if isinstance(value, dict):
        return {k: masked(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [masked(v) for v in value]
    if isinstance(value, float) and math.isfinite(value):
        return float(f"{value:.9g}")
    return value


class Outline(HTMLParser):
    """A page's structure: one line per element (tag, id, classes) with its own text."""

    VOID = {"meta", "link", "br", "img", "input", "hr"}

    def __init__(self):
        super().__init__()
        self.lines: list[str] = []
        self.depth = 0
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = tag + (f"#{a['id']}" if a.get("id") else "") + "".join(
            f".{c}" for c in (a.get("class") or "").split())
        self.lines.append("  " * self.depth + name)
        self.in_style = tag == "style"
        if tag not in self.VOID:
            self.depth += 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID:
            self.depth -= 1

    def handle_endtag(self, tag):
        self.depth -= 1
        self.in_style = False

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and not self.in_style:
            self.lines.append("  " * self.depth + "| " + text)


def outline(page: str) -> str:
    parser = Outline()
    parser.feed(page)
    parser.close()
    assert parser.depth == 0, "unbalanced tags"
    return "\n".join(parser.lines) + "\n"


def golden(name: str, text: str):
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no {path}: create it with GRADER_UPDATE_GOLDENS=1"
    assert text == path.read_text(encoding="utf-8"), (
        f"{name} differs from its golden file; if the change is intended, refresh it with "
        "GRADER_UPDATE_GOLDENS=1 and read the diff")


def curves_result(lang="en") -> dict:
    """A results dict for 237 with synthetic training curves: relu learns faster than sigmoid."""
    its = list(range(0, 1001, 100))
    curves = {"relu": {"iterations": its, "train": [1 - 0.9 * math.exp(-i / 200) for i in its],
                       "test": [0.95 - 0.9 * math.exp(-i / 200) for i in its]},
              "sigmoid": {"iterations": its, "train": [0.8 - 0.7 * math.exp(-i / 600) for i in its],
                          "test": [0.78 - 0.7 * math.exp(-i / 600) for i in its]}}
    check = {"name": "relu beats sigmoid", "label": None, "kind": "training", "status": "failed",
             "message": "relu 0.95 is not above sigmoid 0.97", "hint": None, "weight": 1.0,
             "diagnoses": [], "line": None, "data": {"curves": curves}}
    return {"schema": 1, "submission": "bob", "score": 0.0, "max_score": 1.0, "seed": 1,
            "lang": lang, "grader_version": "x", "solutions_used": False, "seconds": 0.0,
            "exercises": [{"id": "237", "title": "Training", "status": "failed", "score": 0.0,
                           "max_score": 1.0, "message": "", "seconds": 0.0, "checks": [check],
                           "stdout": None, "stderr": None}]}


def class_of(result: dict) -> tuple[dict, list[dict], dict[str, str]]:
    """A small class around one graded result, as the batch hands it to the dashboard: the
    summary, the slim results and the links. One student's name and problem hold markup."""
    def every(status: str, score) -> list[dict]:
        return [{**e, "status": status, "score": score(e), "checks": []}
                for e in result["exercises"]]

    full = [result,
            {**result, "submission": "<script>eve</script>", "problem": "<b>refused</b>"},
            {**result, "submission": "carol", "score": result["max_score"],
             "exercises": every("passed", lambda e: e["max_score"])},
            {**result, "submission": "dave", "score": 0.0,
             "exercises": every("missing", lambda e: 0.0)}]
    results = [summary.slim(r) for r in full]
    links = {r["submission"]: f"{quote(r['submission'])}/report.html" for r in results}
    return summary.build(results, ungraded=["frank"]), results, links


# --- golden files ---------------------------------------------------------------------------

def test_results_json_matches_its_golden_file(graded):
    result, _ = graded
    golden("results.json", json.dumps(masked(result), ensure_ascii=False, indent=2) + "\n")


def test_student_report_structure_matches_its_golden_file(graded):
    result, _ = graded
    golden("report.outline", outline(html.student_report(masked(result))))


def test_curves_report_and_dashboard_match_their_golden_files(graded):
    golden("curves.outline", outline(html.student_report(curves_result())))
    golden("dashboard.outline", outline(html.dashboard(*class_of(masked(graded[0])))))


def test_check_html_writes_the_report_of_the_results_json(graded):
    result, out = graded
    page = (out / "report.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert page == html.student_report(result)


# --- what the student's page shows ------------------------------------------------------------

def test_student_report_shows_scores_arrays_hints_output_and_traceback(graded):
    result, _ = graded
    page = html.student_report(result)
    by_id = {e["id"]: e for e in result["exercises"]}
    assert by_id["101"]["status"] == "passed" and by_id["210"]["status"] == "missing"
    assert f'<span id="score">{points(result["score"])}</span>' in page
    for e in result["exercises"]:  # attempted: a section each; missing: one folded row
        assert (f'id="p{e["id"]}"' in page) == (e["status"] != "missing")
    folded = page.split('id="missing"')[1].split("</tr>")[0]
    assert "<details>" in folded and "p210 " in folded and "p210.py is missing" in folded
    every = html.student_report(result, every=True)
    assert 'id="missing"' not in every
    assert all(f'id="p{e["id"]}"' in every for e in result["exercises"])
    # p222 prints W·X: the four last printed numbers are marked, the fifth first
    assert page.count('<td class="diff first">23</td>') == 1
    assert '<td class="diff">34</td>' in page and '<td class="diff">46</td>' in page
    assert "np.dot(W.T, X.T).T" in page  # its hint
    assert "[[23 34]" in page  # its stdout
    # p225: db not summed shows expected and actual side by side, shapes differing
    assert "shape (19,)" in page or "shape (3,)" in page
    # p221 raised: the traceback names the student's own lines only
    assert "p221.py, line 7, in helper" in page and "grader/" not in page


def test_the_terminal_leads_with_what_was_attempted(graded):
    result, out = graded
    lines = (out / "terminal.txt").read_text(encoding="utf-8").splitlines()
    missing = [e["id"] for e in result["exercises"] if e["status"] == "missing"]
    attempted = [e["id"] for e in result["exercises"] if e["status"] != "missing"]
    assert missing and attempted
    fold = next(i for i, line in enumerate(lines) if "not handed in" in line)
    assert all(any(f"p{i} " in line for line in lines[:fold]) for i in attempted)
    assert f"not handed in: {len(missing)} (" in lines[fold] and "--all" in lines[fold]
    assert not any(f"p{i} " in line for line in lines[:fold] for i in missing)
    folder = out.parent / "alice"
    every = run_cli("check", str(folder), "--only", ONLY, "--seed", "5", "--all").stdout
    assert "not handed in" not in every
    assert all(f"p{i} " in every for i in missing)


def test_a_korean_result_gets_korean_labels():
    page = html.student_report(curves_result("ko"))
    assert 'lang="ko"' in page and "합계" in page and "학습 곡선" in page
    assert "Total" not in page


def test_the_fields_of_the_product_contract_are_enough_for_a_page():
    result = {"schema": 1, "submission": "alice", "score": 0.5, "max_score": 2.0, "exercises": [
        {"id": "209", "title": "MulLayer", "status": "failed", "score": 0.5, "max_score": 1.0,
         "checks": [{"name": "apples", "status": "passed", "message": "", "hint": None},
                    {"name": "tax", "status": "failed", "message": "dx: expected 1.1, got 2",
                     "hint": "mind the order"}]},
        {"id": "210", "title": "Apples", "status": "missing", "score": 0.0, "max_score": 1.0,
         "checks": []}]}
    page = html.student_report(result)
    assert "dx: expected 1.1, got 2" in page and "mind the order" in page
    assert '<span class="badge s-missing">missing</span>' in page


def test_training_curves_are_inline_svg_relu_against_sigmoid():
    page = html.student_report(curves_result())
    assert page.count('<polyline class="curve"') == 4
    assert "relu · train" in page and "sigmoid · test" in page
    assert "<script" not in page and "http://" not in page.replace("http://www.w3.org/2000/svg", "")


# --- escaping ----------------------------------------------------------------------------------

class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def tags(page: str) -> list[str]:
    parser = Tags()
    parser.feed(page)
    return parser.tags


def test_what_a_submission_prints_or_raises_is_text_not_markup(graded):
    result, _ = graded
    page = html.student_report(result)
    assert "script" not in tags(page)
    assert "&lt;script&gt;alert(&#39;out&#39;)&lt;/script&gt;" in page  # printed
    assert "raised ValueError: &lt;script&gt;alert(&#39;exc&#39;)&lt;/script&gt;" in page  # raised
    dashboard = html.dashboard(*class_of(result))
    assert "script" not in tags(dashboard) and "b" not in tags(dashboard)
    assert "&lt;script&gt;eve&lt;/script&gt;" in dashboard


# --- the pieces --------------------------------------------------------------------------------

def test_arrays_mark_the_differing_elements_and_the_first():
    shown = show([[1.0, 2.0], [3.0, 4.5]], [[False, True], [False, True]], [0, 1])
    cells = [c for row in shown.blocks[0].rows for c in row]
    assert [c.text for c in cells] == ["1", "2", "3", "4.5"]
    assert [c.differs for c in cells] == [False, True, False, True]
    assert [c.first for c in cells] == [False, True, False, False]
    assert shown.shape == "(2, 2)"
    # a mask of another shape (the shapes differ) marks nothing
    assert not any(c.differs for row in show([1, 2, 3], [True]).blocks[0].rows for c in row)


def test_arrays_of_higher_rank_become_blocks_and_the_rest_text():
    shown = show([[[1, 2]], [[3, 4]]])
    assert [b.title for b in shown.blocks] == ["[0, :, :]", "[1, :, :]"]
    assert show("array([...], shape=(900,))").text.startswith("array")
    assert show([[1], [2, 3]]).text == "[[1], [2, 3]]"  # ragged: not an array
    assert show(0.5, True, []).blocks[0].rows[0][0].differs


def test_histogram_counts_every_score_once_and_the_top_in_the_last_bin():
    chart = svg.histogram([0, 0.5, 9.99, 10, 10, float("nan"), "x"], 10, bins=10)
    assert [b.count for b in chart.bars] == [2, 0, 0, 0, 0, 0, 0, 0, 0, 3]
    tallest = max(chart.bars, key=lambda b: b.count)
    assert tallest.y == chart.top and tallest.y + tallest.height == chart.bottom


@pytest.mark.parametrize("top", [11, 6, 10, 44, 50, 3, 0.5, 237])
def test_histogram_bins_start_and_end_at_its_ticks(top):
    """11 points used to make 10 bins 1.1 wide under ticks at 0, 2, 4: now bins 2 wide, each
    between two ticks; a score falls in the bin whose ticks hold it."""
    chart = svg.histogram([0, top * 0.3, top * 0.75, top], top)
    ticks = [t.at for t in chart.x_ticks]
    assert 4 <= len(chart.bars) <= 10 and len(ticks) == len(chart.bars) + 1
    for bar, (start, end) in zip(chart.bars, zip(ticks, ticks[1:])):
        assert bar.x - 1 == pytest.approx(start, abs=0.11)  # a pixel apart, drawn to 0.1
        assert bar.x + bar.width + 1 == pytest.approx(end, abs=0.11)
        low, high = (float(x) for x in bar.label.split("–"))
        assert [t.label for t in chart.x_ticks].count(svg.short(low)) == 1
        assert svg.short(high) in [t.label for t in chart.x_ticks]
    assert sum(b.count for b in chart.bars) == 4 and chart.bars[-1].count >= 1
    assert float(chart.x_ticks[-1].label) >= top > float(chart.x_ticks[-2].label)
    if top == 11:
        assert [t.label for t in chart.x_ticks] == ["0", "2", "4", "6", "8", "10", "12"]
        assert [b.count for b in svg.histogram([8.222222, 9.99, 10], 11).bars] == [
            0, 0, 0, 0, 2, 1]


def test_a_students_mistake_is_counted_once_under_the_family_that_fired_first(grade, tmp_path):
    """`self.db = dout.copy()`: the checks of many rows say db-not-summed, the batch of one
    missing-sum (whose words are of a keepdims mistake). The student was told the first."""
    from grader.render.json_report import as_dict
    from grader.results import SubmissionResult

    shutil.copyfile(Path(__file__).parent / "realistic" / "p219_db-copy.py", tmp_path / "p219.py")
    exercise = grade(tmp_path, "219")["219"]
    fired = [d for c in exercise.checks for d in c.diagnoses]
    assert fired[0] == "db-not-summed" and "missing-sum" in fired  # both families fire
    results = [summary.slim(as_dict(SubmissionResult(name, (exercise,), 7, "en")))
               for name in ("ann", "ben")]
    counted = summary.build(results)["exercises"][0]["diagnoses"]
    assert [(d["id"], d["count"]) for d in counted] == [("db-not-summed", 2)]
    assert counted[0]["hint"].startswith("self.db = dout is not summed over the batch")


def test_line_chart_stays_inside_its_frame_and_drops_what_is_not_a_number():
    chart = svg.line_chart([svg.Series("a", ((0, 0.0), (5, 1.0), (10, float("inf")), (None, 2)))],
                           y_range=(0.0, 1.0))
    points = [tuple(map(float, p.split(","))) for p in chart.lines[0].points.split()]
    assert len(points) == 2
    assert points[0] == (chart.left, chart.bottom) and points[1] == (chart.right, chart.top)
    assert [t.label for t in chart.y_ticks] == ["0", "0.2", "0.4", "0.6", "0.8", "1"]
    empty = svg.line_chart([svg.Series("none", ())])
    assert empty.lines[0].points == "" and empty.lines[0].last is None


def test_dashboard_shows_distribution_pass_rates_mistakes_and_ordered_students(graded):
    data, results, links = class_of(graded[0])
    page = html.dashboard(data, results, links)
    assert page.count('<rect class="bin"') == 6  # 6 points: a bin per point, under its ticks
    assert '<a href="carol/report.html">carol</a>' in page
    order = [page.index(f">{name}</a>") for name in ("carol", "&lt;script&gt;eve&lt;/script&gt;",
                                                      "alice", "dave")]
    assert order == sorted(order)
    mistakes = page[page.index('id="mistakes"'):page.index('id="students"')]
    assert "prints-W-X" in mistakes and "db-not-summed" in mistakes and "uses-input" in mistakes
    assert '<td class="num">2</td>' in mistakes  # alice and eve made each of them
    rates = page[page.index('id="pass-rate"'):page.index('id="mistakes"')]
    assert rates.count(">75.0%<") == 1 and rates.count(">25.0%<") == 5  # p101, then the others
    assert "frank" in page[page.index('id="ungraded"'):]
    assert "&lt;b&gt;refused&lt;/b&gt;" in page
    # the full results dicts do as well as the slim ones
    assert html.dashboard(data, [graded[0]], links).count('<a href="alice/report.html">') == 1


def test_dashboard_has_a_legend_status_colours_apart_and_the_seed_once(graded):
    data, results, links = class_of(graded[0])
    page = html.dashboard(data, results, links)
    legend = page[page.index('id="legend"'):page.index("</ul>", page.index('id="legend"'))]
    for status in ("passed", "failed", "error", "timeout", "missing"):
        assert f'class="s-{status}"' in legend and f"> {status}</li>" in legend
    assert page.count("--seed 5") == 1 and 'id="other-seeds"' not in page
    # failed and error (and every status) in distinct colours of the Okabe-Ito palette, which
    # stays apart for the common colour blindnesses; error and timeout squares carry a pattern
    okabe_ito = {"#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7"}
    style = page[page.index("<style>"):page.index("</style>")]
    colours = dict(re.findall(r"--(ok|bad|err|slow): (#[0-9a-f]{6})", style))
    assert set(colours.values()) <= okabe_ito and len(set(colours.values())) == 4
    assert ".cells span.s-error { background-image" in style
    assert ".cells span.s-timeout { background-image" in style
    mixed = {**data, "seed": 5}
    other = [dict(results[0], seed=9)] + results[1:]
    assert f"{results[0]['submission']} (seed 9)" in html.dashboard(mixed, other, links)


def test_a_student_page_links_back_to_the_class_only_in_a_batch(graded):
    result, _ = graded
    assert 'href="../index.html"' in html.student_report(result, class_page="../index.html")
    assert "index.html" not in html.student_report(result)


def test_adjusted_scores_show_on_the_student_page_in_both_languages(graded):
    result = dict(graded[0], adjusted={
        "score": 1.5, "max_score": graded[0]["max_score"], "graded_score": graded[0]["score"],
        "overrides": [{"exercise": "222", "points": 1.0, "graded": 0.0, "reason": "<i>ok</i>"}],
        "late": {"submitted": "2026-03-03T10:00:00+09:00", "from": "git",
                 "due": "2026-03-01T23:59:00+09:00", "days": 2, "percent": 20.0,
                 "points": 0.4}})
    page = html.student_report(result)
    assert '<span id="score">1.5</span>' in page and "&lt;i&gt;ok&lt;/i&gt;" in page
    assert "days late: 2" in page and "2026-03-01 23:59 (UTC+09:00)" in page
    assert "set by hand" in page
    korean = html.student_report(dict(result, lang="ko"))
    assert "지각 일수: 2" in korean and "직접 정한 점수" in korean and "days late" not in korean


# --- a real browser ----------------------------------------------------------------------------

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


def screenshot(page: Path, tmp_path: Path) -> Path:
    png = page.with_suffix(".png")
    profile = tmp_path / f"profile-{page.stem}"
    done = subprocess.run([BROWSER, *FLAGS, f"--user-data-dir={profile}", f"--screenshot={png}",
                           "--window-size=1200,2000", page.as_uri()],
                          capture_output=True, text=True, timeout=120)
    assert png.exists(), f"no screenshot of {page.name}: {done.stderr[-2000:]}"
    return png


@pytest.mark.skipif(BROWSER is None and os.environ.get("GRADER_REQUIRE_BROWSER") != "1",
                    reason="the browser test needs Chromium: apt-get install chromium "
                           "(.ci/run installs it)")
def test_reports_render_in_headless_chromium(graded, tmp_path):
    from screenshot_png import variety

    assert BROWSER, "GRADER_REQUIRE_BROWSER=1 but no chromium on PATH"
    pages = {"report.html": html.student_report(graded[0]),
             "dashboard.html": html.dashboard(*class_of(graded[0])),
             "curves.html": html.student_report(curves_result()),
             "blank.html": "<!DOCTYPE html><html><body></body></html>"}
    found = {}
    for name, text in pages.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        found[name] = variety(screenshot(path, tmp_path))
    colours, share = found.pop("blank.html")
    assert colours == 1 and share == 0  # the measure itself tells a blank page
    for name, (colours, share) in found.items():
        assert colours > 20 and share > 0.02, f"{name} looks blank: {colours} colours, {share:.3f}"
