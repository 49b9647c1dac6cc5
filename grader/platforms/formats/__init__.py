"""CI and grading-platform formats of a submission's results, one small module each.

Every format reads the results-JSON dict (`render.json_report.as_dict`) and nothing else, so its
score and max score are those of `--json` by construction. A module has `render(results, ...)`, a
pure function to text, and `emit(results, target)`, which writes it where its platform looks.
The modules are imported when a format is used: `grader check` without `--format` loads none.
"""
from __future__ import annotations

import importlib
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping, TextIO


@dataclass(frozen=True)
class Target:
    """Where a format may write: `--output`, files named by the environment, standard output."""

    output: Path | None = None
    """--output FILE; None: standard output (or the platform's own file)"""
    environ: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    stdout: TextIO | None = None
    """None: sys.stdout at the time of writing"""
    folder: Path = Path(".")
    """the graded folder: annotations name files relative to the repository"""

    def write(self, text: str) -> None:
        if self.output is not None:
            self.output.parent.mkdir(parents=True, exist_ok=True)
            self.output.write_text(text, encoding="utf-8")
        else:
            (self.stdout or sys.stdout).write(text)

    def append_to_env_file(self, variable: str, text: str) -> bool:
        """Append to the file an Actions variable names ($GITHUB_OUTPUT …); False when unset."""
        name = self.environ.get(variable)
        if not name:
            return False
        with open(name, "a", encoding="utf-8") as f:
            f.write(text)
        return True


@dataclass(frozen=True)
class Format:
    name: str
    help: str
    emit: Callable[[dict, Target], None]
    uses_stdout: Callable[[Target], bool]
    """whether it writes to standard output (then the terminal report goes to standard error)"""


def _lazy(module: str, function: str) -> Callable:
    """A format module's function, its module imported at the first call."""
    def call(*args):
        return getattr(importlib.import_module(f"{__name__}.{module}"), function)(*args)
    return call


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("classroom", "GitHub Classroom: result=<base64> for autograding-grading-reporter, "
           "to $GITHUB_OUTPUT when set", _lazy("classroom", "emit"),
           _lazy("classroom", "uses_stdout")),
    Format("gradescope", "Gradescope's results.json", _lazy("gradescope", "emit"),
           lambda t: t.output is None),
    Format("junit", "JUnit XML, one testcase per check", _lazy("junit", "emit"),
           lambda t: t.output is None),
    Format("github", "GitHub Actions: job summary to $GITHUB_STEP_SUMMARY, ::error annotations",
           _lazy("github", "emit"), lambda t: True),
)}
NAMES = tuple(FORMATS)


def emit(name: str, results: dict, target: Target | None = None) -> None:
    FORMATS[name].emit(results, target or Target())


def uses_stdout(name: str, target: Target) -> bool:
    return FORMATS[name].uses_stdout(target)
