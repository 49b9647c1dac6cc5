"""Reading a submission folder, and what each exercise's copy holds."""
from __future__ import annotations

from pathlib import Path

from grader.grading.sources.submission import read_submission


def test_an_exercise_copy_holds_the_modules_it_can_import(tmp_path):
    (tmp_path / "p209.py").write_text("class MulLayer: ...\n")
    (tmp_path / "p210.py").write_text("from p209 import MulLayer\nimport helpers\n")
    (tmp_path / "helpers.py").write_text("import p211\n")
    (tmp_path / "p211.py").write_text("x = 1\n")
    (tmp_path / "p212.py").write_text("y = 2\n")
    (tmp_path / "weights.npy").write_bytes(b"\x93NUMPY")
    files = read_submission(tmp_path)
    assert sorted(files.needed("p210.py")) == ["helpers.py", "p209.py", "p210.py", "p211.py",
                                              "weights.npy"]
    assert sorted(files.needed("p212.py")) == ["p212.py", "weights.npy"]
    copy = tmp_path / "copy"
    files.write_copy(copy, "p210.py")
    assert sorted(p.name for p in copy.iterdir()) == sorted(files.needed("p210.py"))


def test_unusable_files_are_named_with_the_reason(tmp_path):
    (tmp_path / "p209.py").write_bytes(b"\xff\xfe")
    (tmp_path / "p210.py").mkdir()
    files = read_submission(tmp_path)
    assert "not UTF-8" in files.problem_with("p209.py").say("en")
    assert "UTF-8로 저장하세요" in files.problem_with("p209.py").say("ko")
    assert "folder" in files.problem_with("p210.py").say("en")
    assert files.problem_with("p211.py") == "missing"


def test_a_file_that_declares_its_encoding_is_read_in_it_and_keeps_its_lines(tmp_path, bank):
    """Python runs `# -*- coding: cp949 -*-` files (PEP 263), which old Korean Windows editors
    write: graded as UTF-8, line for line. Without the declaration, such a file is refused (as
    Python would refuse it), with the fix said."""
    from grader.bank import select
    from grader.grading.engine import Grader
    from grader.grading.job import GradingJob, Options

    text = (Path(__file__).parents[1] / "solutions" / "p209.py").read_text(encoding="utf-8")
    declared = "# -*- coding: cp949 -*-\n# 곱셈 계층\n" + text
    (tmp_path / "p209.py").write_bytes(declared.encode("cp949"))
    (tmp_path / "p211.py").write_bytes("# 덧셈 계층\nclass AddLayer: ...\n".encode("cp949"))
    files = read_submission(tmp_path)
    assert files.files["p209.py"].decode("utf-8").split("\n") == \
        ["# -*- coding: utf-8 -*-", *declared.split("\n")[1:]]
    assert "UTF-8로 저장하세요" in files.problem_with("p211.py").say("ko")
    with Grader(select(bank, "209"), Options(seed=1), bank=bank) as grader:
        assert grader.grade(GradingJob.read(tmp_path)).exercises[0].status == "passed"


def test_identical_work_is_graded_once_and_changed_work_again(tmp_path):
    from conftest import SOLUTIONS

    from grader.bank import load_bank, select
    from grader.grading.cache import ResultCache
    from grader.grading.engine import Grader
    from grader.grading.job import Options

    specs = select(load_bank(), "209,210")
    folders = []
    for name, text in (("a", None), ("b", None), ("c", "print(221)\n")):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "p209.py").write_bytes((SOLUTIONS / "p209.py").read_bytes())
        (folder / "p210.py").write_text(text or (SOLUTIONS / "p210.py").read_text())
        folders.append(folder)
    cache = ResultCache()
    with Grader(specs, Options(seed=3), cache=cache) as grader:
        a, b, c = (grader.grade_folder(f) for f in folders)
    assert (cache.misses, cache.hits) == (3, 3)  # a: 2 graded; b: 2 reused; c: 209 reused
    assert a.exercises == b.exercises
    assert c.exercises[0] == a.exercises[0] and c.exercises[1].status == "failed"
    with Grader(specs, Options(seed=4), cache=cache) as grader:
        grader.grade_folder(folders[0])
    assert cache.misses == 5  # another seed, other inputs: graded again
