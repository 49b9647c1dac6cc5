"""Starting a warm worker: a new interpreter (`python -I`) running `zygote`, with the socket the
grader talks to it on and an allow-listed environment.

Only `os` and builtin modules: `grader check` starts its first worker with this before the rest
of the grader loads (see `grading.warm`), and every millisecond of imports here is one more
before that worker starts (socket, subprocess, json, functools and what they import were 15
ms); `client.Sandbox` starts them with it too. The worker is started with `os.posix_spawn` and
watched through `Spawned`, which does what the grader asks of a `subprocess.Popen`.
"""
from __future__ import annotations

import _signal
import _socket
import _thread
import os
import sys
from _json import encode_basestring_ascii

from . import PACKAGE_PARENT
from .pids import started

ENV_ALLOWED = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
SHARE = "GRADER_SANDBOX_SHARE"
"""folders (absolute, separated by os.pathsep) that every job may read and write although its
namespaces would hide them: for tests that watch jobs through files, or data a course gives
every job; each is named in the isolation's report (see `isolation`)"""
BOOTSTRAP = ("import gc, sys, json; gc.disable(); sys.dont_write_bytecode = True; "
             "sys.path.insert(0, sys.argv[2]); "
             "sys.path += [p for p in json.loads(sys.argv[3]).get('path', ())"
             " if p not in sys.path[1:]]; "
             "from grader.grading.sandbox import zygote; "
             "zygote.main(int(sys.argv[1]), tuple(map(int, sys.argv[4:])), sys.argv[3])")
"""a worker's first lines: the collector paused while it loads (`zygote.main` freezes what it
loaded, then runs it again), the package's folder, then what `site` gave the grader (`site_path`),
the package's folder again when it is site-packages (`isolation._python_folders` binds it whole
into the jobs' tree then, numpy with it)"""


def job_environment(home: str) -> dict[str, str]:
    env = {k: os.environ[k] for k in ENV_ALLOWED if k in os.environ}
    env.setdefault("PATH", "/usr/bin:/bin")
    env.update(HOME=home, TMPDIR=home, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1",
               MKL_NUM_THREADS="1", PYTHONIOENCODING="utf-8")
    return env


_site_paths: dict = {}


def site_path(prefixes: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """`read_site_path(prefixes)`, read once a process: every warm worker's start asks (a dict,
    not functools' cache: functools was 4 ms before the first worker could start)."""
    if prefixes not in _site_paths:
        _site_paths[prefixes] = read_site_path(prefixes)
    return _site_paths[prefixes]


def read_site_path(prefixes: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """What `site` gives a `python -I` of this interpreter: its site-packages folders and the
    folders their .pth files name (not their `import` lines: code `site` would run), read from
    the interpreter's own folders, never from this process's sys.path (pytest, a notebook's
    kernel or `python -m` put the current folder there, a checkout with its solutions). A
    worker starts without `site` (-S: its .pth files took 15-20 ms of each worker's start
    here, an editable install's finder most) and is given these, so that it finds numpy
    where `site` would have (if a .pth file's finder is what finds it, the worker runs `site`
    after all: see `zygote`). `prefixes`: the installations to read (`site`'s by default)."""
    import site

    found = []
    for folder in site.getsitepackages(prefixes):
        if not os.path.isdir(folder) or folder in found:
            continue
        found.append(folder)
        try:
            names = sorted(n for n in os.listdir(folder) if n.endswith(".pth"))
        except OSError:
            continue
        for name in names:
            try:
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    lines = f.read().splitlines()
            except (OSError, UnicodeDecodeError):
                continue
            for line in lines:
                if not line.strip() or line.startswith(("#", "import ", "import\t")):
                    continue
                named = os.path.abspath(os.path.join(folder, line.rstrip()))
                if os.path.isdir(named) and named not in found:
                    found.append(named)
    return tuple(found)


def as_json(value) -> str:
    """`json.dumps(value)` for the worker's settings (dicts, lists, strings, integers, booleans),
    without json and the `re` it imports (7 ms before the first worker could start): strings
    are written by json's own C encoder."""
    if isinstance(value, str):
        return encode_basestring_ascii(value)
    if value is True or value is False or value is None:
        return {True: "true", False: "false", None: "null"}[value]
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(map(as_json, value)) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{as_json(str(k))}: {as_json(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"not in a worker's settings: {type(value).__name__}")


def start_worker(home: str, bootstrap: str = BOOTSTRAP, siblings: int = 0,
                 isolation: str = "auto", homes: list[str] | None = None, mother: bool = False,
                 preload: bool = True) -> tuple[Spawned, _socket.socket, list[_socket.socket]]:
    """The worker's process, in a session of its own, the grader's end of its socket, and the
    grader's ends of the sockets of `siblings` more workers, which it forks once it is warm
    (Linux only; see `zygote._sibling`), each in its folder of `homes`. `isolation`: none, or
    the namespaces the kernel allows (see `isolation`). `mother`: a worker that runs no job
    but forks new workers on request (`zygote._mother`, `warm.Mother`). `preload`: False for
    a worker of a few jobs, which leaves the modules few jobs use to the jobs that import them
    (`zygote.PRELOAD`). The sockets are `_socket.socket`s (`as_socket` makes one a
    `socket.socket`)."""
    pairs = [_socket.socketpair(_socket.AF_UNIX, _socket.SOCK_SEQPACKET)
             for _ in range(1 + (siblings if sys.platform.startswith("linux") else 0))]
    theirs = [pair[1].fileno() for pair in pairs]
    shared = [os.path.abspath(f) for f in os.environ.get(SHARE, "").split(os.pathsep) if f]
    settings = as_json({"isolation": isolation, "homes": [home, *(homes or [])],
                        "path": list(site_path()), **({} if preload else {"preload": False}),
                        "owner": [os.getpid(), started(os.getpid())], "shared": shared,
                        **({"mother": True} if mother else {})})
    argv = [sys.executable, "-I", "-S", "-c", bootstrap, str(theirs[0]), PACKAGE_PARENT, settings,
            *map(str, theirs[1:])]
    try:
        process = spawned(argv, job_environment(home), home, theirs)
    except BaseException:
        for ours, _ in pairs:
            ours.close()
        raise
    finally:
        for _, other in pairs:
            other.close()
    return process, pairs[0][0], [ours for ours, _ in pairs[1:]]


def spawned(argv: list[str], env: dict[str, str], home: str, fds: list[int]):
    """The worker's process, in a session of its own, its standard streams on /dev/null, `fds`
    open in it: started with `os.posix_spawn` where the system has it (`Spawned`), else a
    `subprocess.Popen`. Its working folder is the grader's: the worker goes to `home` itself
    (`zygote.main`), since posix_spawn has no working folder of its own before Python 3.13."""
    try:
        return Spawned(argv, env, fds)
    except (AttributeError, NotImplementedError):  # no posix_spawn, no setsid in it, no /proc
        import subprocess

        return subprocess.Popen(argv, pass_fds=fds, env=env, cwd=home, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)


_spawning = _thread.allocate_lock()
"""held while a worker's sockets are inheritable: no other worker started meanwhile gets them"""


class Spawned:
    """A process started with `os.posix_spawn` (see `spawned`): what the grader asks of a
    `subprocess.Popen` (pid, returncode, poll, wait with a timeout, kill), without
    subprocess's imports (see the module's doc)."""

    def __init__(self, argv: list[str], env: dict[str, str], fds: list[int]):
        streams = [(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDWR, 0),
                   (os.POSIX_SPAWN_DUP2, 0, 1), (os.POSIX_SPAWN_DUP2, 0, 2)]
        with _spawning:
            closed = [(os.POSIX_SPAWN_CLOSE, fd) for fd in _inheritable() if fd not in fds]
            for fd in fds:
                os.set_inheritable(fd, True)
            try:
                self.pid = os.posix_spawn(argv[0], argv, env, file_actions=streams + closed,
                                          setsid=True)
            finally:
                for fd in fds:
                    os.set_inheritable(fd, False)
        self.args, self.returncode = argv, None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:  # reaped by someone else (a subreaper's loop): ended
                self.returncode = 0
            else:
                if pid:
                    self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        """Its exit code, once it has ended; `subprocess.TimeoutExpired` after `timeout` seconds
        (the moment it ends: its pidfd says when, `await_end`)."""
        if self.returncode is not None:
            return self.returncode
        if timeout is None:
            try:
                self.returncode = os.waitstatus_to_exitcode(os.waitpid(self.pid, 0)[1])
            except ChildProcessError:
                self.returncode = 0
            return self.returncode
        import time

        deadline = time.monotonic() + timeout
        await_end(self.pid, timeout)
        while self.poll() is None and time.monotonic() < deadline:  # (where there is no pidfd)
            time.sleep(0.002)
        if self.returncode is None:
            import subprocess

            raise subprocess.TimeoutExpired(self.args, timeout)
        return self.returncode

    def kill(self) -> None:
        if self.returncode is None:
            try:
                os.kill(self.pid, _signal.SIGKILL)
            except ProcessLookupError:
                pass


def await_end(pid: int, seconds: float) -> bool:
    """Back the moment process `pid` ends (its pidfd becomes readable: Linux 5.3 and later), or
    after `seconds`; False where there is no pidfd to wait on (the caller polls)."""
    import select

    try:
        fd = os.pidfd_open(pid)
    except (AttributeError, OSError):
        return False
    try:
        select.select([fd], [], [], seconds)
    finally:
        os.close(fd)
    return True


def _inheritable() -> list[int]:
    """This process's descriptors past the standard streams that a process it starts would
    inherit (a caller's dup2, a test's capture): closed in the worker, as Popen's close_fds
    closes them. NotImplementedError where /proc/self/fd cannot say."""
    try:
        names = os.listdir("/proc/self/fd")
    except OSError:
        raise NotImplementedError("/proc/self/fd") from None
    found = []
    for name in names:
        fd = int(name)
        try:
            if fd > 2 and os.get_inheritable(fd):
                found.append(fd)
        except OSError:  # the listing's own descriptor, closed by now
            pass
    return found


def as_socket(sock):
    """A worker's socket as a `socket.socket` (`start_worker` gives `_socket.socket`s)."""
    import socket

    return sock if isinstance(sock, socket.socket) else socket.socket(fileno=sock.detach())
