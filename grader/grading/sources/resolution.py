"""Which source each exercise of a submission is graded on, decided once per submission in the
grader's process, without running any of the student's code.

A source is a `.py` file (`p209.py`, or a near miss such as `P209.py`, see `finder`), a section
of a notebook (see `sections`), a whole notebook whose cells define the exercise's names, the
kernel's history (`%grade` in Jupyter), or the definitions view of a `.py` file whose top-level
script cannot run here (see `definitions`; tried only after the whole file failed to load).
Each `Source` says what the exercise's copy holds (the submission's files, plus generated
modules), what the sandbox loads, what else was found and not graded, and notes for the student.

`Resolution` puts the parts together: it finds the candidates and the notebooks' sections,
lets `choosing` pick one for each exercise, and builds each exercise's `Source` from its choice.
"""
from __future__ import annotations

import functools
import re
import threading
from typing import TYPE_CHECKING, Mapping, Sequence

from ...bank.spec import ExerciseSpec
from ..phrases import Phrase
from .choosing import Choice, Choices, folder_counts
from .finder import Candidate, candidates, main_folder
from .imports import available, search_paths
from .linemap import LineMap, renamed_block
from .locating import locate
from .source import Source
from .submission import NOTEBOOK, SubmissionFiles

if TYPE_CHECKING:  # loaded when a submission holds a notebook (most hold none)
    from .notebook import Notebook
    from .sections import CellSequence, Pool


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
        self._lock = threading.Lock()
        self._sources: dict[str, Source] = {}
        self._pools: dict[int, Pool] = {}
        self.notes: list[Phrase] = []
        """about the submission as a whole"""
        groups: dict[str, list[Notebook]] = {}
        if kernel is not None or any(n.lower().endswith(NOTEBOOK)
                                     for n in list(files.files) + list(files.problems)):
            from .sections import by_folder, read_notebooks

            notebooks, self.notes = read_notebooks(files, explicit, kernel)
            groups = by_folder(notebooks)
        py = candidates([n for n in list(files.files) + list(files.problems)
                         if not n.lower().endswith(NOTEBOOK)])
        main = "" if kernel else main_folder(folder_counts(py, groups))
        order = sorted(groups, key=lambda f: (f != main, f))
        self.sequences: list[CellSequence] = []
        if groups:
            from .sections import CellSequence, sequence_notes

            # each notebook is a kernel of its own, as in Jupyter: what one notebook defines is
            # not there for another's cells
            kernels = [(f, nb) for f in order for nb in groups[f]]
            self.sequences = [CellSequence(i, f, [nb], available(files, search_paths(f)),
                                           functools.partial(_sibling, files, f))
                              for i, (f, nb) in enumerate(kernels)]
            for sequence in self.sequences:
                self.notes += sequence_notes(sequence)
        from .helpers import helper_views

        self.helpers, skipped = helper_views(files, search_paths(main))
        """the submission's helper modules that import what is not here, as they run here"""
        self.notes += skipped
        self.choices = Choices(files, self.bank, py, main, self.sequences, explicit, kernel)
        if explicit and not self.provided():
            self.notes.append(Phrase("no_exercise_in", {"file": explicit}))
        elif not py and not any(s.has_code for s in self.sequences) and not kernel:
            self.notes.append(Phrase("nothing_found", {
                "folder": files.folder.name or str(files.folder), "found": _found(files)}))

    def provided(self) -> list[str]:
        """The exercises that have a source (for a file the user named)."""
        return self.choices.provided()

    def source(self, spec: ExerciseSpec) -> Source:
        with self._lock:
            if spec.id not in self._sources:
                self._sources[spec.id] = self._source(spec)
            return self._sources[spec.id]

    def written(self, spec: ExerciseSpec) -> str | None:
        """What the student wrote for an exercise found by its names in a notebook without
        markers: the cells that define them (the notebook is graded whole, but the rest of it
        is other exercises' work); None for any other source."""
        choice = self.choices.of(spec.id)
        if choice is None or choice.kind != "found":
            return None
        cells = choice.sequence.defining_cells(set(choice.names))
        return "\n\n".join(cell.source for cell in cells) or None

    def definitions(self, spec: ExerciseSpec, source: Source) -> Source | None:
        """`source`'s definitions view, for when the whole file could not run here (see
        `definitions`)."""
        from .definitions import definitions_view

        return definitions_view(spec, source, self.files)

    def locate(self, module: str, source: Source) -> dict | None:
        """Where a module that could not be imported is in the submission (see `locating`)."""
        return locate(module, self.files, source.workdir)

    # -- a source from its choice --------------------------------------------------------------

    def _source(self, spec: ExerciseSpec) -> Source:
        choice = self.choices.of(spec.id)
        if choice is None:
            return Source(spec.id, "missing", notes=self.choices.missing_notes(spec))
        ignored = self.choices.ignored(spec.id, choice)
        if choice.kind == "bad":
            path = choice.candidate.path
            return Source(spec.id, "file", path, Phrase("path", {"file": path}),
                          problem=Phrase("bad_file", {"file": path, "problem": choice.problem}),
                          ignored=ignored)
        if choice.kind == "py":
            return self._file_source(spec, choice.candidate, ignored)
        if choice.kind == "found":
            return self._found_source(spec, choice, ignored)
        return self._section_source(spec, choice, ignored)

    def _file_source(self, spec: ExerciseSpec, c: Candidate, ignored) -> Source:
        folder = c.folder
        canonical = (folder + "/" if folder else "") + spec.filename
        overlay, blocks = self.choices.renamed(folder)
        overlay = {**self.helpers, **overlay}
        notes, generated, cells, modules, edges = [], {}, {}, {}, {}
        for sequence in self.sequences:  # a notebook's sections, for files that import them
            if sequence.folder == folder:
                pool = self._pool(sequence)
                overlay.update((k, v) for k, v in pool.files.items() if k not in self.files.files)
                blocks.update(pool.blocks)
                generated.update(pool.generated)
                cells.update(pool.cells)
                modules.update(pool.modules)
                edges.update(pool.edges)
        if c.path != canonical:
            overlay[canonical] = self.files.files[c.path]
            blocks[canonical] = renamed_block(c.path)
            notes.append(Phrase("renamed", {"file": c.path, "name": spec.filename}))
        needed = [self._beside(n, folder, overlay) for n in spec.needs]
        if any(needed):  # the copy holds them, for the grader's own imports (`ExerciseSpec.needs`)
            edges[canonical] = tuple(n for n in needed if n)
        package = self._package_of(canonical, overlay)
        return Source(spec.id, "file", c.path, Phrase("path", {"file": c.path}),
                      module=f"{package}.{spec.module}" if package else spec.module,
                      provides=spec.module if package else None, file=canonical, workdir=folder,
                      paths=search_paths(folder), overlay=overlay, generated=generated,
                      cells=cells, edges=edges, lines=LineMap(blocks), modules=modules,
                      ignored=ignored, notes=tuple(notes))

    def _package_of(self, path: str, overlay: Mapping[str, bytes]) -> str | None:
        """The package an exercise's file is imported from when it sits in one (a folder with
        an `__init__.py`) and imports from it relatively (`from .functions import *`), as the
        student's own code imports it: `commons` for `chapter05/commons/p216.py`."""
        folder, _, _ = path.rpartition("/")
        content = overlay.get(path, self.files.files.get(path)) or b""
        if (not folder or f"{folder}/__init__.py" not in self.files.files
                or not RELATIVE_IMPORT.search(content)):
            return None
        return folder.rpartition("/")[2] if folder.rpartition("/")[2].isidentifier() else None

    def _beside(self, exercise: str, folder: str, overlay: dict[str, bytes]) -> str | None:
        """An exercise's file, as `folder/p<ID>.py` (added to `overlay` when the student keeps
        it elsewhere, or misnamed), for the grader to import from `folder`; None when the
        submission has no usable one."""
        from .choosing import unusable
        from .finder import ranked

        usable = [c for c in ranked(self.choices.py.get(exercise, []), self.choices.main)
                  if unusable(self.files, c) is None]
        if not usable:
            return None
        target = f"{folder + '/' if folder else ''}p{exercise}.py"
        if target not in self.files.files and target not in overlay:
            overlay[target] = self.files.files[usable[0].path]
        return target

    def _section_source(self, spec: ExerciseSpec, choice: Choice, ignored) -> Source:
        from .sections import section_notes, section_problem

        sequence, k = choice.sequence, choice.segment
        segment = sequence.segments[k]
        mode = "definitions" if spec.kind == "api" else "script"
        return Source(spec.id, self._kind, segment.cells[0].notebook or None,
                      Phrase("source_section", {"cells": segment.phrase(),
                                                "heading": segment.heading}),
                      module=spec.module, file=sequence.file_of(spec.module),
                      chain=tuple(self._pool(sequence).states[:k]),
                      problem=section_problem(sequence, k, mode),
                      notes=_over_stub(choice, spec) + section_notes(sequence, [k], mode),
                      **self._from_cells(sequence, ignored))

    def _found_source(self, spec: ExerciseSpec, choice: Choice, ignored) -> Source:
        """An API exercise whose names (its own, or near misses) a notebook's own code defines
        without its marker: graded on the whole notebook, as a kernel holds it after a run of
        every cell, with the student's own last definition of those names (a later
        `from common.layers import *` binds the book's `Relu` in the kernel; the grader keeps
        the student's, and says so)."""
        from .imports import top_names
        from .places import cell_phrase
        from .sections import section_notes

        sequence, defined = choice.sequence, choice.defined
        pool = self._pool(sequence)
        last = len(sequence.segments) - 1
        cell = defined.cell
        where = Phrase("path", {"file": cell.notebook}) if cell.notebook else Phrase("kernel")
        notes = section_notes(sequence, range(last + 1), "definitions")
        again = sequence.rebound(defined, set(defined.names),
                                 lambda m: top_names(self.files, sequence.paths, m))
        if again is not None:
            notes = (Phrase("rebound_later", {"where": cell_phrase(again[0]), "name": again[1],
                                              "defined": cell_phrase(cell)}),) + notes
        return Source(spec.id, self._kind, cell.notebook or None, Phrase("source_found", {
            "notebook": where, "names": ", ".join(defined.names),
            "where": Phrase("cell_only" if cell.notebook else "input", {"cell": cell.number})}),
            module=pool.states[last], file=sequence.file_of(pool.states[last]),
            chain=tuple(pool.states[:last]), provides=spec.module,
            notes=_over_stub(choice, spec) + notes, own=True,
            defining=pool.start_of(sequence, defined), **self._from_cells(sequence, ignored))

    @property
    def _kind(self) -> str:
        return "kernel" if self.kernel is not None else "notebook"

    def _from_cells(self, sequence: CellSequence, ignored) -> dict:
        """What the sources graded on a sequence's cells share: its generated modules, and the
        folder's misnamed files under their right names."""
        pool = self._pool(sequence)
        renamed, moved = self.choices.renamed(sequence.folder)
        return dict(workdir=sequence.folder, paths=sequence.paths,
                    overlay={**self.helpers, **renamed, **pool.files},
                    generated=pool.generated, cells=pool.cells,
                    edges=pool.edges, lines=LineMap({**moved, **pool.blocks}),
                    modules=pool.modules, ignored=ignored)

    def _pool(self, sequence: CellSequence) -> Pool:
        """Every generated module of a sequence (computed once; under the lock)."""
        if sequence.index not in self._pools:
            from .sections import generate

            self._pools[sequence.index] = generate(sequence, self.choices.owners(sequence))
        return self._pools[sequence.index]


RELATIVE_IMPORT = re.compile(rb"^[ \t]*from[ \t]+\.", re.M)


def _over_stub(choice: Choice, spec: ExerciseSpec) -> tuple[Phrase, ...]:
    """The note that the exercise's file, still the stub, was passed over for the notebook."""
    if choice.stub is None:
        return ()
    return (Phrase("stub_not_graded", {"file": choice.stub, "id": spec.id}),)


def _sibling(files: SubmissionFiles, folder: str, module: str) -> str | None:
    """The code of a module of the student's own beside the notebooks of `folder` (a `.py`
    file of that folder), for what a notebook imports from it; None for any other."""
    path = f"{folder + '/' if folder else ''}{module}.py"
    if "." in module or path not in files.files:
        return None
    return files.files[path].decode("utf-8", "replace")


def _found(files: SubmissionFiles) -> Phrase | str:
    """What the submission holds at its top, for a note that no exercise was found in it."""
    tops = sorted({n.split("/")[0] + ("/" if "/" in n else "")
                   for n in list(files.files) + list(files.problems)})
    if not tops:
        return Phrase("nothing_at_all")
    shown = ", ".join(tops[:8])
    return shown + (f", … ({len(tops)})" if len(tops) > 8 else "")
