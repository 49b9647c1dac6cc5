"""Notebooks as students of the course hand them in: read, cut into sections, graded."""
from __future__ import annotations

import json

import pytest
from conftest import SOLUTIONS, run_cli
from notebooks import course_notebook, kernel_code, notebook, write

from grader.bank import select
from grader.grading.engine import Grader
from grader.grading.job import GradingJob, Options
from grader.grading.sources.notebook import NotebookError, python_of, read_notebook
from grader.grading.sources.views import Bindings, view

NOISE_IDS = ["209", "210", "211", "212", "214", "215", "216", "219", "225", "230", "237"]


def grade(bank, folder, ids, **job):
    with Grader(select(bank, ids), Options(seed=5), bank=bank) as grader:
        result = grader.grade(GradingJob.read(folder, **job))
    return result, {e.id: e for e in result.exercises}


# -- reading --------------------------------------------------------------------------------


def test_markers_are_found_in_markdown_and_as_a_code_cells_first_comment(tmp_path):
    cells = [("markdown", "# 5.4.1 곱셈 계층"), ("markdown", "## 문제 209. 곱셈 계층"),
             ("markdown", "**문제210.**"), ("code", "# p211\nclass AddLayer: ..."),
             ("markdown", "### Problem 212"), ("code", "#exercise 213"),
             ("code", "x = 1  # 문제 214"), ("markdown", "p2155 is not one")]
    nb = read_notebook("a.ipynb", notebook(cells).encode())
    assert [c.marker for c in nb.cells] == [None, "209", "210", "211", "212", "213", None, None]
    assert [c.number for c in nb.cells] == list(range(1, 9))


def test_format_3_notebooks_and_broken_files(tmp_path):
    old = {"nbformat": 3, "worksheets": [{"cells": [
        {"cell_type": "heading", "source": "문제 209"},
        {"cell_type": "code", "input": ["class MulLayer:\n", "    pass\n"]}]}]}
    nb = read_notebook("old.ipynb", json.dumps(old).encode())
    assert [(c.kind, c.marker) for c in nb.cells] == [("markdown", "209"), ("code", None)]
    assert "class MulLayer" in nb.cells[1].source
    for junk in (b"not json", b"[1, 2]", b"[" * 100_000 + b"]" * 100_000, b"\xff\xfe"):
        with pytest.raises(NotebookError):
            read_notebook("junk.ipynb", junk)


def test_magics_shell_lines_and_help_are_left_out_line_for_line():
    code = python_of("%matplotlib inline\nimport numpy as np\n!pip install numpy\n"
                     "files = !ls\nfor i in range(2):\n    %time f(i)\nnp.sum?\nx = 1")
    assert code.error is None and code.dropped == (1, 3, 4, 6, 7)
    assert code.code.split("\n") == ["pass", "import numpy as np", "pass", "pass",
                                     "for i in range(2):", "    pass", "pass", "x = 1"]
    assert python_of("%%time\nx = 1").code == "\nx = 1"
    assert python_of("%%bash\nrm -rf /").code is None
    assert python_of("x = (1\n% 2)").dropped == ()  # Python that parses is left alone
    assert python_of("def f(:\n  pass").error[0] == 1


def test_a_definitions_view_keeps_definitions_line_for_line_and_stands_in_for_imports():
    source = ("import numpy as np\nimport matplotlib.pyplot as plt\nfrom turtle import shape\n"
              "apple = 100\nclass MulLayer:\n    pass\nnet = MulLayer()\nfor i in range(3):\n"
              "    print(i)\nplt.show()\nRelu1 = MulLayer\n")
    shown = view(source, "definitions", lambda m: m == "numpy")
    lines = shown.text.split("\n")
    assert len(lines) == len(source.split("\n"))
    assert lines[0] == "import numpy as np" and lines[3] == "apple = 100"
    # a name bound before keeps its value (a kernel's failed import binds nothing)
    assert lines[1].startswith("plt = globals()['plt'] if 'plt' in globals() else "
                               "__grader_skipped__(") and "'matplotlib'" in lines[1]
    assert lines[6] == "pass" and lines[7] == "pass" and lines[8] == "" and lines[9] == "pass"
    assert shown.dropped == ((7, 10),)
    assert {s.module for s in shown.skipped} == {"matplotlib", "turtle"}
    assert {"MulLayer", "apple", "np", "Relu1"} <= shown.binds
    script = view("import numpy as np\nplt.plot(np.ones(2))\nfig, ax = plt.subplots()\n"
                  "ax.set_title('x')\nprint(1)\n", "script", lambda m: True,
                  before=Bindings(tainted=frozenset({"plt"})))
    assert script.unplotted == ((2, 2), (3, 3), (4, 4))
    assert script.text.split("\n")[4] == "print(1)"


# -- grading a course notebook ----------------------------------------------------------------


def test_a_course_notebook_with_markers_and_plotting_noise_is_graded_section_by_section(
        bank, tmp_path):
    cells = course_notebook(NOISE_IDS)
    # a plot after 215's prints, and a cell that tries 209 out
    cells.insert(14, ("code", "x = np.arange(-5, 5, 0.1)\nplt.plot(x, np.maximum(0, x))\nplt.show()"))
    cells.insert(4, ("code", "mul = MulLayer()\nprint(mul.forward(2, 3))"))
    write(tmp_path / "hw5.ipynb", cells)
    result, got = grade(bank, tmp_path, ",".join(NOISE_IDS))
    assert all(e.status == "passed" for e in result.exercises), [
        (e.id, e.status, e.message, [c.message for c in e.checks if c.status != "passed"])
        for e in result.exercises if e.status != "passed"]
    assert got["209"].source.kind == "notebook" and got["209"].source.path == "hw5.ipynb"
    assert got["209"].source.text == 'hw5.ipynb, cells 3–5 ("문제 209. 풀이")'
    assert any("not run: the top-level code of hw5.ipynb, cell 5, lines 1–2" in n
               for n in got["209"].notes)
    assert any("not run: hw5.ipynb, cell 16, lines 2–3, which use a skipped import" in n
               for n in got["215"].notes)
    said = " ".join(result.notes)
    assert "skipped `import matplotlib.pyplot as plt` (hw5.ipynb, cell 2, line 3)" in said
    assert "skipped `from turtle import shape`" in said


def test_an_error_points_at_the_notebooks_cell_and_line(bank, tmp_path):
    broken = kernel_code("209").replace("return out", "return out + undefined_name", 1)
    write(tmp_path / "work.ipynb", [("markdown", "# 문제 209"), ("code", broken)])
    _, got = grade(bank, tmp_path, "209")
    check = next(c for c in got["209"].checks if c.status == "error")
    line = broken.split("\n").index(next(x for x in broken.split("\n") if "undefined_name" in x)) + 1
    assert f"(work.ipynb, cell 2, line {line})" in check.message
    assert check.error_line == ("work.ipynb", line) and check.error_cell == 2
    assert check.detail.traceback[-1].cell == 2
    assert check.detail.traceback[-1].code.strip().endswith("undefined_name")
    result, _ = grade(bank, tmp_path, "209")
    from grader.render import json_report

    shown = json_report.as_dict(result)["exercises"][0]["checks"]
    assert {"file": "work.ipynb", "line": line, "cell": 2} in [c["line"] for c in shown]


@pytest.mark.parametrize("handed_in", ["notebook", "renamed file"])
def test_an_error_in_code_graded_under_another_name_is_diagnosed_as_the_exercises_own(
        bank, tmp_path, handed_in):
    """A real student's Sigmoid (found in a public study repository) calls `enp.exp`. Graded
    from a notebook's cell or from `p216 (1).py`, its traceback names that file, not p216.py;
    the diagnosis still reads it as the exercise's own code and names the typo."""
    typo = kernel_code("216").replace("np.exp", "enp.exp")
    assert "enp.exp" in typo
    if handed_in == "notebook":
        write(tmp_path / "ch05.ipynb", [("markdown", "## 5.5.2 Sigmoid 계층"), ("code", typo)])
    else:
        (tmp_path / "p216 (1).py").write_text(typo, encoding="utf-8")
    _, got = grade(bank, tmp_path, "216")
    check = next(c for c in got["216"].checks if c.status == "error")
    assert "NameError" in check.message
    assert check.hint and "did you mean np?" in check.hint, check.hint
    assert check.diagnoses == ("name-typo",)


def test_kernel_semantics_last_definition_wins_and_classes_stay_the_same_object(bank, tmp_path):
    """219's section redefines Affine after a wrong first try; 225's section uses Affine (the
    kernel's last one); 237's section checks that its Affine is 219's very class."""
    wrong = kernel_code("219").replace("np.sum(dout, axis=0)", "dout")
    cells = [("code", "import numpy as np"), ("markdown", "# 문제 219"), ("code", wrong),
             ("code", kernel_code("219")), ("markdown", "# 문제 225"),
             ("code", kernel_code("225")), ("markdown", "# 문제 214"),
             ("code", kernel_code("214")), ("markdown", "# 문제 216"),
             ("code", kernel_code("216")), ("markdown", "# 문제 230"),
             ("code", kernel_code("230")), ("markdown", "# 문제 237"),
             ("code", kernel_code("237") + "\nimport p219\nassert Affine is p219.Affine\n"
              "SAME = Affine is __import__('p219').Affine\n")]
    write(tmp_path / "nb.ipynb", cells)
    _, got = grade(bank, tmp_path, "219,225,237")
    assert {i: e.status for i, e in got.items()} == {"219": "passed", "225": "passed",
                                                     "237": "passed"}


def test_a_py_file_wins_over_a_notebook_section_and_the_report_says_so(bank, tmp_path):
    write(tmp_path / "nb.ipynb", [("markdown", "# 문제 209"),
                                  ("code", "class MulLayer:\n    pass")])
    (tmp_path / "p209.py").write_text((SOLUTIONS / "p209.py").read_text())
    _, got = grade(bank, tmp_path, "209")
    assert got["209"].status == "passed" and got["209"].source.path == "p209.py"
    assert got["209"].ignored == ("nb.ipynb, cells 1–2",)
    assert any(n.startswith("also found, not graded: nb.ipynb, cells 1–2") for n in got["209"].notes)


def test_a_book_style_notebook_without_markers_is_graded_by_the_names_it_defines(bank, tmp_path):
    cells = [("markdown", "# 5.4 단순한 계층 구현하기\n## 5.4.1 곱셈 계층")]
    cells += [("code", kernel_code(i)) for i in ("209", "210", "211", "214", "219")]
    cells.append(("code", "print(Relu().forward(np.array([-1.0, 2.0])))"))
    write(tmp_path / "ch05.ipynb", cells)
    _, got = grade(bank, tmp_path, "209,210,211,214,219")
    assert [got[i].status for i in ("209", "211", "214", "219")] == ["passed"] * 4
    assert got["214"].source.text == "ch05.ipynb, all of it (Relu defined in cell 5)"
    assert got["210"].status == "missing"  # an output exercise needs its marker
    assert "no section of ch05.ipynb is marked 문제 210" in " ".join(got["210"].notes)


def test_where_a_wrongly_called_function_is_defined_is_said_in_the_notebooks_terms(bank,
                                                                                    tmp_path):
    """The book's `sigmoid(x)` in a section marked for 151 (which calls `sigmoid(y, deriv=True)`):
    the hint says where it is defined as the student sees it, never the generated module."""
    book = "import numpy as np\n\ndef sigmoid(x):\n    return 1 / (1 + np.exp(-x))\n"
    cells = [("markdown", "## 문제 151. 공통 함수"), ("code", book)]
    write(tmp_path / "ch05.ipynb", cells)
    _, got = grade(bank, tmp_path, "151")
    hints = [c.hint for c in got["151"].checks if c.hint]
    assert hints and all("_cells" not in h for h in hints)
    assert any("sigmoid(x) (ch05.ipynb, cell 2, line 3)" in h for h in hints), hints


def test_the_report_on_a_notebook_without_markers_says_each_note_once_and_folds_the_rest(
        bank, tmp_path):
    """A book-style notebook: the code not run is one note for the whole notebook, said once;
    where each exercise not handed in was looked for folds with it, unless --all."""
    from grader.render import terminal

    cells = [("markdown", "# 5.4.1"), ("code", kernel_code("209") + "\nprint(MulLayer())\n"),
             ("code", kernel_code("211") + "\nprint(AddLayer())\n")]
    write(tmp_path / "ch05.ipynb", cells)
    result, _ = grade(bank, tmp_path, "209,211,214,216")
    text = terminal.report(result)
    assert text.count("note: not run:") == 1
    assert "no section of ch05.ipynb is marked" not in text
    assert "(--all lists them, with where each was looked for)" in text
    every = terminal.report(result, every=True)
    assert every.count("no section of ch05.ipynb is marked") == 2


def test_a_misspelt_name_in_a_notebook_without_markers_is_graded_and_named(bank, tmp_path):
    """A real student's notebook (a public study repository) names its layer `ReLU`: 214 is
    graded on it and fails saying which name was meant, as a `p214.py` with `ReLU` would. A
    name another exercise asks for is no slip (`ThreeLayerNet` is 236's, not 237's
    `TwoLayerNet`), nor is a class for a function (`Sigmoid` for 151's `sigmoid`)."""
    relu = kernel_code("214").replace("class Relu", "class ReLU")
    cells = [("markdown", "## 5.5.1 ReLU 계층"), ("code", relu),
             ("code", kernel_code("216")), ("code", "class ThreeLayerNet:\n    pass\n")]
    write(tmp_path / "ch05.ipynb", cells)
    _, got = grade(bank, tmp_path, "151,214,216,237")
    assert got["214"].status == "error" and got["214"].score == 0
    assert got["214"].source.text == "ch05.ipynb, all of it (ReLU defined in cell 2)"
    message = got["214"].checks[0].message
    assert "does not define Relu" in message and "ReLU: did you mean Relu?" in message
    assert got["216"].status == "passed"
    assert got["151"].status == "missing" and got["237"].status == "missing"


def test_a_spelling_an_exercise_accepts_finds_it_only_when_no_other_exercise_owns_the_name(
        bank, tmp_path):
    """238 accepts the course's `TwoLayerNet` in its own file; a notebook's `TwoLayerNet`, the
    book's two-layer network, is 237's and makes no attempt at 238."""
    write(tmp_path / "ch05.ipynb", [("markdown", "## 5.7 오차역전파법 구현하기"),
                                    ("code", kernel_code("237"))])
    _, got = grade(bank, tmp_path, "237,238")
    assert got["237"].source.text.startswith("ch05.ipynb, all of it (TwoLayerNet")
    assert got["238"].status == "missing"


def test_an_output_section_runs_after_the_definitions_before_it_only(bank, tmp_path):
    """210's section uses MulLayer from 209's section; 212's section would need a variable that
    210's top-level code assigned, which a definitions-only history does not hold."""
    cells = course_notebook(["209", "210"])
    cells += [("markdown", "# 문제 212"),
              ("code", "print(apple_price * 0 + 715.0000000000001)")]
    write(tmp_path / "nb.ipynb", cells)
    _, got = grade(bank, tmp_path, "210,212")
    assert got["210"].status == "passed"
    assert got["212"].status == "error" and "apple_price" in got["212"].checks[0].message


def test_a_cell_that_does_not_parse_fails_its_own_exercise_only(bank, tmp_path):
    cells = course_notebook(["209", "211"])
    cells.insert(4, ("code", "def broken(:\n    pass"))
    write(tmp_path / "nb.ipynb", cells)
    result, got = grade(bank, tmp_path, "209,211")
    assert got["209"].status == "error"
    assert got["209"].message == "nb.ipynb, cell 5, line 1 does not parse: SyntaxError: invalid syntax"
    assert got["211"].status == "passed"
    assert any("left out: nb.ipynb, cell 5 does not parse" in n for n in result.notes)


def test_grader_check_on_a_notebook_grades_what_it_holds(tmp_path):
    nb = write(tmp_path / "work" / "hw.ipynb", course_notebook(["209", "210"]))
    (tmp_path / "work" / "p209.py").write_text("class MulLayer:\n    pass\n")  # not this one
    done = run_cli("check", str(nb), "--lang", "ko")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split()[:2] == ["통과", "p209"] and lines[1].split()[:2] == ["통과", "p210"]
    assert "p209 채점한 것: hw.ipynb 셀 3–4 (\"문제 209. 풀이\")" in done.stdout
    empty = write(tmp_path / "empty.ipynb", [("markdown", "# 메모")])
    done = run_cli("check", str(empty))
    assert done.returncode == 1
    assert "empty.ipynb holds no exercise of the bank" in done.stdout


def test_unreadable_notebooks_are_named_and_cost_only_themselves(bank, tmp_path):
    (tmp_path / "broken.ipynb").write_text("{not json")
    write(tmp_path / "good.ipynb", course_notebook(["209"]))
    result, got = grade(bank, tmp_path, "209")
    assert got["209"].status == "passed"
    assert any(n.startswith("broken.ipynb cannot be read: it is not a notebook")
               for n in result.notes)


def test_a_section_that_hangs_costs_its_time_once(bank, tmp_path):
    """219's section never finishes loading (a class body that loops); the sections after it
    build on it, as a kernel's cells would: 209, graded first, waits it out; 219 and 225 are
    stopped when they start loading it, and told why."""
    cells = [("markdown", "# 문제 219"), ("code", "class Affine:\n    while True:\n        pass"),
             ("markdown", "# 문제 225"), ("code", kernel_code("225")),
             ("markdown", "# 문제 209"), ("code", kernel_code("209"))]
    write(tmp_path / "nb.ipynb", cells)
    with Grader(select(bank, "219,225,209"), Options(seed=1, timeout_scale=0.2),
                bank=bank) as grader:
        got = {e.id: e for e in grader.grade(GradingJob.read(tmp_path)).exercises}
    assert got["209"].status == "timeout"
    assert got["209"].checks[0].message.startswith(
        'nb.ipynb, cells 5–6 ("문제 209") did not finish loading within 1 s: it was still '
        "loading nb.ipynb, cells 1–2")
    assert got["219"].status == "timeout"
    assert got["219"].checks[0].message == (
        'stopped: nb.ipynb, cells 1–2 ("문제 219") did not finish loading within 1 s when '
        "exercise 209 loaded it")
    assert got["225"].status == "timeout"
    assert got["225"].checks[0].message.startswith(
        'stopped: nb.ipynb, cells 3–4 ("문제 225") loads nb.ipynb, cells 1–2, which did not '
        "finish loading")


def test_a_class_of_notebooks_zips_and_folders_in_a_batch(bank, tmp_path):
    """alice hands in a notebook, bob a zip of hw5/ with misnamed files beside a README, carol
    alice's very notebook under another name: identical work is graded once, and each report
    names the student's own file."""
    import zipfile

    root = tmp_path / "class"
    write(root / "alice" / "hw5.ipynb", course_notebook(["209", "210"]))
    write(root / "carol" / "숙제.ipynb", course_notebook(["209", "210"]))
    with zipfile.ZipFile(root / "bob.zip", "w") as z:
        z.writestr("bob/README.md", "# hw")
        z.write(SOLUTIONS / "p209.py", "bob/hw5/P209.py")
        z.write(SOLUTIONS / "p210.py", "bob/hw5/p210 (1).py")
    done = run_cli("batch", str(root), "--out", str(tmp_path / "out"), "--only", "209,210",
                   "--seed", "3", "--jobs", "1")
    assert done.returncode == 0, done.stdout + done.stderr
    results = {name: json.loads((tmp_path / "out" / name / "results.json").read_text())
               for name in ("alice", "bob", "carol")}
    assert not any(r.get("problem") for r in results.values())
    for name, r in results.items():
        assert r["score"] == r["max_score"] == 2.0, (name, r["exercises"])
    assert results["alice"]["exercises"][0]["source"]["path"] == "hw5.ipynb"
    assert results["carol"]["exercises"][0]["source"]["path"] == "숙제.ipynb"
    assert results["bob"]["exercises"][1]["source"] == {
        "kind": "file", "path": "hw5/p210 (1).py", "text": "hw5/p210 (1).py"}
    assert any("skipped `import matplotlib.pyplot as plt`" in n for n in results["alice"]["notes"])
    page = (tmp_path / "out" / "bob" / "report.html").read_text()
    assert "hw5/P209.py was graded as p209.py" in page
