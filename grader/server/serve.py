"""The warm grader's server: the grader loaded once (numpy, the bank, the templates) and warm
workers started ahead, answering each `grader check` handed over by `client` in a fork of
itself, exactly as a cold run would answer it.

A call is taken only from a process of the same user (SO_PEERCRED) in the same mount
namespace: a student's job in namespaces of its own, though it runs as the same user, cannot
use the server to reach what its namespaces hide. Each call is answered by a fork of the
server (`Answerer`, `_answer`) that takes the caller's working folder, environment, stdout and
stderr and runs `cli.main`: the fork keeps nothing between calls, and student code still runs
in a fresh forked job per exercise in the warm workers, with the isolation they always have
(`sandbox.isolation`). Once a call is answered, never while it runs, the server prepares the
next: new warm workers, forks of a warm "mother" worker it keeps (`warm.Mother`: a clean
interpreter with numpy that runs no job, so that a call costs no interpreter's start, before
or after it), and the fork that will answer, which waits with them for the call. A call then
costs the server a message, and the caller has its exit code before its workers end
(`grader.afterwards`).

Started by `client.spawn` as: python -c BOOT <package parent> <runtime folder> <bank> <fd>;
it writes "R" on <fd> once it listens. It ends after `client.IDLE_SECONDS` without a call,
when a call's key differs or a file of the grader or the bank changed since it started
(`watched`: it answers "stale" and steps down), or when told "stop".
"""
from __future__ import annotations

import fcntl
import io
import json
import os
import select
import signal
import socket
import sys
import threading
import time

from . import client
from .watched import Watched

FD_COUNT = len(client.FDS)


def main(folder: str, bank: str, ready_fd: str) -> None:
    """Serve until idle, stale or stopped; `ready_fd` hears "R" once the socket listens."""
    path = client.socket_path(folder)
    alive = os.open(path + ".lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(alive, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return  # another server for this grader is running
    # before loading: a file changed meanwhile makes it stale
    watched = Watched((client.PACKAGE, bank))
    expected = client.key(bank)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # as `cli.main` does
    from ..grading.sandbox import isolation, warm

    # the server reaps whatever its calls leave (the warm workers forked twice among them), so
    # that their CPU is counted as the server's children's (benchmarks/bench_check.py)
    isolation.become_subreaper()

    mother = warm.Mother()  # its start overlaps the loading below
    pool = mother.workers(warm.usable_cores())  # forked once it is warm
    _load(bank)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    if os.path.lexists(path):
        os.unlink(path)  # a server killed outright left it: the lock says none is alive
    old = os.umask(0o177)
    try:
        listener.bind(path)
    finally:
        os.umask(old)
    listener.listen(16)
    Server(listener, path, expected, watched, pool, alive, mother).serve(ready_fd=int(ready_fd))


def _load(bank: str) -> None:
    """Everything a call may import or read, loaded now: a call then loads nothing (and a
    student's job that rewrote a module of the grader changes no later call: see
    `grader.preload`). The bank's specs are read once; the server is replaced when they
    change (`watched`)."""
    import functools
    from pathlib import Path

    import numpy.random  # noqa: F401  (the inputs' generator: imported once, not per call)

    from .. import cli, preload  # noqa: F401
    from ..commands import arguments, check  # noqa: F401
    from ..bank import catalogue
    from ..grading import engine  # noqa: F401
    from ..platforms import formats
    from ..render import html, json_report, terminal  # noqa: F401

    catalogue.exercise = functools.lru_cache(maxsize=None)(catalogue.exercise)
    arguments.parser = functools.lru_cache(maxsize=None)(arguments.parser)  # parsing keeps
    # nothing in it, and building it is a call's 5 ms
    specs = catalogue.load_bank(Path(bank))
    from ..grading.sandbox.client import Limits, student_user

    student_user(Limits())  # the jobs' user looked up once, not in every call
    preload.grading(specs)
    preload.outputs(json=True, html=True, formats=formats.NAMES)
    arguments.parser(arguments.named_first(["check"]))  # as `cli.main` builds it for a call


class Server:
    def __init__(self, listener: socket.socket, path: str, key: str, watched: Watched,
                 pool: list, alive: int, mother):
        self.listener, self.path = listener, path
        self.key, self.watched = key, watched
        """what a call's key must be (`client.key`), and the files that must not change"""
        self.mother = mother
        """the warm worker that forks the next calls' (`warm.Mother`)"""
        self.alive = alive
        """the lock this server holds while it takes calls (one server per socket)"""
        self.calls: set[int] = set()
        """the pids of the forks answering calls"""
        self.answerer: Answerer | None = Answerer(pool, listener, mother)
        """the next call's process, forked ahead with its warm workers"""
        self.handing_back: list[socket.socket] = []
        """the answerers' ends of calls under way, which hand back the workers they do not use"""
        self.spare: list = []
        """workers a call handed back, unused: the next call's first"""
        self.pinged: list[socket.socket] = []
        """connections waiting for the warm workers (`client.ask(path, "ping")`)"""
        self.last = time.monotonic()
        self.running = True

    def serve(self, ready_fd: int) -> None:
        wake_r, wake_w = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)
        signal.set_wakeup_fd(wake_w)
        signal.signal(signal.SIGCHLD, lambda *_: None)  # wakes the loop (set_wakeup_fd)
        signal.signal(signal.SIGTERM, lambda *_: self.stop())
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        os.write(ready_fd, b"R")
        os.close(ready_fd)
        try:
            while self.running:
                idle = client.IDLE_SECONDS - (time.monotonic() - self.last)
                if idle <= 0 and not self.calls:
                    break
                readable = select.select([self.listener, wake_r], [], [], max(idle, 1.0))[0]
                if wake_r in readable:
                    while True:
                        try:
                            if not os.read(wake_r, 512):
                                break
                        except BlockingIOError:
                            break
                self._reap()
                if self.listener in readable:
                    self._accept()
        finally:
            self.stop()
            self.watched.close()
            if self.answerer is not None:  # it ends its warm workers, and itself
                self.answerer.discard()
            from ..grading.sandbox import warm

            warm.discard(self.spare)
            for go in self.handing_back:
                go.close()
            self.mother.close()
            from ..grading import scratch

            scratch.remove_run_folders()

    def stop(self) -> None:
        """Stop taking calls: the socket goes (if it is still this server's), the calls under
        way finish in their forks."""
        self.running = False
        try:
            if os.stat(self.path).st_ino == os.fstat(self.listener.fileno()).st_ino:
                os.unlink(self.path)
        except (OSError, ValueError):
            pass
        self.listener.close()
        if self.alive is not None:  # the next server may start at once
            os.close(self.alive)
            self.alive = None

    def _reap(self) -> None:
        while True:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            self.calls.discard(pid)
            if self.answerer is not None and pid == self.answerer.pid:  # died waiting
                self.answerer.discard()
                self.answerer = None
        for go in list(self.handing_back):
            self._take_back(go)
        if not self.calls and self.answerer is None and self.running:
            # the next call's process and workers, once no call holds the cores
            self.answerer = Answerer(self._fresh_workers(), self.listener, self.mother)
        if self.answerer is not None:
            for sock in self.pinged:
                with sock:
                    _send(sock, str(os.getpid()).encode())
            self.pinged = []

    def _accept(self) -> None:
        try:
            conn, _ = self.listener.accept()
        except OSError:
            return
        if not same_user(conn):
            conn.close()
            return
        self.last = time.monotonic()
        try:
            data, ancillary, flags, _ = conn.recvmsg(client.MAX_REQUEST,
                                                     socket.CMSG_SPACE(4 * FD_COUNT))
        except OSError:
            conn.close()
            return
        fds = _fds(ancillary)
        request = None
        if not flags & (socket.MSG_TRUNC | socket.MSG_CTRUNC):
            try:  # a call (`client.encode`), or a word from `client.ask`
                request = json.loads(data) if data.startswith(b"{") else client.decode(data)
            except (ValueError, UnicodeError):
                pass
        if not isinstance(request, dict):
            return _close(conn, fds)
        if request.get("stop"):
            _send(conn, b"stopping")
            self.stop()
            return _close(conn, fds)
        if request.get("ping"):
            self.pinged.append(conn)
            self._reap()
            return _close(None, fds)
        if request.get("key") != self.key or self.watched.changed():
            self.stop()  # before the answer: the caller starts the next server at once
            _send(conn, b"stale")
            return _close(conn, fds)
        if len(fds) != FD_COUNT:
            return _close(conn, fds)
        answerer, self.answerer = self.answerer, None
        if answerer is None or not answerer.take(data, conn, fds):
            # none ready (a call under way holds the workers): a fork now, which starts its own
            answerer = Answerer([], self.listener, self.mother)
            answerer.take(data, conn, fds)
        self.calls.add(answerer.pid)
        self.handing_back.append(answerer.go)
        _close(conn, fds)

    def _take_back(self, go: socket.socket) -> None:
        """The workers a call handed back so far (`_hand_back`), kept for the next; its end
        closed once the call's process has ended."""
        from ..grading.sandbox import warm

        while True:
            try:
                data, fds, _, _ = socket.recv_fds(go, 4096, 1, socket.MSG_DONTWAIT)
            except BlockingIOError:
                return
            except OSError:
                data, fds = b"", []
            if data and len(fds) == 1:
                self.spare.append(warm.Started(os.fsdecode(data), (None, socket.socket(
                    fileno=fds[0]))))
                continue
            for fd in fds:
                os.close(fd)
            if not data:
                go.close()
                self.handing_back.remove(go)
                return

    def _fresh_workers(self) -> list:
        """Warm workers for the next call, forked by the mother (a new mother if it died)."""
        from ..grading.sandbox import warm

        spare, self.spare = self.spare, []
        count = warm.usable_cores() - len(spare)
        if count <= 0:
            return spare
        try:
            if not self.mother.alive():
                self.mother.close()
                self.mother = warm.Mother()
            return spare + self.mother.workers(count)
        except OSError:
            return spare + warm.start_workers(count)


class Answerer:
    """The process that answers the next call, forked ahead of it with the call's warm workers
    (`_await_call`): when the call comes, the server hands it the connection, the caller's
    stdout and stderr and the call itself, and forks nothing meanwhile. Each answers one call,
    in a fork of the server that keeps nothing between calls."""

    def __init__(self, pool: list, listener: socket.socket, mother):
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.pid = os.fork()
        if self.pid == 0:  # pragma: no cover (the answerer)
            ours.close()
            _await_call(theirs, pool, listener, mother)
        theirs.close()
        for one in pool:  # the answerer owns them now
            one.worker[1].close()
        self.go = ours

    def take(self, data: bytes, conn: socket.socket, fds: list[int]) -> bool:
        """Hand the call over; False if the answerer is gone (or the call too long to pass).
        Taken, it hands back on `go` the workers it does not use (`Server._take_back`)."""
        try:
            socket.send_fds(self.go, [data], [conn.fileno(), *fds])
            return True
        except OSError:
            self.go.close()
            return False

    def discard(self) -> None:
        """No call for it: it ends its warm workers, and itself (the server reaps it)."""
        self.go.close()


def same_user(conn: socket.socket) -> bool:
    """Whether the caller is this user's, in this mount namespace (not a job in a sandbox)."""
    try:
        pid, uid, _ = client.peer(conn)
        if uid != os.getuid() or pid <= 0:
            return False
        return os.readlink(f"/proc/{pid}/ns/mnt") == os.readlink("/proc/self/ns/mnt")
    except OSError:
        return False


def _fds(ancillary) -> list[int]:
    fds = []
    for level, kind, data in ancillary:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            usable = len(data) - len(data) % 4
            fds += [int.from_bytes(data[i:i + 4], sys.byteorder, signed=True)
                    for i in range(0, usable, 4)]
    return fds


def _send(sock: socket.socket, data: bytes) -> None:
    try:
        sock.send(data)
    except OSError:
        pass


def _close(conn, fds) -> None:
    for fd in fds:
        os.close(fd)
    if conn is not None:
        conn.close()


class Adopted:
    """A warm worker the server started, as the fork answering a call sees it: not its child,
    so it cannot wait for it; it is gone once it is a zombie (the server reaps it). What
    `sandbox.client.Worker` asks of a `subprocess.Popen`."""

    def __init__(self, pid: int):
        self.pid, self.returncode = pid, None

    def poll(self):
        try:
            with open(f"/proc/{self.pid}/stat", "rb") as f:
                state = f.read().rsplit(b")", 1)[1].split()[0]
        except (OSError, IndexError):
            state = b"X"
        if state in (b"Z", b"X"):
            self.returncode = 0
        return self.returncode

    def wait(self, timeout: float | None = None):
        import subprocess

        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired("warm worker", timeout)
            time.sleep(0.002)
        return self.returncode

    def kill(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def _await_call(go: socket.socket, pool: list, listener, mother) -> None:
    """The answerer (`Answerer`), forked before its call: what no call changes is done now
    (the server's sockets closed, signals as a command has them, the workers adopted); then
    it waits on `go` for the call, answers it (`_answer`) and ends. No call (the server
    ends): its workers end, and it does."""
    code = 1
    try:
        listener.close()
        mother.forget()  # the server's: no call's
        signal.set_wakeup_fd(-1)
        for name in (signal.SIGCHLD, signal.SIGTERM):
            signal.signal(name, signal.SIG_DFL)
        from .. import afterwards, launch
        from ..cli import main
        from ..grading import scratch
        from ..grading.sandbox import warm

        scratch.forked()
        scratch.run_folder()  # its working copies' folder, made now (TMPDIR is in the key)
        for one in pool:
            process, sock = one.worker
            if process is not None:
                one.worker = (Adopted(process.pid), sock)
        _copied_ahead()
        try:
            data, fds, _, _ = socket.recv_fds(go, client.MAX_REQUEST, 1 + FD_COUNT)
        except OSError:
            data, fds = b"", []
        request = client.decode(data) if data else None
        if request is None or len(fds) != 1 + FD_COUNT:
            for fd in fds:
                os.close(fd)
            warm.discard(pool)
            scratch.remove_run_folders()
            os._exit(0)
        warm.spare_to = lambda started: _hand_back(go, started)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, launch._terminated)
        code = _answer(socket.socket(fileno=fds[0]), fds[1:], request, pool, main, afterwards,
                       scratch)
    except BaseException:
        import traceback

        traceback.print_exc(file=sys.__stderr__)  # server.log; the caller then grades cold
    os._exit(code)


def _copied_ahead() -> None:
    """The server's pages that a call writes to, copied into this fork before the call comes:
    Python writes to every object it uses (its reference count), and the kernel copies a page
    shared with the server at its first write, 1,670 of them in a call to `--only 219` (a
    page fault each). Going once over every object the collector knows copies 2,650 pages
    while the fork waits, and leaves a call 830: 0.95 times a call's time (40 pairs)."""
    import gc

    for _ in gc.get_objects():
        pass


def _hand_back(go: socket.socket, started: list) -> None:
    """Workers this call will not use, none of them handed a job, back to the server for the
    next call (each as its folder, with its socket); one that was started otherwise than the
    server's (this call's own, a child of this process) or cannot be handed back ends."""
    from ..grading.sandbox import warm

    for one in started:
        process, sock = one.worker
        try:
            if process is not None or one.isolation != "auto":
                raise OSError("not the server's")
            socket.send_fds(go, [os.fsencode(one.home)], [sock.fileno()])
            sock.close()
        except OSError:
            warm.discard([one])


def _answer(conn, fds, request, pool, main, afterwards, scratch) -> int:
    """One call answered as `launch.entry` would answer it in the caller's place: its folder,
    environment, stdout and stderr; Ctrl-C in the caller (a "cancel", or the caller gone) is a
    Ctrl-C here. Its exit code (sent once the report is out; its workers end after)."""
    _streams(fds, request.get("encodings") or [None, None], request["env"])
    os.environ.clear()
    os.environ.update(request["env"])
    os.chdir(request["cwd"])
    conn.send(b"started")
    threading.Thread(target=_cancel_on_word, args=(conn,), daemon=True).start()
    afterwards.deferring()
    try:
        try:
            code = main(list(request["argv"]), pool)
        except KeyboardInterrupt:
            print("grader: interrupted", file=sys.stderr)
            code = client.EXIT_INTERRUPTED
        except SystemExit as e:  # argparse's usage error or --help, said already
            code = _exit_status(e)
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the caller leaves once it has the code
        _send(conn, b"code %d" % code)
    finally:  # the answer is out: the warm workers end, the working copies go
        try:
            afterwards.run_deferred()
        finally:
            scratch.remove_run_folders()
    return code


def _exit_status(e: SystemExit) -> int:
    """The status a process exits with on SystemExit `e`, as Python gives it (a message, not a
    number, is said on stderr first)."""
    if e.code is None:
        return 0
    if isinstance(e.code, int):
        return e.code & 0xFF
    print(e.code, file=sys.stderr)
    return 1


def _streams(fds: list[int], encodings: list, env: dict) -> None:
    """The caller's stdout and stderr as this process's, buffered as Python buffers them for
    that caller (a terminal: by line), in its encoding, with `launch.entry`'s error handler."""
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    for fd, target in zip(fds, client.FDS):
        os.dup2(fd, target)
        os.close(fd)
    unbuffered = bool(env.get("PYTHONUNBUFFERED"))
    made = []
    for target, encoding in zip(client.FDS, encodings):
        raw = io.FileIO(target, "w", closefd=False)
        made.append(io.TextIOWrapper(
            raw if unbuffered else io.BufferedWriter(raw), encoding=encoding or "utf-8",
            errors="backslashreplace", line_buffering=target == 2 or os.isatty(target),
            write_through=unbuffered))
    sys.stdout, sys.stderr = made


def _cancel_on_word(conn) -> None:
    """Any word from the caller, or its end, while the call runs: Ctrl-C in the main thread."""
    try:
        conn.recv(64)
    except OSError:
        pass
    signal.pthread_kill(threading.main_thread().ident, signal.SIGINT)
