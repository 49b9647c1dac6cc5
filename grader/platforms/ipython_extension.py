"""`%load_ext grader`, then `%grade 219`: grade inside Jupyter or Colab what the kernel has run.

The cells the kernel has run so far (its raw history, `In`, in the order they ran, re-runs
included) are a notebook whose cell n is `In [n]`: exercise 219 is its section marked
`문제 219` (or found by the names its spec defines), graded exactly as `grader check` grades a
notebook, by the same engine and in the same sandbox (the kernel's own objects are never
touched: the cells run again, apart). Modules and packages in the kernel's working folder
(`common/`, `p209.py`) are importable by the cells, as they are in the kernel; the kernel's
cells come before those files. The report shows as the terminal's text, and where the front end
shows HTML as inline HTML in the output itself (render/notebook.py): the total and a line per
exercise, then each failure with its difference and hint, passed checks folded.

    %grade            every exercise the history holds
    %grade 209-215 --lang ko --seed 7

Without --lang, the language is GRADER_LANG's, else the working folder's grader.cfg's, else
English, as for `grader check`. The options are made as the command line's are
(`grading.options.make`): a wrong value is one line under the cell, nothing is graded.

IPython is needed only here: `pip install "backprop-grader[notebook]"`.
"""
from __future__ import annotations

import argparse
import atexit
import os
import shlex
from pathlib import Path

from .. import language, settings
from ..bank import SpecError, default_exercises_dir, load_bank, select
from ..grading.engine import Grader, submission_result
from ..grading.job import GradingJob
from ..grading.options import Options, make
from ..grading.sources.notebook import from_history
from ..openers import folder_job
from ..render import json_report, notebook, terminal
from ..results import SubmissionResult


class GradeUsageError(Exception):
    pass


class Report:
    """What `%grade` shows: text, or inline HTML (no frame: it fits its content, and its links
    stay in the output)."""

    def __init__(self, result: SubmissionResult):
        self.result = result
        self.text = terminal.report(result)

    def __repr__(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        return notebook.output(json_report.as_dict(self.result))


class Grading:
    """The extension's state in one kernel: a warm grader, kept while its options hold."""

    def __init__(self, shell):
        self.shell = shell
        self._grader: Grader | None = None
        self._options: Options | None = None

    def grade(self, line: str) -> Report:
        args = _arguments(line)
        options = make(seed=args.seed, lang=args.lang, config_folder=Path(os.getcwd()),
                       solutions_beside=default_exercises_dir())
        bank = load_bank()
        # the grader's own lines (`%grade`) are left out as a notebook's are (sources.notebook)
        history = self.shell.history_manager.input_hist_raw
        job = folder_job(Path(os.getcwd()), name="notebook", kernel=from_history(history))
        provided = set(job.resolution(bank).provided())
        chosen = select(bank, args.ids, "%grade") if args.ids is not None else bank
        # what the history holds of them; all of them (missing, with why) when it holds none
        specs = [s for s in chosen if s.id in provided] or (chosen if args.ids else [])
        specs = [s.for_students() for s in specs]  # hidden checks: the final grading's
        grader = self._grader_for(bank, options)
        return Report(grader.grade(job.part(specs)) if specs else
                      submission_result("notebook", (), grader.options,
                                        notes=_nothing(job, bank, options.lang)))

    def _grader_for(self, bank, options: Options) -> Grader:
        """The warm grader, kept while the options are the same (without --seed, its seed
        too: one drawn for the kernel)."""
        if self._grader is None or self._options != options:
            self.close()
            self._grader = Grader(bank, options, bank=bank)
            self._options = options
        return self._grader

    def close(self) -> None:
        if self._grader is not None:
            self._grader.close()
            self._grader = None


def _nothing(job: GradingJob, bank, lang: str) -> tuple[str, ...]:
    from ..grading.phrases import Phrase

    notes = tuple(n.say(lang) for n in job.resolution(bank).notes)
    return notes or (Phrase("no_exercise_in", {"file": "In [*]"}).say(lang),)


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise GradeUsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="%grade", add_help=False)
    parser.add_argument("ids", nargs="?", help="exercise numbers or ranges: 219 or 209-215")
    parser.add_argument("--lang", metavar="ko|en")
    parser.add_argument("--seed", metavar="N")
    return parser


def _arguments(line: str) -> argparse.Namespace:
    """`%grade`'s arguments as written: the options are checked by `make`, the exercises
    against the bank when it is read."""
    try:
        words = shlex.split(line)
    except ValueError as e:  # an unclosed quote
        raise GradeUsageError(str(e)) from None
    return _parser().parse_args(words)


def _said_in(line: str = "") -> str:
    """The language of a usage error: the line's --lang when it is one, else the kernel's
    default (GRADER_LANG, grader.cfg)."""
    try:
        words = shlex.split(line)
        given = words[words.index("--lang") + 1] if "--lang" in words[:-1] else None
        return language.chosen(language.checked(given, "--lang"), Path(os.getcwd()))
    except (ValueError, settings.SettingError):  # an unclosed quote, a wrong value
        try:
            return language.default(Path(os.getcwd()))
        except settings.SettingError:
            return "en"


def _usage(said: str) -> str:
    """A usage error under the cell, said once as what the magic was given (`%grade 999 …`)."""
    return said if said.startswith("%grade") else f"%grade: {said}"


def load_ipython_extension(shell) -> None:
    grading = Grading(shell)
    atexit.register(grading.close)

    def grade(line: str = ""):
        try:
            return grading.grade(line)
        except settings.SettingError as e:
            print(_usage(e.say(e.lang or _said_in(line))))
            return None
        except (GradeUsageError, SpecError) as e:
            print(_usage(str(e)))
            return None

    grade.__doc__ = __doc__
    shell.register_magic_function(grade, "line", "grade")
    shell._backprop_grader = grading  # noqa: SLF001 (found again on unload)


def unload_ipython_extension(shell) -> None:
    grading = getattr(shell, "_backprop_grader", None)
    if grading is not None:
        grading.close()
