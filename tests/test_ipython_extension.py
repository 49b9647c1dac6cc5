"""`%load_ext grader` and `%grade` in an IPython kernel: the cells it ran, graded in the sandbox."""
from __future__ import annotations

import os

import pytest
from conftest import ROOT, SOLUTIONS
from notebooks import kernel_code

IPython = pytest.importorskip("IPython", reason="IPython is the `notebook` extra")


@pytest.fixture
def shell(tmp_path, monkeypatch):
    from IPython.core.interactiveshell import InteractiveShell

    monkeypatch.chdir(tmp_path)
    ip = InteractiveShell()
    ip.run_cell("%load_ext grader", store_history=True)
    yield ip
    ip.run_cell("%unload_ext grader")
    InteractiveShell.clear_instance()


def run(ip, code):
    done = ip.run_cell(code, store_history=True)
    return done.result


def test_grade_grades_what_the_kernel_ran_in_the_sandbox(shell, tmp_path):
    run(shell, "import numpy as np\n%matplotlib inline")
    run(shell, "# 문제 209\n" + kernel_code("209"))
    run(shell, "# 문제 219\n" + kernel_code("219").replace("np.sum(dout, axis=0)", "dout"))
    run(shell, "print(MulLayer().forward(2, 3))")
    run(shell, "import os\nMARK = os.getpid()")
    report = run(shell, "%grade 209-219")
    exercises = {e.id: e for e in report.result.exercises}
    assert set(exercises) == {"209", "219"}  # what the history holds of 209-219
    assert exercises["209"].status == "passed"
    assert exercises["219"].status == "failed"
    assert exercises["209"].source.text == 'In [3] ("문제 209")'
    assert "p219 graded: In [4]–In [7]" in repr(report)
    assert "db" in repr(report)
    # the kernel itself is untouched: its own MulLayer, no file written where it runs
    assert shell.user_ns["MulLayer"].__module__ == "__main__"
    assert sorted(os.listdir(tmp_path)) == []
    html = report._repr_html_()  # inline (tests/test_notebook_output.py)
    assert html.startswith('<section class="bpg"') and "<iframe" not in html
    assert "p209" in html and "Jupyter magics" not in html  # %grade is no left-out magic
    # a re-run redefines, as a kernel does: the last definition wins
    run(shell, "# 문제 219\n" + kernel_code("219"))
    again = run(shell, "%grade 219 --lang ko")
    assert again.result.exercises[0].status == "passed"
    assert again.result.lang == "ko"


def test_grade_uses_the_packages_beside_the_notebook(shell, tmp_path):
    (tmp_path / "layers").mkdir()
    (tmp_path / "layers" / "__init__.py").write_text((SOLUTIONS / "p214.py").read_text())
    run(shell, "from layers import Relu")
    run(shell, "# 문제 214\nRelu2 = Relu")
    report = run(shell, "%grade 214")
    assert report.result.exercises[0].status == "passed"


def test_grade_says_what_is_wrong_with_its_arguments(shell, capsys):
    assert run(shell, "%grade 9x9") is None
    assert capsys.readouterr().out.startswith("%grade 9x9 is not an exercise number")
    report = run(shell, "%grade")
    assert report.result.exercises == () and "holds no exercise" in repr(report)


def test_a_real_notebook_runs_in_jupyter_and_grades_itself(tmp_path):
    """The course notebook, executed by a real kernel (nbclient), with `%grade` in its last
    cell: what Jupyter and Colab users do."""
    nbclient = pytest.importorskip("nbclient", reason="nbclient is a test extra")
    nbformat = pytest.importorskip("nbformat")
    pytest.importorskip("ipykernel", reason="ipykernel is a test extra")
    from notebooks import notebook

    cells = [("markdown", "# 문제 209"), ("code", kernel_code("209")),
             ("code", "print(MulLayer().forward(3, 4))"),
             ("markdown", "## 210"), ("code", "# 문제 210\n" + kernel_code("210")),
             ("code", "%load_ext grader\n%grade 209-211")]
    nb = nbformat.reads(notebook(cells), as_version=4)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    client = nbclient.NotebookClient(nb, timeout=120, kernel_name="python3",
                                     resources={"metadata": {"path": str(tmp_path)}})
    client.execute(env=env)  # raises CellExecutionError if any cell failed
    assert nb.cells[2].outputs[0]["text"] == "12\n"
    shown = nb.cells[5].outputs[0]["data"]
    # the kernel never sees markdown: 209 is found by its class, 210 by its code cell's marker
    assert "passed    p209" in shown["text/plain"] and "passed    p210" in shown["text/plain"]
    assert "p211" not in shown["text/plain"]
    assert shown["text/html"].startswith('<section class="bpg"')


@pytest.mark.parametrize("line, says", [
    ("%grade 209 --seed -5", "%grade: --seed -5: a seed is a whole number from 0 to"),
    ("%grade ²", "%grade '²' is not an exercise number"),
    ("%grade 300-400", "%grade 300-400 reaches outside the bank"),
    ("%grade 999", "%grade 999 names no exercise of the bank (see `grader list`)"),
    ("%grade 999 --lang ko", "%grade 999에 해당하는 문제가 문제 은행에 없습니다"),
    ("%grade 209 --lang fr", "%grade: --lang must be ko or en, not 'fr'"),
    ("%grade 209 --lang ko --seed -5", "%grade: --seed -5: 시드는 0부터 4294967295까지의"),
    ("%grade 209 --seed 'x", "%grade: No closing quotation")])
def test_a_value_that_cannot_be_is_one_line_and_nothing_is_graded(shell, capsys, line, says):
    """`%grade 209 --seed -5` used to fail inside the grader with numpy's ValueError. The
    exercises are said as the magic was given them (not as --only or IDS), in the language the
    line asks for."""
    run(shell, "# 문제 209\n" + kernel_code("209"))
    capsys.readouterr()
    assert run(shell, line) is None
    out = capsys.readouterr()
    assert out.out.strip() == out.out.strip().splitlines()[0]
    assert out.out.startswith(says), out.out
    assert "Traceback" not in out.out + out.err


def test_grade_speaks_the_folders_language_as_grader_check_does(shell, tmp_path, monkeypatch):
    monkeypatch.delenv("GRADER_LANG", raising=False)
    (tmp_path / "grader.cfg").write_text("[grader]\nlang = ko\n")
    run(shell, "# 문제 209\n" + kernel_code("209"))
    assert run(shell, "%grade 209").result.lang == "ko"
    assert run(shell, "%grade 209 --lang en").result.lang == "en"
