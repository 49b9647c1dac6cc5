"""Shared helpers: the bundled bank, and submissions made from the reference solutions."""
from __future__ import annotations

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
SOLUTIONS = ROOT / "solutions"


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


@pytest.fixture
def grade(bank):
    """Grade a folder on some exercises; returns {id: ExerciseResult}."""

    def run(folder: Path, ids: str, **options):
        options.setdefault("seed", 7)
        with Grader(select(bank, ids), Options(**options)) as grader:
            result = grader.grade_folder(folder)
        return {e.id: e for e in result.exercises}

    return run


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "grader", *args], capture_output=True,
                          text=True, cwd=cwd or ROOT, timeout=timeout,
                          env={**os.environ, "NO_COLOR": "1", **(env or {})})
