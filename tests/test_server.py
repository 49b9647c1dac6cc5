"""The warm grader (grader/server): `grader check` answered by it says and writes exactly what a
cold run does; another user cannot use it; a changed bank or grader replaces it; Ctrl-C cancels.

Each test has a runtime folder of its own (XDG_RUNTIME_DIR), so its server is its own, and stops
it at the end. The rest of the suite grades cold (conftest sets GRADER_NO_SERVER=1).
"""
from __future__ import annotations

import json
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from conftest import ROOT, SOLUTIONS, run_cli

from grader.grading.scratch import started
from grader.server import client

NOT_ANSWERED = 99
WARM = ("import sys; from grader.server import client; code = client.run(sys.argv[1:]); "
        f"sys.exit({NOT_ANSWERED} if code is None else code)")
"""a `grader check` that only the server may answer: exit 99 when it did not"""
WRONG_BACKWARD = (SOLUTIONS / "p219.py").read_text(encoding="utf-8").replace(
    "dx = np.dot(dout, self.W.T)", "dx = np.dot(dout, self.W)")


@pytest.fixture
def runtime(monkeypatch):
    """A runtime folder of the test's own, and the server in it stopped at the end."""
    folder = Path(tempfile.mkdtemp(prefix="grader-rt-"))
    folder.chmod(0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    monkeypatch.setenv(client.NO_SERVER_ENV, "0")  # the server, on a CI machine (CI set) too
    yield folder / "backprop-grader"
    for sock in (folder / "backprop-grader").glob("*.sock"):
        client.ask(str(sock), "stop")
    shutil.rmtree(folder, ignore_errors=True)


def warm(*args: str, cwd: Path, env: dict | None = None, **popen) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", WARM, *args], capture_output=True, text=True,
                          cwd=cwd, timeout=120, env={**os.environ, "NO_COLOR": "1", **(env or {})},
                          **popen)


def server_pid(runtime: Path) -> str | None:
    socks = list(runtime.glob("*.sock"))
    return client.ask(str(socks[0]), "ping") if len(socks) == 1 else None


def without_times(text: str):
    """The results JSON without its timings (two cold runs differ in them too)."""
    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k != "seconds"}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(json.loads(text))


@pytest.mark.parametrize("files", [{}, {"p219.py": WRONG_BACKWARD}], ids=["passing", "failing"])
def test_warm_says_and_writes_what_cold_does(runtime, tmp_path, files):
    folder = tmp_path / "sub"
    folder.mkdir()
    for name in ("p219.py", "p220.py"):
        shutil.copyfile(SOLUTIONS / name, folder / name)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    args = ("check", "sub", "--only", "219,220", "--seed", "5")
    cold = run_cli(*args, "--json", "cold.json", cwd=tmp_path, env={client.NO_SERVER_ENV: "1"})
    first = warm(*args, "--json", "first.json", cwd=tmp_path)  # starts the server
    pid = server_pid(runtime)
    second = warm(*args, "--json", "second.json", cwd=tmp_path)
    assert pid is not None and server_pid(runtime) == pid  # one server answered both
    assert cold.returncode == (0 if not files else 1)
    for run, name in ((first, "first.json"), (second, "second.json")):
        assert run.returncode == cold.returncode, run.stderr
        assert (run.stdout, run.stderr) == (cold.stdout, cold.stderr)
        assert without_times((tmp_path / name).read_text(encoding="utf-8")) == \
            without_times((tmp_path / "cold.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("args", [["--bogus"], ["--only", "abc"], ["--only", "999"],
                                  ["--timeout-scale", "0"], ["--help"]])
def test_a_usage_error_says_what_cold_does(runtime, tmp_path, args):
    """argparse's own exit (a usage error, --help) and the grader's usage errors: the same
    words, once, and the same exit code, with no traceback."""
    (tmp_path / "sub").mkdir()
    shutil.copyfile(SOLUTIONS / "p219.py", tmp_path / "sub" / "p219.py")
    cold = run_cli("check", "sub", *args, cwd=tmp_path, env={client.NO_SERVER_ENV: "1"})
    warm("check", "sub", "--only", "219", cwd=tmp_path)  # the server, started
    answered = warm("check", "sub", *args, cwd=tmp_path)
    assert answered.returncode == cold.returncode != NOT_ANSWERED
    assert (answered.stdout, answered.stderr) == (cold.stdout, cold.stderr)
    assert "Traceback" not in answered.stderr


def warm_workers(server: int) -> dict[int, bytes]:
    """The server's live children that are warm workers, by pid, with their command lines."""
    found = {}
    for task in os.listdir(f"/proc/{server}/task"):
        with open(f"/proc/{server}/task/{task}/children") as f:
            for pid in map(int, f.read().split()):
                try:
                    with open(f"/proc/{pid}/cmdline", "rb") as cmd:
                        line = cmd.read()
                except OSError:
                    continue
                if b"zygote" in line:
                    found[pid] = line
    return found


def workers_after_a_call(runtime, cwd, settled) -> dict[int, bytes]:
    """A warm call of 219 in `cwd`/sub, then the server's warm processes (pid -> command line)
    once `settled(how many, the mother and a worker per core)` holds (the mother forks the next
    call's workers as it reads the request), within a minute."""
    args = ("check", "sub", "--only", "219", "--seed", "5")
    assert warm(*args, cwd=cwd).returncode == 0
    pid = int(server_pid(runtime))  # answers once the next call's workers are asked for
    wanted = 1 + len(os.sched_getaffinity(0))
    deadline = time.monotonic() + 60
    while not settled(len(workers := warm_workers(pid)), wanted) \
            and time.monotonic() < deadline:
        time.sleep(0.05)
    assert settled(len(workers), wanted), (len(workers), wanted)
    return workers


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the mother forks on Linux")
def test_each_call_takes_workers_forked_by_one_mother(runtime, tmp_path):
    """The workers of the next call are forks of one warm mother the server keeps, not new
    interpreters: a fork carries its mother's command line, and the mother stays the same."""
    (tmp_path / "sub").mkdir()
    shutil.copyfile(SOLUTIONS / "p219.py", tmp_path / "sub" / "p219.py")
    mothers = []
    for _ in range(2):
        # (an unused worker of the last call may be ending meanwhile)
        workers = workers_after_a_call(runtime, tmp_path, lambda count, wanted: count >= wanted)
        assert all(b'"mother": true' in line for line in workers.values())
        mothers.append(min(workers, key=started))  # started first, with the server
    assert mothers[0] == mothers[1]


@pytest.mark.skipif(not sys.platform.startswith("linux") or len(os.sched_getaffinity(0)) < 2,
                    reason="the mother forks on Linux; a call of one exercise leaves a core's "
                           "worker unused only on two cores or more")
def test_a_worker_a_call_did_not_use_serves_the_next(runtime, tmp_path):
    """One exercise takes one worker: the other, never handed a job, is handed back to the
    server and given to the next call (which forks one new worker, not two); the worker that
    ran the job ends with its call."""
    (tmp_path / "sub").mkdir()
    shutil.copyfile(SOLUTIONS / "p219.py", tmp_path / "sub" / "p219.py")
    seen = []
    for _ in range(3):
        # (the worker that ran the job may still be ending: until it is gone)
        workers = workers_after_a_call(runtime, tmp_path, lambda count, wanted: count == wanted)
        mother = min(workers, key=started)
        seen.append(set(workers) - {mother})
    assert seen[0] & seen[1] and seen[1] & seen[2]  # one worker carried over each time
    assert not seen[0] & seen[2]  # and used (ended) by the call after


def test_a_changed_bank_replaces_the_server(runtime, tmp_path):
    bank = tmp_path / "exercises"
    shutil.copytree(ROOT / "exercises", bank)
    (tmp_path / "sub").mkdir()
    shutil.copyfile(SOLUTIONS / "p219.py", tmp_path / "sub" / "p219.py")
    args = ("--exercises", str(bank), "check", "sub", "--only", "219", "--seed", "5")
    assert warm(*args, cwd=tmp_path).returncode == 0
    before = server_pid(runtime)
    with open(bank / "p219.yaml", "a", encoding="utf-8") as f:
        f.write("\n# a changed spec\n")
    assert warm(*args, cwd=tmp_path).returncode == 0
    after = server_pid(runtime)
    assert None not in (before, after) and before != after


def test_the_key_follows_the_version_and_the_workers_environment():
    bank = client.bank_folder([])
    assert client.key(bank, "1.0") != client.key(bank, "1.1")
    assert client.key(bank, "1.0") != client.key(bank, "1.0", environ={"PATH": "/elsewhere"})
    from grader.bank import default_exercises_dir
    from grader.grading.sandbox import spawn

    assert set(spawn.ENV_ALLOWED) | {spawn.SHARE} <= set(client.WORKER_ENV)
    assert Path(bank) == default_exercises_dir()


def test_a_call_crosses_to_the_server_as_it_was_made():
    request = {"key": client.key(client.bank_folder([])), "cwd": "/t\udcffmp/a=b",
               "encodings": ["utf-8", None], "argv": ["check", "", "--only", "219", "a=b\udc80"],
               "env": {"A": "x=y=z", "EMPTY": "", "LANG": "\ud55c\uad6d\uc5b4", "BAD": "\udcfe"}}
    assert client.decode(client.encode(request)) == request
    assert client.decode(client.encode({**request, "argv": [], "env": {}})) == \
        {**request, "argv": [], "env": {}}
    assert client.decode(b'{"ping": true}') is None
    assert client.decode(client.encode(request)[:-30] + b"\0" + b"no equals sign") is None


@pytest.mark.parametrize("inotify", [True, False], ids=["inotify", "stamps"])
def test_the_server_sees_its_files_change(tmp_path, monkeypatch, inotify):
    """A changed, new or removed file of the package or the bank makes the server stale;
    bytecode does not."""
    from grader.server import watched

    if not inotify:
        monkeypatch.setattr(watched, "watching", lambda folders: None)
    package, bank = tmp_path / "grader", tmp_path / "exercises"
    (package / "sub").mkdir(parents=True)
    bank.mkdir()
    for path in (package / "a.py", package / "sub" / "b.py", bank / "p219.yaml"):
        path.write_text("x = 1\n", encoding="utf-8")
    for change in (lambda: (package / "sub" / "b.py").write_text("x = 2\n", encoding="utf-8"),
                   lambda: (package / "sub" / "c.py").touch(),
                   lambda: (bank / "p219.yaml").unlink()):
        files = watched.Watched((str(package), str(bank)))
        if files.how != ("inotify" if inotify else "stamps"):
            pytest.skip(f"no inotify here ({files.how})")
        try:
            (package / "__pycache__").mkdir(exist_ok=True)
            (package / "__pycache__" / "a.cpython-311.pyc").write_bytes(b"bytecode")
            assert not files.changed()
            change()
            assert files.changed() and files.changed()  # and stays so
        finally:
            files.close()


@pytest.mark.parametrize("argv, through", [
    (["check", "."], True), (["--exercises", "x", "check"], True),
    (["check", ".", "--watch"], False), (["check", "--no-server"], False),
    (["batch", "r", "--out", "o"], False), (["list"], False), (["--version"], False)])
def test_only_check_goes_through_the_server(argv, through):
    assert client.wanted(argv, environ={}) is through
    assert client.wanted(argv, environ={client.NO_SERVER_ENV: "1"}) is False
    # a CI job makes one call: no server to outlive it, unless asked for
    assert client.wanted(argv, environ={"CI": "true"}) is False
    assert client.wanted(argv, environ={"CI": "false"}) is through
    assert client.wanted(argv, environ={"CI": "true", client.NO_SERVER_ENV: "0"}) is through


def raw_ping(path: str) -> str:
    """A ping with no check of who answers (the client's own would refuse a server of another
    user first): the server's answer; "closed" when it closed the connection unanswered."""
    import socket

    with socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET) as sock:
        sock.connect(path)
        try:  # the server may close the connection before the ping is even sent
            sock.send(b'{"ping": true}')
            return sock.recv(64).decode() or "closed"
        except (ConnectionResetError, BrokenPipeError):
            return "closed"


def as_nobody(what) -> str:
    """`what()` in a fork of this process that runs as `nobody` (the interpreter, under /root,
    may be closed to that user: a fork needs nothing more); what it returned, as text."""
    nobody = pwd.getpwnam("nobody").pw_uid
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover (the fork)
        try:
            os.close(read)
            os.setgroups([])
            os.setgid(pwd.getpwnam("nobody").pw_gid)
            os.setuid(nobody)
            try:
                said = repr(what())
            except Exception as e:  # said, so that a failing test shows it
                said = f"raised {type(e).__name__}: {e}"
            os.write(write, said.encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as f:
        said = f.read().decode()
    os.waitpid(pid, 0)
    return said


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root, to run a client as another user")
def test_another_user_cannot_use_the_server(runtime, tmp_path):
    (tmp_path / "sub").mkdir()
    shutil.copyfile(SOLUTIONS / "p219.py", tmp_path / "sub" / "p219.py")
    assert warm("check", "sub", "--only", "219", cwd=tmp_path).returncode == 0
    sock = str(next(runtime.glob("*.sock")))
    # the user's folder is closed to others (0700): not even a connection
    assert as_nobody(lambda: client.connect(sock)) == "None"
    # with the folder and the socket opened to everyone, the server still refuses (SO_PEERCRED)
    runtime.parent.chmod(0o755)
    runtime.chmod(0o755)
    os.chmod(sock, 0o777)
    assert as_nobody(lambda: raw_ping(sock)) == repr("closed")
    assert raw_ping(sock).isdigit()  # the user's own calls still go


def test_ctrl_c_in_the_client_cancels_the_call(runtime, tmp_path, monkeypatch):
    signals = Path(tempfile.mkdtemp(prefix="grader-test-"))
    signals.chmod(0o777)
    monkeypatch.setenv("GRADER_SANDBOX_SHARE", str(signals))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "p219.py").write_text(
        f"open({str(signals / 'started')!r}, 'w').close()\nwhile True:\n    pass\n",
        encoding="utf-8")
    assert warm("check", "sub", "--only", "220", cwd=tmp_path).returncode == 1  # the server
    process = subprocess.Popen([sys.executable, "-c", WARM, "check", "sub", "--only", "219"],
                               cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env={**os.environ, "NO_COLOR": "1"})
    try:
        while not (signals / "started").exists():  # the job runs: now cancel it
            assert process.poll() is None, process.communicate()
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
        shutil.rmtree(signals, ignore_errors=True)
    assert process.returncode == 130, err
    assert "interrupted" in err


def test_the_fork_that_answers_copies_the_servers_pages_before_the_call():
    """`serve._copied_ahead`, in a fork of a loaded process: it writes to the pages of every
    object the collector knows, so that the call after it finds them copied (a page fault each,
    counted by the kernel)."""
    code = ("import gc, os, resource, sys\n"
            "sys.path.insert(0, sys.argv[1])\n"
            "import numpy, grader.cli, grader.grading.engine\n"
            "from grader.server import serve\n"
            "kept = [dict(a=i) for i in range(100000)]\n"
            "if os.fork() == 0:\n"
            "    faults = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_minflt\n"
            "    before = faults()\n"
            "    serve._copied_ahead()\n"
            "    ahead = faults() - before\n"
            "    before = faults()\n"
            "    for one in gc.get_objects():\n"
            "        pass\n"
            "    print(ahead, faults() - before, flush=True)\n"
            "    os._exit(0)\n"
            "os.wait()\n")
    done = subprocess.run([sys.executable, "-c", code, str(ROOT)], capture_output=True,
                          text=True, timeout=120, check=True)
    ahead, after = map(int, done.stdout.split())
    assert ahead > 1000 and after < ahead / 4, (ahead, after)
