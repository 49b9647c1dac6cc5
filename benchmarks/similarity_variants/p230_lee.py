import numpy as np


def stable_softmax(z):
    z = z - np.max(z, axis=-1, keepdims=True)
    ez = np.exp(z)
    return ez / np.sum(ez, axis=-1, keepdims=True)


class SoftmaxWithLoss:
    def __init__(self):
        self.y = None
        self.t = None
        self.loss = None
        self.batch = 1

    def forward(self, x, t):
        self.y = stable_softmax(x)
        self.t = t
        self.batch = x.shape[0] if x.ndim == 2 else 1
        logp = np.log(self.y + 1e-7)
        if t.size == self.y.size:
            total = -np.sum(t * logp)
        else:
            rows = np.arange(self.batch)
            total = -np.sum(logp.reshape(self.batch, -1)[rows, t])
        self.loss = total / self.batch
        return self.loss

    def backward(self, dout=1):
        grad = self.y.copy()
        if self.t.size == self.y.size:
            grad -= self.t
        else:
            grad.reshape(self.batch, -1)[np.arange(self.batch), self.t] -= 1
        return grad * dout / self.batch
