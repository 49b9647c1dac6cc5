"""gradebook.csv: one row per student, one column per exercise, then the total.

For spreadsheets and LMS imports: UTF-8 with a byte-order mark (so Excel shows Korean names),
a header row `student,p101,…,total`, plain numbers, rows in the order of the names. A cell that
a spreadsheet would take for a formula (=, +, -, @ first) is quoted with a leading apostrophe.
"""
from __future__ import annotations

import csv
import io

from .summary import _id_key


def gradebook(results: list[dict]) -> str:
    """The CSV text from slim results (see summary.slim)."""
    ids = sorted({e["id"] for r in results for e in r["exercises"]}, key=_id_key)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["student", *(f"p{i}" for i in ids), "total"])
    for r in sorted(results, key=lambda r: r["submission"]):
        scores = {e["id"]: e["score"] for e in r["exercises"]}
        writer.writerow([_cell(r["submission"]), *(_number(scores.get(i, 0.0)) for i in ids),
                         _number(r["score"])])
    return "\ufeff" + buffer.getvalue()


def _number(x: float) -> str:
    text = f"{x:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _cell(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
