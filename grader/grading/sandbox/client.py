"""The grader's side of the sandbox: start the warm worker, hand it jobs, watch the clock.

`Sandbox.run` returns what a job's process sent (raw data, one result per check) and how it
ended: finished, timed out in a given check, crashed (signal or exit code), or sent too much.
`Sandbox.isolation` says what the worker's jobs run in, as the worker reported it (see
`isolation`): `--isolation strict` refuses to run a job anywhere but in namespaces.
"""
from __future__ import annotations

import functools
import json
import os
import pwd
import select
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Container
from dataclasses import dataclass, field
from pathlib import Path

from ...results import Captured
from ...text import ESCAPED_SURROGATE, encodable_data
from .spawn import BOOTSTRAP, Spawned, as_socket, await_end, start_worker

MAX_RESULT_BYTES = 160 * 2**20
"""all a job may send; a result carries at most plain.BUDGET_BYTES of arrays (4/3 of it in base64)"""
MAX_LINE_BYTES = 48 * 2**20
"""the longest single event"""
BROKEN_EXIT = 70
"""the exit code of a job whose own machinery failed (see zygote._run_child)"""
GAP_SECONDS = 5.0  # between one check's end and the next one's begin
ZYGOTE_GRACE = 5.0  # for the warm worker to report a killed job's status
WORKER_START = 60.0
"""for the warm worker to fork a job: its own start-up (numpy, the bank's data) is not the
student's time, and on a busy machine it can take seconds (the job's limits count from its fork)"""
HANGING_POLL = 0.1  # how often a job still loading a module looks whether it is known to hang
MAX_IMPORT_DEPTH = 64  # modules loading one inside another that are followed (a flood is not)


class SandboxStopped(Exception):
    """A job was asked of a sandbox that `stop` ended (the run was interrupted)."""


class IsolationRefused(Exception):
    """`--isolation strict`, and the worker's jobs would not run in namespaces of their own."""

    def __init__(self, report: dict | None):
        self.report = report or {"level": "process", "why": "the warm worker did not say"}
        super().__init__(self.report.get("why") or self.report.get("level"))


ISOLATION_MODES = ("auto", "strict", "none")
"""auto: namespaces where the kernel allows them, else processes (said); strict: namespaces or
nothing; none: processes, as before namespaces"""


@dataclass(frozen=True)
class Limits:
    memory: int | None = 2 * 2**30
    """address space of a job's process, bytes"""
    file_size: int = 16 * 2**20
    """largest file a job may write, its own stdout and stderr included"""
    output_kept: int = 64 * 2**10
    """how much of stdout and stderr the grader keeps"""
    processes: int = 256
    """processes a job may have: all its processes together in its cgroup, else (rlimits) the
    processes of its user (`nobody`: every job of the run; in a user namespace: the job's)"""
    run_as: str | None = "nobody"
    """when the grader runs as root, the student's code runs as this user (None: as root)"""
    isolation: str = "auto"
    """what the jobs run in: see ISOLATION_MODES"""


def student_user(limits: Limits) -> tuple[int, int] | None:
    """(uid, gid) to run student code as, or None to keep the grader's own user."""
    if os.geteuid() != 0 or not limits.run_as:
        return None
    return _user_ids(limits.run_as)


@functools.lru_cache(maxsize=None)
def _user_ids(name: str) -> tuple[int, int] | None:
    """`name`'s uid and gid, looked up once a process (each look reads /etc/passwd, and a run
    asks for every sandbox it makes); None for no such user."""
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        return None
    return entry.pw_uid, entry.pw_gid


@dataclass
class RunOutcome:
    ending: str
    """done | load_error | timeout | crashed | too_much"""
    results: dict[int, dict] = field(default_factory=dict)
    """check index -> the raw result the job's process sent"""
    load_error: dict | None = None
    current: int | None = None
    """the check running when the job ended early (None: while loading)"""
    importing: list[str] = field(default_factory=list)
    """the submission's modules being loaded, outermost first (the last is where a hang is)"""
    cut_at: str | None = None
    """the job was stopped as it began loading this module, known to hang"""
    detail: str = ""
    stdout: Captured = Captured("", 0)
    stderr: Captured = Captured("", 0)
    seconds: float = 0.0
    killed: bool = False
    """it crashed by a signal the grader did not send (or its warm worker was killed): its own
    code's doing, or another process's (another student's job, running as the same user).
    Never for a job in a pid namespace of its own, which nothing but itself, the kernel (its
    memory) and the grader can reach."""
    isolated: bool = False
    """it ran in namespaces of its own (see `isolation`)"""


class _WarmWorker:
    """The warm worker of a sandbox: its process (None for a sibling, which another worker
    forked: not the grader's child, its pid comes on its socket and its socket's end says it is
    gone), the grader's end of its socket, its pid; started, replaced and ended here."""

    def __init__(self, home: str,
                 worker: tuple[Spawned | subprocess.Popen | None, socket.socket] | None,
                 isolation: str = "auto"):
        self.home, self.isolation = home, isolation
        self.process, sock = worker or (None, None)
        self.socket = as_socket(sock) if sock is not None else None
        self.pid = self.process.pid if self.process else None
        """the warm worker's pid, once known"""
        self.used = False
        """whether a job was handed to it"""
        self.report: dict | None = None
        """what its jobs run in, once it said (see `isolation.Worker.report`)"""
        self.report_due = False
        """whether its report of the last job's end is still to be read (`Sandbox._settle`)"""

    def start(self) -> None:
        """A worker ready to take a job: this one, or a new one if it is gone (a sibling that
        is gone closed its socket: `receive` dropped it)."""
        if self.socket is None or (self.process is not None and self.process.poll() is not None):
            if self.socket is not None:
                self.socket.close()
            self.report, self.report_due = None, False
            self.process, sock, _ = start_worker(self.home, BOOTSTRAP, isolation=self.isolation)
            self.socket, self.pid = as_socket(sock), self.process.pid

    def await_report(self, seconds: float) -> dict | None:
        """What the worker's jobs run in: it says so once warm, before its first job."""
        deadline = time.monotonic() + seconds
        while self.report is None and self.socket is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([self.socket], [], [], remaining)[0]:
                return None
            if self.receive() is None:
                return None
        return self.report

    def kill(self) -> None:
        """The worker and whatever its jobs started, detached or not, at once (any thread)."""
        pid = self.pid
        if pid is not None:
            for each in [*descendants(pid), pid]:
                kill_group(each)

    def close(self) -> None:
        if self.socket and self.process is None:
            self._await_sibling_end()
        if self.socket:
            self.socket.close()
        if self.process and not self.used:  # still starting, perhaps: no need to wait
            kill_group(self.process.pid)
        if self.process:
            try:
                ended(self.process, 2)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.socket = self.process = self.pid = None

    def _await_sibling_end(self, seconds: float = 2.0) -> None:
        """A sibling worker ends when its socket does; wait until its end of it is closed (it
        has then swept its jobs), and kill it if it does not come."""
        try:
            self.socket.shutdown(socket.SHUT_WR)
            deadline = time.monotonic() + seconds
            while (remaining := deadline - time.monotonic()) > 0:
                if not select.select([self.socket], [], [], remaining)[0]:
                    break
                data = self.socket.recv(65536)
                if not data:
                    return
                self._note_pid(data)
        except OSError:
            return
        if self.pid is not None:
            kill_group(self.pid)

    def _note_pid(self, data: bytes) -> bool:
        """Whether `data` is a hello: a sibling's, which says its pid, or what its jobs run
        in."""
        if data.startswith(b'{"worker"'):
            self.pid = int(json.loads(data)["worker"])
            return True
        if data.startswith(b'{"isolation"'):
            self.report = json.loads(data)["isolation"]
            return True
        return False

    def receive(self) -> dict | None:
        """The worker's next message; None when it is gone, {} for a hello. A job's pid comes
        with a pidfd when the worker lives in a pid namespace of its own (`pidfd`)."""
        try:
            data, fds, _, _ = socket.recv_fds(self.socket, 65536, 1)
        except OSError:
            data, fds = b"", []
        if not data:
            for fd in fds:
                os.close(fd)
            self.abandon(gone=True)
            return None
        if self._note_pid(data):
            for fd in fds:
                os.close(fd)
            return {}
        message = json.loads(data)
        if fds:
            message["pidfd"] = fds[0]
        return message

    def abandon(self, gone: bool = False) -> None:
        """The warm worker died (`gone`: its socket closed) or hangs: drop it; the next job
        starts a new one. A sibling that is gone is not the grader's child: its pid may already
        be another process's, so it is not signalled."""
        if self.pid is not None and (self.process is not None or not gone):
            kill_group(self.pid)
        if self.process is not None:
            self.process.wait()
        if self.socket is not None:
            self.socket.close()
        self.process = self.socket = self.pid = None
        self.report_due = False


class _Job:
    """A job's process, as the grader may end it: by its pidfd when its worker lives in a pid
    namespace of its own (the pid it says is not the grader's), else by its pid and process
    group. Ended from any thread (Ctrl-C), so its pidfd is closed under a lock."""

    def __init__(self, pid: int, pidfd: int | None = None):
        self.pid, self.pidfd = pid, pidfd
        self._lock = threading.Lock()
        self._closed = False

    def kill(self) -> None:
        with self._lock:
            if self._closed:
                return
            if self.pidfd is None:
                kill_group(self.pid)
                return
            try:
                signal.pidfd_send_signal(self.pidfd, signal.SIGKILL)
            except OSError:  # it has ended (ProcessLookupError among them)
                pass

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self.pidfd is not None:
                os.close(self.pidfd)
                self.pidfd = None


class Sandbox:
    """One warm worker, used for one job at a time; restarted if a job kills it."""

    def __init__(self, home: str, limits: Limits = Limits(),
                 worker: tuple[Spawned | subprocess.Popen | None, socket.socket] | None = None):
        """`worker`: one already started (`spawn.start_worker`), taken over: its process and
        the grader's end of its socket (see `_WarmWorker`)."""
        self.home, self.limits = home, limits
        self.user = student_user(limits)
        if self.user:
            os.chmod(home, 0o711)  # the student's user passes through to its own folder only
        self.worker = _WarmWorker(home, worker, limits.isolation)
        self._job: _Job | None = None
        """the process of the job in progress, once the warm worker reported it"""
        self._stopped = False
        self._last = False
        """the jobs from now on are the last before `close` (`last_jobs`)"""

    def hand_over(self, folder: Path) -> None:
        """Make a job's working copy the student user's own."""
        if not self.user:
            return
        uid, gid = self.user
        os.chown(folder, uid, gid, follow_symlinks=False)
        for where, folders, files in os.walk(folder):  # (faster than Path.rglob, once a job)
            for name in folders + files:
                os.chown(os.path.join(where, name), uid, gid, follow_symlinks=False)

    def last_jobs(self) -> None:
        """The jobs from now on are the last this sandbox runs before it closes: its worker
        forks no job's process ahead after each (a process that joins its cgroup, about 20 ms
        of the kernel's, and that the worker waits for when it ends). One more job all the
        same is only slower: its process is forked when it comes."""
        self._last = True

    def start(self) -> None:
        """Start the warm worker now rather than at the first job: its own start-up (a new
        interpreter, numpy, the digits: as long as the grader's) then overlaps whatever the
        caller does meanwhile, such as loading the bank."""
        if self._stopped:
            raise SandboxStopped("the sandbox was stopped")
        self.worker.start()

    def isolation(self) -> dict | None:
        """What this sandbox's jobs run in, as its warm worker said once warm (starting it if
        need be); None if it never said (it died starting)."""
        self.start()
        return self.worker.await_report(WORKER_START)

    def stop(self) -> None:
        """End the job in progress and the warm worker at once, from any thread (Ctrl-C): the
        thread running the job gets its outcome, and no job runs in this sandbox after."""
        self._stopped = True
        self._kill(self._job)
        self.worker.kill()

    def close(self):
        self.worker.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def run(self, job: dict, job_dir: Path, load_timeout: float, timeouts: dict[int, float],
            hanging: Container[str] = frozenset()) -> RunOutcome:
        """Run one job; `timeouts` gives each check's seconds by its index. A job loading one of
        the `hanging` modules is stopped, as a timeout: as it starts loading it, or within
        HANGING_POLL seconds of the module joining `hanging` (another thread may add it)."""
        self.start()
        self._settle()
        if self.limits.isolation == "strict":
            report = self.isolation()
            if not report or report.get("level") != "namespaces":
                raise IsolationRefused(report)
        self.worker.used = True
        stdout, stderr = job_dir / "stdout.txt", job_dir / "stderr.txt"
        cpu = int(load_timeout + sum(timeouts.values())) + 2
        limits = {"memory": self.limits.memory, "cpu": cpu, "file_size": self.limits.file_size,
                  "user": self.user, "processes": self.limits.processes}
        job = dict(job, stdout=str(stdout), stderr=str(stderr), limits=limits)
        job_file = job_dir / "job.json"
        job_file.write_text(json.dumps(job), encoding="utf-8")
        read_end, write_end = os.pipe()
        started = time.monotonic()
        # the job's file, and what its cgroup holds it to (the worker never reads a job's file)
        said = os.fsencode(job_file) + b"\0" + json.dumps(
            {"memory": limits["memory"], "processes": limits["processes"],
             **({"last": True} if self._last else {})}).encode()
        try:
            socket.send_fds(self.worker.socket, [said], [write_end])
        finally:
            os.close(write_end)
        try:
            outcome = self._watch(read_end, load_timeout, timeouts, hanging)
        finally:
            os.close(read_end)
        outcome.seconds = time.monotonic() - started
        outcome.stdout = self._captured(stdout)
        outcome.stderr = self._captured(stderr)
        return outcome

    def _settle(self) -> None:
        """Read the worker's report of the last job's end, left unread when that job said it
        was done (`_watch`): the worker says nothing else before it, and takes no job until
        it has sent it. A worker that does not send it is replaced (`_await_status`)."""
        if self.worker.report_due:
            self.worker.report_due = False
            self._await_status(None)
            self.start()  # a new worker, if that one was lost

    def _captured(self, path: Path) -> Captured:
        try:
            with open(path, "rb") as f:
                data = f.read(self.limits.output_kept)
            return Captured.kept(data.decode("utf-8", "replace"), path.stat().st_size)
        except OSError:
            return Captured("", 0)

    def _watch(self, read_end: int, load_timeout: float, timeouts: dict[int, float],
               hanging: Container[str]) -> RunOutcome:
        events = _Events(load_timeout, timeouts, hanging)
        outcome = events.outcome
        pid = status = None  # pid: the job's _Job, once the worker said it
        open_pipe = True
        while status is None:
            remaining = events.deadline - time.monotonic()
            if remaining <= 0 or events.cut():
                outcome.ending, outcome.detail = "timeout", ""
                self._kill(pid)
                status = self._await_status(pid)
                break
            watched = [self.worker.socket] + ([read_end] if open_pipe else [])
            wait = min(remaining, HANGING_POLL) if outcome.importing else remaining
            ready, _, _ = select.select(watched, [], [], wait)
            if read_end in ready:
                chunk = os.read(read_end, 65536)
                open_pipe = bool(chunk)
                if not events.feed(chunk):
                    outcome.ending = "too_much"
                    self._kill(pid)
                    status = self._await_status(pid)
                    break
            if self.worker.socket in ready:
                message = self.worker.receive()
                if message is None:
                    status = {"lost": True}
                elif not message:
                    pass  # a sibling's hello
                elif "pid" in message:
                    pid = self._job = _Job(message["pid"], message.get("pidfd"))
                    outcome.isolated = bool(message.get("isolated"))
                    if self._stopped:  # stopped before the pid was known
                        self._kill(pid)
                    if self.limits.isolation == "strict" and not outcome.isolated:
                        self._kill(pid)  # (the worker lost a namespace since it said so)
                        self._await_status(pid)
                        pid.close()
                        self._job = None
                        raise IsolationRefused(self.worker.report)
                    if not events.loaded:  # the job's own clock starts now, at its fork
                        events.deadline = time.monotonic() + load_timeout
                else:
                    status = message
            if status is None and pid is not None and outcome.ending in ("done", "load_error"):
                # It sent everything and flushed its output: what remains is its exit, which
                # takes its process 3 ms to tear down. Its group is ended below; the worker's
                # report of it is read before the next job (`_settle`), not waited for now.
                self.worker.report_due = True
                break
        if outcome.ending not in ("timeout", "too_much"):
            events.last_words(read_end)
        self._kill(pid)  # whatever the job left behind in its group ends with it
        if pid is not None:
            pid.close()
        self._job = None
        if outcome.cut_at:  # it may have ended before it could be stopped: it still was cut
            outcome.ending, outcome.detail = "timeout", ""
        if outcome.ending in ("done", "load_error"):
            pass  # it sent everything; how it exited after does not matter
        elif outcome.ending not in ("done", "load_error", "timeout", "too_much"):
            outcome.ending = "crashed"
            outcome.detail = _describe_status(status, self.limits.memory)
            # in a pid namespace of its own, a signal is its own doing (or its memory's)
            outcome.killed = bool(status.get("lost")) or (
                "signal" in status and not outcome.isolated)
        return outcome

    def _await_status(self, job: "_Job | None") -> dict:
        """After a kill, the warm worker reports the exit; if it cannot, it is replaced."""
        deadline = time.monotonic() + ZYGOTE_GRACE
        while (remaining := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select([self.worker.socket], [], [], remaining)
            if not ready:
                break
            message = self.worker.receive()
            if message is None:
                return {"lost": True}
            if "pid" in message:  # it started after the kill was decided
                late = _Job(message["pid"], message.get("pidfd"))
                late.kill()
                late.close()
            elif message:
                return message
        self.worker.abandon()
        return {"lost": True}

    @staticmethod
    def _kill(job: "_Job | None"):
        if job is not None:
            job.kill()


class _Events:
    """The events a job's process sends on its result pipe, read into a RunOutcome; and the
    deadline they move (each check has its own time limit, loading too)."""

    def __init__(self, load_timeout: float, timeouts: dict[int, float], hanging: Container[str]):
        self.outcome = RunOutcome(ending="crashed")
        self.deadline = time.monotonic() + load_timeout + WORKER_START  # until the fork is reported
        self.timeouts, self.hanging = timeouts, hanging
        self.loaded = False
        self.received = 0
        self.pending = bytearray()  # an unfinished line; grows in place (no quadratic copying)

    def cut(self) -> bool:
        """Whether to stop it: it loads a module known to hang (another job of the submission
        may have found that out while this one was loading it)."""
        outcome = self.outcome
        outcome.cut_at = outcome.cut_at or next(
            (m for m in outcome.importing if m in self.hanging), None)
        return outcome.cut_at is not None

    def feed(self, chunk: bytes) -> bool:
        """Take what was read; False when the job sent more than it may."""
        self.received += len(chunk)
        if self.received > MAX_RESULT_BYTES or len(self.pending) + len(chunk) > MAX_LINE_BYTES:
            return False
        self.pending += chunk
        if b"\n" in chunk:
            *lines, rest = self.pending.split(b"\n")
            self.pending = bytearray(rest)
            for line in lines:
                self.handle(line)
        return True

    def last_words(self, read_end: int) -> None:
        """What the process wrote just before it ended."""
        os.set_blocking(read_end, False)
        try:
            while chunk := os.read(read_end, 65536):
                self.pending += chunk
                if len(self.pending) > MAX_RESULT_BYTES:
                    break
        except BlockingIOError:
            pass
        for line in self.pending.split(b"\n"):
            if line:
                self.handle(line)

    def handle(self, line: bytes) -> None:
        outcome = self.outcome
        if outcome.cut_at:
            return  # stopped where it began loading a module that hangs: nothing after counts
        try:
            event = json.loads(line)
        except ValueError:
            return  # garbage on the channel is ignored; only well-formed events count
        if not isinstance(event, dict):
            return
        if ESCAPED_SURROGATE.search(line):  # a lone surrogate no report could write
            event = encodable_data(event)
        kind, now, index = event.get("e"), time.monotonic(), event.get("i")
        if kind == "loaded":
            self.loaded, self.deadline = True, now + GAP_SECONDS
        elif kind == "load_error" and not self.loaded:
            outcome.load_error = event.get("error") if isinstance(event.get("error"), dict) else {}
            outcome.ending = "load_error"
        elif kind == "begin" and index in self.timeouts:
            outcome.current, self.deadline = index, now + self.timeouts[index]
        elif kind == "end" and index in self.timeouts and isinstance(event.get("result"), dict):
            outcome.results.setdefault(index, event["result"])
            outcome.current, self.deadline = None, now + GAP_SECONDS
        elif kind == "done" and self.timeouts.keys() <= outcome.results.keys():
            # only once every check reported: a "done" said before (the job writes to this
            # pipe, its student's code too) is not the end, and the checks after it count
            outcome.ending = "done"
        elif (kind == "importing" and isinstance(event.get("module"), str)
              and len(outcome.importing) < MAX_IMPORT_DEPTH):
            outcome.importing.append(event["module"][:100])
            if event["module"] in self.hanging:
                outcome.cut_at = event["module"]
        elif (kind == "imported" and outcome.importing
              and event.get("module") == outcome.importing[-1]):
            outcome.importing.pop()


def ended(process: Spawned | subprocess.Popen, seconds: float) -> None:
    """`process.wait(timeout=seconds)`, back the moment the process ends. Popen's own wait with
    a timeout polls, sleeping twice as long each time (up to 50 ms): a warm worker that took
    9 ms to end its namespaces was seen ended at 15 ms, and a 17 ms one at 31, after every
    `grader check`'s last job. Its pidfd says when (`spawn.await_end`); elsewhere, Popen's
    wait."""
    if process.returncode is not None:
        return  # reaped already (its pid may be another process's by now)
    if not await_end(process.pid, seconds):  # no pidfd here
        process.wait(timeout=seconds)
        return
    process.wait(timeout=0)  # ended (reaped now), or TimeoutExpired as Popen.wait says


def kill_group(pid: int) -> None:
    """SIGKILL to the process group `pid` leads, and to `pid` itself (if it left its group)."""
    for kill in (os.killpg, os.kill):
        try:
            kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def descendants(pid: int) -> list[int]:
    """The processes below `pid`, children first (Linux; none elsewhere)."""
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        try:
            tasks = os.listdir(f"/proc/{parent}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{parent}/task/{task}/children") as f:
                    children = [int(p) for p in f.read().split()]
            except (OSError, ValueError):
                continue
            found += children
            todo += children
    return found


def _describe_status(status: dict, memory: int | None = None) -> str:
    if status.get("oom") and memory:
        return (f"your code's processes together used more than the {memory / 2**30:g} GiB of "
                f"memory a job may have, and the system ended them")
    if status.get("lost"):
        return "the process running your code was killed, together with the grader's worker"
    if "signal" in status:
        number = status["signal"]
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = f"signal {number}"
        return f"your code's process was killed by {name}"
    if status.get("exit") == BROKEN_EXIT:
        return ("your code's process broke down: your code changed something the grader needs "
                "in it (a builtin, sys, or the grader's own module)")
    return f"your code's process exited with code {status.get('exit')} before it finished"
