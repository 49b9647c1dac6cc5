# exercise: 230
# mistake: the loss is summed over the batch, not averaged
# expect: no-batch-mean, scaled
import numpy as np


def softmax(x):
    x = x - np.max(x, axis=-1, keepdims=True)  # subtract each row's max: exp never overflows
    return np.exp(x) / np.sum(np.exp(x), axis=-1, keepdims=True)


def cross_entropy_error(y, t):
    if y.ndim == 1:  # one sample: a batch of one
        t = t.reshape(1, t.size)
        y = y.reshape(1, y.size)
    if t.size == y.size:  # one-hot labels -> class indices
        t = t.argmax(axis=1)
    batch_size = y.shape[0]
    return -np.sum(np.log(y[np.arange(batch_size), t] + 1e-7))  # 1e-7: never log(0)


class SoftmaxWithLoss:
    def __init__(self):
        self.loss = None
        self.y = None  # softmax output, kept for backward
        self.t = None  # one-hot labels

    def forward(self, x, t):
        self.t = t
        self.y = softmax(x)
        self.loss = cross_entropy_error(self.y, self.t)
        return self.loss

    def backward(self, dout=1):
        batch_size = self.t.shape[0] if self.t.ndim == 2 else 1  # a 1-D sample is a batch of one
        dx = (self.y - self.t) * dout / batch_size
        return dx
