# attack: starts detached processes meant to outlive the grading
# exercise: 209
# status: failed
# message: expected
import os
import subprocess

for _ in range(5):
    subprocess.Popen(["sleep", "987"], start_new_session=True,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
if os.fork() == 0:  # a classic double-fork daemon
    os.setsid()
    if os.fork() == 0:
        os.execvp("sleep", ["sleep", "987"])
    os._exit(0)


class MulLayer:
    def forward(self, x, y):
        return x - y

    def backward(self, dout):
        return dout, dout
