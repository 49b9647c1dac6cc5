"""Limits on a job as a whole (all its processes together): a cgroup of its own, where the
machine offers one the grader may make.

A warm worker makes one cgroup below the cgroup it runs in (cgroup v2, else v1's `memory` and
`pids` hierarchies), sets its memory and process limits, and keeps it open; each job's process
joins it first thing (writing `0` to `cgroup.procs`), so that the job and everything it starts
count together: six children of 628 MiB cannot all live, where a limit per process
(`RLIMIT_AS`) let each of them have 2 GiB. Jobs run one at a time per worker, so the cgroup
holds one job at a time. The worker removes it when it ends; one a killed worker left behind is
removed by the next worker whose grader finds the grader that owned it gone (the owner's pid
and start time are in the name, as in `scratch`).

Where no cgroup can be made (a user without delegation, a read-only cgroupfs, cgroup v2 whose
controllers the grader's own cgroup cannot hand down because it holds processes), `create`
says why, and the limits stay per process (`rlimits`).

Only the standard library: the warm worker imports this before it serves.
"""
from __future__ import annotations

import os
import re

NAME = re.compile(r"^grader-(\d+)-(\d+)-[0-9a-f]+$")
OOM_KILLS = re.compile(rb"^oom_kill (\d+)$", re.M)
"""the line of memory.events (v2) or memory.oom_control (v1) that counts the OOM killer's kills"""
CONTROLLERS = ("memory", "pids")


class Cgroup:
    """The cgroup (one per controller hierarchy in v1) of one warm worker's jobs."""

    def __init__(self, version: int, folders: dict[str, str]):
        self.version = version
        self.folders = folders
        """controller (or "" for v2) -> the cgroup's folder"""
        flags = os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC
        # kept open: the worker's tree (pivot_root) has no /sys/fs/cgroup
        self._fds = {f: os.open(f, flags) for f in dict.fromkeys(folders.values())}
        self._parents = {f: os.open(os.path.dirname(f), flags) for f in self._fds}
        self._procs = [os.open("cgroup.procs", os.O_WRONLY | os.O_CLOEXEC, dir_fd=fd)
                       for fd in self._fds.values()]
        memory = folders.get("memory", folders.get(""))
        events = "memory.events" if version == 2 else "memory.oom_control"
        self._oom = os.open(events, os.O_RDONLY | os.O_CLOEXEC, dir_fd=self._fds[memory])
        self._set: dict[str, object] = {}

    @property
    def name(self) -> str:
        return f"cgroup v{self.version}"

    def limit(self, memory: int | None, processes: int | None) -> None:
        """Set the limits of the jobs to come (written only when they change). Memory counts
        swap too where the machine accounts for it (a job must not page its way past it)."""
        if self.version == 2:
            wanted = (("", "memory.max", memory or "max"),
                      ("", "memory.swap.max", 0 if memory else "max"),
                      ("", "pids.max", processes or "max"))
        else:  # memory.memsw (memory and swap) may never be below memory: both orders tried
            both = (("memory", "memory.limit_in_bytes", memory or -1),
                    ("memory", "memory.memsw.limit_in_bytes", memory or -1))
            wanted = both + both[:1] + (("pids", "pids.max", processes or "max"),)
        failed = None
        for controller, name, value in wanted:
            if self._set.get(name) == value:
                continue
            try:
                fd = os.open(name, os.O_WRONLY | os.O_CLOEXEC,
                             dir_fd=self._fds[self.folders[controller]])
            except FileNotFoundError:  # no swap accounting here
                self._set[name] = value
                continue
            try:
                os.write(fd, str(value).encode())
                self._set[name] = value
            except OSError as e:
                failed = e
            finally:
                os.close(fd)
        if any(self._set.get(name) != value for _, name, value in wanted):
            raise failed or OSError(0, "the cgroup's limits could not be set")

    def join(self) -> None:
        """Put the calling process (a job's, before it runs anything) in the cgroup."""
        for fd in self._procs:
            os.write(fd, b"0")

    def ooms(self) -> int:
        """How many processes the kernel ended for going over the memory limit, so far."""
        found = OOM_KILLS.search(os.pread(self._oom, 4096, 0))
        return int(found.group(1)) if found else 0

    def remove(self) -> None:
        """Remove the cgroup (its jobs have ended). Works after pivot_root: through open
        folders."""
        for folder, parent in self._parents.items():
            try:
                os.rmdir(os.path.basename(folder), dir_fd=parent)
            except OSError:
                pass
            os.close(parent)
        for fd in self._procs + [self._oom, *self._fds.values()]:
            os.close(fd)
        self._parents, self._procs, self._fds = {}, [], {}


def name_for(home: str, owner: tuple[int, int]) -> str:
    """The cgroup of the worker whose home folder is `home`, for the grader process `owner`
    (pid, start time): the same for a worker started again in the same sandbox."""
    import hashlib

    digest = hashlib.sha1(os.fsencode(home)).hexdigest()[:16]
    return f"grader-{owner[0]}-{owner[1]}-{digest}"


def create(name: str, started) -> tuple[Cgroup | None, str | None]:
    """A cgroup `name` for a worker's jobs, below the calling process's own (v2 if it can hand
    the memory and pids controllers down, else v1's hierarchies), with the stale ones of
    graders that are gone removed first (`started(pid)` says when a process started, 0 when it
    is gone); or None and why not."""
    own = _own_cgroups()
    mounts = _mounts()
    why = []
    unified = next((m for m in mounts if m[2] == "cgroup2"), None)
    if unified is not None and "" in own:
        folder = _folder(unified, own[""])
        try:
            return _create_v2(folder, name, started), None
        except OSError as e:
            why.append(f"cgroup v2 at {folder}: {_said(e)}")
    folders = {}
    for controller in CONTROLLERS:
        mount = next((m for m in mounts if m[2] == "cgroup" and controller in m[3].split(",")),
                     None)
        path = own.get(controller)
        if mount is None or path is None:
            why.append(f"cgroup v1: no {controller} hierarchy")
            break
        folders[controller] = _folder(mount, path)
    else:
        made = {}
        try:
            for controller, folder in folders.items():
                _sweep(folder, started)
                made[controller] = _make(os.path.join(folder, name))
            return Cgroup(1, made), None
        except OSError as e:
            for folder in made.values():
                try:
                    os.rmdir(folder)
                except OSError:
                    pass
            why.append(f"cgroup v1 at {folders.get(controller, '?')}: {_said(e)}")
    return None, "; ".join(why) or "no cgroup file system"


def _create_v2(folder: str, name: str, started) -> Cgroup:
    with open(os.path.join(folder, "cgroup.controllers")) as f:
        available = f.read().split()
    missing = [c for c in CONTROLLERS if c not in available]
    if missing:
        raise OSError(0, f"the {' and '.join(missing)} controller is not available to this "
                         f"cgroup")
    with open(os.path.join(folder, "cgroup.subtree_control")) as f:
        enabled = f.read().split()
    if any(c not in enabled for c in CONTROLLERS):
        try:  # refused (EBUSY) when the grader's own cgroup holds processes, as it usually does
            with open(os.path.join(folder, "cgroup.subtree_control"), "w") as f:
                f.write(" ".join(f"+{c}" for c in CONTROLLERS))
        except OSError as e:
            raise OSError(e.errno, "the grader's cgroup cannot hand the memory and pids "
                                   "controllers down (it holds processes)") from None
    _sweep(folder, started)
    made = _make(os.path.join(folder, name))
    return Cgroup(2, {"": made})


def _make(folder: str) -> str:
    try:
        os.mkdir(folder, 0o755)
    except FileExistsError:  # the same sandbox's worker, started again
        pass
    return folder


def _sweep(folder: str, started) -> None:
    """Remove the cgroups of graders that are gone (an empty cgroup only: rmdir refuses one
    that holds a process)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for entry in names:
        found = NAME.match(entry)
        if found and started(int(found.group(1))) != int(found.group(2)):
            try:
                os.rmdir(os.path.join(folder, entry))
            except OSError:
                pass


def _own_cgroups() -> dict[str, str]:
    """controller -> the calling process's cgroup path ("" for v2)."""
    found = {}
    try:
        with open("/proc/self/cgroup") as f:
            lines = f.read().splitlines()
    except OSError:
        return found
    for line in lines:
        number, controllers, path = line.split(":", 2)
        if number == "0" and controllers == "":
            found[""] = path
        for controller in controllers.split(","):
            if controller:
                found[controller] = path
    return found


def _mounts() -> list[tuple[str, str, str, str]]:
    """(mount point, root within its file system, type, super options) of each cgroup mount."""
    found = []
    try:
        with open("/proc/self/mountinfo") as f:
            lines = f.read().splitlines()
    except OSError:
        return found
    for line in lines:
        fields = line.split()
        dash = fields.index("-")
        kind = fields[dash + 1]
        if kind in ("cgroup", "cgroup2"):
            found.append((_unescape(fields[4]), _unescape(fields[3]), kind, fields[dash + 3]))
    return found


def _folder(mount: tuple[str, str, str, str], path: str) -> str:
    point, root = mount[0], mount[1]
    relative = os.path.relpath(path, root) if root != "/" else path.lstrip("/")
    return os.path.normpath(os.path.join(point, relative))


def _unescape(text: str) -> str:
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), text)


def _said(error: OSError) -> str:
    return error.strerror or str(error)
