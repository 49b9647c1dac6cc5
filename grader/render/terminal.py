"""The terminal report: a line per exercise, then the first failing check of each, with why.

Coloured on a terminal; plain when piped or when NO_COLOR is set.
"""
from __future__ import annotations

import os
import re
import secrets
import sys
import unicodedata

from ..grading.phrases import in_language
from ..results import PROBLEMS, SubmissionResult
from .environment import environment, render
from .words import check_title, id_ranges, isolation_said, isolation_words, points, statuses

TEMPLATE = "terminal.txt.j2"
MACROS = "_failing.txt.j2"
"""the macros the report imports"""

COLOURS = {"passed": "32", "failed": "31", "error": "31", "timeout": "33", "missing": "90",
           "skipped": "90", "bold": "1", "dim": "2"}
LABELS = {
    "total": {"en": "Total", "ko": "합계"},
    "hint": {"en": "hint", "ko": "힌트"},
    "check": {"en": "check", "ko": "검사"},
    "seed": {"en": "seed", "ko": "시드"},
    "stdout": {"en": "printed", "ko": "출력"},
    "reproduce": {"en": "to repeat this run exactly: --seed",
                  "ko": "같은 입력으로 다시 채점하려면: --seed"},
    "hint_from": {"en": "hint (check {check})", "ko": "힌트 (검사 {check})"},
    "skipped_checks": {"en": "checks skipped: {count}, counted in neither score",
                       "ko": "검사 {count}개를 건너뛰었습니다 (점수에 넣지 않음)"},
    "folded_missing": {"en": "not handed in: {count} ({points} points), {ids} (--all lists them)",
                       "ko": "제출하지 않은 문제 {count}개 ({points}점): {ids} (--all로 모두 "
                             "보기)"},
    "folded_missing_why": {"en": "not handed in: {count} ({points} points), {ids} (--all lists "
                                 "them, with where each was looked for)",
                           "ko": "제출하지 않은 문제 {count}개 ({points}점): {ids} (--all로 "
                                 "모두 보기: 문제마다 어디서 찾아보았는지도)"},
    "graded": {"en": "graded", "ko": "채점한 것"},
    "note": {"en": "note", "ko": "참고"},
    "hidden_checks": {"en": "hidden checks: {count} ({ids}), not run here: they count at the "
                            "final grading",
                      "ko": "숨은 검사 {count}개 ({ids})는 여기서 실행하지 않습니다: 최종 채점에서 "
                            "점수에 들어갑니다"},
}


def labels(lang: str) -> dict[str, str]:
    """The terminal's words; a status that costs points in capitals, to stand out."""
    words = {s: w.upper() if s in PROBLEMS else w for s, w in statuses(lang).items()}
    return {**words, **in_language(LABELS, lang)}


def use_colour(stream=sys.stdout) -> bool:
    return "NO_COLOR" not in os.environ and hasattr(stream, "isatty") and stream.isatty()


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def clean(text: str) -> str:
    """Student text cannot drive the terminal: control characters (colours, cursor moves,
    carriage returns that overwrite a line) are shown as escapes."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def stop_commands(text: str, token: str | None = None) -> str:
    """The text, with GitHub's workflow commands off while the runner reads it: it sits between
    `::stop-commands::` and an unguessable token, drawn after the student's code has run."""
    token = token or secrets.token_hex(16)
    body = text if text.endswith("\n") or not text else text + "\n"
    return f"::stop-commands::{token}\n{body}::{token}::\n"


def github_guard(text: str, environ=os.environ) -> str:
    """In GitHub Actions, nothing in the report acts as a workflow command (`::error::`,
    `::add-mask::` ...)."""
    return stop_commands(text) if environ.get("GITHUB_ACTIONS") == "true" else text


def pad(text: str, width: int) -> str:
    """Pad to a width in terminal columns: Korean letters take two."""
    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - used)


def report(result: SubmissionResult, colour: bool = False, every: bool = False) -> str:
    """What was attempted first; the exercises not handed in fold into one line unless
    `every` (--all) lists them each."""
    def paint(text: str, key: str) -> str:
        return f"\x1b[{COLOURS[key]}m{text}\x1b[0m" if colour else text

    skipped: dict[str, list[str]] = {}  # why -> the exercises where checks were skipped for it
    for exercise in result.exercises:
        for check in exercise.checks:
            if check.status == "skipped":
                skipped.setdefault(check.message, []).append(f"p{exercise.id}")
    failing = failing_checks(result.exercises)
    # passed checks that say something (the numbers an output check ignored)
    notes = [(e, c) for e in result.exercises for c in e.checks
             if c.status == "passed" and c.message]
    missing = [] if every else [e for e in result.exercises if e.status == "missing"]
    shown = [e for e in result.exercises if e not in missing]
    folded = None
    if missing:  # their notes (where each was looked for) fold with them
        why = "folded_missing_why" if any(e.notes for e in missing) else "folded_missing"
        folded = labels(result.lang)[why].format(
            count=len(missing), points=points(sum(e.max_score for e in missing)),
            ids=id_ranges([e.id for e in missing]))
    hidden = None
    held = [e for e in result.exercises if e.hidden_checks]
    if held:  # a student's check: what the final grading adds
        hidden = labels(result.lang)["hidden_checks"].format(
            count=sum(e.hidden_checks for e in held), ids=", ".join(f"p{e.id}" for e in held))
    isolation = None
    if result.isolation is not None:  # what the jobs ran in, said as the footer's last line
        isolation = (f"{isolation_words(result.lang)['label']}: "
                     f"{isolation_said(result.isolation, result.lang)}")
    return render(TEMPLATE, result=result, failing=failing, notes=notes, paint=paint,
                  pad=pad, clean=clean, skipped=skipped, shown=shown, folded=folded,
                  label=labels(result.lang), isolation=isolation, hidden=hidden,
                  ran=any(e.status != "missing" for e in result.exercises),
                  explained=said_once([e for e in explained(result) if e not in missing]),
                  title=titles(result.lang))


def failing_checks(exercises) -> list:
    """(exercise, its first failing check, a later check's hint when that one has none) of
    each exercise that did not pass."""
    failing = []
    for exercise in exercises:
        check = next((c for c in exercise.checks if c.status not in ("passed", "skipped")), None)
        if exercise.status not in ("passed", "missing") and (check or exercise.message):
            # the first check that does name a mistake, when the first failing one does not
            hinted = next((c for c in exercise.checks if c.hint and c.status not in
                           ("passed", "skipped")), None)
            failing.append((exercise, check, hinted if check and not check.hint else None))
    return failing


def titles(lang: str):
    """A check as a report names it: its label in Korean, its name in English (`words`)."""
    return lambda c: check_title(c.name, c.label, lang)


def said_once(exercises: list) -> list:
    """(exercise, its notes not said for an exercise before it): a note on a whole notebook
    (the code it did not run) is the same for each exercise graded from it."""
    said: set[str] = set()
    shown = []
    for exercise in exercises:
        shown.append((exercise, [n for n in exercise.notes if n not in said]))
        said.update(exercise.notes)
    return shown


def explained(result: SubmissionResult) -> list:
    """The exercises whose report says what was graded: not the plain p<ID>.py, or with
    notes (imports skipped, code not run, other files ignored)."""
    return [e for e in result.exercises
            if e.notes or (e.source is not None and e.source.path != f"p{e.id}.py")]


def prepare() -> None:
    """Compile the report's template now, with the macros it imports (which jinja2 would load
    only while rendering): `grader check` does it while the exercises run."""
    for name in (TEMPLATE, MACROS):
        environment(False).get_template(name)
