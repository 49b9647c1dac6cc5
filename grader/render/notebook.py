"""What `%grade` shows in Jupyter and Colab: the report inline in the cell's output.

Read top to bottom, what a student needs first: the total, one line per exercise, then each
exercise that did not pass with its first failing check (the difference and the hint) open, its
other failing checks one line each, and its passed checks folded (`<details>`); the exercises
that passed fold to one line each. No frame: a frame has a fixed height (the report scrolled
inside it), and its links resolve against the notebook's page.

The markup (templates/notebook_report.html.j2) is inline HTML that reads the same order with or
without its styles: classic Notebook and JupyterLab sanitize the outputs of an untrusted
notebook (the `<style>` may go), Colab shows each output in a frame of its own, JupyterLab and
classic Notebook in the notebook's page. So every style rule sits under the output's root class
(nothing of the notebook's page is restyled), no script runs, and the ids (the targets of the
in-page links) begin with a token drawn for each output, unique among the outputs of one page.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass

from ..grading.phrases import say
from .environment import render
from .words import check_title, labels

ROOT = "bpg"
"""the root class every style rule of the output is under"""
RESULT = {"submission": "", "score": 0.0, "max_score": 0.0, "seed": None, "notes": [],
          "exercises": []}
EXERCISE = {"id": "?", "title": "", "status": "error", "score": 0.0, "max_score": 0.0,
            "message": "", "checks": [], "stdout": None, "stderr": None, "source": None,
            "notes": []}
"""the fields of the results JSON the output reads, with their values when absent (as html's)"""


@dataclass(frozen=True)
class Failure:
    """A check that did not pass, as the output shows it."""

    check: dict
    title: str
    difference: str
    """the message without the code the check ran and its inputs"""
    ran: str
    """the code the check ran and its inputs (folded), or empty"""
    hint: str | None
    """its hint; for a later check, only a hint not already said above it"""
    line: dict | None = None
    """where the student's code raised: {file, line, cell}"""
    trace: tuple[dict, ...] = ()
    """the traceback's frames in the student's code"""


@dataclass(frozen=True)
class Shown:
    """One exercise: its failing checks (the first in full), its passed checks (folded)."""

    exercise: dict
    anchor: str
    failures: tuple[Failure, ...]
    passed: tuple[str, ...]
    skipped: tuple[str, ...]
    source: str | None
    """what was graded: the kernel's cells (`In [3]–In [4] ("문제 219")`)"""
    hinted: Failure | None = None
    """a later failing check whose hint is shown under the first, which has none"""


def output(result: dict, token: str | None = None) -> str:
    """The output's HTML for a results-JSON dict. `token`: the ids' prefix (drawn when None)."""
    lang = result.get("lang") or "en"
    result = {**RESULT, **result}
    root = f"{ROOT}-{token or secrets.token_hex(4)}"
    shown = [_shown(e, root, lang) for e in result["exercises"] or [] if isinstance(e, dict)]
    return render("notebook_report.html.j2", r=result, lang=lang, label=labels(lang), root=root,
                  shown=shown, failing=[s for s in shown if s.exercise.get("status") != "passed"],
                  passed=[s for s in shown if s.exercise.get("status") == "passed"])


def _shown(e: dict, root: str, lang: str) -> Shown:
    e = {**EXERCISE, **e}
    checks = [c for c in e["checks"] or [] if isinstance(c, dict)]
    failing = [c for c in checks if c.get("status") not in ("passed", "skipped")]
    failures, hints = [], set()
    for c in failing:
        difference, ran = split_message(c.get("message") or "", lang)
        hint = c.get("hint") if c.get("hint") not in hints else None
        hints.add(c.get("hint"))
        detail = c.get("detail") if isinstance(c.get("detail"), dict) else {}
        failures.append(Failure(c, check_title(c.get("name", ""), c.get("label"), lang),
                                difference, ran, hint,
                                c.get("line") if isinstance(c.get("line"), dict) else None,
                                tuple(t for t in detail.get("traceback") or ()
                                      if isinstance(t, dict))))
    source = e["source"] if isinstance(e["source"], dict) else {}
    plain = source.get("path") == f"p{e['id']}.py" and not e["notes"]  # as the page says it
    hinted = None
    if failures and not failures[0].hint:
        hinted = next((f for f in failures[1:] if f.hint), None)
    return Shown(e, f"{root}-p{e.get('id')}", tuple(failures),
                 tuple(check_title(c.get("name", ""), c.get("label"), lang) for c in checks
                       if c.get("status") == "passed"),
                 tuple(check_title(c.get("name", ""), c.get("label"), lang) for c in checks
                       if c.get("status") == "skipped"),
                 None if plain else source.get("text") or None, hinted)


def split_message(message: str, lang: str) -> tuple[str, str]:
    """(the difference, the code the check ran with its inputs): a check's message ends with
    them (`messages.context`), which the output folds."""
    lines = message.split("\n")
    start = next((i for i, line in enumerate(lines) if line == say("code", lang)), None)
    if start is None:
        return message, ""
    return "\n".join(lines[:start]).rstrip(), "\n".join(lines[start:]).strip("\n")
