# exercise: 219
# mistake: self.db = dout, the bias's gradient not summed over the batch
# expect: db-not-summed, missing-sum
import numpy as np


class Affine:
    def __init__(self, W, b):
        self.W = W
        self.b = b

    def forward(self, x):
        self.x = x
        return x.dot(self.W) + self.b

    def backward(self, dout):
        self.dW = self.x.T.dot(dout)
        self.db = dout
        return dout.dot(self.W.T)
