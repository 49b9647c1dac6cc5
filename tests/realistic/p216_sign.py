# exercise: 216
# mistake: (self.out - 1.0) for (1.0 - self.out): the sign of dx flipped
# expect: wrong-sign
import numpy as np


class Sigmoid:
    def __init__(self):
        self.out = None

    def forward(self, x):
        out = 1 / (1 + np.exp(-x))
        self.out = out
        return out

    def backward(self, dout):
        dx = dout * (self.out - 1.0) * self.out
        return dx
