"""What people read (issue 23, item 3): one way of writing points in every output, exact values
only where machines read them; Korean complete in a Korean run; one Korean term per concept.

One submission with a fractional score, 8.222222 / 11 (p209-p219: p216 raises, so p217 fails
with it, and p219's `self.db = dout.copy()` passes 2 of its 9 checks), graded once in each
language and written in every format a person reads: the terminal, `--watch`, the student's
page, `%grade`'s output in a notebook, the dashboard, the gradebook, GitHub's job summary and
annotations, Classroom's summary and the texts of its payload, Gradescope's outputs, JUnit's
names and messages.
"""
from __future__ import annotations

import ast
import csv
import dataclasses
import html
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import ROOT, SOLUTIONS
from grader.bank import select
from grader.batch import gradebook, summary
from grader.glossary import GLOSSARY, forbidden_in
from grader.grading.engine import Grader
from grader.grading.job import Options
from grader.platforms.formats import classroom, github, gradescope, junit
from grader.render import html as pages
from grader.render import json_report, notebook, terminal, watching
from grader.render.words import points

IDS = "209-219"
SCORE, MAX_SCORE = 8.222222, 11.0
FRACTIONS = ("8.222", "0.2222", "0.778", "0.7777")
"""the exact score, p219's, and the watch's change (9 → 8.22), written past 2 decimals"""
HANGUL = re.compile(r"[가-힣]")


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("fractional")
    for i in range(209, 219):
        shutil.copyfile(SOLUTIONS / f"p{i}.py", folder / f"p{i}.py")
    shutil.copyfile(ROOT / "tests" / "realistic" / "p219_db-copy.py", folder / "p219.py")
    (folder / "p216.py").write_text("raise ValueError(216)\n")
    return folder


def outputs(bank, folder: Path, lang: str) -> tuple[dict, dict[str, str]]:
    """(the results JSON, {output: the text a person reads of it})."""
    with Grader(select(bank, IDS), Options(seed=3, lang=lang)) as grader:
        result = grader.grade_folder(folder)
    data = json_report.as_dict(result)
    p219 = next(e for e in result.exercises if e.id == "219")
    before = {e.id: e for e in result.exercises}
    before["219"] = dataclasses.replace(p219, status="passed", score=1.0)  # as it was
    slims = [summary.slim(data), summary.slim({**data, "submission": "bob"})]
    made = summary.build(slims, select(bank, IDS), ["carol"], seed=3)
    said = {
        "terminal": terminal.report(result),
        "watch": watching.update(result, (p219,), before, ["p219.py"]),
        "student page": page_text(pages.student_report(data)),
        "notebook": page_text(notebook.output(data)),
        "dashboard": page_text(pages.dashboard(made, slims, {"bob": "bob/report.html"})),
        "gradebook": gradebook_text(gradebook.gradebook(slims, ["carol"])),
        "job summary": github.summary(data),
        "annotations": annotation_text(github.annotations(data)),
        "classroom summary": classroom.summary(data),
        "classroom tests": payload_text(classroom.payload(data)),
        "gradescope": gradescope_text(gradescope.results_json(data)),
        "junit": junit_text(junit.render(data)),
    }
    return data, said


@pytest.fixture(scope="module")
def english(bank, folder):
    return outputs(bank, folder, "en")


@pytest.fixture(scope="module")
def korean(bank, folder):
    return outputs(bank, folder, "ko")


# -- the text a person reads of each output ----------------------------------------------------

def page_text(page: str) -> str:
    """A page's visible text, its tooltips and what screen readers say; not its identifiers
    (`<code>`), styles or markup."""
    page = re.sub(r"<style.*?</style>|<code[^>]*>.*?</code>", " ", page, flags=re.S)
    said = re.findall(r'(?:title|aria-label)="([^"]*)"', page)
    text = html.unescape(re.sub(r"<[^>]+>", " ", page) + "\n" + "\n".join(said))
    return re.sub(r"[ \t]+", " ", text)


def gradebook_text(text: str) -> str:
    """The cells under the header (whose column names scripts read), without the rows' names
    (the students', and `(max points)` that scripts find the maxima by)."""
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    return "\n".join(",".join(row[1:]) for row in rows[1:])


def annotation_text(text: str) -> str:
    """Each annotation's title and message, unescaped as the runner shows them."""
    found = re.findall(r"title=([^:]*)::(.*)", text)
    return "\n".join(f"{t}\n{m}" for t, m in found).replace("%0A", "\n").replace(
        "%3A", ":").replace("%2C", ",").replace("%25", "%")


def payload_text(payload: dict) -> str:
    """What the reporter prints of each test: its name, message and test code (the command
    that repeats it is the grader's, not prose)."""
    return "\n".join(re.sub(r"grader check \. --only \d+", "", f"{t['name']}\n{t['message']}\n"
                                                                f"{t['test_code']}")
                     for t in payload["tests"])


def gradescope_text(data: dict) -> str:
    return "\n".join([data["output"], *(f"{t['name']}\n{t['output']}" for t in data["tests"])])


def junit_text(text: str) -> str:
    """Names and messages: what a CI page lists (not the property values, which tools read)."""
    root = ET.fromstring(text)
    said = [root.get("name")]
    for element in root.iter():
        if element.tag in ("testsuite", "testcase"):
            said.append(element.get("name"))
        if element.tag in ("failure", "error", "skipped"):
            said += [element.get("message") or "", element.text or ""]
    return "\n".join(said)


# -- points ------------------------------------------------------------------------------------

PAIR = re.compile(r"(?<![\w.])(-?\d+(?:\.\d+)?) ?/ ?(\d+(?:\.\d+)?)(?![\d.])")
"""points written as `score / max`"""


def test_points_are_rounded_to_two_decimals_trailing_zeros_dropped():
    assert [points(x) for x in (8.222222, 11.0, 0.5, 0.0, -0.0, 0.004, 2.005, 1e-9, 31.7937)] == [
        "8.22", "11", "0.5", "0", "0", "0", "2", "0", "31.79"]
    assert points("n/a") == "n/a" and points(float("nan")) == "nan"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_output_writes_points_as_the_gradebook_does(lang, english, korean):
    """8.222222 / 11 is `8.22 / 11` wherever a person reads it: never 8.222, 8.22222, 11.0 or
    1.0 / 1.0. The gradebook's own cells are points by the same function."""
    data, said = english if lang == "en" else korean
    assert data["score"] == SCORE and data["max_score"] == MAX_SCORE
    for name, text in said.items():
        for fraction in FRACTIONS:
            assert fraction not in text, f"{name} writes {fraction}…:\n{text}"
        pairs = PAIR.findall(text)
        assert pairs or name in ("gradebook", "annotations", "classroom tests"), name
        for pair in pairs:
            assert all(points(float(x)) == x for x in pair), f"{name} writes {'/'.join(pair)}"
    for name in ("terminal", "watch", "student page", "notebook", "dashboard", "job summary",
                 "classroom summary", "gradescope", "junit"):
        assert "8.22 / 11" in said[name], name
    assert "0.22 / 1" in said["student page"] and "0.22 / 1" in said["job summary"]
    assert "(-0.78)" in said["watch"]  # 9 before p219 lost its points, 8.22 now
    cells = said["gradebook"].split("\n")[0].split(",")  # the max points' row, then bob
    assert cells[:12] == ["1"] * 11 + ["11"] and "0.22,8.22" in said["gradebook"]


def test_exact_values_stay_where_machines_read_them(english):
    data, _ = english
    assert gradescope.results_json(data)["score"] == SCORE
    tests = classroom.payload(data)["tests"]
    assert sum(t["score"] for t in tests) == pytest.approx(SCORE, abs=1e-9)
    assert classroom.payload(data)["max_score"] == MAX_SCORE
    scores = [p.get("value") for p in ET.fromstring(junit.render(data)).iter("property")
              if p.get("name") == "score"]
    assert "0.222222" in scores
    assert json.loads(json_report.dumps(data))["score"] == SCORE


# -- Korean complete ---------------------------------------------------------------------------

ENGLISH = re.compile(r"\b(?:the|of|and|is|are|not|was|passed|failed|points?|exercises?|total|"
                     r"hint|students?|late|days?|submission|unknown|graded|nothing|missing|"
                     r"timeout|skipped|shape|expected|got|checks?|seed|isolation|truncated|by "
                     r"hand)\b", re.I)
"""words of the grader's English texts, none of which the submission's code or names use"""


def english_prose(text: str) -> list[str]:
    """The English words of `text`, once its flags (`--seed 3`), the product's name and what
    it quotes of an English tool ("Total points", the Classroom reporter's line) are set
    aside: they are the same in every language."""
    text = re.sub(r'--[a-z][a-z-]*|backprop-grader|"[ -~]*?"', " ", text)
    return ENGLISH.findall(text)


def test_a_korean_run_prints_no_english_prose(korean, english):
    _, said = korean
    for name, text in said.items():
        assert not english_prose(text), f"{name}: {english_prose(text)}\n{text}"
        assert HANGUL.search(text), name
    _, english_said = english  # the same scan finds the English of an English run
    assert all(english_prose(text) for name, text in english_said.items()
               if name != "classroom tests"), {n: english_prose(t)
                                               for n, t in english_said.items()}


def test_grader_list_and_show_name_kinds_in_korean():
    from grader.bank import load_bank
    from grader.render.environment import render

    specs = load_bank()
    listed = render("list.txt.j2", specs=specs, lang="ko")
    assert not re.search(r"\b(?:api|output)\b", listed) and "구현" in listed and "출력" in listed
    table = render("list.md.j2", specs=specs, lang="ko")
    assert "| 번호 | 종류 | 점수 |" in table and not english_prose(table.splitlines()[0])
    shown = render("show.txt.j2", spec=next(s for s in specs if s.id == "209"), lang="ko")
    assert "[기울기]" in shown and "[gradient]" not in shown and "(구현, 1 점)" in shown
    assert "(api, 1 points)" in render("show.txt.j2", spec=specs[0], lang="en")


# -- one Korean term per concept ---------------------------------------------------------------

def korean_texts() -> list[tuple[str, str]]:
    """(where, text) of every Korean text the grader can say: its string literals, its
    templates, and the bank's specs."""
    found = []
    for path in sorted((ROOT / "grader").rglob("*.py")):
        if path.name == "glossary.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and HANGUL.search(node.value):
                found.append((f"{path.relative_to(ROOT)}:{node.lineno}", node.value))
    for path in sorted((ROOT / "grader" / "render" / "templates").iterdir()):
        found.append((str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")))
    for path in sorted((ROOT / "exercises").glob("p*.yaml")):
        found.append((str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")))
    return found


def test_korean_texts_use_the_glossarys_one_term_per_concept():
    texts = korean_texts()
    assert len(texts) > 300 and any("messages.py" in where for where, _ in texts)
    wrong = [(where, word, term.korean) for where, text in texts
             for word, term in forbidden_in(text)]
    assert not wrong, "\n".join(f"{w}: {word} (say {korean})" for w, word, korean in wrong)
    used = "\n".join(text for _, text in texts)
    assert all(term.korean in used for term in GLOSSARY)  # each term is the one in use
    assert forbidden_in("db의 모양이 (3,)가 아니라") == [("모양", GLOSSARY[0])]


def test_a_korean_message_of_the_grading_says_shape_as_the_glossary_does():
    from grader.grading.diagnosis import Finding

    said = Finding("transposed-result", "why_transposed", dict(
        name="dW", expected="(2, 3)", actual="(3, 2)")).text("ko")
    assert "형상" in said and not forbidden_in(said)


def test_the_gradebooks_notes_speak_the_class_language():
    """What adjusted a score, in the results' language; the columns keep the names scripts
    read them by."""
    def student(name: str, lang: str, late: dict | None) -> dict:
        return {"submission": name, "lang": lang, "score": 0.9, "max_score": 2.0,
                "problem": None, "late": late,
                "overrides": {"209": {"points": 0.5, "reason": "느슨한 순서"}},
                "exercises": [{"id": "209", "status": "failed", "score": 0.0, "max_score": 1.0},
                              {"id": "210", "status": "passed", "score": 1.0, "max_score": 1.0}]}

    late = {"days": 2, "percent": 10.0, "points": 0.15}
    korean = gradebook.gradebook([student("ann", "ko", late), student("ben", "ko", {
        "days": None})], ["cy"], late=True)
    assert korean.splitlines()[0] == "\ufeffstudent,p209,p210,total,late_days,late_penalty_%,notes"
    notes = {row["student"]: row["notes"] for row in csv.DictReader(io.StringIO(
        korean.lstrip("\ufeff")))}
    assert notes["ann"] == "p209: 0.5점으로 직접 정함 (느슨한 순서); 2일 지각: -10% (-0.15점)"
    assert notes["ben"].endswith("제출 시각을 알 수 없어 감점하지 않음")
    assert notes["cy"] == "아직 채점하지 않음"
    english = gradebook.gradebook([student("ann", "en", {**late, "days": 1})], late=True)
    assert "p209 set to 0.5 by hand: 느슨한 순서; late 1 day: -10% (-0.15 points)" in english
