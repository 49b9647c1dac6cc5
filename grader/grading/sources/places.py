"""Places in a student's files, in words: a notebook's cell, a file's lines, an import left
out, and a list of places cut short. Shared by the notes on files, notebooks' sections and
definitions views, so that every note names a place the same way.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..phrases import Phrase

if TYPE_CHECKING:  # what the places are in: loaded by those who have them
    from .notebook import Cell
    from .views import SkippedImport

MAX_LISTED = 6
"""places a note lists before `n more`"""


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


def skipped_phrase(skipped: SkippedImport, where: Phrase) -> Phrase:
    """An import the grading environment cannot satisfy, left out of the file or cell `where`."""
    return Phrase("import_skipped", {
        "statement": skipped.statement, "where": lines_phrase(where, skipped.line, skipped.line),
        "module": skipped.module, "names": ", ".join(skipped.names) or Phrase("star_names")})
