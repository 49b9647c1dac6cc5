"""Each check kind against wrong submissions: the exact status, and a message naming the check."""
from __future__ import annotations

import shutil
import textwrap

from conftest import SOLUTIONS

from grader.bank import select
from grader.grading.checks.output import printed_numbers
from grader.grading.cache import ResultCache
from grader.grading.engine import Grader
from grader.grading.job import Options

MUL = """
class MulLayer:
    def __init__(self):
        self.x = None
        self.y = None

    def forward(self, x, y):
        self.x, self.y = x, y
        return {forward}

    def backward(self, dout):
        return {backward}
"""


def mul(forward="x * y", backward="dout * self.y, dout * self.x"):
    return MUL.format(forward=forward, backward=backward)


def statuses(exercise):
    return {c.name: c.status for c in exercise.checks}


def test_correct_file_passes_every_check(submission, grade):
    result = grade(submission(only=("p209.py",)), "209")["209"]
    assert result.status == "passed" and result.score == result.max_score == 1.0
    # no solutions at hand: the reference check compares with the results frozen into the bank
    assert {c.status for c in result.checks} == {"passed"}


def test_wrong_value_fails_with_expected_and_actual(submission, grade):
    result = grade(submission({"p209.py": mul(forward="x + y")}, only=()), "209")["209"]
    check = next(c for c in result.checks if c.name == "the course's apple prices")
    assert result.status == "failed"
    assert check.status == "failed"
    assert check.message.startswith("out:")
    assert "expected 200" in check.message and "got 102" in check.message
    assert result.score < 1


def test_wrong_gradient_is_caught_by_the_numerical_gradient(submission, grade):
    # forward is right, backward swaps nothing: dx = dout * x
    result = grade(submission({"p209.py": mul(backward="dout * self.x, dout * self.y")}, only=()),
                   "209")["209"]
    check = next(c for c in result.checks if c.kind == "gradient")
    assert check.status == "failed"
    assert "numerical gradient" in check.message and "the gradient of x" in check.message
    assert "index (" in check.message


def test_wrong_shape_names_both_shapes_and_the_diagnosis(submission, grade):
    text = (submission(only=("p219.py",)) / "p219.py").read_text()
    bad = text.replace("self.db = np.sum(dout, axis=0)", "self.db = dout")
    assert bad != text, "the reference solution changed: update this test"
    result = grade(submission({"p219.py": bad}, only=()), "219")["219"]
    failing = [c for c in result.checks if c.status == "failed"]
    assert failing, "a db that is not summed must fail"
    shape_check = next(c for c in failing if "expected shape" in c.message)
    assert "got shape" in shape_check.message
    diagnosed = [c for c in failing if "db-not-summed" in c.diagnoses]
    assert diagnosed and all(c.hint for c in diagnosed)


def test_exception_names_the_statement_and_the_line(submission, grade):
    text = mul(backward="dout * self.y, dout * self.x").replace(
        "self.x, self.y = x, y", "raise ValueError('boom')")
    result = grade(submission({"p209.py": text}, only=()), "209")["209"]
    check = result.checks[0]
    assert result.status == "error" and result.score == 0
    assert check.status == "error"
    assert "layer.forward(x, y)" in check.message and "ValueError: boom" in check.message
    assert "p209.py:" in check.message
    assert check.error_line[0] == "p209.py" and check.error_line[1] > 0


def test_import_error_fails_every_check_of_that_exercise_only(submission, grade):
    folder = submission({"p209.py": "import no_such_module_here\n"})
    results = grade(folder, "209,211")
    assert results["209"].status == "error"
    assert all(c.status == "error" for c in results["209"].checks)
    assert "ModuleNotFoundError" in results["209"].checks[0].message
    assert results["211"].status == "passed"


def test_syntax_error_points_at_the_line(submission, grade):
    result = grade(submission({"p209.py": "class MulLayer:\n    def forward(self x):\n"}, only=()),
                   "209")["209"]
    assert result.status == "error"
    assert "SyntaxError" in result.checks[0].message and "p209.py:2" in result.checks[0].message


def test_a_hanging_method_times_out_and_the_rest_still_runs(submission, grade):
    """backward loops on the 4 x 3 arrays of one check only: that check times out in its own
    call, with a short limit (it loops however busy the machine is); the checks after it run in
    a new process and pass, with the usual limits, and so does the next exercise."""
    text = "import numpy as np\n" + mul().replace(
        "return dout * self.y", "while np.shape(dout) == (4, 3):\n            pass\n"
        "        return dout * self.y")
    results = grade(submission({"p209.py": text}), "209,211", scales={("209", "2-D arrays"): 0.1})
    hung = results["209"]
    assert hung.status == "timeout"
    names = [c.name for c in hung.checks]
    after = names.index("2-D arrays") + 1
    assert statuses(hung)["2-D arrays"] == "timeout"
    assert hung.checks[after - 1].message.startswith("timed out after 0.5 s")  # in the check
    assert {s for n, s in statuses(hung).items() if n != "2-D arrays"} == {"passed"}
    assert "passed" in [c.status for c in hung.checks[after:]]
    assert results["211"].status == "passed"


def test_a_hang_at_import_times_out_every_check(submission, grade):
    results = grade(submission({"p209.py": "while True:\n    pass\n"}), "209,211",
                    scales={"209": 0.1})
    assert results["209"].status == "timeout"
    assert set(statuses(results["209"]).values()) == {"timeout"}
    assert all(c.message == "p209.py did not finish loading within 0.5 s"
               for c in results["209"].checks)
    assert results["211"].status == "passed"


def test_a_crashing_process_is_an_error_of_that_check(submission, grade):
    text = mul().replace("self.x, self.y = x, y", "import os; os._exit(3)")
    results = grade(submission({"p209.py": text}), "209,211")
    assert results["209"].status == "error"
    assert any("exited with code 3" in c.message for c in results["209"].checks)
    assert results["211"].status == "passed"


def test_missing_file_is_missing(submission, grade):
    result = grade(submission(only=()), "209")["209"]
    assert result.status == "missing" and result.score == 0
    assert "p209.py is missing" in result.message


def test_output_wrong_number_says_which_printed_number(submission, grade):
    result = grade(submission({"p210.py": "print(221)\n"}, only=("p209.py",)), "210")["210"]
    (check,) = result.checks
    assert check.status == "failed"
    assert "printed number 1" in check.message and "expected 220" in check.message


def test_output_with_extra_numbers_passes_and_says_what_it_ignored(submission, grade):
    result = grade(submission({"p210.py": "print('step 1:', 220)\n"}, only=()), "210")["210"]
    assert result.checks[0].status == "passed" and result.score == 1
    assert result.checks[0].message == "graded printed number 2 of 2; ignored 1 other number(s)"


def test_output_with_too_few_numbers_fails_on_the_count(submission, grade):
    result = grade(submission({"p226.py": "print([[93, 211]])\n"}, only=()), "226")["226"]
    assert result.checks[0].status == "failed"
    assert "printed 2 numbers, expected 5" in result.checks[0].message


def test_output_labels_and_names_with_digits_are_free(submission, grade):
    result = grade(submission({"p210.py": "print('price of x1 (dW1):', 220)\n"}, only=()),
                   "210")["210"]
    assert result.status == "passed"


def test_output_script_that_raises_is_an_error(submission, grade):
    result = grade(submission({"p210.py": "print(220)\nraise RuntimeError('late')\n"}, only=()),
                   "210")["210"]
    assert result.status == "error"
    assert "RuntimeError: late" in result.checks[0].message


def test_live_reference_checks_skip_without_solutions_and_pass_with_them(submission,
                                                                        unfrozen_bank):
    folder = submission(only=("p214.py",))
    results = []
    for solutions in (None, SOLUTIONS):
        with Grader(select(unfrozen_bank, "214"), Options(seed=7, solutions=solutions)) as grader:
            results.append(grader.grade_folder(folder).exercises[0])
    without, with_solutions = results
    ref = [c.name for c in without.checks if c.kind == "reference"]
    assert ref, "214 should have a reference check"
    assert all(c.status == "skipped" for c in without.checks if c.kind == "reference")
    assert all(c.status == "passed" for c in with_solutions.checks if c.kind == "reference")
    assert without.score == with_solutions.score == 1.0


def test_reference_check_fails_when_the_student_differs(submission, grade):
    text = textwrap.dedent("""
        import numpy as np
        class Relu:
            def forward(self, x):
                self.mask = x <= 0
                out = x.copy()
                out[self.mask] = 0
                return out * 1.0001
            def backward(self, dout):
                dout = dout.copy()
                dout[self.mask] = 0
                return dout
        """)
    result = grade(submission({"p214.py": text}, only=()), "214", solutions=SOLUTIONS)["214"]
    ref = next(c for c in result.checks if c.kind == "reference")
    assert ref.status == "failed" and "reference solution" in ref.message


def test_the_reference_runs_once_per_exercise_and_seed(unfrozen_bank, submission):
    """Every submission graded with one seed gets the same inputs, so the reference solution's
    results (run live: none frozen) are reused; each student's own code still runs, and is
    still judged against them."""
    good = submission(only=("p214.py",))
    bad = good.parent / "bad"
    shutil.copytree(good, bad)
    (bad / "p214.py").write_text((good / "p214.py").read_text().replace(
        "return out", "return out * 1.0001", 1))
    cache = ResultCache()  # what the graders of one run share
    jobs = []
    for seed, folders in ((3, (good, bad)), (4, (good,))):
        with Grader(select(unfrozen_bank, "214"), Options(seed=seed, solutions=SOLUTIONS),
                    cache) as grader:
            for folder in folders:
                result = grader.grade_folder(folder).exercises[0]
                jobs.append(grader.jobs_run)
                ref = next(c for c in result.checks if c.kind == "reference")
                assert ref.status == ("failed" if folder == bad else "passed")
    assert jobs == [2, 3, 2]  # student + reference; student only; a new seed: both again


def test_printed_numbers_reading_rules():
    text = "x1 = [[ 1.5 -2.]\n [ 3e-3  4 ]] dW1: (3, 2) nan -inf loss2 1.2e+10 a_7 .5"
    numbers = printed_numbers(text)
    assert numbers[:6].tolist() == [1.5, -2.0, 0.003, 4.0, 3.0, 2.0]
    assert str(numbers[6]) == "nan" and numbers[7] == float("-inf")
    assert numbers[8:].tolist() == [1.2e10, 0.5]
