"""`grader gradescope-autograder FILE.zip`: the autograder zip for Gradescope."""
from __future__ import annotations

from ..platforms import gradescope_autograder
from ..platforms.classroom_template import TemplateError
from .common import EXIT_OK, UsageError, chosen_specs


def run(args) -> int:
    try:
        names = gradescope_autograder.build(args.zip, chosen_specs(args), args.lang, args.wheel,
                                            args.install)
    except (gradescope_autograder.AutograderError, TemplateError) as e:
        raise UsageError(str(e)) from None
    print(f"written  {args.zip}: {', '.join(names)}")
    return EXIT_OK
