"""The command line's contract: exit codes, the results JSON, stubs, list and show."""
from __future__ import annotations

import json

import pytest

from conftest import ROOT, SOLUTIONS, run_cli

from grader import openers


def test_check_of_the_solutions_exits_0_and_writes_the_results_json(tmp_path):
    out = tmp_path / "results.json"
    done = run_cli("check", str(SOLUTIONS), "--only", "209-213", "--json", str(out), "--seed", "3")
    assert done.returncode == 0, done.stdout + done.stderr
    data = json.loads(out.read_text())
    assert data["schema"] == 1 and data["seed"] == 3
    assert data["submission"] == "solutions"
    assert [e["id"] for e in data["exercises"]] == ["209", "210", "211", "212", "213"]
    assert data["score"] == data["max_score"] == sum(e["max_score"] for e in data["exercises"])
    for exercise in data["exercises"]:
        assert exercise["status"] == "passed"
        assert set(exercise) >= {"id", "title", "status", "score", "max_score", "checks"}
        for check in exercise["checks"]:
            assert set(check) >= {"name", "status", "message", "hint"}
            assert check["status"] in ("passed", "skipped")


def test_check_of_a_wrong_submission_exits_1_and_says_why(tmp_path):
    (tmp_path / "p210.py").write_text("print(219)\n")
    done = run_cli("check", str(tmp_path), "--only", "210")
    assert done.returncode == 1
    assert "FAILED" in done.stdout and "printed number 1" in done.stdout
    assert "expected 220" in done.stdout


def test_missing_exercises_count_as_not_passed(tmp_path):
    done = run_cli("check", str(tmp_path), "--only", "209")
    assert done.returncode == 1 and "missing" in done.stdout


def test_an_empty_folder_says_nothing_of_repeating_a_run_nothing_ran_in(tmp_path):
    (tmp_path / "empty").mkdir()
    done = run_cli("check", str(tmp_path / "empty"), "--only", "209-211")
    assert done.returncode == 1 and "found nothing" in done.stdout
    assert "to repeat this run" not in done.stdout and "--seed" not in done.stdout
    korean = run_cli("check", str(tmp_path / "empty"), "--only", "209", "--lang", "ko")
    assert "(있는 것: 없음)" in korean.stdout and "다시 채점하려면" not in korean.stdout
    (tmp_path / "p209.py").write_text("x = 1\n")  # one exercise ran: its seed is worth saying
    ran = run_cli("check", str(tmp_path), "--only", "209-211")
    assert "to repeat this run exactly: --seed" in ran.stdout


def test_help_says_every_exit_code_in_whole_sentences():
    done = run_cli("--help")
    said = " ".join(done.stdout.split())
    assert done.returncode == 0
    assert ("Exit codes: 0 every graded exercise passed, 1 something failed, 2 a usage or spec "
            "error (a message, never a traceback), 130 interrupted.") in said


@pytest.mark.parametrize("lang, frame, usual", [
    ("en", "{given} does not exist: `grader check` takes {kinds}",
     ("a folder", "a zip", "a notebook (.ipynb)", "a p<ID>.py file")),
    ("ko", "{given}이(가) 없습니다: `grader check`는 {kinds}을(를) 채점합니다",
     ("폴더", "zip", "노트북(.ipynb)", "p<ID>.py 파일"))])
def test_check_of_what_is_not_there_says_what_it_takes(tmp_path, lang, frame, usual):
    """The sentence names every opener of the table, in its order (a new way to hand in work
    is named without editing this test), the usual ones among them."""
    done = run_cli("check", str(tmp_path / "nonexist"), "--lang", lang)
    prefix, suffix = frame.split("{kinds}")
    said = done.stderr.strip()
    assert done.returncode == 2 and said.startswith(
        "grader: " + prefix.format(given=tmp_path / "nonexist")) and said.endswith(suffix)
    named = [o.said(lang) for o in openers.TABLE if o.said(lang)]
    assert set(usual) <= set(named)
    places = [said.index(kind) for kind in named]
    assert places == sorted(places), said
    (tmp_path / "notes.txt").write_text("x")
    other = run_cli("check", str(tmp_path / "notes.txt"))
    assert other.returncode == 2 and "is not what `grader check` takes: a folder, a zip" \
        in other.stderr


def test_usage_errors_exit_2_without_a_traceback(tmp_path):
    for args in (["check", str(tmp_path), "--only", "abc"],
                 ["check", str(tmp_path / "nowhere")],
                 ["check", str(tmp_path), "--only", "999"],
                 ["show", "999"]):
        done = run_cli(*args)
        assert done.returncode == 2, args
        assert "Traceback" not in done.stderr and done.stderr.startswith("grader: ")


WRONG_VALUES = {
    "timeout-scale inf": (["--timeout-scale", "inf"], "--timeout-scale inf: the time scale"),
    "timeout-scale 1e300": (["--timeout-scale", "1e300"], "--timeout-scale 1e300: the time"),
    "timeout-scale nan": (["--timeout-scale", "nan"], "--timeout-scale nan: the time scale"),
    "only superscript": (["--only", "²"], "--only '²' is not an exercise number"),
    "only Arabic-Indic digits": (["--only", "٢٠٩"], "--only '٢٠٩' is not an exercise number"),
    "only beyond the bank": (["--only", "209,999"], "--only 209,999: 999 names no exercise"),
    "seed negative": (["--seed", "-5"], "--seed -5: a seed is a whole number from 0 to"),
    "seed too large": (["--seed", "4294967296"], "--seed 4294967296: a seed is a whole"),
    "seed Arabic-Indic digit": (["--seed", "٢"], "--seed '٢': a seed is a whole number"),
    "lang unknown": (["--lang", "fr"], "--lang must be ko or en, not 'fr'"),
}


@pytest.mark.parametrize("case", WRONG_VALUES)
def test_a_value_that_cannot_be_is_one_line_and_exit_2_before_any_grading(case, tmp_path):
    """`--timeout-scale inf` was an OverflowError traceback, `--only ²` a ValueError traceback,
    `--only ٢٠٩` graded 209: each is now the usage error, in one line, nothing graded."""
    flags, says = WRONG_VALUES[case]
    (tmp_path / "p209.py").write_text((SOLUTIONS / "p209.py").read_text())
    done = run_cli("check", str(tmp_path), *flags, "--json", str(tmp_path / "results.json"))
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr.startswith(f"grader: {says}") and done.stderr.count("\n") == 1
    assert done.stdout == "" and not (tmp_path / "results.json").exists()


def test_a_wrong_value_is_said_in_the_users_language(tmp_path):
    done = run_cli("check", str(tmp_path), "--lang", "ko", "--timeout-scale", "inf")
    assert done.returncode == 2
    assert done.stderr.startswith("grader: --timeout-scale inf: 시간 배율은 0.01부터 100까지")
    done = run_cli("stubs", str(tmp_path), "--only", "²", env={"GRADER_LANG": "ko"})
    assert done.returncode == 2 and "숫자 0-9로 쓰세요" in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_options_still_take_every_value_they_took(tmp_path):
    (tmp_path / "p209.py").write_text((SOLUTIONS / "p209.py").read_text())
    done = run_cli("check", str(tmp_path), "--only", "209-209", "--seed", "4294967295",
                   "--timeout-scale", "2.5", "--lang", "EN", "--json",
                   str(tmp_path / "results.json"))
    assert done.returncode == 0, done.stderr
    data = json.loads((tmp_path / "results.json").read_text())
    assert data["seed"] == 4294967295 and data["lang"] == "en"


def test_a_bad_spec_exits_2_naming_the_file_and_field(tmp_path):
    bank = tmp_path / "bank"
    bank.mkdir()
    (bank / "p209.yaml").write_text((ROOT / "exercises" / "p209.yaml").read_text()
                                    .replace("kind: api", "kind: apy", 1))
    done = run_cli("--exercises", str(bank), "list")
    assert done.returncode == 2
    assert "p209.yaml: kind:" in done.stderr and "'apy'" in done.stderr
    assert "Traceback" not in done.stderr


def test_stubs_are_written_once_and_never_overwrite(tmp_path):
    done = run_cli("stubs", str(tmp_path), "--only", "209,210", "--lang", "ko")
    assert done.returncode == 0
    assert (tmp_path / "p209.py").read_text().startswith("# p209: 곱셈 계층")
    (tmp_path / "p209.py").write_text("# my work\n")
    again = run_cli("stubs", str(tmp_path), "--only", "209,210")
    assert again.returncode == 0 and "kept" in again.stdout
    assert (tmp_path / "p209.py").read_text() == "# my work\n"


def test_stubs_score_zero_and_say_not_implemented(tmp_path):
    run_cli("stubs", str(tmp_path), "--only", "209-213")
    out = tmp_path / "r.json"
    done = run_cli("check", str(tmp_path), "--only", "209-213", "--json", str(out))
    assert done.returncode == 1
    data = json.loads(out.read_text())
    assert data["score"] == 0
    for exercise in data["exercises"]:
        assert any("not implemented" in c["message"] for c in exercise["checks"]), exercise["id"]


def test_list_and_show_in_both_languages():
    listed = run_cli("list", "--lang", "ko")
    assert listed.returncode == 0
    ids = [line.split()[0] for line in listed.stdout.splitlines()]
    assert ids == sorted(ids, key=int) and "209" in ids and "219" in ids
    shown = run_cli("show", "209", "--lang", "ko")
    assert shown.returncode == 0 and "MulLayer" in shown.stdout and "검사" in shown.stdout
    assert "Checks" in run_cli("show", "p209").stdout


def test_seed_repeats_a_run_exactly(tmp_path):
    runs = []
    for _ in range(2):
        out = tmp_path / f"r{len(runs)}.json"
        run_cli("check", str(SOLUTIONS / "mistakes"), "--only", "219", "--seed", "11",
                "--json", str(out))
        runs.append(json.loads(out.read_text()))
    strip = lambda d: [(e["id"], [(c["name"], c["status"], c["message"]) for c in e["checks"]])  # noqa: E731
                       for e in d["exercises"]]
    assert strip(runs[0]) == strip(runs[1])


def test_the_instructors_guide_lists_the_bank_as_grader_list_does(bank):
    """The table ("The bank", docs/instructors.md) is the only place the documentation counts
    the bank (no total of exercises or mistakes to update by hand when an exercise is added)."""
    table = run_cli("list", "--markdown").stdout
    assert len(table.splitlines()) == len(bank) + 2
    assert table in (ROOT / "docs" / "instructors.md").read_text(encoding="utf-8"), \
        "the table of docs/instructors.md is stale: paste `grader list --markdown`"
    rows = [line.split(" | ") for line in table.splitlines()[2:]]
    assert [int(row[4]) for row in rows] == [len(s.mistakes) for s in bank]


def test_a_folder_that_cannot_be_searched_is_no_traceback_when_the_language_is_chosen(
        monkeypatch, tmp_path):
    """As an ordinary user, a ROOT under a folder without search permission makes `is_file()`
    raise: the language then comes from the current folder, and the command says what is
    wrong with ROOT itself."""
    import argparse
    from pathlib import Path

    from grader.commands import given

    def refuse(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "is_file", refuse)
    assert given.language_folder(argparse.Namespace(root=tmp_path / "class")) == Path(".")


@pytest.mark.parametrize("lang, says", [
    ("en", ["is not an exercise file: name it p<ID>.py", "--output FILE names where --format",
            "--watch watches a folder", "no exercise 999 in the bank"]),
    ("ko", ["문제 파일이 아닙니다", "--output FILE은 --format이 쓸 곳입니다",
            "--watch는 폴더를 지켜봅니다", "문제 은행에 999번 문제가 없습니다"])])
def test_check_s_and_show_s_usage_errors_speak_the_run_s_language(tmp_path, lang, says):
    """Each in one line, exit 2, in English and in Korean."""
    (tmp_path / "notes.py").write_text("x = 1\n")
    (tmp_path / "p209.py").write_text("x = 1\n")
    done = [run_cli("check", str(tmp_path / "notes.py"), "--lang", lang),
            run_cli("check", str(tmp_path), "--output", str(tmp_path / "o.xml"), "--lang", lang),
            run_cli("check", str(tmp_path / "p209.py"), "--watch", "--lang", lang),
            run_cli("show", "999", "--lang", lang)]
    for one, said in zip(done, says):
        assert one.returncode == 2 and said in one.stderr, (said, one.stderr)
        assert len(one.stderr.strip().splitlines()) == 1 and "Traceback" not in one.stderr


@pytest.mark.parametrize("argv", [
    ["check", "solutions", "--only", "219", "--seed", "7", "--lang", "ko"],
    ["--exercises", "exercises", "batch", "root", "--out", "out", "--jobs", "2"],
    ["list", "--lang", "en"], ["show", "219"]])
def test_a_command_named_first_reads_as_the_whole_command_line_reads_it(argv):
    from grader.commands import arguments

    assert arguments.named_first(argv) == argv[2 if argv[0] == "--exercises" else 0]
    alone = arguments.parser(arguments.named_first(argv)).parse_args(argv)
    assert vars(alone) == vars(arguments.parser().parse_args(argv))


def test_the_whole_command_line_when_no_command_is_named_first():
    from grader.commands import arguments

    assert arguments.named_first(["--version"]) is None
    assert arguments.named_first(["chek", "x"]) is None  # a misspelt command: the whole list
    assert arguments.named_first(["--exercises=e", "check", "x"]) is None
    names = arguments.parser(None)._subparsers._group_actions[0].choices
    assert list(names) == list(arguments.COMMANDS)
    assert list(arguments.parser("check")._subparsers._group_actions[0].choices) == ["check"]
