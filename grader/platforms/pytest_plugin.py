"""pytest in a student repository: one test item per check of each exercise's p<ID>.py, or of
each exercise a notebook holds (its section marked `문제 209`, or its names defined in cells).

Installed with the grader (entry point `pytest11`: `backprop_grader`), so `pytest` in a student
repository, and editors or graders that run pytest, see the grader's checks. The items are a thin
adapter over the same engine with the same isolation: the student's code runs in the grader's
sandbox, never in pytest's process; one Grader per session; each exercise is graded once and its
check results are mapped to its items. A failing item shows the check's message and hint.

When it collects:
- `--grader` (or ini `grader = true`) turns it on, `--no-grader` (or `grader = false`) off;
- otherwise it is on when pytest's rootdir holds a p<ID>.py of the bank or a notebook holding one
  of its exercises, unless that rootdir is the grader's own source checkout (grader/ beside
  exercises/). So this project's own test suite, and any project without such files, is left
  alone.
Each exercise is collected from the file `grader check` grades it on (a misnamed `P211.py`, a
notebook's section), once.
Options (and ini keys): --grader-only IDS (grader_only), --grader-lang ko|en (grader_lang; when
neither says, GRADER_LANG, else the rootdir's grader.cfg that `grader stubs` writes, as
`grader check` does: see `grader.language`), --grader-seed N. Failures, skips and the header
are in that language. The options are made as the command line's are (`grading.options.make`):
a wrong value is a pytest usage error, in one line, before anything is collected.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from .. import settings
from ..bank import SpecError, default_exercises_dir, load_bank, select
from ..bank.spec import ExerciseSpec
from ..grading.engine import Grader
from ..grading.sources.finder import candidate, exact
from ..grading.job import GradingJob
from ..grading.options import Options, make
from ..openers import folder_job
from ..render.words import check_title, plugin_words
from ..results import CheckResult, ExerciseResult
from ..version import __version__

NOTEBOOK = ".ipynb"
STATE = pytest.StashKey["_Session"]()


def pytest_addoption(parser):
    group = parser.getgroup("grader", "backprop-grader: the exercises' checks as tests")
    group.addoption("--grader", dest="grader_flag", action="store_const", const=True,
                    default=None, help="collect the checks of p<ID>.py files")
    group.addoption("--no-grader", dest="grader_flag", action="store_const", const=False,
                    help="do not collect p<ID>.py files")
    group.addoption("--grader-only", metavar="IDS", help="only these exercises: 209,210 or 209-215")
    group.addoption("--grader-lang", metavar="ko|en", help="the messages' language")
    group.addoption("--grader-seed", metavar="N", help="repeat a run's random inputs")
    parser.addini("grader", "true: collect p<ID>.py checks; false: never (default: detect)",
                  default="")
    parser.addini("grader_only", "exercise numbers or ranges to collect", default="")
    parser.addini("grader_lang", "ko or en (default: GRADER_LANG, else grader.cfg, else en)",
                  default="")


def _switch(config) -> bool | None:
    flag = config.getoption("grader_flag")
    if flag is not None:
        return flag
    ini = str(config.getini("grader")).strip().lower()
    return {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}.get(ini)


def _is_grader_checkout(root: Path) -> bool:
    return (root / "grader" / "__init__.py").is_file() and (root / "exercises").is_dir()


def pytest_configure(config):
    switch = _switch(config)
    root = config.rootpath
    if switch is False:
        return
    if switch is None and (_is_grader_checkout(root) or not any(
            exact(p.name) or p.suffix == NOTEBOOK for p in root.iterdir())):
        return
    options = None
    try:
        options = _options(config, root)
        bank = load_bank()
        specs = [s.for_students() for s in _selected(config, bank)]  # no hidden checks
    except settings.SettingError as e:  # said in the session's language, once that is known
        lang = e.lang or (options.lang if options else "en")
        raise pytest.UsageError(f"backprop-grader: {e.say(lang)}") from None
    except SpecError as e:
        raise pytest.UsageError(f"backprop-grader: {e}") from None
    if switch is None and not any((root / s.filename).is_file() for s in specs) and not (
            set(folder_job(root).resolution(bank).provided()) & {s.id for s in specs}):
        return  # p<ID>.py names, or notebooks, that hold no exercise of the bank
    session = _Session(specs, options.with_seed(), bank)
    config.stash[STATE] = session
    config.add_cleanup(session.close)


def _options(config, root: Path) -> Options:
    """The session's options: --grader-seed; --grader-lang, else ini grader_lang, else the
    default for the rootdir (GRADER_LANG, its grader.cfg); the reference solutions beside the
    bundled bank, in an instructor's checkout (SettingError for a value that cannot be)."""
    flag = config.getoption("grader_lang")
    lang, said = (flag, "--grader-lang") if flag is not None else (
        str(config.getini("grader_lang")), "grader_lang")
    return make(seed=config.getoption("grader_seed"), lang=lang, config_folder=root,
                solutions_beside=default_exercises_dir(),
                names={"seed": "--grader-seed", "lang": said})


def _selected(config, bank: list[ExerciseSpec]) -> list[ExerciseSpec]:
    """The exercises of --grader-only, else of ini grader_only, else all (IdsError)."""
    flag = config.getoption("grader_only")
    if flag is not None:
        return select(bank, flag, "--grader-only")
    ini = str(config.getini("grader_only")).strip()
    return select(bank, ini, "grader_only") if ini else bank


def pytest_report_header(config):
    session = config.stash.get(STATE, None)
    if session is not None:
        return plugin_words(session.options.lang)["header"].format(
            version=__version__, seed=session.options.seed)
    return None


def pytest_collect_file(file_path: Path, parent):
    session = parent.config.stash.get(STATE, None)
    if session is None:
        return None
    if file_path.suffix == NOTEBOOK:
        held = [s for s in session.specs.values() if session.graded_on(s, file_path)]
        return NotebookFile.from_parent(parent, path=file_path, specs=held) if held else None
    found = candidate(file_path.name)
    if found is None or found.exercise not in session.specs:
        return None
    spec = session.specs[found.exercise]
    if not session.graded_on(spec, file_path):
        return None  # another file, or a better-named one, is this exercise's
    return ExerciseFile.from_parent(parent, path=file_path, spec=spec)


class _Session:
    """The pytest session's grader: started at the first item, each folder read once, each
    exercise graded once."""

    def __init__(self, specs: list[ExerciseSpec], options: Options, bank: list[ExerciseSpec]):
        self.specs = {s.id: s for s in specs}
        self.options, self.bank = options, bank
        self._grader: Grader | None = None
        self._jobs: dict[Path, GradingJob] = {}
        self._results: dict[tuple[str, Path], ExerciseResult] = {}

    def job(self, folder: Path) -> GradingJob:
        if folder not in self._jobs:
            self._jobs[folder] = folder_job(folder)
        return self._jobs[folder]

    def graded_on(self, spec: ExerciseSpec, file: Path) -> bool:
        """Whether `grader check` grades this exercise on this file (or a section of it)."""
        return self.job(file.parent).source(spec, self.bank).path == file.name

    def exercise(self, spec: ExerciseSpec, folder: Path) -> ExerciseResult:
        key = (spec.id, folder)
        if key not in self._results:
            if self._grader is None:
                self._grader = Grader(list(self.specs.values()), self.options, bank=self.bank)
            self._results[key] = self._grader.grade(self.job(folder).part([spec])).exercises[0]
        return self._results[key]

    def close(self) -> None:
        if self._grader is not None:
            self._grader.close()
            self._grader = None


class _Checks:
    """A node whose items are its exercise's checks."""

    def __init__(self, *, spec: ExerciseSpec, **kwargs):
        super().__init__(**kwargs)
        self.spec = spec

    def collect(self):
        for check in self.spec.checks:
            yield CheckItem.from_parent(self, name=check.name)


class ExerciseFile(_Checks, pytest.File):
    """A p<ID>.py file."""


class NotebookFile(pytest.File):
    """A notebook: one node per exercise it holds, then one item per check."""

    def __init__(self, *, specs: list[ExerciseSpec], **kwargs):
        super().__init__(**kwargs)
        self.specs = specs

    def collect(self):
        for spec in self.specs:
            yield NotebookExercise.from_parent(self, name=spec.module, spec=spec)


class NotebookExercise(_Checks, pytest.Collector):
    """One exercise's section of a notebook."""


class CheckFailed(Exception):
    def __init__(self, exercise: ExerciseResult, check: CheckResult | None, lang: str = "en"):
        super().__init__(check.message if check else exercise.message)
        self.exercise, self.check, self.lang = exercise, check, lang

    def text(self) -> str:
        e, c, said = self.exercise, self.check, plugin_words(self.lang)
        if c is None:
            return f"p{e.id} {e.title}: {said[e.status]}\n  {e.message or said[e.status]}"
        lines = [f'p{e.id} {e.title}: {said["check"]} {check_title(c.name, c.label, self.lang)}: '
                 f'{said[c.status]}']
        lines += ["    " + line for line in (c.message or said[c.status]).splitlines()]
        if c.hint:
            hint = f'  {said["hint"]}: '
            lines += [(hint if i == 0 else " " * len(hint)) + line
                      for i, line in enumerate(c.hint.splitlines())]
        if c.error_line:
            lines.append("  " + said["at"].format(file=c.error_line[0], line=c.error_line[1]))
        return "\n".join(lines)


class CheckItem(pytest.Item):
    def runtest(self):
        session = self.config.stash[STATE]
        exercise = session.exercise(self.parent.spec, self.path.parent)
        check = next((c for c in exercise.checks if c.name == self.name), None)
        lang = session.options.lang
        if check is None:  # the file could not be graded at all (unreadable, not UTF-8 …)
            raise CheckFailed(exercise, None, lang)
        if check.status == "passed":
            return
        if check.status == "skipped":
            pytest.skip(check.message or plugin_words(lang)["skipped"])
        raise CheckFailed(exercise, check, lang)

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, CheckFailed):
            return excinfo.value.text()
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        return self.path, None, f"p{self.parent.spec.id}: {self.name}"
