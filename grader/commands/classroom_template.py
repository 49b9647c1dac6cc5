"""`grader classroom-template DIR`: a student repository for GitHub Classroom."""
from __future__ import annotations

from ..platforms import classroom_template
from .common import EXIT_OK, UsageError, chosen_specs


def run(args) -> int:
    try:
        done = classroom_template.write(args.dir, chosen_specs(args), args.lang, args.install,
                                        args.wheel)
    except classroom_template.TemplateError as e:
        raise UsageError(str(e)) from None
    for path, written in done:
        print(f"written  {path}" if written else f"kept     {path} (already there)")
    return EXIT_OK
