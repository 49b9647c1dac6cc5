"""`grader show ID`: one exercise, its prompt and its checks (the visible ones: a hidden check is
counted, never shown, even on an instructor's checkout)."""
from __future__ import annotations

from ..render.environment import render
from ..render.words import usage_words
from .common import EXIT_OK, EXIT_USAGE, UsageError, chosen_specs


def run(args) -> int:
    matches = [s for s in chosen_specs(args, stand_ins=True) if s.id == args.id.lstrip("p")]
    if not matches:
        raise UsageError(usage_words(args.lang)["no_exercise"].format(id=args.id))
    if matches[0].problem:  # said already
        return EXIT_USAGE
    print(render("show.txt.j2", spec=matches[0].for_students(), lang=args.lang), end="")
    return EXIT_OK
