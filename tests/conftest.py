"""Shared helpers: the bundled bank, and submissions made from the reference solutions."""
from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from grader.bank import load_bank, select
from grader.grading.engine import Grader
from grader.grading.job import Options

ROOT = Path(__file__).resolve().parent.parent

# `grader check` in the tests' subprocesses grades cold unless a test opts in (tests/test_server.py);
# GRADER_NO_SERVER=0 runs the whole suite through the warm grader instead
os.environ.setdefault("GRADER_NO_SERVER", "1")
SOLUTIONS = ROOT / "solutions"
SLOW_TESTS = Path(__file__).resolve().parent / "slow_tests.txt"


def slow_tests() -> set[str]:
    """The test functions tests/slow_tests.txt names (tools/slow_tests.py chose them from
    measured durations): the last word of each line that is not a comment."""
    return {line.split()[-1] for line in SLOW_TESTS.read_text().splitlines()
            if line.strip() and not line.startswith("#")}


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects
def pytest_collection_modifyitems(config, items):
    """Mark `slow` the tests of tests/slow_tests.txt, every case of a parametrized one."""
    slow = slow_tests()
    for item in items:
        if item.nodeid.split("[", 1)[0] in slow:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def bank():
    return load_bank(Path(os.environ.get("GRADER_TEST_BANK", ROOT / "exercises")))


@pytest.fixture(scope="session")
def unfrozen_bank(tmp_path_factory):
    """The bank without the reference results frozen into it: reference checks then run the
    reference solution live, where it is at hand (a new check before `validate --freeze`)."""
    folder = tmp_path_factory.mktemp("unfrozen") / "exercises"
    shutil.copytree(ROOT / "exercises", folder, ignore=shutil.ignore_patterns("frozen"))
    return load_bank(folder)


def student(root: Path, name: str, files: tuple[str, ...],
            replace: dict[str, str] | None = None) -> Path:
    """A student's folder under `root`: these reference solutions, some files replaced."""
    folder = root / name
    folder.mkdir(parents=True)
    for file in files:
        shutil.copyfile(SOLUTIONS / file, folder / file)
    for file, text in (replace or {}).items():
        (folder / file).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def submission(tmp_path):
    """A submission folder holding the reference solutions, with some files replaced."""

    def make(replace: dict[str, str] | None = None, only: tuple[str, ...] | None = None) -> Path:
        folder = tmp_path / "submission"
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir()
        for path in SOLUTIONS.glob("p*.py"):
            if only is None or path.name in only:
                shutil.copyfile(path, folder / path.name)
        for name, text in (replace or {}).items():
            (folder / name).write_text(text, encoding="utf-8")
        return folder

    return make


def scaled(specs: list, scales: dict) -> list:
    """`specs` with some time limits multiplied: `scales` maps an exercise's id, or an (id, check
    name) pair, to a factor.

    Tests give short limits only to code that is meant to hang: it hangs however busy the machine
    is, so the limit's length cannot change its outcome. Code that must finish (a control
    exercise, a well-behaved student, the checks that do not loop) keeps the usual limits, which
    a busy machine cannot eat."""
    def factor(spec, check) -> float:
        return scales.get((spec.id, check.name), scales.get(spec.id, 1.0))

    return [dataclasses.replace(spec, checks=tuple(
        dataclasses.replace(check, timeout=check.timeout * factor(spec, check))
        for check in spec.checks)) for spec in specs]


@pytest.fixture
def grade(bank):
    """Grade a folder on some exercises; returns {id: ExerciseResult}. `scales`: see `scaled`."""

    def run(folder: Path, ids: str, scales: dict | None = None, **options):
        options.setdefault("seed", 7)
        with Grader(scaled(select(bank, ids), scales or {}), Options(**options)) as grader:
            result = grader.grade_folder(folder)
        return {e.id: e for e in result.exercises}

    return run


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "grader", *args], capture_output=True,
                          text=True, cwd=cwd or ROOT, timeout=timeout,
                          env={**os.environ, "NO_COLOR": "1", **(env or {})})
