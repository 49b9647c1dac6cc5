"""A run's options, and the one way every front end makes them.

The command line (`check`, with its `--watch`, `batch` and `validate`), the pytest plugin and
`%grade` hand `make` what their user gave, as text (None: not given), under the names the user
knows the options by. `make` reads each value as `grader.settings` reads it, chooses the
language as `grader.language` does (the option, else GRADER_LANG, else the folder's grader.cfg,
else English), checks the reference solutions' folder and returns the run's `Options`. A value
that cannot be raises `settings.SettingError` (in the language chosen, when that was read
first: `SettingError.lang`) or `paths.PathError`, which each front end says as its own usage
error.

`Options.given` keeps which options the user gave: a batch rerun takes the others of
`INHERITED` from its output folder's record (`batch.record.Settings.merge`).

Light to import (no numpy): the command line makes its options before it loads the bank.
"""
from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from .. import bank, language, paths, settings
from .sandbox.client import Limits

INHERITED = ("seed", "lang", "timeout_scale")
"""what a batch rerun takes from its output folder's record when the run does not give it"""

NAMES = {"seed": "--seed", "lang": "--lang", "timeout_scale": "--timeout-scale",
         "isolation": "--isolation", "solutions": "--solutions"}
"""each option as the command line names it in a message; a front end that names one otherwise
says so (`make(names=...)`)"""


def new_seed() -> int:
    """A seed below 2**31 from the system's randomness (as `secrets.randbelow(2**31)` draws
    one, without secrets' hmac and hashlib to import)."""
    return int.from_bytes(os.urandom(4), "big") >> 1


@dataclass(frozen=True)
class Options:
    """How a run grades: the same for every submission of the run."""

    seed: int | None = None
    """the random inputs' seed; None until `with_seed` draws the run's"""
    lang: str = "en"
    solutions: Path | None = None
    """the reference solutions, for the checks that compare with them"""
    timeout_scale: float = 1.0
    limits: Limits = Limits()
    workdir: Path | None = None
    """where graders copy submissions for the sandbox; None: a memory file system when there is
    one with room (`scratch`), else the system's temporary folder"""
    diagnose_passing: bool = False
    """also evaluate mistake predicates on passing checks (validate proves none fires)"""
    given: frozenset[str] = frozenset()
    """the options the user gave (keys of NAMES); the others are defaults, which a batch rerun
    replaces with its record's (INHERITED)"""

    def with_seed(self, seed: int | None = None) -> "Options":
        """These options with the run's seed fixed: `seed`, else the user's, else one drawn
        now. Every grader of a run must share it (a batch fixes it once, before starting its
        graders), so that every submission gets the same random inputs."""
        if seed is None and self.seed is not None:
            return self
        return dataclasses.replace(self, seed=new_seed() if seed is None else seed)


def make(*, seed=None, lang: str | None = None, timeout_scale=None, isolation: str | None = None,
         solutions: Path | None = None, solutions_beside: Path | None = None,
         config_folder: Path | None = None, diagnose_passing: bool = False,
         names: Mapping[str, str] | None = None) -> Options:
    """A run's options from what a front end was given (None: not given), each value checked.

    `solutions_beside`: a bank whose reference solutions (its sibling `solutions/`, in an
    instructor's checkout) are used when `solutions` is not given; `config_folder`: where the
    language's grader.cfg is; `names`: the front end's names of the options, for messages."""
    named = {**NAMES, **(names or {})}
    read_lang = language.checked(lang, named["lang"])
    chosen = language.chosen(read_lang, config_folder)  # first: later errors are said in it
    try:
        read = {"seed": settings.seed(seed, named["seed"]), "lang": read_lang,
                "timeout_scale": settings.timeout_scale(timeout_scale, named["timeout_scale"]),
                "isolation": settings.isolation(isolation, named["isolation"]),
                "solutions": solutions}
    except settings.SettingError as e:
        e.lang = chosen
        raise
    if solutions is not None:
        paths.input_folder(solutions, named["solutions"])
    elif solutions_beside is not None:
        solutions = bank.default_solutions_dir(solutions_beside)
    return Options(seed=read["seed"], lang=chosen, solutions=solutions,
                   timeout_scale=1.0 if read["timeout_scale"] is None else read["timeout_scale"],
                   limits=Limits(isolation=read["isolation"] or "auto"),
                   diagnose_passing=diagnose_passing,
                   given=frozenset(name for name, value in read.items() if value is not None))
