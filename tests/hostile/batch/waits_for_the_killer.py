# attack: none: the victim of kills_what_it_sees.py. Its job says `ready` in its own folder and waits for the test's `release` there; then it is a correct MulLayer
# outcome: passed, graded once
import os
import time

open("ready", "w").close()
while not os.path.exists("release"):
    time.sleep(0.01)


class MulLayer:
    def forward(self, x, y):
        self.x, self.y = x, y
        return x * y

    def backward(self, dout):
        return dout * self.y, dout * self.x
