# attack: returns 80 MB of data (the gradient check keeps one a nudge, until memory runs out)
# exercise: 209
# status: error
# message: too large to compare
# timeout-scale: 4
import numpy as np


class MulLayer:
    def forward(self, x, y):
        return np.zeros(10_000_000)

    def backward(self, dout):
        return np.zeros(10_000_000), np.zeros(10_000_000)
