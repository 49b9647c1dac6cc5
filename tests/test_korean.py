"""Korean everywhere with --lang ko, and a default language said once (issue 13, item 3):
GRADER_LANG, else the grader.cfg that `grader stubs` leaves in the folder, used by `stubs`,
`check`, the other commands and the pytest plugin."""
from __future__ import annotations

import io
import re

import numpy as np
import pytest

from conftest import SOLUTIONS, run_cli
from grader import language
from grader.bank import load_bank
from grader.grading import messages
from grader.batch.progress import Progress
from grader.batch.summary import build, slim
from grader.render import html, terminal
from grader.results import CheckResult, ExerciseResult, SubmissionResult

pytest_plugins = ["pytester"]
HANGUL = re.compile(r"[가-힣]")


def test_the_default_is_the_flag_then_the_environment_then_the_folders_file(tmp_path):
    assert language.chosen(None, tmp_path, {}) == "en"
    assert language.write(tmp_path, "ko") == "written"
    assert language.chosen(None, tmp_path, {}) == "ko"
    assert language.chosen(None, tmp_path, {"GRADER_LANG": "en"}) == "en"
    assert language.chosen("en", tmp_path, {"GRADER_LANG": "ko"}) == "en"
    assert language.write(tmp_path, "ko") == "kept"
    (tmp_path / "grader.cfg").write_text("[grader]\nlang = ko\n[other]\nx = 1\n")
    assert language.write(tmp_path, "en") == "updated"
    assert language.configured(tmp_path) == "en" and "[other]" in (tmp_path / "grader.cfg").read_text()
    with pytest.raises(language.LanguageError, match="GRADER_LANG must be ko or en"):
        language.chosen(None, tmp_path, {"GRADER_LANG": "fr"})
    (tmp_path / "grader.cfg").write_text("[grader]\nlang = jp\n")
    with pytest.raises(language.LanguageError, match="lang must be ko or en"):
        language.chosen(None, tmp_path, {})


def test_stubs_keep_their_language_for_the_next_stubs_and_check(tmp_path):
    env = {"GRADER_LANG": ""}
    made = run_cli("stubs", str(tmp_path), "--only", "209", "--lang", "ko", env=env)
    assert made.returncode == 0 and "grader.cfg (lang = ko)" in made.stdout
    assert language.configured(tmp_path) == "ko"
    more = run_cli("stubs", str(tmp_path), "--only", "210", env=env)  # no --lang: still Korean
    assert "grader.cfg" not in more.stdout
    assert HANGUL.search((tmp_path / "p210.py").read_text().splitlines()[0])
    checked = run_cli("check", str(tmp_path), "--only", "209", env=env)
    assert checked.returncode == 1 and "곱셈 계층 MulLayer" in checked.stdout
    assert "아직 구현되지 않았습니다" in checked.stdout
    english = run_cli("check", str(tmp_path), "--only", "209", env={"GRADER_LANG": "en"})
    assert "The multiplication layer MulLayer" in english.stdout
    wrong = run_cli("check", str(tmp_path), env={"GRADER_LANG": "fr"})
    assert wrong.returncode == 2 and wrong.stderr.strip() == (
        "grader: GRADER_LANG must be ko or en, not 'fr'")


def test_the_korean_terminal_names_checks_by_their_label_and_says_every_problem(tmp_path):
    """Check names are English identifiers: a Korean report shows the label instead. A file
    problem and the fix are said in Korean too."""
    bank = {s.id: s for s in load_bank()}
    assert all(c.label for s in bank.values() for c in s.checks)
    source = (SOLUTIONS / "p209.py").read_bytes()
    (tmp_path / "p209.py").write_bytes(source.replace(
        b"class MulLayer", "# \xe9\nclass MulLayer".encode("latin-1")))
    # the bad byte, counted from 1 as a person counts: after "# ", where the class was
    at, line = source.index(b"class MulLayer") + 3, source[:source.index(b"class")].count(b"\n") + 1
    (tmp_path / "p219.py").write_text((SOLUTIONS / "mistakes" / "p219_db-not-summed.py")
                                      .read_text())
    out = run_cli("check", str(tmp_path), "--only", "209,219", "--lang", "ko").stdout
    assert f"UTF-8 텍스트가 아닙니다 (파일의 {at}번째 바이트, {line}번째 줄)" in out
    assert "UTF-8로 저장하세요" in out
    label = bank["219"].checks[0].label.ko
    assert f'검사 "{label}"' in out and bank["219"].checks[0].name not in out
    assert "힌트:" in out


def test_a_later_checks_hint_is_shown_when_the_first_failing_check_has_none():
    first = CheckResult("first", "failed", "dx: expected 1, got 2", label="the first")
    second = CheckResult("second", "failed", "db: …", hint="self.db is not summed",
                         label="the second")
    result = SubmissionResult("s", (ExerciseResult("219", "Affine", "failed", 0.0, 1.0,
                                                   (first, second)),), seed=1, lang="en")
    text = terminal.report(result)
    assert 'hint (check "second" (the second)):\n        self.db is not summed' in text


def test_progress_lines_speak_the_runs_language():
    stream = io.StringIO()
    progress = Progress(2, stream, bar=False, lang="ko")
    progress.done("alice", 3, 4, 1.2)
    progress.say("up_to_date", count=1, total=3)
    assert "남은 시간" in stream.getvalue() and "이미 최신" in stream.getvalue()
    progress.done("bob", 2.2222222, 50, 0.3)  # points for people: 2 decimals, exact in JSON
    assert "bob  2.22 / 50  " in stream.getvalue()


def test_the_dashboard_names_mistakes_and_counts_a_cascade_under_its_root():
    bank = load_bank()
    results = [{"submission": f"s{i}", "score": 0, "max_score": 2, "lang": "ko", "exercises": [
        {"id": "214", "title": "ReLU", "status": "error", "score": 0, "max_score": 1, "checks": [
            {"name": "c", "status": "error", "hint": "h", "diagnoses": ["syntax"]}]},
        {"id": "233", "title": "loss", "status": "error", "score": 0, "max_score": 1, "checks": [
            {"name": "c", "status": "error", "hint": None, "diagnoses": [],
             "cause": {"exercise": "214", "file": "p214.py", "how": "load"}}]},
        {"id": "219", "title": "Affine", "status": "failed", "score": 0, "max_score": 1,
         "checks": [{"name": "c", "status": "failed", "hint": "h2",
                     "diagnoses": ["db-not-summed"]}]},
    ]} for i in range(2)]
    summary = build([slim(r) for r in results], bank)
    by_id = {e["id"]: e for e in summary["exercises"]}
    assert by_id["214"]["blocks"] == [{"id": "233", "file": "p214.py", "count": 2}]
    assert by_id["233"]["diagnoses"] == [] and by_id["233"]["blocks"] == []
    assert by_id["214"]["diagnoses"][0]["label"] == "파이썬이 읽지 못하는 줄"
    assert by_id["219"]["diagnoses"][0]["label"] == "db를 배치 방향으로 더하지 않음"
    page = html.dashboard(summary, results, {})
    assert "p233도 함께 실패시킴" in page and "db를 배치 방향으로 더하지 않음" in page


def test_the_pytest_plugin_speaks_the_folders_language(pytester, monkeypatch):
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    monkeypatch.delenv("GRADER_LANG", raising=False)
    pytester.makefile(".py", p219=(SOLUTIONS / "mistakes" / "p219_db-not-summed.py").read_text())
    pytester.makefile(".cfg", grader="[grader]\nlang = ko\n")
    result = pytester.runpytest("-p", "grader.platforms.pytest_plugin", "--grader-seed", "3")
    result.stdout.fnmatch_lines(["*시드 3*", "*p219 Affine 계층: 검사*실패*", "*힌트:*"])


def _raised(f) -> tuple[str, str]:
    try:
        f()
    except Exception as e:  # the exception as the student's process describes it
        return type(e).__name__, str(e)
    raise AssertionError("it did not raise")


@pytest.mark.parametrize("action, meaning", [
    (lambda: undefined_name, "undefined_name이(가) 정의되어 있지 않습니다"),  # noqa: F821
    (lambda: None - 1.0, "NoneType와(과) float 사이에는 - 연산을 할 수 없습니다"),
    (lambda: None.shape, "NoneType 객체에는 shape 속성이 없습니다"),
    (lambda: np.dot(np.ones((2, 1)), np.ones((2, 3))),
     "형상 (2,1)와(과) (2,3)은(는) 행렬 곱에서 맞지 않습니다"),
    (lambda: np.ones((2, 3)) + np.ones((3, 2)), "형상 (2,3) (3,2)은(는) 서로 브로드캐스트할 수 없습니다"),
    (lambda: np.ones(3)[5], "인덱스 5은(는) 크기가 3인 0번 축의 범위를 벗어납니다"),
    (lambda: {}["b3"], "딕셔너리에 키 'b3'이(가) 없습니다"),
    (lambda: compile("x = (1, 2", "f", "exec"), "연 괄호 (이(가) 닫히지 않았습니다"),
])
def test_pythons_own_messages_are_said_again_in_korean(action, meaning):
    """The exception as Python and numpy word it today (raised here, not copied), then what it
    means in Korean; in English the message is left as it is."""
    kind, message = _raised(action)
    if kind == "SyntaxError":
        message = message.split(" (", 1)[0]  # the process sends SyntaxError's msg alone
    said = messages.error({"type": kind, "message": message, "statement": "out = f(x)"}, "ko")
    assert f"{message} ({meaning}" in said
    assert messages.error({"type": kind, "message": message}, "en").endswith(message)


def test_a_message_not_known_stays_as_python_wrote_it():
    said = messages.error({"type": "RuntimeError", "message": "boom"}, "ko")
    assert said.endswith("RuntimeError 예외가 발생했습니다: boom")
