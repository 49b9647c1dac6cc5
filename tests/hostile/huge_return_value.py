# attack: returns 80 MB of data
# exercise: 209
# status: timeout
# message: too large to compare
import numpy as np


class MulLayer:
    def forward(self, x, y):
        return np.zeros(10_000_000)

    def backward(self, dout):
        return np.zeros(10_000_000), np.zeros(10_000_000)
