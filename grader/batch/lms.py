"""Exports of a class's totals for a learning management system's grade import.

- Canvas (OUT/canvas.csv), the Gradebook's "Import" CSV: the columns `Student`, `ID`, `SIS User
  ID`, `SIS Login ID`, `Section`, in that order (Canvas's importer is known to want it), then one
  column named after the assignment, whose cells are the students' points; a second row
  `Points Possible` gives the assignment's points. Canvas finds each student by `ID`, `SIS User
  ID` or `SIS Login ID`; a column named like an existing assignment ("HW5 (12345)", as Canvas's
  own export names it) fills that assignment, another name creates a new one. These are the
  columns of Canvas's own gradebook export, which is the best roster: `--canvas-roster FILE`
  (that export) gives each student's five identifying cells. A student of the batch is that
  roster's row whose `Grader Name` column (add it when the batch's names are, say, GitHub
  usernames), else `SIS Login ID` (or the part before its `@`), `SIS User ID` or `ID`, equals
  their name (case aside). Without a roster, the batch's names are taken as SIS login IDs.
- Moodle (OUT/moodle.csv), for "Import: CSV file": Moodle reads any columns and the instructor
  maps one to a user field (username, email or ID number) and one to a grade item; so
  `student,<assignment>`, one row per student, nothing else.

Both carry the adjusted total (overrides and late penalty applied) rounded to 2 decimals, and
only students who have results: a blank cell would be read as "no change" at best. Each export
is one function from the class's totals to its file, found by its `--export` name in `EXPORTS`
(another LMS: its function, its entry there, its test).
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping

from ..atomic import write_atomic
from ..render.words import points
from .policy import PolicyError, instructor_file, student_key

ROSTER = "canvas-roster.csv"
"""the Canvas roster's copy in OUT"""
CANVAS_COLUMNS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
GRADER_NAME = "Grader Name"
"""a roster column, added by the instructor, holding the batch's names of the students"""


class RosterError(ValueError):
    pass


@dataclass(frozen=True)
class Given:
    """The export flags of one command line (None: not given)."""

    export: str | None = None
    roster: Path | None = None
    assignment: str | None = None


@dataclass(frozen=True)
class Exports:
    """Which exports OUT gets, under which assignment name, with which roster."""

    formats: tuple[str, ...] = ()
    assignment: str | None = None
    roster: tuple[dict, ...] | None = None
    files: Mapping[str, str] = field(default_factory=dict)
    """the roster given on this command line, copied into OUT"""

    def record(self) -> dict:
        return {"formats": list(self.formats), "assignment": self.assignment}

    def save(self, out: Path) -> None:
        for name, text in self.files.items():
            write_atomic(out / name, text)

    def write(self, out: Path, totals: list[tuple[str, float]], max_score: float) -> list[str]:
        """The chosen exports into OUT; warnings for students the roster lacks."""
        warnings = []
        assignment = self.assignment or out.resolve().name
        roster = list(self.roster) if self.roster is not None else None
        for name in self.formats:
            done = EXPORTS[name](totals, max_score, assignment, roster)
            write_atomic(out / done.name, done.text)
            if done.unmatched:
                warnings.append(f"{done.name}: not in the Canvas roster, so left out: "
                                + ", ".join(done.unmatched))
        return warnings


def build(out: Path, recorded: Mapping, given: Given, inputs: list[Path] = ()) -> Exports:
    """The exports of this run: the flags given, else OUT's record and roster."""
    formats = parse_formats(given.export) if given.export is not None \
        else tuple(f for f in recorded.get("formats") or () if f in FORMATS)
    files: dict[str, str] = {}
    try:
        text = instructor_file(out, ROSTER, given.roster, "--canvas-roster", inputs, files)
    except PolicyError as e:
        raise RosterError(str(e)) from None
    roster = tuple(parse_roster(text, str(given.roster or out / ROSTER))) \
        if text is not None else None
    if given.roster is not None and "canvas" not in formats:
        formats += ("canvas",)  # a roster is given for Canvas's sake
    assignment = given.assignment if given.assignment is not None \
        else recorded.get("assignment")
    return Exports(formats, assignment or None, roster, files)


@dataclass(frozen=True)
class Export:
    name: str
    """the file in OUT"""
    text: str
    unmatched: tuple[str, ...] = ()
    """students with results that the export could not name (not in the roster)"""


def parse_formats(text: str) -> tuple[str, ...]:
    if text.strip().lower() == "none":
        return ()
    chosen = tuple(dict.fromkeys(p.strip().lower() for p in text.split(",") if p.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise RosterError(f"--export {text}: choose from {', '.join(FORMATS)} (a comma list), "
                          "or none")
    return chosen


def parse_roster(text: str, where: str) -> list[dict[str, str]]:
    """The students' rows of a Canvas gradebook export (its `Points Possible` row and the
    course's test student left out)."""
    reader = csv.DictReader(io.StringIO(text))
    columns = [c.strip() for c in reader.fieldnames or ()]
    if not any(c in columns for c in ("ID", "SIS User ID", "SIS Login ID")):
        raise RosterError(f"{where}: not a Canvas gradebook export (no ID, SIS User ID or SIS "
                          "Login ID column)")
    rows = []
    for row in reader:
        row = {(k or "").strip(): (v or "").strip() for k, v in row.items() if k}
        if row.get("Student", "") in ("Points Possible", "Student, Test"):
            continue
        if any(row.get(c) for c in ("ID", "SIS User ID", "SIS Login ID", GRADER_NAME)):
            rows.append(row)
    return rows


def canvas(totals: list[tuple[str, float]], max_score: float, assignment: str,
           roster: list[dict[str, str]] | None) -> Export:
    """`totals`: (student name, adjusted total) of every student with results."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([*CANVAS_COLUMNS, assignment])
    writer.writerow(["Points Possible", "", "", "", "", points(max_score)])
    unmatched = []
    lookup = _lookup(roster) if roster is not None else None
    for name, score in totals:
        if lookup is None:
            cells = [name, "", "", name, ""]
        elif student_key(name).casefold() in lookup:
            row = lookup[student_key(name).casefold()]
            cells = [row.get(c, "") for c in CANVAS_COLUMNS]
        else:
            unmatched.append(name)
            continue
        writer.writerow([*map(_cell, cells), points(score)])
    return Export("canvas.csv", buffer.getvalue(), tuple(unmatched))


def moodle(totals: list[tuple[str, float]], max_score: float, assignment: str,
           roster: list[dict[str, str]] | None = None) -> Export:
    """Moodle finds its students by the column the instructor maps (no roster, no maximum)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["student", assignment])
    for name, score in totals:
        writer.writerow([_cell(name), points(score)])
    return Export("moodle.csv", buffer.getvalue())


EXPORTS: dict[str, Callable[..., Export]] = {"canvas": canvas, "moodle": moodle}
"""every LMS export by its `--export` name: (totals, max score, assignment, roster) -> Export"""
FORMATS = tuple(EXPORTS)


def _lookup(roster: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    """Each roster row under every name a batch could know it by; the Grader Name column first,
    and a name two rows share is nobody's."""
    found: dict[str, dict[str, str]] = {}
    shared: set[str] = set()
    keys = [lambda r: r.get(GRADER_NAME, ""), lambda r: r.get("SIS Login ID", ""),
            lambda r: r.get("SIS Login ID", "").split("@")[0] if "@" in r.get("SIS Login ID", "")
            else "", lambda r: r.get("SIS User ID", ""), lambda r: r.get("ID", "")]
    for key in keys:
        level: dict[str, dict[str, str]] = {}
        for row in roster:
            k = student_key(key(row)).casefold()
            if not k:
                continue
            if k in level and level[k] is not row:
                shared.add(k)
            level[k] = row
        for k, row in level.items():
            found.setdefault(k, row)
    return {k: v for k, v in found.items() if k not in shared}


def _cell(text: str) -> str:
    """A cell a spreadsheet would take for a formula gets a leading apostrophe."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
