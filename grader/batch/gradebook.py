"""gradebook.csv and statuses.csv: the class in two sheets, for people and spreadsheets.

gradebook.csv: a header row `student,p101,…,total[,late_days,late_penalty_%],notes`, then a row
`(max points)` with each exercise's points and the total's, then one row per student in the
order of the names: the points people read (overrides and late penalty applied, written as
every output writes points, `render.words.points`: 2 decimals, trailing zeros dropped; the
exact values are in the JSON), and notes, in the class's language, that say what adjusted them
or why a student has no score (refused, not graded yet). The late columns are there when a
due date is set. A student the run found but could not grade yet (an interrupted run) has a row
with empty cells. The header and `(max points)` stay as they are in every language: scripts
find the columns and the maxima by them.

statuses.csv: `student,p101,…`, each exercise's status: passed, failed, error, timeout,
missing (no file), refused (the whole submission was refused, such as an unsafe zip), or
"not graded" (no result yet).

Both: UTF-8 with a byte-order mark (so Excel shows Korean names); a cell that a spreadsheet would
take for a formula (=, +, -, @ first) gets a leading apostrophe.
"""
from __future__ import annotations

import csv
import io

from ..bank.ids import id_key
from ..render.words import gradebook_words, points

MAX_ROW = "(max points)"
"""the first row's name: no student's (a student's name never holds a space or parentheses)"""
NOT_GRADED = "not graded"


def gradebook(results: list[dict], ungraded: list[str] = (), late: bool = False,
              lang: str | None = None) -> str:
    """The CSV text from slim results (see summary.slim); `late`: a due date is set. The notes
    are in `lang`, else the results' language (the columns' names stay as scripts read them)."""
    ids = _ids(results)
    said = gradebook_words(lang or next((r["lang"] for r in results if r.get("lang")), "en"))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    late_columns = ["late_days", "late_penalty_%"] if late else []
    writer.writerow(["student", *(f"p{i}" for i in ids), "total", *late_columns, "notes"])
    maxima = {}
    for r in results:
        for e in r["exercises"]:
            maxima[e["id"]] = max(maxima.get(e["id"], 0.0), e.get("max_score") or 0.0)
    if results:
        writer.writerow([MAX_ROW, *(points(maxima[i]) for i in ids),
                         points(max(r.get("max_score") or 0.0 for r in results)),
                         *([""] * len(late_columns)), ""])
    rows = [(r["submission"], r) for r in results] + [(n, None) for n in ungraded]
    for name, r in sorted(rows, key=lambda x: x[0]):
        if r is None:
            writer.writerow([_cell(name), *([""] * (len(ids) + 1 + len(late_columns))),
                             said["not_graded"]])
            continue
        overrides = r.get("overrides") or {}
        scores = {e["id"]: (overrides[e["id"]]["points"] if e["id"] in overrides else e["score"])
                  for e in r["exercises"]}
        row = [_cell(name), *(points(scores[i]) if i in scores else "" for i in ids),
               points(r["score"])]
        if late:
            info = r.get("late") or {}
            days = info.get("days")
            row += ["" if days is None else str(days), points(info.get("percent") or 0.0)]
        writer.writerow([*row, _cell(_notes(r, said))])
    return "\ufeff" + buffer.getvalue()


def statuses(results: list[dict], ungraded: list[str] = ()) -> str:
    """statuses.csv from slim results."""
    ids = _ids(results)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["student", *(f"p{i}" for i in ids)])
    rows = [(r["submission"], r) for r in results] + [(n, None) for n in ungraded]
    for name, r in sorted(rows, key=lambda x: x[0]):
        if r is None:
            writer.writerow([_cell(name), *([NOT_GRADED] * len(ids))])
            continue
        status = {e["id"]: ("refused" if r.get("refused") else e["status"])
                  for e in r["exercises"]}
        writer.writerow([_cell(name), *(status.get(i, NOT_GRADED) for i in ids)])
    return "\ufeff" + buffer.getvalue()


def _ids(results: list[dict]) -> list[str]:
    return sorted({e["id"] for r in results for e in r["exercises"]}, key=id_key)


def _notes(r: dict, said: dict[str, str]) -> str:
    notes = []
    if r.get("problem"):
        notes.append(str(r["problem"]))
    for exercise, o in sorted((r.get("overrides") or {}).items(), key=lambda x: id_key(x[0])):
        notes.append(said["by_hand"].format(exercise=exercise, points=points(o["points"]))
                     + (said["reason"].format(reason=o["reason"]) if o.get("reason") else ""))
    late = r.get("late")
    if late:
        if late.get("days") is None:
            notes.append(said["time_unknown"])
        elif late["days"]:
            notes.append(said["late_day" if late["days"] == 1 else "late_days"].format(
                days=late["days"], percent=points(late.get("percent") or 0),
                points=points(late.get("points") or 0)))
    return "; ".join(notes)


def _cell(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
