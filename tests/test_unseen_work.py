"""What learners of the book hand in, as the wild corpus showed it (issue 19), in our own words:
notebooks without markers that follow the book, kernels that keep what a failed import left,
the book's helpers beside the exercises, layers named the learner's way, helper modules that
import what the grader lacks. Each test writes the shape it is about; none copies a learner."""
from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT, SOLUTIONS, run_cli
from notebooks import kernel_code, write

from grader.bank import select
from grader.grading.engine import Grader
from grader.grading.job import GradingJob, Options

BOOK = ROOT / "tests" / "book"

MUL = kernel_code("209")
AFFINE = kernel_code("219")
BOOK_SIGMOID = "def sigmoid(x):\n    return 1 / (1 + np.exp(-x))\n"
BOOK_GRADIENT = ("def numerical_gradient(f, x):\n    h = 1e-4\n    grad = np.zeros_like(x)\n"
                 "    for i in range(x.size):\n        keep = x[i]\n        x[i] = keep + h\n"
                 "        up = f(x)\n        x[i] = keep - h\n        down = f(x)\n"
                 "        grad[i] = (up - down) / (2 * h)\n        x[i] = keep\n    return grad\n")


def grade(bank, folder: Path, ids: str, seed: int = 5):
    with Grader(select(bank, ids), Options(seed=seed), bank=bank) as grader:
        result = grader.grade(GradingJob.read(folder))
    return result, {e.id: e for e in result.exercises}


def book_folder(tmp_path: Path) -> Path:
    """A learner's folder laid out as the book's: ch05/ for the work, common/ beside it."""
    folder = tmp_path / "study"
    (folder / "ch05").mkdir(parents=True)
    shutil.copytree(BOOK / "common", folder / "common",
                    ignore=shutil.ignore_patterns("__pycache__"))
    return folder


# -- what a notebook without markers hands in -------------------------------------------------

def test_the_books_helpers_and_imports_are_not_taken_for_exercises(bank, tmp_path):
    """`sigmoid(x)` and `numerical_gradient(f, x)` are the book's, not 151's and 184's: those
    take `deriv` and `h`. A name only imported is nobody's exercise either. The report says why
    each was not graded."""
    folder = book_folder(tmp_path)
    cells = [("markdown", "# 5장 오차역전파법"),
             ("code", "import sys, os\nsys.path.append(os.pardir)\nimport numpy as np"),
             ("code", BOOK_SIGMOID), ("code", BOOK_GRADIENT),
             ("code", "from common.layers import Relu\nfrom common.gradient import "
                      "numerical_gradient"),
             ("code", MUL)]
    write(folder / "ch05" / "study.ipynb", cells)
    result, got = grade(bank, folder, "151,184,209,214")
    assert [got[i].status for i in ("151", "184", "209", "214")] == [
        "missing", "missing", "passed", "missing"]
    notes = {i: " ".join(got[i].notes) for i in ("151", "184", "214")}
    assert "defines sigmoid(x), which is not exercise 151's sigmoid(x, deriv=False)" in notes["151"]
    assert "numerical_gradient(f, x)" in notes["184"] and "h=1e-4" in notes["184"]
    assert "imports Relu, which no cell writes" in notes["214"]


def test_a_layer_named_with_a_suffix_is_graded_and_the_name_is_the_hint(bank, tmp_path):
    """`ReluLayer`, `Affine_layer`: the learner's attempt at 214 and 219, which fail on the name
    alone, with a hint that names the spelling, in a notebook and in a file alike."""
    relu = kernel_code("214").replace("class Relu", "class ReluLayer")
    affine = AFFINE.replace("class Affine", "class Affine_layer")
    write(tmp_path / "nb" / "layers.ipynb", [("code", relu), ("code", affine)])
    _, got = grade(bank, tmp_path / "nb", "214,219")
    for exercise, spelt in (("214", "ReluLayer"), ("219", "Affine_layer")):
        check = got[exercise].checks[0]
        assert got[exercise].status == "error" and check.diagnoses == ("name-typo",)
        assert f"{spelt} is spelt differently" in check.hint
    files = tmp_path / "files"
    files.mkdir()
    (files / "p214.py").write_text("import numpy as np\n" + relu)
    _, got = grade(bank, files, "214")
    assert got["214"].checks[0].diagnoses == ("name-typo",)


def test_a_class_the_learner_writes_stays_theirs_when_a_later_cell_imports_the_books(bank,
                                                                                   tmp_path):
    """The kernel's `Affine` after `from common.layers import *` is the book's; the learner's
    own (here with the bias gradient not summed) is the one graded, and the report says so."""
    folder = book_folder(tmp_path)
    wrong = AFFINE.replace("np.sum(dout, axis=0)", "dout")
    assert wrong != AFFINE
    cells = [("code", "import sys, os\nsys.path.append(os.pardir)\nimport numpy as np"),
             ("code", wrong), ("code", "from common.layers import *")]
    write(folder / "ch05" / "study.ipynb", cells)
    _, got = grade(bank, folder, "219")
    assert got["219"].status == "failed"
    assert any("binds Affine again later" in n and "your own Affine" in n
               for n in got["219"].notes), got["219"].notes


def test_kernel_semantics_a_failed_import_and_a_value_left_out(bank, tmp_path):
    """A kernel keeps the class a failed import would have replaced, and a plain assignment of
    a value whose own line was left out (`out = X` after `X = np.array(...)`) is not run."""
    cells = [("code", "import numpy as np"), ("code", MUL),
             ("code", "X = np.array([[1.0, 2.0]])\nout = X\nprint(out)"),
             ("code", "from ch05.layer_naive import MulLayer\nfrom PIL import Image")]
    write(tmp_path / "nb" / "apples.ipynb", cells)
    result, got = grade(bank, tmp_path / "nb", "209")
    assert got["209"].status == "passed", got["209"].checks[0].message
    assert any("skipped `from ch05.layer_naive import MulLayer`" in n for n in result.notes)


def test_a_cell_that_raises_stops_only_itself(bank, tmp_path):
    """As in a kernel, a cell whose import raises at run time (a data module of the submission
    that fails) costs that cell; the classes of the other cells are graded."""
    folder = tmp_path / "nb"
    (folder / "data").mkdir(parents=True)
    (folder / "data" / "__init__.py").write_text("")
    (folder / "data" / "loader.py").write_text("raise ImportError('no data on this machine')\n")
    cells = [("code", "import numpy as np"), ("code", MUL),
             ("code", "from data.loader import load"), ("code", kernel_code("211"))]
    write(folder / "work.ipynb", cells)
    _, got = grade(bank, folder, "209,211")
    assert got["209"].status == got["211"].status == "passed"


def test_each_notebook_is_a_kernel_of_its_own(bank, tmp_path):
    """What one notebook defines is not there for another's cells, as in Jupyter."""
    folder = tmp_path / "nb"
    write(folder / "a_helpers.ipynb", [("code", "import numpy as np\n" + BOOK_SIGMOID)])
    sigmoid = kernel_code("216").replace("1 / (1 + np.exp(-x))", "sigmoid(x)")
    assert sigmoid != kernel_code("216")
    write(folder / "b_layers.ipynb", [("code", "import numpy as np"), ("code", sigmoid)])
    _, got = grade(bank, folder, "216")
    check = got["216"].checks[0]
    assert got["216"].status == "error" and "name 'sigmoid' is not defined" in check.message
    assert check.diagnoses == ("undefined-name",), check.hint  # never "did you mean Sigmoid?"


def test_a_module_beside_the_notebook_is_the_learners_own(bank, tmp_path):
    """`from layer_naive import *` of the learner's own file beside the notebook: its classes
    are the learner's work, graded; the book's `common/` is not."""
    folder = tmp_path / "nb"
    folder.mkdir()
    (folder / "layer_naive.py").write_text(MUL + "\n" + kernel_code("211"))
    write(folder / "ch05.ipynb", [("code", "from layer_naive import *"),
                                  ("code", "mul = MulLayer()\nprint(mul.forward(100, 2))")])
    _, got = grade(bank, folder, "209,211")
    assert got["209"].status == got["211"].status == "passed"


def test_a_page_reference_is_no_marker(bank, tmp_path):
    """`# p.151` notes the book's page; the exercise is not handed in."""
    write(tmp_path / "nb" / "notes.ipynb", [("code", "# p.151\nimport numpy as np\nx = 1")])
    _, got = grade(bank, tmp_path / "nb", "151")
    assert got["151"].status == "missing"


# -- files ------------------------------------------------------------------------------------

def test_a_helper_modules_import_the_grader_lacks_is_skipped_with_a_note(bank, tmp_path):
    """`common/functions.py` imports PIL (the learner's machine has it): the exercise that
    imports that module is graded, and the note says what was skipped."""
    folder = book_folder(tmp_path)
    functions = folder / "common" / "functions.py"
    functions.write_text("from PIL import Image\n" + functions.read_text())
    (folder / "ch05" / "p216.py").write_text(
        "import sys, os\nsys.path.append(os.pardir)\nfrom common.functions import sigmoid\n\n"
        + kernel_code("216").replace("1 / (1 + np.exp(-x))", "sigmoid(x)"))
    result, got = grade(bank, folder, "216")
    assert got["216"].status == "passed", got["216"].checks[0].message
    assert any("skipped `from PIL import Image` (common/functions.py, line 1)" in n
               for n in result.notes), result.notes


def test_a_file_in_a_subfolder_is_read_for_its_diagnoses(bank, tmp_path):
    """`ch05/p214.py` whose forward reads `out[self.mask]` and keeps nothing (the `= 0`
    forgotten): the statement is named, as for a p214.py at the top."""
    relu = kernel_code("214")
    assert "out[self.mask] = 0" in relu
    (tmp_path / "work" / "ch05").mkdir(parents=True)
    (tmp_path / "work" / "ch05" / "p214.py").write_text(
        "import numpy as np\n" + relu.replace("out[self.mask] = 0", "out[self.mask]"))
    _, got = grade(bank, tmp_path / "work", "214")
    assert "no-effect" in {d for c in got["214"].checks for d in c.diagnoses}


def test_a_file_in_a_package_imports_relatively(bank, tmp_path):
    """`layers/p216.py` beside `layers/__init__.py` and `from .functions import sigmoid`: it is
    imported as the package's module, as the learner's own code imports it."""
    package = tmp_path / "work" / "layers"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "functions.py").write_text("import numpy as np\n\n" + BOOK_SIGMOID)
    (package / "p216.py").write_text("import numpy as np\nfrom .functions import sigmoid\n\n"
                                     + kernel_code("216").replace("1 / (1 + np.exp(-x))",
                                                                  "sigmoid(x)"))
    _, got = grade(bank, tmp_path / "work", "216")
    assert got["216"].status == "passed", got["216"].checks[0].message


def test_a_network_failing_on_another_exercises_layer_is_sent_there(bank, submission):
    """237's network imports the layers of p230.py, whose SoftmaxWithLoss forgets the batch
    mean: 237 says to fix p230 first, and the dashboard counts it there."""
    wrong = (SOLUTIONS / "p230.py").read_text().replace("/ batch_size", "")
    assert wrong != (SOLUTIONS / "p230.py").read_text()
    folder = submission({"p230.py": wrong}, only=("p214.py", "p216.py", "p219.py", "p230.py",
                                                   "p237.py"))
    _, got = grade(bank, folder, "230,237")
    assert got["230"].status != "passed" and got["237"].status != "passed"
    first = next(c for c in got["237"].checks if c.status != "passed")
    assert first.cause is not None and first.cause.exercise == "230" and first.cause.how == "uses"
    assert "fix p230 first" in first.message


def test_a_layer_that_uses_no_other_layer_is_never_sent_to_one(bank, tmp_path):
    """A notebook's Affine and a failing SoftmaxWithLoss in one cell: Affine's own failure
    (dw for dW) is its own, whatever else the cell defines."""
    both = (AFFINE.replace("self.dW", "self.dw") + "\n"
            + kernel_code("230").replace("/ batch_size", ""))
    write(tmp_path / "nb" / "layers.ipynb", [("code", "import numpy as np"), ("code", both)])
    _, got = grade(bank, tmp_path / "nb", "219,230")
    assert got["219"].status != "passed" and got["230"].status != "passed"
    assert all(c.cause is None for c in got["219"].checks)
    assert "name-typo" in {d for c in got["219"].checks for d in c.diagnoses}


def test_a_network_is_sent_to_a_layer_only_for_what_that_layer_computes(bank, submission):
    """237 whose network forgets its Relu (its own mistake: `predict` is wrong) beside a
    failing 230: SoftmaxWithLoss is only `loss`'s and `gradient`'s, so the wrong `y` is not
    sent there."""
    network = (SOLUTIONS / "p237.py").read_text()
    without_relu = network.replace("self.layers['Relu1'] = Relu()", "pass")
    assert without_relu != network
    wrong = (SOLUTIONS / "p230.py").read_text().replace("/ batch_size", "")
    folder = submission({"p230.py": wrong, "p237.py": without_relu},
                        only=("p214.py", "p216.py", "p219.py", "p230.py", "p237.py"))
    _, got = grade(bank, folder, "230,237")
    first = next(c for c in got["237"].checks if c.status != "passed")
    assert got["237"].status != "passed" and first.cause is None, first.message


def test_the_books_2017_cross_entropy_gets_one_verdict_on_every_frozen_input_set(bank,
                                                                               submission):
    """The 2017 cross_entropy_error has no 1e-7 in its log; the fixed checks accept that, so
    the random ones must too: 237 passes on all eight input sets the bank froze."""
    text = (SOLUTIONS / "p230.py").read_text()
    old = text.replace("+ 1e-7)", ")")
    assert old != text
    folder = submission({"p230.py": old}, only=("p214.py", "p216.py", "p219.py", "p230.py",
                                                 "p237.py"))
    statuses = {seed: grade(bank, folder, "237", seed=seed)[1]["237"].status
                for seed in range(8)}
    assert set(statuses.values()) == {"passed"}, statuses


def test_only_holds_for_a_notebook_given_as_the_target(tmp_path):
    notebook = write(tmp_path / "hw.ipynb", [("code", "import numpy as np"), ("code", MUL),
                                             ("code", kernel_code("211"))])
    done = run_cli("check", str(notebook), "--only", "211")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "p211" in done.stdout and "p209" not in done.stdout


def test_a_layer_spelt_in_lower_case_or_with_another_word_is_its_exercises(bank, tmp_path):
    """`class sigmoid` is 216's layer misspelt, not 151's function `sigmoid`; `PlusLayer`,
    `MultiplyLayer`, `ReluNode` are 211's, 209's and 214's: each is graded and named."""
    cells = [("code", "import numpy as np"),
             ("code", kernel_code("216").replace("class Sigmoid", "class sigmoid")),
             ("code", kernel_code("211").replace("class AddLayer", "class PlusLayer")),
             ("code", MUL.replace("class MulLayer", "class MultiplyLayer")),
             ("code", kernel_code("214").replace("class Relu", "class ReluNode"))]
    write(tmp_path / "nb" / "ch5.ipynb", cells)
    _, got = grade(bank, tmp_path / "nb", "151,209,211,214,216")
    assert got["151"].status == "missing"
    for exercise in ("209", "211", "214", "216"):
        assert got[exercise].status == "error", exercise
        assert got[exercise].checks[0].diagnoses == ("name-typo",), exercise


def test_a_layer_is_no_slip_for_a_gate_or_a_node(bank, tmp_path):
    """`MultiplyLayer` is 209's `MulLayer` said otherwise, never 181's `MultiplyGate` or 191's
    `MultiplyNode`: the word that says what a class is must agree."""
    write(tmp_path / "nb" / "ch5.ipynb", [
        ("code", "import numpy as np"),
        ("code", MUL.replace("class MulLayer", "class MultiplyLayer"))])
    _, got = grade(bank, tmp_path / "nb", "181,191,209")
    assert got["181"].status == got["191"].status == "missing"
    assert got["209"].checks[0].diagnoses == ("name-typo",)


def test_a_cell_that_does_not_parse_is_still_the_exercises_attempt(bank, tmp_path):
    """A class whose cell has a syntax error (a space after a line's backslash): the exercise
    is graded and fails with the syntax error, at the cell's line, not 'not handed in'."""
    broken = MUL.replace("        self.x = None\n", "        self.x = \\ \n            None\n")
    assert broken != MUL
    write(tmp_path / "nb" / "ch5.ipynb", [("code", "import numpy as np"), ("code", broken),
                                          ("code", kernel_code("211"))])
    _, got = grade(bank, tmp_path / "nb", "209,211")
    check = got["209"].checks[0]
    assert got["209"].status == "error" and check.diagnoses == ("syntax",)
    assert "ch5.ipynb, cell 2 line" in check.hint and "_cells" not in check.message
    assert got["211"].status == "passed"


def test_a_misnamed_class_in_a_file_whose_imports_cannot_run_is_named(bank, tmp_path):
    """`import matplotlib` at the top and `class MultiplyLayer`: graded on the file with the
    import left out, and the name is the hint (not the missing matplotlib)."""
    folder = tmp_path / "work"
    folder.mkdir()
    (folder / "p209.py").write_text("import matplotlib.pyplot as plt\n"
                                    + MUL.replace("class MulLayer", "class MultiplyLayer"))
    _, got = grade(bank, folder, "209")
    check = got["209"].checks[0]
    assert check.diagnoses == ("name-typo",) and "MultiplyLayer" in check.hint


def test_a_helper_module_out_of_pythons_reach_is_said_so(bank, tmp_path):
    """`from func import softmax` in common/layers.py, where func.py sits beside it: Python 3
    does not find it from the exercise's folder; the note says where it is and how to import
    it."""
    folder = book_folder(tmp_path)
    layers = folder / "common" / "layers.py"
    (folder / "common" / "func.py").write_text("import numpy as np\n\n" + BOOK_SIGMOID)
    layers.write_text("from func import sigmoid\n" + layers.read_text())
    (folder / "ch05" / "p209.py").write_text(
        "import sys, os\nsys.path.append(os.pardir)\nfrom common.layers import *\n\n" + MUL)
    result, got = grade(bank, folder, "209")
    assert got["209"].status == "passed"
    assert any("func is in your submission (common/func.py)" in n
               and "from common.func import" in n for n in result.notes), result.notes
