"""A repository from `grader classroom-template` passes its reporter step, proved with GitHub
Classroom's own reporter (issue 23, item 2): the workflow's steps run here as Actions runs them,
from a fresh virtual environment that has nothing but what the repository carries (the grader's
wheel in .github/grader/; numpy, pyyaml and jinja2 from this machine's package index), then the
reporter's src/main.js runs under node on what they wrote.

The reporter is classroom-resources/autograding-grading-reporter, used as it is and never copied
into this project. The test skips without node or a prepared copy of it, in
GRADER_CLASSROOM_REPORTER (default /tmp/reporter): src/main.js with its dependencies installed.
To prepare one from a snapshot of its repository (a git directory):

    mkdir -p /tmp/reporter && git --git-dir=SNAPSHOT archive HEAD | tar -x -C /tmp/reporter
    cd /tmp/reporter && npm install --omit=dev
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from conftest import SOLUTIONS, run_cli
from notebooks import kernel_code, write

REPORTER = Path(os.environ.get("GRADER_CLASSROOM_REPORTER", "/tmp/reporter"))
NODE = shutil.which("node")
IDS = "209,219"

pytestmark = pytest.mark.skipif(
    NODE is None or not (REPORTER / "src" / "main.js").is_file()
    or not (REPORTER / "node_modules" / "@actions" / "core").is_dir(),
    reason=f"needs node and the Classroom reporter prepared in {REPORTER} "
           "(GRADER_CLASSROOM_REPORTER; see this module's docstring)")

EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}")
OUTPUT = re.compile(r"^\s*steps\.([\w-]+)\.outputs\.([\w-]+)\s*$")


@dataclass
class Run:
    """What the workflow's steps printed, and the reporter's own run."""

    logs: dict[str, str] = field(default_factory=dict)
    """step name -> what it printed"""
    skipped: list[str] = field(default_factory=list)
    reporter: subprocess.CompletedProcess | None = None


def evaluate(value: str, outputs: dict[str, dict[str, str]]) -> str:
    """A step's env value with its `${{ steps.ID.outputs.NAME || … }}` as Actions evaluates
    it; any other expression fails the test (this emulation would not know it)."""
    def one(found: re.Match) -> str:
        for term in found.group(1).split("||"):
            step = OUTPUT.match(term)
            assert step, f"an expression this test does not evaluate: {found.group(0)}"
            value = outputs.get(step.group(1), {}).get(step.group(2), "")
            if value:
                return value
        return ""

    return EXPRESSION.sub(one, value)


def run_workflow(repo: Path, python: Path, work: Path, pip_env: dict | None = None) -> Run:
    """The job's steps in order, as a runner takes them: `run` steps in bash -eo pipefail in the
    repository, each with its own $GITHUB_OUTPUT, `python` and `grader` those of the fresh
    environment (actions/setup-python), later steps skipped after a failure unless their `if`
    says otherwise; the reporter's step runs src/main.js with its env and inputs."""
    workflow = yaml.safe_load((repo / ".github" / "workflows" / "classroom.yml").read_text())
    (job,) = workflow["jobs"].values()
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "GRADER_"))}
    environ.update(PATH=f"{python.parent}:{os.environ['PATH']}", CI="true", GITHUB_ACTIONS="true",
                   NO_COLOR="1", GITHUB_STEP_SUMMARY=str(work / "summary.md"), **(pip_env or {}))
    run, outputs, failed = Run(), {}, False
    for n, step in enumerate(job["steps"]):
        if failed and "cancelled()" not in step.get("if", "") and "always()" not in step.get(
                "if", ""):
            run.skipped.append(step["name"])
            continue
        if "autograding-grading-reporter" in step.get("uses", ""):
            env = {**environ, **{k: evaluate(v, outputs) for k, v in step["env"].items()},
                   "INPUT_RUNNERS": step["with"]["runners"]}
            run.reporter = subprocess.run([NODE, str(REPORTER / "src" / "main.js")], env=env,
                                          capture_output=True, text=True, timeout=120)
            continue
        if "run" not in step:  # checkout (the repository is here), setup-python (`python`)
            continue
        output = work / f"output-{n}"
        output.write_text("")
        script = work / f"step-{n}.sh"
        script.write_text(step["run"])
        done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                              cwd=repo, env={**environ, "GITHUB_OUTPUT": str(output)},
                              capture_output=True, text=True, timeout=600)
        run.logs[step["name"]] = done.stdout + done.stderr
        outputs[step.get("id", str(n))] = dict(line.split("=", 1) for line in
                                               output.read_text().splitlines() if "=" in line)
        failed = failed or done.returncode != 0
    return run


@pytest.fixture
def fresh_python(tmp_path) -> Path:
    """A virtual environment with pip and nothing else, as actions/setup-python gives."""
    folder = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True, timeout=300)
    python = folder / "bin" / "python"
    bare = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    assert subprocess.run([python, "-c", "import grader"], cwd=folder, env=bare,
                          capture_output=True).returncode != 0
    return python


def test_the_reporter_fails_on_an_empty_result_as_it_did():
    """The failure this test guards against, shown by the reporter itself: a result variable
    left empty (the install step failed, so the grading step never wrote it)."""
    env = {**os.environ, "INPUT_RUNNERS": "grader", "GRADER_RESULTS": ""}
    done = subprocess.run([NODE, str(REPORTER / "src" / "main.js")], env=env,
                          capture_output=True, text=True, timeout=120)
    assert "Unexpected end of JSON input" in done.stdout + done.stderr


def test_a_template_repository_grades_from_its_own_wheel_and_reports_the_score(
        tmp_path, fresh_python):
    """Built by the grader from this checkout (the wheel goes into .github/grader/), installed
    from there into a fresh environment; p209 written in its file, p219 in the notebook the
    README invites, its p219.py still the stub: 2 / 2."""
    repo = tmp_path / "assignment"
    made = run_cli("classroom-template", str(repo), "--only", IDS, timeout=600)
    assert made.returncode == 0, made.stderr
    (wheel,) = (repo / ".github" / "grader").glob("backprop_grader-*.whl")
    shutil.copyfile(SOLUTIONS / "p209.py", repo / "p209.py")
    write(repo / "homework.ipynb", [("markdown", "## 문제 219"), ("code", kernel_code("219"))])
    run = run_workflow(repo, fresh_python, tmp_path)
    assert not run.skipped, run.logs
    said = run.reporter.stdout + run.reporter.stderr
    assert "Unexpected end of JSON input" not in said
    assert "::notice title=Autograding complete::Points 2/2" in said, (said, run.logs)
    assert '"totalPoints":2,"maxPoints":2' in said
    assert "✅ p209" in said and "✅ p219" in said
    assert run.reporter.returncode == 0, said
    installed = subprocess.run([fresh_python, "-m", "pip", "show", "backprop-grader"],
                               capture_output=True, text=True).stdout
    assert f"Location: {fresh_python.parent.parent}" in installed  # the wheel, not this checkout
    assert "Editable" not in installed and wheel.name.startswith("backprop_grader-")


def test_when_the_grader_cannot_be_installed_the_log_and_the_reporter_say_so(
        tmp_path, fresh_python):
    """The template as it used to be, installing `backprop-grader==0.1.0` by name, where no
    index serves it: the install step says why in Korean, the grading step is skipped, and the
    reporter reads a result of 0 points with that reason, not an empty variable."""
    repo = tmp_path / "assignment"
    made = run_cli("classroom-template", str(repo), "--only", IDS, "--lang", "ko",
                   "--install", "backprop-grader==0.1.0")
    assert made.returncode == 0, made.stderr
    run = run_workflow(repo, fresh_python, tmp_path,
                       pip_env={"PIP_NO_INDEX": "1", "PIP_CONFIG_FILE": os.devnull})
    install = run.logs["Install the grader"]
    assert "No matching distribution found for backprop-grader==0.1.0" in install
    assert "::error title=채점기를 설치하지 못했습니다::채점기를 설치하지 못해" in install
    assert run.skipped == ["Grade"]
    said = run.reporter.stdout + run.reporter.stderr
    assert "Unexpected end of JSON input" not in said
    assert "::notice title=Autograding complete::Points 0/2" in said, said
    assert "Error: 채점기를 설치하지 못해 아무것도 채점하지 않았고" in said
    assert "::error::Some tests errored." in said  # the run is marked failed, with a reason
