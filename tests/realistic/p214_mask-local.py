# exercise: 214
# mistake: the mask is a local variable of forward, so backward has none
# expect: unset-attribute
import numpy as np


class Relu:
    def forward(self, x):
        mask = (x <= 0)
        out = x.copy()
        out[mask] = 0
        return out

    def backward(self, dout):
        dout[self.mask] = 0
        return dout
