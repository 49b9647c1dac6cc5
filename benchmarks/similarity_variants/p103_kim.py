import numpy as np

HIDDEN = 8


def sig(v):
    return 1.0 / (1.0 + np.exp(-v))


def xor_gradients(X, Y, params):
    n = X.shape[0]
    a1 = X.dot(params["W1"]) + params["b1"]
    h = sig(a1)
    a2 = h.dot(params["W2"]) + params["b2"]
    p = sig(a2)
    d2 = (p - Y) / n
    grads = {"W2": h.T.dot(d2), "b2": d2.sum(axis=0)}
    d1 = d2.dot(params["W2"].T) * h * (1.0 - h)
    grads["W1"] = X.T.dot(d1)
    grads["b1"] = d1.sum(axis=0)
    return grads


def train_xor(steps=10000, lr=1.0, seed=777):
    np.random.seed(seed)
    params = {
        "W1": np.random.randn(2, HIDDEN),
        "b1": np.zeros(HIDDEN),
        "W2": np.random.randn(HIDDEN, 1),
        "b2": np.zeros(1),
    }
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    Y = np.array([[0.0], [1.0], [1.0], [0.0]])
    for step in range(steps):
        g = xor_gradients(X, Y, params)
        for name in ("W1", "b1", "W2", "b2"):
            params[name] = params[name] - lr * g[name]
    return params
