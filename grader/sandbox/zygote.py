"""The warm worker: a clean interpreter with numpy loaded that forks one process per job.

It never runs student code itself and never sees an expected value: the grader sends it a job
file (what to load, what to run, inputs) and the write end of a result pipe; the forked process
limits itself, runs the job (`child.main`) and exits. The zygote reports the pid, then the exit
status, so the grader can time the job, kill its process group, and tell a crash from a finish.

Started by `client.Sandbox` as: python -I -c <bootstrap> <socket fd>.
"""
from __future__ import annotations

import json
import os
import resource
import signal
import socket
import sys

import numpy  # noqa: F401  (warm: every forked job finds numpy already imported)

from . import child

MAX_FD = 1024


def _limit(job: dict) -> None:
    limits = job["limits"]
    for name, value in (("RLIMIT_AS", limits["memory"]), ("RLIMIT_CPU", limits["cpu"]),
                        ("RLIMIT_FSIZE", limits["file_size"]), ("RLIMIT_CORE", 0)):
        if value is not None:
            resource.setrlimit(getattr(resource, name), (value, value))


def _redirect(job: dict, result_fd: int) -> int:
    """stdin from /dev/null, stdout and stderr to the job's files; every other fd closed."""
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    for fd, path in ((1, job["stdout"]), (2, job["stderr"])):
        target = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(target, fd)
        os.close(target)
    os.close(null)
    keep = os.dup2(result_fd, 3) if result_fd != 3 else 3
    os.closerange(4, MAX_FD)
    sys.stdin = open(0, "r", closefd=False)
    sys.stdout = open(1, "w", encoding="utf-8", errors="replace", buffering=1, closefd=False)
    sys.stderr = open(2, "w", encoding="utf-8", errors="replace", buffering=1, closefd=False)
    return keep


def _run_child(job: dict, result_fd: int) -> None:
    code = 0
    try:
        os.setsid()  # its own process group: the grader ends everything it starts at once
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGPIPE, signal.SIGCHLD):
            signal.signal(sig, signal.SIG_DFL)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # too much output: an error, not a kill
        fd = _redirect(job, result_fd)
        os.chdir(job["workdir"])
        sys.path.insert(0, job["workdir"])
        _limit(job)
        child.main(job, fd)
    except BaseException:
        code = 70
    finally:
        os._exit(code)


def serve(sock: socket.socket) -> None:
    while True:
        try:
            message, fds, _, _ = socket.recv_fds(sock, 65536, 1)
        except OSError:
            return
        if not message:
            return  # the grader closed the socket
        job_path = json.loads(message)["job"]
        with open(job_path, encoding="utf-8") as f:
            job = json.load(f)
        pid = os.fork()
        if pid == 0:
            sock.close()
            _run_child(job, fds[0])
        os.close(fds[0])
        sock.send(json.dumps({"pid": pid}).encode())
        _, status = os.waitpid(pid, 0)
        if os.WIFSIGNALED(status):
            report = {"signal": os.WTERMSIG(status)}
        else:
            report = {"exit": os.WEXITSTATUS(status)}
        sock.send(json.dumps(report).encode())


def main(fd: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the grader's to handle
    serve(socket.socket(fileno=fd))
