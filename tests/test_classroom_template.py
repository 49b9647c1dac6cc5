"""`grader classroom-template`: the files, the workflow's contract with GitHub Classroom, the
grader the repository carries, and the workflow's own steps run here on the template: stubs
fail, the solutions pass, a grader that stops still hands the reporter a result.
(tests/test_classroom_reporter.py runs the whole workflow and the reporter itself.)"""
from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SOLUTIONS, run_cli
from grader import __version__
from grader import language
from grader.bank import load_bank, select
from grader.render.environment import render

IDS = "209,219"
WORKFLOW = ".github/workflows/classroom.yml"
WHEEL = f"backprop_grader-{__version__}-py3-none-any.whl"


@pytest.fixture
def wheel(tmp_path) -> Path:
    """A stand-in for the grader's wheel (the real one takes seconds to build)."""
    made = tmp_path / "dist" / WHEEL
    made.parent.mkdir()
    made.write_bytes(b"PK\x05\x06" + b"\x00" * 18)
    return made


@pytest.fixture
def template(tmp_path, wheel):
    folder = tmp_path / "assignment"
    done = run_cli("classroom-template", str(folder), "--only", IDS, "--lang", "ko",
                   "--wheel", str(wheel))
    assert done.returncode == 0, done.stderr
    return folder


def workflow(folder: Path) -> dict:
    return yaml.safe_load((folder / WORKFLOW).read_text())


def steps(folder: Path) -> list[dict]:
    return workflow(folder)["jobs"]["run-autograding-tests"]["steps"]


def test_the_template_holds_stubs_a_readme_and_the_workflow_only(template):
    names = sorted(p.relative_to(template).as_posix() for p in template.rglob("*") if p.is_file())
    assert names == sorted([WORKFLOW, ".gitignore", "README.md", "p209.py", "p219.py",
                            "grader.cfg", f".github/grader/{WHEEL}"])
    assert language.configured(template) == "ko"  # grading there speaks the stubs' language
    for spec in select(load_bank(), IDS):  # the stubs of `grader stubs`, not the solutions
        text = (template / spec.filename).read_text()
        assert text == render("stub.py.j2", spec=spec, lang="ko")
        assert text != (SOLUTIONS / spec.filename).read_text()
        assert "NotImplementedError" in text
    readme = (template / "README.md").read_text()
    assert "grader check . --only 209,219 --lang ko" in readme and "p219" in readme


def test_the_workflow_has_the_names_classroom_requires_and_feeds_the_reporter(template):
    wf = workflow(template)
    assert wf["name"] == "Autograding Tests"
    assert list(wf["jobs"]) == ["run-autograding-tests"]
    assert "push" in wf["on"]  # quoted: a bare `on` is YAML 1.1's True
    grading = next(s for s in steps(template) if s.get("id") == "grader")
    assert "--format classroom" in grading["run"] and "--only 209,219" in grading["run"]
    reporter = next(s for s in steps(template)
                    if s.get("uses", "").startswith("classroom-resources/autograding-grading-reporter"))
    assert reporter["uses"].endswith("@v1") and "cancelled()" in reporter["if"]
    runners = reporter["with"]["runners"].split(",")
    assert runners == ["grader"]
    # src/main.js reads process.env[`${runner.toUpperCase()}_RESULTS`]: the grading step's
    # result, or the install step's when it failed (and the grading step never ran)
    assert reporter["env"] == {
        "GRADER_RESULTS": "${{ steps.grader.outputs.result || steps.install.outputs.result }}"}
    install = next(s for s in steps(template) if "pip install" in s.get("run", ""))
    assert install["id"] == "install"
    assert f"pip install --quiet ./.github/grader/{WHEEL};" in install["run"]
    assert "backprop-grader==" not in (template / WORKFLOW).read_text()  # no index serves it
    assert f"pip install ./.github/grader/{WHEEL} pytest" in (template / "README.md").read_text()


def test_the_install_source_is_the_instructors_choice(tmp_path):
    spec = "git+https://example.org/course/backprop-grader.git@v1 ; python_version >= '3.10'"
    folder = tmp_path / "t"
    assert run_cli("classroom-template", str(folder), "--only", "209", "--install", spec).returncode == 0
    install = next(s for s in steps(folder) if "pip install" in s.get("run", ""))
    assert subprocess.run(["bash", "-c", install["run"].replace("python -m pip install --quiet",
                                                                "printf '%s\\n'")],
                          capture_output=True, text=True).stdout == spec + "\n"
    assert not (folder / ".github" / "grader").exists()
    done = run_cli("classroom-template", str(tmp_path / "u"), "--only", "209",
                   "--install", "x\nrm -rf /")
    assert done.returncode == 2 and done.stderr.startswith("grader: ")


@pytest.mark.parametrize("args, says", [
    (["--wheel", "nowhere.whl"], "--wheel nowhere.whl is not a wheel file (.whl)"),
    (["--wheel", "x.whl", "--install", "y"], "not allowed with argument")])
def test_a_wrong_source_of_the_grader_is_one_line(tmp_path, args, says):
    done = run_cli("classroom-template", str(tmp_path / "t"), "--only", "209", *args)
    assert done.returncode == 2 and says in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "t").exists()


def test_by_default_the_repository_carries_the_wheel_of_this_grader(tmp_path):
    """Built from this checkout: the package and the bank, never the solutions."""
    done = run_cli("classroom-template", str(tmp_path / "t"), "--only", "209", timeout=600)
    assert done.returncode == 0, done.stderr
    (wheel,) = (tmp_path / "t" / ".github" / "grader").glob("backprop_grader-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "grader/platforms/classroom_template.py" in names
    assert "grader/exercises/p209.yaml" in names
    assert not [n for n in names if "solutions" in n]
    assert f"./.github/grader/{wheel.name}" in (tmp_path / "t" / WORKFLOW).read_text()


def test_it_never_overwrites(template):
    (template / "p209.py").write_text("# my work\n")
    done = run_cli("classroom-template", str(template), "--only", IDS)
    assert done.returncode == 0 and "kept" in done.stdout
    assert (template / "p209.py").read_text() == "# my work\n"


def run_grading_step(folder: Path, tmp_path: Path, grader: str | None = None
                     ) -> tuple[subprocess.CompletedProcess, dict]:
    """The workflow's grading step as Actions runs it (bash -eo pipefail), `grader` on PATH
    (this checkout's, or the shell script `grader`)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    shim = bin_dir / "grader"
    shim.write_text(grader or f"#!/bin/sh\nexec {sys.executable} -m grader \"$@\"\n")
    shim.chmod(0o755)
    output = tmp_path / "github_output"
    output.write_text("")
    script = tmp_path / "step.sh"
    script.write_text(next(s for s in steps(folder) if s.get("id") == "grader")["run"])
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "PYTHONPATH": str(ROOT),
           "GITHUB_OUTPUT": str(output), "GITHUB_ACTIONS": "true", "NO_COLOR": "1"}
    done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                          cwd=folder, env=env, capture_output=True, text=True, timeout=120)
    reporter = next(s for s in steps(folder) if "autograding-grading-reporter" in s.get("uses", ""))
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines())
    environ = {name: outputs["result"] for name in reporter["env"]}  # steps.grader.outputs.result
    runner = reporter["with"]["runners"]
    payload = json.loads(base64.b64decode(environ[f"{runner.upper()}_RESULTS"]))
    return done, payload


def test_the_workflow_grades_the_stubs_as_failing_and_the_solutions_as_passing(template, tmp_path):
    done, payload = run_grading_step(template, tmp_path)
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith("::stop-commands::"), "student text in the log is inert"
    assert payload["status"] in ("fail", "error") and payload["max_score"] == 2
    assert sum(t["score"] for t in payload["tests"]) == 0
    for spec in select(load_bank(), IDS):
        shutil.copyfile(SOLUTIONS / spec.filename, template / spec.filename)
    done, payload = run_grading_step(template, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert payload["status"] == "pass"
    assert sum(t["score"] for t in payload["tests"]) == payload["max_score"] == 2


def test_a_grader_that_stops_without_a_result_still_hands_the_reporter_one(template, tmp_path):
    """The grading step itself writes 0 points and why, in the students' language, so the
    reporter never reads an empty variable (`Unexpected end of JSON input`)."""
    done, payload = run_grading_step(template, tmp_path, grader="#!/bin/sh\nexit 3\n")
    assert done.returncode == 3
    assert "::error title=채점기가 결과 없이 멈췄습니다::" in done.stdout
    assert payload["status"] == "error" and payload["max_score"] == 2
    (test,) = payload["tests"]
    assert test["score"] == 0 and test["message"].startswith("채점기가 결과를 쓰기 전에 멈춰서")


def test_the_install_steps_result_for_a_failed_install_is_the_reporters_format(template):
    """What the install step hands the reporter when pip fails: a result as a runner writes
    it, 0 of the template's points (tests/test_classroom_reporter.py runs it for real)."""
    install = next(s for s in steps(template) if s.get("id") == "install")["run"]
    encoded = re.search(r'echo "result=([A-Za-z0-9+/=]+)" >> "\$GITHUB_OUTPUT"', install).group(1)
    payload = json.loads(base64.b64decode(encoded))
    assert payload["version"] == 1 and payload["status"] == "error"
    assert payload["max_score"] == 2 and [t["score"] for t in payload["tests"]] == [0]
    assert payload["tests"][0]["message"].startswith("채점기를 설치하지 못해")


# -- the Gradescope autograder zip ----------------------------------------------------------


def test_gradescope_zip_has_executable_scripts_and_grades_into_results_json(tmp_path):
    target = tmp_path / "autograder.zip"
    done = run_cli("gradescope-autograder", str(target), "--only", IDS,
                   "--install", f"backprop-grader=={__version__}")
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(target) as z:
        assert sorted(z.namelist()) == ["run_autograder", "setup.sh"]
        for info in z.infolist():
            assert (info.external_attr >> 16) & 0o111, f"{info.filename} is executable"
        assert f"pip install --quiet backprop-grader=={__version__}" in z.read("setup.sh").decode()
        root = tmp_path / "autograder"
        (root / "source").mkdir(parents=True)
        z.extractall(root / "source")
    submission = root / "submission" / "my-repo"  # a repository upload: one level down
    submission.mkdir(parents=True)
    shutil.copyfile(SOLUTIONS / "p209.py", submission / "p209.py")
    env = {**os.environ, "AUTOGRADER_ROOT": str(root), "GRADER_PYTHON": sys.executable,
           "PYTHONPATH": str(ROOT)}
    run = subprocess.run(["bash", str(root / "source" / "run_autograder")], env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    results = json.loads((root / "results" / "results.json").read_text())
    assert results["score"] == 1.0
    assert [(t["number"], t["status"]) for t in results["tests"]] == [("209", "passed"),
                                                                      ("219", "failed")]
    # a grader that cannot run still leaves a results.json that says so
    env["GRADER_PYTHON"] = "/bin/false"
    run = subprocess.run(["bash", str(root / "source" / "run_autograder")], env=env,
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0
    assert json.loads((root / "results" / "results.json").read_text())["score"] == 0


def test_gradescope_zip_bundles_a_given_wheel(tmp_path):
    wheel = tmp_path / f"backprop_grader-{__version__}-py3-none-any.whl"
    wheel.write_bytes(b"PK\x05\x06" + b"\x00" * 18)
    target = tmp_path / "autograder.zip"
    done = run_cli("gradescope-autograder", str(target), "--only", "209", "--wheel", str(wheel))
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(target) as z:
        assert wheel.name in z.namelist()
        assert f'"$source_dir/"{wheel.name}' in z.read("setup.sh").decode()
        assert not any("solutions" in n for n in z.namelist())
