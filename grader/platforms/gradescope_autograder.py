"""`grader gradescope-autograder FILE.zip`: the zip Gradescope builds its autograder image from.

At the zip's root, as Gradescope's "Autograder Specifications" ask (gradescope-autograders.
readthedocs.io, specs/): `setup.sh`, run once as root to install the grader (into its own
virtual environment under /autograder), and `run_autograder`, run for every submission: it grades
/autograder/submission with `--format gradescope` into /autograder/results/results.json, and
writes a results.json that says so even when the grader could not run. Gradescope is a final
grading: it runs the hidden checks too (`--hidden`), from a wheel that holds them.

Where the grader comes from:
- by default, this project's own wheel, bundled in the zip: built here from the source checkout
  (`platforms/wheel.py`), or given with --wheel FILE. This is the sturdy choice: the image
  grades with exactly the code and bank the instructor has tested, nothing of the grader has to
  be published anywhere, and building the image needs PyPI only for numpy, pyyaml and jinja2.
- --install SPEC: a pip requirement fetched when Gradescope builds the image, such as the PyPI
  name pinned to a version (`backprop-grader==X.Y.Z`) or a git URL.
"""
from __future__ import annotations

import shlex
import tempfile
import zipfile
from pathlib import Path

from ..bank.spec import ExerciseSpec
from ..render.environment import render
from ..version import __version__
from .classroom_template import checked_install
from .wheel import WheelError, build_wheel


class AutograderError(ValueError):
    pass


def scripts(specs: list[ExerciseSpec], lang: str = "en", wheel: str | None = None,
            install: str | None = None) -> dict[str, str]:
    """setup.sh and run_autograder; from `wheel` (a file name in the zip) or `install`."""
    if not specs:
        raise AutograderError("no exercises chosen")
    if (wheel is None) == (install is None):
        raise AutograderError("the grader comes from a bundled wheel or a pip requirement: one")
    install = checked_install(install) if install is not None else None
    context = dict(version=__version__, ids=",".join(s.id for s in specs), lang=lang,
                   wheel=wheel, wheel_quoted=shlex.quote(wheel or ""),
                   install_quoted=shlex.quote(install or ""))
    return {"setup.sh": render("gradescope_setup.sh.j2", **context),
            "run_autograder": render("gradescope_run_autograder.j2", **context)}


def build(target: Path, specs: list[ExerciseSpec], lang: str = "en", wheel: Path | None = None,
          install: str | None = None) -> list[str]:
    """Write the zip; returns the names in it. Neither wheel nor install: build the wheel."""
    with tempfile.TemporaryDirectory(prefix="grader-wheel-") as tmp:
        if wheel is None and install is None:
            try:
                wheel = build_wheel(Path(tmp), for_students=False)  # the final grading
            except WheelError as e:
                raise AutograderError(str(e)) from None
        if wheel is not None and not wheel.is_file():
            raise AutograderError(f"--wheel {wheel} is not a file")
        texts = scripts(specs, lang, wheel.name if wheel else None, install)
        target.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
            for name, text in texts.items():
                info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
                info.external_attr = 0o100755 << 16  # executable: Gradescope runs them as is
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, text)
            if wheel is not None:
                z.write(wheel, wheel.name)
            return z.namelist()
