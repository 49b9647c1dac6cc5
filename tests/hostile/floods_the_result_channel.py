# attack: writes 100 MiB straight into the grader's result channel (file descriptor 3)
# exercise: 209
# status: error
# message: too much data
import os


class MulLayer:
    def forward(self, x, y):
        chunk = b"x" * 2**20
        for _ in range(100):
            os.write(3, chunk)
        return x * y

    def backward(self, dout):
        return dout, dout
