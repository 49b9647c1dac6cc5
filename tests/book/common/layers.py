# The layers of chapter 5, each keeping what its backward pass needs from its forward pass.
# (A test fixture in the book's layout; see tests/book/README.md.)
import numpy as np
from common.functions import sigmoid, softmax, cross_entropy_error
from common.util import as_matrix


class Relu:
    def __init__(self):
        self.mask = None  # where the input was <= 0: no gradient flows back there

    def forward(self, x):
        self.mask = x <= 0
        return np.where(self.mask, 0, x)

    def backward(self, dout):
        return np.where(self.mask, 0, dout)


class Sigmoid:
    def __init__(self):
        self.out = None  # the derivative is out * (1 - out): no need to keep the input

    def forward(self, x):
        self.out = sigmoid(x)
        return self.out

    def backward(self, dout):
        return dout * self.out * (1.0 - self.out)


class Affine:
    def __init__(self, W, b):
        self.W = W  # the network's own arrays, not copies: its updates reach the layer
        self.b = b
        self.x = None
        self.x_shape = None  # images come in as (N, C, H, W): dx goes back in that shape
        self.dW = None
        self.db = None

    def forward(self, x):
        self.x_shape = x.shape
        self.x = as_matrix(x)
        return self.x @ self.W + self.b

    def backward(self, dout):
        self.dW = self.x.T @ dout
        self.db = dout.sum(axis=0)  # b was added to every sample
        return (dout @ self.W.T).reshape(self.x_shape)


class SoftmaxWithLoss:
    def __init__(self):
        self.loss = None
        self.y = None  # the probabilities
        self.t = None  # the labels: one-hot rows or class indices

    def forward(self, x, t):
        self.t = t
        self.y = softmax(x)
        self.loss = cross_entropy_error(self.y, t)
        return self.loss

    def backward(self, dout=1):
        # softmax and cross-entropy together: the gradient is y - t, averaged over the batch
        one_hot = self.t if self.t.size == self.y.size else np.eye(self.y.shape[-1])[self.t]
        samples = self.y.shape[0] if self.y.ndim == 2 else 1
        return (self.y - one_hot) * dout / samples
