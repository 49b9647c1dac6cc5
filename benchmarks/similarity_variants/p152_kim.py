import numpy as np


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def train(X, y, iterations):
    np.random.seed(1)
    weights = np.random.random_sample((3, 1))
    output = None
    for i in range(iterations):
        output = sigmoid(np.dot(X, weights))
        error = y - output
        slope = output * (1.0 - output)
        weights += np.dot(X.T, error * slope)
    return weights, output
