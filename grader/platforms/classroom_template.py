"""`grader classroom-template DIR`: a student repository ready for GitHub Classroom.

It writes, never overwriting a file already there: the p<ID>.py stubs of the chosen exercises
(those of `grader stubs`), grader.cfg with their language (`grader.language`), a short
README.md for students (ko or en), a .gitignore, and
`.github/workflows/classroom.yml`: the workflow `Autograding Tests` with the single job
`run-autograding-tests` (the names GitHub Classroom requires), which installs the grader, grades
the repository with `--format classroom` and hands the result to
`classroom-resources/autograding-grading-reporter@v1` (see platforms/formats/classroom.py for that
contract). Everything is rendered from the specs' titles, prompts and stubs: no reference
solution and no expected value beyond the prompt goes in.

Where the grader comes from: `pip install SPEC`, SPEC being --install, by default the PyPI name
pinned to the version that writes the template (`backprop-grader==X.Y.Z`), so the bank that
grades is the bank the stubs came from. A course that does not publish to PyPI gives a git URL
(`git+https://…@tag`) or the URL of a wheel.
"""
from __future__ import annotations

import shlex
from pathlib import Path

from .. import language
from ..bank.spec import ExerciseSpec
from ..render.environment import render
from ..version import __version__

WORKFLOW = ".github/workflows/classroom.yml"
PYTHON = "3.11"
GITIGNORE = "__pycache__/\n.pytest_cache/\nresults.json\nreport.html\n"
# GitHub expressions, kept out of the Jinja template's own {{ }}
EXPRESSIONS = {"not_cancelled": "${{ !cancelled() }}",
               "result": "${{ steps.grader.outputs.result }}"}


class TemplateError(ValueError):
    pass


def default_install() -> str:
    return f"backprop-grader=={__version__}"


def checked_install(spec: str) -> str:
    spec = spec.strip()
    if not spec or any(ch in spec for ch in "\n\r\0") or "${{" in spec:
        raise TemplateError(f"--install {spec!r} is not one pip requirement (a name, a URL)")
    return spec


def grade_command(specs: list[ExerciseSpec], lang: str) -> str:
    ids = ",".join(s.id for s in specs)
    return f"grader check . --only {ids} --lang {lang} --format classroom"


def files(specs: list[ExerciseSpec], lang: str = "en", install: str | None = None,
          python: str = PYTHON) -> dict[str, str]:
    """Path in the repository -> text."""
    if not specs:
        raise TemplateError("no exercises chosen")
    install = checked_install(install or default_install())
    context = dict(specs=specs, lang=lang, install=install, install_quoted=shlex.quote(install),
                   ids=",".join(s.id for s in specs), version=__version__, python=python,
                   grade_command=grade_command(specs, lang), expr=EXPRESSIONS)
    out = {s.filename: render("stub.py.j2", spec=s, lang=lang) for s in specs}
    out[language.CONFIG] = language.config_text(lang)  # `grader check` there speaks it
    out["README.md"] = render("classroom_README.md.j2", **context)
    out[".gitignore"] = GITIGNORE
    out[WORKFLOW] = render("classroom_workflow.yml.j2", **context)
    return out


def write(folder: Path, specs: list[ExerciseSpec], lang: str = "en", install: str | None = None,
          python: str = PYTHON) -> list[tuple[Path, bool]]:
    """Write the template; (path, written) for each file, False where one was kept."""
    done = []
    for name, text in files(specs, lang, install, python).items():
        target = folder / name
        if target.exists() or target.is_symlink():
            done.append((target, False))
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        done.append((target, True))
    return done
