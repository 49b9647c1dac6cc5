"""Starting a warm worker: a new interpreter (`python -I`) running `zygote`, with the socket the
grader talks to it on and an allow-listed environment.

Only the standard library, and nothing slow to import: `grader check` starts its workers with
this before the rest of the grader loads (see `grading.warm`); `client.Sandbox` starts them with
it too.
"""
from __future__ import annotations

import functools
import json
import os
import socket
import subprocess
import sys

from . import PACKAGE_PARENT
from .pids import started

ENV_ALLOWED = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
SHARE = "GRADER_SANDBOX_SHARE"
"""folders (absolute, separated by os.pathsep) that every job may read and write although its
namespaces would hide them: for tests that watch jobs through files, or data a course gives
every job; each is named in the isolation's report (see `isolation`)"""
BOOTSTRAP = ("import sys, json; sys.dont_write_bytecode = True; sys.path.insert(0, sys.argv[2]); "
             "sys.path += [p for p in json.loads(sys.argv[3]).get('path', ())"
             " if p not in sys.path[1:]]; "
             "from grader.grading.sandbox import zygote; "
             "zygote.main(int(sys.argv[1]), tuple(map(int, sys.argv[4:])), sys.argv[3])")
"""a worker's first lines: the package's folder, then what `site` gave the grader (`site_path`),
the package's folder again when it is site-packages (`isolation._python_folders` binds it whole
into the jobs' tree then, numpy with it)"""


def job_environment(home: str) -> dict[str, str]:
    env = {k: os.environ[k] for k in ENV_ALLOWED if k in os.environ}
    env.setdefault("PATH", "/usr/bin:/bin")
    env.update(HOME=home, TMPDIR=home, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1",
               MKL_NUM_THREADS="1", PYTHONIOENCODING="utf-8")
    return env


@functools.lru_cache(maxsize=None)  # once a process: every warm worker's start asks
def site_path(prefixes: tuple[str, ...] | None = None) -> tuple[str, ...]:
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


def start_worker(home: str, bootstrap: str = BOOTSTRAP, siblings: int = 0,
                 isolation: str = "auto", homes: list[str] | None = None, mother: bool = False,
                 preload: bool = True
                 ) -> tuple[subprocess.Popen, socket.socket, list[socket.socket]]:
    """The worker's process, in a session of its own, the grader's end of its socket, and the
    grader's ends of the sockets of `siblings` more workers, which it forks once it is warm
    (Linux only; see `zygote._sibling`), each in its folder of `homes`. `isolation`: none, or
    the namespaces the kernel allows (see `isolation`). `mother`: a worker that runs no job
    but forks new workers on request (`zygote._mother`, `warm.Mother`). `preload`: False for
    a worker of a few jobs, which leaves the modules few jobs use to the jobs that import them
    (`zygote.PRELOAD`)."""
    pairs = [socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
             for _ in range(1 + (siblings if sys.platform.startswith("linux") else 0))]
    theirs = [pair[1].fileno() for pair in pairs]
    shared = [os.path.abspath(f) for f in os.environ.get(SHARE, "").split(os.pathsep) if f]
    settings = json.dumps({"isolation": isolation, "homes": [home, *(homes or [])],
                           "path": list(site_path()), **({} if preload else {"preload": False}),
                           "owner": [os.getpid(), started(os.getpid())], "shared": shared,
                           **({"mother": True} if mother else {})})
    try:
        process = subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", bootstrap, str(theirs[0]), PACKAGE_PARENT, settings,
             *map(str, theirs[1:])],
            pass_fds=theirs, env=job_environment(home), cwd=home,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True)
    except BaseException:
        for ours, _ in pairs:
            ours.close()
        raise
    finally:
        for _, other in pairs:
            other.close()
    return process, pairs[0][0], [ours for ours, _ in pairs[1:]]
