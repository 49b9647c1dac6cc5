"""`grader classroom-template DIR`: a student repository ready for GitHub Classroom.

It writes, never overwriting a file already there: the p<ID>.py stubs of the chosen exercises
(those of `grader stubs`), grader.cfg with their language (`grader.language`), a short
README.md for students (ko or en), a .gitignore, the grader itself (below), and
`.github/workflows/classroom.yml`: the workflow `Autograding Tests` with the single job
`run-autograding-tests` (the names GitHub Classroom requires), which installs the grader, grades
the repository with `--format classroom` and hands the result to
`classroom-resources/autograding-grading-reporter@v1` (see platforms/formats/classroom.py for that
contract). Everything is rendered from the specs' titles, prompts and stubs: no reference
solution and no expected value beyond the prompt goes in.

Where the grader comes from: by default the wheel of the grader that writes the template, built
from its checkout (`platforms/wheel.py`) or given with --wheel FILE, placed in the repository
as `.github/grader/<wheel>` and installed from there by path: the bank that grades is the bank
the stubs came from, and no package index has to serve the grader (PyPI serves numpy, pyyaml and
jinja2). Or --install SPEC, a pip requirement the instructor's course serves (a git URL
`git+https://…@tag`, the URL of a wheel, a name on the course's index).

When the grader cannot be installed, or stops without a result, the reporter still gets a
result: the workflow carries it, written here (a failed step has no grader to write it), 0 of
the exercises' points with why in the students' language, and says the same in the log. Without
it the reporter reads an empty variable and prints only `Unexpected end of JSON input`.
"""
from __future__ import annotations

import shlex
import shutil
import tempfile
from pathlib import Path

from .. import language
from ..bank.spec import ExerciseSpec
from ..render.environment import render
from ..render.words import workflow_words
from .formats.classroom import encode, inert
from .wheel import WheelError, build_wheel
from ..version import __version__

WORKFLOW = ".github/workflows/classroom.yml"
WHEELS = ".github/grader"
"""where the repository keeps the grader's wheel"""
PYTHON = "3.11"
GITIGNORE = "__pycache__/\n.pytest_cache/\nresults.json\nreport.html\n"
# GitHub expressions, kept out of the Jinja template's own {{ }}
EXPRESSIONS = {"not_cancelled": "${{ !cancelled() }}",
               "result": "${{ steps.grader.outputs.result || steps.install.outputs.result }}"}


class TemplateError(ValueError):
    pass


def checked_install(spec: str) -> str:
    spec = spec.strip()
    if not spec or any(ch in spec for ch in "\n\r\0") or "${{" in spec:
        raise TemplateError(f"--install {spec!r} is not one pip requirement (a name, a URL)")
    return spec


def grade_command(specs: list[ExerciseSpec], lang: str) -> str:
    ids = ",".join(s.id for s in specs)
    return f"grader check . --only {ids} --lang {lang} --format classroom"


def failed_result(specs: list[ExerciseSpec], lang: str, why: str) -> str:
    """The reporter's result for a run that graded nothing (`why`: install_failed, stopped),
    base64 as a runner step writes it: 0 of the exercises' points, an error that says why."""
    said = workflow_words(lang)
    title = said["install_title" if why == "install_failed" else "stopped_title"]
    return encode({"version": 1, "status": "error",
                   "max_score": sum(float(s.points) for s in specs),
                   "tests": [{"name": inert(title), "status": "error", "score": 0,
                              "message": inert(said[why]), "test_code": "", "filename": "",
                              "line_no": 0, "duration": 0}]})


def files(specs: list[ExerciseSpec], lang: str = "en", install: str | None = None,
          wheel: str | None = None, python: str = PYTHON) -> dict[str, str]:
    """Path in the repository -> text. The grader comes from `wheel` (its file name, in
    WHEELS) or from `install` (a pip requirement): one of them."""
    if not specs:
        raise TemplateError("no exercises chosen")
    if (wheel is None) == (install is None):
        raise TemplateError("the grader comes from a wheel in the repository or a pip "
                            "requirement: one")
    install = checked_install(install) if install is not None else f"./{WHEELS}/{wheel}"
    said = workflow_words(lang)
    context = dict(specs=specs, lang=lang, install=install, install_quoted=shlex.quote(install),
                   wheel=wheel, wheels=WHEELS, ids=",".join(s.id for s in specs),
                   version=__version__, python=python, expr=EXPRESSIONS,
                   grade_command=grade_command(specs, lang),
                   install_error=shlex.quote(f"::error title={said['install_title']}::"
                                             f"{said['install_failed']}"),
                   stopped_error=shlex.quote(f"::error title={said['stopped_title']}::"
                                             f"{said['stopped']}"),
                   install_failed_result=failed_result(specs, lang, "install_failed"),
                   stopped_result=failed_result(specs, lang, "stopped"))
    out = {s.filename: render("stub.py.j2", spec=s, lang=lang) for s in specs}
    out[language.CONFIG] = language.config_text(lang)  # `grader check` there speaks it
    out["README.md"] = render("classroom_README.md.j2", **context)
    out[".gitignore"] = GITIGNORE
    out[WORKFLOW] = render("classroom_workflow.yml.j2", **context)
    return out


def write(folder: Path, specs: list[ExerciseSpec], lang: str = "en", install: str | None = None,
          wheel: Path | None = None, python: str = PYTHON) -> list[tuple[Path, bool]]:
    """Write the template; (path, written) for each file, False where one was kept. Neither
    `install` nor `wheel`: the wheel of this grader, built from its checkout."""
    if install is not None and wheel is not None:
        raise TemplateError("give --wheel FILE or --install SPEC, not both")
    if wheel is not None and not (wheel.is_file() and wheel.name.endswith(".whl")):
        raise TemplateError(f"--wheel {wheel} is not a wheel file (.whl)")
    with tempfile.TemporaryDirectory(prefix="grader-wheel-") as tmp:
        if install is None and wheel is None:
            try:
                wheel = build_wheel(Path(tmp))
            except WheelError as e:
                raise TemplateError(str(e)) from None
        texts = files(specs, lang, install, wheel.name if wheel else None, python)
        done = [_written(folder / name, lambda target, text=text: target.write_text(
            text, encoding="utf-8")) for name, text in texts.items()]
        if wheel is not None:
            done.append(_written(folder / WHEELS / wheel.name,
                                 lambda target: shutil.copyfile(wheel, target)))
    return done


def _written(target: Path, write_to) -> tuple[Path, bool]:
    if target.exists() or target.is_symlink():
        return target, False
    target.parent.mkdir(parents=True, exist_ok=True)
    write_to(target)
    return target, True
