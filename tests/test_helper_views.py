"""The submission's helper modules are viewed (parsed, their unimportable imports left out) only
when they may need it: `helpers.imports_only` reads the import lines, and a module it passes
would have been left as it is by a view."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, SOLUTIONS

from grader.grading.sources import helpers
from grader.grading.sources.imports import available
from grader.grading.sources.submission import read_submission

HERE = Path(__file__).resolve().parent
FOLDERS = [SOLUTIONS, HERE / "book", HERE / "realistic", ROOT / "benchmarks"]

CAN = {"numpy", "os", "sys", "common", "__future__"}.__contains__


@pytest.mark.parametrize("text", [
    "import numpy as np\nimport os, sys\n",
    "from common.functions import *\nfrom . import util\n\nx = 1\n",
    "import numpy as np  # arrays\nfrom numpy import (\n    array,\n)\n",
    "import os\r\nimport sys\r\n",
    "def f():\n    import PIL\n",  # not at the top: a view leaves it as it is
    "import_data = 1\nfrom_here = 2\n",
])
def test_modules_that_import_only_what_is_here_need_no_view(text):
    assert helpers.imports_only(text.encode(), CAN)


@pytest.mark.parametrize("text", [
    "import PIL\n",
    "import numpy\nfrom matplotlib import pyplot as plt\n",
    "import os; import PIL\n",
    "import numpy as \\\n    np\n",
    "from \\\n  PIL import Image\n",
    "import os\rimport PIL\r",  # old Mac line ends: Python reads three statements
    "import os\n\fimport PIL\n",
    "\ufeffimport PIL\n",
    'x = """\nfrom here import there\n"""\n',  # looks like an import: viewed, to be safe
])
def test_modules_it_cannot_clear_are_viewed(text):
    assert not helpers.imports_only(text.encode(), CAN)


def test_every_python_file_here_is_cleared_only_when_a_view_leaves_it_as_it_is():
    """The promise, on every Python file of the repository's submissions and fixtures: a
    module `imports_only` clears is one whose view skips nothing."""
    checked = cleared = 0
    for folder in FOLDERS:
        for path in folder.rglob("*.py"):
            content = path.read_bytes()
            files = read_submission(path.parent)
            can_import = available(files, ("",))
            if not helpers.imports_only(content, can_import):
                continue
            cleared += 1
            try:
                shown = helpers.view(content.decode("utf-8"), "script", can_import, relative=True)
            except (SyntaxError, ValueError, UnicodeDecodeError):
                continue  # it fails as Python fails on it, viewed or not
            checked += 1
            assert shown.skipped == (), path
    assert checked > 50 and cleared >= checked


def test_a_folder_s_helpers_are_the_same_with_and_without_the_shortcut(monkeypatch, tmp_path):
    (tmp_path / "common").mkdir()
    (tmp_path / "common" / "functions.py").write_text("import numpy as np\n\ndef f(x):\n"
                                                      "    return np.exp(x)\n")
    (tmp_path / "common" / "plot.py").write_text("import numpy as np\nimport matplotlib."
                                                 "pyplot as plt\n\nplt.plot([1])\n")
    (tmp_path / "p219.py").write_text("from common.functions import f\n")
    files = read_submission(tmp_path)
    fast = helpers.helper_views(files, ("",))
    monkeypatch.setattr(helpers, "imports_only", lambda content, can_import: False)
    slow = helpers.helper_views(files, ("",))
    assert fast == slow
    assert list(fast[0]) == ["common/plot.py"]  # matplotlib is left out, numpy is not
