"""The warm worker: a clean interpreter with numpy loaded that forks one process per job.

It never runs student code itself and never sees an expected value: the grader sends it the
path of a job file (what to load, what to run, inputs) and the write end of a result pipe; the
forked process reads the job, limits itself, runs it (`child.main`) and exits. Each job's
process is forked before its job comes, once the job before it has ended, and enters its
session, cgroup and namespaces then (`_Prepared`): joining a cgroup waits for the kernel (about
20 ms here), which a job handed over no longer waits for. The zygote reports the pid, then the
exit status, so the grader can time the job, kill its process group, and tell a crash from a
finish. It does as little as it can between two forks: every page it writes meanwhile is one
more the kernel copies (the job shares them all until it ends).

Started by `spawn.start_worker` as: python -I -S -c <bootstrap> <socket fd> <package> <settings>
[<socket fd>…]; each further socket is served by a sibling forked once this zygote is warm (see
`_sibling`). <settings> is JSON: the isolation asked for (`none` or not), each socket's sandbox
folder, and the grader process that owns the worker; `"mother": true` makes it a mother
(`_mother`), which serves no job but forks a new warm worker for each socket sent to it.
Before it serves, a worker enters the namespaces and cgroup of `isolation` where the kernel
allows, and says on its socket what its jobs run in (`{"isolation": …}`).
"""
from __future__ import annotations

import gc
import json
import os
import resource
import select
import signal
import socket
import stat
import sys
import time

import _signal
import importlib

try:
    import numpy  # noqa: F401  (warm: every forked job finds numpy already imported)
except ImportError:  # found through a .pth file's finder, which -S skipped (see `spawn.site_path`)
    import site

    site.main()
    import numpy  # noqa: F401

from . import child, isolation, training  # noqa: F401
from . import PACKAGE_PARENT

# Imported here, once, so that forked jobs find them loaded: faster, and still importable when the
# job runs as an unprivileged user who cannot read the interpreter's files (under /root, say).
# A worker for a few jobs (`grader check --only`: settings' "preload": false) leaves them, and
# the digits a network trains on (10 ms), to the jobs that use them where the job's user can
# read them (`_readable_by_jobs`): its first job no longer waits for what it may never use
# (numpy.testing alone is 30 ms).
PRELOAD = (
    "numpy.random", "numpy.linalg", "numpy.fft", "numpy.polynomial", "numpy.ma",
    "numpy.lib.stride_tricks", "numpy.lib.format", "numpy.testing",
    "abc", "argparse", "array", "ast", "base64", "bisect", "calendar", "cmath", "codecs",
    "collections", "collections.abc", "contextlib", "copy", "csv", "dataclasses", "datetime",
    "decimal", "enum", "fractions", "functools", "gc", "glob", "gzip", "hashlib", "heapq",
    "inspect", "io", "itertools", "json", "logging", "math", "numbers", "operator", "pathlib",
    "pickle", "pkgutil", "platform", "pprint", "queue", "random", "re", "runpy", "secrets",
    "shutil", "signal", "importlib.util", "importlib.machinery", "zipimport",
    "statistics", "string", "struct", "subprocess", "tempfile", "textwrap", "threading", "time",
    "timeit", "traceback", "types", "typing", "unicodedata", "uuid", "warnings", "weakref",
    "zipfile", "zlib", "encodings.cp437",
    # the book's dataset/mnist.py, in every submission laid out as the book is
    "urllib.request",
)

MAX_FD = 1024


def _limit(job: dict, worker: isolation.Worker) -> None:
    """The job's rlimits. Its processes are counted by its cgroup where there is one; else by
    RLIMIT_NPROC, which counts a user's processes: as `nobody` (all the run's jobs together),
    or in the worker's user namespace (that worker's alone: the job, its init, the worker)."""
    limits = job["limits"]
    processes = limits["processes"]
    if worker.cgroup is not None or not (limits.get("user") or worker.user_namespace):
        processes = None
    elif worker.user_namespace:
        processes += 3  # the worker, the process that waits for it, the job's init
    for name, value in (("RLIMIT_AS", limits["memory"]), ("RLIMIT_CPU", limits["cpu"]),
                        ("RLIMIT_FSIZE", limits["file_size"]), ("RLIMIT_CORE", 0),
                        ("RLIMIT_NPROC", processes)):
        if value is not None:
            resource.setrlimit(getattr(resource, name), (value, value))


def _drop_privileges(job: dict) -> None:
    """Run as the unprivileged user the grader chose (when it runs as root): the student's code
    then cannot touch the grader's files or processes, and RLIMIT_NPROC holds."""
    user = job["limits"].get("user")
    if user:
        uid, gid = user
        os.setgroups([])
        os.setgid(gid)
        os.setuid(uid)


def _redirect(job: dict, result_fd: int) -> int:
    """stdin from /dev/null, stdout and stderr to the job's files; every other fd closed. The
    Python streams on fds 0, 1 and 2 are the zygote's (see `_standard_streams`)."""
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    for fd, path in ((1, job["stdout"]), (2, job["stderr"])):
        target = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(target, fd)
        os.close(target)
    os.close(null)
    keep = os.dup2(result_fd, 3) if result_fd != 3 else 3
    os.closerange(4, MAX_FD)
    return keep


def _site_builtins() -> None:
    """exit(), quit(), help() and the like, which `site` adds and a student may call: the
    worker starts without it (-S, see `spawn.site_path`)."""
    import builtins
    import site

    if not hasattr(builtins, "exit"):
        site.setquit()
        site.setcopyright()
        site.sethelper()


def _standard_streams() -> None:
    """sys.stdin, stdout and stderr as every job needs them (UTF-8, a bad character replaced,
    line by line), made once here rather than in each job: a job points fds 0, 1 and 2 at its
    own files, and these objects, never written here, write there."""
    sys.stdin = open(0, "r", closefd=False)
    sys.stdout = open(1, "w", encoding="utf-8", errors="replace", buffering=1, closefd=False)
    sys.stderr = open(2, "w", encoding="utf-8", errors="replace", buffering=1, closefd=False)


def _prepared_child(go: socket.socket, worker: isolation.Worker) -> None:
    """A job's process, forked before its job is known (see `serve`): what no job changes is
    done now (its session, its signals, its cgroup and namespaces: joining a cgroup waits for
    the kernel, about 20 ms here); then it waits on `go` for the job's file and the result
    pipe, and runs the job (`_run_job`). The worker gone, or a step that failed, and it ends
    (70: a broken job)."""
    code = 0
    try:
        os.setsid()  # its own process group: the grader ends everything it starts at once
        # _signal, not signal: its wrapper converts every result to an enum, in every job
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGPIPE, signal.SIGCHLD):
            _signal.signal(sig, _signal.SIG_DFL)
        _signal.signal(signal.SIGXFSZ, _signal.SIG_IGN)  # too much output: an error, not a kill
        worker.enter_job()  # its cgroup and namespaces
        _every_job_imports()
        message, fds, _, _ = socket.recv_fds(go, 65536, 1)
        go.close()
        if not message or len(fds) != 1:
            raise EOFError("the worker is gone")
        _run_job(message, fds[0], worker)
    except BaseException:
        code = 70  # client.BROKEN_EXIT: the job's machinery failed (the student broke it)
    finally:
        os._exit(code)


EVERY_JOB = ("numpy.random",)
"""what every job imports (`child._seeded` seeds numpy's generator before each check): a worker
of a few jobs, which preloads nothing (see PRELOAD), has its job's process import them while it
waits for its job, not once the job has come (numpy.random is 7 ms of the first check)"""


def _every_job_imports() -> None:
    for name in EVERY_JOB:
        if name not in sys.modules:
            importlib.import_module(name)


def _run_job(job_file: bytes, result_fd: int, worker: isolation.Worker) -> None:
    """In a job's process that has entered its cgroup and namespaces: the job, to its end."""
    with open(job_file, "rb") as f:  # read here: the zygote never holds a job's data
        job = json.loads(f.read())
    fd = _redirect(job, result_fd)
    os.chdir(job["workdir"])
    sys.path.insert(0, job["workdir"])
    os.environ["HOME"] = os.environ["TMPDIR"] = job["workdir"]
    _limit(job, worker)
    worker.lock_down()
    _drop_privileges(job)
    worker.drop_capabilities()
    child.main(job, fd)


class _Prepared:
    """The next job's process, forked ahead (`_prepared_child`): its pid, its namespace's init,
    and the worker's end of the socket it waits on."""

    def __init__(self, worker: isolation.Worker, sock: socket.socket):
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)

        def run():
            sock.close()
            ours.close()
            _prepared_child(theirs, worker)

        try:
            try:
                self.pid, self.init = worker.start_job(run)
            except OSError as e:  # a namespace refused now: this worker's jobs run as processes
                worker.level, worker.why = isolation.PROCESS, e.strerror or str(e)
                self.pid, self.init = worker.start_job(run)
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()
        self.go = ours
        self.cgroup = worker.cgroup
        """the cgroup it joined (a cgroup that refuses its limits is dropped: see `serve`)"""

    def start(self, job_file: bytes, result_fd: int) -> bool:
        """Hand it its job; False if it is gone (it failed, or was killed meanwhile)."""
        try:
            socket.send_fds(self.go, [job_file], [result_fd])
            return True
        except OSError:
            return False
        finally:
            self.go.close()

    def discard(self, worker: isolation.Worker) -> None:
        """End it unused (its worker ends, or its cgroup was dropped)."""
        self.go.close()
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass
        worker.end_job(self.init)


def serve(sock: socket.socket, worker: isolation.Worker) -> None:
    """Take jobs until the grader closes the socket. Each job's process is forked before its
    job comes (`_Prepared`), once the one before it has ended: a fresh fork of this image, as
    ever, that has already entered its cgroup and namespaces when the job is handed to it;
    after a job the grader says is its last (`"last"`), none is forked until one comes."""
    prepared, ahead = None, True
    try:
        while True:
            if prepared is None and ahead:
                prepared = _Prepared(worker, sock)
            try:
                message, fds, _, _ = socket.recv_fds(sock, 65536, 1)
            except OSError:
                return
            if not message:
                return  # the grader closed the socket
            os.set_inheritable(fds[0], False)  # the job's own copy is made by dup2; no init's
            job_file, _, asked = message.partition(b"\0")  # the job's file, its cgroup's limits
            limits = json.loads(asked) if asked else {}
            # the grader's last job before it closes: no process is forked ahead after it
            ahead = not limits.pop("last", False)
            _cgroup_limits(worker, limits)
            if prepared is not None and prepared.cgroup is not worker.cgroup:  # dropped: anew
                prepared.discard(worker)
                prepared = None
            if prepared is None:  # forked now (the job before was said to be the last)
                prepared = _Prepared(worker, sock)
            job_process, prepared = prepared, None
            pid, init = job_process.pid, job_process.init
            job_process.start(job_file, fds[0])  # gone: it is reaped below as it ended
            os.close(fds[0])
            job = _pidfd(pid)
            said = b'{"pid": %d, "isolated": %s}' % (
                pid, b"true" if worker.level == isolation.NAMESPACES else b"false")
            if worker.separate and job is not None:  # its pid is not the grader's: a pidfd is
                socket.send_fds(sock, [said], [job])
            else:
                sock.send(said)
            ooms = worker.cgroup.ooms() if worker.cgroup is not None else 0
            status = _await_job(pid, job, sock)
            worker.end_job(init)
            if os.WIFSIGNALED(status):
                report = b'{"signal": %d' % os.WTERMSIG(status)
            else:
                report = b'{"exit": %d' % os.WEXITSTATUS(status)
            if worker.cgroup is not None and worker.cgroup.ooms() > ooms:
                report += b', "oom": true'
            sock.send(report + b', "leftovers": %d}' % _sweep())
    finally:
        if prepared is not None:
            prepared.discard(worker)


def _cgroup_limits(worker: isolation.Worker, limits: dict) -> None:
    """The memory and processes a job may have in all, set on the worker's cgroup (only when
    they change); a cgroup that refuses them is not used."""
    if worker.cgroup is None or not limits:
        return
    try:
        worker.cgroup.limit(limits.get("memory"), limits.get("processes"))
    except OSError as e:
        worker.cgroup, worker.cgroup_why = None, f"the cgroup's limits: {e.strerror or e}"


def _pidfd(pid: int) -> int | None:
    try:
        return os.pidfd_open(pid)
    except (AttributeError, OSError):  # before Linux 5.3: the grader's end is not watched
        return None


def _await_job(pid: int, job: int | None, sock: socket.socket) -> int:
    """The job's exit status; if the grader goes meanwhile (its end of the socket closes: killed
    outright, say), the job and whatever it started end at once, and so does this worker: a job
    never outlives the grader that started it. (The grader sends nothing while a job runs, so
    the socket becomes readable only at its end.)"""
    if job is None:
        return os.waitpid(pid, 0)[1]
    try:
        while not select.select([job, sock], [], [])[0].count(job):
            try:
                if sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT):
                    return os.waitpid(pid, 0)[1]  # not the protocol: wait for the job alone
            except BlockingIOError:
                continue
            except OSError:
                pass
            _abandon(pid)
        return os.waitpid(pid, 0)[1]
    finally:
        os.close(job)


def _abandon(pid: int) -> None:
    """The grader is gone: end the job's group, the job, whatever it left, then this worker."""
    for kill in (os.killpg, os.kill):
        try:
            kill(pid, signal.SIGKILL)
        except OSError:
            pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    _sweep()
    os._exit(0)


def _children() -> list[int]:
    pids = []
    for task in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{task}/children") as f:
                pids += [int(p) for p in f.read().split()]
        except OSError:
            pass
    return pids


def _sweep() -> int:
    """End every process the job left behind. As the subreaper, the zygote inherits whatever the
    job started, detached or not, when its parent ends; so all its children are leftovers."""
    ended = 0
    for _ in range(200):
        pids = _children()
        if not pids:
            break
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        ended += len(pids)
        deadline = time.monotonic() + 0.5
        while time.monotonic() < deadline:
            try:
                reaped, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if reaped == 0:
                time.sleep(0.001)
                if not _children():
                    break
    return ended


def _preload() -> None:
    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except ImportError:
            pass


def _readable_by_jobs() -> bool:
    """Whether a job can import from every folder Python imports from: always as the grader's
    own user; as root's `nobody`, when each folder and its parents are open to others (in a
    worker's tree, the parents of the folders bound into it are its own, open to all)."""
    if os.geteuid() != 0:
        return True
    for folder in sys.path:
        folder = os.path.abspath(folder or ".")
        if not os.path.isdir(folder):
            continue
        if not os.stat(folder).st_mode & stat.S_IROTH:
            return False
        while True:
            if not os.stat(folder).st_mode & stat.S_IXOTH:
                return False
            parent = os.path.dirname(folder)
            if parent == folder:
                break
            folder = parent
    return True


def main(fd: int, siblings: tuple[int, ...] = (), settings: str = "{}") -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the grader's to handle
    given = json.loads(settings)
    homes = given.get("homes") or [os.getcwd()] * (1 + len(siblings))
    os.chdir(homes[0])  # started in the grader's folder (`spawn.spawned`)
    if given.get("preload", True):
        _preload()  # before its siblings are forked: theirs too
        training.load_digits()
    else:  # a worker of a few jobs: only read, made into arrays by a job that trains
        training.read_digits()
    _standard_streams()
    _site_builtins()
    # What is loaded now is never collected: a job's collections skip it, and the pages it lives
    # on stay shared with the job's process instead of being copied on write. The collector,
    # paused while it loaded (`spawn.BOOTSTRAP`), runs again for what comes after.
    gc.freeze()
    gc.enable()
    if given.get("mother"):
        _mother(fd, given)
    for other, home in zip(siblings, homes[1:]):
        if _wanted(other):
            _sibling(other, (fd, *siblings), home, given)
    for other in siblings:
        os.close(other)  # the grader learns a sibling is gone when its socket closes
    _serve_as_worker(fd, homes[0], given)


def _serve_as_worker(fd: int, home: str, given: dict) -> None:
    isolation.become_subreaper()  # its jobs' leftovers come back to it (`_sweep`)
    os.set_inheritable(fd, False)  # no job's init holds the grader's socket
    owner = given.get("owner") or (os.getppid(), 0)
    worker = isolation.enter_worker(home, PACKAGE_PARENT, tuple(owner),
                                    wanted=given.get("isolation") != "none",
                                    shared=given.get("shared") or ())
    if not given.get("preload", True) and not _readable_by_jobs():  # seen from its jobs' tree
        _preload()
        training.load_digits()
        gc.freeze()
    sock = socket.socket(fileno=fd)
    try:
        sock.send(json.dumps({"isolation": worker.report()}).encode())
        serve(sock, worker)
    finally:
        if worker.cgroup is not None:
            worker.cgroup.remove()
    os._exit(0)  # nothing to flush: no interpreter teardown, which the grader would wait for


def _mother(fd: int, given: dict) -> None:
    """Never run a job: for each socket the grader sends (with its folder and isolation, as
    JSON), fork a new warm worker on it (`_sibling`), a copy of this image that no job has
    touched. The warm grader (grader/server) keeps one, so that the workers of its next call
    cost a fork each instead of an interpreter's start. Ends when the grader closes its end."""
    os.set_inheritable(fd, False)
    sock = socket.socket(fileno=fd)
    while True:
        try:
            message, fds, _, _ = socket.recv_fds(sock, 65536, 1)
        except OSError:
            break
        if not message:
            break
        try:
            asked = json.loads(message)
            for worker_fd in fds:  # a sibling closes the mother's socket: it has its own
                _sibling(worker_fd, (worker_fd, fd), asked["home"], {**given, **asked})
        except (ValueError, KeyError, TypeError, OSError):
            pass  # not the grader's word: no worker (the grader sees its socket close)
        finally:
            for worker_fd in fds:
                os.close(worker_fd)
    os._exit(0)


def _wanted(fd: int) -> bool:
    """Whether the grader still wants the sibling of socket `fd`: it closes its end of one it
    does not need (`warm.discard`: `grader check --only 219` needs one worker), most often
    before this one is warm; forking that sibling anyway would cost two forks before this
    worker serves its first job."""
    sock = socket.socket(fileno=fd)
    try:
        return sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) != b""
    except BlockingIOError:
        return True  # open, and nothing said yet
    except OSError:
        return False
    finally:
        sock.detach()


def _sibling(fd: int, sockets: tuple[int, ...], home: str, given: dict) -> None:
    """Fork a warm worker for another sandbox of the grader, on socket `fd`: a copy of this one,
    warm already, for the price of a fork instead of an interpreter's start. It is forked twice,
    so that it is not this zygote's child (whose children are all swept as a job's leftovers),
    and leads a session of its own; it says its pid on its socket, the grader's only way to it."""
    first = os.fork()
    if first:
        os.waitpid(first, 0)
        return
    code = 0
    try:
        if os.fork() == 0:
            os.setsid()
            for other in sockets:
                if other != fd:
                    os.close(other)
            os.chdir(home)
            sock = socket.socket(fileno=fd)
            sock.send(b'{"worker": %d}' % os.getpid())
            sock.detach()
            _serve_as_worker(fd, home, given)
    except BaseException:
        code = 70
    finally:
        os._exit(code)
