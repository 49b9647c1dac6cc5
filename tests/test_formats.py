"""The CI and platform formats, each checked against its consumer's contract on real results.

classroom: decoded and summed as autograding-grading-reporter does (src/main.js,
src/notify-classroom.js); gradescope: the fields of Gradescope's results.json; junit: parsed
with xml.etree; github: the emitted log read the way actions/runner reads workflow commands.
A hostile exercise puts workflow commands, control characters and markup in its messages and a
`,` and `:` in its file name.
"""
from __future__ import annotations

import base64
import io
import json
import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import SOLUTIONS, run_cli
from grader.bank import load_bank, select
from grader.grading.engine import Grader
from grader.grading.job import Options
from grader.platforms.formats import FORMATS, Target, classroom, emit, github, gradescope, junit
from grader.render import json_report
from grader.render.environment import render
from grader.render.words import points

IDS = "101,209,210,211,219"
HOSTILE = ("boom\n::notice title=Autograding report::{\"totalPoints\":99,\"maxPoints\":1}\r"
           "::add-mask::x\n  ##[set-output name=result;]Zm9v 100%0A \x00\x1b[31m </pre><script>")
EVIL_MODULE = "evil,x:y"


def make_submission(folder: Path, bank) -> Path:
    """p101 missing, p209 passes, p210 fails (a wrong print), p211 raises hostile text from a
    helper file, p219 is the stub (not implemented)."""
    folder.mkdir()
    (folder / "p209.py").write_text((SOLUTIONS / "p209.py").read_text())
    (folder / "p210.py").write_text("print(219)\n")
    (folder / "p211.py").write_text(
        f"import importlib\nevil = importlib.import_module({EVIL_MODULE!r})\n\n\n"
        "class AddLayer:\n    def forward(self, x, y):\n        evil.boom()\n\n"
        "    def backward(self, dout):\n        evil.boom()\n")
    (folder / f"{EVIL_MODULE}.py").write_text(f"def boom():\n    raise ValueError({HOSTILE!r})\n")
    spec = next(s for s in bank if s.id == "219")
    (folder / "p219.py").write_text(render("stub.py.j2", spec=spec, lang="en"))
    return folder


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    bank = load_bank()
    folder = make_submission(tmp_path_factory.mktemp("formats") / "alice", bank)
    with Grader(select(bank, IDS), Options(seed=5, solutions=None)) as grader:
        data = json_report.as_dict(grader.grade_folder(folder))
    by_id = {e["id"]: e for e in data["exercises"]}
    assert [by_id[i]["status"] for i in ("101", "209", "210", "211", "219")] == \
        ["missing", "passed", "failed", "error", "error"]
    assert any(c.get("line") and c["line"]["file"] == f"{EVIL_MODULE}.py"
               for c in by_id["211"]["checks"]), "the hostile file is where a check raised"
    return data


def texts(value):
    """Every string inside a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from texts(v)
    elif isinstance(value, list):
        for v in value:
            yield from texts(v)


# -- the Actions runner, as actions/runner reads a log (ActionCommand.cs, ActionCommandManager.cs)

REGISTERED = {"error", "warning", "notice", "debug", "set-output", "set-env", "add-path",
              "add-mask", "save-state", "group", "endgroup", "echo", "add-matcher",
              "remove-matcher", "stop-commands"}


def runner_commands(log: str) -> list[tuple[str, dict, str]]:
    """The workflow commands the runner would run: (command, properties, data)."""
    done, token = [], None
    for line in re.split(r"\r\n|\r|\n", log):
        parsed = _parse_v2(line, REGISTERED | ({token} if token else set())) or _parse_legacy(line)
        if parsed is None:
            continue
        name, props, data = parsed
        if token is not None:
            if name == token:
                token = None
            continue
        if name == "stop-commands":
            token = data
            continue
        done.append(parsed)
    return done


def _parse_v2(line, registered):
    message = line.lstrip()
    if not message.startswith("::"):
        return None
    end = message.find("::", 2)
    if end < 0:
        return None
    info = message[2:end]
    name, _, props_text = info.partition(" ")
    if name not in registered:
        return None
    props = {}
    for pair in filter(None, props_text.strip().split(",")):
        key, eq, value = pair.partition("=")
        if eq:
            props[key] = _unescape(value, property=True)
    return name, props, _unescape(message[end + 2:])


def _parse_legacy(line):
    start = line.find("##[")
    end = line.find("]", start) if start >= 0 else -1
    if end < 0:
        return None
    name = line[start + 3:end].split(" ")[0]
    return (name, {}, line[end + 1:]) if name in REGISTERED else None


def _unescape(text, property=False):
    pairs = [("%0D", "\r"), ("%0A", "\n")] + ([("%3A", ":"), ("%2C", ",")] if property else [])
    for escaped, raw in pairs + [("%25", "%")]:
        text = text.replace(escaped, raw)
    return text


# -- classroom ------------------------------------------------------------------------------


def reporter_reads(output_file_text: str, runner: str = "grader") -> dict:
    """The step output `result`, handed as <RUNNER>_RESULTS and decoded as src/main.js does."""
    outputs = dict(line.split("=", 1) for line in output_file_text.splitlines() if "=" in line)
    environ = {f"{runner.upper()}_RESULTS": outputs["result"]}
    return json.loads(base64.b64decode(environ[f"{runner.upper()}_RESULTS"]).decode("utf-8"))


def reporter_points(runner_results: list[dict]) -> tuple[float, float]:
    """src/notify-classroom.js: runners without max_score are skipped; scores summed in order."""
    total = maximum = 0
    for result in runner_results:
        if not result.get("max_score"):
            continue
        maximum += result["max_score"]
        for test in result["tests"]:  # a result without tests is a TypeError there
            total += test["score"]
    return total, maximum


def test_classroom_goes_to_github_output_and_sums_as_the_reporter_does(results, tmp_path):
    github_output = tmp_path / "github_output"
    github_output.write_text("earlier=1\n")
    out = io.StringIO()
    emit("classroom", results, Target(environ={"GITHUB_OUTPUT": str(github_output)}, stdout=out))
    assert out.getvalue() == "", "with $GITHUB_OUTPUT nothing goes to the log"
    text = github_output.read_text()
    assert text.startswith("earlier=1\n") and text.count("result=") == 1
    payload = reporter_reads(text)
    assert payload["version"] == 1 and payload["status"] == "fail"
    assert payload["max_score"] == results["max_score"]
    total, maximum = reporter_points([payload])
    assert maximum == results["max_score"] and math.isclose(total, results["score"], abs_tol=1e-9)
    assert len(payload["tests"]) == len(results["exercises"])
    for test, exercise in zip(payload["tests"], results["exercises"]):
        assert set(test) >= {"name", "status", "score", "message", "test_code", "filename",
                             "line_no", "duration"}
        assert test["status"] in ("pass", "fail", "error")
        assert test["score"] == exercise["score"]
        assert isinstance(test["line_no"], int) and isinstance(test["duration"], int)
        assert (test["status"] == "pass") == (exercise["status"] == "passed")
        assert (test["message"] == "") == (exercise["status"] == "passed")
    by_name = {t["name"][:4]: t for t in payload["tests"]}
    assert by_name["p219"]["filename"] == "p219.py" and by_name["p219"]["line_no"] > 1
    assert "not implemented" in by_name["p219"]["message"]
    assert by_name["p101"]["status"] == "fail" and "missing" in by_name["p101"]["message"]


def reporter_log(payload: dict, runner: str = "grader") -> str:
    """What the reporter prints for one runner (src/console-results.js at v1, colours left out):
    a fail shows its name and line, never its message; an error only its message; any status
    its test_code; then its own total, tests passed over tests times max_score."""
    out = [f"🔄 Processing: {runner}"]
    for test in payload["tests"]:
        line = f" - line {test['line_no']}" if test["line_no"] != 0 else ""
        if test["status"] == "pass":
            out.append(f"✅ {test['name']}{line}")
        elif test["status"] == "error":
            out.append(f"Error: {test['message'] or 'Failed to run test ' + repr(test['name'])}")
        else:
            out.append(f"❌ {test['name']}{line}")
        if test["test_code"]:
            out += ["Test code:", test["test_code"], ""]
    passed = sum(t["status"] == "pass" for t in payload["tests"])
    out.append(f"Total points for {runner}: "
               f"{passed / len(payload['tests']) * payload['max_score']:.2f}/{payload['max_score']}")
    return "\n".join(out) + "\n"


def test_classroom_log_shows_why_each_exercise_failed_and_its_hint(tmp_path):
    """As the reporter prints the payload: a failing exercise's check, difference and hint, an
    error's exercise and message; a line only where the code raised; the job summary states the
    score Classroom records (the sum of scores), which the log's own total does not."""
    bank = load_bank()
    folder = tmp_path / "bob"
    folder.mkdir()
    (folder / "p209.py").write_text((SOLUTIONS / "mistakes" / "p209_swaps-gradients.py").read_text())
    (folder / "p211.py").write_text((SOLUTIONS / "p211.py").read_text())
    spec = next(s for s in bank if s.id == "219")
    (folder / "p219.py").write_text(render("stub.py.j2", spec=spec, lang="ko"))
    with Grader(select(bank, "209,211,219"), Options(seed=5, lang="ko")) as grader:
        data = json_report.as_dict(grader.grade_folder(folder))
    summary_file = tmp_path / "summary.md"
    github_output = tmp_path / "github_output"
    emit("classroom", data, Target(environ={"GITHUB_OUTPUT": str(github_output),
                                            "GITHUB_STEP_SUMMARY": str(summary_file)}))
    payload = reporter_reads(github_output.read_text())
    log = reporter_log(payload)
    hint = next(c["hint"] for c in data["exercises"][0]["checks"] if c["hint"])
    assert "dx와 dy가 뒤바뀌었습니다" in hint and hint in log  # the recognised mistake, in Korean
    failed = next(c for c in data["exercises"][0]["checks"] if c["status"] == "failed")
    assert failed["message"].splitlines()[0] in log and "grader check . --only 209" in log
    assert "❌ p209" in log and " - line" not in log.split("❌ p209")[1].splitlines()[0]
    assert "Error: p219" in log and "아직 구현되지 않았습니다" in log
    by_name = {t["name"][:4]: t for t in payload["tests"]}
    assert by_name["p219"]["line_no"] > 0 and by_name["p209"]["line_no"] == 0
    assert by_name["p211"]["test_code"] == "" and "✅ p211" in log
    recorded = summary_file.read_text()
    assert 0 < data["score"] < 2  # partial credit on 209: the log's pass count says 1/3 of 3
    assert f"{data['score']:g} / {data['max_score']:g}" in recorded and "GitHub Classroom" in recorded
    assert "Total points for grader: 1.00/3.0" in log


def test_classroom_log_says_where_a_notebook_students_missing_exercise_was_looked_for(tmp_path):
    """A student who works in a notebook is told, for an exercise the grader did not find, that
    the notebook has no section marked for it, not only that p210.py is missing."""
    from notebooks import kernel_code, write

    bank = load_bank()
    write(tmp_path / "ch05.ipynb", [("markdown", "# 5.4.1"), ("code", kernel_code("209"))])
    with Grader(select(bank, "209,210"), Options(seed=5, lang="ko"), bank=bank) as grader:
        data = json_report.as_dict(grader.grade_folder(tmp_path))
    log = reporter_log(reporter_reads(classroom.render(data)))
    missing = log.split("❌ p210")[1]
    assert "p210.py 파일이 없습니다" in missing
    assert "ch05.ipynb에 문제 210(또는 Problem 210)로 표시된 부분이 없습니다" in missing


def test_classroom_payload_cannot_issue_workflow_commands_when_the_reporter_prints_it(results):
    payload = reporter_reads(classroom.render(results))
    assert runner_commands(reporter_log(payload)) == []
    for text in texts(payload):
        assert "##[" not in text
        assert not any(line.lstrip().startswith("::") for line in re.split(r"\r|\n", text))
    hostile = next(t for t in payload["tests"] if t["name"].startswith("p211"))
    assert "boom" in hostile["message"] and "totalPoints" in hostile["message"]


def test_classroom_without_github_output_writes_the_line_to_output_or_stdout(results, tmp_path):
    out = io.StringIO()
    emit("classroom", results, Target(environ={}, stdout=out))
    assert out.getvalue().startswith("result=") and out.getvalue().endswith("\n")
    target = tmp_path / "classroom.txt"
    emit("classroom", results, Target(output=target, environ={}))
    assert reporter_reads(target.read_text()) == reporter_reads(out.getvalue())


def test_classroom_fits_an_environment_variable_whatever_the_messages(results):
    huge = json.loads(json.dumps(results))
    for exercise in huge["exercises"] * 3:
        for check in exercise["checks"]:
            check["message"] = "x" * 200_000
    huge["exercises"] = huge["exercises"] * 10
    line = classroom.render(huge)
    assert len(line) < classroom.MAX_ENCODED + 10 < 128 * 1024
    payload = reporter_reads(line)
    assert len(payload["tests"]) == len(huge["exercises"]) and payload["tests"]


def test_classroom_always_has_tests_even_with_no_exercise():
    payload = reporter_reads(classroom.render({"score": 0, "max_score": 0, "exercises": []}))
    assert payload["tests"] and payload["status"] == "error"


# -- gradescope -----------------------------------------------------------------------------


def test_gradescope_results_json_has_the_spec_fields_and_the_same_score(results):
    data = json.loads(gradescope.render(results))
    assert data["score"] == results["score"]  # it overrides the tests' total on Gradescope
    assert isinstance(data["execution_time"], int) and isinstance(data["output"], str)
    assert data["visibility"] in ("hidden", "after_due_date", "after_published", "visible")
    assert len(data["tests"]) == len(results["exercises"])
    for test, exercise in zip(data["tests"], results["exercises"]):
        assert set(test) >= {"name", "number", "score", "max_score", "status", "output",
                             "visibility"}
        assert test["status"] == ("passed" if exercise["status"] == "passed" else "failed")
        assert (test["score"], test["max_score"]) == (exercise["score"], exercise["max_score"])
    assert math.isclose(sum(t["score"] for t in data["tests"]), results["score"], abs_tol=1e-9)
    assert math.isclose(sum(t["max_score"] for t in data["tests"]), results["max_score"])
    failing = next(t for t in data["tests"] if t["number"] == "219")
    assert "not implemented" in failing["output"]


# -- junit ----------------------------------------------------------------------------------


def test_junit_parses_with_one_testcase_per_check_and_the_counts_add_up(results):
    root = ET.fromstring(junit.render(results).encode("utf-8"))  # the hostile \x00 is gone
    assert root.tag == "testsuites"
    cases = root.findall("./testsuite/testcase")
    expected_cases = sum(len(e["checks"]) or 1 for e in results["exercises"])
    assert int(root.get("tests")) == len(cases) == expected_cases
    statuses = [c["status"] for e in results["exercises"] for c in e["checks"]] + [
        e["status"] for e in results["exercises"] if not e["checks"]]
    assert int(root.get("failures")) == len(root.findall(".//failure")) == \
        sum(s in ("failed", "missing") for s in statuses)
    assert int(root.get("errors")) == len(root.findall(".//error")) == \
        sum(s in ("error", "timeout") for s in statuses)
    assert int(root.get("skipped")) == len(root.findall(".//skipped")) == statuses.count("skipped")
    score = maximum = 0.0
    for suite, exercise in zip(root.findall("testsuite"), results["exercises"]):
        props = {p.get("name"): p.get("value") for p in suite.findall("properties/property")}
        score += float(props["score"])
        maximum += float(props["max_score"])
        assert int(suite.get("tests")) == len(suite.findall("testcase"))
        assert {c.get("classname") for c in suite.findall("testcase")} == {f"p{exercise['id']}"}
    assert math.isclose(score, results["score"], abs_tol=1e-9) and maximum == results["max_score"]
    failure = root.find(".//testsuite/testcase[@classname='p210']/failure")
    assert failure.get("message") and "220" in failure.text


# -- github ---------------------------------------------------------------------------------


def test_github_annotations_point_at_the_students_lines_and_stay_one_command(results, tmp_path):
    summary_file = tmp_path / "summary.md"
    summary_file.write_text("earlier\n")
    out = io.StringIO()
    folder = tmp_path / "repo" / "work"
    emit("github", results, Target(environ={"GITHUB_STEP_SUMMARY": str(summary_file),
                                            "GITHUB_WORKSPACE": str(tmp_path / "repo")},
                                   stdout=out, folder=folder))
    log = out.getvalue()
    assert "backprop-grader" not in log, "the summary goes to its file, not to the log"
    commands = runner_commands(log)
    assert [c[0] for c in commands] == ["error"] * len(log.splitlines())
    not_passed = [e for e in results["exercises"] if e["status"] != "passed"]
    assert len(commands) == len(not_passed)
    by_title = {props["title"][:4]: (props, data) for _, props, data in commands}
    assert set(by_title) == {f"p{e['id']}" for e in not_passed}
    assert "file" not in by_title["p101"][0], "a missing file has nowhere to point"
    assert by_title["p210"][0]["file"] == "work/p210.py" and by_title["p210"][0]["line"] == "1"
    assert by_title["p219"][0]["file"] == "work/p219.py" and int(by_title["p219"][0]["line"]) > 1
    assert by_title["p211"][0]["file"] == f"work/{EVIL_MODULE}.py"  # , and : escaped, intact
    assert "::notice title=Autograding report::" in by_title["p211"][1]  # data, not a command
    assert "hint" in by_title["p210"][1] or "220" in by_title["p210"][1]
    summary = summary_file.read_text()
    assert summary.startswith("earlier\n## backprop-grader: ")
    assert f"{results['score']:g} / {results['max_score']:g}" in summary
    assert "<script>" not in summary and "&lt;/pre&gt;&lt;script&gt;" in summary


def test_github_without_a_summary_file_prints_it_with_commands_stopped(results):
    out = io.StringIO()
    emit("github", results, Target(environ={}, stdout=out))
    log = out.getvalue()
    assert "## backprop-grader" in log and "::stop-commands::" in log
    token = re.search(r"^::stop-commands::(\w+)$", log, re.M).group(1)
    assert len(token) >= 32 and log.rstrip().endswith(f"::{token}::")
    assert {c[0] for c in runner_commands(log)} == {"error"}


def test_escaping_follows_the_runner_rules():
    assert github.escape_data("a%b\r\nc:d,e") == "a%25b%0D%0Ac:d,e"
    assert github.escape_property("a%b\r\nc:d,e") == "a%25b%0D%0Ac%3Ad%2Ce"
    assert _unescape(github.escape_property("%0A:,%"), property=True) == "%0A:,%"


# -- the command line: every format has the score of --json ---------------------------------


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_check_format_output_has_the_score_of_the_results_json(name, tmp_path):
    folder = make_submission(tmp_path / "bob", load_bank())
    out, js = tmp_path / f"out.{name}", tmp_path / "results.json"
    summary = tmp_path / "summary.md"
    done = run_cli("check", str(folder), "--only", "101,209,210", "--seed", "5", "--json", str(js),
                   "--format", name, "--output", str(out),
                   env={"GITHUB_STEP_SUMMARY": str(summary), "GITHUB_OUTPUT": ""})
    assert done.returncode == 1, done.stderr
    data = json.loads(js.read_text())
    text = out.read_text()
    if name == "classroom":
        payload = reporter_reads(text)
        score, maximum = reporter_points([payload])
    elif name == "gradescope":
        graded = json.loads(text)
        score, maximum = graded["score"], sum(t["max_score"] for t in graded["tests"])
    elif name == "junit":  # what a person reads: points as every output writes them
        found = re.search(r'name="backprop-grader bob: ([\d.]+) / ([\d.]+)"', text)
        assert (found.group(1), found.group(2)) == (points(data["score"]),
                                                    points(data["max_score"]))
        score, maximum = data["score"], float(found.group(2))
    elif name == "github":
        found = re.search(r"## backprop-grader: ([\d.]+) / ([\d.]+) points", text)
        assert (found.group(1), found.group(2)) == (points(data["score"]),
                                                    points(data["max_score"]))
        score, maximum = data["score"], float(found.group(2))
        assert summary.read_text() == text
        assert {c[0] for c in runner_commands(done.stdout)} == {"error"}
    else:  # a platform with no reader of its own here: it states the points as people read them
        assert re.search(rf"\b{re.escape(points(data['score']))} */ *"
                         rf"{re.escape(points(data['max_score']))}\b", text), text
        score, maximum = data["score"], data["max_score"]
    assert math.isclose(score, data["score"], abs_tol=1e-6) and maximum == data["max_score"]
    assert "Total:" in done.stdout + done.stderr


def test_a_format_on_stdout_keeps_stdout_clean(tmp_path):
    (tmp_path / "p209.py").write_text((SOLUTIONS / "p209.py").read_text())
    done = run_cli("check", str(tmp_path), "--only", "209", "--format", "gradescope")
    assert done.returncode == 0
    assert json.loads(done.stdout)["score"] == 1.0 and "Total:" in done.stderr


def test_output_without_format_is_a_usage_error(tmp_path):
    done = run_cli("check", str(tmp_path), "--only", "209", "--output", str(tmp_path / "x"))
    assert done.returncode == 2 and done.stderr.startswith("grader: ")


def test_a_platform_is_found_by_its_module_alone(tmp_path, monkeypatch):
    """A new output platform is one module of grader/platforms/formats with its HELP, `emit`
    and `uses_stdout`: the registry finds it there, without importing it until it is used, and
    `grader check --format` offers it."""
    import sys

    from grader.commands import arguments
    from grader.platforms import formats

    (tmp_path / "teams.py").write_text(
        'HELP = "a line per exercise, for a chat channel"\n\n'
        "def uses_stdout(target):\n    return target.output is None\n\n"
        "def emit(results, target):\n"
        "    target.write(''.join(f\"{e['id']} {e['status']}\\n\" for e in results['exercises']))\n")
    monkeypatch.delitem(sys.modules, "grader.platforms.formats.teams", raising=False)
    monkeypatch.setattr(formats, "__path__", [*formats.__path__, str(tmp_path)])
    found = formats._found()
    assert found["teams"].help == "a line per exercise, for a chat channel"
    assert [n for n in found if n != "teams"] == list(formats.NAMES)
    assert "grader.platforms.formats.teams" not in sys.modules  # read, not imported
    monkeypatch.setattr(formats, "FORMATS", found)
    monkeypatch.setattr(formats, "NAMES", tuple(found))
    out = tmp_path / "teams.txt"
    formats.emit("teams", {"exercises": [{"id": "209", "status": "passed"}]},
                 formats.Target(output=out))
    assert out.read_text() == "209 passed\n"
    args = arguments.parser().parse_args(["check", ".", "--format", "teams"])
    assert args.format == "teams"
