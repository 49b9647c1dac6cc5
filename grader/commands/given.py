"""What a command line gave, read once before any command runs: a grading command's options
(made as every front end makes them, `grading.options.make`), another command's language."""
from __future__ import annotations

from pathlib import Path

from .. import bank, language, settings

GRADING = ("check", "batch", "validate")
"""the commands that grade, and so make a run's options"""


def read(args) -> None:
    """Check the option values, once, before any work. A grading command's become
    `args.options`, made as every front end makes them (`grading.options.make`), whose
    language and isolation are the command's `args.lang` and `args.isolation`. Another
    command's language is `args.lang` (said once: --lang, else GRADER_LANG, else the folder's
    grader.cfg), `args.lang_given` what --lang said (None: nothing). `--only` is checked
    against the bank where the bank is read (`select`, and `check` before it loads the
    specs)."""
    if args.command in GRADING:
        from ..grading import options  # its sandbox limits: tens of ms no other command needs

        args.options = options.make(**_given(args))
        args.lang, args.isolation = args.options.lang, args.options.limits.isolation
    elif hasattr(args, "lang"):
        args.lang_given = language.checked(args.lang, "--lang")
        args.lang = language.chosen(args.lang_given, language_folder(args))


def _given(args) -> dict:
    """What a grading command's line gave, for `grading.options.make`. The reference solutions
    are found beside the bundled bank (an instructor's checkout) unless --solutions or
    --exercises says otherwise; `validate` finds them beside the bank it validates, and judges
    in English whatever GRADER_LANG says (its report is in English)."""
    if args.command == "validate":
        return dict(seed=args.seed, lang="en", solutions=args.solutions, diagnose_passing=True,
                    solutions_beside=validated_bank(args))
    return dict(seed=args.seed, lang=args.lang, timeout_scale=args.timeout_scale,
                isolation=args.isolation, solutions=args.solutions,
                solutions_beside=bank.default_exercises_dir() if args.exercises is None else None,
                config_folder=language_folder(args))


def validated_bank(args) -> Path:
    """The bank `grader validate` validates: its folder, else --exercises, else the bundled."""
    return args.exercises_dir or args.exercises or bank.default_exercises_dir()


def said_in(args) -> str:
    """The language of a usage error: the command's, when it was read before the error."""
    lang = getattr(args, "lang", None)
    return lang if lang in settings.LANGS else "en"


def language_folder(args) -> Path:
    """Where a command's grader.cfg is: the folder it works on (a file's folder), else the
    current one."""
    folder = getattr(args, "dir", None) or getattr(args, "root", None)
    try:  # a folder that cannot be searched is the command's own error, said there
        if isinstance(folder, Path) and folder.is_file():
            folder = folder.parent
        return folder if isinstance(folder, Path) and folder.is_dir() else Path(".")
    except OSError:
        return Path(".")
