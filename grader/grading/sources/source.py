"""What one exercise of a submission is graded on (`Source`): decided by `resolution`, turned
into a definitions view by `definitions`, run by the sandbox, named in the report."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from ..phrases import Phrase
from .linemap import LineMap


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
    cells: Mapping[str, tuple[tuple[int, int, tuple[str, ...]], ...]] = field(
        default_factory=dict)
    """generated module -> its notebook cells, run one by one as a kernel runs them (a cell
    that raises stops there, the next one runs): (first line, lines, the names its own code
    defines)"""
    own: bool = False
    """(found in a notebook) the exercise's names are the student's own last definitions of
    them, whatever later cells bind to the same names"""
    defining: tuple[str, int] | None = None
    """(found in a notebook) the generated module and line where the cell that defines the
    exercise's names starts: its error is the one to show when the names are missing"""
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
