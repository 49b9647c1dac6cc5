"""A corpus of broken and hostile submissions (tests/hostile/*.py), each with its exact outcome.

Every case grades the attacked exercise next to a correct control exercise (p211) and asserts:
the attacked exercise's status and message, the control still passing with full points, the
whole run finishing in bounded time, no process left behind, and the project and the original
submission untouched. Each attack is bounded by itself, so a failure of containment stays
harmless to the machine that runs the tests.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import time
from pathlib import Path

import pytest
from conftest import ROOT, SOLUTIONS

from grader.bank import select
from grader.engine import Grader, Options

CORPUS = sorted((Path(__file__).parent / "hostile").glob("*.py"))
HEADER = re.compile(r"^# (attack|exercise|status|message|timeout-scale): ?(.*)$", re.M)
MARKER = "987"  # the attacks' sleeping processes run `sleep 987`


def header(path: Path) -> dict:
    return dict(HEADER.findall(path.read_text()))


def fingerprint(*folders: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest()
            for folder in folders for p in sorted(folder.rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts}


def leftovers() -> list[str]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                cmdline = Path(f"/proc/{entry}/cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if cmdline[:2] == [b"sleep", MARKER.encode()]:
                found.append(entry)
    return found


def grade_case(bank, folder: Path, ids: str, timeout_scale: float = 0.2):
    """Short time limits keep the corpus fast; heavy attacks get the usual ones."""
    with Grader(select(bank, ids), Options(seed=1, timeout_scale=timeout_scale)) as grader:
        return {e.id: e for e in grader.grade(folder).exercises}


def test_the_corpus_is_large_enough():
    assert len(CORPUS) >= 25


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_hostile_submission_is_contained(path, bank, tmp_path):
    case = header(path)
    target = case["exercise"]
    if path.stem == "tamper_files" and os.geteuid() != 0:
        pytest.skip("only a separate user protects files from the student's code: the grader "
                    "runs it as `nobody` when it runs as root (as in CI)")
    folder = tmp_path / "alice"
    folder.mkdir()
    for name in ("p209.py", "p211.py"):
        shutil.copyfile(SOLUTIONS / name, folder / name)
    code = path.read_text().replace("ORIGINAL_FOLDER", repr(str(folder))).replace(
        "PROJECT_SOLUTIONS", repr(str(SOLUTIONS)))
    (folder / f"p{target}.py").write_text(code)
    project = fingerprint(ROOT / "grader", ROOT / "exercises", SOLUTIONS)
    original = fingerprint(folder)

    started = time.monotonic()
    results = grade_case(bank, folder, f"{target},211", float(case.get("timeout-scale", 0.2)))
    elapsed = time.monotonic() - started

    attacked, control = results[target], results["211"]
    assert attacked.status == case["status"], [(c.name, c.status, c.message) for c in attacked.checks]
    if case["status"] != "passed":
        assert attacked.score < attacked.max_score
        messages = " | ".join([attacked.message] + [c.message for c in attacked.checks])
        assert case["message"] in messages
    else:
        assert attacked.score == attacked.max_score
    assert control.status == "passed" and control.score == control.max_score
    assert elapsed < 60
    assert leftovers() == []
    assert fingerprint(ROOT / "grader", ROOT / "exercises", SOLUTIONS) == project
    assert fingerprint(folder) == original


BAD_FILES = {
    "not UTF-8": (lambda p: p.write_bytes(b"x = '\xff\xfe'\n"), "not UTF-8"),
    "NUL bytes": (lambda p: p.write_bytes(b"x = 1\0\n"), "NUL bytes"),
    "a folder": (lambda p: p.mkdir(), "folder"),
    "a symlink": (lambda p: p.symlink_to("/etc/passwd"), "symbolic link"),
    "too large": (lambda p: p.write_bytes(b"#" * (2 * 2**20)), "over the limit"),
}


@pytest.mark.parametrize("kind", BAD_FILES)
def test_bad_files_are_an_error_of_that_exercise(kind, bank, tmp_path):
    make, says = BAD_FILES[kind]
    folder = tmp_path / "bob"
    folder.mkdir()
    shutil.copyfile(SOLUTIONS / "p211.py", folder / "p211.py")
    make(folder / "p209.py")
    results = grade_case(bank, folder, "209,211")
    assert results["209"].status == "error" and results["209"].score == 0
    assert says in results["209"].message
    assert results["211"].status == "passed"


def test_the_environment_holds_no_secrets(bank, tmp_path, monkeypatch):
    monkeypatch.setenv("INSTRUCTOR_TOKEN", "s3cret")
    folder = tmp_path / "carol"
    folder.mkdir()
    (folder / "p210.py").write_text("import os\nprint(220 + len(os.environ.get('INSTRUCTOR_TOKEN', '')))\n")
    results = grade_case(bank, folder, "210")
    assert results["210"].status == "passed"


def test_no_student_text_acts_as_a_workflow_command_in_github_actions(tmp_path):
    from conftest import run_cli

    folder = tmp_path / "dave"
    folder.mkdir()
    code = (Path(__file__).parent / "hostile" / "workflow_commands.py").read_text()
    (folder / "p209.py").write_text(code.replace("name=points::44", "name=points::44\\x1b[2J"))
    done = run_cli("check", str(folder), "--only", "209", env={"GITHUB_ACTIONS": "true"})
    lines = done.stdout.splitlines()
    assert lines[0].startswith("::stop-commands::")
    token = lines[0].removeprefix("::stop-commands::")
    assert len(token) >= 32 and lines[-1] == f"::{token}::"
    assert "::error::forged annotation" in done.stdout  # shown to the student, as text
    assert sum(line == f"::{token}::" for line in lines) == 1
    assert "\x1b" not in done.stdout  # terminal escapes from student text are shown, not obeyed
    assert "\\x1b[2J" in done.stdout
