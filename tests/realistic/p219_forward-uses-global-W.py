# exercise: 219
# mistake: forward uses W, a name that only exists in the course's notebook, instead of self.W
# expect: name-typo, unset-name
# expect p220: cause:219
# expect p225: cause:219
# with p220: _p220_uses_affine.py
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
        out = np.dot(x, W) + self.b
        return out

    def backward(self, dout):
        dx = np.dot(dout, self.W.T)
        self.dW = np.dot(self.x.T, dout)
        self.db = np.sum(dout, axis=0)
        return dx
