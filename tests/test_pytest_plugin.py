"""The pytest plugin, run by pytest's own `pytester` in a throwaway student repository."""
from __future__ import annotations

import importlib.metadata
import sys

import pytest

from conftest import ROOT, SOLUTIONS
from grader.bank import load_bank, select
from grader.grading.engine import Grader
from grader.render.environment import render

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    tomllib = None

pytest_plugins = ["pytester"]


def installed() -> bool:
    """Whether the entry point is installed (pip install -e .): then pytest loads it itself."""
    return any(ep.value == "grader.platforms.pytest_plugin"
               for ep in importlib.metadata.entry_points(group="pytest11"))


@pytest.fixture(autouse=True)
def no_other_plugins(monkeypatch):
    """Inner runs load this plugin by name and no installed one (fast, and the same everywhere)."""
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")


def run(pytester, *args):
    return pytester.runpytest("-p", "grader.platforms.pytest_plugin", "--grader-seed", "3", *args)


def spec(exercise_id: str):
    return select(load_bank(), exercise_id)[0]


def stub(exercise_id: str) -> str:
    return render("stub.py.j2", spec=spec(exercise_id), lang="en")


def test_stubs_fail_and_correct_files_pass(pytester):
    pytester.makefile(".py", p209=(SOLUTIONS / "p209.py").read_text(), p219=stub("219"))
    result = run(pytester, "-v")
    outcomes = result.parseoutcomes()
    assert outcomes.get("passed", 0) + outcomes.get("skipped", 0) == len(spec("209").checks)
    assert outcomes["failed"] == len(spec("219").checks)
    result.stdout.fnmatch_lines(["*backprop-grader*seed 3*", "*p209.py::*PASSED*",
                                 "*p219.py::*FAILED*", "*not implemented*"])
    assert result.ret == pytest.ExitCode.TESTS_FAILED


def test_a_failure_shows_the_checks_message_and_hint(pytester):
    pytester.makefile(".py", p219=(SOLUTIONS / "mistakes" / "p219_db-not-summed.py").read_text())
    result = run(pytester)
    assert result.parseoutcomes()["failed"] >= 1
    result.stdout.fnmatch_lines(["*p219 The Affine layer: check*failed*", "*expected*",
                                 "*hint:*np.sum(dout, axis=0)*"])
    assert "Traceback" not in result.stdout.str()


def test_each_exercise_is_graded_once_by_one_grader(pytester, monkeypatch):
    made, graded = [], []
    init, grade = Grader.__init__, Grader.grade

    def counting_init(self, *a, **k):
        made.append(self)
        init(self, *a, **k)

    def counting_grade(self, job):
        graded.append([s.id for s in job.specs or self.specs])
        return grade(self, job)

    monkeypatch.setattr(Grader, "__init__", counting_init)
    monkeypatch.setattr(Grader, "grade", counting_grade)
    pytester.makefile(".py", p209=(SOLUTIONS / "p209.py").read_text(), p211=stub("211"))
    run(pytester)
    assert len(made) == 1 and sorted(graded) == [["209"], ["211"]]


def test_the_students_code_never_runs_in_pytests_process(pytester):
    pytester.makefile(".py", p209="import os\nos._exit(3)\n",
                      p211="import sys\nsys.exit('bye')\n")
    result = run(pytester)
    outcomes = result.parseoutcomes()
    assert outcomes["failed"] == len(spec("209").checks) + len(spec("211").checks)
    assert result.ret == pytest.ExitCode.TESTS_FAILED


def test_only_narrows_the_exercises(pytester):
    pytester.makefile(".py", p209=(SOLUTIONS / "p209.py").read_text(), p219=stub("219"))
    result = run(pytester, "--grader-only", "209")
    assert "failed" not in result.parseoutcomes()


def test_it_stays_out_of_the_way_elsewhere(pytester):
    pytester.makepyfile(test_mine="def test_ok():\n    assert True\n")
    run(pytester).assert_outcomes(passed=1)  # no p<ID>.py: nothing of the grader
    pytester.makefile(".py", p209=stub("209"))
    run(pytester, "--no-grader").assert_outcomes(passed=1)
    pytester.makeini("[pytest]\ngrader = false\n")
    run(pytester).assert_outcomes(passed=1)


def test_it_stays_out_of_the_graders_own_checkout(pytester):
    """Where the grader package sits beside exercises/, as in this repository."""
    pytester.mkpydir("grader")
    pytester.mkdir("exercises")
    pytester.makefile(".py", p209=stub("209"))
    pytester.makepyfile(test_mine="def test_ok():\n    assert True\n")
    run(pytester, "-p", "no:cacheprovider", "test_mine.py", "p209.py").assert_outcomes(passed=1)
    run(pytester, "--grader", "p209.py").assert_outcomes(failed=len(spec("209").checks))


@pytest.mark.skipif(tomllib is None, reason="tomllib is Python 3.11+")
def test_the_plugin_is_installed_with_the_grader():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert project["project"]["entry-points"]["pytest11"] == {
        "backprop_grader": "grader.platforms.pytest_plugin"}
    assert "grader.platforms.formats" in project["tool"]["setuptools"]["packages"]


@pytest.mark.skipif(not installed(), reason="the package is not installed (pip install -e .)")
def test_the_installed_entry_point_loads_it(pytester, monkeypatch):
    monkeypatch.delenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD")
    pytester.makefile(".py", p209=stub("209"))
    pytester.runpytest("-p", "no:hypothesispytest").assert_outcomes(
        failed=len(spec("209").checks))


def test_a_notebook_is_collected_exercise_by_exercise_and_a_py_file_wins(pytester):
    """The notebook's 209 and 210 sections are items of the notebook; its 211 section is not,
    since P211.py (misnamed, found all the same) is 211's file."""
    from notebooks import course_notebook, notebook

    pytester.makefile(".ipynb", hw=notebook(course_notebook(["209", "210", "211"])))
    (pytester.path / "P211.py").write_text((SOLUTIONS / "p211.py").read_text())
    result = run(pytester, "-v")
    result.stdout.fnmatch_lines(["*P211.py::*PASSED*", "*hw.ipynb::p209::*PASSED*",
                                 "*hw.ipynb::p210::*PASSED*"])
    assert "hw.ipynb::p211" not in result.stdout.str()
    assert result.parseoutcomes().get("failed", 0) == 0
    assert result.ret == pytest.ExitCode.OK


WRONG_OPTIONS = {
    "seed negative": (["--grader-seed", "-5"], None,
                      "--grader-seed -5: a seed is a whole number from 0 to 4294967295"),
    "only superscript": (["--grader-only", "²"], None, "--grader-only '²' is not an exercise"),
    "only beyond the bank": (["--grader-only", "209,999"], None,
                             "--grader-only 209,999: 999 names no exercise of the bank"),
    "lang unknown": (["--grader-lang", "fr"], None, "--grader-lang must be ko or en, not 'fr'"),
    "ini only": ([], "grader_only = ٢٠٩", "grader_only '٢٠٩' is not an exercise number"),
    "ini lang": ([], "grader_lang = jp", "grader_lang must be ko or en, not 'jp'"),
}


@pytest.mark.parametrize("case", WRONG_OPTIONS)
def test_an_option_that_cannot_be_is_a_usage_error_before_anything_runs(case, pytester):
    """`--grader-seed -5` used to fail every check with numpy's ValueError, `--grader-only ²`
    was an internal error: each is now pytest's usage error, one line, no test run."""
    flags, ini, says = WRONG_OPTIONS[case]
    if ini:
        pytester.makeini(f"[pytest]\n{ini}\n")
    pytester.makefile(".py", p209=(SOLUTIONS / "p209.py").read_text())
    result = pytester.runpytest("-p", "grader.platforms.pytest_plugin", *flags)
    assert result.ret == pytest.ExitCode.USAGE_ERROR, result.stdout.str() + result.stderr.str()
    assert f"ERROR: backprop-grader: {says}" in result.stderr.str()
    assert "Traceback" not in result.stderr.str() + result.stdout.str()
    assert "INTERNALERROR" not in result.stderr.str() + result.stdout.str()


def test_a_usage_error_is_said_in_the_sessions_language(pytester):
    pytester.makefile(".py", p209=(SOLUTIONS / "p209.py").read_text())
    result = pytester.runpytest("-p", "grader.platforms.pytest_plugin", "--grader-lang", "ko",
                                "--grader-seed", "-5")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert "--grader-seed -5: 시드는 0부터 4294967295까지의 정수" in result.stderr.str()
