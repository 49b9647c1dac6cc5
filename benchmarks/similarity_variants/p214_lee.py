import numpy as np


class Relu:
    def __init__(self):
        self.x = None

    def forward(self, x):
        self.x = x.copy()
        return np.maximum(x, 0)

    def backward(self, dout):
        dx = dout.copy()
        dx[self.x <= 0] = 0
        return dx
