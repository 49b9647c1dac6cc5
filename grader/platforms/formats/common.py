"""What several formats say the same way: an exercise's name, its first problem, its text."""
from __future__ import annotations

from ...grading.phrases import in_language
from ...render.terminal import LABELS
from ...render.words import check_title, statuses
from ...results import PROBLEMS


def exercise_name(exercise: dict) -> str:
    return f"p{exercise['id']} {exercise['title']}"


def filename(exercise: dict) -> str:
    return f"p{exercise['id']}.py"


def problems(exercise: dict) -> list[dict]:
    return [c for c in exercise.get("checks") or () if c["status"] in PROBLEMS]


def first_problem(exercise: dict) -> dict | None:
    found = problems(exercise)
    return found[0] if found else None


def words(lang: str | None) -> dict[str, str]:
    """The terminal's words for the results' language (the formats say what it says)."""
    return {**statuses(lang), **in_language(LABELS, lang)}


def check_text(check: dict, lang: str | None = "en") -> str:
    """The check's message, then its hint: what the terminal report says about it."""
    parts = [check.get("message") or words(lang)[check["status"]]]
    if check.get("hint"):
        parts.append(f"{words(lang)['hint']}: {check['hint']}")
    return "\n".join(parts)


def exercise_text(exercise: dict, lang: str | None = "en") -> str:
    """Why an exercise did not pass: its own message, or its first failing check's."""
    if exercise["status"] == "passed":
        return ""
    check = first_problem(exercise)
    if check is None:
        text = exercise.get("message") or words(lang)[exercise["status"]]
        if exercise["status"] == "missing":  # where it was looked for (a notebook's sections)
            notes = [n for n in exercise.get("notes") or () if isinstance(n, str)]
            text = "\n".join([text, *notes])
        return text
    said = words(lang)
    title = check_title(check["name"], check.get("label"), lang)
    return f'{said["check"]} {title}: {said[check["status"]]}\n{check_text(check, lang)}'


def location(exercise: dict, check: dict | None) -> tuple[str, int]:
    """(file, line) to point at: where the check raised, else line 1 of the file graded
    (p<ID>.py, or a notebook: its lines are not a cell's, so line 1 there too)."""
    line = (check or {}).get("line")
    if line and line.get("file") and line.get("line"):
        return str(line["file"]), 1 if line.get("cell") is not None else int(line["line"])
    source = exercise.get("source")
    if isinstance(source, dict) and source.get("path"):
        return str(source["path"]), 1
    return filename(exercise), 1


CUT = {"en": " … (truncated)", "ko": " … (잘림)"}
"""what ends a text cut to fit a platform's field"""


def clip(text: str, limit: int, lang: str | None = "en") -> str:
    if len(text) <= limit:
        return text
    cut = CUT.get(lang or "en", CUT["en"])
    return text[: max(0, limit - len(cut))] + cut
