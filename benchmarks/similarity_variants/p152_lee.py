import numpy as np


def train(X, y, iterations):
    np.random.seed(1)
    syn0 = np.random.random_sample((3, 1))
    n = 0
    while True:
        layer = 1 / (1 + np.exp(-(X @ syn0)))
        delta = (y - layer) * layer * (1 - layer)
        syn0 += X.T @ delta
        n += 1
        if n >= iterations:
            break
    return syn0, layer
