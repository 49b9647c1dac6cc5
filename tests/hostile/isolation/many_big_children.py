# attack: six children of 628 MiB each, all meant to be alive at once (3.7 GiB for one job, each under the 2 GiB a process may have); a correct MulLayer only if all six held their memory at the same time
# before: passed: six children held 628 MiB each at once
# exercise: 209
# timeout-scale: 6
# status: failed
# message: expected
import os
import time

import numpy as np

CHILDREN, MIB = 6, 628
children = []
for i in range(CHILDREN):
    pid = os.fork()
    if pid == 0:
        try:
            try:  # the kernel then ends a child, never the job's own process
                with open("/proc/self/oom_score_adj", "w") as f:
                    f.write("1000")
            except OSError:
                pass
            block = np.ones(MIB * 2**20, dtype=np.uint8)  # every page touched
            open(f"held-{i}", "w").close()
            while not os.path.exists("release"):
                time.sleep(0.01)
            block.sum()
        finally:
            os._exit(0)
    children.append(pid)
ended = set()
while True:  # until each child holds its memory or has ended
    for i, pid in enumerate(children):
        if i not in ended and os.waitpid(pid, os.WNOHANG)[0]:
            ended.add(i)
    if all(i in ended or os.path.exists(f"held-{i}") for i in range(CHILDREN)):
        break
    time.sleep(0.01)
for i, pid in enumerate(children):  # a child may have been ended after it said it held
    if i not in ended and os.waitpid(pid, os.WNOHANG)[0]:
        ended.add(i)
held = [i for i in range(CHILDREN) if i not in ended and os.path.exists(f"held-{i}")]
open("release", "w").close()
for i, pid in enumerate(children):
    if i not in ended:
        os.waitpid(pid, 0)
print("held at once", len(held))


class MulLayer:
    def forward(self, x, y):
        self.x, self.y = x, y
        return x * y if len(held) == CHILDREN else x - y

    def backward(self, dout):
        return dout * self.y, dout * self.x
