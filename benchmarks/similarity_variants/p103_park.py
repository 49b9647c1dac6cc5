import numpy as np

# truth table of XOR
DATA = np.array([[0, 0, 0], [0, 1, 1], [1, 0, 1], [1, 1, 0]], dtype=float)


class Net:
    def __init__(self, params):
        self.p = params

    def run(self, X):
        self.X = X
        self.h = 1 / (1 + np.exp(-(X @ self.p["W1"] + self.p["b1"])))
        self.out = 1 / (1 + np.exp(-(self.h @ self.p["W2"] + self.p["b2"])))
        return self.out

    def grads(self, Y):
        m = len(self.X)
        e = (self.out - Y) / m
        eh = (e @ self.p["W2"].T) * self.h * (1 - self.h)
        return {"W2": self.h.T @ e, "b2": e.sum(0), "W1": self.X.T @ eh, "b1": eh.sum(0)}


def xor_gradients(X, Y, params):
    net = Net(params)
    net.run(X)
    return net.grads(Y)


def train_xor(steps=10000, lr=1.0, seed=777):
    rng = np.random.default_rng(seed)
    params = {"W1": rng.normal(size=(2, 5)), "b1": np.zeros(5),
              "W2": rng.normal(size=(5, 1)), "b2": np.zeros(1)}
    X, Y = DATA[:, :2], DATA[:, 2:]
    for _ in range(steps):
        for k, g in xor_gradients(X, Y, params).items():
            params[k] -= lr * g
    return params
