"""The definitions view of a `.py` file whose top-level script cannot run here.

A student's file often runs more than its definitions: a plot, a dataset download, an import
the grading machine lacks. When the whole file fails to load, an API exercise is graded again
on the file's imports, functions and classes only (`views`), if that still defines what the
exercise asks for; the student is told which lines were not run. Made only when it is needed:
most files run.
"""
from __future__ import annotations

from dataclasses import replace

from ...bank.spec import ExerciseSpec
from ..phrases import Phrase
from .choosing import accepted_names, near_misses
from .imports import available
from .places import listed, skipped_phrase
from .submission import SubmissionFiles
from .source import Source
from .views import Bindings, view


def definitions_view(spec: ExerciseSpec, source: Source, files: SubmissionFiles) -> Source | None:
    """An API exercise's `.py` file as its definitions only, if that differs from the file and
    still defines what the exercise asks for."""
    if spec.kind != "api" or source.kind != "file":
        return None
    content = files.files.get(source.path) or b""
    try:
        shown = view(content.decode("utf-8"), "definitions", available(files, source.paths),
                     before=Bindings(bound=frozenset()))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    wanted = accepted_names(spec)  # or a slip of them, which the grader names
    if not shown.changed or not (shown.binds & wanted or near_misses(wanted, shown.binds)):
        return None
    where = Phrase("path", {"file": source.path})
    skipped = tuple(skipped_phrase(s, where) for s in shown.skipped)
    places = [Phrase("line", {"line": a}) if a == b else
              Phrase("lines", {"first": a, "last": b}) for a, b in shown.dropped]
    return replace(source, kind="definitions",
                   described=Phrase("source_definitions", {"file": source.path}),
                   overlay={**source.overlay, source.file: shown.text.encode("utf-8")},
                   generated={**source.generated, spec.module: None},
                   notes=source.notes + skipped,
                   not_run=listed(places))
