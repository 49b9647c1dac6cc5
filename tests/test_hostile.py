"""A corpus of broken and hostile submissions (tests/hostile/*.py), each with its exact outcome.

Every case grades the attacked exercise next to a correct control exercise (p211) and asserts:
the attacked exercise's status and message, the control still passing with full points, the
whole run finishing in bounded time, no process left behind, and the project and the original
submission untouched. Each attack is bounded by itself, so a failure of containment stays
harmless to the machine that runs the tests.

The control keeps the usual time limits, and so does the attacked exercise unless its header's
`timeout-scale` says otherwise: shorter for attacks that hang on purpose (they hang whatever the
load, so only the corpus's speed depends on it), longer for heavy ones that end by themselves
(so that a busy machine cannot turn their outcome into a timeout).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT, SOLUTIONS, scaled
from processes import descendants, leftovers, new_marker

from grader.bank import select
from grader.grading.engine import Grader
from grader.grading.job import Options
from grader.grading.sandbox import client
from grader.grading.sandbox.client import Sandbox

CORPUS = sorted((Path(__file__).parent / "hostile").glob("*.py"))
HEADER = re.compile(r"^# (attack|exercise|status|message|isolated|timeout-scale): ?(.*)$", re.M)
"""`isolated`: the message instead of `message` when the job ran in namespaces of its own, where
the attack meets another world (its parent out of its sight, say)"""


def header(path: Path) -> dict:
    return dict(HEADER.findall(path.read_text()))


def fingerprint(*folders: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest()
            for folder in folders for p in sorted(folder.rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts}


def grade_case(bank, folder: Path, ids: str, scales: dict | None = None):
    """`scales`: shorter limits for the exercises that hang on purpose (see conftest.scaled)."""
    return graded(bank, folder, ids, scales)[0]


def graded(bank, folder: Path, ids: str, scales: dict | None = None):
    """({id: exercise result}, what the jobs ran in as the grader reported it)."""
    with Grader(scaled(select(bank, ids), scales or {}), Options(seed=1)) as grader:
        result = grader.grade_folder(folder)
    return {e.id: e for e in result.exercises}, result.isolation


def in_namespaces(isolation) -> bool:
    return bool(isolation) and isolation.get("level") == "namespaces"


_ISOLATION: list = []


def worker_isolation() -> dict | None:
    """What a warm worker says its jobs run in here (asked once, before any job ran: an
    attack on the project's files is graded only where it is known to be contained)."""
    if not _ISOLATION:
        home = Path(tempfile.mkdtemp(prefix="grader-test-"))
        try:
            with Sandbox(str(home)) as sandbox:
                _ISOLATION.append(sandbox.isolation())
        finally:
            shutil.rmtree(home, ignore_errors=True)
    return _ISOLATION[0]


def assert_contained(bank, folder: Path, case: dict, marker: str | None = None):
    """Grade the attacked exercise beside the control p211.py: the attack's outcome as its header
    says, the control passing, bounded time, nothing left behind (`marker`: what its detached
    processes carry, see processes.new_marker), the project and the original submission
    untouched. Returns the attacked exercise's result."""
    before = descendants()
    target = case["exercise"]
    project = fingerprint(ROOT / "grader", ROOT / "exercises", SOLUTIONS)
    original = fingerprint(folder)
    started = time.monotonic()
    results, isolation = graded(bank, folder, f"{target},211",
                                {target: float(case.get("timeout-scale", 1.0))})
    elapsed = time.monotonic() - started
    attacked, control = results[target], results["211"]
    assert attacked.status == case["status"], [(c.name, c.status, c.message) for c in attacked.checks]
    if case["status"] != "passed":
        assert attacked.score < attacked.max_score
        said = " | ".join([attacked.message] + [c.message for c in attacked.checks])
        expected = case.get("isolated") if in_namespaces(isolation) else None
        assert (expected or case["message"]) in said
    else:
        assert attacked.score == attacked.max_score
    assert control.status == "passed" and control.score == control.max_score
    assert control.source.path == "p211.py"
    assert elapsed < 60
    assert leftovers(before, marker) == []
    assert fingerprint(ROOT / "grader", ROOT / "exercises", SOLUTIONS) == project
    assert fingerprint(folder) == original
    return attacked


def test_the_corpus_is_large_enough():
    assert len(CORPUS) >= 25


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_hostile_submission_is_contained(path, bank, tmp_path):
    case = header(path)
    target = case["exercise"]
    if path.stem in ("tamper_files", "rewrites_the_grader") and os.geteuid() != 0 \
            and not in_namespaces(worker_isolation()):
        pytest.skip("only a separate user (the grader runs it as `nobody` when it runs as "
                    "root, as in CI) or namespaces of its own (where the kernel allows them) "
                    "protect files from the student's code")
    folder = tmp_path / "alice"
    folder.mkdir()
    for name in ("p209.py", "p211.py"):
        shutil.copyfile(SOLUTIONS / name, folder / name)
    code = path.read_text().replace("ORIGINAL_FOLDER", repr(str(folder))).replace(
        "PROJECT_SOLUTIONS", repr(str(SOLUTIONS))).replace("987", marker := new_marker())
    (folder / f"p{target}.py").write_text(code)
    assert_contained(bank, folder, case, marker)


NOTEBOOK_CORPUS = sorted((Path(__file__).parent / "hostile" / "notebooks").glob("*.py"))
"""hostile notebooks, written as percent-format scripts (`# %%` starts a code cell, `# %%
[markdown]` a markdown cell) after the same header"""


def percent_cells(text: str) -> list[tuple[str, str]]:
    cells: list[list] = []
    for line in text.splitlines():
        if line.startswith("# %%"):
            cells.append(["markdown" if "[markdown]" in line else "code", []])
        elif cells:
            kind, lines = cells[-1]
            lines.append(line[2:] if kind == "markdown" and line.startswith("# ") else line)
    return [(kind, "\n".join(lines).strip("\n")) for kind, lines in cells]


def test_the_notebook_corpus_is_there():
    assert len(NOTEBOOK_CORPUS) >= 6


@pytest.mark.parametrize("path", NOTEBOOK_CORPUS, ids=[p.stem for p in NOTEBOOK_CORPUS])
def test_hostile_notebook_is_contained(path, bank, tmp_path):
    """As a hostile .py is: the attacked exercise's outcome, the control p211.py still passing,
    bounded time, nothing left behind, the project and the original submission untouched."""
    from notebooks import notebook

    case = header(path)
    target = case["exercise"]
    folder = tmp_path / "mallory"
    folder.mkdir()
    shutil.copyfile(SOLUTIONS / "p211.py", folder / "p211.py")
    cells = percent_cells(path.read_text().replace("987", marker := new_marker()))
    (folder / "hostile.ipynb").write_text(notebook(cells))
    attacked = assert_contained(bank, folder, case, marker)
    assert attacked.source is not None and attacked.source.path == "hostile.ipynb"


BAD_FILES = {
    "not UTF-8": (lambda p: p.write_bytes(b"x = '\xff\xfe'\n"), "not UTF-8"),
    "NUL bytes": (lambda p: p.write_bytes(b"x = 1\0\n"), "NUL bytes"),
    "a folder": (lambda p: p.mkdir(), "folder"),
    "a symlink": (lambda p: p.symlink_to("/etc/passwd"), "symbolic link"),
    "too large": (lambda p: p.write_bytes(b"#" * (2 * 2**20)), "over the limit"),
}


@pytest.mark.parametrize("kind", BAD_FILES)
def test_bad_files_are_an_error_of_that_exercise(kind, bank, tmp_path):
    make, says = BAD_FILES[kind]
    folder = tmp_path / "bob"
    folder.mkdir()
    shutil.copyfile(SOLUTIONS / "p211.py", folder / "p211.py")
    make(folder / "p209.py")
    results = grade_case(bank, folder, "209,211")
    assert results["209"].status == "error" and results["209"].score == 0
    assert says in results["209"].message
    assert results["211"].status == "passed"


def test_the_environment_holds_no_secrets(bank, tmp_path, monkeypatch):
    monkeypatch.setenv("INSTRUCTOR_TOKEN", "s3cret")
    folder = tmp_path / "carol"
    folder.mkdir()
    (folder / "p210.py").write_text("import os\nprint(220 + len(os.environ.get('INSTRUCTOR_TOKEN', '')))\n")
    results = grade_case(bank, folder, "210")
    assert results["210"].status == "passed"


def test_no_student_text_acts_as_a_workflow_command_in_github_actions(tmp_path):
    from conftest import run_cli

    folder = tmp_path / "dave"
    folder.mkdir()
    code = (Path(__file__).parent / "hostile" / "workflow_commands.py").read_text()
    (folder / "p209.py").write_text(code.replace("name=points::44", "name=points::44\\x1b[2J"))
    done = run_cli("check", str(folder), "--only", "209", env={"GITHUB_ACTIONS": "true"})
    lines = done.stdout.splitlines()
    assert lines[0].startswith("::stop-commands::")
    token = lines[0].removeprefix("::stop-commands::")
    assert len(token) >= 32 and lines[-1] == f"::{token}::"
    assert "::error::forged annotation" in done.stdout  # shown to the student, as text
    assert sum(line == f"::{token}::" for line in lines) == 1
    assert "\x1b" not in done.stdout  # terminal escapes from student text are shown, not obeyed
    assert "\\x1b[2J" in done.stdout


def test_a_module_that_hangs_costs_its_timeout_once(bank, tmp_path):
    """p225 and p226 import p219, whose loading never ends. The first exercise to load it waits
    out its time limit; the others are stopped as soon as they start loading it, told why."""
    folder = tmp_path / "erin"
    folder.mkdir()
    for name in ("p220.py", "p225.py", "p226.py"):
        shutil.copyfile(SOLUTIONS / name, folder / name)
    (folder / "p219.py").write_text("while True:\n    pass\n")
    # 1 s for the exercise that waits for p219 (5 s to load an api exercise, 4 x 5 s for a
    # script): it hangs whatever the load. The others keep their usual limits (20 s for 225 and
    # 226), so a job stopped at the import is told apart from one that waited its limit out.
    short = {"219": 0.2, "225": 0.05}
    before = descendants()
    for ids, first, told in (("219,220,225,226", "219", "p219.py did not finish loading"),
                             ("225,226", "225", "it was still loading p219.py")):
        results = grade_case(bank, folder, ids, {first: short[first]})
        waited = results[first]
        assert waited.status == "timeout" and told in waited.checks[0].message
        assert "within 1 s" in waited.checks[0].message
        for cut in (results[i] for i in ("225", "226") if i != first):
            assert cut.status == "timeout"
            assert all(c.message.startswith("stopped: ") and "p219.py" in c.message
                       and f"in exercise {first}" in c.message for c in cut.checks)
            assert cut.seconds < 10  # stopped at the import, not after its 20 s
        assert all(r.status == "passed" for i, r in results.items() if i == "220")
        assert leftovers(before) == []


def test_a_job_is_stopped_when_another_finds_its_module_hangs():
    """Graders of one submission share what hangs: a job already loading a module is stopped
    when another job adds that module (as a batch's parallel workers do)."""
    home = Path(tempfile.mkdtemp(prefix="grader-test-"))  # a folder the sandbox's user can reach
    try:
        _stopped_while_loading(home)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _stopped_while_loading(tmp_path: Path):
    work = tmp_path / "work"
    work.mkdir()
    (work / "slow.py").write_text("open('loading', 'w').close()\nimport time\ntime.sleep(120)\n")
    (work / "m.py").write_text("import slow\n")
    hanging: dict = {}

    def another_job_finds_it_hangs():  # once this job is inside slow.py, not on a timer
        deadline = time.monotonic() + 60
        while not (work / "loading").exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        hanging["slow"] = ("219", 5.0)

    threading.Thread(target=another_job_finds_it_hangs, daemon=True).start()
    with Sandbox(str(tmp_path)) as sandbox:
        (tmp_path / "job").mkdir()
        sandbox.hand_over(work)
        outcome = sandbox.run({"workdir": str(work), "file": "m.py", "module": "m",
                               "mode": "import", "defines": [], "aliases": {}, "checks": []},
                              tmp_path / "job", 60, {}, hanging)
    assert outcome.ending == "timeout" and outcome.cut_at == "slow", (outcome.ending, outcome.load_error)
    assert outcome.importing == ["m", "slow"]
    assert outcome.seconds < 30  # stopped when told, not after its 60 s


def test_the_time_limit_starts_when_the_job_does(monkeypatch):
    """A job's limits count from its own start (the fork), not from when it was handed to the
    warm worker: the worker's start-up (numpy, the digits; seconds on a busy machine) is not the
    student's time. Here the worker takes 2 s to start and the job's limit is 1 s."""
    monkeypatch.setattr(client, "BOOTSTRAP", "import time; time.sleep(2); " + client.BOOTSTRAP)
    home = Path(tempfile.mkdtemp(prefix="grader-test-"))  # a folder the sandbox's user can reach
    try:
        work = home / "work"
        work.mkdir()
        (work / "m.py").write_text("while True:\n    pass\n")
        (home / "job").mkdir()
        with Sandbox(str(home)) as sandbox:
            sandbox.hand_over(work)
            outcome = sandbox.run({"workdir": str(work), "file": "m.py", "module": "m",
                                   "mode": "import", "defines": [], "aliases": {}, "checks": []},
                                  home / "job", 1, {})
    finally:
        shutil.rmtree(home, ignore_errors=True)
    # it ran and hung in its own module: it was not timed out while the worker was starting
    assert outcome.ending == "timeout" and outcome.importing == ["m"]


def test_a_forged_hang_does_not_reach_another_student(bank, tmp_path):
    """Mallory's p220 claims, on the result pipe, to be loading p219, then loops: p219 counts as
    hanging for her, and her p225 (which loads it) is stopped. Bob has her very p219 and p225;
    the run's result cache must not hand him her stopped result."""
    from grader.grading.cache import ResultCache

    folders = {}
    for name in ("mallory", "bob"):
        folder = folders[name] = tmp_path / name
        folder.mkdir()
        for file in ("p219.py", "p220.py", "p225.py"):
            shutil.copyfile(SOLUTIONS / file, folder / file)
    (folders["mallory"] / "p220.py").write_text(
        "import os\nos.write(3, b'{\"e\": \"importing\", \"module\": \"p219\"}\\n')\n"
        "while True:\n    pass\n")
    cache = ResultCache()
    specs = select(bank, "220,225")
    with Grader(specs, Options(seed=1), cache) as grader:
        # a short limit for the p220 that loops (4 x 5 s for a script, here 1 s); Bob's code
        # must finish, and keeps the usual limits
        mallory = {e.id: e for e in grader.grade_folder(
            folders["mallory"], specs=scaled(specs, {"220": 0.05})).exercises}
        bob = {e.id: e for e in grader.grade_folder(folders["bob"]).exercises}
    assert mallory["220"].status == mallory["225"].status == "timeout"
    assert mallory["225"].checks[0].message.startswith("stopped: ")
    assert bob["220"].status == bob["225"].status == "passed"


# -- a student's own .git: reading the submission time runs nothing -----------------------------

REPOSITORIES = Path(__file__).parent / "hostile" / "repositories"
REPOSITORY_CORPUS = sorted(p for p in REPOSITORIES.glob("*.py") if p.stem != "armory")
COMMITTED = "2026-03-01T10:00:00+00:00"
REPOSITORY_HEADER = re.compile(r"^# (attack|trigger|time): ?(.*)$", re.M)


def _armed(path: Path):
    """The `arm` function of a hostile repository (tests/hostile/repositories/)."""
    import importlib.util
    import sys

    if str(REPOSITORIES) not in sys.path:
        sys.path.insert(0, str(REPOSITORIES))
    spec = importlib.util.spec_from_file_location(f"hostile_repository_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.arm


def hostile_clone(folder: Path, path: Path, marker: Path) -> dict:
    """`folder` made a clone with one commit at COMMITTED, then armed as `path` says; returns
    its header."""
    import subprocess

    env = {"GIT_COMMITTER_DATE": COMMITTED, "GIT_AUTHOR_DATE": COMMITTED, "PATH": "/usr/bin:/bin",
           "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(folder)}
    for args in (["init", "-q"], ["add", "."],
                 ["-c", "user.name=s", "-c", "user.email=s@example.com", "commit", "-q", "-m", "w"]):
        subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True)
    _armed(path)(folder / ".git", marker)
    return dict(REPOSITORY_HEADER.findall(path.read_text()))


def test_the_repository_corpus_is_there():
    assert len(REPOSITORY_CORPUS) >= 8


@pytest.mark.parametrize("path", REPOSITORY_CORPUS, ids=[p.stem for p in REPOSITORY_CORPUS])
def test_reading_a_submission_time_runs_nothing_the_repository_names(path, tmp_path):
    """Plain git, on a copy, runs the attack (it is live); the grader reads the time as the
    header says, runs nothing and does not hang."""
    import subprocess

    from grader.batch.students import Student
    from grader.batch.submitted import submission_time

    folder = tmp_path / "mallory"
    folder.mkdir()
    shutil.copyfile(SOLUTIONS / "p209.py", folder / "p209.py")
    marker = tmp_path / "ran"
    case = hostile_clone(folder, path, marker)
    if case["trigger"]:
        copy = tmp_path / "copy"
        shutil.copytree(folder, copy, symlinks=True)
        subprocess.run(["git", *case["trigger"].split()], cwd=copy, capture_output=True,
                       stdin=subprocess.DEVNULL, timeout=60,
                       env={**os.environ, "GIT_CONFIG_GLOBAL": "/dev/null"})
        assert marker.exists(), "plain git runs it"
        marker.unlink()
    started = time.monotonic()
    found = submission_time(Student("mallory", folder))
    assert time.monotonic() - started < 30  # nothing blocks (a FIFO is never opened for reading)
    assert found == ({"time": COMMITTED, "from": "git"} if case["time"] == "known" else None)
    assert not marker.exists()


def test_a_batch_grades_hostile_repositories_and_runs_none_of_them(tmp_path):
    """The whole class at once, with a due date (the submission times are read): every student
    graded, the times as their headers say, no marker anywhere."""
    import json

    from conftest import run_cli

    root, markers = tmp_path / "class", tmp_path / "markers"
    markers.mkdir()
    expected = {}
    for path in REPOSITORY_CORPUS:
        folder = root / path.stem.replace("_", "-")
        folder.mkdir(parents=True)
        shutil.copyfile(SOLUTIONS / "p209.py", folder / "p209.py")
        expected[folder.name] = hostile_clone(folder, path, markers / path.stem)["time"]
    out = tmp_path / "out"
    done = run_cli("batch", str(root), "--out", str(out), "--only", "209", "--seed", "1",
                   "--due", "2026-03-02")
    assert done.returncode == 0, done.stdout + done.stderr
    for name, time_is in expected.items():
        data = json.loads((out / name / "results.json").read_text())
        assert data["exercises"][0]["status"] == "passed"
        submitted = data["batch"]["submitted"]
        assert submitted == ({"time": COMMITTED, "from": "git"} if time_is == "known" else None)
    assert not [p for p in REPOSITORY_CORPUS if (markers / p.stem).exists()]


# -- a whole class: nothing one student does stops or poisons another's result -------------------

BATCH_ATTACKS = Path(__file__).parent / "hostile" / "batch"


@pytest.fixture
def signals(monkeypatch):
    """A folder where students' code and the test leave files for one another (any user may
    write it: the students' code runs as `nobody` when the tests run as root), shared with the
    jobs of the graders the test starts (GRADER_SANDBOX_SHARE: their namespaces hide every
    other folder)."""
    from grader.grading.sandbox.spawn import SHARE

    folder = Path(tempfile.mkdtemp(prefix="grader-test-"))
    folder.chmod(0o777)
    monkeypatch.setenv(SHARE, str(folder))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _results(out: Path) -> dict[str, dict]:
    import json

    return {p.parent.name: json.loads(p.read_text(encoding="utf-8"))
            for p in out.glob("*/results.json")}


def test_no_name_or_text_stops_a_class(tmp_path):
    """Lone surrogates (a file or folder named in bytes that are not UTF-8, `\\ud800` in a
    notebook's code or markdown, in an exception's message) cannot be encoded as UTF-8: each
    student is graded and written (the text escaped where it cannot be encoded), the class's
    files too, and a rerun finds everyone up to date (no failure of the grader recorded)."""
    import json

    from conftest import run_cli
    from notebooks import notebook

    root, out = tmp_path / "class", tmp_path / "out"
    mul = (SOLUTIONS / "p209.py").read_text()
    for name in ("alice", "bytes", "cell", "title", "raiser"):
        (root / name).mkdir(parents=True)
    shutil.copyfile(SOLUTIONS / "p209.py", root / "alice" / "p209.py")
    bytes_folder = os.fsencode(root / "bytes")
    shutil.copyfile(SOLUTIONS / "p209.py", root / "bytes" / "p209.py")
    with open(bytes_folder + b"/data-\xff.txt", "wb") as f:  # data: every exercise's copy has it
        f.write(b"1 2 3\n")
    os.mkdir(bytes_folder + b"/\xfe\xff-work")
    shutil.copyfile(SOLUTIONS / "p210.py", os.fsdecode(bytes_folder + b"/\xfe\xff-work/p210.py"))
    with open(bytes_folder + b"/p210-\xff.ipynb", "wb") as f:  # a notebook named in bytes
        f.write(notebook([("markdown", "## 문제 210"), ("code", "print(220)")]).encode())
    # Jupyter writes a lone surrogate as the JSON escape `\ud800`, which Python reads back as it is
    (root / "cell" / "work.ipynb").write_text(notebook([
        ("markdown", "## 문제 209"), ("code", "odd = 'LONE'\n" + mul)]).replace("LONE", "\\ud800"),
        encoding="utf-8")
    (root / "title" / "work.ipynb").write_text(notebook([
        ("markdown", "## 문제 209 LONE"), ("code", mul + "\nprint('LONE')\n")]).replace(
        "LONE", "\\udcff"), encoding="utf-8")
    (root / "raiser" / "p209.py").write_text(
        (Path(__file__).parent / "hostile" / "surrogate_in_exception.py").read_text())
    done = run_cli("batch", str(root), "--out", str(out), "--only", "209,210", "--seed", "1",
                   "--jobs", "2")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and "worker stopped" not in done.stderr, done.stderr
    found = _results(out)
    assert sorted(found) == ["alice", "bytes", "cell", "raiser", "title"]
    status = {n: {e["id"]: e["status"] for e in r["exercises"]} for n, r in found.items()}
    assert not any(r.get("problem") for r in found.values()), found
    assert status["alice"]["209"] == status["bytes"]["209"] == status["cell"]["209"] == "passed"
    assert status["raiser"]["209"] == "error"
    raised = found["raiser"]["exercises"][0]
    said = " ".join([raised["message"]] + [c["message"] for c in raised["checks"]])
    assert "\ud800" in said or "\\ud800" in said  # the text itself, or written as its escape
    for name in found:
        assert (out / name / "report.html").stat().st_size > 0
    for page in ("gradebook.csv", "statuses.csv", "summary.json", "index.html"):
        assert (out / page).stat().st_size > 0
    again = run_cli("batch", str(root), "--out", str(out))
    assert "0 graded, 5 up to date" in again.stdout, again.stdout + again.stderr
    for name in ("raiser", "bytes", "title"):  # and `grader check`, to the terminal and files
        checked = run_cli("check", str(root / name), "--only", "209,210", "--json",
                          str(tmp_path / f"{name}.json"), "--html", str(tmp_path / f"{name}.html"))
        assert checked.returncode == (0 if name == "bytes" else 1), checked.stdout
        assert "Traceback" not in checked.stderr, checked.stderr
        assert json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8"))["exercises"]


def _as_an_ordinary_user():
    """For a subprocess: file permissions hold for it. Root keeps its uid (the grader still
    drops the students' code to `nobody`) but loses the capabilities that bypass permissions."""
    if os.geteuid() != 0:
        return None

    def drop():
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH: gone after exec
            if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
                raise OSError(ctypes.get_errno(), "PR_CAPBSET_DROP")

    return drop


def test_an_unreadable_submission_is_its_student_s_status_and_an_unreadable_root_a_usage_error(
        tmp_path):
    """Bob's clone cannot be read (mode 000): he gets a problem, the others are graded and keep
    their usernames (a Classroom download: each folder a clone); an unreadable ROOT is one line
    and exit 2."""
    import subprocess
    import sys

    from conftest import ROOT as PROJECT

    root, out = tmp_path / "class", tmp_path / "out"  # clones: named by what follows `hw5-`
    for name in ("hw5-alice", "hw5-bob", "hw5-carol"):
        (root / name / ".git").mkdir(parents=True)
        shutil.copyfile(SOLUTIONS / "p209.py", root / name / "p209.py")
    (root / "hw5-bob").chmod(0)

    def batch(*more: str):
        return subprocess.run([sys.executable, "-m", "grader", "batch", str(root), "--out",
                               str(out), "--only", "209", "--seed", "1", *more],
                              capture_output=True, text=True, cwd=PROJECT, timeout=300,
                              preexec_fn=_as_an_ordinary_user(), env={**os.environ, "NO_COLOR": "1"})

    try:
        done = batch()
        assert done.returncode == 1, done.stdout + done.stderr
        assert "Traceback" not in done.stderr and "worker stopped" not in done.stderr, done.stderr
        found = _results(out)
        assert sorted(found) == ["alice", "bob", "carol"], done.stdout + done.stderr
        assert found["alice"]["exercises"][0]["status"] == "passed"
        assert found["carol"]["exercises"][0]["status"] == "passed"
        assert "Permission denied" in found["bob"]["problem"]
        root.chmod(0)
        done = batch()
        assert done.returncode == 2, done.stdout + done.stderr
        assert done.stderr.count("\n") == 1 and "cannot be read" in done.stderr, done.stderr
    finally:
        root.chmod(0o755)
        (root / "hw5-bob").chmod(0o755)


def test_a_job_killed_by_another_student_is_graded_again_alone_and_never_cached(tmp_path,
                                                                              signals):
    """Without namespaces (`--isolation none`, or a machine that allows none), one student's
    code kills the other jobs it finds (tests/hostile/batch/kills_other_jobs.py) while Vic's job
    waits. Vic is graded again at the end of the run, alone, and passes; Vic's twin, with the
    same files, is graded after Vic's job was killed and must not receive the killed result
    from the run's cache; a rerun finds everyone up to date. (In namespaces the killer finds
    nobody: tests/test_isolation.py.)"""
    import json

    from conftest import run_cli

    root, out = tmp_path / "class", tmp_path / "out"
    for name, attack in (("killer", "kills_other_jobs.py"), ("vic", "waits_to_be_killed.py"),
                         ("vic-twin", "waits_to_be_killed.py")):
        (root / name).mkdir(parents=True)
        code = (BATCH_ATTACKS / attack).read_text().replace("SIGNALS", repr(str(signals)))
        (root / name / "p209.py").write_text(code)
    # long limits: the victim's first job waits for the killer, which waits for it
    done = run_cli("batch", str(root), "--out", str(out), "--only", "209", "--seed", "1",
                   "--jobs", "2", "--timeout-scale", "10", "--isolation", "none", timeout=600)
    assert (signals / "victims").read_text().split(), "the attack killed someone"
    status = {n: r["exercises"][0]["status"] for n, r in _results(out).items()}
    assert status == {"killer": "passed", "vic": "passed", "vic-twin": "passed"}, \
        done.stdout + done.stderr
    assert done.returncode == 0, done.stdout + done.stderr
    assert not any(r["batch"].get("killed") for r in _results(out).values())
    again = run_cli("batch", str(root), "--out", str(out))
    assert "0 graded, 3 up to date" in again.stdout, again.stdout + again.stderr
    # a run stopped before the alone round leaves the kill recorded: the next run regrades it
    path = out / "vic" / "results.json"
    data = json.loads(path.read_text())
    path.write_text(json.dumps({**data, "batch": {**data["batch"], "killed": ["209"]}}))
    again = run_cli("batch", str(root), "--out", str(out))
    assert "1 graded, 2 up to date" in again.stdout, again.stdout + again.stderr
    assert "killed" not in json.loads(path.read_text())["batch"]


# -- same-user mode: the grader's process loads what writes a result before student code runs --

SAME_USER = """\
import json, sys
install, audit, *argv = sys.argv[1:]
sys.path.insert(0, install)
from grader.grading.sandbox import client
client.student_user = lambda limits: None  # same-user mode: as a user other than root grades
first = {}
run = client.Sandbox.run
def counted(self, *args, **kwargs):
    first.setdefault("modules", set(sys.modules))  # before the first student job
    return run(self, *args, **kwargs)
client.Sandbox.run = counted
from grader.cli import main
code = main(argv)
with open(audit, "w") as f:
    json.dump(sorted(set(sys.modules) - first.get("modules", set(sys.modules))), f)
sys.exit(code)
"""
"""`grader check` from a copy of the grader (`install`), in same-user mode (the student's code
runs as the grader's own user, as it does for any user but root); writes to `audit` the modules
the grader's process imported after the first student job had started"""


def same_user_grader(tmp_path: Path) -> Path:
    """A copy of the grader and its bank, as a pip install lays them out (no solutions):
    what a student's code may rewrite in same-user mode, and never the project itself."""
    install = tmp_path / "install"
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "grader", install / "grader", ignore=skip)
    shutil.copytree(ROOT / "exercises", install / "exercises", ignore=skip)
    return install


def grade_as_same_user(install: Path, *args: str) -> tuple:
    """(the finished command, the modules it imported after student code started)."""
    import subprocess
    import sys

    audit = install.parent / "late-imports.json"
    done = subprocess.run([sys.executable, "-c", SAME_USER, str(install), str(audit), "check",
                           *args], capture_output=True, text=True, cwd=install.parent,
                          timeout=300, env={**os.environ, "NO_COLOR": "1"})
    return done, json.loads(audit.read_text()) if audit.exists() else None


def test_same_user_a_rewritten_grader_changes_no_result(bank, tmp_path):
    """A student's code rewrote an output module of the installed grader that was imported only
    after it ran, and the Classroom payload said 3/3 where the terminal said 0/3. Now whatever
    writes a result is in the grader's process before any student code runs: the attack
    rewrites every module and template of the grader, and nothing of it is run or shown."""
    import base64

    from grader.render.environment import render

    install = same_user_grader(tmp_path)
    folder = tmp_path / "mallory"
    folder.mkdir()
    shutil.copyfile(Path(__file__).parent / "hostile" / "rewrites_the_grader.py",
                    folder / "p209.py")
    shutil.copyfile(SOLUTIONS / "p211.py", folder / "p211.py")
    (folder / "p219.py").write_text(render("stub.py.j2", spec=select(bank, "219")[0], lang="en"))
    payload, results = tmp_path / "payload.txt", tmp_path / "results.json"
    # without namespaces: in them, the installed grader is read-only to the job (below)
    done, _ = grade_as_same_user(install, str(folder), "--only", "209,211,219", "--format",
                                 "classroom", "--output", str(payload), "--json", str(results),
                                 "--html", str(tmp_path / "report.html"), "--isolation", "none")
    assert done.returncode == 1, done.stdout + done.stderr
    # the attack did rewrite the installed grader: what was loaded after it would have forged
    assert "_full_marks" in (install / "grader/platforms/formats/classroom.py").read_text()
    assert "FORGED" in (install / "grader/render/templates/terminal.txt.j2").read_text()
    # and no rewritten module ran in the grader's process; every output says 1 of 3
    assert not (install / "ran-in-the-grader.txt").exists(), \
        (install / "ran-in-the-grader.txt").read_text()
    assert "FORGED" not in done.stdout + done.stderr
    assert "Total: 1 / 3" in done.stdout
    data = json.loads(results.read_text())
    assert (data["score"], data["max_score"]) == (1.0, 3.0)
    assert [e["status"] for e in data["exercises"]] == ["error", "passed", "error"]
    sent = json.loads(base64.b64decode(payload.read_text().strip().removeprefix("result=")))
    assert sum(t["score"] for t in sent["tests"]) == 1.0 and sent["max_score"] == 3.0
    assert "FORGED" not in (tmp_path / "report.html").read_text()


def test_same_user_in_namespaces_the_installed_grader_cannot_be_rewritten(tmp_path):
    """In namespaces of its own (the default where the kernel allows them), the job sees the
    grader's package read-only: the attack that rewrites it changes no file, whatever user the
    job runs as."""
    install = same_user_grader(tmp_path)
    before = fingerprint(install / "grader")
    folder = tmp_path / "mallory"
    folder.mkdir()
    shutil.copyfile(Path(__file__).parent / "hostile" / "rewrites_the_grader.py",
                    folder / "p209.py")
    results = tmp_path / "results.json"
    done, _ = grade_as_same_user(install, str(folder), "--only", "209", "--json", str(results))
    assert done.returncode == 1, done.stdout + done.stderr
    isolation = json.loads(results.read_text())["isolation"]
    if not in_namespaces(isolation):
        pytest.skip(f"no namespaces on this machine: {isolation}")
    assert fingerprint(install / "grader") == before
    assert not (install / "ran-in-the-grader.txt").exists()


@pytest.mark.parametrize("outputs", [
    [], ["--format", "classroom"], ["--format", "gradescope"], ["--format", "junit"],
    ["--format", "github"]])
def test_same_user_the_grader_imports_nothing_once_student_code_runs(outputs, tmp_path):
    """In same-user mode any module imported after the first student job is a file the
    student's code could have rewritten (the grader's, jinja2's, the standard library's in a
    user's own Python): none is, on a submission whose failures take the judging's every lazy
    path this test knows (diagnoses, a cascade from an import that fails, a notebook, a file
    graded on its definitions, Korean glosses), and with every output written."""
    from notebooks import course_notebook, notebook

    install = same_user_grader(tmp_path)
    folder = tmp_path / "erin"
    folder.mkdir()
    for name in ("p209.py", "p211.py", "p233.py"):
        shutil.copyfile(SOLUTIONS / name, folder / name)
    (folder / "p219.py").write_text((SOLUTIONS / "p219.py").read_text().replace(
        "np.sum(dout, axis=0)", "dout"))
    (folder / "p214.py").write_text("class Relu:\n    def forward(self, x)\n        pass\n")
    (folder / "p216.py").write_text((SOLUTIONS / "p216.py").read_text()
                                    + "\nimport matplotlib\nraise SystemExit(plot())\n")
    (folder / "hw.ipynb").write_text(notebook(course_notebook(["210"])))
    done, late = grade_as_same_user(install, str(folder), "--lang", "ko", "--json",
                                    str(tmp_path / "r.json"), "--html", str(tmp_path / "r.html"),
                                    *outputs, *(["--output", str(tmp_path / "out")]
                                                if outputs else []))
    assert done.returncode == 1, done.stdout + done.stderr
    assert late == [], late
    said = json.loads((tmp_path / "r.json").read_text())
    statuses = {e["id"]: e["status"] for e in said["exercises"]}
    assert statuses["219"] == "failed" and statuses["214"] == "error"
    assert any(c["hint"] for e in said["exercises"] for c in e["checks"])  # a diagnosis ran


def test_the_preload_covers_every_import_the_grading_defers(tmp_path):
    """Every import written inside a function of what runs in the grader's process while it
    grades and reports (grading, bank, results, render, the formats) names a module that
    `preload` has loaded: a new deferred import must join `preload.GRADING` (or be imported at
    the top of its module), or same-user mode would load it after student code ran. Reading the
    bank (`catalogue`, and `compiled`, its cache) is not grading: every front end reads its bank
    before its first job, and imports PyYAML and the spec readers then only if a spec changed."""
    import subprocess
    import sys

    code = """\
import ast, json, sys
from pathlib import Path
from grader import preload
from grader.bank import load_bank
from grader.platforms import formats
preload.grading(load_bank())
preload.outputs(json=True, html=True, formats=formats.NAMES, watch=True, batch=True)
root = Path(sys.argv[1])
STUDENT_SIDE = {"child.py", "zygote.py", "facts.py", "networks.py"}
BEFORE_GRADING = {"bank/catalogue.py", "bank/compiled.py"}
missing = []
for folder in ("grading", "bank", "render", "platforms/formats"):
    for path in sorted((root / "grader" / folder).rglob("*.py")):
        if path.name in STUDENT_SIDE or f"{folder}/{path.name}" in BEFORE_GRADING:
            continue
        module = ".".join(path.relative_to(root).with_suffix("").parts).removesuffix(".__init__")
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        tree = ast.parse(path.read_text())
        for function in ast.walk(tree):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom):
                    base = node.module or ""
                    if node.level:
                        parts = package.split(".")
                        kept = parts[:len(parts) - node.level + 1]
                        base = ".".join(kept + ([base] if base else []))
                    names = [f"{base}.{a.name}" if f"{base}.{a.name}" in sys.modules else base
                             for a in node.names]
                else:
                    continue
                missing += [f"{module}: {n}" for n in names if n not in sys.modules]
print(json.dumps(missing))
"""
    done = subprocess.run([sys.executable, "-c", code, str(ROOT)], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []
