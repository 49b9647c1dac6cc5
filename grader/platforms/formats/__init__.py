"""CI and grading-platform formats of a submission's results, one small module each.

Every format reads the results-JSON dict (`render.json_report.as_dict`) and nothing else, so its
score and max score are those of `--json` by construction. A module has `render(results, ...)`, a
pure function to text, and `emit(results, target)`, which writes it where its platform looks.
The modules are imported when a format is used: `grader check` without `--format` loads none;
each is found by its module alone (`HELP`, read from its source), so a platform is one module.
"""
from __future__ import annotations

import ast
import importlib
import os
import pkgutil
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


SHARED = {"common"}
"""modules of this package that are no format: what the formats share"""


def _said(path: Path) -> str | None:
    """A format module's `HELP`, read from its source without importing it (a format is
    imported only when it is used), or None: no format. Only its own lines are parsed (the
    assignment and its indented continuation): the whole module would cost every command
    milliseconds."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("HELP = ")), None)
    if start is None:
        return None
    end = start + 1
    while end < len(lines) and lines[end][:1].isspace():
        end += 1
    value = "\n".join(lines[start:end]).removeprefix("HELP = ")
    return ast.literal_eval(value)


def _found() -> dict[str, Format]:
    """Every format: each module of this package with a `HELP`, an `emit(results, target)` and
    a `uses_stdout(target)`, by name. Adding a platform is adding its module."""
    found = {}
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if module.name in SHARED or module.name.startswith("_"):
            continue
        said = _said(Path(module.module_finder.path) / f"{module.name}.py")
        if said is not None:
            found[module.name] = Format(module.name, said, _lazy(module.name, "emit"),
                                        _lazy(module.name, "uses_stdout"))
    return found


FORMATS: dict[str, Format] = _found()
NAMES = tuple(FORMATS)


def emit(name: str, results: dict, target: Target | None = None) -> None:
    FORMATS[name].emit(results, target or Target())


def uses_stdout(name: str, target: Target) -> bool:
    return FORMATS[name].uses_stdout(target)
