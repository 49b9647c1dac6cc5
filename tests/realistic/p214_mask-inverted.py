# exercise: 214
# mistake: the mask keeps the positive inputs, so Relu zeroes the wrong ones
# expect: inverted-mask
import numpy as np


class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x > 0
        out = x.copy()
        out[self.mask] = 0
        return out

    def backward(self, dout):
        dout[self.mask] = 0
        return dout
