# exercise: 152
# mistake: syn0 -= ... moves the weights the wrong way
# expect: wrong-sign
import numpy as np


def sigmoid(x, deriv=False):
    if deriv:
        return x * (1 - x)
    return 1 / (1 + np.exp(-x))


def train(X, y, iterations):
    np.random.seed(1)
    syn0 = np.random.random_sample((3, 1))
    for _ in range(iterations):
        l1 = sigmoid(np.dot(X, syn0))
        l1_error = y - l1
        l1_delta = l1_error * sigmoid(l1, True)
        syn0 -= np.dot(X.T, l1_delta)
    return syn0, l1
