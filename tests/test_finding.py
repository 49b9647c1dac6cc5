"""Finding what a student meant: near-miss names, a folder of work, the book's packages, and
files whose top-level script cannot run here."""
from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from conftest import SOLUTIONS, run_cli

from grader.bank import select
from grader.grading.engine import Grader
from grader.grading.sources.finder import candidate, exact
from grader.grading.job import GradingJob, Options
from grader.grading.sources.submission import read_submission

BOOK = Path(__file__).parent / "book"
"""the book's layout: common/ (layers importing common.functions and common.util) and ch05/,
whose files start with the book's `sys.path.append(os.pardir)`"""


def grade(bank, folder, ids, **job):
    with Grader(select(bank, ids), Options(seed=11), bank=bank) as grader:
        result = grader.grade(GradingJob.read(folder, **job))
    return result, {e.id: e for e in result.exercises}


def copy(name: str, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOLUTIONS / name, target)
    return target


def test_names_that_mean_an_exercise():
    assert [(c.exercise, c.rank) for c in map(candidate, [
        "p209.py", "P211.py", "p209 (1).py", "p214.py.txt", "문제215.py", "p_216.py",
        "p219 - Copy.py", "p219 복사본.py", "problem230.py"])] == [
        ("209", 0), ("211", 1), ("209", 2), ("214", 1), ("215", 1), ("216", 1), ("219", 2),
        ("219", 2), ("230", 1)]
    for other in ("p209_mult-swapped.py", "p2091.py", "layers.py", "p209.pyc", "p20.py"):
        assert candidate(other) is None, other


def test_near_miss_names_are_graded_and_the_report_says_what_was_graded_and_ignored(
        bank, tmp_path):
    copy("p209.py", tmp_path / "p209 (1).py")
    (tmp_path / "p209 (2).py").write_text("class MulLayer:\n    pass\n")
    copy("p211.py", tmp_path / "P211.py")
    copy("p214.py", tmp_path / "p214.py.txt")
    copy("p210.py", tmp_path / "p210.py")
    _, got = grade(bank, tmp_path, "209,210,211,214")
    assert {i: e.status for i, e in got.items()} == dict.fromkeys(got, "passed")
    assert got["209"].source.path == "p209 (1).py"
    assert got["209"].ignored == ("p209 (2).py",)
    assert got["211"].source.text == "P211.py"
    assert "P211.py was graded as p211.py: name it p211.py" in got["211"].notes[0]
    assert got["214"].source.path == "p214.py.txt"
    assert got["210"].notes == () and got["210"].source.path == "p210.py"


def test_a_folder_whose_code_lives_in_one_subfolder_is_graded_there(bank, tmp_path):
    (tmp_path / "README.md").write_text("# 5장 과제\n")
    for name in ("p209.py", "p210.py", "p211.py"):
        copy(name, tmp_path / "hw5" / name)
    copy("p209.py", tmp_path / "old" / "p209.py")
    _, got = grade(bank, tmp_path, "209,210,211,212")
    assert [got[i].status for i in ("209", "210", "211")] == ["passed"] * 3
    assert got["209"].source.path == "hw5/p209.py" and got["209"].ignored == ("old/p209.py",)
    assert got["212"].status == "missing"


def test_a_folder_with_no_exercise_file_says_what_it_found(bank, tmp_path):
    (tmp_path / "report.docx").write_bytes(b"PK")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "x.csv").write_text("1,2\n")
    result, got = grade(bank, tmp_path, "209")
    assert got["209"].status == "missing"
    assert result.notes == (f"no exercise file (p<ID>.py) and no notebook in {tmp_path.name}: "
                            "found data/, report.docx",)
    done = run_cli("check", str(tmp_path), "--only", "209")
    assert done.returncode == 1 and "found data/, report.docx" in done.stdout


def test_grader_check_takes_a_file_or_a_zip(tmp_path):
    work = tmp_path / "work"
    copy("p219.py", work / "p219.py")
    copy("p209.py", work / "p209.py")
    done = run_cli("check", str(work / "p219.py"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert [line.split()[1] for line in done.stdout.splitlines()[:1]] == ["p219"]
    assert "p209" not in done.stdout
    (work / "notes.py").write_text("x = 1\n")
    done = run_cli("check", str(work / "notes.py"))
    assert done.returncode == 2 and done.stderr.startswith("grader: ")
    archive = tmp_path / "alice.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(work / "p209.py", "alice-hw/hw5/p209.py")
        z.writestr("alice-hw/README.md", "hi")
    done = run_cli("check", str(archive), "--only", "209")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "p209 graded: hw5/p209.py" in done.stdout
    with zipfile.ZipFile(tmp_path / "evil.zip", "w") as z:
        z.writestr("../p209.py", "x = 1\n")
    done = run_cli("check", str(tmp_path / "evil.zip"))
    assert done.returncode == 2 and "outside the submission folder" in done.stderr


# -- packages ---------------------------------------------------------------------------------


def test_subfolders_are_read_and_each_copy_gets_the_packages_its_files_import(tmp_path):
    shutil.copytree(BOOK, tmp_path / "book")
    (tmp_path / "book" / "common" / "__pycache__").mkdir()
    (tmp_path / "book" / "common" / "__pycache__" / "layers.cpython-311.pyc").write_bytes(b"x")
    (tmp_path / "book" / ".ipynb_checkpoints").mkdir()
    (tmp_path / "book" / ".ipynb_checkpoints" / "p1-checkpoint.py").write_text("x = 1\n")
    files = read_submission(tmp_path / "book")
    assert sorted(files.files) == ["README.md", "ch05/p237.py", "ch05/p238.py",
                                   "common/__init__.py", "common/functions.py",
                                   "common/gradient.py", "common/layers.py", "common/util.py"]
    needed = files.needed("ch05/p237.py", ("ch05", ""))
    assert sorted(needed) == ["README.md", "ch05/p237.py", "common/__init__.py",
                              "common/functions.py", "common/gradient.py", "common/layers.py",
                              "common/util.py"]  # not ch05/p238.py: p237 does not name it


def test_the_books_packages_import_with_and_without_the_pardir_preamble(bank, tmp_path):
    flat, nested = tmp_path / "flat", tmp_path / "nested"
    shutil.copytree(BOOK / "common", flat / "common")  # common/ beside the files, no preamble
    (flat / "p214.py").write_text("from common.layers import Relu\n")
    (flat / "p216.py").write_text("import common.layers\nSigmoid = common.layers.Sigmoid\n")
    shutil.copytree(BOOK / "common", nested / "common")  # common/ above, with the preamble
    (nested / "ch05").mkdir()
    (nested / "ch05" / "p214.py").write_text(
        "import sys, os\nsys.path.append(os.pardir)\nfrom common.layers import Relu\n")
    (nested / "ch05" / "p216.py").write_text("import os, sys\nfrom common.layers import Sigmoid\n")
    for folder in (flat, nested):
        _, got = grade(bank, folder, "214,216")
        assert got["214"].status == "passed", got["214"].checks[0].message
        assert got["216"].status == "passed", got["216"].checks[0].message


def test_the_standard_library_advice_only_when_the_module_is_truly_absent(bank, tmp_path):
    (tmp_path / "p214.py").write_text("from layers import Relu\n")
    (tmp_path / "p219.py").write_text("from helpers.affine import Affine\n")
    (tmp_path / "helpers").mkdir()
    (tmp_path / "helpers" / "__init__.py").write_text("")
    (tmp_path / "lib").mkdir()
    shutil.copyfile(SOLUTIONS / "p214.py", tmp_path / "lib" / "layers.py")
    (tmp_path / "p211.py").write_text("import seaborn\n")
    _, got = grade(bank, tmp_path, "211,214,219")
    said = {i: got[i].checks[0].message for i in got}
    assert "numpy and Python's standard library only" in said["211"]
    assert "layers is in your submission, as lib/layers.py, but not where Python looks" in said["214"]
    assert "numpy and Python's standard library only" not in said["214"]
    assert "helpers/ is in your submission, but holds no helpers.affine" in said["219"]


# -- a file whose top-level script cannot run here ---------------------------------------------


def test_the_courses_own_237_and_238_are_graded_on_their_definitions(bank, tmp_path):
    """As the course wrote them: the book's preamble, `from common.layers import *`, MNIST
    loaded and a network trained at module level, a plot; 237 without an `activation`
    argument, 238's three-layer class named TwoLayerNet."""
    shutil.copytree(BOOK, tmp_path / "book")
    result, got = grade(bank, tmp_path / "book", "237,238")
    for i in ("237", "238"):
        e = got[i]
        assert e.status == "passed", [(c.name, c.message) for c in e.checks]
        assert e.score == e.max_score == 3
        assert e.source.kind == "definitions" and e.source.path == f"ch05/p{i}.py"
        assert e.source.text == f"ch05/p{i}.py, its imports, functions and classes only"
        assert e.notes[0].startswith(
            f"ch05/p{i}.py could not run as a whole here (ModuleNotFoundError: No module "
            f"named 'dataset' (ch05/p{i}.py:")
        assert 'belongs under `if __name__ == "__main__":`' in e.notes[0]
        assert any("skipped `from dataset.mnist import load_mnist`" in n for n in e.notes)


def test_a_file_that_runs_is_graded_as_it_is(bank, tmp_path):
    copy("p209.py", tmp_path / "p209.py")
    with open(tmp_path / "p209.py", "a") as f:
        f.write("\nprint(MulLayer().forward(2, 3))\n")
    _, got = grade(bank, tmp_path, "209")
    assert got["209"].status == "passed" and got["209"].source.kind == "file"
    assert got["209"].notes == ()


def test_a_top_level_hang_is_graded_on_the_definitions_once_the_time_is_out(bank, tmp_path):
    copy("p209.py", tmp_path / "p209.py")
    with open(tmp_path / "p209.py", "a") as f:
        f.write("\nwhile True:\n    pass\n")
    (tmp_path / "p210.py").write_text((SOLUTIONS / "p210.py").read_text())
    with Grader(select(bank, "209,210"), Options(seed=1, timeout_scale=0.2)) as grader:
        got = {e.id: e for e in grader.grade_folder(tmp_path).exercises}
    assert got["209"].status == "passed" and got["209"].source.kind == "definitions"
    assert "p209.py did not finish loading" in got["209"].notes[0]
    # 210 imports the whole p209.py, which hangs: it is stopped, not waited for again
    assert got["210"].status == "timeout"
    assert got["210"].checks[0].message.startswith("stopped: p210.py loads p209.py")


def test_a_package_that_hangs_costs_its_time_once_and_each_copy_is_fresh(bank, tmp_path):
    """common/layers.py loops at import: 214 waits it out, 216 (which imports it too) is stopped
    at once. 209 rewrites its copy of common/ and a shared file: 211 still gets the originals."""
    shutil.copytree(BOOK / "common", tmp_path / "common")
    (tmp_path / "common" / "slow.py").write_text("while True:\n    pass\n")
    (tmp_path / "p214.py").write_text("from common.slow import *\nfrom common.layers import Relu\n")
    (tmp_path / "p216.py").write_text("import common.slow\nfrom common.layers import Sigmoid\n")
    (tmp_path / "p209.py").write_text(
        (SOLUTIONS / "p209.py").read_text() + "\nimport common\nimport os\n"
        "open(os.path.join(os.path.dirname(common.__file__), 'layers.py'), 'w').write('x = (')\n"
        "open('data.txt', 'w').write('spoiled')\n")
    (tmp_path / "p211.py").write_text((SOLUTIONS / "p211.py").read_text()
                                      + "\nassert open('data.txt').read() == 'kept'\n"
                                      "from common.layers import Affine\n")
    (tmp_path / "data.txt").write_text("kept")
    original = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    with Grader(select(bank, "209,211,214,216"), Options(seed=1, timeout_scale=0.2)) as grader:
        got = {e.id: e for e in grader.grade_folder(tmp_path).exercises}
    assert got["214"].status == "timeout"
    assert "it was still loading common/slow.py" in got["214"].checks[0].message
    assert got["216"].status == "timeout"
    assert got["216"].checks[0].message.startswith("stopped: p216.py loads common/slow.py")
    assert got["209"].status == "passed" and got["211"].status == "passed"
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == original


def test_the_exact_name_of_an_exercise_file_is_told_by_the_finder_alone():
    """`exact` (the modules of a copy, the files pytest collects) is `candidate`'s first rank."""
    assert exact("p209.py") == "209" and exact("p101.py") == "101"
    assert [exact(n) for n in ("P209.py", "p209 (1).py", "209.py", "p209.py.txt", "sub/p209.py",
                               "p209.ipynb", "notes.py")] == [None] * 7
