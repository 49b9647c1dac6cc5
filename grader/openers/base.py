"""What a submission opener is (`Opener`), what it gives (`Opened`), and what openers share: the
job read from a folder, a scratch folder removed with the job, a zipped folder's inner folder,
the folders that are never a student's work.

Telling what a path is costs nothing here: `grader check` does it, and trims its warm workers,
before the grading modules load (`read_job` imports them when a submission is opened).
"""
from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from ..grading.phrases import Catalogue, Phrase, word  # the texts only: no numpy

if TYPE_CHECKING:
    from ..bank.spec import ExerciseSpec
    from ..grading.job import GradingJob
    from ..grading.sources.notebook import Notebook  # `%grade`'s; loaded by the extension

IGNORED = {".git", "__MACOSX", "__pycache__", ".ipynb_checkpoints"}
"""folders that are never a student's work"""


class Refused(Exception):
    """The submission cannot be graded at all (an unsafe or unreadable zip); says why, in
    English (str) or in the reader's language (`say`): `key` of the opener's own `texts`
    (key -> {en, ko}, kept in its module), else of the phrasebook."""

    def __init__(self, key: str, texts: Catalogue | None = None, **fields):
        self.key, self.texts, self.fields = key, texts, fields
        super().__init__(key)

    def say(self, lang: str | None) -> str:
        if self.texts is not None:
            return word(self.texts, self.key, lang or "en", **self.fields)
        return Phrase(self.key, self.fields).say(lang or "en")

    def __str__(self) -> str:
        return self.say("en")


class NotASubmission(ValueError):
    """A path no opener takes as one submission, or takes only otherwise (said why): the
    user's mistake, a usage error. Said from `render.words.USAGE[key]` in English (str) or in
    the reader's language (`say`); a field may hold one text per language ({"en": …})."""

    def __init__(self, key: str, lang: str | None = "en", **fields):
        self.key, self.lang, self.fields = key, lang, fields
        super().__init__(key)

    def say(self, lang: str | None) -> str:
        from ..render.words import usage_words  # (here: the words are loaded when said)

        lang = lang or "en"
        return usage_words(lang)[self.key].format(**{
            name: value.get(lang, value.get("en")) if isinstance(value, dict) else value
            for name, value in self.fields.items()})

    def __str__(self) -> str:
        return self.say(self.lang)


@dataclass(frozen=True)
class Opened:
    """A submission opened: the job every front end grades, and where it lies."""

    job: GradingJob
    folder: Path
    """the folder CI formats name the student's files from (the one given, or a file's)"""
    single: bool = False
    """one file the user named: graded on the exercises it holds, not on every one"""

    def graded(self, specs: Sequence[ExerciseSpec], bank: Sequence[ExerciseSpec]) -> GradingJob:
        """The job for `specs` (the exercises asked for): a single file's holds only those it
        provides (`bank`, the whole bank, names a notebook section's module)."""
        if not self.single:
            return self.job
        provided = set(self.job.resolution(bank).provided())
        return self.job.part([s for s in specs if s.id in provided])


@dataclass(frozen=True)
class Opener:
    """One way a submission is handed in. A subclass says how it makes a path a job (`open`),
    and which paths it opens when its `suffixes` do not say; `openers` finds its instance by
    `rank` (lower first) among the package's modules, each of which names it `OPENER`."""

    name: str
    rank: int
    """tried in this order, lower first"""
    words: tuple[tuple[str, str], ...] = ()
    """how `grader check` names it, per language, when a path is none of them ((("en", "a
    zip"), ("ko", "zip 파일"))); none: not named"""
    suffixes: tuple[str, ...] = ()
    """the file names it opens, lower case (none: it opens folders)"""
    in_a_class: bool = False
    """whether `grader batch` takes an entry of ROOT it opens as one student's submission"""
    holds_a_class: bool = False
    """whether an entry of ROOT it opens holds students, each an entry of it (a download)"""
    watchable: bool = False
    """whether `grader check --watch` can follow it"""

    def said(self, lang: str | None) -> str | None:
        """Its name in `lang` (English where `lang` has none), None if it is not named."""
        named = dict(self.words)
        return named.get(lang or "en") or named.get("en")

    def opens(self, path: Path) -> bool:
        return bool(self.suffixes) and path.name.lower().endswith(self.suffixes) \
            and path.is_file()

    def check(self, path: Path) -> None:
        """Raise NotASubmission when `path`, though opened here, cannot be graded as given."""

    def open(self, path: Path, stack: contextlib.ExitStack | None, *, alone: bool = False,
             name: str | None = None, workdir: Path | None = None,
             kernel: Notebook | None = None) -> Opened:
        """The submission at `path`, read; what it unpacks lives until `stack` closes (in
        `workdir`, else the system's temporary folder). `alone`: a class's entry, nothing
        beside it is the student's (a file given to `grader check` brings its folder)."""
        raise NotImplementedError

    def entry_name(self, path: Path) -> str:
        """A class's entry's student: its name without the ending that chose this opener."""
        lowered = path.name.lower()
        ending = next((s for s in self.suffixes if lowered.endswith(s)), "")
        return path.name[:len(path.name) - len(ending)]

    def workers(self, path: Path, wanted: set[int] | None, cores: int) -> int:
        """How many warm workers `grader check` keeps before the bank is read (a guess: the
        grader starts more when the submission turns out to need them)."""
        return cores

    def may_hold_notebook(self, path: Path) -> bool:
        """Whether a notebook may be graded: its sections are named by the exercises' kinds,
        so the whole bank is read."""
        return True


def read_job(folder: Path, name: str | None = None, explicit: str | None = None,
             kernel: Notebook | None = None) -> GradingJob:
    """The job of the submission in `folder` (named after it unless `name` says otherwise)."""
    # grading.job loads the whole of grading.sources (a tenth of a second): only now, once
    # `grader check` has told its usage errors and ended the warm workers it does not need (one
    # ended later may be building its namespaces' tree, and leave it behind)
    from ..grading.job import GradingJob

    return GradingJob.read(folder, name=name, explicit=explicit, kernel=kernel)


def scratch(stack: contextlib.ExitStack | None, workdir: Path | None) -> Path:
    """A new folder (in `workdir`, else the system's temporary folder), removed when `stack`
    closes."""
    if stack is None:
        raise ValueError("this submission is unpacked: give an ExitStack that outlives its job")
    folder = Path(tempfile.mkdtemp(prefix="grader-zip-", dir=workdir))
    stack.callback(shutil.rmtree, folder, ignore_errors=True)
    return folder


def submission_root(folder: Path, depth: int = 3) -> Path:
    """The folder holding the p<ID>.py files: a lone subfolder (a zipped folder) is gone into."""
    for _ in range(depth):
        try:
            entries = [e for e in os.scandir(folder) if not e.name.startswith(".")
                       and e.name not in IGNORED]
        except OSError:
            return folder
        folders = [e for e in entries if e.is_dir(follow_symlinks=False)]
        if any(e.name.endswith(".py") for e in entries) or len(folders) != 1 or len(entries) != 1:
            return folder
        folder = Path(folders[0].path)
    return folder


def one_file(path: Path, name: str | None, kernel: Notebook | None) -> Opened:
    """A `.py` file or a notebook the user named, with the folder it works in (the folder above
    when it reaches up, as the book's files do): graded first, on the exercises it holds."""
    folder, explicit = path.parent, path.name
    if reaches_up(path):  # the book's files import its packages from the folder above
        folder = path.resolve().parent.parent
        explicit = f"{path.resolve().parent.name}/{path.name}"
    return Opened(read_job(folder, name, explicit, kernel), path.parent, single=True)


def reaches_up(file: Path) -> bool:
    """Whether a file puts its folder's parent on sys.path (`sys.path.append(os.pardir)`, as
    the book's files do): its submission is then that parent folder."""
    try:
        with open(file, "rb") as f:
            head = f.read(1 << 20)
    except OSError:
        return False
    return b"os.pardir" in head and file.resolve().parent.parent != file.resolve().parent
