"""Each job in a world of its own: Linux namespaces, and limits on the job as a whole.

Without them every job ran as the same `nobody` on the machine as it is: one student's code
read the reference solutions (found through `sys.modules["grader"]`), the other students'
folders and the class's output folder, reached the network, killed the other students' jobs it
found in /proc, and left files in /tmp and /dev/shm for the jobs after it. Now, where the
kernel allows it:

- A warm worker, once (`enter_worker`): when the grader is not root, a user namespace in which
  its own uid and gid map to themselves (it gains nothing outside it); new pid, mount, network
  and UTS namespaces. The process that serves jobs is pid 1 of that pid namespace (its parent,
  the process the grader started, waits for it). It builds a tree of its own on a tmpfs:
  read-only, the system's /usr (and /bin, /lib… linked as the system links them), a few files
  of /etc, the devices null, zero, full, random and urandom, the Python installation and each
  folder Python imports from, the grader's package without its bank and its data; writable,
  its sandbox's folder (the jobs' working copies). It pivot_root(2)s into the tree and detaches
  the old root: the checkout, the solutions, other students, OUT and home folders are not
  there. Its network namespace has only a loopback that is down: no address, 127.0.0.1
  included, can be reached.
- A job (`start_job` in the worker, `enter_job` in the job's process): a new pid namespace
  whose pid 1 is a `cat` reading a pipe that never speaks (the job's own process is pid 2, an
  ordinary process that may signal itself); when the job ends the worker ends that `cat`, and
  the kernel ends everything else in the namespace with it. A new mount namespace with /proc of
  that pid namespace and fresh tmpfs on /tmp, /var/tmp and /dev/shm (PRIVATE_SIZE each), which
  vanish with it; a new IPC namespace. Before the student's code runs, the job drops every
  capability (`nobody` has none; in a user namespace, those it had there) and sets
  no_new_privs (a set-user-ID program gives nothing).

These are the steps of bubblewrap (as Flatpak uses it) and nsjail, made with the kernel's own
calls (ctypes): a job is a fork of a warm worker, which no tool that starts a program can wrap.
Where a step is refused (EPERM: user namespaces not allowed, a container that forbids mounts,
no pidfd), the worker runs its jobs as processes, as before, and says why (`report`):
`--isolation strict` then refuses to grade. Memory and processes are limited per job by a
cgroup where one can be made (`cgroups`), else per process (rlimits).

Only the standard library: the warm worker imports this before it serves.
"""
from __future__ import annotations

import ctypes
import os
import signal
import sys

from . import cgroups
from .pids import started

CLONE_NEWNS = 0x00020000
CLONE_NEWUTS = 0x04000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
NAMES = {CLONE_NEWUSER: "user", CLONE_NEWPID: "pid", CLONE_NEWNS: "mount",
         CLONE_NEWNET: "network", CLONE_NEWIPC: "ipc", CLONE_NEWUTS: "uts"}

MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_NOATIME, MS_NODIRATIME, MS_BIND, MS_REC = 32, 1024, 2048, 4096, 16384
MS_PRIVATE, MS_RELATIME = 1 << 18, 1 << 21
MNT_DETACH = 2
ST_FLAGS = {8: MS_NOEXEC, 1024: MS_NOATIME, 2048: MS_NODIRATIME, 4096: MS_RELATIME}
"""statvfs's flags of a mount that a bind of it must keep (a user namespace cannot clear them)"""
PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS, PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL = 24, 38, 47, 4
PR_SET_CHILD_SUBREAPER = 36
CAPABILITY_VERSION_3 = 0x20080522
SYS_PIVOT_ROOT = {"x86_64": 155, "aarch64": 41, "riscv64": 41, "loongarch64": 41,
                  "armv7l": 218, "armv6l": 218, "ppc64le": 203, "ppc64": 203, "s390x": 217,
                  "i686": 217, "i386": 217}

SYSTEM = ("usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32")
"""top-level folders of the system, bound read-only (or linked, as the system links them)"""
ETC = ("passwd", "group", "nsswitch.conf", "ld.so.cache", "ld.so.conf", "ld.so.conf.d",
       "localtime", "timezone", "os-release", "hosts", "host.conf", "alternatives",
       "mime.types", "protocols", "services")
"""what of /etc a program may need (names, the dynamic linker's cache, the time zone)"""
DEVICES = ("null", "zero", "full", "random", "urandom")
PRIVATE = ("/tmp", "/var/tmp", "/dev/shm")
"""each job's own, a fresh tmpfs"""
PRIVATE_SIZE = 64 * 2**20
PRIVATE_INODES = 16384
HIDDEN = ("exercises", "data")
"""folders of the grader's package a job never sees: the bank (an installed grader's
grader/exercises, with its frozen reference results) and the digits' data with their labels
(the warm worker loaded the images before it built the tree)"""
TREE = ".tree"
"""the mount point of a worker's tree, in its sandbox folder (empty outside the worker)"""
INITS = ("/usr/bin/cat", "/bin/cat")
MAX_FD = 1024

NAMESPACES, PROCESS = "namespaces", "process"


class Worker:
    """What a warm worker's jobs run in; `report` says it as plain data for the grader."""

    def __init__(self):
        self.level = PROCESS
        self.why: str | None = None
        """why not namespaces (technical, in English: the step and the kernel's answer)"""
        self.user_namespace = False
        self.separate = False
        """the worker lives in a pid namespace of its own: the pids it knows are not the
        grader's (it hands the grader pidfds)"""
        self.cgroup = None
        self.cgroup_why: str | None = None
        self.init: str | None = None
        self.shared: tuple[str, ...] = ()
        """folders every job may read and write (spawn.SHARE)"""
        self.kept: tuple[str, ...] = ()
        """the folders of the worker's tree that a job's fresh /tmp, /var/tmp or /dev/shm would
        hide (`covered`), bound again where they were: the sandbox's folder (the job's working
        copy and files, one job at a time), the shared ones, and the machine's folders the tree
        holds (Python's, the grader's package: a virtual environment in /tmp, as on CI
        machines). Found once, when the tree is built."""
        self._own_pid_namespace: int | None = None
        self._init_pipe: int | None = None

    def report(self) -> dict:
        return {"level": self.level, "why": self.why, "user_namespace": self.user_namespace,
                "limits": self.cgroup.name if self.cgroup else "rlimits",
                "limits_why": self.cgroup_why, "shared": list(self.shared)}

    # -- the worker's side --------------------------------------------------------------------

    def start_job(self, run) -> tuple[int, int | None]:
        """Fork a job's process, which calls `run` (and never returns); (its pid, the pid of
        its namespace's init or None). In namespaces the job is pid 2 of a new pid namespace,
        whose pid 1 is `init`."""
        if self.level != NAMESPACES:
            pid = os.fork()
            if pid == 0:
                run()
            return pid, None
        unshare(CLONE_NEWPID)
        try:
            read, write = os.pipe()
            try:
                init = os.posix_spawn(self.init, [self.init], {}, setsid=True, file_actions=[
                    (os.POSIX_SPAWN_DUP2, read, 0),
                    (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
                    (os.POSIX_SPAWN_DUP2, 1, 2)])
            finally:
                os.close(read)
            pid = os.fork()
            if pid == 0:
                os.close(write)
                run()
        finally:
            setns(self._own_pid_namespace, CLONE_NEWPID)  # the next job's namespace is new
        self._init_pipe = write
        return pid, init

    def end_job(self, init: int | None) -> None:
        """After the job's process has been reaped: end its namespace's init; the kernel ends
        and reaps whatever else is still in the namespace before init's end can be waited for,
        so nothing of the job outlives this call."""
        if init is None:
            return
        os.close(self._init_pipe)
        self._init_pipe = None
        try:
            os.kill(init, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(init, 0)

    # -- the job's side -------------------------------------------------------------------------

    def enter_job(self) -> None:
        """In the job's process, first thing: join the worker's cgroup; in namespaces, a mount
        and an IPC namespace of its own, its pid namespace's /proc, fresh /tmp, /var/tmp and
        /dev/shm, with the sandbox's folder (where its files are: one job at a time) where it
        was."""
        if self.cgroup is not None:
            self.cgroup.join()
        if self.level != NAMESPACES:
            return
        unshare(CLONE_NEWNS | CLONE_NEWIPC)
        mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
        # the folders a fresh tmpfs is about to cover (`kept`: the job's among them): held
        # open, to be bound again at the same place
        kept = {folder: os.open(folder, os.O_PATH | os.O_DIRECTORY | os.O_CLOEXEC)
                for folder in self.kept}
        try:
            for folder in PRIVATE:
                mount("tmpfs", folder, "tmpfs", MS_NOSUID | MS_NODEV,
                      f"mode=1777,size={PRIVATE_SIZE},nr_inodes={PRIVATE_INODES}")
            for folder, fd in kept.items():
                os.makedirs(folder, 0o755, exist_ok=True)
                mount(f"/proc/self/fd/{fd}", folder, None, MS_BIND | MS_REC)
        finally:
            for fd in kept.values():
                os.close(fd)

    def lock_down(self) -> None:
        """Before the job drops to its user: no capability can come back (the bounding and
        ambient sets emptied) and no program can raise its privileges (no_new_privs)."""
        if self.level != NAMESPACES:
            return
        libc = _lib()
        for capability in range(64):
            if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
                break  # past the last capability (EINVAL), or none to drop (EPERM)
        libc.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)
        _call("prctl(PR_SET_NO_NEW_PRIVS)", libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))

    def drop_capabilities(self) -> None:
        """After the job dropped to its user: no capability left (a user namespace gave the
        worker's own user every one inside it)."""
        if self.level != NAMESPACES:
            return
        header = (ctypes.c_uint32 * 2)(CAPABILITY_VERSION_3, 0)
        data = (ctypes.c_uint32 * 6)()
        _call("capset", _lib().capset(header, data))


def weakest(reports) -> dict | None:
    """Of several workers' reports (a submission spread over them, a class), the one that
    holds its jobs least: a worker without namespaces before one with, limits per process
    before limits per job; None when none ran a job."""
    found = [r for r in reports if isinstance(r, dict)]
    if not found:
        return None
    return min(found, key=lambda r: (r.get("level") == NAMESPACES, r.get("limits") != "rlimits",
                                     not r.get("why")))


def enter_worker(home: str, package: str, owner: tuple[int, int], wanted: bool,
                 shared=()) -> Worker:
    """Called by a warm worker before it serves: its jobs' cgroup, then its namespaces and
    tree (see the module's doc); `shared`: folders every job may read and write besides its
    own (spawn.SHARE). What failed is said in the worker's report; the worker then runs its
    jobs as processes. May fork: the caller's process then waits for the one that serves, and
    never returns."""
    worker = Worker()
    worker.shared = tuple(f for f in shared if os.path.isabs(f) and os.path.isdir(f))
    if not wanted:
        worker.why = "--isolation none"
        return worker
    if not sys.platform.startswith("linux"):
        worker.why = f"namespaces are Linux's ({sys.platform})"
        return worker
    try:
        worker.cgroup, worker.cgroup_why = cgroups.create(cgroups.name_for(home, owner),
                                                          started)
    except Exception as e:  # noqa: BLE001 (a cgroup file system of an unknown shape)
        worker.cgroup, worker.cgroup_why = None, f"{type(e).__name__}: {e}"
    try:
        _enter(worker, home, package)
    except OSError as e:
        worker.why = e.strerror or str(e)
    return worker


def _enter(worker: Worker, home: str, package: str) -> None:
    if not hasattr(os, "pidfd_open"):
        raise OSError(0, "no os.pidfd_open (Python 3.9 and later on Linux)")
    try:
        os.close(os.pidfd_open(os.getpid()))
    except OSError as e:
        raise OSError(e.errno, f"pidfd_open: {e.strerror} (Linux 5.3 and later)") from None
    init = next((path for path in INITS if os.access(path, os.X_OK)), None)
    if init is None:
        raise OSError(0, "no cat in /usr/bin or /bin, to stand as each job's init")
    flags = CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWUTS
    user = os.geteuid() != 0
    if user:
        flags |= CLONE_NEWUSER
        _try_first(flags, user)  # as root, an unshare refused has changed nothing: no trial
    uid, gid = os.getuid(), os.getgid()
    unshare(flags)
    if user:
        _map(uid, gid)
        worker.user_namespace = True
    served = os.fork()
    if served:
        _stand_by(served)
    worker.separate = True
    worker._own_pid_namespace = os.open("/proc/self/ns/pid", os.O_RDONLY | os.O_CLOEXEC)
    bound = _build_tree(home, package, worker.shared)
    worker.kept = tuple(covered((home, *worker.shared, *bound)))
    sethostname("grader")
    worker.init = init
    worker.level = NAMESPACES


def _try_first(flags: int, user: bool) -> None:
    """Whether the kernel lets this process unshare `flags` (and, in a user namespace, map its
    own ids), tried in a child first: a half-entered user namespace cannot be left."""
    uid, gid = os.getuid(), os.getgid()  # (in the new user namespace, unmapped: 65534)
    child = os.fork()
    if child == 0:
        code = 0
        try:
            unshare(flags)
            if user:
                _map(uid, gid)
        except OSError as e:
            code = min(e.errno or 1, 255)
        finally:
            os._exit(code)
    _, status = os.waitpid(child, 0)
    code = os.waitstatus_to_exitcode(status)
    if code:
        names = ", ".join(n for f, n in NAMES.items() if flags & f)
        raise OSError(code, f"unshare({names}): {os.strerror(code) if code > 0 else code}")


def _map(uid: int, gid: int) -> None:
    for path, text in (("/proc/self/setgroups", "deny"), ("/proc/self/uid_map", f"{uid} {uid} 1"),
                       ("/proc/self/gid_map", f"{gid} {gid} 1")):
        with open(path, "w") as f:
            f.write(text)


def _stand_by(served: int) -> None:
    """The process the grader started, once it has forked the one that serves (pid 1 of the
    new pid namespace): it holds nothing and waits, then ends as that one ended."""
    os.closerange(3, MAX_FD)
    while True:
        try:
            _, status = os.waitpid(served, 0)
            break
        except ChildProcessError:
            os._exit(70)
    os._exit(max(0, os.waitstatus_to_exitcode(status)))


def covered(folders) -> list[str]:
    """Of `folders`, those a job's fresh /tmp, /var/tmp or /dev/shm would hide, without one
    that lies in another (a bind of a folder brings what is mounted below it)."""
    found: list[str] = []
    for folder in sorted(dict.fromkeys(f for f in folders if f), key=len):
        if any(_under(folder, private) for private in PRIVATE) and \
                not any(_under(folder, kept) for kept in found):
            found.append(folder)
    return found


def _build_tree(home: str, package: str, shared=()) -> list[str]:
    """The worker's root: a tmpfs holding what its jobs may see (see the module's doc); the
    folders it bound from the machine, each where it was."""
    mount(None, "/", None, MS_REC | MS_PRIVATE)  # nothing done here reaches the machine
    tree = os.path.join(home, TREE)
    try:  # not makedirs: a worker discarded while it starts must not make its folder again
        os.mkdir(tree, 0o755)
    except FileExistsError:
        pass
    mount("tmpfs", tree, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755,size=4m,nr_inodes=8192")
    bound: list[str] = []  # real paths, to bind nothing twice
    folders: list[str] = []  # as bound
    for name in SYSTEM:
        if _link_or_bind(tree, "/" + name) and os.path.isdir("/" + name):
            bound.append(os.path.realpath("/" + name))
            folders.append("/" + name)
    os.mkdir(tree + "/etc")
    for name in ETC:
        _link_or_bind(tree, "/etc/" + name)
    _devices(tree)
    grader_package = os.path.join(package, "grader")
    for folder in _python_folders(package):
        if not any(_under(os.path.realpath(folder), b) for b in bound):
            _bind(tree, folder)
            bound.append(os.path.realpath(folder))
            folders.append(folder)
    if not any(_under(os.path.realpath(grader_package), b) for b in bound):
        _bind(tree, grader_package)
        folders.append(grader_package)
    for name in HIDDEN:
        target = tree + os.path.join(grader_package, name)
        if os.path.isdir(target):
            mount("tmpfs", target, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC,
                  "mode=0555,size=4k,nr_inodes=16")
    _bind(tree, home, writable=True)
    for folder in shared:
        _bind(tree, folder, writable=True)
    for folder in ("/tmp", "/var/tmp", "/proc"):
        os.makedirs(tree + folder, exist_ok=True)
    for folder in ("/tmp", "/var/tmp", "/dev/shm"):
        os.chmod(tree + folder, 0o1777)
    mount("proc", tree + "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    os.mkdir(tree + "/.old")
    pivot_root(tree, tree + "/.old")
    os.chdir("/")
    umount("/.old", MNT_DETACH)
    os.rmdir("/.old")
    mount(None, "/", None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)
    os.chdir(home)
    return folders


def _link_or_bind(tree: str, host: str) -> bool:
    """`host` in the tree as the machine has it: a link as a link (the system's /bin -> usr/bin),
    else a read-only bind; whether it was bound."""
    if os.path.islink(host):
        os.symlink(os.readlink(host), tree + host)
    elif os.path.exists(host):
        _bind(tree, host)
        return True
    return False


def _devices(tree: str) -> None:
    dev = tree + "/dev"
    os.mkdir(dev)
    for name in DEVICES:
        host = "/dev/" + name
        if os.path.exists(host):
            open(dev + "/" + name, "w").close()
            mount(host, dev + "/" + name, None, MS_BIND)
    for name, target in (("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"),
                         ("stdout", "/proc/self/fd/1"), ("stderr", "/proc/self/fd/2")):
        os.symlink(target, dev + "/" + name)
    os.mkdir(dev + "/shm")


def _python_folders(package: str) -> list[str]:
    """The Python installation and every folder Python imports from, as absolute paths; not
    the folder above the grader's package when only the worker's start put it on sys.path (a
    checkout: its solutions and bank), nor a folder that holds it."""
    folders = [sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix]
    site = [p for p in sys.path[1:] if p and os.path.isabs(p)]
    folders += site
    found = []
    for folder in folders:
        folder = os.path.normpath(folder)
        if not os.path.isdir(folder) or folder in found:
            continue
        if folder == package and package not in site:
            continue
        if folder != package and _under(package, folder):
            continue
        found.append(folder)
    return sorted(found, key=len)


def _bind(tree: str, host: str, writable: bool = False) -> None:
    target = tree + host
    if os.path.isdir(host):
        os.makedirs(target, exist_ok=True)
    else:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        open(target, "w").close()
    mount(host, target, None, MS_BIND | MS_REC)
    if not writable:
        kept = 0
        try:
            given = os.statvfs(host).f_flag
            kept = sum(flag for st, flag in ST_FLAGS.items() if given & st)
        except OSError:
            pass
        mount(None, target, None,
              MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV | kept)


def _under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


# -- the kernel's calls ---------------------------------------------------------------------------

_libc = None


def _lib():
    global _libc
    if _libc is None:
        _libc = ctypes.CDLL(None, use_errno=True)
    return _libc


def _call(what: str, result: int) -> None:
    if result != 0:
        number = ctypes.get_errno()
        raise OSError(number, f"{what}: {os.strerror(number)}")


def _bytes(text: str | None) -> bytes | None:
    return None if text is None else os.fsencode(text)


def unshare(flags: int) -> None:
    names = ", ".join(n for f, n in NAMES.items() if flags & f)
    _call(f"unshare({names})", _lib().unshare(ctypes.c_int(flags)))


def setns(fd: int, kind: int) -> None:
    _call(f"setns({NAMES.get(kind, kind)})", _lib().setns(fd, ctypes.c_int(kind)))


def mount(source: str | None, target: str, kind: str | None, flags: int,
          data: str | None = None) -> None:
    _call(f"mount {kind or 'bind'} on {target}", _lib().mount(
        _bytes(source), _bytes(target), _bytes(kind), ctypes.c_ulong(flags), _bytes(data)))


def umount(target: str, flags: int = 0) -> None:
    _call(f"umount {target}", _lib().umount2(_bytes(target), flags))


def pivot_root(new_root: str, put_old: str) -> None:
    libc = _lib()
    if hasattr(libc, "pivot_root"):
        result = libc.pivot_root(_bytes(new_root), _bytes(put_old))
    else:
        number = SYS_PIVOT_ROOT.get(os.uname().machine)
        if number is None:
            raise OSError(0, f"pivot_root: no system call number known for "
                             f"{os.uname().machine}")
        result = libc.syscall(ctypes.c_long(number), _bytes(new_root), _bytes(put_old))
    _call("pivot_root", result)


def become_subreaper() -> None:
    """This process inherits every process its descendants leave (their parent ended), to end
    or reap them; where there is no prctl (not Linux), nothing changes."""
    try:
        _lib().prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def sethostname(name: str) -> None:
    data = name.encode()
    _call("sethostname", _lib().sethostname(data, len(data)))
