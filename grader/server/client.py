"""`grader check` through the warm grader (see `grader.server`): the side that runs first.

`launch.entry` calls `run` before it imports anything else of the grader, so this module uses
the standard library only, and little of it (no numpy, no subprocess), besides `early`'s
reading of argv (`launch` has it loaded already): a call answered by the server costs an
interpreter's start and a socket. `run` finds the user's server (a unix socket
in a 0700 folder of the user's own), starts it when there is none, hands it the call (argv,
the working folder, the environment, and the terminal's own stdout and stderr, passed as file
descriptors: the server writes the report where a cold run would, with the same colour and
width decisions) and returns its exit code. None means "not answered": the caller grades cold,
silently. A server that cannot start or answer is never an error, only slower.

The server is replaced when what it loaded changed (`key`: the grader's version, the bank's
folder, the interpreter, the variables its workers see; the server itself watches the files
of the package and the bank, `watched`); it ends after `IDLE_SECONDS` without a call. A call
is one message (`encode`: no json to load) and the server's answers are words. `--no-server` or GRADER_NO_SERVER=1 grades cold; only `grader check` (not
--watch, not another command) goes through it.
"""
from __future__ import annotations

import os
import sys

import _socket

from ..early import command

NO_SERVER_ENV = "GRADER_NO_SERVER"
NO_SERVER_FLAG = "--no-server"
IDLE_SECONDS = 600
"""a server with no call for this long ends"""
START_SECONDS = 60.0
"""how long a first call waits for the server it started to be ready (loading the grader takes
under a second): past it, it grades cold"""
MAX_REQUEST = 1 << 20
EXIT_INTERRUPTED = 130

PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
"""the `grader` package"""
PACKAGE_PARENT = os.path.dirname(PACKAGE)
WORKER_ENV = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "OPENBLAS_CORETYPE",
              "OPENBLAS_L2_SIZE", "GRADER_SANDBOX_SHARE", "TMPDIR", "PYTHONPATH", "PYTHONHOME")
"""what the server's warm workers and its scratch folder take from the environment it started
in (`sandbox.spawn.ENV_ALLOWED` and SHARE, `scratch`): a call with other values gets a new
server (tests/test_server.py holds the list complete)"""
BOOT = ("import sys; sys.path.insert(0, sys.argv[1]); from grader.server.serve import main; "
        "main(*sys.argv[2:])")
FDS = (1, 2)
"""the caller's stdout and stderr, which the server writes to"""
CALL = "grader-call-1"
"""the first field of a call (`encode`): another word is JSON ("ping", "stop")"""


def wanted(argv: list[str], environ=os.environ) -> bool:
    """Whether this call goes through the server: `grader check` on Linux, without --watch,
    --no-server or GRADER_NO_SERVER=1, and not in a CI job (`CI` set, as GitHub Actions, GitLab
    and the like set it: a job makes one call, and a server would only outlive it), unless
    GRADER_NO_SERVER=0 asks for it."""
    asked = environ.get(NO_SERVER_ENV, "")
    if not sys.platform.startswith("linux") or asked not in ("", "0"):
        return False
    if asked == "" and environ.get("CI", "").lower() not in ("", "0", "false"):
        return False
    if NO_SERVER_FLAG in argv or "--watch" in argv:
        return False
    return command(argv) == "check"


def bank_folder(argv: list[str]) -> str:
    """The bank this call grades with: `--exercises DIR`, else the bundled one (as
    `bank.catalogue.default_exercises_dir` finds it)."""
    words = iter(argv)
    for word in words:
        if word == "--exercises":
            return os.path.abspath(next(words, "."))
        if word.startswith("--exercises="):
            return os.path.abspath(word.partition("=")[2])
        if not word.startswith("-"):
            break
    installed = os.path.join(PACKAGE, "exercises")
    return installed if os.path.isdir(installed) else os.path.join(PACKAGE_PARENT, "exercises")


def key(bank: str, version: str | None = None, environ=os.environ) -> str:
    """What the server loaded, said in a line: two equal keys, the same grader, bank folder,
    interpreter, user and workers' environment. The files of the package and the bank are the
    server's to watch (`watched`): a call costs no look at them."""
    if version is None:
        from grader import __version__ as version
    said = [version, sys.executable, sys.version, PACKAGE, bank, str(os.getuid())]
    said += [f"{name}={environ.get(name)}" for name in WORKER_ENV]
    return "\n".join(said)


def runtime_folder(environ=os.environ) -> str | None:
    """The user's folder for the server's socket: $XDG_RUNTIME_DIR/backprop-grader, else
    /tmp/backprop-grader-<uid>; made 0700, and used only if it is a folder (not a link) that
    the user owns and no one else may enter. None: no server."""
    base = environ.get("XDG_RUNTIME_DIR")
    if base and os.path.isabs(base) and os.path.isdir(base):
        folder = os.path.join(base, "backprop-grader")
    else:
        folder = f"/tmp/backprop-grader-{os.getuid()}"
    try:
        os.mkdir(folder, 0o700)
    except FileExistsError:
        pass
    except OSError:
        return None
    try:
        info = os.lstat(folder)
    except OSError:
        return None
    import stat

    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        return None
    return folder


def socket_path(folder: str) -> str:
    """One server per installed grader and interpreter (two virtual environments do not
    replace each other's)."""
    which = 0x811C9DC5  # FNV-1a: a name, not a secret (and no zlib to load for it)
    for byte in f"{PACKAGE}\n{sys.executable}".encode("utf-8", "surrogateescape"):
        which = ((which ^ byte) * 0x01000193) & 0xFFFFFFFF
    return os.path.join(folder, f"grader-{which:08x}.sock")


def run(argv: list[str]) -> int | None:
    """This `grader check` answered by the server: its exit code; None when it was not (grade
    cold)."""
    try:
        return _run(argv)
    except KeyboardInterrupt:  # before the server took the call: as a cold run says it
        print("grader: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except (OSError, ValueError, UnicodeError):
        return None


def _run(argv: list[str]) -> int | None:
    folder = runtime_folder()
    if folder is None:
        return None
    bank = bank_folder(argv)
    path = socket_path(folder)
    request = {"key": key(bank), "argv": argv, "cwd": os.getcwd(), "env": dict(os.environ),
               "encodings": [getattr(sys.stdout, "encoding", None),
                             getattr(sys.stderr, "encoding", None)]}
    for _ in range(2):  # a stale server steps down when told: then one new one
        sock = connect(path) or start(folder, path, bank)
        if sock is None:
            return None
        try:
            answer = call(sock, request)
        finally:
            sock.close()
        if answer != "stale":
            return answer
    return None


def connect(path: str):
    """A connection to the server at `path` (checked to be the user's own), or None."""
    sock = _socket.socket(_socket.AF_UNIX, _socket.SOCK_SEQPACKET)
    try:
        sock.connect(path)
        if peer(sock)[1] != os.getuid():
            raise PermissionError(path)
    except OSError:
        sock.close()
        return None
    return sock


def peer(sock) -> tuple[int, int, int]:
    """The pid, uid and gid of the process at the other end (SO_PEERCRED)."""
    raw = sock.getsockopt(_socket.SOL_SOCKET, _socket.SO_PEERCRED, 12)
    return tuple(int.from_bytes(raw[i:i + 4], sys.byteorder, signed=True) for i in (0, 4, 8))


def start(folder: str, path: str, bank: str):
    """Start the server (one caller at a time: the others wait, then find it), and connect."""
    import fcntl

    lock = os.open(path + ".start", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        sock = connect(path)
        if sock is None and spawn(folder, bank):
            sock = connect(path)
        return sock
    finally:
        os.close(lock)


def spawn(folder: str, bank: str) -> bool:
    """A detached server (a session of its own, not this process's child), and whether it said
    it is ready. Its standard error goes to server.log in the runtime folder."""
    import select

    ready, tell = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover (a child)
        try:
            os.close(ready)
            os.setsid()
            if os.fork() == 0:
                os.set_inheritable(tell, True)
                null = os.open(os.devnull, os.O_RDWR)
                log = os.open(os.path.join(folder, "server.log"),
                              os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                os.dup2(null, 0)
                os.dup2(null, 1)
                os.dup2(log, 2)
                os.chdir("/")
                os.execv(sys.executable, [sys.executable, "-c", BOOT, PACKAGE_PARENT, folder,
                                          bank, str(tell)])
        finally:
            os._exit(0)
    os.close(tell)
    try:
        os.waitpid(pid, 0)
        return bool(select.select([ready], [], [], START_SECONDS)[0]) and os.read(ready, 1) == b"R"
    finally:
        os.close(ready)


def call(sock, request: dict) -> int | str | None:
    """Hand the call over: the exit code; "stale" (the server was for another grader or bank,
    and ends); None (not answered)."""
    data = encode(request)
    if len(data) > MAX_REQUEST:
        return None
    fds = b"".join(fd.to_bytes(4, sys.byteorder, signed=True) for fd in FDS)
    sock.sendmsg([data], [(_socket.SOL_SOCKET, _socket.SCM_RIGHTS, fds)])
    reply = sock.recv(64)
    if reply == b"stale":
        return "stale"
    if reply != b"started":
        return None
    return _exit_code(sock)


def encode(request: dict) -> bytes:
    """A call as the server reads it (`decode`): its fields apart by NUL, which no argument,
    variable, path or encoding holds (and no json to load for it)."""
    fields = [CALL, request["key"], request["cwd"],
              *(encoding or "" for encoding in request["encodings"]),
              str(len(request["argv"])), *request["argv"],
              *(f"{name}={value}" for name, value in request["env"].items())]
    return "\0".join(fields).encode("utf-8", "surrogateescape")


def decode(data: bytes) -> dict | None:
    """A call `encode` wrote, or None if `data` is none."""
    fields = data.decode("utf-8", "surrogateescape").split("\0")
    try:
        if fields[0] != CALL:
            return None
        count = int(fields[5])
        argv, env = fields[6:6 + count], fields[6 + count:]
    except (IndexError, ValueError):
        return None
    if len(argv) != count or any("=" not in each for each in env):
        return None
    return {"key": fields[1], "cwd": fields[2], "encodings": [f or None for f in fields[3:5]],
            "argv": argv, "env": dict(each.partition("=")[::2] for each in env)}


def _exit_code(sock) -> int | None:
    """The server's answer under way: its exit code. Ctrl-C cancels the call (the server stops
    its jobs and says so, exit 130); a second one leaves at once."""
    cancelled = False
    while True:
        try:
            reply = sock.recv(64)
        except KeyboardInterrupt:
            if cancelled:
                return EXIT_INTERRUPTED
            cancelled = True
            try:
                sock.send(b"cancel")
            except OSError:
                return EXIT_INTERRUPTED
            continue
        if reply.startswith(b"code "):
            return int(reply[5:])
        if not reply:  # the server died under the call
            return EXIT_INTERRUPTED if cancelled else None


def ask(path: str, what: str) -> str | None:
    """A word to the server at `path`: "ping" (its pid, once its warm workers are ready) or
    "stop"; its answer, or None when it would not answer."""
    sock = connect(path)
    if sock is None:
        return None
    try:
        sock.send(("{\"%s\": true}" % what).encode())
        return sock.recv(64).decode() or None
    except OSError:
        return None
    finally:
        sock.close()
