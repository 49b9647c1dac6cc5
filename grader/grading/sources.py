"""Which source each exercise of a submission is graded on, decided once per submission in the
grader's process, without running any of the student's code.

A source is a `.py` file (`p209.py`, or a near miss such as `P209.py`, see `finder`), a section
of a notebook, a whole notebook whose cells define the exercise's names, the kernel's history
(`%grade` in Jupyter), or the definitions view of a `.py` file whose top-level script cannot run
here (tried only after the whole file failed to load). Each `Source` says what the exercise's
copy holds (the submission's files, plus generated modules), what the sandbox loads, what else
was found and not graded, and notes for the student.

Notebooks: the cells of a folder's notebooks, in name order, are one kernel's history. A marker
(see `notebook`) starts an exercise's section, which runs to the next marker. Each section
becomes a generated module of its cells' definitions (`views`), which starts from the names of
the module before it, as a kernel does: so the last definition of a name wins, and a class
defined in one section is the same object wherever a later one uses it. An API exercise's
section module is named `p<ID>`; an output exercise's `p<ID>` is a script of its section's
cells, run after the definitions before it. A line map takes a generated file's lines back to
the notebook's cells.
"""
from __future__ import annotations

import sys
import threading
from dataclasses import dataclass, field, replace
from typing import Mapping, Sequence

from ..bank.spec import ExerciseSpec
from .finder import Candidate, candidate, candidates, main_folder, ranked
from .messages import Phrase
from .notebook import Cell, CellCode, Notebook, NotebookError, python_of, read_notebook
from .submission import NOTEBOOK, SubmissionFiles, importable, parent
from .views import View, view

UNAVAILABLE = {"tkinter", "_tkinter", "turtle", "turtledemo", "idlelib"}
"""standard modules a grading machine may lack (no display, no Tk)"""
INSTALLED = {"numpy"}
"""what the grader has besides the standard library"""
MAX_LISTED = 6
"""places a note lists before `n more`"""
MAX_SEGMENTS = 200
"""sections of one folder's notebooks (markers past this one start no new section)"""
WHOLE = 10**7
"""a line map block that covers a whole renamed file"""


@dataclass(frozen=True)
class Block:
    """Lines of a file the sandbox runs that come from one place of the student's own files."""

    first: int
    count: int
    file: str
    """the student's file: a .py or a notebook ("" for the kernel's history)"""
    cell: int | None
    line: int
    """the first line's number there"""


@dataclass(frozen=True)
class LineMap:
    """Where the lines of generated and renamed files come from, so that a traceback points at
    `hw.ipynb, cell 7, line 3` or `P211.py:4`, never at a file the student has not seen."""

    blocks: Mapping[str, tuple[Block, ...]] = field(default_factory=dict)

    def place(self, file: str, line: int) -> tuple[str, int | None, int] | None:
        for block in self.blocks.get(file, ()):
            if block.first <= line < block.first + block.count:
                return block.file, block.cell, block.line + line - block.first
        return None

    def remap(self, error: dict | None) -> None:
        """Point an error's frames (as the student's process sent them) at the student's files."""
        if not isinstance(error, dict) or not isinstance(error.get("frames"), list):
            return
        for frame in error["frames"]:
            if isinstance(frame, dict) and isinstance(frame.get("line"), int):
                found = self.place(str(frame.get("file")), frame["line"])
                if found:
                    frame["file"], frame["cell"], frame["line"] = found


@dataclass(frozen=True)
class Source:
    exercise: str
    kind: str
    """file | notebook | kernel | definitions | missing"""
    path: str | None = None
    """the file or notebook graded, relative to the submission folder"""
    described: Phrase | None = None
    """what is graded, in words"""
    module: str = ""
    """what the sandbox imports (api) or runs (output)"""
    file: str = ""
    """that module's file in the copy, relative to the copy's root"""
    workdir: str = ""
    """the folder it runs in, relative to the copy's root"""
    paths: tuple[str, ...] = ("",)
    """folders on the sandbox's sys.path, first first: the working folder, the submission
    folder, and the working folder's parent (the book's `sys.path.append(os.pardir)`)"""
    overlay: Mapping[str, bytes] = field(default_factory=dict)
    """files added to the copy, or replaced in it: generated modules, a renamed file"""
    generated: Mapping[str, str | None] = field(default_factory=dict)
    """generated module -> the module whose names it starts from"""
    chain: tuple[str, ...] = ()
    """generated modules to load first, in order"""
    edges: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """file -> files it needs that its text does not name"""
    provides: str | None = None
    """the exercise's module name, when the module loaded is another"""
    lines: LineMap = field(default_factory=LineMap)
    modules: Mapping[str, Phrase] = field(default_factory=dict)
    """generated module -> where it comes from, in words"""
    ignored: tuple[Phrase, ...] = ()
    notes: tuple[Phrase, ...] = ()
    problem: Phrase | None = None
    """why it cannot be graded at all"""
    not_run: tuple[Phrase, ...] = ()
    """(a definitions view, see `Resolution.definitions`) the places it leaves out"""

    @property
    def display(self) -> Phrase:
        """The source where a message names a file (`{file} did not finish loading`)."""
        if self.kind in ("notebook", "kernel"):
            return self.described
        return Phrase("path", {"file": self.path or f"p{self.exercise}.py"})

    def where(self, module: str) -> Phrase:
        """A module of the copy, as the student knows it."""
        if module in self.modules:
            return self.modules[module]
        file = module.replace(".", "/") + ".py"
        for folder in self.paths:
            found = self.lines.place((folder + "/" if folder else "") + file, 1)
            if found and found[1] is None:
                return Phrase("path", {"file": found[0]})
        return Phrase("path", {"file": file})


def available(files: SubmissionFiles | Mapping[str, bytes], paths: Sequence[str]):
    """Whether a top-level module can be imported in the sandbox: one of the submission's own
    (from these folders), numpy, or the standard library. The same everywhere, whatever the
    machine has installed, so a notebook gets one score everywhere."""
    names = files.files if isinstance(files, SubmissionFiles) else files
    own = set(importable(names, paths))
    return lambda module: (module in own or module in INSTALLED or (
        module in sys.stdlib_module_names and module not in UNAVAILABLE))


def search_paths(folder: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys([folder, "", parent(folder)] if folder else [""]))


def cell_phrase(cell: Cell) -> Phrase:
    if cell.notebook:
        return Phrase("cell", {"file": cell.notebook, "cell": cell.number})
    return Phrase("input", {"cell": cell.number})


def lines_phrase(where: Phrase, first: int, last: int) -> Phrase:
    if first == last:
        return Phrase("line_of", {"where": where, "line": first})
    return Phrase("lines_of", {"where": where, "first": first, "last": last})


def listed(places: list[Phrase]) -> tuple[Phrase, ...]:
    if len(places) <= MAX_LISTED:
        return tuple(places)
    return tuple(places[:MAX_LISTED]) + (Phrase("more", {"count": len(places) - MAX_LISTED}),)


@dataclass
class _Segment:
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


@dataclass
class _CellView:
    cell: Cell
    code: CellCode
    view: View | None


class _Sequence:
    """One folder's notebooks (or the kernel's history) as one run of cells, cut into sections."""

    def __init__(self, index: int, folder: str, notebooks: list[Notebook], can_import):
        self.index, self.folder, self.can_import = index, folder, can_import
        self.paths = search_paths(folder)
        self.notebooks = [n.path for n in notebooks]
        self.segments = [_Segment(0, None, [])]
        for cell in (c for n in notebooks for c in n.cells):
            found = cell.marker
            if found and len(self.segments) < MAX_SEGMENTS:
                self.segments.append(_Segment(len(self.segments), found, []))
            self.segments[-1].cells.append(cell)
        self.owner = {s.exercise: s.index for s in self.segments if s.exercise}
        """exercise -> its section (the last marked with it)"""
        self._views: dict[tuple[int, int, str], _CellView] = {}

    @property
    def has_code(self) -> bool:
        return any(c.kind == "code" for s in self.segments for c in s.cells)

    def views(self, segment: int, mode: str) -> list[_CellView]:
        """The section's code cells as `mode` shows them. A script's statements that use what
        a skipped import bound (here or in a cell before) are left out."""
        tainted = self._tainted(segment) if mode == "script" else frozenset()
        out = []
        for cell in self.segments[segment].cells:
            if cell.kind != "code":
                continue
            key = (segment, cell.number, cell.notebook, mode)
            if key not in self._views:
                code = python_of(cell.source)
                shown = None
                if code.code is not None and code.error is None:
                    try:
                        shown = view(code.code, mode, self.can_import, False, tainted)
                    except (SyntaxError, ValueError, RecursionError, MemoryError):
                        shown = None
                self._views[key] = _CellView(cell, code, shown)
            found = self._views[key]
            if found.view is not None:
                tainted = found.view.tainted
            out.append(found)
        return out

    def _tainted(self, segment: int) -> frozenset[str]:
        """Names the sections before `segment` bound to stand-ins."""
        names = set()
        for k in range(segment):
            for v in self.views(k, "definitions"):
                if v.view is not None:
                    names.update(n for s in v.view.skipped for n in s.names)
        return frozenset(names)

    def skipped(self) -> list[tuple[Cell, object]]:
        """Every import left out, with its cell."""
        return [(v.cell, s) for segment in self.segments
                for v in self.views(segment.index, "definitions") if v.view is not None
                for s in v.view.skipped]

    def defining(self, names: set[str]) -> tuple[Cell, list[str]] | None:
        """The last code cell whose definitions bind one of `names`, and those names."""
        found = None
        for segment in self.segments:
            for v in self.views(segment.index, "definitions"):
                if v.view is not None and v.view.binds & names:
                    found = (v.cell, sorted(v.view.binds & names))
        return found

    # -- the generated modules ----------------------------------------------------------------

    def state_name(self, segment: int, api_owner: bool) -> str:
        exercise = self.segments[segment].exercise
        if api_owner and exercise:
            return f"p{exercise}"
        return f"_cells_{segment}" if self.index == 0 else f"_cells{self.index}_{segment}"

    def file_of(self, module: str) -> str:
        return (self.folder + "/" if self.folder else "") + module + ".py"


@dataclass(frozen=True)
class _Pool:
    """A sequence's generated modules."""

    files: dict[str, bytes]
    generated: dict[str, str | None]
    edges: dict[str, tuple[str, ...]]
    blocks: dict[str, tuple[Block, ...]]
    modules: dict[str, Phrase]
    states: list[str]
    """the state module of each section"""


def _join(parts: list[tuple[Cell, str]]) -> tuple[bytes, tuple[Block, ...]]:
    lines, blocks = [], []
    for cell, text in parts:
        chunk = text.split("\n")
        blocks.append(Block(len(lines) + 1, len(chunk), cell.notebook, cell.number, 1))
        lines += chunk
    return ("\n".join(lines) + "\n").encode("utf-8"), tuple(blocks)


class Resolution:
    """The sources of one submission's exercises; `source(spec)` is computed once per exercise.

    `bank`: every exercise of the bank (a section's module is named by its exercise's kind,
    whichever exercises a run grades). `explicit`: a `.py` or `.ipynb` file the user named,
    graded before anything else. `kernel`: the kernel's history (`%grade`), graded before the
    folder's files."""

    def __init__(self, files: SubmissionFiles, bank: Sequence[ExerciseSpec],
                 explicit: str | None = None, kernel: Notebook | None = None):
        self.files, self.explicit, self.kernel = files, explicit, kernel
        self.bank = {s.id: s for s in bank}
        self.notes: list[Phrase] = []
        """about the submission as a whole"""
        self._lock = threading.Lock()
        self._sources: dict[str, Source] = {}
        self._pools: dict[int, _Pool] = {}
        names = [n for n in list(files.files) + list(files.problems)
                 if not n.lower().endswith(NOTEBOOK)]
        self.py = candidates(names)
        notebooks = self._notebooks()
        groups: dict[str, list[Notebook]] = {}
        for nb in notebooks:
            groups.setdefault(parent(nb.path) if nb.path else "", []).append(nb)
        counts: dict[str, int] = {}
        for listed_ in self.py.values():
            for folder in {c.folder for c in listed_}:
                counts[folder] = counts.get(folder, 0) + 1
        for folder, nbs in groups.items():
            marked = {c.marker for nb in nbs for c in nb.cells if c.marker}
            counts[folder] = counts.get(folder, 0) + len(marked) + 1
        self.main = "" if kernel else main_folder(counts)
        order = sorted(groups, key=lambda f: (f != self.main, f))
        self.sequences = [_Sequence(i, f, groups[f], available(files, search_paths(f)))
                          for i, f in enumerate(order)]
        self.choices = {}
        for id_ in sorted(set(self.bank) | {e for s in self.sequences for e in s.owner}):
            self.choices[id_] = self._choose(id_)
        for sequence in self.sequences:
            seen = set()
            for cell, s in sequence.skipped():
                if s.statement not in seen:
                    seen.add(s.statement)
                    self.notes.append(Phrase("import_skipped", {
                        "statement": s.statement,
                        "where": lines_phrase(cell_phrase(cell), s.line, s.line),
                        "module": s.module, "names": ", ".join(s.names) or Phrase("star_names")}))
            for segment in sequence.segments:
                for v in sequence.views(segment.index, "definitions"):
                    if v.code.error:
                        self.notes.append(Phrase("cell_broken", {
                            "where": cell_phrase(v.cell), "error": v.code.error[1]}))
        if explicit and not self.provided():
            self.notes.append(Phrase("no_exercise_in", {"file": explicit}))
        elif not self.py and not any(s.has_code for s in self.sequences) and not kernel:
            self.notes.append(Phrase("nothing_found", {
                "folder": files.folder.name or str(files.folder), "found": self._found()}))

    # -- what there is -------------------------------------------------------------------------

    def _notebooks(self) -> list[Notebook]:
        if self.kernel is not None:
            return [self.kernel]
        paths = sorted(n for n in self.files.files if n.lower().endswith(NOTEBOOK))
        if self.explicit and self.explicit.lower().endswith(NOTEBOOK):
            paths = [self.explicit] if self.explicit in self.files.files else []
        found = []
        for path in paths:
            try:
                found.append(read_notebook(path, self.files.files[path]))
            except NotebookError as e:
                self.notes.append(Phrase("notebook_unreadable", {"file": path, "problem": str(e)}))
        return found

    def _found(self) -> Phrase | str:
        tops = sorted({n.split("/")[0] + ("/" if "/" in n else "")
                       for n in list(self.files.files) + list(self.files.problems)})
        if not tops:
            return Phrase("nothing_at_all")
        shown = ", ".join(tops[:8])
        return shown + (f", … ({len(tops)})" if len(tops) > 8 else "")

    def _usable(self, c: Candidate) -> str | None:
        """Why a candidate file cannot be graded, or None."""
        if c.path in self.files.problems:
            return self.files.problems[c.path]
        content = self.files.files.get(c.path)
        if content is None:
            return "missing"
        if b"\0" in content:
            return "it contains NUL bytes"
        try:
            content.decode("utf-8")
        except UnicodeDecodeError as e:
            return f"it is not UTF-8 text (byte {e.start})"
        return None

    def _choose(self, exercise: str):
        """("py", candidate) | ("bad", candidate, problem) | ("section", sequence, segment) |
        ("found", sequence) | None"""
        spec = self.bank.get(exercise)
        explicit_py = self.explicit and not self.explicit.lower().endswith(NOTEBOOK)
        if explicit_py:
            c = candidate(self.explicit)
            if c is None or c.exercise != exercise:
                return None
            problem = self._usable(c)
            return ("bad", c, problem) if problem else ("py", c)
        listed_ = [] if (self.kernel or self.explicit) else ranked(self.py.get(exercise, []),
                                                                    self.main)
        usable = [c for c in listed_ if self._usable(c) is None]
        if usable:
            return ("py", usable[0])
        for sequence in self.sequences:
            if exercise in sequence.owner:
                return ("section", sequence, sequence.owner[exercise])
        if spec is not None and spec.kind == "api":
            names = _names(spec)
            for sequence in self.sequences:
                if sequence.defining(names):
                    return ("found", sequence)
        if listed_:
            return ("bad", listed_[0], self._usable(listed_[0]))
        return None

    def provided(self) -> list[str]:
        """The exercises that have a source (for a file the user named)."""
        return [e for e in self.choices if self.choices[e] and self.choices[e][0] != "bad"
                and e in self.bank]

    # -- sources -------------------------------------------------------------------------------

    def source(self, spec: ExerciseSpec) -> Source:
        with self._lock:
            if spec.id not in self._sources:
                self._sources[spec.id] = self._source(spec)
            return self._sources[spec.id]

    def _source(self, spec: ExerciseSpec) -> Source:
        choice = self.choices.get(spec.id) or self._choose(spec.id)
        if choice is None:
            return Source(spec.id, "missing", notes=self._missing_notes(spec))
        if choice[0] == "bad":
            c, problem = choice[1], choice[2]
            return Source(spec.id, "file", c.path, Phrase("path", {"file": c.path}),
                          problem=Phrase("bad_file", {"file": c.path, "problem": problem}),
                          ignored=self._ignored(spec.id, choice))
        if choice[0] == "py":
            return self._file_source(spec, choice[1], self._ignored(spec.id, choice))
        sequence = choice[1]
        pool = self._pool(sequence)
        kind = "kernel" if self.kernel is not None else "notebook"
        renamed, moved = self._renamed(sequence.folder)
        base = dict(workdir=sequence.folder, paths=sequence.paths,
                    overlay={**renamed, **pool.files}, generated=pool.generated,
                    edges=pool.edges, lines=LineMap({**moved, **pool.blocks}),
                    modules=pool.modules, ignored=self._ignored(spec.id, choice))
        if choice[0] == "found":
            last = len(sequence.segments) - 1
            cell, names = sequence.defining(_names(spec))
            where = (Phrase("path", {"file": cell.notebook}) if cell.notebook
                     else Phrase("kernel"))
            return Source(spec.id, kind, cell.notebook or None, Phrase("source_found", {
                "notebook": where, "names": ", ".join(names),
                "where": Phrase("cell_only" if cell.notebook else "input", {"cell": cell.number})}),
                module=pool.states[last], file=sequence.file_of(pool.states[last]),
                chain=tuple(pool.states[:last]), provides=spec.module,
                notes=self._section_notes(sequence, range(last + 1), "definitions"), **base)
        k = choice[2]
        segment = sequence.segments[k]
        mode = "definitions" if spec.kind == "api" else "script"
        broken = next(((v, v.code.error) for v in sequence.views(k, mode) if v.code.error), None)
        problem = None
        if broken:
            problem = Phrase("cell_error", {"where": lines_phrase(
                cell_phrase(broken[0].cell), broken[1][0], broken[1][0]), "error": broken[1][1]})
        return Source(spec.id, kind, segment.cells[0].notebook or None,
                      Phrase("source_section", {"cells": segment.phrase(),
                                                "heading": segment.heading}),
                      module=spec.module, file=sequence.file_of(spec.module),
                      chain=tuple(pool.states[:k]), problem=problem,
                      notes=self._section_notes(sequence, [k], mode), **base)

    def _file_source(self, spec: ExerciseSpec, c: Candidate, ignored) -> Source:
        folder = c.folder
        canonical = (folder + "/" if folder else "") + spec.filename
        content = self.files.files[c.path]
        overlay, blocks = self._renamed(folder)
        notes, generated, modules, edges = [], {}, {}, {}
        for sequence in self.sequences:  # a notebook's sections, for files that import them
            if sequence.folder == folder:
                pool = self._pool(sequence)
                overlay.update((k, v) for k, v in pool.files.items() if k not in self.files.files)
                blocks.update(pool.blocks)
                generated.update(pool.generated)
                modules.update(pool.modules)
                edges.update(pool.edges)
        if c.path != canonical:
            overlay[canonical] = content
            blocks[canonical] = (Block(1, WHOLE, c.path, None, 1),)
            notes.append(Phrase("renamed", {"file": c.path, "name": spec.filename}))
        paths = search_paths(folder)
        return Source(spec.id, "file", c.path, Phrase("path", {"file": c.path}),
                      module=spec.module, file=canonical, workdir=folder, paths=paths,
                      overlay=overlay, generated=generated, edges=edges, lines=LineMap(blocks),
                      modules=modules, ignored=ignored, notes=tuple(notes))

    def _renamed(self, folder: str) -> tuple[dict[str, bytes], dict[str, tuple[Block, ...]]]:
        """The misnamed files graded for exercises, under their right names, in `folder`: each
        exercise is importable by its module name (`from p209 import MulLayer`)."""
        overlay, blocks = {}, {}
        prefix = folder + "/" if folder else ""
        for exercise, choice in self.choices.items():
            if not choice or choice[0] != "py" or choice[1].folder != folder:
                continue
            canonical = f"{prefix}p{exercise}.py"
            if choice[1].path != canonical and canonical not in self.files.files:
                overlay[canonical] = self.files.files[choice[1].path]
                blocks[canonical] = (Block(1, WHOLE, choice[1].path, None, 1),)
        return overlay, blocks

    def definitions(self, spec: ExerciseSpec, source: Source) -> Source | None:
        """An API exercise's `.py` file as its definitions only (for when the whole file could
        not run here), if that differs from the file and still defines what the exercise asks
        for. Made only when it is needed: most files run."""
        if spec.kind != "api" or source.kind != "file":
            return None
        content = self.files.files.get(source.path) or b""
        try:
            shown = view(content.decode("utf-8"), "definitions",
                         available(self.files, source.paths))
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return None
        if not shown.changed or not (shown.binds & _names(spec)):
            return None
        where = Phrase("path", {"file": source.path})
        skipped = tuple(Phrase("import_skipped", {
            "statement": s.statement, "where": lines_phrase(where, s.line, s.line),
            "module": s.module, "names": ", ".join(s.names) or Phrase("star_names")})
            for s in shown.skipped)
        places = [Phrase("line", {"line": a}) if a == b else
                  Phrase("lines", {"first": a, "last": b}) for a, b in shown.dropped]
        return replace(source, kind="definitions",
                       described=Phrase("source_definitions", {"file": source.path}),
                       overlay={**source.overlay, source.file: shown.text.encode("utf-8")},
                       generated={**source.generated, spec.module: None},
                       notes=source.notes + skipped,
                       not_run=listed(places))

    def _pool(self, sequence: _Sequence) -> _Pool:
        """Every generated module of a sequence (computed once; under the lock)."""
        if sequence.index in self._pools:
            return self._pools[sequence.index]
        files, generated, edges, blocks, modules, states = {}, {}, {}, {}, {}, []
        for segment in sequence.segments:
            k = segment.index
            owner = segment.exercise if self._owns(sequence, k) else None
            spec = self.bank.get(owner) if owner else None
            api = spec is not None and spec.kind == "api"
            name = sequence.state_name(k, api)
            before = states[-1] if states else None
            parts = [(v.cell, v.view.text) for v in sequence.views(k, "definitions")
                     if v.view is not None]
            self._generate(sequence, name, before, parts, segment, files, generated, edges,
                           blocks, modules)
            states.append(name)
            if spec is not None and spec.kind == "output":
                script = [(v.cell, v.view.text) for v in sequence.views(k, "script")
                          if v.view is not None]
                self._generate(sequence, spec.module, before, script, segment, files,
                               generated, edges, blocks, modules)
        pool = _Pool(files, generated, edges, blocks, modules, states)
        self._pools[sequence.index] = pool
        return pool

    def _owns(self, sequence: _Sequence, k: int) -> bool:
        exercise = sequence.segments[k].exercise
        choice = self.choices.get(exercise) if exercise else None
        return bool(choice and choice[0] == "section" and choice[1] is sequence and choice[2] == k)

    @staticmethod
    def _generate(sequence, name, before, parts, segment, files, generated, edges, blocks,
                  modules):
        path = sequence.file_of(name)
        files[path], blocks[path] = _join(parts)
        generated[name] = before
        edges[path] = (sequence.file_of(before),) if before else ()
        modules[name] = segment.phrase() if segment.cells else Phrase("path", {"file": path})

    # -- words ---------------------------------------------------------------------------------

    def _ignored(self, exercise: str, choice) -> tuple[Phrase, ...]:
        chosen_path = choice[1].path if choice[0] in ("py", "bad") else None
        out = [Phrase("path", {"file": c.path}) for c in ranked(self.py.get(exercise, []),
                                                                 self.main)
               if c.path != chosen_path and not (self.kernel or self.explicit)]
        for sequence in self.sequences:
            k = sequence.owner.get(exercise)
            if k is not None and not (choice[0] == "section" and choice[1] is sequence):
                out.append(sequence.segments[k].phrase())
        return tuple(out)

    def _section_notes(self, sequence: _Sequence, segments, mode: str) -> tuple[Phrase, ...]:
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
                    not_run.append(lines_phrase(where, v.view.dropped[0][0],
                                                v.view.dropped[-1][1]))
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

    def _missing_notes(self, spec: ExerciseSpec) -> tuple[Phrase, ...]:
        if self.kernel is not None:
            return (Phrase("not_marked_kernel", {"id": spec.id}),)
        readable = [p for s in self.sequences for p in s.notebooks if p]
        if not readable:
            return ()
        if spec.kind != "api" or not spec.defines:
            return (Phrase("not_marked", {"notebooks": ", ".join(readable), "id": spec.id}),)
        return (Phrase("not_in_notebooks", {"notebooks": ", ".join(readable), "id": spec.id,
                                            "names": ", ".join(spec.defines)}),)

    # -- for messages --------------------------------------------------------------------------

    def locate(self, module: str, source: Source) -> dict | None:
        """Where a module that could not be imported is in the submission, if it is: for the
        advice that follows a ModuleNotFoundError."""
        parts = module.split(".")
        names = list(self.files.files)
        for folder in self.files.folders():
            prefix = folder + "/" if folder else ""
            top = prefix + parts[0]
            if top + ".py" in self.files.files or any(n.startswith(top + "/") for n in names):
                whole = prefix + "/".join(parts)
                if len(parts) > 1 and not (whole + ".py" in self.files.files or any(
                        n.startswith(whole + "/") for n in names)):
                    return {"path": top + ("/" if top + ".py" not in self.files.files else ".py"),
                            "part": module}
                return {"module": parts[0], "folder": source.workdir or ".",
                        "path": top + (".py" if top + ".py" in self.files.files else "/")}
        return None


def _names(spec: ExerciseSpec) -> set[str]:
    """The names an API exercise's spec asks for, with the spellings it accepts."""
    names = set(spec.defines)
    for spellings in spec.aliases.values():
        names.update(spellings)
    return names
