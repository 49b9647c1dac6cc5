"""Names as students spell them, and 237/238 as the course wrote them.

A near-miss class name still fails, but the message lists what the file defines and the closest
spelling. The course's TwoLayerNet (the book's chapter 5 network, no `activation` argument; for
238 a three-layer class under that name) is graded on every check: tests/book/ holds it, as a
student of the course hands it in, in the book's layout (ch05/ beside common/).
"""
from __future__ import annotations

import shutil
from collections import OrderedDict
from pathlib import Path

import pytest

from conftest import SOLUTIONS

from grader.grading import messages
from grader.grading.sandbox.names import public_names
from grader.grading.sandbox.networks import NetworkVariantError, with_activation

BOOK = Path(__file__).resolve().parent / "book"


def near_miss(exercise: str, right: str, wrong: str) -> str:
    text = (SOLUTIONS / f"p{exercise}.py").read_text()
    assert f"class {right}" in text, "the reference solution changed: update this test"
    return text.replace(f"class {right}", f"class {wrong}")


@pytest.mark.parametrize("exercise, right, wrong", [
    ("209", "MulLayer", "Mullayer"),
    ("230", "SoftmaxWithLoss", "SofdtmaxWithLoss"),
])
def test_a_near_miss_name_fails_and_says_the_closest_spelling(submission, grade, exercise,
                                                              right, wrong):
    folder = submission({f"p{exercise}.py": near_miss(exercise, right, wrong)}, only=())
    for lang, did_you_mean in (("en", f"{wrong}: did you mean {right}?"),
                               ("ko", f"{wrong}: {right}을(를) 쓰려던 것인가요?")):
        result = grade(folder, exercise, lang=lang)[exercise]
        assert result.status == "error" and result.score == 0
        message = result.checks[0].message
        first, second = message.splitlines()
        assert first.startswith(f"p{exercise}.py") and right in first and wrong in first
        assert second.strip().startswith(did_you_mean)
        assert {c.message for c in result.checks} == {message}


def test_the_message_lists_the_files_own_names_first_and_no_modules(submission, grade):
    text = ("import numpy as np\nfrom collections import OrderedDict\n\n"
            "class Gate:\n    pass\n\ndef helper():\n    pass\n\nrate = 0.1\n")
    result = grade(submission({"p209.py": text}, only=()), "209")["209"]
    (line,) = result.checks[0].message.splitlines()  # nothing close to MulLayer: no guess
    assert line == ("p209.py does not define MulLayer, which this exercise needs; it defines "
                    "Gate, helper, OrderedDict, rate")


def test_a_spelling_the_spec_lists_still_passes(submission, grade):
    folder = submission({"p209.py": near_miss("209", "MulLayer", "MuLayer")}, only=())
    assert grade(folder, "209")["209"].status == "passed"


def test_what_the_students_process_sends_is_checked_before_it_is_worded():
    forged = {"type": "NameError", "message": "x", "file": "p209.py",
              "missing": ["MulLayer", 3, None], "defined": [["<b>"], "mullayer", 7] + ["n"] * 60}
    text = messages.error(forged, "en")
    assert "MulLayer" in text and "<b>" not in text and "3" not in text.split("defines")[0]
    assert text.splitlines()[1].strip().startswith("mullayer: did you mean MulLayer?")
    assert "… (+" in text  # a long list is cut
    nothing = messages.error({"file": "p209.py", "missing": ["MulLayer"], "defined": []}, "en")
    assert nothing.endswith("it defines nothing (no public top-level name)")


def test_public_names_put_the_modules_own_classes_and_functions_first():
    namespace = {"__name__": "p209", "np": shutil, "OrderedDict": OrderedDict, "_private": 1,
                 "rate": 0.1}
    exec("class Mullayer:\n    pass\ndef f():\n    pass\n", namespace)
    assert public_names(namespace) == ["Mullayer", "f", "OrderedDict", "rate"]


# -- 237 and 238 as the course wrote them ------------------------------------------------------

def course_folder(tmp_path: Path) -> Path:
    """The course's files in the book's layout (tests/book: ch05/ and common/)."""
    folder = tmp_path / "book"
    shutil.copytree(BOOK, folder, ignore=shutil.ignore_patterns("__pycache__"))
    return folder


def test_the_courses_237_and_238_earn_full_marks(tmp_path, grade):
    results = grade(course_folder(tmp_path), "237,238", solutions=SOLUTIONS)
    for exercise in ("237", "238"):
        result = results[exercise]
        assert [c.status for c in result.checks if c.status != "passed"] == [], exercise
        assert result.score == result.max_score == 3
    training = next(c for c in results["237"].checks if c.kind == "training")
    curves = training.data["curves"]
    assert curves["relu"]["test"][-1] > curves["sigmoid"]["test"][-1] >= 0.65


def test_a_course_style_237_without_a_sigmoid_earns_the_relu_checks(tmp_path, grade):
    folder = course_folder(tmp_path)
    layers = folder / "common" / "layers.py"
    text = layers.read_text()
    assert "class Sigmoid:" in text
    layers.write_text(text.replace("class Sigmoid:", "class _NotASigmoid:"))
    result = grade(folder, "237")["237"]
    statuses = {c.name: c.status for c in result.checks}
    assert statuses["a fixed ReLU network"] == statuses["the parameters"] == "passed"
    assert statuses["ReLU gradient agrees with the numerical gradient"] == "passed"
    sigmoid = next(c for c in result.checks if c.name == "a fixed sigmoid network")
    assert sigmoid.status == "error"
    assert "nor p216.py has a Sigmoid class" in sigmoid.message
    assert "from p216 import Sigmoid" in sigmoid.message
    assert 0 < result.score < result.max_score


def test_a_course_style_237_whose_file_imports_no_sigmoid_takes_p216s(tmp_path, grade):
    """The network's file imports only the layers it uses; the submission's own p216.py holds
    the Sigmoid, and the sigmoid network is built with it."""
    folder = course_folder(tmp_path)
    layers = folder / "common" / "layers.py"
    text = layers.read_text()
    layers.write_text(text.replace("class Sigmoid:", "class _NotASigmoid:"))
    sigmoid = (SOLUTIONS / "p216.py").read_text()
    (folder / "ch05" / "p216.py").write_text(sigmoid)
    result = grade(folder, "237")["237"]
    assert result.status == "passed", [(c.name, c.message) for c in result.checks
                                        if c.status != "passed"]


class Relu:
    pass


class Sigmoid:
    pass


class CourseNet:
    """The course's shape: no activation argument, a Relu under 'Relu1'."""

    def __init__(self, n):
        self.n = n
        self.layers = OrderedDict([("Affine1", "a1"), ("Relu1", Relu()), ("Affine2", "a2")])


def test_with_activation_passes_the_argument_on_or_makes_the_courses_edit():
    class WithArgument:
        def __init__(self, n, activation="relu"):
            self.activation = activation

    assert with_activation(WithArgument, "sigmoid", 3).activation == "sigmoid"
    relu = with_activation(CourseNet, "relu", 3)
    assert isinstance(relu.layers["Relu1"], Relu)
    sigmoid = with_activation(CourseNet, "sigmoid", n=3)
    assert list(sigmoid.layers) == ["Affine1", "Relu1", "Affine2"]  # same key, same place
    assert isinstance(sigmoid.layers["Relu1"], Sigmoid) and sigmoid.n == 3


def test_with_activation_says_why_it_cannot_make_the_edit():
    class NoLayers:
        def __init__(self, n):
            self.layers = {"Affine1": "a1"}

    with pytest.raises(NetworkVariantError, match="variant_no_relu"):
        with_activation(NoLayers, "sigmoid", 3)
    error = {"type": "NetworkVariantError", "message": "variant_no_relu", "frames": [],
             "statement": "net = with_activation(TwoLayerNet, 'sigmoid', 3, 4, 3)"}
    for lang in ("en", "ko"):
        text = messages.error(error, lang)
        assert text.startswith("net = with_activation(TwoLayerNet, 'sigmoid', 3, 4, 3): ")
        assert "variant_no_relu" not in text and "Relu" in text
