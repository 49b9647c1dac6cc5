"""Jupyter notebooks as the grader reads them: cells, the markers that start an exercise's
section, and each code cell's Python without IPython's own syntax.

Read with the standard library's json, not nbformat: the grader needs only each cell's type
and source, which every notebook format since version 3 stores plainly, and it must read
broken or hostile files without trusting them (nbformat's validation would add a dependency
and reject notebooks that Jupyter itself still opens). Nothing here runs code.

A marker is a markdown cell, or a code cell's first line written as a comment, that begins
with `문제 209`, `문제209.`, `p209`, `Problem 209` or `Exercise 209` (any case, `#` allowed).
Magics (`%matplotlib inline`), shell lines (`!pip install`), help (`np.sum?`) and cell magics
that do not run Python (`%%bash`) are left out; `%%time`, `%%timeit` and `%%capture` cells run
their Python. The grader's own lines (`%load_ext grader`, `%grade 219`) are left out too, without
a note: they are how the student grades the notebook, no part of the work.
"""
from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass

from ...text import encodable

MAX_CELLS = 5000
"""cells read from one notebook"""
MARKER = re.compile(r"^[\s#*_>]*(?:(?:문제|problem|exercise)[\s_.-]*|p_?)(\d{3})(?!\d)", re.I)
"""`문제 209`, `Problem 209.`, `p209`: not `p.151` nor `p 151`, a page of the book (its pages
and the exercises share numbers)"""
PYTHON_CELL_MAGICS = {"time", "timeit", "capture", "prun"}
"""cell magics whose body is Python, run by the grader without the magic"""
_MAGIC_LINE = re.compile(r"^\s*(?:[%!]|\?\??[\w.]|[\w.]+\?\??\s*$)")
_ASSIGNED_MAGIC = re.compile(r"^\s*[\w.]+(?:\s*,\s*[\w.]+)*\s*=\s*[%!](?!=)")
OWN_MAGIC = re.compile(
    r"^\s*%(?:(?:load|reload|unload)_ext[ \t]+grader[ \t]*(?:#.*)?$|grade(?![\w.]))")
"""the grader's own magics: `%load_ext grader`, `%grade 209-215 --lang ko`"""


class NotebookError(ValueError):
    """The file is not a notebook the grader can read; says why."""


@dataclass(frozen=True)
class Cell:
    notebook: str
    """the notebook's path in the submission ("" for the kernel's history)"""
    number: int
    """its place, from 1, among all the notebook's cells (its `In [n]` in the kernel's history)"""
    kind: str
    """code | markdown | raw"""
    source: str

    @property
    def marker(self) -> str | None:
        """The exercise this cell's marker names, if it is a marker."""
        return marker_of(self.kind, self.source)

    @property
    def heading(self) -> str:
        """The cell's first line, for the report."""
        first = next((line for line in self.source.splitlines() if line.strip()), "")
        return first.strip().lstrip("#* ").strip()[:80]


@dataclass(frozen=True)
class Notebook:
    path: str
    cells: tuple[Cell, ...]


def marker_of(kind: str, source: str) -> str | None:
    lines = [line for line in source.splitlines() if line.strip()]
    if not lines:
        return None
    first = lines[0]
    if kind == "code" and not first.lstrip().startswith("#"):
        return None
    if kind not in ("code", "markdown"):
        return None
    found = MARKER.match(first)
    return str(int(found.group(1))) if found else None


def read_notebook(path: str, data: bytes) -> Notebook:
    """The cells of a notebook file (format 3 or 4); NotebookError when it is not one."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as e:
        raise NotebookError(f"it is not a notebook (not JSON: {str(e)[:80]})") from None
    if not isinstance(document, dict):
        raise NotebookError("it is not a notebook (no cells)")
    raw = document.get("cells")
    if raw is None and isinstance(document.get("worksheets"), list):  # format 3
        raw = [c for w in document["worksheets"] if isinstance(w, dict)
               for c in (w.get("cells") or []) if isinstance(w.get("cells"), list)]
    if not isinstance(raw, list):
        raise NotebookError("it is not a notebook (no cells)")
    cells = []
    for number, cell in enumerate(raw[:MAX_CELLS], 1):
        if not isinstance(cell, dict):
            continue
        kind = cell.get("cell_type")
        source = cell.get("source", cell.get("input", ""))
        if isinstance(source, list):
            source = "".join(s for s in source if isinstance(s, str))
        if not isinstance(source, str) or kind not in ("code", "markdown", "raw", "heading"):
            continue
        # JSON allows a lone surrogate (`"\ud800"`), which no module or report can hold
        cells.append(Cell(path, number, "markdown" if kind == "heading" else kind,
                          encodable(source)))
    return Notebook(path, tuple(cells))


def from_history(inputs: list[str]) -> Notebook:
    """The kernel's history (IPython's `In`, raw) as a notebook of code cells: cell n is In [n]."""
    return Notebook("", tuple(Cell("", n, "code", text) for n, text in enumerate(inputs)
                              if n and isinstance(text, str)))


@dataclass(frozen=True)
class CellCode:
    """A code cell's Python, line for line with the cell."""

    code: str | None
    """None: the cell is not Python (a %%bash cell)"""
    dropped: tuple[int, ...] = ()
    """lines (from 1) left out and noted: magics, shell lines, help (not the grader's own)"""
    error: tuple[int, str] | None = None
    """(line, message) when what is left is still not valid Python"""


def python_of(source: str) -> CellCode:
    """The Python of a code cell: IPython's syntax left out, keeping every line in its place
    (a left-out line becomes `pass` at its indentation)."""
    lines = source.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    dropped = []
    if first is not None and lines[first].lstrip().startswith("%%"):
        name = lines[first].lstrip()[2:].split(maxsplit=1)
        if not name or name[0] not in PYTHON_CELL_MAGICS:
            return CellCode(None, tuple(range(1, len(lines) + 1)))
        lines[first], dropped = "", [first + 1]
    code = "\n".join(lines)
    if _parses(code) is None:
        return CellCode(code, tuple(dropped))
    for i, line in enumerate(lines):
        if _MAGIC_LINE.match(line) or _ASSIGNED_MAGIC.match(line):
            lines[i] = line[: len(line) - len(line.lstrip())] + "pass"
            if not OWN_MAGIC.match(line):
                dropped.append(i + 1)
    code = "\n".join(lines)
    return CellCode(code, tuple(dropped), _parses(code))


def _parses(code: str) -> tuple[int, str] | None:
    """None when `code` is valid Python, else (line, message) of its syntax error."""
    try:
        ast.parse(code)
    except SyntaxError as e:
        return (e.lineno or 1, f"SyntaxError: {e.msg}")
    except (ValueError, RecursionError, MemoryError) as e:
        return (1, f"{type(e).__name__}: {str(e)[:80]}")
    return None
