"""What a caller asks of the engine: the run's options (one seed for the run) and one submission.

A batch, `grader check`, the pytest plugin and `grader validate` all grade through these two
values; nothing process-wide (no `tempfile.tempdir`) tells a grader what its caller wanted.
The options are made by `options.make` (and `Options` is defined there, light to import).
"""
from __future__ import annotations

import dataclasses
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from pathlib import Path
from typing import Sequence

from ..bank.spec import ExerciseSpec
from .options import Options  # noqa: F401 (the engine's callers take both values from here)
from .sources import Resolution, Source
from .sources.submission import SubmissionFiles, read_submission


_RESOLVING = threading.Lock()


if TYPE_CHECKING:  # a kernel's history (`%grade`); loaded only by the extension
    from .sources.notebook import Notebook


@dataclass(frozen=True)
class GradingJob:
    """One submission to grade, or a part of it."""

    files: SubmissionFiles
    """the submission, read once"""
    name: str
    """the results' `submission`"""
    specs: tuple[ExerciseSpec, ...] | None = None
    """the exercises to grade; None: every exercise the grader was given"""
    hanging: dict[str, tuple[str, float]] = field(default_factory=dict)
    """the submission's modules whose loading timed out -> (exercise, seconds waited); one dict
    shared by every grader of this submission (a batch grades a student in parts, at once)"""
    explicit: str | None = None
    """a .py or .ipynb file of the submission the user named: graded before anything else"""
    kernel: Notebook | None = None
    """the kernel's history (`%grade` in Jupyter): graded before the folder's files"""
    resolved: dict = field(default_factory=dict)
    """the submission's sources, found once and shared by the job's parts (see `sources`)"""

    @classmethod
    def read(cls, folder: Path, name: str | None = None,
             specs: list[ExerciseSpec] | None = None, explicit: str | None = None,
             kernel: Notebook | None = None) -> "GradingJob":
        return cls(read_submission(folder), name or folder.resolve().name,
                   None if specs is None else tuple(specs), explicit=explicit, kernel=kernel)

    def resolution(self, bank: Sequence[ExerciseSpec]) -> Resolution:
        """Which source each exercise is graded on, for the exercises of `bank` (the whole bank:
        a notebook section's module is named by its exercise's kind)."""
        with _RESOLVING:
            if "resolution" not in self.resolved:
                self.resolved["resolution"] = Resolution(self.files, bank, self.explicit,
                                                         self.kernel)
            return self.resolved["resolution"]

    def source(self, spec: ExerciseSpec, bank: Sequence[ExerciseSpec]) -> Source:
        return self.resolution(bank).source(spec)

    def definitions(self, spec: ExerciseSpec, source: Source) -> Source | None:
        """`source`'s definitions view (see `Resolution.definitions`)."""
        resolution = self.resolved.get("resolution")
        return resolution.definitions(spec, source) if resolution else None

    def locate(self, module: str, source: Source) -> dict | None:
        resolution = self.resolved.get("resolution")
        return resolution.locate(module, source) if resolution else None

    def part(self, specs: list[ExerciseSpec]) -> "GradingJob":
        """The same submission (files and hanging modules shared), for these exercises."""
        return dataclasses.replace(self, specs=tuple(specs))
