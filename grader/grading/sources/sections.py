"""A folder's notebooks as sections, and the modules generated from them for the sandbox.

The cells of a folder's notebooks, in name order, are one kernel's history (as is the kernel's
own, for `%grade` in Jupyter). A marker (see `notebook`) starts an exercise's section, which
runs to the next marker. Each section becomes a generated module of its cells' definitions
(`views`), which starts from the names of the module before it, as a kernel does: so the last
definition of a name wins, and a class defined in one section is the same object wherever a
later one uses it. An API exercise's section module is named `p<ID>`; an output exercise's
`p<ID>` is a script of its section's cells, run after the definitions before it. A line map
takes a generated file's lines back to the notebook's cells.

Which section an exercise is graded on is decided in `choosing`; nothing here runs code.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from ...bank.spec import ExerciseSpec
from ..phrases import Phrase
from .imports import names_in, search_paths
from .linemap import Block
from .notebook import Cell, CellCode, Notebook, NotebookError, python_of, read_notebook
from .places import MAX_LISTED, cell_phrase, lines_phrase, listed, skipped_phrase
from .submission import NOTEBOOK, SubmissionFiles, parent
from .views import Bindings, View, view

MAX_SEGMENTS = 200
"""sections of one folder's notebooks (markers past this one start no new section)"""


def read_notebooks(files: SubmissionFiles, explicit: str | None,
                   kernel: Notebook | None) -> tuple[list[Notebook], list[Phrase]]:
    """The notebooks graded (the kernel's history; else the notebook the user named; else every
    notebook of the submission), and a note for each that cannot be read."""
    if kernel is not None:
        return [kernel], []
    paths = sorted(n for n in files.files if n.lower().endswith(NOTEBOOK))
    if explicit and explicit.lower().endswith(NOTEBOOK):
        paths = [explicit] if explicit in files.files else []
    found, notes = [], []
    for path in paths:
        try:
            found.append(read_notebook(path, files.files[path]))
        except NotebookError as e:
            notes.append(Phrase("notebook_unreadable", {"file": path, "problem": str(e)}))
    return found, notes


def by_folder(notebooks: list[Notebook]) -> dict[str, list[Notebook]]:
    """The notebooks of each folder: one kernel's history each."""
    groups: dict[str, list[Notebook]] = {}
    for nb in notebooks:
        groups.setdefault(parent(nb.path) if nb.path else "", []).append(nb)
    return groups


@dataclass
class Segment:
    """A section: the cells from one marker to the next (the first, from the start)."""

    index: int
    exercise: str | None
    cells: list[Cell]

    @property
    def heading(self) -> str:
        return self.cells[0].heading if self.cells else ""

    def phrase(self) -> Phrase:
        first, last = self.cells[0], self.cells[-1]
        if not first.notebook:
            if first.number == last.number:
                return Phrase("input", {"cell": first.number})
            return Phrase("inputs", {"first": first.number, "last": last.number})
        if first.notebook != last.notebook or first.number == last.number:
            return cell_phrase(first)
        return Phrase("cells", {"file": first.notebook, "first": first.number,
                                "last": last.number})


@dataclass(frozen=True)
class Defined:
    """Where a notebook's own code last defines an exercise's names."""

    segment: int
    position: int
    """the code cell's place among its section's code cells"""
    cell: Cell
    names: tuple[str, ...]
    code: str
    """the code that defines them: the cell's Python, or the student's module it imports
    them from"""


DEFINED_IN_TEXT = re.compile(r"^(?:class|def)[ \t]+(\w+)", re.M)
"""what a cell that does not parse defines, as far as its text says"""


@dataclass
class CellView:
    cell: Cell
    code: CellCode
    view: View | None

    @property
    def broken(self) -> bool:
        """Python that does not parse (run as it is in a notebook module: it raises there)."""
        return self.view is None and self.code.code is not None

    def text(self, mode: str) -> str | None:
        """What runs of the cell: its view, or for definitions its code as written when it does
        not parse (the cell then raises its SyntaxError, and only it, as in a kernel)."""
        if self.view is not None:
            return self.view.text
        return self.code.code if mode == "definitions" and self.broken else None


class CellSequence:
    """One folder's notebooks (or the kernel's history) as one run of cells, cut into sections."""

    def __init__(self, index: int, folder: str, notebooks: list[Notebook], can_import,
                 sibling=lambda module: None):
        """`sibling(module)`: the code of a module beside the notebooks (the student's own
        `layer_naive.py`); None for any other module (the book's `common/`)."""
        self.index, self.folder, self.can_import = index, folder, can_import
        self.sibling = sibling
        self.paths = search_paths(folder)
        self.notebooks = [n.path for n in notebooks]
        self.segments = [Segment(0, None, [])]
        for cell in (c for n in notebooks for c in n.cells):
            found = cell.marker
            if found and len(self.segments) < MAX_SEGMENTS:
                self.segments.append(Segment(len(self.segments), found, []))
            self.segments[-1].cells.append(cell)
        self.owner = {s.exercise: s.index for s in self.segments if s.exercise}
        """exercise -> its section (the last marked with it)"""
        self._defined: list[list[CellView]] | None = None
        self._scripts: dict[tuple[int, str], list[CellView]] = {}

    @property
    def has_code(self) -> bool:
        return any(c.kind == "code" for s in self.segments for c in s.cells)

    def views(self, segment: int, mode: str) -> list[CellView]:
        """The section's code cells as `mode` shows them. Definitions follow the kernel's
        history from the first cell (what each cell's code reads was bound before it, or left
        out); a script's statements that use what a skipped import bound (here or in a cell
        before) are left out."""
        if mode == "definitions":
            return self._definitions()[segment]
        key = (segment, mode)
        if key not in self._scripts:
            tainted = Bindings(tainted=self._tainted(segment))
            out = []
            for cell in self.segments[segment].cells:
                if cell.kind == "code":
                    found = self._view(cell, mode, tainted)
                    if found.view is not None:
                        tainted = Bindings(tainted=found.view.tainted)
                    out.append(found)
            self._scripts[key] = out
        return self._scripts[key]

    def _definitions(self) -> list[list[CellView]]:
        """Every section's cells as definitions, in the kernel's order (computed once)."""
        if self._defined is None:
            before, self._defined = Bindings(bound=frozenset()), []
            for segment in self.segments:
                out = []
                for cell in segment.cells:
                    if cell.kind != "code":
                        continue
                    found = self._view(cell, "definitions", before)
                    if found.view is not None:
                        before = found.view.after
                    out.append(found)
                self._defined.append(out)
        return self._defined

    def _view(self, cell: Cell, mode: str, before: Bindings) -> CellView:
        code = python_of(cell.source)
        shown = None
        if code.code is not None and code.error is None:
            try:
                shown = view(code.code, mode, self.can_import, False, before)
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                shown = None
        return CellView(cell, code, shown)

    def _tainted(self, segment: int) -> frozenset[str]:
        """Names the sections before `segment` bound to stand-ins."""
        names = set()
        for k in range(segment):
            for v in self.views(k, "definitions"):
                if v.view is not None:
                    names.update(n for s in v.view.skipped for n in s.names)
        return frozenset(names)

    def own_names(self, v: CellView) -> frozenset[str]:
        """What a cell's code defines as the student's own: its classes, functions and
        assignments; and what it imports from the student's modules beside the notebook
        (`from layer_naive import *`, not the book's packages), of the names no cell of the
        notebook defines itself (a class the notebook writes is the student's, whatever a
        later cell imports under its name)."""
        if v.view is None:  # a cell that does not parse: the names its text defines
            return frozenset(DEFINED_IN_TEXT.findall(v.code.code)) if v.broken else frozenset()
        imported = set()
        for module, names in self._siblings(v).items():
            imported |= names
        return frozenset(v.view.own | (imported - self._written))

    def _siblings(self, v: CellView) -> dict[str, frozenset[str]]:
        """module -> the names a cell imports from the student's own module beside it."""
        found = {}
        for module in v.view.stars if v.view is not None else ():
            if self.sibling(module) is not None:
                found[module] = names_in(self.sibling(module))
        for module, bound in v.view.froms if v.view is not None else ():
            if self.sibling(module) is not None:
                found[module] = names_in(self.sibling(module)) & frozenset(bound)
        return found

    @functools.cached_property
    def _written(self) -> frozenset[str]:
        """Every name the notebook's own code defines (classes, functions, assignments)."""
        return frozenset(n for segment in self.segments
                         for v in self.views(segment.index, "definitions")
                         if v.view is not None for n in v.view.own)

    def bound_names(self) -> frozenset[str]:
        """Every name the cells define as the student's own (see `own_names`)."""
        return self._bound

    @functools.cached_property
    def _bound(self) -> frozenset[str]:
        return frozenset(n for segment in self.segments
                         for v in self.views(segment.index, "definitions")
                         for n in self.own_names(v))

    def defining_cells(self, names: set[str]) -> list[Cell]:
        """Every code cell that defines one of `names` as the student's own, in order."""
        return [v.cell for segment in self.segments
                for v in self.views(segment.index, "definitions") if self.own_names(v) & names]

    def defining(self, names: set[str]) -> Defined | None:
        """The last code cell that defines one of `names` as the student's own (see
        `own_names`: not an import of the book's)."""
        found = None
        for segment in self.segments:
            for position, v in enumerate(self.views(segment.index, "definitions")):
                own = self.own_names(v) & names
                if own:
                    code = v.code.code  # or the student's module the cell imports them from
                    if v.view is not None and not v.view.own & own:
                        code = next((self.sibling(m) for m, n in self._siblings(v).items()
                                     if n & own), code)
                    found = Defined(segment.index, position, v.cell, tuple(sorted(own)), code)
        return found

    def importing(self, names: set[str]) -> tuple[Cell, str] | None:
        """The first code cell whose imports bind one of `names` from elsewhere than the
        student's own modules, and that name."""
        for segment in self.segments:
            for v in self.views(segment.index, "definitions"):
                if v.view is not None:
                    imported = (v.view.binds - self.own_names(v)) & names
                    if imported:
                        return v.cell, sorted(imported)[0]
        return None

    def rebound(self, defined: Defined, names: set[str], defines) -> tuple[Cell, str] | None:
        """The first cell after `defined` whose import binds one of its names again (as a
        kernel would: `from common.layers import *` after the student's own `class Relu`), and
        that name. `defines(module)`: the names a star-imported module binds, when known."""
        later = False
        for segment in self.segments[defined.segment:]:
            for position, v in enumerate(self.views(segment.index, "definitions")):
                if not later:
                    later = (segment.index, position) == (defined.segment, defined.position)
                    continue
                if v.view is None:
                    continue
                again = (v.view.binds - self.own_names(v)) & names
                for module in v.view.stars:
                    again |= defines(module) & names
                if again:
                    return v.cell, sorted(again)[0]
        return None

    # -- the generated modules ----------------------------------------------------------------

    def state_name(self, segment: int, api_owner: bool) -> str:
        exercise = self.segments[segment].exercise
        if api_owner and exercise:
            return f"p{exercise}"
        return f"_cells_{segment}" if self.index == 0 else f"_cells{self.index}_{segment}"

    def file_of(self, module: str) -> str:
        return (self.folder + "/" if self.folder else "") + module + ".py"


@dataclass
class Pool:
    """A sequence's generated modules, filled section by section (see `generate`)."""

    files: dict[str, bytes] = field(default_factory=dict)
    generated: dict[str, str | None] = field(default_factory=dict)
    edges: dict[str, tuple[str, ...]] = field(default_factory=dict)
    blocks: dict[str, tuple[Block, ...]] = field(default_factory=dict)
    modules: dict[str, Phrase] = field(default_factory=dict)
    cells: dict[str, tuple[tuple[int, int, tuple[str, ...]], ...]] = field(default_factory=dict)
    """definitions module -> its cells: (first line, lines, the names the cell's own code
    defines), run one by one (see the sandbox's loader)"""
    states: list[str] = field(default_factory=list)
    """the state module of each section"""

    def add(self, sequence: CellSequence, name: str, before: str | None, segment: Segment,
            mode: str) -> None:
        """The module `name` of a section's cells as `mode` shows them, started from `before`.
        A definitions module runs cell by cell, as a kernel does (`cells`)."""
        path = sequence.file_of(name)
        shown = [v for v in sequence.views(segment.index, mode) if v.text(mode) is not None]
        self.files[path], self.blocks[path] = _join([(v.cell, v.text(mode)) for v in shown])
        if mode == "definitions":
            self.cells[name] = tuple((b.first, b.count, tuple(sorted(sequence.own_names(v))))
                                     for b, v in zip(self.blocks[path], shown))
        self.generated[name] = before
        self.edges[path] = (sequence.file_of(before),) if before else ()
        self.modules[name] = segment.phrase() if segment.cells else Phrase("path", {"file": path})

    def start_of(self, sequence: CellSequence, defined: Defined) -> tuple[str, int]:
        """The state module and the line where the cell of `defined` starts in it."""
        name = self.states[defined.segment]
        shown = [v for v in sequence.views(defined.segment, "definitions")
                 if v.text("definitions") is not None]
        for block, v in zip(self.blocks[sequence.file_of(name)], shown):
            if v.cell is defined.cell:
                return name, block.first
        return name, 0


def generate(sequence: CellSequence, owners: Mapping[int, ExerciseSpec]) -> Pool:
    """Every generated module of a sequence. `owners`: section -> the exercise graded on it."""
    pool = Pool()
    for segment in sequence.segments:
        spec = owners.get(segment.index)
        name = sequence.state_name(segment.index, spec is not None and spec.kind == "api")
        before = pool.states[-1] if pool.states else None
        pool.add(sequence, name, before, segment, "definitions")
        pool.states.append(name)
        if spec is not None and spec.kind == "output":
            pool.add(sequence, spec.module, before, segment, "script")
    return pool


def _join(parts: list[tuple[Cell, str]]) -> tuple[bytes, tuple[Block, ...]]:
    lines, blocks = [], []
    for cell, text in parts:
        chunk = text.split("\n")
        blocks.append(Block(len(lines) + 1, len(chunk), cell.notebook, cell.number, 1))
        lines += chunk
    return ("\n".join(lines) + "\n").encode("utf-8"), tuple(blocks)


# -- words ------------------------------------------------------------------------------------

def sequence_notes(sequence: CellSequence) -> list[Phrase]:
    """The submission's notes on a sequence: each import left out (once), each cell that does
    not parse."""
    notes, seen = [], set()
    for segment in sequence.segments:
        for v in sequence.views(segment.index, "definitions"):
            for s in v.view.skipped if v.view is not None else ():
                if s.statement not in seen:
                    seen.add(s.statement)
                    notes.append(skipped_phrase(s, cell_phrase(v.cell)))
    for segment in sequence.segments:
        for v in sequence.views(segment.index, "definitions"):
            if v.code.error:
                notes.append(Phrase("cell_broken", {
                    "where": cell_phrase(v.cell), "error": v.code.error[1]}))
    return notes


def section_problem(sequence: CellSequence, segment: int, mode: str) -> Phrase | None:
    """Why a section cannot be graded: the first of its cells that does not parse."""
    for v in sequence.views(segment, mode):
        if v.code.error:
            line, error = v.code.error
            return Phrase("cell_error", {"where": lines_phrase(cell_phrase(v.cell), line, line),
                                         "error": error})
    return None


def section_notes(sequence: CellSequence, segments: Iterable[int],
                  mode: str) -> tuple[Phrase, ...]:
    """Notes on the cells of these sections (the exercise's own, or every one when it was
    found by its names): code not run, magics, cells that are not Python. (Skipped imports
    and cells that do not parse are the submission's notes.)"""
    not_run, magics, plots, not_python = [], [], [], []
    for k in segments:
        for v in sequence.views(k, mode):
            where = cell_phrase(v.cell)
            if v.code.code is None:
                not_python.append(Phrase("cell_not_python", {"where": where}))
                continue
            if v.code.dropped:
                magics.append(lines_phrase(where, min(v.code.dropped), max(v.code.dropped)))
            if v.view is None:
                continue
            if v.view.dropped:
                not_run.append(lines_phrase(where, v.view.dropped[0][0], v.view.dropped[-1][1]))
            if v.view.unplotted:
                plots.append(lines_phrase(where, v.view.unplotted[0][0],
                                          v.view.unplotted[-1][1]))
    notes = []
    if not_run:
        notes.append(Phrase("code_not_run", {"places": listed(not_run)}))
    if plots:
        notes.append(Phrase("plots_left_out", {"places": listed(plots)}))
    if magics:
        notes.append(Phrase("magics_left_out", {"places": listed(magics)}))
    return tuple(notes + not_python[:MAX_LISTED])

