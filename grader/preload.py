"""Same-user mode: what judges a submission or writes its results is in the grader's process
before any student code runs.

As root, the grader runs the student's code as `nobody`, who can write none of the grader's
files. Otherwise (a student's laptop, a CI runner: "same-user mode") the student's code runs as
the grader's own user and can rewrite whatever that user can: the installed grader's modules
and templates, the bank's frozen reference results, and in a virtual environment or a user's
own Python, jinja2's and the standard library's files. A module the grader's process imports
after that is the student's code, run in the grader's process, where it can change any verdict,
score or output: a submission that rewrote `platforms/formats/classroom.py`, which `--format
classroom` imported only once grading was done, made the Classroom payload say 3/3 where the
terminal said 0/3.

So in same-user mode the grader imports, reads and compiles first what it uses later:
- `grading`, by every `Grader` as it is made: the modules the judging imports only when a
  check fails (the diagnoses, the views of a file or notebook that ran in part), the frozen
  reference results of its exercises, and the reference solutions when they will run live;
- `outputs`, by the commands before their first grading: the terminal report's templates
  (jinja2 and its lexer's codec with them), the results JSON, the HTML report, the chosen
  `--format`.
Templates are never read again once compiled (`render.environment`: no auto-reload).

As root nothing of this is done: `grader check` keeps loading its report while the exercises
run, as fast as before. tests/test_hostile.py proves, in same-user mode, that a submission which
rewrites every module of the grader changes nothing of its results, and that the grader's
process imports no module at all once the first student job has started. SECURITY.md says what
same-user mode does not defend.
"""
from __future__ import annotations

import importlib
from typing import Iterable

GRADING = (
    "grader.grading.diagnosis.cascade", "grader.grading.diagnosis.errors",
    "grader.grading.diagnosis.families",
    "grader.grading.diagnosis.formula", "grader.grading.diagnosis.raised",
    "grader.grading.diagnosis.shapes", "grader.grading.diagnosis.sources",
    "grader.grading.diagnosis.unset", "grader.grading.diagnosis.values",
    "grader.grading.glosses", "grader.grading.sources.choosing",
    "grader.grading.sources.definitions", "grader.grading.sources.finder",
    "grader.grading.sources.fitting", "grader.grading.sources.helpers",
    "grader.grading.sources.imports", "grader.grading.sources.notebook",
    "grader.grading.sources.places", "grader.grading.sources.sections",
    # loaded by every grading (the sandboxes' side): socket, select and subprocess with it,
    # which `sandbox.spawn` and `sandbox.warm` import only when a worker is waited for
    "grader.grading.sandbox.client",
)
"""what the grader's process imports only when it needs it, while grading (a check that fails,
a file that ran in part, a Korean gloss): tests/test_hostile.py proves the list complete"""
TERMINAL = ("terminal.txt.j2", "_failing.txt.j2")
WATCH = ("watch.txt.j2", "_failing.txt.j2")
HTML = ("student.html.j2", "_macros.html.j2", "_style.css.j2")
CLASS = ("dashboard.html.j2", "similarity.html.j2")
"""a batch's pages, beside each student's"""


def same_user(limits) -> bool:
    """Whether the student's code runs as the grader's own user (not as root's `nobody`)."""
    from .grading.sandbox import client

    return client.student_user(limits) is None


def grading(specs: Iterable) -> None:
    """What judging the exercises `specs` may load later: its modules, and the frozen
    reference results they compare with."""
    from .bank import frozen
    from .grading.checks import JUDGES

    for name in GRADING:
        importlib.import_module(name)
    for spec in specs:
        for check in spec.checks:
            if JUDGES[check.kind].needs_reference:
                frozen.cases(spec, check)  # read once, kept (frozen._read)


def outputs(*, json: bool = False, html: bool = False, formats: Iterable[str] = (),
            watch: bool = False, batch: bool = False) -> None:
    """What writing the results will use: the terminal report always (and `--watch`'s), the
    results JSON, the HTML report, each of `formats` (`--format`), a batch's class pages."""
    from .render import terminal

    templates(False, TERMINAL + (WATCH if watch else ()))
    terminal.prepare()
    if json or html or formats or batch:
        importlib.import_module("grader.render.json_report")
    if html or batch:
        importlib.import_module("grader.render.html")
        templates(True, HTML + (CLASS if batch else ()))
    for name in formats:
        importlib.import_module(f"grader.platforms.formats.{name}")


def templates(autoescape: bool, names: Iterable[str]) -> None:
    """Compile these templates now (those a template imports or includes are loaded by jinja2
    only while it renders: they are named here too)."""
    from .render.environment import environment

    for name in names:
        environment(autoescape).get_template(name)
