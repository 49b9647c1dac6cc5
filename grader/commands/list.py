"""`grader list`: the exercises of the bank, as text or as a Markdown table."""
from __future__ import annotations

from ..render.environment import render
from .common import EXIT_OK, chosen_specs


def run(args) -> int:
    template = "list.md.j2" if args.markdown else "list.txt.j2"
    print(render(template, specs=chosen_specs(args), lang=args.lang), end="")
    return EXIT_OK
