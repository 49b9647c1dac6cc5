"""The command line's contract: exit codes, the results JSON, stubs, list and show."""
from __future__ import annotations

import json

from conftest import ROOT, SOLUTIONS, run_cli


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


def test_usage_errors_exit_2_without_a_traceback(tmp_path):
    for args in (["check", str(tmp_path), "--only", "abc"],
                 ["check", str(tmp_path / "nowhere")],
                 ["check", str(tmp_path), "--only", "999"],
                 ["show", "999"]):
        done = run_cli(*args)
        assert done.returncode == 2, args
        assert "Traceback" not in done.stderr and done.stderr.startswith("grader: ")


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


def test_the_readme_lists_the_bank_as_grader_list_does(bank):
    table = run_cli("list", "--markdown").stdout
    assert len(table.splitlines()) == len(bank) + 2 == 46
    assert table in (ROOT / "README.md").read_text(), "README's table is stale: paste `grader list --markdown`"
    total = sum(len(s.mistakes) for s in bank)
    assert f"{total} known mistakes" in (ROOT / "README.md").read_text()
