# exercise: 219
# mistake: dW = self.x.T * dout, an element-wise product
# expect: elementwise-product
import numpy as np


class Affine:
    def __init__(self, W, b):
        self.W = W
        self.b = b
        self.x = None
        self.dW = None
        self.db = None

    def forward(self, x):
        self.x = x
        out = np.dot(x, self.W) + self.b
        return out

    def backward(self, dout):
        dx = np.dot(dout, self.W.T)
        self.dW = self.x.T * dout
        self.db = np.sum(dout, axis=0)
        return dx
