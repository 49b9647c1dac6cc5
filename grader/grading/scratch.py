"""Where graders keep the copies of submissions they hand to the sandbox.

Every grader process keeps its working copies in one folder of its own, named after it
(`grader-run-<pid>-<start time>-…`, in /dev/shm when it has room, else TMPDIR or the system's
temporary folder). The command removes it when it ends, whatever the way (Ctrl-C, SIGTERM, an
error); a process killed outright (SIGKILL) cannot, so each grader, when it makes its own,
removes those of processes that are gone: what a killed run left never outlives the next run.
The start time tells a process from a later one given the same pid.
"""
from __future__ import annotations

import _thread
import atexit
import os

from .sandbox.pids import started

# Only `os` and builtin modules at the top: `grader check` makes its first warm worker's folder
# here before anything else is loaded (see `warm`); tempfile, shutil and re cost 5 ms there.

SCRATCH_CANDIDATES = ("/dev/shm",)
SCRATCH_MIN_FREE = 2 * 2**30
RUN_PREFIX = "grader-run-"

_lock = _thread.allocate_lock()
_made: dict[str, str] = {}
"""where -> this process's run folder there"""


def scratch_dir() -> str | None:
    """Where the graders copy submissions for each exercise: a memory file system when there is
    one with room (creating and deleting the copies on a disk costs more than grading most
    exercises), unless TMPDIR says otherwise."""
    if os.environ.get("TMPDIR"):
        return None
    for candidate in SCRATCH_CANDIDATES:
        try:
            info = os.statvfs(candidate)
        except OSError:
            continue
        if info.f_bavail * info.f_frsize >= SCRATCH_MIN_FREE and os.access(candidate, os.W_OK | os.X_OK):
            return candidate
    return None


def new_home(workdir: os.PathLike | str | None = None) -> str:
    """A folder of its own for one sandbox: the working copies of its jobs go in it, and the
    student's user may pass through it (see `Sandbox`). Whoever runs the sandbox removes it;
    without `workdir`, it lies in this process's run folder (`run_folder`)."""
    return make_folder(os.fspath(workdir or run_folder()), "grader-")


def make_folder(where: str, prefix: str, mode: int = 0o700) -> str:
    """A new folder in `where`, named `prefix` and a random part, made by this process alone
    (as `tempfile.mkdtemp` makes one)."""
    for _ in range(100):
        folder = os.path.join(where, prefix + os.urandom(6).hex())
        try:
            os.mkdir(folder, mode)
            return os.path.abspath(folder)
        except FileExistsError:
            continue
    raise FileExistsError(f"no free name for a folder in {where}")


def run_folder() -> str:
    """This process's folder for working copies (made on first use, after removing those that
    processes now gone left in the same place)."""
    if (where := scratch_dir()) is None:
        import tempfile

        where = tempfile.gettempdir()
    with _lock:
        if where not in _made:
            sweep(where)
            folder = make_folder(where, f"{RUN_PREFIX}{os.getpid()}-{started(os.getpid())}-")
            os.chmod(folder, 0o711)  # the sandbox's user passes through to its own folders
            if not _made:
                atexit.register(remove_run_folders)
            _made[where] = folder
        return _made[where]


def forked() -> None:
    """In a fork (the warm grader's answer to a call): its run folders are its own, made
    anew; the parent's stay the parent's."""
    with _lock:
        _made.clear()


def remove_run_folders() -> None:
    """Remove this process's run folders (the command's end, however it ends)."""
    import shutil

    with _lock:
        for where in list(_made):
            shutil.rmtree(_made.pop(where), ignore_errors=True)


def sweep(where: str) -> list[str]:
    """Remove the run folders in `where` of processes that are gone (killed outright); only this
    user's, never a live process's. Returns what it removed."""
    removed = []
    try:
        entries = list(os.scandir(where))
    except OSError:
        return removed
    for entry in entries:
        owner = run_owner(entry.name)
        if owner is None:
            continue
        try:
            if entry.stat(follow_symlinks=False).st_uid != os.geteuid() or not entry.is_dir(
                    follow_symlinks=False):
                continue
        except OSError:
            continue
        pid, since = owner
        if started(pid) != since:  # gone, or its pid is another process's now
            import shutil

            shutil.rmtree(entry.path, ignore_errors=True)
            removed.append(entry.path)
    return removed


def run_owner(name: str) -> tuple[int, int] | None:
    """The pid and start time of the process a run folder named `name` is for
    (`grader-run-<pid>-<start>-…`), or None if it is not a run folder."""
    if not name.startswith(RUN_PREFIX):
        return None
    parts = name[len(RUN_PREFIX):].split("-", 2)
    if len(parts) < 3 or not all(p.isascii() and p.isdigit() for p in parts[:2]):
        return None
    return int(parts[0]), int(parts[1])
