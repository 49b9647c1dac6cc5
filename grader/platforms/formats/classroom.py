"""GitHub Classroom: the result a runner step hands to `autograding-grading-reporter`.

The contract, read from the reporter's and the runners' own source (classroom-resources/ and
its former home github-education-resources/ on GitHub):
- The reporter (autograding-grading-reporter, src/main.js) takes its `runners` input, a list of
  step ids, reads for each the environment variable `<ID in capitals>_RESULTS`, base64-decodes it
  and JSON.parses it. So the workflow passes `GRADER_RESULTS: ${{ steps.grader.outputs.result }}`
  with `runners: grader`.
- Points (src/notify-classroom.js): over the runners whose `max_score` is truthy, max = the sum of
  `max_score`, total = the sum of every `tests[].score`; it then writes the notices "Points
  total/max" and {"totalPoints", "maxPoints"}, which Classroom records. A test's status does not
  enter the sum, its score does: each exercise is one test scored with its points.
- It fails the job when a result's `status` is "fail", or else "error" (src/main.js). To the log
  (src/console-results.js) it prints, per test: for "pass" `✅ <name>`, for "fail" `❌ <name>`
  and nothing of its `message`, for "error" only `Error: <message>` (not the name); ` - line N`
  after a pass or fail when `line_no` is not 0; then `Test code:` and `test_code` whenever that
  is not empty, whatever the status. So the reason a check failed, its difference and its hint
  travel in `test_code` (the only text printed for a failure); an error's `message` starts with
  the exercise's name; `line_no` is 0 unless the student's code raised at a known line.
- The log's own totals ("Total points for grader", the table, "Grand total tests passed") count
  tests passed out of tests, times max_score (src/test-helpers.js getTestScore), not points: with
  partial credit they differ from what Classroom records. The job summary this format writes to
  $GITHUB_STEP_SUMMARY states the recorded score, rounded as every output writes points for
  people (`render.words.points`). The payload's numbers stay exact: Classroom records their sum,
  and the reporter's own notice ("Points 8.222222/11") writes that sum as JavaScript does.
- A result without `tests` breaks it: notify-classroom.js calls `results.tests.forEach` whenever
  `max_score` is set and console-results.js reads `results.tests.length` (a TypeError), which is
  what autograding-python-grader's timeout fallback `{"status": "error", "message": …}` in
  bin/run.sh produces. Here `tests` is never empty.
- The runners write `result=<base64 of the JSON>` as a step output: autograding-python-grader's
  bin/run.sh appends `result=$(jq -c . … | jq -sRr @base64)` to $GITHUB_OUTPUT; the JavaScript
  runners call core.setOutput('result', …). autograding-io-grader (src/main.js) shows the fields:
  `version: 1`, `status`, `max_score`, and tests with name, status, message, test_code, filename,
  line_no, score and a timing field (`execution_time` there; `duration` in
  autograding-command-grader, milliseconds). The reporter reads neither: `duration` in
  milliseconds here.

The reporter prints the messages to the Actions log, where a line starting with `::` (after
leading blanks) or holding `##[` is a workflow command (actions/runner, ActionCommand.cs TryParseV2
and TryParse). A student who could print `::notice title=Autograding report::{"totalPoints":…}`
there could forge a score, so every text field is made inert (`inert`). The payload becomes an
environment variable, and Linux refuses one longer than 128 KiB (MAX_ARG_STRLEN): texts are cut so
the base64 stays under `MAX_ENCODED`.
"""
from __future__ import annotations

import base64
import json

from ...render.words import labels, points, summary_words
from .common import clip, exercise_name, exercise_text, first_problem
from .github import summary as job_summary

HELP = ("GitHub Classroom: result=<base64> for autograding-grading-reporter"
        ", to $GITHUB_OUTPUT when set")
"""its line in `grader check --help`"""

MAX_ENCODED = 96 * 1024
MESSAGE_LIMIT = 2000
STATUS = {"passed": "pass", "failed": "fail", "missing": "fail", "error": "error", "timeout": "error"}
ZWSP = "\u200b"


def inert(text: str) -> str:
    """No workflow command can start in this text once printed: `::` and `##[` are broken."""
    return text.replace("::", f":{ZWSP}:").replace("##[", f"#{ZWSP}#[")


def payload(results: dict, message_limit: int = MESSAGE_LIMIT) -> dict:
    exercises = results["exercises"]
    said = summary_words(results.get("lang"))
    tests = [_test(e, message_limit, results.get("lang")) for e in exercises] or [{
        "name": said["no_exercises"], "status": "error", "score": 0, "message": said["nothing"],
        "test_code": "", "filename": "", "line_no": 0, "duration": 0}]
    statuses = {t["status"] for t in tests}
    status = "pass" if statuses == {"pass"} else ("fail" if "fail" in statuses else "error")
    return {"version": 1, "status": status, "max_score": results["max_score"], "tests": tests}


def _test(exercise: dict, message_limit: int, lang: str | None) -> dict:
    """One exercise as the reporter prints it (see the module's docstring)."""
    status = STATUS[exercise["status"]]
    check = first_problem(exercise)
    raised = (check or {}).get("line") or {}
    file, line = (str(raised["file"]), int(raised["line"])) if raised.get("line") else (
        f"p{exercise['id']}.py", 0)
    text = exercise_text(exercise, lang)
    message = f"{exercise_name(exercise)}: {text}" if status == "error" else text
    code = ""
    if status != "pass":
        # a failure's text shows the code its check ran; an error's text is its printed message
        ran = ((check or {}).get("detail") or {}).get("code", "").rstrip()
        code = "\n".join(part for part in (
            text if status == "fail" else "", f"grader check . --only {exercise['id']}",
            ran if status == "error" else "") if part)
    return {
        "name": inert(exercise_name(exercise)),
        "status": status,
        "score": exercise["score"],
        "message": inert(clip(message, message_limit, lang)),
        "test_code": inert(clip(code, message_limit, lang)),
        "filename": inert(file),
        "line_no": line,
        "duration": round(1000 * float(exercise.get("seconds") or 0)),
    }


def summary(results: dict) -> str:
    """The job summary: the score Classroom records, said plainly (the reporter's log counts
    tests passed instead), then the exercises."""
    said = labels(results.get("lang"))["classroom_records"].format(
        score=points(results["score"]), max_score=points(results["max_score"]))
    return f"{said}\n\n{job_summary(results)}"


def encode(data: dict) -> str:
    return base64.b64encode(json.dumps(data, ensure_ascii=False).encode("utf-8")).decode("ascii")


def render(results: dict) -> str:
    """The step-output line `result=<base64>`, texts cut until it fits an environment variable."""
    limit = MESSAGE_LIMIT
    while True:
        encoded = encode(payload(results, limit))
        if len(encoded) <= MAX_ENCODED or limit <= 40:
            return f"result={encoded}\n"
        limit //= 2


def uses_stdout(target) -> bool:
    return target.output is None and not target.environ.get("GITHUB_OUTPUT")


def emit(results: dict, target) -> None:
    """To $GITHUB_OUTPUT when set (the runner step's output); to --output or stdout otherwise.
    The job summary goes to $GITHUB_STEP_SUMMARY when set."""
    line = render(results)
    target.append_to_env_file("GITHUB_STEP_SUMMARY", summary(results))
    appended = target.append_to_env_file("GITHUB_OUTPUT", line)
    if target.output is not None or not appended:
        target.write(line)
