import numpy as np


def softmax(x):
    x = x - np.max(x, axis=-1, keepdims=True)
    return np.exp(x) / np.sum(np.exp(x), axis=-1, keepdims=True)


def cross_entropy_error(y, t):
    if y.ndim == 1:
        t = t.reshape(1, t.size)
        y = y.reshape(1, y.size)
    if t.size == y.size:
        t = t.argmax(axis=1)
    batch_size = y.shape[0]
    return -np.sum(np.log(y[np.arange(batch_size), t] + 1e-7)) / batch_size


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
        batch_size = self.t.shape[0]  # the book's line: 10 (classes) on a 1-D label
        dx = (self.y - self.t) / batch_size
        return dx


t = np.array([0, 0, 1, 0, 0, 0, 0, 0, 0, 0])  # the answer is class 2
x1 = np.array([0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.05, 0.3, 0.1, 0.5])
x2 = np.array([0.01, 0.01, 0.9, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.02])

layer1 = SoftmaxWithLoss()
loss1 = layer1.forward(x1, t)
dx1 = layer1.backward()

layer2 = SoftmaxWithLoss()
loss2 = layer2.forward(x2, t)
dx2 = layer2.backward()

print(loss1)
print(dx1)
print(loss2)
print(dx2)
