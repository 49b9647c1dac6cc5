"""`grader doctor`: what this machine allows the sandbox, and what the grader will use."""
from __future__ import annotations

from .. import doctor


def run(args) -> int:
    return doctor.main(args.lang, args.json)
