"""Hidden checks (`visibility: hidden`): for the final grading only. A student's `grader check`,
`grader show`, `grader stubs` and the students' wheel leave them out and say how many there are;
`grader batch` (and `grader check --hidden`) run them."""
from __future__ import annotations

import json
import textwrap
import zipfile
from pathlib import Path

import pytest
import yaml

from grader.bank import frozen
from grader.bank.loader import SpecError, load_exercise
from grader.bank.students import write_students_bank

from conftest import ROOT, run_cli

SPEC = textwrap.dedent("""
    id: 900
    kind: api
    points: 2
    title: {ko: 두 배, en: Doubling}
    prompt: {ko: f(x)는 2x를 돌려줍니다, en: f(x) returns 2x}
    defines: [f]
    stub: |
      def f(x):
          raise NotImplementedError("f")
    checks:
      - name: doubles one
        kind: value
        run: out = f(1)
        expect: {out: 2}
      - name: doubles three in secret
        kind: value
        label: {ko: 비밀 입력 3, en: the secret input 3}
        visibility: hidden
        run: out = f(3)
        expect: {out: 6}
    mistakes:
      - id: only-one
        checks: [doubles three in secret]
        when: "out == 2"
        hint: {ko: 언제나 2를 돌려줍니다, en: it always returns 2}
      - id: zero
        when: "out == 0"
        hint: {ko: 0을 돌려줍니다, en: it returns 0}
    """)

ONLY_THE_VISIBLE = "def f(x):\n    return 2\n"
"""a student's file that passes the visible check and fails the hidden one"""


@pytest.fixture
def course(tmp_path) -> Path:
    """A bank of one exercise with one hidden check, and a student's folder."""
    (tmp_path / "exercises").mkdir()
    (tmp_path / "exercises" / "p900.yaml").write_text(SPEC, encoding="utf-8")
    (tmp_path / "alice").mkdir()
    (tmp_path / "alice" / "p900.py").write_text(ONLY_THE_VISIBLE, encoding="utf-8")
    return tmp_path


def cli(course: Path, *args: str):
    return run_cli("--exercises", str(course / "exercises"), *args, cwd=course)


def test_a_check_is_hidden_by_its_visibility_and_a_students_copy_leaves_it_out(course):
    spec = load_exercise(course / "exercises" / "p900.yaml")
    assert [c.hidden for c in spec.checks] == [False, True] and spec.hidden_count == 1
    seen = spec.for_students()
    assert [c.name for c in seen.checks] == ["doubles one"]
    assert seen.withheld == 1 and seen.hidden_count == 1 and seen.points == 2
    # the mistake that looks only at the hidden check would tell what it tests: gone with it
    assert [m.id for m in seen.mistakes] == ["zero"]
    assert seen.for_students() is seen


@pytest.mark.parametrize("change, problem", [
    ("visibility: hidden", "every check is hidden"),
    ("visibility: secret", "'secret' is not one of visible, hidden"),
])
def test_a_wrong_visibility_is_a_spec_error(tmp_path, change, problem):
    text = SPEC.replace("expect: {out: 2}\n", f"expect: {{out: 2}}\n    {change}\n")
    if change.endswith("secret"):
        text = text.replace("    visibility: hidden\n", "")
    (tmp_path / "p900.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(SpecError, match=problem):
        load_exercise(tmp_path / "p900.yaml")


def test_show_and_stubs_leave_the_hidden_check_out_and_show_counts_it(course):
    for lang, counted in (("en", "1 hidden check(s)"), ("ko", "숨은 검사 1개")):
        shown = cli(course, "show", "900", "--lang", lang)
        assert shown.returncode == 0, shown.stderr
        assert "doubles one" in shown.stdout or lang == "ko"
        assert "secret" not in shown.stdout and "비밀" not in shown.stdout
        assert counted in shown.stdout
    done = cli(course, "stubs", str(course / "fresh"))
    assert done.returncode == 0, done.stderr
    stub = (course / "fresh" / "p900.py").read_text(encoding="utf-8")
    assert "def f(x)" in stub and "secret" not in stub and "6" not in stub


def test_a_students_check_runs_the_visible_checks_and_says_the_hidden_count(course):
    done = cli(course, "check", "alice", "--seed", "1", "--json", "r.json", "--html", "r.html")
    assert done.returncode == 0, done.stdout + done.stderr  # passed: the hidden check not run
    assert "hidden checks: 1 (p900), not run here: they count at the final grading" in done.stdout
    (exercise,) = json.loads((course / "r.json").read_text(encoding="utf-8"))["exercises"]
    assert exercise["hidden_checks"] == 1 and exercise["score"] == exercise["max_score"] == 2
    assert [c["name"] for c in exercise["checks"]] == ["doubles one"]
    assert 'class="hidden-checks"' in (course / "r.html").read_text(encoding="utf-8")
    korean = cli(course, "check", "alice", "--seed", "1", "--lang", "ko")
    assert "숨은 검사 1개 (p900)는 여기서 실행하지 않습니다" in korean.stdout


def test_check_runs_the_hidden_checks_only_with_the_flag(course):
    done = cli(course, "check", "alice", "--seed", "1", "--hidden", "--json", "r.json")
    assert done.returncode == 1, done.stdout + done.stderr
    (exercise,) = json.loads((course / "r.json").read_text(encoding="utf-8"))["exercises"]
    assert "hidden_checks" not in exercise and exercise["score"] == 1.0  # 2 points, 1 of 2
    secret = exercise["checks"][1]
    assert secret["name"] == "doubles three in secret" and secret["status"] == "failed"
    assert secret["diagnoses"] == ["only-one"]


def test_batch_grades_the_hidden_checks(course):
    (course / "class").mkdir()
    (course / "alice").rename(course / "class" / "alice")
    done = cli(course, "batch", "class", "--out", "out", "--seed", "3")
    assert done.returncode in (0, 1), done.stderr
    results = json.loads((course / "out" / "alice" / "results.json").read_text(encoding="utf-8"))
    (exercise,) = results["exercises"]
    assert [c["status"] for c in exercise["checks"]] == ["passed", "failed"]
    assert exercise["score"] == 1.0 and exercise["max_score"] == 2.0


def test_the_students_bank_has_no_hidden_check_nor_its_frozen_results(tmp_path):
    target = tmp_path / "bank"
    assert write_students_bank(ROOT / "exercises", target) >= 1
    original = load_exercise(ROOT / "exercises" / "p239.yaml")
    shipped = load_exercise(target / "p239.yaml")
    hidden = [c.name for c in original.checks if c.hidden]
    assert hidden and not [c for c in shipped.checks if c.hidden]
    assert not set(hidden) & {c.name for c in shipped.checks}
    assert shipped.withheld == len(hidden) and shipped.checks == original.for_students().checks
    assert shipped.mistakes == original.for_students().mistakes
    assert not (target / "frozen" / "p239.json").exists()  # its one frozen check was hidden
    # the visible checks' frozen results still match them, after the file was written again
    for spec_file in (ROOT / "exercises").glob("p*.yaml"):
        spec = load_exercise(target / spec_file.name)
        for check in spec.checks:
            assert frozen.cases(spec, check) == frozen.cases(load_exercise(spec_file),
                                                            next(c for c in load_exercise(
                                                                spec_file).checks
                                                                if c.name == check.name))
    untouched = (ROOT / "exercises" / "p209.yaml").read_text(encoding="utf-8")
    assert (target / "p209.yaml").read_text(encoding="utf-8") == untouched


def test_the_students_wheel_leaves_hidden_checks_out_and_the_final_gradings_keeps_them(tmp_path):
    pytest.importorskip("wheel", reason="building a wheel offline needs the `wheel` package")
    from grader.platforms.wheel import build_wheel

    def p239(wheel: Path) -> tuple[dict, list[str]]:
        names = zipfile.ZipFile(wheel).namelist()
        text = zipfile.ZipFile(wheel).read("grader/exercises/p239.yaml").decode("utf-8")
        return yaml.safe_load(text), names

    students, names = p239(build_wheel(tmp_path / "students"))
    assert students["hidden_checks"] == 1
    assert all(c.get("visibility") != "hidden" for c in students["checks"])
    assert "grader/exercises/frozen/p239.json" not in names
    assert "grader/exercises/frozen/p241.json" in names  # the others' frozen results ship
    final, names = p239(build_wheel(tmp_path / "final", for_students=False))
    assert "hidden_checks" not in final
    assert [c["name"] for c in final["checks"] if c.get("visibility") == "hidden"]
    assert "grader/exercises/frozen/p239.json" in names
    assert (ROOT / "exercises" / "frozen" / "p239.json").exists()  # the checkout's untouched
