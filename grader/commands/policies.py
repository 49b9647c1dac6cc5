"""What `batch` and `merge` share: the instructor's policy files and export flags, checked
before any work and handed to the batch, the line that points at similar code, and the exit
code a class's summary makes."""
from __future__ import annotations

from pathlib import Path

from .. import paths
from ..batch import lms, policy
from ..render.words import progress_words
from .common import EXIT_FAILED, EXIT_OK


def check_files(args) -> None:
    """The instructor's files exist and can be read (before any grading)."""
    for flag, path in (("--overrides", args.overrides), ("--times", args.times),
                       ("--canvas-roster", args.canvas_roster)):
        if path is not None:
            paths.input_file(path, flag)


def policy_given(args) -> policy.Given:
    return policy.Given(due=args.due, late_penalty=args.late_penalty, late_cap=args.late_cap,
                        overrides=args.overrides, times=args.times)


def exports_given(args) -> lms.Given:
    return lms.Given(export=args.export, roster=args.canvas_roster, assignment=args.assignment)


def say_similar(summary: dict, out: Path, lang: str | None = None) -> None:
    pairs = summary.get("similarity")
    if pairs:
        top = pairs[0]
        print(progress_words(lang)["similar"].format(
            count=len(pairs), exercise=top["exercise"], students=" & ".join(top["students"]),
            similarity=top["similarity"], page=f"{out / 'index.html'}#similarity"))


def class_exit(summary: dict) -> int:
    """0 when every student was graded and passed every exercise, else 1."""
    everyone_passed = summary["students"] and all(e["pass_rate"] == 1
                                                  for e in summary["exercises"])
    return EXIT_OK if everyone_passed and not summary["ungraded"] else EXIT_FAILED
