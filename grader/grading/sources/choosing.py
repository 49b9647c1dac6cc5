"""Which candidate each exercise of a submission is graded on, and what else was found for it.

In this order: the `.py` file the user named; else the best-ranked usable `.py` file whose name
means the exercise (`p209.py`, `P209.py`, `hw5/p209 (1).py`: see `finder`), unless it is still
the untouched stub (see `stubs`) and a notebook holds the exercise; else the exercise's
notebook section (see `sections`); else, for an API exercise, the notebook cells that define the
names it asks for; else the best-ranked file that cannot be graded, to say why. The kernel's
history and a named file hide the folder's `.py` files. The candidates not chosen are listed for
the student, and an exercise without any gets a note on where it was looked for.
"""
from __future__ import annotations

import dataclasses
import difflib
import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Mapping

from ...bank.spec import ExerciseSpec
from ..phrases import Phrase
from .finder import Candidate, candidate, ranked
from .linemap import Block, renamed_block
from .stubs import untouched
from .spelling import spelling
from .submission import NOTEBOOK, SubmissionFiles

if TYPE_CHECKING:  # loaded when a submission holds a notebook (see sources)
    from .notebook import Notebook
    from .sections import CellSequence, Defined


@dataclass(frozen=True)
class Choice:
    """What an exercise is graded on."""

    kind: str
    """py: a file | bad: a file that cannot be graded | section: the exercise's notebook section
    | found: the notebook cells that define the exercise's names"""
    candidate: Candidate | None = None
    """(py, bad) the file"""
    problem: str | None = None
    """(bad) why the file cannot be graded"""
    sequence: CellSequence | None = None
    """(section, found) the notebooks"""
    segment: int | None = None
    """(section) the section"""
    names: frozenset[str] = frozenset()
    """(found) the names the cells define that it was found by: the exercise's own, a spelling
    its spec accepts, or near misses of them (`ReLU` for `Relu`: the exercise is graded, and
    fails saying which name was meant)"""
    defined: Defined | None = None
    """(found) the cell whose own code last defines them: the definition graded, whatever
    later cells bind to the same names"""
    stub: str | None = None
    """(section, found) the exercise's file passed over: the untouched stub"""


def folder_counts(py: Mapping[str, list[Candidate]],
                  groups: Mapping[str, list[Notebook]]) -> dict[str, int]:
    """Exercise sources in each folder: the exercises with a file there, and each notebook
    folder's marked exercises and one for its cells (see `finder.main_folder`)."""
    counts: dict[str, int] = {}
    for listed_ in py.values():
        for folder in {c.folder for c in listed_}:
            counts[folder] = counts.get(folder, 0) + 1
    for folder, nbs in groups.items():
        marked = {c.marker for nb in nbs for c in nb.cells if c.marker}
        counts[folder] = counts.get(folder, 0) + len(marked) + 1
    return counts


def accepted_names(spec: ExerciseSpec) -> set[str]:
    """The names an API exercise's spec asks for, with the spellings it accepts."""
    names = set(spec.defines)
    for spellings in spec.aliases.values():
        names.update(spellings)
    return names


NEAR_MISS = 0.8
"""how alike (difflib's ratio, lowercased) a defined name must be to a wanted one to be taken
for a slip of it"""
KINDS = ("layer", "node", "gate", "net", "unit")
"""the words that say what a class is: a `MultiplyLayer` is no slip for a `MultiplyGate`"""


def near_misses(wanted: set[str], defined: set[str]) -> frozenset[str]:
    """The names of `defined` that look like a slip for one of `wanted` (`ReLU`, `Mullayer`,
    `SofdtmaxWithLoss`, `ReluLayer`, `Relu_layer`, `sigmoid` for the class `Sigmoid`): close once
    lowercased (see `spelling`). Whether it is of the wanted kind (a class for a class) is
    `fitting`'s to say, and whether it is another exercise's own (`ThreeLayerNet` is no slip
    for `TwoLayerNet`) `Choices`'."""
    near = set()
    for name in defined - wanted:
        for want in wanted:
            if _kind_word(name) and _kind_word(want) and _kind_word(name) != _kind_word(want):
                continue
            if difflib.SequenceMatcher(None, spelling(name, want),
                                       want.lower().replace("_", "")).ratio() >= NEAR_MISS:
                near.add(name)
    return frozenset(near)


def _kind_word(name: str) -> str | None:
    plain = name.lower().replace("_", "")
    return next((k for k in KINDS if plain.endswith(k) and plain != k), None)


def latest(sequences: list[CellSequence]) -> CellSequence | None:
    """Of notebooks that each hold an exercise, the one graded: the last in name order of the
    first folder (the main folder's come first)."""
    ordered = _latest_first(sequences)
    return ordered[0] if ordered else None


def _latest_first(sequences: list[CellSequence]) -> list[CellSequence]:
    """The notebooks of the first folder, last first, then the other folders' likewise."""
    folders = list(dict.fromkeys(s.folder for s in sequences))
    return [s for folder in folders for s in reversed(sequences) if s.folder == folder]


def unusable(files: SubmissionFiles, c: Candidate) -> str | None:
    """Why a candidate file cannot be graded, or None."""
    if c.path in files.problems:
        return files.problems[c.path]
    content = files.files.get(c.path)
    if content is None:
        return "missing"
    if b"\0" in content:
        return "it contains NUL bytes"
    try:
        content.decode("utf-8")
    except UnicodeDecodeError as e:
        return f"it is not UTF-8 text (byte {e.start})"
    return None


class Choices:
    """The choice of every exercise of the bank, and of every exercise a notebook marks, made
    once; `of(exercise)` for any other.

    `py`: the `.py` candidates of each exercise; `main`: the submission's main folder (its
    candidates rank first); `explicit`: a file the user named; `kernel`: the kernel's history."""

    def __init__(self, files: SubmissionFiles, bank: Mapping[str, ExerciseSpec],
                 py: Mapping[str, list[Candidate]], main: str, sequences: list[CellSequence],
                 explicit: str | None, kernel: Notebook | None):
        self.files, self.bank, self.py, self.main = files, bank, py, main
        self.sequences, self.explicit, self.kernel = sequences, explicit, kernel
        self.not_this: dict[str, Phrase] = {}
        """exercise -> why what a notebook defines under its name was not taken for it"""
        self.chosen: dict[str, Choice | None] = {}
        for id_ in sorted(set(bank) | {e for s in sequences for e in s.owner}):
            self.chosen[id_] = self._choose(id_)

    def of(self, exercise: str) -> Choice | None:
        return self.chosen.get(exercise) or self._choose(exercise)

    def provided(self) -> list[str]:
        """The exercises of the bank that have a source."""
        return [e for e, c in self.chosen.items() if c and c.kind != "bad" and e in self.bank]

    def _choose(self, exercise: str) -> Choice | None:
        if self.explicit and not self.explicit.lower().endswith(NOTEBOOK):
            c = candidate(self.explicit)
            if c is None or c.exercise != exercise:
                return None
            problem = unusable(self.files, c)
            return Choice("bad", c, problem) if problem else Choice("py", c)
        listed_ = [] if self._folder_hidden else ranked(self.py.get(exercise, []), self.main)
        usable = [c for c in listed_ if unusable(self.files, c) is None]
        if usable:
            return self._over_stub(exercise, usable[0]) or Choice("py", usable[0])
        marked = latest([s for s in self.sequences if exercise in s.owner])
        if marked is not None:
            return Choice("section", sequence=marked, segment=marked.owner[exercise])
        spec = self.bank.get(exercise)
        if spec is not None and spec.kind == "api" and self.sequences:
            found = self._found(spec)
            if found is not None:
                return found
        if listed_:
            return Choice("bad", listed_[0], unusable(self.files, listed_[0]))
        return None

    def _over_stub(self, exercise: str, c: Candidate) -> Choice | None:
        """The notebook's work on an exercise whose file is still the stub as given: its
        section, or (an API exercise) the cells that define its names; None when the file is
        the student's own or no notebook holds the exercise."""
        spec = self.bank.get(exercise)
        if spec is None or not self.sequences or not untouched(spec, self.files.files[c.path]):
            return None
        marked = latest([s for s in self.sequences if exercise in s.owner])
        if marked is not None:
            return Choice("section", sequence=marked, segment=marked.owner[exercise],
                          stub=c.path)
        found = self._found(spec) if spec.kind == "api" else None
        return dataclasses.replace(found, stub=c.path) if found is not None else None

    def _found(self, spec: ExerciseSpec) -> Choice | None:
        """An API exercise found by its names in a notebook without its marker: the last cell
        whose own code (not an import) defines one of its names, or else a near miss of them,
        when what it defines fits the exercise (see `fitting`). Why a name was not taken is
        kept for the report."""
        from .fitting import misfit, stub_signature
        from .places import cell_phrase

        names = self._findable(spec)
        ordered = _latest_first(self.sequences)
        tries = [(sequence, names) for sequence in ordered]
        tries += [(sequence, {n for n in near_misses(names, sequence.bound_names())
                              if not self._fits_another(n, spec, sequence)})
                  for sequence in ordered]
        for sequence, wanted in tries:
            defined = sequence.defining(wanted) if wanted else None
            if defined is None:
                continue
            other = misfit(spec, defined.code, defined.names)
            if other is None:
                return Choice("found", sequence=sequence, names=frozenset(wanted),
                              defined=defined)
            if set(defined.names) & names:  # a near miss of another kind says nothing
                self.not_this.setdefault(spec.id, Phrase("not_this_exercise", {
                    "where": cell_phrase(defined.cell), "signature": other, "id": spec.id,
                    "wanted": stub_signature(spec, defined.names[0])}))
        for sequence in self.sequences:
            imported = sequence.importing(names)
            if imported is not None:
                self.not_this.setdefault(spec.id, Phrase("only_imported", {
                    "where": cell_phrase(imported[0]), "name": imported[1], "id": spec.id}))
        return None

    def _fits_another(self, name: str, spec: ExerciseSpec, sequence: CellSequence) -> bool:
        """Whether a name another exercise asks for is that exercise's here (`ThreeLayerNet` is
        238's, no slip for 237's `TwoLayerNet`), rather than a near miss of this one's (a class
        `sigmoid` is no 151, whose `sigmoid` is a function: it is 216's `Sigmoid` misspelt)."""
        from .fitting import misfit

        others = [s for s in self.bank.values() if s.id != spec.id and s.kind == "api"
                  and name in accepted_names(s)]
        defined = sequence.defining({name}) if others else None
        return defined is not None and any(misfit(o, defined.code, (name,)) is None
                                           for o in others)

    def _findable(self, spec: ExerciseSpec) -> set[str]:
        """The names that find an exercise in a notebook without markers: its own, and the
        spellings its spec accepts that are no exercise's own name (238 accepts the course's
        `TwoLayerNet` in its file, but a notebook's `TwoLayerNet` is 237's)."""
        return set(spec.defines) | (accepted_names(spec) - self._own)

    @functools.cached_property
    def _own(self) -> set[str]:
        """Every name an exercise of the bank defines as its own."""
        return {n for spec in self.bank.values() for n in spec.defines}

    @property
    def _folder_hidden(self) -> bool:
        """Whether the folder's `.py` files are passed over (for the kernel or a named file)."""
        return bool(self.kernel or self.explicit)

    def owners(self, sequence: CellSequence) -> dict[int, ExerciseSpec]:
        """Section -> the exercise of the bank graded on it."""
        return {c.segment: self.bank[e] for e, c in self.chosen.items()
                if c and c.kind == "section" and c.sequence is sequence and e in self.bank}

    def renamed(self, folder: str) -> tuple[dict[str, bytes], dict[str, tuple[Block, ...]]]:
        """The misnamed files graded for exercises, under their right names, in `folder`: each
        exercise is importable by its module name (`from p209 import MulLayer`)."""
        overlay, blocks = {}, {}
        prefix = folder + "/" if folder else ""
        for exercise, choice in self.chosen.items():
            if not choice or choice.kind != "py" or choice.candidate.folder != folder:
                continue
            canonical = f"{prefix}p{exercise}.py"
            if choice.candidate.path != canonical and canonical not in self.files.files:
                overlay[canonical] = self.files.files[choice.candidate.path]
                blocks[canonical] = renamed_block(choice.candidate.path)
        return overlay, blocks

    # -- words ---------------------------------------------------------------------------------

    def ignored(self, exercise: str, choice: Choice) -> tuple[Phrase, ...]:
        """The exercise's other candidates: files and notebook sections not graded."""
        chosen_path = choice.candidate.path if choice.kind in ("py", "bad") else None
        out = [Phrase("path", {"file": c.path}) for c in ranked(self.py.get(exercise, []),
                                                                 self.main)
               if c.path not in (chosen_path, choice.stub) and not self._folder_hidden]
        for sequence in self.sequences:
            k = sequence.owner.get(exercise)
            if k is not None and not (choice.kind == "section" and choice.sequence is sequence):
                out.append(sequence.segments[k].phrase())
        return tuple(out)

    def missing_notes(self, spec: ExerciseSpec) -> tuple[Phrase, ...]:
        """Where an exercise without a source was looked for."""
        if spec.id in self.not_this:
            return (self.not_this[spec.id],)
        if self.kernel is not None:
            return (Phrase("not_marked_kernel", {"id": spec.id}),)
        readable = [p for s in self.sequences for p in s.notebooks if p]
        if not readable:
            return ()
        if spec.kind != "api" or not spec.defines:
            return (Phrase("not_marked", {"notebooks": ", ".join(readable), "id": spec.id}),)
        return (Phrase("not_in_notebooks", {"notebooks": ", ".join(readable), "id": spec.id,
                                            "names": ", ".join(spec.defines)}),)
