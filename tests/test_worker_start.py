"""How a warm worker starts: without `site` (-S), given the import path `site` would give, and,
for a few jobs (`grader check --only`), without the modules jobs rarely use (`zygote.PRELOAD`).
A job must see no difference: it imports whatever it did, and finds the builtins `site`
adds."""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

from grader.grading.sandbox import spawn, warm, zygote
from grader.grading.sandbox.client import Limits, Sandbox


def run_job(code: str, preload: bool = True) -> tuple[str, str]:
    """What a job running `code` printed, in a new worker (its first job), and the worker's
    isolation level."""
    scratch = Path(tempfile.mkdtemp(prefix="grader-test-"))
    (started,) = warm.start_workers(1, str(scratch), preload=preload)
    home = Path(started.home)
    try:
        with Sandbox(str(home), Limits(), started.worker) as sandbox:
            work = home / "job" / "work"
            work.mkdir(parents=True)
            (work / "m.py").write_text(code)
            job = {"workdir": str(work), "file": "m.py", "module": "m", "mode": "import",
                   "defines": [], "aliases": {}, "checks": []}
            sandbox.hand_over(work)
            outcome = sandbox.run(job, home / "job", 60, {})
            assert outcome.ending == "done", (outcome.ending, outcome.stderr.text)
            return outcome.stdout.text, sandbox.isolation()["level"]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


JOB = ("import sys\n"
       "print(sys.flags.no_site, 'numpy.testing' in sys.modules)\n"
       "import numpy.testing, urllib.request, numpy.ma\n"
       "print(numpy.testing.assert_allclose.__name__, type(exit).__name__,\n"
       "      type(quit).__name__, type(help).__name__)\n")
"""a job that says whether its worker loaded numpy.testing, imports it, and calls on the
builtins `site` adds"""


def test_a_worker_loads_what_jobs_may_use_and_its_jobs_find_sites_builtins():
    printed, _ = run_job(JOB)
    assert printed.splitlines() == ["1 True", "assert_allclose Quitter Quitter _Helper"]


def test_a_worker_for_a_few_jobs_leaves_them_their_imports():
    printed, level = run_job(JOB, preload=False)
    # in namespaces (whose tree nobody may read), or as the grader's own user, nothing was
    # loaded for the job: it imported numpy.testing itself, as `nobody` when the grader is root
    first = "1 False" if level == "namespaces" or os.geteuid() != 0 else "1 True"
    assert printed.splitlines() == [first, "assert_allclose Quitter Quitter _Helper"]


def test_a_worker_finds_numpy_where_the_grader_does():
    printed, _ = run_job("import numpy, os\nprint(os.path.dirname(numpy.__file__))\n")
    import numpy

    assert printed.strip() == os.path.dirname(numpy.__file__)


def test_the_site_path_is_what_site_gives_read_from_the_installation(tmp_path, monkeypatch):
    """site-packages and the folders its .pth files name, never this process's own sys.path
    (where pytest put the checkout, whose solutions a job must not see)."""
    version = f"python{sys.version_info[0]}.{sys.version_info[1]}"
    site_packages = tmp_path / "lib" / version / "site-packages"
    named, elsewhere = tmp_path / "named", tmp_path / "elsewhere"
    for folder in (site_packages, named, elsewhere, site_packages / "inside"):
        folder.mkdir(parents=True)
    (site_packages / "a.pth").write_text(f"# a comment\n{named}\nimport os; os.system('x')\n"
                                         f"{tmp_path / 'missing'}\n\ninside\n")
    (site_packages / "b.pth").write_text(f"{named}\n")  # said twice: given once
    monkeypatch.setattr(sys, "path", [str(elsewhere), *sys.path])
    assert spawn.site_path((str(tmp_path),)) == (str(site_packages), str(named),
                                                str(site_packages / "inside"))
    assert str(elsewhere) not in spawn.site_path.__wrapped__()  # read now, not remembered
    import numpy

    assert str(Path(numpy.__file__).parents[1]) in spawn.site_path()


@pytest.mark.parametrize("mode, readable", [(0o755, True), (0o750, False), (0o711, False)])
def test_a_folder_nobody_may_read_means_loading_everything_first(monkeypatch, mode, readable):
    above = Path(tempfile.mkdtemp(dir="/tmp"))  # /tmp: open to all (pytest's folders are not)
    try:
        above.chmod(0o755)
        folder = above / "lib"
        folder.mkdir(mode)
        folder.chmod(mode)
        monkeypatch.setattr(sys, "path", [str(folder)])
        monkeypatch.setattr(os, "geteuid", lambda: 0)
        assert zygote._readable_by_jobs() is readable
        above.chmod(0o700)  # a parent nobody may not pass
        assert zygote._readable_by_jobs() is False
        monkeypatch.setattr(os, "geteuid", lambda: 1000)  # the job runs as the grader's user
        assert zygote._readable_by_jobs() is True
    finally:
        shutil.rmtree(above)


def test_after_the_jobs_said_to_be_the_last_one_more_still_runs():
    """`Sandbox.last_jobs`: the worker forks no job's process ahead after them; a job that
    comes all the same is forked when it comes, and runs as any other."""
    home = Path(tempfile.mkdtemp(prefix="grader-test-"))
    try:
        with Sandbox(str(home), Limits()) as sandbox:
            sandbox.last_jobs()
            for n in range(3):
                work = home / f"job{n}" / "work"
                work.mkdir(parents=True)
                (work / "m.py").write_text(f"print({n} * 7)\n")
                job = {"workdir": str(work), "file": "m.py", "module": "m", "mode": "import",
                       "defines": [], "aliases": {}, "checks": []}
                sandbox.hand_over(work)
                outcome = sandbox.run(job, home / f"job{n}", 60, {})
                assert outcome.ending == "done" and outcome.stdout.text == f"{n * 7}\n"
    finally:
        shutil.rmtree(home, ignore_errors=True)


@pytest.mark.parametrize("argv, few", [
    (["check", ".", "--only", "219"], True),
    (["check", ".", "--only=219,220"], True),
    (["check", ".", "--only", "209-210"], True),
    (["check", ".", "--only", "209-211"], False),  # more exercises than workers
    (["check", ".", "--only", "219", "--watch"], False),  # a watch lives on
    (["check", "."], False),
    (["check", ".", "--only", "2x9"], False),  # argparse's to refuse: the usual workers meanwhile
    (["check", ".", "--only", "219", "--only", "101-150"], False),  # the last one counts
])
def test_a_check_of_one_exercise_per_worker_starts_its_workers_light(argv, few):
    from grader import early

    assert early.few_jobs(early.given(argv, "--only"), "--watch" in argv, 2) is few
