# attack: a burst of 40 forked processes that sleep (bounded, so a failure of containment stays harmless)
# exercise: 209
# status: failed
# message: expected
import os
import time

for _ in range(40):
    try:
        if os.fork() == 0:
            time.sleep(987)
            os._exit(0)
    except OSError:
        break


class MulLayer:
    def forward(self, x, y):
        return x - y

    def backward(self, dout):
        return dout, dout
