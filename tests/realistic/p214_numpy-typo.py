# exercise: 214
# mistake: np.maxmimum, a misspelt numpy function
# expect: numpy-name
import numpy as np


class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = (x <= 0)
        return np.maxmimum(0, x)

    def backward(self, dout):
        dout[self.mask] = 0
        dx = dout
        return dx
