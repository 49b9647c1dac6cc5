# attack: none: the victim of kills_other_jobs.py. Its first job says it is ready and waits (to be killed); a job run after the kill is a correct MulLayer
# outcome: passed
import os
import time

if not os.path.exists(os.path.join(SIGNALS, "killed")):
    open(os.path.join(SIGNALS, f"ready-{os.getpid()}"), "w").close()
    while True:
        time.sleep(0.01)


class MulLayer:
    def forward(self, x, y):
        self.x, self.y = x, y
        return x * y

    def backward(self, dout):
        return dout * self.y, dout * self.x
