import numpy as np


def sigmoid(x):
    return np.where(x >= 0, 1 / (1 + np.exp(-np.abs(x))), np.exp(-np.abs(x)) / (1 + np.exp(-np.abs(x))))


def forward(X, params):
    z1 = np.matmul(X, params["W1"]) + params["b1"]
    h = sigmoid(z1)
    z2 = np.matmul(h, params["W2"]) + params["b2"]
    return h, sigmoid(z2)


def xor_gradients(X, Y, params):
    h, p = forward(X, params)
    delta_out = (p - Y) / X.shape[0]
    delta_hidden = np.matmul(delta_out, params["W2"].T) * (h * (1 - h))
    return {
        "W1": np.matmul(X.T, delta_hidden),
        "b1": np.sum(delta_hidden, axis=0),
        "W2": np.matmul(h.T, delta_out),
        "b2": np.sum(delta_out, axis=0),
    }


def train_xor(steps=10000, lr=1.0, seed=777):
    generator = np.random.RandomState(seed)
    size = 6
    params = dict(W1=generator.uniform(-1, 1, (2, size)), b1=np.zeros(size),
                  W2=generator.uniform(-1, 1, (size, 1)), b2=np.zeros(1))
    inputs = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    targets = np.array([0, 1, 1, 0], dtype=float).reshape(-1, 1)
    k = 0
    while k < steps:
        grads = xor_gradients(inputs, targets, params)
        for key, value in grads.items():
            params[key] -= lr * value
        k += 1
    return params
