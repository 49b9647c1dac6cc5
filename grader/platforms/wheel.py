"""The grader's own wheel, built from the source checkout it runs from: what the Classroom template
and the Gradescope autograder carry, so the code and bank that grade are the ones the instructor
tested, and nothing of the grader has to be published on a package index.

The wheel holds the package and the bank, never solutions/ (pyproject.toml's package list). The
students' wheel (the Classroom template's) holds the bank without its hidden checks and their
frozen results (`bank.students`); the Gradescope autograder's, which does the final grading,
holds them all. It is built from a copy of the checkout (the checkout gets no build/ or
egg-info), offline when setuptools can build wheels by itself (>= 70.1, or with the `wheel`
package), else in pip's build isolation.
"""
from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

from ..bank.catalogue import REPO_ROOT
from ..bank.students import write_students_bank

SOURCE_PARTS = ("pyproject.toml", "README.md", "grader", "exercises")
"""what a wheel is built from"""


class WheelError(ValueError):
    """No wheel could be built; says why, and what to give instead."""


def build_wheel(into: Path, for_students: bool = True) -> Path:
    """This project's wheel, built into `into` from a copy of the source checkout;
    `for_students`: its bank without hidden checks (see the module's doc)."""
    if not all((REPO_ROOT / part).exists() for part in SOURCE_PARTS):
        raise WheelError("the grader is not running from its source checkout, so there is "
                         "no wheel to build: give --wheel FILE or --install SPEC")
    source = into / "source"
    for part in SOURCE_PARTS:
        origin = REPO_ROOT / part
        if part == "exercises" and for_students:
            write_students_bank(origin, source / part)
        elif origin.is_dir():
            shutil.copytree(origin, source / part,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            source.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(origin, source / part)
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet",
               "--wheel-dir", str(into), str(source)]
    if _can_build_offline():
        command.insert(4, "--no-build-isolation")
    done = subprocess.run(command, capture_output=True, text=True)
    wheels = sorted(into.glob("backprop_grader-*.whl"))
    if done.returncode != 0 or not wheels:
        raise WheelError("building the wheel failed (give --wheel FILE or --install SPEC):\n"
                         + (done.stderr or done.stdout).strip()[-2000:])
    return wheels[-1]


def _can_build_offline() -> bool:
    """setuptools with bdist_wheel (>= 70.1, or the wheel package) already installed."""
    if importlib.util.find_spec("setuptools") is None:
        return False
    if importlib.util.find_spec("wheel") is not None:
        return True
    try:
        import setuptools
        major, minor = (int(x) for x in setuptools.__version__.split(".")[:2])
    except (ImportError, ValueError):
        return False
    return (major, minor) >= (70, 1)
