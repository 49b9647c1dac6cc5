"""GitHub Actions: a job summary in Markdown, and `::error` annotations on the student's lines.

The summary is appended to the file $GITHUB_STEP_SUMMARY names (also to --output when given;
to standard output when neither). The annotations go to standard output, where the runner reads
workflow commands: one per exercise that did not pass, at the line where its first failing
check raised, else line 1 of p<ID>.py (GitHub shows at most 10 error annotations per step).

Student text must never act as a workflow command. The runner (actions/runner,
src/Runner.Common/ActionCommand.cs) takes a line as a command when, after leading blanks, it
starts with `::`, or when it holds `##[` anywhere; a command's data is unescaped %25 %0D %0A and
its properties also %3A %2C (the same mapping as @actions/core's escapeData and escapeProperty).
So annotation data and properties are escaped that way (a message stays on its one line), and
any other text printed to the log is wrapped in `::stop-commands::<random token>` … `::<token>::`,
during which the runner runs no command (src/Runner.Worker/ActionCommandManager.cs).
"""
from __future__ import annotations

import html
import sys
from pathlib import Path

from ...render.terminal import stop_commands
from ...render.words import points, statuses, summary_words
from .common import clip, exercise_name, exercise_text, first_problem, location

HELP = "GitHub Actions: job summary to $GITHUB_STEP_SUMMARY, ::error annotations"
"""its line in `grader check --help`"""

ICON = {"passed": "✅", "failed": "❌", "error": "💥", "timeout": "⏱️", "missing": "⬜"}
MESSAGE_LIMIT = 4000


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotations(results: dict, folder: Path = Path("."), workspace: Path | None = None) -> str:
    lines = []
    status = statuses(results.get("lang"))
    for exercise in results["exercises"]:
        if exercise["status"] == "passed":
            continue
        check = first_problem(exercise)
        title = f"{exercise_name(exercise)}: {status.get(exercise['status'], exercise['status'])}"
        message = escape_data(clip(exercise_text(exercise, results.get("lang")), MESSAGE_LIMIT,
                                       results.get("lang")))
        if exercise["status"] == "missing":
            lines.append(f"::error title={escape_property(title)}::{message}")
            continue
        file, line = location(exercise, check)
        path = _repository_path(folder / file, workspace)
        lines.append(f"::error file={escape_property(path)},line={int(line)},"
                     f"title={escape_property(title)}::{message}")
    return "".join(line + "\n" for line in lines)


def _repository_path(path: Path, workspace: Path | None) -> str:
    base = (workspace or Path.cwd()).resolve()
    try:
        return path.resolve().relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def summary(results: dict) -> str:
    """The job summary, in the results' language; points as people read them."""
    exercises = results["exercises"]
    lang = results.get("lang")
    said = summary_words(lang)
    passed = sum(e["status"] == "passed" for e in exercises)
    out = ["## " + said["title"].format(score=points(results["score"]),
                                        max_score=points(results["max_score"])) + "\n",
           said["passed_count"].format(passed=passed, count=len(exercises)) + " · "
           + said["seed"].format(seed=f"`{results.get('seed')}`") + "\n",
           f"| | {said['exercise']} | {said['points']} | {said['status']} |", "|---|---|---|---|"]
    for e in exercises:
        out.append(f"| {ICON.get(e['status'], '')} | {_cell(exercise_name(e))} | "
                   f"{points(e['score'])} / {points(e['max_score'])} | "
                   f"{said.get(e['status'], e['status'])} |")
    for e in exercises:
        if e["status"] == "passed":
            continue
        out += ["", f"### {_cell(exercise_name(e))}: {said.get(e['status'], e['status'])}", "",
                f"<pre>{html.escape(clip(exercise_text(e, lang), MESSAGE_LIMIT, lang))}</pre>"]
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    return html.escape(text).replace("|", "&#124;").replace("\n", " ")


def emit(results: dict, target) -> None:
    text = summary(results)
    in_file = target.append_to_env_file("GITHUB_STEP_SUMMARY", text)
    if target.output is not None:
        target.write(text)
    workspace = target.environ.get("GITHUB_WORKSPACE")
    log = annotations(results, target.folder, Path(workspace) if workspace else None)
    if not in_file and target.output is None:
        log += stop_commands(text)  # the summary holds student text: inert in the log
    (target.stdout or sys.stdout).write(log)


def uses_stdout(target) -> bool:
    """Whether it writes to standard output: always (the summary and annotations are the
    log's)."""
    return True
