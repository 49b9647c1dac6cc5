"""The submission openers: one table (`grader.openers`) from a path to the job, for `grader
check` and `grader batch` alike; a class's entry opened alone; a new opener found as a module."""
from __future__ import annotations

import contextlib
import json
import sys
import zipfile

import pytest

import notebooks
from conftest import SOLUTIONS, run_cli
from grader import openers
from grader.batch.students import Student, discover, opened


BUILT_IN = ("classroom", "folder", "zip", "notebook", "py")
"""the openers the grader comes with, in the order they are tried (another joins by its rank)"""


def built_in_only(monkeypatch) -> None:
    monkeypatch.setattr(openers, "TABLE", tuple(o for o in openers.TABLE if o.name in BUILT_IN))


def test_the_table_tries_the_class_before_the_folder_and_names_the_kinds_in_check_order(
        monkeypatch):
    built_in_only(monkeypatch)
    assert [o.name for o in openers.TABLE] == list(BUILT_IN)
    assert [o.name for o in openers.TABLE if o.in_a_class] == ["folder", "zip", "notebook"]


@pytest.mark.parametrize("name, expected", [
    ("p209.py", "py"), ("p209.PY.txt", "py"), ("work.ipynb", "notebook"), ("hw.ZIP", "zip")])
def test_a_file_is_opened_by_its_ending(tmp_path, name, expected):
    (tmp_path / name).write_bytes(b"")
    assert openers.opener_for(tmp_path / name).name == expected


@pytest.mark.parametrize("name", ["gone", "gone.py", "gone.zip"])
def test_a_path_that_is_not_there_is_said_as_the_user_named_it(tmp_path, name):
    with pytest.raises(openers.NotASubmission, match=f"{name} does not exist: `grader check` "
                                                     "takes a folder, "):
        openers.opener_for(tmp_path / name)
    with pytest.raises(openers.NotASubmission, match=f"{name}이\\(가\\) 없습니다"):
        openers.opener_for(tmp_path / name, "ko")


def test_a_file_no_opener_takes_names_every_kind_there_is(tmp_path, monkeypatch):
    (tmp_path / "notes.md").write_text("x")
    with pytest.raises(openers.NotASubmission) as refused:
        openers.opener_for(tmp_path / "notes.md")
    said = str(refused.value)
    places = [said.index(o.said("en")) for o in openers.TABLE if o.words]
    assert places == sorted(places) and len(places) == len(openers.TABLE) - 1  # not classroom
    built_in_only(monkeypatch)  # as it has always been said
    with pytest.raises(openers.NotASubmission, match="takes: a folder, a zip, a notebook "
                                                     r"\(\.ipynb\) or a p<ID>\.py file$"):
        openers.opener_for(tmp_path / "notes.md")


def test_a_classroom_download_is_a_class_not_one_submission(tmp_path):
    download = tmp_path / "hw5-submissions"
    for name in ("hw5-alice", "hw5-bob"):
        (download / name).mkdir(parents=True)
    opener = openers.opener_for(download)
    assert opener.name == "classroom" and opener.holds_a_class
    done = run_cli("check", str(download))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "GitHub Classroom download" in done.stderr and "grader batch" in done.stderr
    # the same folder named otherwise is one student's folder
    assert openers.opener_for(download.rename(tmp_path / "hw5")).name == "folder"


def test_a_class_takes_folders_zips_and_notebooks_but_no_lone_py_file(tmp_path):
    root = tmp_path / "class"
    (root / "bob").mkdir(parents=True)
    (root / "carol.zip").write_bytes(b"")
    notebooks.write(root / "alice.ipynb", [("markdown", "## 문제 209."),
                                            ("code", notebooks.kernel_code("209"))])
    (root / "p209.py").write_text("x = 1\n")
    (root / "notes.py").write_text("x = 1\n")
    assert [(s.name, s.source.name) for s in discover(root)] == [
        ("alice", "alice.ipynb"), ("bob", "bob"), ("carol", "carol.zip")]


def test_a_students_notebook_is_opened_alone_and_its_copy_removed(tmp_path):
    """Nothing beside a class's notebook (another student's work) is read with it."""
    root = tmp_path / "class"
    (root / "bob").mkdir(parents=True)
    (root / "bob" / "p210.py").write_text("bob's = 1\n")
    (root / "p211.py").write_text("stray = 1\n")
    notebooks.write(root / "alice.ipynb", [("markdown", "## 문제 209."),
                                            ("code", notebooks.kernel_code("209"))])
    work = tmp_path / "work"
    work.mkdir()
    with opened(Student("alice", root / "alice.ipynb"), work) as job:
        assert job.name == "alice" and list(job.files.files) == ["alice.ipynb"]
        assert len(list(work.iterdir())) == 1
    assert list(work.iterdir()) == []
    # given to `grader check`, the same notebook brings its folder (its data, `common/`)
    single = openers.opener_for(root / "alice.ipynb").open(root / "alice.ipynb", None)
    assert single.single and "p211.py" in single.job.files.files


def test_a_notebook_in_a_class_is_graded_as_that_students_work(tmp_path):
    root, out = tmp_path / "class", tmp_path / "out"
    notebooks.write(root / "alice.ipynb", [("markdown", "## 문제 209."),
                                            ("code", notebooks.kernel_code("209"))])
    (root / "bob").mkdir()
    (root / "bob" / "p209.py").write_text((SOLUTIONS / "p209.py").read_text())
    done = run_cli("batch", str(root), "--out", str(out), "--only", "209-210", "--seed", "5")
    assert done.returncode == 1, done.stderr  # nobody handed in 210
    for name in ("alice", "bob"):
        results = json.loads((out / name / "results.json").read_text())
        assert results["submission"] == name
        assert [e["status"] for e in results["exercises"]] == ["passed", "missing"], name


def test_a_zip_given_to_check_and_to_a_class_is_opened_the_same_way(tmp_path):
    archive = tmp_path / "dana.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("dana/p209.py", (SOLUTIONS / "p209.py").read_text())
    given = openers.opener_for(archive)
    with contextlib.ExitStack() as stack:
        as_given = given.open(archive, stack)
        assert as_given.folder == tmp_path and as_given.job.name == "dana"
        assert list(as_given.job.files.files) == ["p209.py"]  # the zipped folder gone into
    with opened(Student("dana", archive)) as job:
        assert list(job.files.files) == ["p209.py"]


def test_an_opener_is_found_by_its_module_alone(tmp_path, monkeypatch):
    """A new way to hand in work is one module of grader/openers naming its OPENER: the table
    finds it there, in rank order, and `check` names it among the kinds."""
    (tmp_path / "tarball.py").write_text(
        "from grader.openers.base import Opener\n\n"
        "class Tarball(Opener):\n"
        "    pass\n\n"
        "OPENER = Tarball('tarball', rank=35, words=(('en', 'a tarball'), ('ko', 'tar 파일')), suffixes=('.tar.gz',), "
        "in_a_class=True)\n")
    before = openers.TABLE
    monkeypatch.delitem(sys.modules, "grader.openers.tarball", raising=False)  # gone after
    monkeypatch.setattr(openers, "__path__", [*openers.__path__, str(tmp_path)])
    monkeypatch.setattr(openers, "TABLE", openers._table())
    names = [o.name for o in openers.TABLE]
    assert names.index("zip") < names.index("tarball") < names.index("notebook")
    assert [n for n in names if n != "tarball"] == [o.name for o in before]
    (tmp_path / "work.tar.gz").write_bytes(b"")
    assert openers.find(tmp_path / "work.tar.gz").entry_name(tmp_path / "work.tar.gz") == "work"
    (tmp_path / "notes.md").write_text("x")
    with pytest.raises(openers.NotASubmission, match=r"a zip, (.*, )?a tarball, "):
        openers.opener_for(tmp_path / "notes.md")


def test_the_guess_of_workers_counts_exercise_files_by_the_finders_names(tmp_path):
    folder = openers.named("folder")
    for name in ("p209.py", "P210.py", "sub/p211.py", "notes.py", "p209.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("")
    assert folder.workers(tmp_path, None, 8) == 3
    assert folder.workers(tmp_path, {209}, 8) == 1
    assert folder.workers(tmp_path, None, 2) == 2
    (tmp_path / "sub" / "work.ipynb").write_text("{}")
    assert folder.may_hold_notebook(tmp_path) and folder.workers(tmp_path, {209}, 8) == 8
    assert openers.named("py").workers(tmp_path / "p209.py", None, 8) == 1
