"""The bank is one set of exercises: one spec file per number, and a broken spec stops only its
own exercise (every front end still loads and grades the others, and says what is broken)."""
from __future__ import annotations

import json
import shutil

import pytest
from conftest import ROOT, SOLUTIONS, run_cli

from grader.bank import SpecError, load_bank, read_bank


def spec_text(number: int, id_written: str | None = None) -> str:
    """209's spec as exercise `number` (its id written as `id_written`, if given)."""
    text = (ROOT / "exercises" / "p209.yaml").read_text(encoding="utf-8")
    assert text.startswith("id: 209\n")
    return text.replace("id: 209\n", f"id: {id_written or number}\n", 1)


@pytest.fixture
def folder(tmp_path):
    bank = tmp_path / "exercises"
    (bank / "frozen").mkdir(parents=True)
    (bank / "p209.yaml").write_text(spec_text(209), encoding="utf-8")
    shutil.copyfile(ROOT / "exercises" / "frozen" / "p209.json", bank / "frozen" / "p209.json")
    return bank


def test_two_files_for_one_number_name_both_and_stop_only_that_exercise(folder):
    (folder / "p301.yaml").write_text(spec_text(301), encoding="utf-8")
    (folder / "p0301.yaml").write_text(spec_text(301, '"0301"'), encoding="utf-8")
    bank = read_bank(folder)
    assert [s.id for s in bank.specs] == ["209", "301"]
    assert not bank.specs[0].problem  # the other exercise loads
    (problem,) = bank.problems
    assert str(problem) == ("p0301.yaml and p301.yaml: (file): two spec files for exercise "
                            "301: keep one, named p301.yaml")
    assert bank.specs[1].problem == str(problem) and bank.specs[1].checks == ()
    with pytest.raises(SpecError, match="p0301.yaml and p301.yaml"):
        load_bank(folder)


def test_a_spec_file_not_named_yaml_is_named_with_the_name_it_needs(folder):
    (folder / "p304.yml").write_text(spec_text(304), encoding="utf-8")
    (bad,) = read_bank(folder).problems
    assert str(bad) == ("p304.yml: (file): the spec of exercise 304 must be named p304.yaml: "
                        "rename p304.yml to p304.yaml")


def test_an_id_that_is_not_its_files_number_names_both_files(folder):
    (folder / "p305.yaml").write_text(spec_text(306), encoding="utf-8")
    (bad,) = read_bank(folder).problems
    assert "p305.yaml" in str(bad) and "p306.yaml" in str(bad)
    assert [s.id for s in read_bank(folder).specs] == ["209", "305"]


def test_a_file_that_names_no_number_is_a_problem_of_the_bank_alone(folder):
    (folder / "pfoo.yaml").write_text(spec_text(209), encoding="utf-8")
    bank = read_bank(folder)
    assert [s.id for s in bank.specs] == ["209"] and not bank.specs[0].problem
    assert [str(p) for p in bank.problems] == [
        "pfoo.yaml: (file): not named p<number>.yaml: the bank ignores it"]


def broken_219(folder) -> None:
    text = (ROOT / "exercises" / "p219.yaml").read_text(encoding="utf-8")
    assert "    kind: value\n" in text
    (folder / "p219.yaml").write_text(text.replace("    kind: value\n", "    kind: valeu\n", 1),
                                      encoding="utf-8")


def test_grader_check_grades_the_others_and_reports_the_broken_one(folder, tmp_path):
    broken_219(folder)
    work = tmp_path / "work"
    work.mkdir()
    for name in ("p209.py", "p219.py"):
        shutil.copyfile(SOLUTIONS / name, work / name)
    out = tmp_path / "r.json"
    done = run_cli("--exercises", str(folder), "check", str(work), "--json", str(out),
                   "--seed", "3")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "grader: exercise 219 cannot be used: p219.yaml: checks[0].kind: 'valeu' is not " \
           "one of" in done.stderr
    results = {e["id"]: e for e in json.loads(out.read_text())["exercises"]}
    assert results["209"]["status"] == "passed"
    assert results["219"]["status"] == "error" and results["219"]["score"] == 0
    assert results["219"]["message"].startswith(
        "not graded: this exercise's spec is broken (tell your instructor): p219.yaml: ")
    assert "p219" in done.stdout and "not graded" in done.stdout
    # in Korean too, and --only of the other exercise does not read the broken file at all
    ko = run_cli("--exercises", str(folder), "check", str(work), "--lang", "ko", "--seed", "3")
    assert "문제 219을(를) 쓸 수 없습니다" in ko.stderr and "채점하지 않았습니다" in ko.stdout
    alone = run_cli("--exercises", str(folder), "check", str(work), "--only", "209")
    assert alone.returncode == 0 and "grader: exercise" not in alone.stderr


def test_grader_batch_grades_everyone_and_reports_the_broken_one(folder, tmp_path):
    broken_219(folder)
    root = tmp_path / "class"
    (root / "alice").mkdir(parents=True)
    shutil.copyfile(SOLUTIONS / "p209.py", root / "alice" / "p209.py")
    done = run_cli("--exercises", str(folder), "batch", str(root), "--out",
                   str(tmp_path / "out"), "--seed", "3", "--jobs", "1", timeout=300)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "exercise 219 cannot be used" in done.stderr
    results = json.loads((tmp_path / "out" / "alice" / "results.json").read_text())
    statuses = {e["id"]: e["status"] for e in results["exercises"]}
    assert statuses == {"209": "passed", "219": "error"}


def test_grader_validate_reports_every_broken_file_and_validates_the_rest(folder, tmp_path):
    broken_219(folder)
    (folder / "p304.yml").write_text(spec_text(304), encoding="utf-8")
    (folder / "pfoo.yaml").write_text("id: 1\n", encoding="utf-8")
    done = run_cli("validate", str(folder), "--solutions", str(SOLUTIONS), "--seed", "3")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    lines = done.stdout.splitlines()
    assert "PROBLEM pfoo.yaml: (file): not named p<number>.yaml: the bank ignores it" in lines
    assert any(line.startswith("ok      p209") for line in lines)
    assert "PROBLEM p219" in lines and "PROBLEM p304" in lines
    assert "rename p304.yml to p304.yaml" in done.stdout
    assert "'valeu' is not one of" in done.stdout


def course_folder(root):
    """An instructor's course folder: its own bank (209 retitled) and solutions beside it."""
    bank = root / "exercises"
    (bank / "frozen").mkdir(parents=True)
    text = (ROOT / "exercises" / "p209.yaml").read_text(encoding="utf-8")
    assert "en: The multiplication layer MulLayer" in text
    (bank / "p209.yaml").write_text(text.replace("en: The multiplication layer MulLayer",
                                                 "en: Our own MulLayer"), encoding="utf-8")
    shutil.copyfile(ROOT / "exercises" / "frozen" / "p209.json", bank / "frozen" / "p209.json")
    (root / "solutions" / "mistakes").mkdir(parents=True)
    for path in [SOLUTIONS / "p209.py", *(SOLUTIONS / "mistakes").glob("p209_*.py")]:
        shutil.copyfile(path, root / "solutions" / path.relative_to(SOLUTIONS))
    return bank


def test_a_course_folder_is_the_bank_without_reinstalling(tmp_path):
    bank = course_folder(tmp_path / "course")
    (tmp_path / "course" / "week1").mkdir()
    for where in (tmp_path / "course", tmp_path / "course" / "week1"):
        shown = run_cli("show", "209", cwd=where)
        assert shown.returncode == 0 and "Our own MulLayer" in shown.stdout
        assert shown.stderr == (f"grader: the exercises of this course folder: {bank} (not the "
                                f"installed bank)\n")
    listed = run_cli("list", cwd=tmp_path / "course")
    assert [line.split()[0] for line in listed.stdout.splitlines()] == ["209"]
    # validate finds the solutions beside it
    validated = run_cli("validate", "--seed", "3", cwd=tmp_path / "course")
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert validated.stdout.startswith("ok      p209") and "1 exercises, 0 with problems" \
        in validated.stdout


def test_a_bank_inside_the_work_graded_is_never_taken(tmp_path):
    """A student's folder cannot bring its own checks: its exercises/ is not the bank."""
    student = tmp_path / "student"
    (student / "exercises").mkdir(parents=True)
    forged = spec_text(209).replace("en: The multiplication layer MulLayer", "en: FORGED")
    (student / "exercises" / "p209.yaml").write_text(forged, encoding="utf-8")
    (student / "p209.py").write_text("class MulLayer:\n    pass\n", encoding="utf-8")
    for target in (".", "p209.py"):
        done = run_cli("check", target, "--only", "209", cwd=student)
        assert done.returncode == 1 and "FORGED" not in done.stdout
        assert "The multiplication layer MulLayer" in done.stdout
        assert "course folder" not in done.stderr
