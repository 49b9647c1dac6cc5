"""Hints only for recognised mistakes, and mistakes recognised from what happened (issue 13).

Judging and diagnosis are pure functions of plain data: these tests hand-build the exception a
student's process would have sent (with the facts `sandbox.facts` adds), or the values of a
check, and judge them without any process. `test_facts_*` run `sandbox.facts` on real
exceptions raised here, as the student's process would.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from grader.bank import load_bank
from grader.grading import messages
from grader.grading.checks import CheckRun, JUDGES
from grader.grading.diagnosis import cascade, errors, formula, unset, values
from grader.grading.inputs import check_rng, make_inputs
from grader.grading.judging import failed_check, judge_exercise, judged_check
from grader.grading.running import Failure, StudentRun
from grader.grading.sandbox import facts
from grader.grading.sandbox.client import RunOutcome
from grader.grading.sandbox.plain import to_plain
from grader.results import Captured

BANK = {s.id: s for s in load_bank()}


def raised(kind: str, message: str, statement: str | None = None, frames=(), **more) -> dict:
    """An exception as the student's process sends it."""
    return {"type": kind, "message": message, "statement": statement,
            "frames": [dict(zip(("file", "line", "function", "code"), f)) for f in frames],
            **more}


def inputs_of(spec, position: int, seed: int = 3) -> dict:
    check = spec.checks[position]
    return make_inputs(check.inputs, check_rng(seed, spec.id, position), check.dims)


def position(spec, name: str) -> int:
    return next(i for i, c in enumerate(spec.checks) if c.name == name)


def judged_values(exercise: str, check_name: str, lang: str = "en", texts=None, seed: int = 3,
                  **sent):
    """A value check judged on the values the student's process would have sent."""
    spec = BANK[exercise]
    at = position(spec, check_name)
    inputs = inputs_of(spec, at, seed)
    values_sent = {k: v(inputs) if callable(v) else v for k, v in sent.items()}
    raw = {"values": {k: to_plain(v) for k, v in values_sent.items()}, "error": None}
    check = spec.checks[at]
    verdict = JUDGES[check.kind].judge(CheckRun(spec=check, inputs=inputs, lang=lang, raw=raw))
    return judged_check(spec, check, verdict, inputs, lang, texts=texts or {})


def judged_error(exercise: str, check_name: str, error: dict, lang: str = "en", texts=None):
    spec = BANK[exercise]
    at = position(spec, check_name)
    check = spec.checks[at]
    inputs = inputs_of(spec, at)
    verdict = JUDGES[check.kind].judge(CheckRun(spec=check, inputs=inputs, lang=lang,
                                                raw={"values": {}, "error": error}))
    return judged_check(spec, check, verdict, inputs, lang, texts=texts or {})


# -- item 1: a hint only when the mistake is recognised -----------------------------------------

def test_an_exception_gets_no_fixed_hint_of_its_check():
    """230's first check has its own hint about 1-D inputs; a call that does not fit is not
    that, and no family recognises it without the student's signature: no hint at all."""
    result = judged_error("230", "one sample (1-D)", raised(
        "TypeError", "SoftmaxWithLoss.backward() missing 1 required positional argument: 'dout'",
        "dx = layer.backward()"))
    assert BANK["230"].check("one sample (1-D)").hint is not None
    assert result.status == "error" and result.hint is None and result.diagnoses == ()
    assert "about this check" not in result.message


def test_a_checks_own_hint_is_a_note_on_a_value_it_compared():
    # 230's one-sample check: a loss off by an unrecognised amount, dx right
    def y(i):
        e = np.exp(i["x"] - i["x"].max())
        return e / e.sum()

    result = judged_values("230", "one sample (1-D)", loss=0.123456,
                           dx=lambda i: y(i) - i["t"][0])
    assert result.status == "failed" and result.hint is None
    note = BANK["230"].check("one sample (1-D)").hint.en
    assert result.message.endswith("about this check: " + note)


def test_a_file_that_does_not_load_is_blamed_and_named_not_hinted():
    spec = BANK["233"]
    error = raised("SyntaxError", "expected ':' (p214.py, line 5)", None,
                   [("p233.py", 3, "<module>", "from p214 import Relu"),
                    ("p214.py", 5, "<module>", "def forward(self, x)")])
    (check,) = judge_exercise(spec, {0: {}}, StudentRun(RunOutcome("load_error", load_error=error,
                                                                   stdout=Captured("", 0))),
                              (None, None), "en")
    assert check.cause.exercise == "214" and check.cause.how == "load"
    assert check.message.startswith(
        "p233 stops because p214.py, which it imports, does not load: fix p214 first")
    assert check.hint is None and check.diagnoses == ()  # 233's own hints are not about this
    ko = judge_exercise(spec, {0: {}}, StudentRun(RunOutcome("load_error", load_error=error,
                                                             stdout=Captured("", 0))),
                        (None, None), "ko")[0]
    assert ko.message.startswith("p233이(가) import하는 p214.py을(를) 불러오지 못해")


def test_an_api_exercise_whose_import_fails_names_the_file():
    spec = BANK["236"]
    error = raised("ValueError", "boom", None, [("p236.py", 4, "<module>", "from p216 import x"),
                                                ("p216.py", 20, "<module>", "s.backward(1)"),
                                                ("p216.py", 14, "backward", "dx = …")])
    check = failed_check(spec.checks[0], Failure("error", "load_error", {"file": "p236.py"}, error),
                         "en", spec, {})
    assert check.cause.exercise == "216" and check.cause.how == "load"
    assert "fix p216 first" in check.message and check.hint is None


def test_what_another_file_raises_is_blamed_only_when_no_caller_could_cause_it():
    inside = [("p220.py", 9, "<module>", "affine.forward(x)"), ("p219.py", 17, "forward", "…")]
    name_error = cascade.from_error("p220.py", raised("NameError", "name 'W' is not defined",
                                                      None, inside))
    assert (name_error.exercise, name_error.how, name_error.function) == ("219", "raises",
                                                                         "forward")
    shapes = raised("ValueError", "shapes (1,2) and (3,2) not aligned", None, inside)
    assert cascade.from_error("p220.py", shapes) is None  # the arguments may be p220's doing
    missing = cascade.from_error("p225.py", raised("ModuleNotFoundError",
                                                   "No module named 'p219'"))
    assert (missing.exercise, missing.file, missing.how) == ("219", "p219.py", "missing")
    # an attribute no method of the class ever stores is the class's fault, not its caller's
    texts = {"p214.py": "class Relu:\n    def forward(self, x):\n        mask = x <= 0\n"
                        "        return x\n\n    def backward(self, dout):\n"
                        "        return dout * self.mask\n"}
    unset = raised("AttributeError", "'Relu' object has no attribute 'mask'", None,
                   [("p234.py", 30, "<module>", "…"), ("p214.py", 7, "backward", "…")],
                   attributes=[{"name": "mask", "state": "missing"}], klass="Relu",
                   method="backward")
    assert cascade.from_error("p234.py", unset, texts).exercise == "214"
    stored = {"p214.py": texts["p214.py"].replace("mask = x <= 0", "self.mask = x <= 0")}
    assert cascade.from_error("p234.py", unset, stored) is None  # the caller skipped forward


def test_a_hanging_import_is_blamed_on_its_file():
    spec = BANK["225"]
    check = failed_check(spec.checks[0], Failure("timeout", "hung_before", dict(
        file="p225.py", module="p219", exercise="219", seconds=5)), "en", spec, {})
    assert check.cause.exercise == "219" and check.cause.how == "hangs"


# -- item 2: families told from the exception -----------------------------------------------------

@pytest.mark.parametrize("error, family, words", [
    (raised("SyntaxError", "Missing parentheses in call to 'print'. Did you mean print(...)?",
            None, [("p210.py", 14, "<module>", "print int(price)")]),
     "python2", "is Python 2"),
    (raised("NameError", "name 'xrange' is not defined", None,
            [("p210.py", 3, "<module>", "for i in xrange(3):")]), "python2", "calls it range"),
    (raised("AttributeError", "'collections.OrderedDict' object has no attribute 'itervalues'",
            None, [("p210.py", 3, "f", "…")]), "python2", "values()"),
    (raised("SyntaxError", "expected ':'", None,
            [("p210.py", 10, "<module>", "def forward(self, x)")]), "syntax",
     "a ':' is missing"),
    (raised("SyntaxError", "invalid character '）' (U+FF09)", None,
            [("p210.py", 10, "<module>", "x = f(1）")]), "syntax", "Korean keyboard"),
    (raised("AttributeError", "module 'numpy' has no attribute 'maxmimum'", None,
            [("p210.py", 5, "f", "np.maxmimum(0, x)")]), "numpy-name", "np.maximum"),
    (raised("TypeError", "sum() got an unexpected keyword argument 'keepdim'", None,
            [("p210.py", 5, "f", "np.sum(x, axis=1, keepdim=True)")]), "numpy-name",
     "keepdims="),
])
def test_exceptions_name_their_family(error, family, words):
    found = errors.findings(BANK["210"], BANK["210"].checks[0], error, {})
    assert [f.id for f in found] == [family]
    assert words in found[0].text("en") and found[0].text("ko")


def test_a_call_that_does_not_fit_shows_the_exercises_signature():
    error = raised("TypeError", "MulLayer.backward() takes 1 positional argument but 2 were given",
                   "dx, dy = layer.backward(dout)", callee="MulLayer.backward",
                   signature="(self)", defined_in={"file": "p209.py", "line": 12})
    result = judged_error("209", "the course's apple prices", error)
    assert result.diagnoses == ("signature",)
    assert result.hint == ("MulLayer.backward is defined as backward() (p209.py line 12), but the "
                           "exercise calls it as backward(dout): give it the exercise's "
                           "parameters")


def test_an_attribute_never_stored_names_the_method_that_must_store_it():
    text = ("import numpy as np\n\nclass Sigmoid:\n    def __init__(self):\n        self.out = None\n"
            "\n    def forward(self, x):\n        out = 1 / (1 + np.exp(-x))\n        return out\n"
            "\n    def backward(self, dout):\n        return dout * (1.0 - self.out) * self.out\n")
    error = raised("TypeError", "unsupported operand type(s) for -: 'float' and 'NoneType'",
                   "dx = sigmoid.backward(dout)",
                   [("p216.py", 12, "backward", "return dout * (1.0 - self.out) * self.out")],
                   attributes=[{"name": "out", "state": "None"}], klass="Sigmoid",
                   method="backward")
    result = judged_error("216", "the course's example", error, texts={"p216.py": text})
    assert result.diagnoses == ("unset-attribute",)
    assert "Sigmoid.forward computes out (line 8) but keeps it in a local variable" in result.hint
    # stored nowhere at all: the method that runs first must store it
    found = errors.findings(BANK["216"], None, error, {"p216.py": text.replace(
        "        out = 1 / (1 + np.exp(-x))\n        return out\n", "        return x\n")})
    assert "Sigmoid.backward reads self.out, which is still None" in found[0].text("en")
    assert "Sigmoid.forward must store it first" in found[0].text("en")


def test_a_minus_typed_for_equals_is_named_on_its_line():
    text = ("import numpy as np\n\nclass Affine:\n    def backward(self, dout):\n"
            "        self.db - np.sum(dout, axis=0)\n        return dout\n")
    error = raised("TypeError", "unsupported operand type(s) for -: 'NoneType' and 'float'",
                   "dx = affine.backward(dout)",
                   [("p219.py", 5, "backward", "self.db - np.sum(dout, axis=0)")],
                   attributes=[{"name": "db", "state": "None"}], klass="Affine",
                   method="backward")
    result = judged_error("219", "the course's example", error, texts={"p219.py": text})
    assert result.diagnoses == ("no-effect",)
    assert "did you mean `self.db = np.sum(dout, axis=0)`?" in result.hint


def test_none_from_a_function_without_return_is_named():
    text = "class MulLayer:\n    def forward(self, x, y):\n        out = x * y\n"
    result = judged_values("209", "the course's apple prices", texts={"p209.py": text},
                           out=None, dx=2.2, dy=110.00000000000001)
    assert result.diagnoses == ("returns-none",)
    assert result.hint.startswith("layer.forward(x, y) returned None: MulLayer.forward has no "
                                  "return statement")


def test_unpacking_one_value_names_how_many_were_wanted():
    error = raised("TypeError", "cannot unpack non-iterable float object",
                   "dx, dy = layer.backward(dout)")
    result = judged_error("211", "the course's apples and oranges", error)
    assert result.diagnoses == ("return-count",)
    assert "must return 2 values (dx, dy), but returned one number (float)" in result.hint


@pytest.mark.parametrize("message, code, known, family, words", [
    ("shapes (2,3) and (2,3) not aligned: 3 (dim 1) != 2 (dim 0)",
     "dx = np.dot(dout, self.W)", [], "missing-transpose", "np.dot(dout, self.W.T)"),
    ("shapes (2,3) and (2,2) not aligned: 3 (dim 1) != 2 (dim 0)",
     "out = np.dot(self.W, x) + self.b", [], "operand-order", "np.dot(x, self.W)"),
    ("operands could not be broadcast together with shapes (2,2) (2,3) ",
     "out = x * self.W + self.b", [], "elementwise-product", "np.dot(x, self.W)"),
    ("operands could not be broadcast together with shapes (4,10) (4,) ",
     "x = x - np.max(x, axis=1)", [], "keepdims", "keepdims=True keeps it as (4, 1)"),
    ("matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature "
     "(n?,k),(k,m?)->(n?,m?) (size 2 is different from 3)", "dW = self.x @ dout",
     [{"expr": "self.x", "shape": [5, 4]}, {"expr": "dout", "shape": [5, 3]}],
     "missing-transpose", "np.dot(self.x.T, dout)"),
])
def test_shapes_that_do_not_fit_name_both_and_the_likely_fix(message, code, known, family, words):
    error = raised("ValueError", message, None, [("p219.py", 9, "backward", code)],
                   shapes=known)
    found = errors.findings(BANK["219"], None, error, {})
    assert [f.id for f in found] == [family] and words in found[0].text("en")


def test_a_shape_error_in_another_file_is_not_explained_with_that_files_line():
    error = raised("ValueError", "shapes (4,3) and (4,3) not aligned: 3 (dim 1) != 4 (dim 0)",
                   "grads = net.gradient(x, t)",
                   [("p237.py", 50, "gradient", "dout = layer.backward(dout)"),
                    ("p219.py", 18, "backward", "dx = np.dot(dout, self.W.T)")])
    assert errors.findings(BANK["237"], None, error, {}) == []


def test_a_misspelt_name_and_an_import_of_a_missing_name():
    typo = raised("NameError", "name 'dY' is not defined", None,
                  [("p209.py", 9, "backward", "return dx, dY")], near=["dy"])
    assert "did you mean dy?" in errors.findings(BANK["209"], None, typo, {})[0].text("en")
    imported = raised("ImportError", "cannot import name 'ReLU' from 'p214' (/x/p214.py)")
    found = errors.findings(BANK["233"], None, imported, {"p214.py": "class Relu:\n    pass\n"})
    assert found[0].id == "import-name"
    assert found[0].text("en") == "p214.py defines no ReLU (did you mean Relu?); it defines Relu"


def test_a_key_missing_from_a_returned_dict():
    error = raised("KeyError", "'b1'", "db1, db2, db3 = np.ravel(grads['b1']), "
                                       "np.ravel(grads['b2']), np.ravel(grads['b3'])")
    result = judged_error("236", "the course's network", error)
    assert result.diagnoses == ("missing-key",)
    assert "net.gradient(X, t) returned a dict without the key 'b1'" in result.hint


# -- item 2: families told from values -----------------------------------------------------------

def test_a_slip_in_the_expected_formula_is_named():
    """219's random checks expect `x @ W + b`: `x @ W` alone, or (on square matrices) `x * W + b`
    and `W @ x + b`, are that formula with one slip."""
    no_bias = judged_values("219", "a batch of many", out=lambda i: i["x"] @ i["W"])
    assert no_bias.diagnoses == ("missing-term",)
    assert no_bias.hint == ("out equals x @ W, where the exercise computes x @ W + b: a term of "
                            "the sum is missing")
    check = BANK["219"].check("a square W")
    rng = np.random.default_rng(1)
    inputs = {"x": rng.standard_normal((3, 3)), "W": rng.standard_normal((3, 3)),
              "b": rng.standard_normal(3)}
    expected = inputs["x"] @ inputs["W"] + inputs["b"]
    for student, family in ((inputs["x"] * inputs["W"] + inputs["b"], "elementwise-product"),
                            (inputs["W"] @ inputs["x"] + inputs["b"], "operand-order")):
        found = formula.named_slip("out", "x @ W + b", expected, student, inputs, check)
        assert [f.id for f in found] == [family]
    assert formula.slips("np.sum(dout, axis=0)", {"dout"})[:2] == [
        ("missing-sum", "dout"), ("keepdims", "np.sum(dout, axis=0, keepdims=True)")]


@pytest.mark.parametrize("db, family", [
    (lambda i: i["dout"].sum(axis=0, keepdims=True), "keepdims"),
    (lambda i: i["dout"], "missing-sum"),
    (lambda i: i["dout"].sum(axis=1), "sum-axis"),
])
def test_a_bias_gradient_of_the_wrong_shape(db, family):
    result = judged_values("219", "a batch of many", out=lambda i: i["x"] @ i["W"] + i["b"],
                           dx=lambda i: i["dout"] @ i["W"].T, dW=lambda i: i["x"].T @ i["dout"],
                           db=db)
    assert family in result.diagnoses or (family, result.diagnoses) == (
        "missing-sum", ("db-not-summed",))  # the spec's own mistake comes first


def test_a_backward_that_ignores_a_literal_dout_is_named():
    # 192's first check calls node.backward(2.0): 6 where 12 is expected is dz ignored
    result = judged_values("192", "at fixed points", sq_z=9.0, sq_dx=6.0)
    assert result.diagnoses == ("ignores-dout",)


def test_values_in_another_order_need_a_true_exchange():
    # 191's MinusNode with -dz, dz: dx and dy exchanged
    ok = dict(plus_z=lambda i: i["x"] + i["y"], minus_z=lambda i: i["x"] - i["y"],
              mul_z=lambda i: i["x"] * i["y"], plus_dx=lambda i: i["dz"],
              plus_dy=lambda i: i["dz"], mul_dx=lambda i: i["dz"] * i["y"],
              mul_dy=lambda i: i["dz"] * i["x"])
    swapped = judged_values("191", "on arrays", **ok, minus_dx=lambda i: -i["dz"],
                            minus_dy=lambda i: i["dz"])
    assert "other-order" in swapped.diagnoses or "wrong-sign" in swapped.diagnoses
    # a scalar that happens to equal another expected value is no exchange (181's add gate
    # copied from the multiply gate: add_da = 3 = mul_da by chance)
    result = judged_values("181", "the course's example", prod_value=-6.0, mul_da=3.0,
                           mul_db=-2.0, sum_value=1.0, add_da=3.0, add_db=-2.0)
    assert "other-order" not in result.diagnoses


def test_a_constant_factor_is_named_only_over_several_numbers():
    spec = BANK["219"]
    check = spec.check("a batch of many")
    twice = values._generic("dW", np.arange(1.0, 7.0), 2 * np.arange(1.0, 7.0), check.tolerance,
                            {}, {})
    assert [f.id for f in twice] == ["scaled"] and "2 times" in twice[0].text("en")
    assert values._generic("loss", np.array(3.0), np.array(6.0), check.tolerance, {}, {}) == []


def test_a_gradient_that_ignores_dout_is_told_from_the_numerical_one_with_dout_one():
    spec = BANK["214"]
    at = position(spec, "backward agrees with the numerical gradient")
    check = spec.checks[at]
    x = np.array([[1.0, -2.0], [3.0, 0.5]])
    dout = np.array([[0.5, -1.5], [2.0, 3.0]])
    local = (x > 0).astype(float)
    found = values._gradient(check, {"dout": dout, "grad_x": local, "num_x": local * dout,
                                     "num1_x": local}, {"x": x})
    assert [f.id for f in found] == ["ignores-dout"]
    sign = values._gradient(check, {"dout": dout, "grad_x": -local * dout,
                                    "num_x": local * dout, "num1_x": local}, {"x": x})
    assert [f.id for f in sign] == ["wrong-sign"]


def test_printed_numbers_in_another_order_or_missing():
    spec = BANK["213"]
    check = spec.checks[0]
    shuffled = np.array([650, 110.00000000000001, 2.2, 3.3000000000000003, 165.0])
    assert [f.id for f in values._printed(check, shuffled)] == ["other-order"]
    short = np.array([110.00000000000001, 2.2, 3.3000000000000003, 165.0])
    found = values._printed(check, short)
    assert [f.id for f in found] == ["missing-numbers"] and "number(s) 5 (650)" in \
        found[0].text("en")


def test_printed_numbers_apart_or_some_never_printed():
    """All five printed, with the intermediate ones between them; four of five and the fifth
    never: the printed numbers are the evidence. One expected number not printed says nothing
    (a wrong value looks the same)."""
    spec = BANK["213"]
    check = spec.checks[0]
    apart = np.array([650, 1.1, 110.00000000000001, 2.2, 1.1, 3.3000000000000003, 165.0])
    assert [f.id for f in values._printed(check, apart)] == ["other-order"]
    without_tax = np.array([715.0, 1.1, 3.3000000000000003, 165.0, 2.2, 110.00000000000001])
    found = values._printed(check, without_tax)
    assert [f.id for f in found] == ["missing-numbers"] and "(650) never" in found[0].text("en")
    assert values._printed(check, np.array([1.0, 2.0, 3.0])) == []
    assert values._printed(BANK["212"].checks[0], np.array([650.0])) == []
    # in a row, with another number where 650 belongs: a wrong value, not one left unprinted
    wrong = np.array([220.0, 110.00000000000001, 2.2, 3.3000000000000003, 165.0, 200.0])
    assert values._printed(check, wrong) == []


def test_a_kept_axis_is_keepdims_only_where_the_code_writes_it():
    """(1, 3) for (3,) from a 1-D x made a row by a reshape: no keepdims in the code, no
    keepdims hint; with `keepdims=True` written, the hint."""
    x = {"x": np.ones(2), "W": np.ones((2, 3)), "b": np.ones(3)}
    assert values._shapes("out", np.full(3, 3.0), np.full((1, 3), 3.0), x, {}) == []
    written = {"p219.py": "out = np.sum(x, axis=0, keepdims=True)\n"}
    assert [f.id for f in values._shapes("out", np.full(3, 3.0), np.full((1, 3), 3.0), x,
                                         written)] == ["keepdims"]


def test_a_shape_family_needs_the_values_too():
    """A stray tuple (`dout * (1.0, -y) * y`) has the shape of a batch, and even sums to the
    right value: with no batch among the inputs, it is no missing sum."""
    assert values._shapes("dx", 0.5, [0.3, 0.2], {"x": 0.4}) == []
    batch = {"dout": np.ones((4, 3))}
    assert [f.id for f in values._shapes("db", np.full(3, 4.0), np.ones((4, 3)), batch)] == [
        "missing-sum"]
    assert values._shapes("db", np.full(3, 5.0), np.ones((4, 3)), batch) == []  # sums to 4


def test_a_name_never_defined_says_where_the_submission_defines_it():
    error = raised("NameError", "name 'softmax' is not defined", None,
                   [("common/layers.py", 12, "forward", "self.y = softmax(x)")])
    texts = {"common/layers.py": "from common.functions import cross_entropy_error\n",
             "common/functions.py": "import numpy as np\n\ndef softmax(x):\n    return x\n"}
    (found,) = errors.findings(BANK["230"], None, error, texts)
    assert found.id == "undefined-name"
    assert "from common.functions import softmax" in found.text("en")
    alone = errors.findings(BANK["230"], None, error, {})
    assert [f.id for f in alone] == ["undefined-name"] and "define it" in alone[0].text("en")


def test_a_class_is_never_offered_for_a_function_of_its_name():
    """`sigmoid(x)` called in class Sigmoid: the class is no spelling of the missing function;
    `B` for the argument `b` is a slip."""
    called = raised("NameError", "name 'sigmoid' is not defined", None,
                    [("p216.py", 9, "forward", "out = sigmoid(x)")], near=["Sigmoid"])
    assert [f.id for f in errors.findings(BANK["216"], None, called, {})] == ["undefined-name"]
    capital = raised("NameError", "name 'B' is not defined", None,
                     [("p219.py", 5, "__init__", "self.b = B")], near=["b"])
    assert [f.id for f in errors.findings(BANK["219"], None, capital, {})] == ["name-typo"]


def test_a_gradient_that_runs_no_forward_pass_is_named():
    """237's gradient with `self.loss(x, t)` commented out: the book's SoftmaxWithLoss then
    reads `self.t`, None. Told from the student's method, which calls no forward."""
    network = ("class TwoLayerNet:\n    def gradient(self, x, t):\n        # self.loss(x, t)\n"
               "        dout = self.lastLayer.backward(1)\n        return dout\n")
    error = raised("AttributeError", "'NoneType' object has no attribute 'shape'", None,
                   [("p237.py", 4, "gradient", "dout = self.lastLayer.backward(1)"),
                    ("common/layers.py", 84, "backward", "batch_size = self.t.shape[0]")])
    (found,) = errors.findings(BANK["237"], None, error, {"p237.py": network})
    assert found.id == "unset-attribute" and "TwoLayerNet.gradient" in found.text("en")
    fixed = network.replace("# self.loss(x, t)", "self.loss(x, t)")
    assert errors.findings(BANK["237"], None, error, {"p237.py": fixed}) == []


def test_a_method_written_otherwise_or_without_self_is_named():
    typo = raised("AttributeError", "'MulLayer' object has no attribute 'forward'", None,
                  [("p209.py", 3, "<module>", "out = layer.forward(x, y)")])
    text = "class MulLayer:\n    def forword(self, x, y):\n        return x * y\n"
    (found,) = errors.findings(BANK["209"], None, typo, {"p209.py": text})
    assert found.id == "name-typo" and "it has forword" in found.text("en")
    no_self = raised("TypeError", "Sigmoid.__init__() takes 0 positional arguments but 1 was "
                     "given", "sigmoid = Sigmoid()")
    (found,) = errors.findings(BANK["216"], None, no_self, {})
    assert found.id == "signature" and "def __init__(self" in found.text("en")


def test_a_method_without_self_that_takes_other_parameters_is_named():
    """`def backward(dout):` takes one argument and is given two (the object and dout): the
    parameters the student's process read off the method have no self."""
    error = raised("TypeError", "AddLayer.backward() takes 1 positional argument but 2 were "
                   "given", "dx, dy = layer.backward(dout)", signature="(dout)",
                   callee="AddLayer.backward")
    (found,) = errors.findings(BANK["211"], None, error, {})
    assert found.id == "signature" and "def backward(self" in found.text("en")
    has_self = dict(error, signature="(self)")  # then the call passed one too many
    assert all("without self" not in f.text("en")
               for f in errors.findings(BANK["211"], None, has_self, {}))


def test_an_attribute_the_class_stores_under_another_spelling():
    """The check reads `affine.dW`; the class's methods store `self.dw`."""
    error = raised("AttributeError", "'Affine' object has no attribute 'dW'", "dW = affine.dW")
    text = ("class Affine:\n    def backward(self, dout):\n        self.dw = dout\n"
            "        return dout\n")
    (found,) = errors.findings(BANK["219"], None, error, {"p219.py": text})
    assert found.id == "name-typo" and "store self.dw: name it self.dW" in found.text("en")


def test_a_key_the_class_never_stores_in_its_dict_is_named():
    """`self.params['b1']` read in __init__, which stores 'W1' and 'b2' twice."""
    text = ("class TwoLayerNet:\n    def __init__(self):\n        self.params = {}\n"
            "        self.params['W1'] = 1\n        self.params['b2'] = 2\n"
            "        self.params['W1'] = 3\n        self.params['b2'] = 4\n"
            "        self.layer = (self.params['W1'], self.params['b1'])\n")
    error = raised("KeyError", "'b1'", "net = TwoLayerNet(64, 50, 10)",
                   [("p237.py", 8, "__init__",
                     "self.layer = (self.params['W1'], self.params['b1'])")])
    (found,) = errors.findings(BANK["237"], None, error, {"p237.py": text})
    assert found.id == "missing-key" and "'W1', 'b2', 'W1', 'b2'" in found.text("en")


def test_an_attribute_spelt_otherwise_is_a_typo_not_an_order():
    """`self.laseLayer` where the object has `lastLayer`: the student's process sends the
    attributes spelt alike, and the hint names the spelling, not a method that must store it."""
    error = raised("AttributeError", "'TwoLayerNet' object has no attribute 'laseLayer'", None,
                   [("p237.py", 30, "loss", "return self.laseLayer.forward(y, t)")],
                   attributes=[{"name": "laseLayer", "state": "missing",
                                "near": ["lastLayer"]}], klass="TwoLayerNet", method="loss")
    (found,) = errors.findings(BANK["237"], None, error, {})
    assert found.id == "name-typo" and "did you mean self.lastLayer?" in found.text("en")


def test_a_name_a_skipped_star_import_would_bring_says_so():
    error = raised("NameError", "name 'softmax' is not defined", None,
                   [("common/layers.py", 9, "forward", "self.y = softmax(x)")])
    text = "'__grader_skipped__ * common|from common.functions import *'\nclass X:\n    pass\n"
    (found,) = errors.findings(BANK["230"], None, error, {"common/layers.py": text})
    assert found.id == "undefined-name"
    assert "it would come from `from common.functions import *`" in found.text("en")


def test_a_script_that_leaves_a_value_bare_is_told_to_print_it():
    found = unset.dropped_findings("import numpy as np\nY = np.dot([1], [2])\nY\n", "p218.py",
                                    script=True)
    assert [f.id for f in found] == ["no-effect"] and "print(Y)" in found[0].text("en")
    assert unset.dropped_findings("Y = 1\nY\n", "p218.py") == []  # a module's top: not a script


# -- facts from the student's process -------------------------------------------------------------

def test_facts_name_the_unset_attribute_the_callee_and_the_closest_name(tmp_path):
    work = str(tmp_path)
    source = tmp_path / "p216.py"
    source.write_text("class Sigmoid:\n    def __init__(self):\n        self.out = None\n"
                      "    def backward(self, dout):\n        return dout * (1.0 - self.out)\n"
                      "    def forward(self, x):\n        return W\n", encoding="utf-8")
    namespace: dict = {}
    exec(compile(source.read_text(), str(source), "exec"), namespace)
    layer = namespace["Sigmoid"]()
    layer.W = 1
    with pytest.raises(TypeError) as info:
        layer.backward(2.0)
    found = facts.of(info.value, work)
    assert found["attributes"] == [{"name": "out", "state": "None"}]
    assert (found["klass"], found["method"]) == ("Sigmoid", "backward")
    with pytest.raises(NameError) as info:
        layer.forward(1)
    assert facts.of(info.value, work)["near"][0] == "self.W"

    def call():
        snippet = compile("layer.backward()", "<check>", "exec")
        exec(snippet, {"layer": layer, "Sigmoid": namespace["Sigmoid"]})

    with pytest.raises(TypeError) as info:
        call()
    found = facts.of(info.value, work)
    assert found["callee"] == "Sigmoid.backward" and found["signature"] == "(self, dout)"
    assert found["defined_in"] == {"file": "p216.py", "line": 4}


def test_facts_never_raise():
    class Hostile(Exception):
        def __str__(self):
            raise RuntimeError("no")

    assert facts.of(Hostile(), "/nowhere") == {}


# -- words --------------------------------------------------------------------------------------

def test_machine_texts_say_what_to_do_in_korean():
    assert messages.Phrase("problem_encoding", {"byte": 12, "line": 2}).say("ko") == (
        "UTF-8 텍스트가 아닙니다 (파일의 12번째 바이트, 2번째 줄): 편집기에서 UTF-8로 저장하세요")
    assert "sys.exit()" in messages.machine(
        "your code's process exited with code 3 before it finished", "en")
    assert messages.machine("something else", "ko") == "something else"


def test_a_none_passed_down_is_traced_to_the_call_that_returned_it_not_to_the_checks_call():
    """TwoLayerNet.predict has no return; the check's `loss = net.loss(x, t)` fails two calls
    deeper, where SoftmaxWithLoss.forward gets y = None. The hint names predict, whose result
    loss passed on, and never loss itself, which does return."""
    text = (Path(__file__).parent / "realistic" / "p237_predict-no-return.py").read_text(
        encoding="utf-8")
    error = raised("TypeError", "unsupported operand type(s) for -: 'NoneType' and 'NoneType'",
                   "loss = net.loss(x, t)",
                   [("p237.py", 41, "loss", "return self.lastLayer.forward(y, t)"),
                    ("p230.py", 5, "forward", "x = x - np.max(x)")], nones=["x"])
    found = errors.findings(BANK["237"], None, error, {"p237.py": text})
    assert [f.id for f in found] == ["returns-none"]
    assert found[0].text("en").startswith("self.predict(x) returned None: TwoLayerNet.predict "
                                          "has no return statement")
