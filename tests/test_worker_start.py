"""How a warm worker starts: without `site` (-S), given the import path `site` would give, and,
for a few jobs (`grader check --only`), without the modules jobs rarely use (`zygote.PRELOAD`).
A job must see no difference: it imports whatever it did, and finds the builtins `site`
adds."""
from __future__ import annotations

import json
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
    assert str(elsewhere) not in spawn.read_site_path()  # read now, not remembered
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


@pytest.mark.parametrize("argv, count", [
    (["check", ".", "--only", "219"], 1), (["check", ".", "--only", "219,220"], 2),
    (["check", "."], 2), (["check", ".", "--only", "209-211"], 2), (["list"], None)])
def test_a_check_starts_as_many_workers_as_its_exercises_when_they_are_fewer(
        monkeypatch, argv, count):
    """`--only 219` starts one worker and no sibling (a second one, let go too late, was forked
    all the same)."""
    from grader import early

    asked = []
    monkeypatch.setattr(warm, "usable_cores", lambda: 2)
    monkeypatch.setattr(warm, "start_workers", lambda n, **_: asked.append(n) or [])
    early.early_workers(argv)
    assert asked == ([] if count is None else [count])


def test_a_job_of_a_light_worker_finds_numpy_random_loaded_before_it_came():
    """Every check seeds numpy's generator (`child._seeded`): a worker of a few jobs, which
    preloads nothing, has the job's process import numpy.random while it waits for its job."""
    printed, _ = run_job("import sys\nprint('numpy.random' in sys.modules)\n", preload=False)
    assert printed.strip() == "True"


@pytest.mark.parametrize("value", [
    {"isolation": "auto", "homes": ["/tmp/a b", "/tmp/\"q\"\\x"], "preload": False,
     "owner": [12, 345678], "shared": [], "mother": True, "none": None},
    ["é", "\udcff", "\n\t\x00", "日本", "\U0001f600"], [], {}, 0, -3, True])
def test_a_workers_settings_read_back_as_json_writes_them(value):
    assert json.loads(spawn.as_json(value)) == value
    assert json.loads(spawn.as_json(value)) == json.loads(json.dumps(value))


def test_a_workers_settings_refuse_what_json_would_write_otherwise():
    with pytest.raises(TypeError):
        spawn.as_json({"x": 1.5})


def test_a_spawned_process_is_waited_for_polled_and_killed_as_popen_would_be(tmp_path):
    import subprocess

    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    quick = spawn.Spawned([sys.executable, "-c", "import os; os._exit(3)"], env, [])
    assert quick.wait() == 3 and quick.poll() == 3 and quick.returncode == 3
    slow = spawn.Spawned([sys.executable, "-c", "import time; time.sleep(60)"], env, [])
    assert slow.poll() is None
    with pytest.raises(subprocess.TimeoutExpired):
        slow.wait(timeout=0.05)
    assert os.getsid(slow.pid) == slow.pid  # a session of its own, as start_new_session makes
    slow.kill()
    assert slow.wait(timeout=30) == -9


def test_a_spawned_process_has_only_the_descriptors_it_was_given(tmp_path):
    read, write = os.pipe()
    kept, dropped = os.pipe()
    os.set_inheritable(kept, True)  # as a caller's dup2 leaves one: the worker must not have it
    try:
        code = ("import os, sys; fds = sorted(int(f) for f in os.listdir('/proc/self/fd'));"
                f"os.write({write}, repr(fds).encode())")
        process = spawn.Spawned([sys.executable, "-I", "-c", code], {}, [write])
        assert process.wait(timeout=60) == 0
        fds = set(json.loads(os.read(read, 1000)))
        # its standard streams, the descriptor given, and the folder listdir read (one more)
        assert {0, 1, 2, write} <= fds and len(fds - {0, 1, 2, write}) == 1
        assert not os.get_inheritable(write)  # inheritable only while it was started
    finally:
        for fd in (read, write, kept, dropped):
            os.close(fd)


def test_run_folders_of_processes_gone_are_swept_and_no_other(tmp_path):
    from grader.grading import scratch
    from grader.grading.sandbox.pids import started

    mine = f"grader-run-{os.getpid()}-{started(os.getpid())}-abc"
    gone = "grader-run-999999999-1-abc"  # no such pid
    others = ["grader-run-12-34", "grader-run-x-1-abc", "grader-x", "notes"]
    for name in [mine, gone, *others]:
        (tmp_path / name).mkdir()
    assert scratch.run_owner(mine) == (os.getpid(), started(os.getpid()))
    assert scratch.run_owner(gone) == (999999999, 1)
    assert [scratch.run_owner(name) for name in others] == [None] * len(others)
    assert scratch.sweep(str(tmp_path)) == [str(tmp_path / gone)]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([mine, *others])


def test_a_new_folder_is_made_once_and_closed_to_others(tmp_path):
    from grader.grading import scratch

    made = {scratch.make_folder(str(tmp_path), "grader-") for _ in range(20)}
    assert len(made) == 20 and all(Path(m).parent == tmp_path for m in made)
    assert {os.stat(m).st_mode & 0o777 for m in made} == {0o700}


def test_a_job_done_is_read_before_its_process_ends_and_the_next_job_is_its_own():
    """A job that said it is done has its outcome at once; its worker's report of its end, when
    it came later, is read before the next job, which gets its own results (never the report
    of the one before). Whether a report came before the "done" was read is the machine's
    timing: `..._leaves_its_worker_s_report_to_be_read` below makes it come after."""
    scratch = Path(tempfile.mkdtemp(prefix="grader-test-"))
    (started,) = warm.start_workers(1, str(scratch))
    home = Path(started.home)
    try:
        with Sandbox(str(home), Limits(), started.worker) as sandbox:
            outcomes = []
            for n, code in enumerate(["print('one')\n", "import sys\nsys.exit(3)\n",
                                      "print('three')\n"]):
                work = home / f"job{n}" / "work"
                work.mkdir(parents=True)
                (work / "m.py").write_text(code)
                job = {"workdir": str(work), "file": "m.py", "module": "m", "mode": "import",
                       "defines": [], "aliases": {}, "checks": []}
                sandbox.hand_over(work)
                outcome = sandbox.run(job, home / f"job{n}", 60, {})
                outcomes.append((outcome.ending, outcome.stdout.text.strip()))
            assert outcomes == [("done", "one"), ("load_error", ""), ("done", "three")]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def test_a_job_said_done_leaves_its_worker_s_report_to_be_read_before_the_next_job(tmp_path):
    """Played against a worker of the test's own (its end of the socket), which says the job's
    pid, sends the job's events and only then its report: the outcome comes without the report,
    which is read before the next job (`Sandbox._settle`); the worker is kept."""
    import socket
    import subprocess
    import threading

    job_process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    reported = threading.Event()

    def worker():
        _, fds, _, _ = socket.recv_fds(theirs, 65536, 1)
        socket.send_fds(theirs, [b'{"pid": 7, "isolated": true}'],
                        [os.pidfd_open(job_process.pid)])
        os.write(fds[0], b'{"e": "loaded"}\n{"e": "done"}\n')
        os.close(fds[0])
        reported.wait(30)  # the outcome is out: now the job's end
        theirs.send(b'{"exit": 0, "leftovers": 0}')

    thread = threading.Thread(target=worker, daemon=True)
    thread.start()
    try:
        sandbox = Sandbox(str(tmp_path), Limits(), (None, ours))
        (tmp_path / "job").mkdir()
        outcome = sandbox.run({"workdir": str(tmp_path), "checks": []}, tmp_path / "job", 30, {})
        assert outcome.ending == "done" and sandbox.worker.report_due
        assert job_process.wait(timeout=30) == -9  # its group ended at once, by its pidfd
        reported.set()
        thread.join(30)
        sandbox._settle()
        assert not sandbox.worker.report_due and sandbox.worker.socket is not None
        assert not select_ready(sandbox.worker.socket)  # the report read, nothing else left
    finally:
        job_process.kill()
        theirs.close()
        ours.close()


def select_ready(sock) -> bool:
    import select

    return bool(select.select([sock], [], [], 0)[0])


def test_a_job_of_a_light_worker_loads_the_digits_it_trains_on():
    """A worker of a few jobs leaves the digits to the job that trains: it reads them itself,
    from inside its tree, as its own user."""
    code = ("from grader.grading.sandbox import training\n"
            "x, t, test = training.load_digits()\n"
            "print(x.shape[1], t.shape[1], training.load_digits.cache_info().hits)\n")
    assert run_job(code, preload=False)[0].split() == ["64", "10", "0"]  # made by the job
    assert run_job(code, preload=True)[0].split() == ["64", "10", "1"]  # the worker's, shared


@pytest.mark.parametrize("preload", [True, False])
def test_a_job_runs_with_the_collector_on_though_its_worker_loaded_without_it(preload):
    printed, _ = run_job("import gc\nprint(gc.isenabled(), gc.get_freeze_count() > 0)\n",
                         preload=preload)
    assert printed.split() == ["True", "True"]
