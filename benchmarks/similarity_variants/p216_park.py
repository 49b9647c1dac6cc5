import math

import numpy as np


class Sigmoid:
    def __init__(self):
        self.out = None

    def forward(self, x):
        x = np.asarray(x, dtype=float)
        self.out = np.reciprocal(1.0 + np.power(math.e, -x))
        return self.out

    def backward(self, dout):
        derivative = np.multiply(self.out, np.subtract(1.0, self.out))
        return np.multiply(dout, derivative)
