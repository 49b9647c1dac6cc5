"""What a student installs: the wheel holds the bank (with the reference results frozen into it),
the stubs' templates and the digits, never the reference solutions."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT


def built_wheel(tmp_path: Path) -> Path:
    """The wheel .ci/run built (GRADER_WHEEL), or one built here without network."""
    if os.environ.get("GRADER_WHEEL"):
        return Path(os.environ["GRADER_WHEEL"])
    pytest.importorskip("wheel", reason="building a wheel offline needs the `wheel` package; "
                                        ".ci/run builds one and sets GRADER_WHEEL")
    source = tmp_path / "src"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", "*.egg-info", "build", "__pycache__", ".pytest_cache"))
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps",
                           "--no-build-isolation", "-q", "-w", str(tmp_path / "dist"), str(source)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    return wheel


def test_the_wheel_ships_the_bank_but_not_the_solutions(tmp_path):
    wheel = built_wheel(tmp_path)
    names = zipfile.ZipFile(wheel).namelist()
    specs = {n for n in names if n.startswith("grader/exercises/p") and n.endswith(".yaml")}
    assert len(specs) == len(list((ROOT / "exercises").glob("p*.yaml"))) > 0
    frozen = {n for n in names if n.startswith("grader/exercises/frozen/") and n.endswith(".json")}
    assert len(frozen) == len(list((ROOT / "exercises" / "frozen").glob("p*.json"))) >= 18
    assert "grader/data/digits.npz" in names
    packages = {str(p.parent.relative_to(ROOT)) for p in (ROOT / "grader").rglob("__init__.py")}
    assert {p for p in packages if f"{p}/__init__.py" not in names} == set()  # none left out
    assert "grader/render/templates/stub.py.j2" in names
    assert not [n for n in names if "solutions" in n or "/mistakes/" in n]
    assert any(n.endswith("entry_points.txt") for n in names)


def test_pyproject_lists_every_package_of_the_grader():
    """setuptools is told the packages one by one (the bank ships as grader.exercises from the
    top of the checkout): a new subpackage left out of that list is missing from every
    installed grader (grader.server was, and a Classroom run failed on its import). This needs
    no wheel, so it holds wherever the suite runs."""
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
                 ["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts)
             for p in (ROOT / "grader").rglob("__init__.py")}
    assert found - listed == set()


def test_an_installed_grader_s_jobs_import_what_its_workers_have_not_loaded(tmp_path):
    """Installed from the wheel, the grader's package sits in site-packages, the folder a warm
    worker is given first and `site` gives again (spawn.BOOTSTRAP): the jobs' tree must hold it
    whole, numpy with it, and a job imports numpy.random itself when its worker has not loaded
    it yet. (Dropped as a repeat of the package's folder, it was left out of the tree, and every
    job of an installed grader failed on `import numpy.random`.) The fresh environment holds
    numpy as pip installs it, beside the grader (linked from this one's, not copied where the
    file system allows), and finds yaml and jinja2 where this one does, through a .pth file."""
    wheel = built_wheel(tmp_path)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True,
                   timeout=300)
    (site,) = (venv / "lib").glob("python3*/site-packages")
    import numpy

    ours = Path(numpy.__file__).parents[1]
    for name in ("numpy", "numpy.libs"):
        if (ours / name).is_dir():
            shutil.copytree(ours / name, site / name, copy_function=_linked,
                            ignore=shutil.ignore_patterns("__pycache__", "tests"))
    (site / "theirs.pth").write_text(f"{ours}\n")
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index",
                           "--target", str(site), "-q", str(wheel)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    student = tmp_path / "student"
    student.mkdir()
    code = (ROOT / "solutions" / "p209.py").read_text()
    (student / "p209.py").write_text("import numpy.random\nimport numpy.testing\n" + code)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    graded = subprocess.run([venv / "bin" / "python", "-m", "grader", "check", str(student),
                             "--only", "209"], cwd=tmp_path, env={**env, "GRADER_NO_SERVER": "1"},
                            capture_output=True, text=True, timeout=600)
    assert graded.returncode == 0, graded.stdout + graded.stderr
    assert "passed    p209" in graded.stdout


def _linked(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system
        shutil.copy2(source, target)
