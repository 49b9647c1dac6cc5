"""Output exercises as students print them: more numbers than asked, the answer twice, the book's
order, the course's own 229. Judged from hand-made print-outs (no process), then through the
sandbox for what the bank's variants print."""
from __future__ import annotations

import shutil

import pytest

from conftest import SOLUTIONS

from grader.bank import load_bank
from grader.bank.loader import SpecError, load_exercise
from grader.grading.judging import judge_exercise
from grader.grading.running import StudentRun
from grader.grading.sandbox.client import RunOutcome
from grader.results import Captured

BANK = {s.id: s for s in load_bank()}
COURSE_213 = "110.00000000000001 2.2 3.3000000000000003 165.0 650\n"
BOOK_213 = "2.2 110.00000000000001 3.3000000000000003 165.0 650\n"
COURSE_229 = """[[ 888 1192 1496]]
[[1040872 1343296]]
[[ 67408 100808 134208]
 [134816 201616 268416]]
[ 67408 100808 134208]
"""
"""what the course's own code for 229 prints: dY (the forward output), dx, dW1, db1"""


def judged(exercise: str, printed: str, lang: str = "en", error: dict | None = None):
    outcome = RunOutcome("load_error" if error else "done", load_error=error,
                         stdout=Captured(printed, len(printed.encode())))
    (check,) = judge_exercise(BANK[exercise], {0: {}}, StudentRun(outcome), (None, None), lang)
    return check


@pytest.mark.parametrize("printed, graded, total", [
    ("220\n", None, 1),
    ("apple: 100 2\nprice: 220\n", 3, 3),             # labels' numbers before it
    ("220\n220\n", 1, 2),                              # the price twice
    ("220\ndone in 3 steps\n", 1, 2),                  # more after it
])
def test_the_price_passes_whatever_is_printed_around_it(printed, graded, total):
    check = judged("210", printed)
    assert check.status == "passed" and check.hint is None
    if graded is None:
        assert check.message == ""
    else:
        assert check.message == (f"graded printed number {graded} of {total}; "
                                 f"ignored {total - 1} other number(s)")


def test_the_note_on_ignored_numbers_is_in_korean_too():
    check = judged("213", "dapple_num = 1\n" + COURSE_213 + "끝 2\n", lang="ko")
    assert check.status == "passed"
    assert check.message == "출력된 숫자 7개 중 2~6번째를 채점했고 나머지 2개는 무시했습니다"


def test_213_accepts_the_courses_order_and_the_books_and_no_other():
    assert judged("213", COURSE_213).status == "passed"
    assert judged("213", BOOK_213).status == "passed"
    oranges_swapped = "110.00000000000001 2.2 165.0 3.3000000000000003 650\n"
    check = judged("213", oranges_swapped)
    assert check.status == "failed"
    assert check.message.startswith("printed number 3: ")  # against the course's order


def test_no_run_of_the_expected_numbers_names_the_closest_and_where_it_differs():
    check = judged("213", "step 1 2\n" + COURSE_213.replace("650", "651") + "7\n")
    assert check.status == "failed"
    first, second = check.message.splitlines()[:2]
    assert first == ("printed 8 numbers, and the expected ones are not among them in a row; "
                     "the closest match starts at printed number 3")
    assert second.startswith("printed number 7: ") and "expected 650, got 651" in second
    assert check.detail.name == "the printed numbers"


def test_229_takes_the_courses_14_numbers_and_a_forward_print_before_them():
    check = judged("229", COURSE_229)
    assert check.status == "passed" and check.message == ""
    with_forward = judged("229", "[[ 888 1192 1496]]\n" + COURSE_229)
    assert with_forward.status == "passed"
    assert with_forward.message == "graded printed numbers 4 to 17 of 17; ignored 3 other number(s)"


def test_229_mistakes_are_still_recognised_in_the_courses_print_out():
    ones = COURSE_229.replace("[[ 888 1192 1496]]", "[[1. 1. 1.]]").replace(
        "[[1040872 1343296]]", "[[837 1080]]").replace(
        "[[ 67408 100808 134208]\n [134816 201616 268416]]", "[[54 81 108] [108 162 216]]").replace(
        "[ 67408 100808 134208]", "[54 81 108]")
    for printed in (ones, "[[ 888 1192 1496]]\n" + ones):
        check = judged("229", printed)
        assert check.status == "failed" and check.diagnoses == ("dout-ones",)
    index_error = {"type": "IndexError", "statement": None, "frames": [],
                   "message": "boolean index did not match indexed array along dimension 1"}
    for printed in ("", "[[ 888 1192 1496]]\n"):  # the course prints after the backward pass
        check = judged("229", printed, error=index_error)
        assert check.status == "error" and check.diagnoses == ("shared-relu",)
        assert "IndexError" in check.hint


def test_228_mistakes_are_recognised_after_a_forward_print_too():
    ones = "[[1. 1.]]\n[[71 92]]\n[[5 7 9] [10 14 18]]\n[5 7 9]\n"
    for printed in (ones, "Y = [[ 93 211]]\n" + ones):
        check = judged("228", printed)
        assert check.status == "failed" and check.diagnoses == ("dout-ones",), printed


@pytest.mark.parametrize("exercise, change", [
    # the bank's former "mistakes" that only printed more: the right numbers, and more
    ("227", ("print(Y)\n", "print(h)\nprint(Y)\n")),
    ("235", ("    x = layer.forward(x)\n", "    x = layer.forward(x)\n    print(x)\n")),
    ("228", ("print(dY)\n", "print('Y =', Y)\nprint(dY)\n")),
])
def test_a_script_that_prints_more_passes_with_a_note(submission, grade, exercise, change):
    text = (SOLUTIONS / f"p{exercise}.py").read_text()
    assert change[0] in text, "the reference solution changed: update this test"
    folder = submission({f"p{exercise}.py": text.replace(*change, 1)})
    result = grade(folder, exercise)[exercise]
    assert result.status == "passed" and result.score == result.max_score
    assert "ignored" in result.checks[0].message


def test_every_output_variant_of_the_bank_still_fails(submission, grade, tmp_path):
    ids = sorted({p.name[1:4] for p in (SOLUTIONS / "mistakes").glob("p*.py")
                  if BANK[p.name[1:4]].kind == "output"})
    assert "229" in ids and "235" in ids
    for variant in sorted((SOLUTIONS / "mistakes").glob("p*.py")):
        exercise = variant.name[1:4]
        if exercise not in ids:
            continue
        folder = submission()
        shutil.copyfile(variant, folder / f"p{exercise}.py")
        result = grade(folder, exercise)[exercise]
        assert result.score == 0, variant.name
        assert variant.stem.split("_", 1)[1] in result.checks[0].diagnoses, variant.name


def test_alternatives_are_read_and_checked(tmp_path):
    text = """
id: 901
kind: output
title: {ko: 시험, en: test}
prompt: {ko: 시험, en: test}
stub: |
  raise NotImplementedError("p901")
checks:
  - name: two numbers
    kind: output
    expect: [[1, 2]]
    alternatives: [[2, 1], [[3], [4]]]
"""
    path = tmp_path / "p901.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_exercise(path).checks[0].params.alternatives == ((2, 1), (3, 4))
    for bad in ("alternatives: [[2, 1], []]", "alternatives: [2, 1]", "alternatives: [[a, b]]"):
        path.write_text(text.replace("alternatives: [[2, 1], [[3], [4]]]", bad), encoding="utf-8")
        with pytest.raises(SpecError) as caught:
            load_exercise(path)
        assert caught.value.where.startswith("checks[0].alternatives")
