# exercise: 230
# mistake: keepdim=True, numpy's keyword is keepdims
# expect: numpy-name
import numpy as np


def softmax(x):
    x = x - np.max(x, axis=-1, keepdim=True)
    return np.exp(x) / np.sum(np.exp(x), axis=-1, keepdim=True)


def cross_entropy_error(y, t):
    if y.ndim == 1:
        t = t.reshape(1, t.size)
        y = y.reshape(1, y.size)
    batch_size = y.shape[0]
    return -np.sum(t * np.log(y + 1e-7)) / batch_size


class SoftmaxWithLoss:
    def __init__(self):
        self.loss = None
        self.y = None
        self.t = None

    def forward(self, x, t):
        self.t = t
        self.y = softmax(x)
        self.loss = cross_entropy_error(self.y, self.t)
        return self.loss

    def backward(self, dout=1):
        batch_size = self.t.shape[0] if self.t.ndim == 2 else 1
        dx = (self.y - self.t) * dout / batch_size
        return dx
