"""Where the lines of the files the sandbox runs come from: a notebook's sections run as
generated modules and a misnamed file (`P211.py`) runs under its right name, files the student
has never seen, so their lines are mapped back to the student's own file, cell and line.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

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


def renamed_block(path: str) -> tuple[Block, ...]:
    """The lines of a file graded under another name: all of them, from `path`."""
    return (Block(1, WHOLE, path, None, 1),)
