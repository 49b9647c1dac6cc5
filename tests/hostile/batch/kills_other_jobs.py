# attack: once another student's job is running, scans /proc and SIGKILLs every process that runs as its user with its own command line and the same grader (the other jobs of this run's warm workers: tests running beside it are spared), then passes itself
# outcome: the killed students are graded again, alone, and pass; their killed result is never cached for a student with the same files, nor kept for a rerun
import json
import os
import signal
import time


def grader_of(cmdline):
    """The grader that owns a warm worker (its settings: the argument that is a JSON object)."""
    for argument in cmdline:
        try:
            return json.loads(argument)["owner"]
        except (KeyError, TypeError, ValueError):
            continue
    return None


def worker_command(cmdline):
    """A warm worker's command line without its socket's number and its settings."""
    return [a for a in cmdline if not a.isdigit() and not a.startswith(b"{")]


deadline = time.monotonic() + 60
while not any(n.startswith("ready-") for n in os.listdir(SIGNALS)) and time.monotonic() < deadline:
    time.sleep(0.01)
with open("/proc/self/cmdline", "rb") as f:  # python -I -S -c <bootstrap> <fd> <package> ...
    mine = f.read().split(b"\0")
grader = grader_of(mine)
mine = worker_command(mine)  # every warm worker's, whatever its socket's number
open(os.path.join(SIGNALS, "killed"), "w").close()  # before the kill: a job run after it sees it
killed = []
for entry in os.listdir("/proc"):
    if not entry.isdigit() or int(entry) in (os.getpid(), os.getppid()):
        continue
    try:
        with open(f"/proc/{entry}/cmdline", "rb") as f:
            theirs = f.read().split(b"\0")
        if worker_command(theirs) != mine or os.stat(f"/proc/{entry}").st_uid != os.getuid():
            continue
        if grader_of(theirs) != grader:
            continue
        os.kill(int(entry), signal.SIGKILL)
        killed.append(entry)
    except OSError:
        pass
with open(os.path.join(SIGNALS, "victims"), "w") as f:
    f.write(" ".join(killed))


class MulLayer:
    def forward(self, x, y):
        self.x, self.y = x, y
        return x * y

    def backward(self, dout):
        return dout * self.y, dout * self.x
