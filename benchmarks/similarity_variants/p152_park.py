import numpy as np


class Perceptron:
    def __init__(self):
        np.random.seed(1)
        self.w = np.random.random_sample((3, 1))

    @staticmethod
    def activate(z):
        return 1 / (1 + np.exp(-z))

    def step(self, X, y):
        pred = self.activate(np.matmul(X, self.w))
        self.w += np.matmul(X.T, (y - pred) * pred * (1 - pred))
        return pred


def train(X, y, iterations):
    model = Perceptron()
    last = None
    for _ in range(iterations):
        last = model.step(X, y)
    return model.w, last
