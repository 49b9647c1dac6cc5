"""An exercise's `.py` file that is still the stub as given does not hide the student's notebook
(issue 23, item 2): the Classroom template ships p209.py… beside the notebook its README invites
students to work in, and a `.py` file comes before a notebook section. The stub loses to the
notebook's section (or, for an API exercise, to the cells that define its names), with a note
that says which was graded; a file with the student's own code in it still wins."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SOLUTIONS
from grader.bank import select
from grader.grading.engine import Grader
from grader.grading.job import Options
from grader.grading.sources.stubs import untouched
from grader.render.environment import render
from notebooks import kernel_code, write


@pytest.fixture(scope="module")
def specs(bank):
    return {s.id: s for s in select(bank, "209,210,219")}


def stub(spec, lang="en") -> str:
    """The file `grader stubs` and `grader classroom-template` write."""
    return render("stub.py.j2", spec=spec, lang=lang)


def test_a_stub_is_untouched_as_given_in_either_language_or_with_every_body_still_raising(specs):
    p209, p210 = specs["209"], specs["210"]
    for lang in ("en", "ko"):
        assert untouched(p209, stub(p209, lang).encode())
        assert untouched(p210, stub(p210, lang).encode())  # an output exercise: as given
    # notes, a helper, a docstring: nothing of the exercise written yet
    edited = stub(p209).replace("    def forward(self, x, y):\n",
                                '    def forward(self, x, y):\n        """todo"""\n')
    assert edited != stub(p209)
    assert untouched(p209, (edited + "\n# my notes\ndef helper():\n    return 1\n").encode())
    # the student's own code, even in part
    started = stub(p209).replace('raise NotImplementedError("MulLayer.forward")',
                                 "return x * y", 1)
    assert not untouched(p209, started.encode())
    assert not untouched(p210, stub(p210).replace('raise NotImplementedError("p210")',
                                                  "print(220)").encode())
    assert not untouched(p209, (SOLUTIONS / "p209.py").read_bytes())
    assert not untouched(p209, b"class MulLayer:\n    def forward(self, x, y):\n")  # broken
    assert not untouched(p209, b"")


def grade(bank, folder: Path, lang: str = "en"):
    with Grader(select(bank, "209,219"), Options(seed=3, lang=lang)) as grader:
        return {e.id: e for e in grader.grade_folder(folder).exercises}


def test_the_notebooks_section_is_graded_over_the_stub_and_the_report_says_so(bank, specs,
                                                                              tmp_path):
    for spec in specs.values():
        (tmp_path / spec.filename).write_text(stub(spec, "ko"), encoding="utf-8")
    write(tmp_path / "homework.ipynb", [("markdown", "## 문제 219"), ("code", kernel_code("219"))])
    graded = grade(bank, tmp_path)
    assert graded["219"].status == "passed"
    assert graded["219"].source.path == "homework.ipynb"
    assert "p219.py is still the starting file, with nothing written in it yet, so your " \
           "notebook's work on exercise 219 was graded instead" in graded["219"].notes
    assert graded["219"].ignored == ()  # not also listed as "found, not graded"
    assert graded["209"].status == "error" and graded["209"].source.path == "p209.py"
    said = grade(bank, tmp_path, "ko")["219"].notes
    assert "p219.py은(는) 아직 아무것도 작성하지 않은 시작 파일이라, 노트북에서 작성한 문제 219를 대신 " \
           "채점했습니다" in said


def test_a_notebook_without_markers_is_found_by_its_names_over_the_stub(bank, specs, tmp_path):
    (tmp_path / "p219.py").write_text(stub(specs["219"]), encoding="utf-8")
    write(tmp_path / "homework.ipynb", [("code", kernel_code("219"))])
    graded = grade(bank, tmp_path)
    assert graded["219"].status == "passed" and graded["219"].source.kind == "notebook"
    assert any(n.startswith("p219.py is still the starting file") for n in graded["219"].notes)


def test_a_file_with_the_students_own_code_still_comes_before_the_notebook(bank, tmp_path):
    (tmp_path / "p219.py").write_text((SOLUTIONS / "p219.py").read_text().replace(
        "np.sum(dout, axis=0)", "dout"), encoding="utf-8")
    write(tmp_path / "homework.ipynb", [("markdown", "## 문제 219"), ("code", kernel_code("219"))])
    graded = grade(bank, tmp_path)
    assert graded["219"].status == "failed" and graded["219"].source.path == "p219.py"
    assert graded["219"].ignored and not any("starting file" in n for n in graded["219"].notes)
