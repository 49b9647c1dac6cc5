import numpy as np


class Affine:
    """Fully connected layer: y = xW + b."""

    def __init__(self, W, b):
        self.W, self.b = W, b
        self.dW, self.db = None, None
        self.original_shape = None
        self.x = None

    def forward(self, x):
        self.original_shape = x.shape
        x2 = x.reshape(1, -1) if x.ndim == 1 else x
        self.x = x2
        y = np.dot(x2, self.W) + self.b
        return y[0] if x.ndim == 1 else y

    def backward(self, dout):
        d = dout.reshape(1, -1) if dout.ndim == 1 else dout
        grad_input = np.dot(d, self.W.T)
        self.dW = np.dot(self.x.T, d)
        self.db = np.sum(d, axis=0)
        return grad_input.reshape(self.original_shape)
