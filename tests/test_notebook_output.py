"""`%grade`'s output in Jupyter and Colab (issue 23, item 1): inline HTML, what a student needs
first, styles scoped to the output, links that stay in it; and the grader's own magics are not
"left out" notes. The real test executes a notebook through nbclient and lays its output out in
headless Chromium."""
from __future__ import annotations

import html
import json
import os
import re
import shutil
from pathlib import Path

import pytest

from chromium import WINDOW, measured, needs_browser, screenshot
from conftest import ROOT, run_cli
from contrast import ratio, rules, texts
from grader.grading.sources.notebook import python_of
from grader.render import notebook
from notebooks import kernel_code, write

CHECK = {"name": "", "label": None, "status": "passed", "message": "", "hint": None,
         "line": None}
P219 = {"id": "219", "title": "The Affine layer", "status": "failed", "score": 0.25,
        "max_score": 1.0, "message": "", "notes": [],
        "source": {"kind": "kernel", "path": None, "text": 'In [3]–In [4] ("문제 219")'},
        "checks": [
            {**CHECK, "name": "the course's example", "status": "failed",
             "message": "db: expected shape (3,), got shape (2, 3)\n  the check ran:\n"
                        "    db = affine.db\n  with x = [[1. 2.]]",
             "hint": "self.db = dout is not summed over the batch",
             "detail": {"name": "db", "code": "db = affine.db\n", "traceback": []}},
            {**CHECK, "name": "forward", "label": "forward of X"},
            {**CHECK, "name": "a batch of one", "status": "failed",
             "message": "db: expected shape (3,), got shape (1, 3)",
             "hint": "self.db = dout is not summed over the batch"},
            {**CHECK, "name": "a square W", "status": "failed",
             "message": "db: expected shape (3,), got shape (4, 3)", "hint": "keepdims"}]}
P209 = {"id": "209", "title": "MulLayer", "status": "passed", "score": 1.0, "max_score": 1.0,
        "message": "", "notes": [], "source": {"kind": "file", "path": "p209.py",
                                               "text": "p209.py"},
        "checks": [{**CHECK, "name": "the course's apple prices"}, {**CHECK, "name": "2-D"}]}
P216 = {"id": "216", "title": "Sigmoid", "status": "error", "score": 0.0, "max_score": 1.0,
        "message": "p216.py did not load: ValueError: 216", "notes": ["a note on 216"],
        "checks": []}
RESULT = {"schema": 1, "submission": "notebook", "score": 1.25, "max_score": 3.0, "seed": 7,
          "lang": "en", "notes": ["left out: nothing"], "exercises": [P209, P216, P219]}


def ids(page: str) -> list[str]:
    return re.findall(r'\sid="([^"]+)"', page)


def test_the_output_is_one_inline_element_with_its_styles_under_its_root():
    page = notebook.output(RESULT, token="t1")
    assert page.startswith('<section class="bpg" id="bpg-t1"') and page.rstrip().endswith(
        "</section>")
    assert page.count("<section") == 1  # one element: nothing of it outside the root
    for absent in ("<iframe", "srcdoc", "<script", "javascript:", " onclick", "<html", "<body"):
        assert absent not in page.lower()
    css = "\n".join(re.findall(r"<style>(.*?)</style>", page, re.S))
    selectors = [selector for selector, _ in rules(css)]
    assert len(selectors) > 20
    outside = [s for s in selectors if s.split()[0] != ".bpg"]
    assert not outside, f"rules that would restyle the notebook's page: {outside}"


def test_links_stay_in_the_output_and_ids_are_unique_per_output():
    first, second = notebook.output(RESULT), notebook.output(RESULT)
    for page in (first, second):
        found = ids(page)
        assert len(found) == len(set(found))
        root = found[0]
        assert all(i == root or i.startswith(root + "-") for i in found)
        links = re.findall(r'href="([^"]*)"', page)
        assert links == [f"#{root}-p209", f"#{root}-p216", f"#{root}-p219"]
        assert all(link[1:] in found for link in links)  # each an id of the same output
        title = re.search(rf'aria-labelledby="({root}-title)"', page).group(1)
        said = re.search(rf'id="{title}">(.*?)</p>', page).group(1)
        assert "Grading report" in said and "1.25 / 3" in said
    assert not set(ids(first)) & set(ids(second))  # two outputs of one notebook page


def test_what_did_not_pass_comes_first_and_what_passed_is_folded():
    page = notebook.output(RESULT, token="t1")
    text = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
    order = [text.index(s) for s in (
        'href="#bpg-t1-p209"', 'href="#bpg-t1-p219"',  # a line per exercise, in order
        'id="bpg-t1-p216"', "p216.py did not load",  # then each that did not pass
        'id="bpg-t1-p219"', "db: expected shape (3,), got shape (2, 3)",
        "self.db = dout is not summed over the batch", "got shape (1, 3)",
        'id="bpg-t1-p209"', "apple prices")]  # then what passed
    assert order == sorted(order)
    p219 = text.split('id="bpg-t1-p219"')[1].split("</div>")[0]
    # the first failure open: its difference and hint; the code it ran folded
    assert "db = affine.db" in p219.split("<details")[1]
    assert "db = affine.db" not in p219.split("<details")[0]
    # later failures one line each, folded, a hint said once
    later = p219.split("other checks failed: 2")[1].split("</details>")[0]
    assert "got shape (1, 3)" in later and "not summed" not in later and "keepdims" in later
    assert "checks passed: 1" in p219.split("<details")[-1]
    assert '<details class="bpg-ex bpg-ex-passed" id="bpg-t1-p209">' in text
    assert "Graded: p209.py" not in text  # the plain file says nothing
    assert 'Graded: In [3]–In [4] ("문제 219")' in html.unescape(p219)


def test_every_text_is_at_least_4_5_to_1_on_a_dark_notebook_too():
    """The output brings its background: a dark theme's light text does not reach it."""
    dark = "<style>body { background: #111111; color: #eeeeee; }</style><body>"
    for lang in ("en", "ko"):
        found = texts(dark + notebook.output({**RESULT, "lang": lang}) + "</body>")
        assert len(found) > 15
        low = [f"{t.ratio:.2f}:1 {t.colour} on {t.background}: {t.text!r}" for t in found
               if t.ratio < 4.5]
        assert not low, "\n".join(low)
    assert ratio("#5c636a", "#f8f9fa") >= 4.5


# -- the grader's own magics -------------------------------------------------------------------

def test_the_graders_own_magics_are_left_out_without_a_note():
    cell = python_of("%load_ext grader\n%grade 209-215 --lang ko\n%matplotlib inline\nx = 1\n"
                     "%reload_ext grader  # again\n%gradebook")
    assert cell.code.split("\n")[:4] == ["pass", "pass", "pass", "x = 1"]
    assert cell.dropped == (3, 6) and cell.error is None


def test_grading_a_notebook_that_grades_itself_notes_only_other_magics(tmp_path):
    nb = write(tmp_path / "work.ipynb", [
        ("markdown", "## 문제 209"),
        ("code", "%load_ext grader\n%matplotlib inline\n" + kernel_code("209")),
        ("code", "%grade 209")])
    done = run_cli("check", str(nb), "--only", "209", "--json", str(tmp_path / "r.json"))
    assert done.returncode == 0, done.stdout + done.stderr
    notes = json.loads((tmp_path / "r.json").read_text())["exercises"][0]["notes"]
    magics = [n for n in notes if n.startswith("left out: Jupyter magics")]
    assert magics == ["left out: Jupyter magics and shell commands (work.ipynb, cell 2, "
                      "line 2)"], notes


# -- a real notebook, a real kernel, a real browser --------------------------------------------

MEASURE = """
(function () {
  const out = document.getElementById('out');
  const anchor = ANCHOR;
  function where() {
    const top = out.getBoundingClientRect().top + window.scrollY;
    const part = document.getElementById(anchor);
    const bottom = (selector) => {
      const found = part && part.querySelector(selector);
      return found ? found.getBoundingClientRect().bottom + window.scrollY - top : null;
    };
    return {failure: bottom('pre.bpg-msg'), hint: bottom('.bpg-hint'),
            text: part ? part.innerText : '', height: out.getBoundingClientRect().height};
  }
  const found = {styled: where()};
  const before = location.href;
  out.querySelector('a[href="#' + anchor + '"]').click();
  found.link = {page: location.href.split('#')[0] === before.split('#')[0],
                hash: location.hash,
                top: Math.round(document.getElementById(anchor).getBoundingClientRect().top)};
  out.querySelectorAll('style').forEach((s) => s.remove());  // as a sanitizer shows it
  window.scrollTo(0, 0);
  found.unstyled = where();
  const pre = document.createElement('pre');
  pre.id = 'measured';
  pre.textContent = JSON.stringify(found);
  document.body.appendChild(pre);
})();
"""
PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>notebook</title>
<style>body {{ margin: 0; font: 13px sans-serif; }} .cell {{ display: flex; padding: 4px; }}
.prompt {{ width: 64px; flex: none; color: #555; }} .area {{ flex: 1; min-width: 0; }}</style>
</head><body>
<div class="cell"><div class="prompt">In [5]:</div><pre class="area">{cell}</pre></div>
<div class="cell"><div class="prompt"></div><div class="area" id="out">{output}</div></div>
<div style="height: 3000px"></div>
{script}</body></html>"""


def executed(folder: Path, lang: str) -> dict:
    """The outputs of `%grade 209,214,219` in a course notebook run by a real kernel: p209 and
    p214 right, p219's db not summed over the batch."""
    nbclient = pytest.importorskip("nbclient", reason="nbclient is a test extra")
    nbformat = pytest.importorskip("nbformat", reason="nbformat is a test extra")
    pytest.importorskip("ipykernel", reason="ipykernel is a test extra")
    cells = [("markdown", "# 5장 오차역전파법"), ("code", "# 문제 209\n" + kernel_code("209")),
             ("code", "# 문제 214\n" + kernel_code("214")),
             ("code", "# 문제 219\n" + kernel_code("219").replace("np.sum(dout, axis=0)", "dout")),
             ("code", f"%load_ext grader\n%grade 209,214,219 --lang {lang}")]
    nb = nbformat.read(write(folder / "ch05.ipynb", cells), as_version=4)
    client = nbclient.NotebookClient(nb, timeout=120, kernel_name="python3",
                                     resources={"metadata": {"path": str(folder)}})
    client.execute(env={**os.environ, "PYTHONPATH": str(ROOT)})
    return nb.cells[-1].outputs[0]["data"]


@needs_browser
@pytest.mark.parametrize("lang, hint", [
    ("en", "self.db = np.sum(dout, axis=0)"), ("ko", "self.db = np.sum(dout, axis=0)")])
def test_in_a_real_notebook_219s_failure_and_hint_are_on_the_first_screen(tmp_path, lang, hint):
    """`%grade 209,214,219` used to show a 646-pixel frame over 1,894 pixels of report, 219's
    failure at about 1,100 pixels inside it, and `p219` in the summary loaded the notebook's page
    inside the frame."""
    folder = tmp_path / "course"
    folder.mkdir()
    shown = executed(folder, lang)
    assert "FAILED" in shown["text/plain"] or "실패" in shown["text/plain"]
    output = shown["text/html"]
    assert output.startswith('<section class="bpg"') and "<iframe" not in output
    assert "Jupyter" not in output  # no "left out: Jupyter magics" for %load_ext / %grade
    anchor = re.search(r'id="(bpg-[0-9a-f]+-p219)"', output).group(1)
    page = tmp_path / f"notebook-{lang}.html"
    page.write_text(PAGE.format(cell="%load_ext grader\n%grade 209,214,219", output=output,
                                script=f"<script>{MEASURE.replace('ANCHOR', repr(anchor))}"
                                       "</script>"), encoding="utf-8")
    found = measured(page, tmp_path)
    screen = WINDOW[1]
    for view in ("styled", "unstyled"):  # with its styles, and as a sanitizer leaves it
        seen = found[view]
        assert seen["failure"] is not None and seen["hint"] is not None, seen
        assert seen["failure"] < seen["hint"] <= screen, (view, seen)
        assert "(2, 3)" in seen["text"] and hint in seen["text"]
    assert found["link"]["page"] and found["link"]["hash"] == f"#{anchor}"
    assert found["link"]["top"] == 0  # scrolled to p219, on the notebook's own page
    picture = tmp_path / f"screen-{lang}.html"
    picture.write_text(PAGE.format(cell="%load_ext grader\n%grade 209,214,219", output=output,
                                   script=""), encoding="utf-8")
    png = screenshot(picture, tmp_path)
    if os.environ.get("GRADER_SCREENSHOTS"):  # for a person to look at
        shutil.copyfile(png, Path(os.environ["GRADER_SCREENSHOTS"]) / f"notebook-{lang}.png")
