"""The terminal report: a line per exercise, then the first failing check of each, with why.

Coloured on a terminal; plain when piped or when NO_COLOR is set.
"""
from __future__ import annotations

import os
import re
import secrets
import sys
import unicodedata

from ..results import SubmissionResult
from .environment import render

COLOURS = {"passed": "32", "failed": "31", "error": "31", "timeout": "33", "missing": "90",
           "skipped": "90", "bold": "1", "dim": "2"}
LABELS = {
    "en": {"passed": "passed", "failed": "FAILED", "error": "ERROR", "timeout": "TIMEOUT",
           "missing": "missing", "total": "Total", "hint": "hint", "check": "check",
           "seed": "seed", "stdout": "printed", "reproduce": "to repeat this run exactly: --seed"},
    "ko": {"passed": "통과", "failed": "실패", "error": "오류", "timeout": "시간 초과",
           "missing": "없음", "total": "합계", "hint": "힌트", "check": "검사",
           "seed": "시드", "stdout": "출력", "reproduce": "같은 입력으로 다시 채점하려면: --seed"},
}


def use_colour(stream=sys.stdout) -> bool:
    return "NO_COLOR" not in os.environ and hasattr(stream, "isatty") and stream.isatty()


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def clean(text: str) -> str:
    """Student text cannot drive the terminal: control characters (colours, cursor moves,
    carriage returns that overwrite a line) are shown as escapes."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def github_guard(text: str, environ=os.environ) -> str:
    """In GitHub Actions, nothing in the report acts as a workflow command (`::error::`,
    `::add-mask::` ...): the whole report sits between ::stop-commands:: and an unguessable
    token, drawn after the student's code has run."""
    if environ.get("GITHUB_ACTIONS") != "true":
        return text
    token = secrets.token_hex(16)
    return f"::stop-commands::{token}\n{text}::{token}::\n"


def pad(text: str, width: int) -> str:
    """Pad to a width in terminal columns: Korean letters take two."""
    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - used)


def report(result: SubmissionResult, colour: bool = False) -> str:
    def paint(text: str, key: str) -> str:
        return f"\x1b[{COLOURS[key]}m{text}\x1b[0m" if colour else text

    failing = []
    for exercise in result.exercises:
        check = next((c for c in exercise.checks if c.status not in ("passed", "skipped")), None)
        if exercise.status not in ("passed", "missing") and (check or exercise.message):
            failing.append((exercise, check))
    return render("terminal.txt.j2", result=result, failing=failing, paint=paint, pad=pad, clean=clean,
                  label=LABELS[result.lang if result.lang in LABELS else "en"])
