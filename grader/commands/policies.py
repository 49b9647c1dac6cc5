"""What `batch` and `merge` share: the instructor's policy files and export flags, checked
before any work and handed to the batch, and the line that points at similar code."""
from __future__ import annotations

from pathlib import Path

from .. import paths
from ..batch import lms, policy
from ..render.words import progress_words


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
