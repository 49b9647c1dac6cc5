"""How a warm worker starts: without `site` (-S), given the import path `site` gave the grader,
and with the modules jobs rarely use loaded in its idle moments instead of before its first job
(`zygote._Idle`). A job must see no difference: it imports whatever it did, and finds the
builtins `site` adds."""
from __future__ import annotations

import os
import shutil
import socket
import sys
import tempfile
from pathlib import Path

import pytest

from grader.grading.sandbox import spawn, zygote
from grader.grading.sandbox.client import Limits, Sandbox


def run_job(code: str) -> tuple[str, str]:
    """What a job running `code` printed, in a new worker (its first job), and the worker's
    isolation level."""
    home = Path(tempfile.mkdtemp(prefix="grader-test-"))
    try:
        with Sandbox(str(home), Limits()) as sandbox:
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
        shutil.rmtree(home, ignore_errors=True)


def test_a_first_job_imports_what_the_worker_has_not_loaded_yet_and_finds_sites_builtins():
    printed, level = run_job(
        "import sys\n"
        "print(sys.flags.no_site, 'numpy.testing' in sys.modules)\n"
        "import numpy.testing, urllib.request, numpy.ma\n"
        "print(numpy.testing.assert_allclose.__name__, type(exit).__name__,\n"
        "      type(quit).__name__, type(help).__name__)\n")
    # in namespaces (whose tree nobody may read) or as the grader's own user, the first job's
    # process is forked before the idle loading: numpy.testing was not there, and the job, run
    # as `nobody` when the grader is root, imported it itself
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
    assert spawn.site_path([str(tmp_path)]) == [str(site_packages), str(named),
                                               str(site_packages / "inside")]
    assert str(elsewhere) not in spawn.site_path()
    import numpy

    assert str(Path(numpy.__file__).parents[1]) in spawn.site_path()


def test_idle_loading_stops_when_a_message_waits_and_goes_on_when_none_does(monkeypatch):
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    imported = []
    monkeypatch.setattr(zygote, "_import", imported.append)
    try:
        idle = zygote._Idle()
        idle.left = ["a", "b", "c"]
        theirs.send(b"a job")
        idle.load(ours)
        assert imported == [] and idle.left == ["a", "b", "c"]
        ours.recv(100)  # the job taken: nothing waits now
        idle.load(ours)
        assert imported == ["a", "b", "c"] and idle.left == []
        idle.left = ["d"]
        theirs.close()  # the grader gone: a message too (an empty one), nothing more is loaded
        idle.load(ours)
        assert imported == ["a", "b", "c"]
    finally:
        ours.close()
        theirs.close()


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
