# exercise: 103
# mistake: the biases' gradients are not summed over the four samples
# expect: missing-sum
import numpy as np

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
Y = np.array([[0], [1], [1], [0]], dtype=float)


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def xor_gradients(X, Y, params):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    h = sigmoid(np.dot(X, W1) + b1)
    p = sigmoid(np.dot(h, W2) + b2)
    dz2 = (p - Y) / len(X)
    dh = np.dot(dz2, W2.T)
    dz1 = dh * h * (1 - h)
    return {"W1": np.dot(X.T, dz1), "b1": dz1, "W2": np.dot(h.T, dz2), "b2": dz2}


def train_xor(steps=10000, lr=1.0, seed=777):
    rng = np.random.default_rng(seed)
    params = {"W1": rng.standard_normal((2, 4)), "b1": np.zeros(4),
              "W2": rng.standard_normal((4, 1)), "b2": np.zeros(1)}
    for _ in range(steps):
        grads = xor_gradients(X, Y, params)
        for key in params:
            params[key] -= lr * grads[key]
    return params
