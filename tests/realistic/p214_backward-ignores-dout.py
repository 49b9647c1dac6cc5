# exercise: 214
# mistake: backward returns the local derivative (1 where x > 0) and ignores dout
# expect: ignores-dout
import numpy as np


class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = (x <= 0)
        out = x.copy()
        out[self.mask] = 0
        return out

    def backward(self, dout):
        dx = np.ones_like(dout)
        dx[self.mask] = 0
        return dx
