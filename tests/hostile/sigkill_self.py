# attack: SIGKILL of its own process
# exercise: 209
# status: error
# message: killed by SIGKILL
import os
import signal


class MulLayer:
    def forward(self, x, y):
        os.kill(os.getpid(), signal.SIGKILL)

    def backward(self, dout):
        return dout, dout
